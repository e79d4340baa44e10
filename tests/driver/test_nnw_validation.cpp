// nn_load_weights refuses every defective .nnw with the documented status, in
// the documented order, before touching the accelerator.
#include <gtest/gtest.h>

#include <functional>

#include "driver_fixture.h"
#include "nndriver/nn_nnw_format.h"

namespace {

using nn_test::Board;
using nn_test::kSignature;
using nn_test::TestModel;
using nnw_test::Build;
using nnw_test::GetU32;
using nnw_test::MakeSpec;
using nnw_test::PutU16;
using nnw_test::PutU32;
using nnw_test::RefreshHeaderCrc;
using nnw_test::RefreshPayloadCrc;
using Blob = std::vector<uint8_t>;

class NnwValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    nn_options o = board_.Options(false);
    ASSERT_EQ(nn_open(&dev_, &board_.model(), board_.hal(), &o), NN_OK);
    good_ = board_.ValidWeights();
    starts_ = board_.counters().starts;
  }
  void TearDown() override { nn_close(&dev_); }

  // Loads `blob`; a refused blob must not have started the accelerator.
  int Load(const Blob& blob) {
    // An empty vector may have no storage: pass a valid pointer with size 0.
    const void* p = blob.empty() ? static_cast<const void*>(good_.data()) : blob.data();
    int st = nn_load_weights(&dev_, p, blob.size());
    if (st != NN_OK) {
      EXPECT_EQ(board_.counters().starts, starts_) << "device started";
    }
    return st;
  }
  uint32_t PayloadOffset() const { return GetU32(good_, NNW_OFF_PAYLOAD_OFFSET); }

  Board board_{TestModel()};
  nn_device dev_{};
  Blob good_;
  uint64_t starts_ = 0;
};

TEST_F(NnwValidation, ValidBlobLoads) {
  EXPECT_EQ(PayloadOffset(), 192u);  // 64 + 96 -> 160 -> aligned to 192
  EXPECT_EQ(Load(good_), NN_OK) << board_.log.All();
}

TEST_F(NnwValidation, NullBlob) { EXPECT_EQ(nn_load_weights(&dev_, nullptr, 100), NN_E_INVAL); }

TEST_F(NnwValidation, TruncatedAtEveryInterestingPoint) {
  const size_t po = PayloadOffset();
  for (size_t n : {size_t{0}, size_t{3}, size_t{4}, size_t{40}, size_t{63}, size_t{64},
                   size_t{100}, po - 1, po, po + 4, good_.size() - 1}) {
    Blob b(good_.begin(), good_.begin() + long(n));
    EXPECT_EQ(Load(b), NN_E_WEIGHTS_TRUNCATED) << "size " << n;
  }
  EXPECT_TRUE(board_.log.Contains("truncated")) << board_.log.All();
}

TEST_F(NnwValidation, EveryTruncationIsRefused) {
  for (size_t n = 0; n < good_.size(); ++n) {
    Blob b(good_.begin(), good_.begin() + long(n));
    EXPECT_NE(Load(b), NN_OK) << "size " << n;
  }
}

TEST_F(NnwValidation, EverySingleByteChangeIsRefused) {
  for (size_t i = 0; i < good_.size(); ++i) {
    Blob b = good_;
    b[i] ^= 0x10;
    EXPECT_NE(Load(b), NN_OK) << "byte " << i;
  }
}

TEST_F(NnwValidation, Foreign) {
  Blob b = good_;
  b[2] = 'X';
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_FOREIGN);
  EXPECT_TRUE(board_.log.Contains("not a .nnw")) << board_.log.All();
  const char text[] = "hello, world";  // short and of another kind: foreign, not truncated
  EXPECT_EQ(Load(Blob(text, text + sizeof text)), NN_E_WEIGHTS_FOREIGN);
}

TEST_F(NnwValidation, Version) {
  Blob b = good_;
  PutU16(b, NNW_OFF_VERSION_MAJOR, 2);
  RefreshHeaderCrc(b);
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_VERSION);
  EXPECT_TRUE(board_.log.Contains("format version 2.0")) << board_.log.All();
  b = good_;
  PutU16(b, NNW_OFF_VERSION_MAJOR, 0);
  RefreshHeaderCrc(b);
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_VERSION);
  b = good_;  // any minor version is accepted
  PutU16(b, NNW_OFF_VERSION_MINOR, 9);
  RefreshHeaderCrc(b);
  EXPECT_EQ(Load(b), NN_OK) << board_.log.All();
}

struct Defect {
  const char* name;
  const char* log;  // expected in the log message
  int status;
  std::function<void(Blob&)> apply;  // refreshes CRCs itself where wanted
};

class NnwDefect : public NnwValidation, public ::testing::WithParamInterface<Defect> {};

TEST_P(NnwDefect, RefusedWithStatusAndMessage) {
  Blob b = good_;
  GetParam().apply(b);
  EXPECT_EQ(Load(b), GetParam().status) << GetParam().name << "\n" << board_.log.All();
  EXPECT_TRUE(board_.log.Contains(GetParam().log)) << board_.log.All();
}

void Refresh(Blob& b) {
  RefreshPayloadCrc(b);
  RefreshHeaderCrc(b);
}

INSTANTIATE_TEST_SUITE_P(
    All, NnwDefect,
    ::testing::Values(
        Defect{"header_size", "header_size is 65", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_OFF_HEADER_SIZE, 65); Refresh(b); }},
        Defect{"entry_size", "entry_size is 80", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_OFF_ENTRY_SIZE, 80); Refresh(b); }},
        Defect{"table_overlaps", "overlaps payload_offset", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_OFF_TENSOR_COUNT, 2); Refresh(b); }},
        Defect{"table_count_huge", "overlaps payload_offset", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_OFF_TENSOR_COUNT, 0xFFFFFFFFu); Refresh(b); }},
        Defect{"payload_offset_unaligned", "not 64-byte aligned", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) {
                 // Move the payload 4 bytes later, keep everything else right.
                 uint32_t po = GetU32(b, NNW_OFF_PAYLOAD_OFFSET);
                 b.insert(b.begin() + po, 4, 0);
                 PutU32(b, NNW_OFF_PAYLOAD_OFFSET, po + 4);
                 Refresh(b);
               }},
        Defect{"header_crc", "header_crc is", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { b[NNW_OFF_HEADER_CRC] ^= 1; }},
        Defect{"reserved_byte", "header corrupt", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { b[50] = 1; }},
        Defect{"tensor_name_byte", "header corrupt", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { b[NNW_HEADER_SIZE] = 'v'; }},
        Defect{"entry_rank", "rank 5 exceeds 4", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_RANK, 5); Refresh(b); }},
        Defect{"entry_range", "exceed the payload", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_OFFSET, 1); Refresh(b); }},
        Defect{"entry_range_wraps", "exceed the payload", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) {
                 PutU32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_OFFSET, 0xFFFFFFF0u);
                 PutU32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_COUNT, 0x20u);
                 Refresh(b);
               }},
        Defect{"entry_name_unterminated", "not NUL-terminated", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) {
                 for (size_t k = 0; k < NNW_NAME_SIZE; ++k) b[NNW_HEADER_SIZE + k] = 'a';
                 Refresh(b);
               }},
        Defect{"payload_crc", "payload_crc is", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { b[b.size() - 3] ^= 0x40; }},
        Defect{"payload_crc_field", "payload corrupt", NN_E_WEIGHTS_CORRUPT,
               [](Blob& b) { PutU32(b, NNW_OFF_PAYLOAD_CRC, 0); RefreshHeaderCrc(b); }},
        Defect{"signature", "weights for another model", NN_E_WEIGHTS_MODEL,
               [](Blob& b) { PutU32(b, NNW_OFF_SIGNATURE, kSignature ^ 1); Refresh(b); }},
        Defect{"bus_format", "bus_format 1", NN_E_WEIGHTS_SIZE,
               [](Blob& b) { PutU32(b, NNW_OFF_BUS_FORMAT, 1); Refresh(b); }},
        Defect{"payload_too_small", "payload_size 144 bytes, model needs 37 words",
               NN_E_WEIGHTS_SIZE, [](Blob& b) { b = Build(MakeSpec(kSignature, 36)); }},
        Defect{"payload_too_large", "payload_size 152", NN_E_WEIGHTS_SIZE,
               [](Blob& b) { b = Build(MakeSpec(kSignature, 38)); }},
        Defect{"payload_size_field", "truncated", NN_E_WEIGHTS_TRUNCATED,
               [](Blob& b) { PutU32(b, NNW_OFF_PAYLOAD_SIZE, 0xFFFFFFF0u); RefreshHeaderCrc(b); }}),
    [](const ::testing::TestParamInfo<Defect>& i) { return std::string(i.param.name); });

// The order of the checks decides which error a file with several defects
// gets (docs/nnw-format.md "Validation order").
TEST_F(NnwValidation, OrderOfChecks) {
  Blob b = good_;  // version before header CRC
  PutU16(b, NNW_OFF_VERSION_MAJOR, 3);
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_VERSION);

  b = good_;  // magic before everything
  b[0] = 'X';
  PutU16(b, NNW_OFF_VERSION_MAJOR, 3);
  EXPECT_EQ(Load(Blob(b.begin(), b.begin() + 10)), NN_E_WEIGHTS_FOREIGN);

  b = good_;  // layout before header CRC
  PutU32(b, NNW_OFF_HEADER_SIZE, 32);
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_CORRUPT);
  EXPECT_TRUE(board_.log.Contains("header_size is 32")) << board_.log.All();

  b = good_;  // truncation before signature
  PutU32(b, NNW_OFF_SIGNATURE, 1);
  Refresh(b);
  b.pop_back();
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_TRUNCATED);

  b = good_;  // signature before payload CRC
  PutU32(b, NNW_OFF_SIGNATURE, 1);
  RefreshHeaderCrc(b);
  b.back() ^= 1;
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_MODEL);

  b = Build(MakeSpec(kSignature ^ 1, 36));  // signature before size
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_MODEL);

  b = Build(MakeSpec(kSignature, 36));  // size before payload CRC
  b.back() ^= 1;
  EXPECT_EQ(Load(b), NN_E_WEIGHTS_SIZE);
}

TEST_F(NnwValidation, RefusedFileKeepsThePreviousWeights) {
  ASSERT_EQ(Load(good_), NN_OK);
  Blob bad = good_;
  bad.back() ^= 1;
  starts_ = board_.counters().starts;
  EXPECT_EQ(Load(bad), NN_E_WEIGHTS_CORRUPT);
  std::vector<float> in(20, 1.0f), out(5);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 1), NN_OK);
  EXPECT_EQ(out, board_.Expected(in, 1, good_));
}

// The byte-exact example of docs/nnw-format.md: the builder reproduces it and
// the driver accepts it.
TEST(NnwGolden, GoldenExampleFromTheDocs) {
  Blob golden(200, 0);
  const std::pair<size_t, std::vector<uint8_t>> rows[] = {
      {0x00, {0x4e, 0x4e, 0x57, 0x46, 0x01, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x0d, 0xf0,
              0xfe, 0xca}},
      {0x10, {0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0xc0, 0x00,
              0x00, 0x00}},
      {0x20, {0x08, 0x00, 0x00, 0x00, 0xf4, 0x02, 0x03, 0x56, 0x13, 0x8e, 0x9b, 0x36}},
      {0x40, {0x77}},
      {0x80, {0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
              0x00, 0x00}},
      {0xc0, {0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0}}};
  for (const auto& [off, bytes] : rows) std::copy(bytes.begin(), bytes.end(), golden.begin() + long(off));

  nnw_test::Spec spec;
  spec.signature = 0xCAFEF00Du;
  float w[2] = {1.0f, -2.5f};
  spec.payload.resize(2);
  std::memcpy(spec.payload.data(), w, 8);
  spec.tensors.push_back(nnw_test::Tensor{"w", 0, 2, {2}});
  EXPECT_EQ(Build(spec), golden);

  nn_model_desc m = TestModel(4, 2, 2, 1);
  m.signature = 0xCAFEF00Du;
  Board b(m);
  nn_options o = b.Options(false);
  o.skip_identify = 1;
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(nn_load_weights(&dev, golden.data(), golden.size()), NN_OK) << b.log.All();
  EXPECT_EQ(b.device().weights[0], 0x3F800000u);
  EXPECT_EQ(b.device().weights[1], 0xC0200000u);
  nn_close(&dev);
}

}  // namespace
