// test_devmem.cpp - the /dev/mem HAL over a sparse file standing in for
// physical memory: windows, refusals outside them, the carve-out allocator,
// and the real driver predicting through it (polling, no cache maintenance).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_devmem.h"

namespace hal_test {
namespace {

// A control block not on a page boundary, to exercise the page-aligned map.
constexpr uint64_t kCtrlBase = 0x40010;
constexpr uint32_t kCtrlSize = 0x1000;
constexpr uint64_t kCoBase = 0x100000;
constexpr uint64_t kCoSize = 0x10000;
constexpr uint64_t kMemSize = kCoBase + kCoSize;

class Devmem : public ::testing::Test {
 protected:
  void SetUp() override { tree_.MakeFile("dev/mem", kMemSize); }
  nn_devmem_config Config() {
    nn_devmem_config c;
    nn_devmem_config_init(&c);
    mem_ = tree_.Path("dev/mem");
    c.mem_path = mem_.c_str();
    c.ctrl_base = kCtrlBase;
    c.ctrl_size = kCtrlSize;
    c.carveout_base = kCoBase;
    c.carveout_size = kCoSize;
    return c;
  }
  std::string OpenError(const nn_devmem_config& c) {
    nn_devmem* d = nullptr;
    if (nn_devmem_open(&d, &c, err_, sizeof err_) == 0) {
      nn_devmem_close(d);
      return "(opened)";
    }
    EXPECT_EQ(d, nullptr);
    return err_;
  }
  uint32_t FileWord(uint64_t off) {
    std::string f = tree_.Read("dev/mem");
    uint32_t v;
    std::memcpy(&v, f.data() + off, 4);
    return v;
  }
  FakeTree tree_;
  std::string mem_;
  char err_[512] = "";
};

TEST(DevmemDefaults, ConfigInit) {
  nn_devmem_config c;
  nn_devmem_config_init(&c);
  EXPECT_STREQ(c.mem_path, "/dev/mem");
  EXPECT_EQ(c.ctrl_size, 0u);
  EXPECT_EQ(c.carveout_size, 0u);
}

TEST_F(Devmem, RegistersAndBuffersLandAtTheirPhysicalAddresses) {
  nn_devmem_config c = Config();
  nn_devmem* d = nullptr;
  ASSERT_EQ(nn_devmem_open(&d, &c, err_, sizeof err_), 0) << err_;
  nn_hal h = nn_devmem_hal(d);
  EXPECT_FALSE(nn_hal_has_irq(&h));        // no interrupt through /dev/mem
  EXPECT_EQ(h.ops->cache_clean, nullptr);  // no-map carve-out is uncached
  nn_hal_reg_write(&h, 0x3C, 0xA5A5F00Du);
  EXPECT_EQ(FileWord(kCtrlBase + 0x3C), 0xA5A5F00Du);
  nn_dma_buf b{};
  ASSERT_EQ(nn_hal_dma_alloc(&h, 100, &b), NN_HAL_OK);
  EXPECT_EQ(b.phys, kCoBase);
  EXPECT_EQ(b.size, 128u);
  static_cast<uint32_t*>(b.virt)[1] = 0x600DCAFEu;
  EXPECT_EQ(FileWord(kCoBase + 4), 0x600DCAFEu);
  nn_hal_dma_free(&h, &b);
  nn_devmem_close(d);
}

TEST_F(Devmem, MapsOutsideTheWindowsAreRefused) {
  nn_devmem_config c = Config();
  nn_devmem* d = nullptr;
  ASSERT_EQ(nn_devmem_open(&d, &c, err_, sizeof err_), 0) << err_;
  struct Range {
    uint64_t phys;
    size_t len;
  };
  for (Range r :
       {Range{0, 4}, Range{kCtrlBase - 4, 8}, Range{kCtrlBase + kCtrlSize - 4, 8},
        Range{kCoBase - 64, 64}, Range{kCoBase + kCoSize, 4}, Range{kCoBase, size_t(kCoSize) + 1},
        Range{kCoBase, 0}, Range{UINT64_MAX - 3, 4}}) {
    char err[512] = "";
    EXPECT_EQ(nn_devmem_map(d, r.phys, r.len, err, sizeof err), nullptr) << r.phys;
    EXPECT_NE(std::string(err).find("devmem: refusing to map"), std::string::npos) << err;
    EXPECT_NE(std::string(err).find("carve-out [0x100000, +0x10000)"), std::string::npos) << err;
  }
  // Inside: allowed.
  char err[512] = "";
  void* p = nn_devmem_map(d, kCoBase + 0x40, 0x40, err, sizeof err);
  ASSERT_NE(p, nullptr) << err;
  nn_devmem_unmap(d, p, kCoBase + 0x40, 0x40);
  nn_devmem_close(d);
}

TEST_F(Devmem, RequestBeyondTheCarveoutIsRefused) {
  nn_devmem_config c = Config();
  nn_devmem* d = nullptr;
  ASSERT_EQ(nn_devmem_open(&d, &c, err_, sizeof err_), 0) << err_;
  nn_hal h = nn_devmem_hal(d);
  nn_dma_buf a{}, b{};
  ASSERT_EQ(nn_hal_dma_alloc(&h, kCoSize - 64, &a), NN_HAL_OK);
  EXPECT_EQ(nn_hal_dma_alloc(&h, 65, &b), NN_HAL_NOMEM);
  std::string e = nn_devmem_last_error(d);
  EXPECT_NE(e.find("devmem carve-out at 0x100000: buffer of 65 bytes (128 padded) does not fit"),
            std::string::npos)
      << e;
  EXPECT_EQ(nn_hal_dma_alloc(&h, 64, &b), NN_HAL_OK);  // exactly what is left
  EXPECT_EQ(b.phys, kCoBase + kCoSize - 64);
  nn_hal_dma_free(&h, &a);
  nn_hal_dma_free(&h, &b);
  EXPECT_EQ(nn_hal_dma_alloc(&h, kCoSize + 1, &a), NN_HAL_NOMEM);
  nn_devmem_close(d);
}

TEST_F(Devmem, BadWindowsAreRefused) {
  nn_devmem_config c = Config();
  c.carveout_base = kCtrlBase + 0x800 - 0x10;  // overlaps the control window
  c.carveout_base &= ~uint64_t(63);
  EXPECT_NE(OpenError(c).find("overlaps the carve-out"), std::string::npos) << err_;
  c = Config();
  c.ctrl_size = 0;
  EXPECT_NE(OpenError(c).find("control window size 0x0 is too small"), std::string::npos) << err_;
  c = Config();
  c.carveout_size = 0;
  EXPECT_NE(OpenError(c).find("must be 64-byte aligned and hold at least 64 bytes"),
            std::string::npos)
      << err_;
  c = Config();
  c.carveout_base = kCoBase + 8;
  EXPECT_NE(OpenError(c).find("must be 64-byte aligned"), std::string::npos) << err_;
  c = Config();
  c.carveout_base = UINT64_MAX - 63;
  c.carveout_size = 128;
  EXPECT_NE(OpenError(c).find("wraps around"), std::string::npos) << err_;
}

// A carve-out above 4 GiB of size: a 32-bit process cannot map it, and must
// say so rather than map the size's low 32 bits and hand out buffers past
// the mapping's end (the bug this guards against); a 64-bit one goes on to
// the stand-in file's size check.
TEST_F(Devmem, CarveoutLargerThanTheAddressSpaceIsRefusedOn32Bit) {
  nn_devmem_config c = Config();
  c.carveout_size = (uint64_t{1} << 32) + 0x10000;
  const std::string e = OpenError(c);
  if (sizeof(size_t) < 8)
    EXPECT_NE(e.find("carve-out of 0x100010000 bytes is larger than this process can map"),
              std::string::npos)
        << e;
  else
    EXPECT_NE(e.find("holds 1114112 bytes, the windows reach 0x100110000"), std::string::npos) << e;
}

TEST_F(Devmem, MissingOrShortMemFileNamesThePath) {
  nn_devmem_config c = Config();
  std::string missing = tree_.Path("dev/nomem");
  c.mem_path = missing.c_str();
  EXPECT_NE(OpenError(c).find("cannot open " + missing + ": No such file or directory"),
            std::string::npos)
      << err_;
  tree_.MakeFile("dev/mem", kCoBase);  // carve-out beyond the end
  c = Config();
  EXPECT_NE(OpenError(c).find(tree_.Path("dev/mem") + " holds 1048576 bytes, the windows reach "
                                                      "0x110000"),
            std::string::npos)
      << err_;
}

TEST_F(Devmem, DriverPredictsThroughDevmem) {
  nn_model_desc model = TestModel();
  FakeAccelConfig fc;
  fc.reg_path = tree_.Path("dev/mem");
  fc.reg_file_offset = kCtrlBase;
  fc.reg_size = kCtrlSize;
  fc.mem_path = tree_.Path("dev/mem");
  fc.mem_file_offset = kCoBase;
  fc.mem_phys = kCoBase;
  fc.mem_size = kCoSize;
  fc.signature = kSignature;
  fc.input_size = model.input_size;
  fc.output_size = model.output_size;
  fc.weight_words = model.weight_words;
  FakeAccel accel(fc);

  nn_devmem_config c = Config();
  nn_devmem* d = nullptr;
  ASSERT_EQ(nn_devmem_open(&d, &c, err_, sizeof err_), 0) << err_;
  nn_hal h = nn_devmem_hal(d);
  nn_device dev;
  nn_options o;
  nn_options_init(&o);
  o.timeout_us = 2000000;
  ASSERT_EQ(nn_open(&dev, &model, &h, &o), NN_OK);
  std::vector<uint8_t> blob = BuildNnw(kSignature, model.weight_words, 3);
  ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(2 * model.input_size), out(2 * model.output_size);
  for (size_t i = 0; i < in.size(); ++i) in[i] = float(i) * 0.125f;
  ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_OK);
  std::vector<float> w = NnwWords(blob);
  for (uint32_t s = 0; s < 2; ++s)
    for (uint32_t j = 0; j < model.output_size; ++j)
      EXPECT_EQ(out[s * model.output_size + j],
                2.0f * in[s * model.input_size + j % model.input_size] + w[j % w.size()]);
  EXPECT_EQ(accel.bad_addresses.load(), 0);
  EXPECT_GE(dev.in_buf.phys, kCoBase);
  EXPECT_LT(dev.w_buf.phys, kCoBase + kCoSize);
  nn_close(&dev);
  nn_devmem_close(d);
}

}  // namespace
}  // namespace hal_test
