// write_npy: the bytes (NumPy's header layout), round trips, and the crash-safety promise: a failed
// write leaves neither a partial file nor a temporary file behind, and never damages an old file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <cstring>
#include <string>

#include "npy.h"
#include "npy_test_util.h"

namespace {

using ::npytest::Bytes;
using ::npytest::error_of;
using ::npytest::read_bytes;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string header_of(const Bytes& npy) {
  const std::size_t length = npy[8] | (npy[9] << 8);
  return std::string(npy.begin() + 10, npy.begin() + 10 + static_cast<long>(length));
}

TEST(NpyWriteTest, HeaderLayoutMatchesNumpy) {
  // np.save(f, np.zeros((2, 3), np.float32)) starts with exactly these 128 bytes: the dict, the
  // 21-column growth space for the first axis, padding to 64, '\n'.
  nnnpy::Array array{{2, 3}, std::vector<float>(6, 0.0f)};
  const Bytes bytes = nnnpy::encode_npy(array, "x.npy");
  ASSERT_EQ(bytes.size(), 128u + 24u);
  const std::string expected_header =
      std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") +
      std::string(58, ' ') + "\n";
  EXPECT_EQ(header_of(bytes), expected_header);
  EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 10),
            (Bytes{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0}));
}

TEST(NpyWriteTest, EveryHeaderIsAlignedTo64AndEndsWithNewline) {
  // Each extra dimension of 1 adds 3 characters (", 1"); as 3 and 64 are coprime, 64 consecutive
  // ranks give every header length mod 64, including the one where the text is already aligned
  // and NumPy pads a full 64 spaces. A leading 0 keeps the arrays empty.
  std::vector<std::vector<std::size_t>> shapes;
  for (std::size_t ndim = 1; ndim <= 66; ++ndim) {
    shapes.push_back(std::vector<std::size_t>(ndim, 1));
    shapes.back()[0] = 0;
  }
  shapes.push_back({});
  shapes.push_back({12345, 2});
  std::vector<bool> seen_padding(65, false);
  for (const auto& shape : shapes) {
    SCOPED_TRACE(nnnpy::shape_to_string(shape));
    nnnpy::Array array{shape, std::vector<float>(nnnpy::element_count(shape, "s"), 1.0f)};
    const Bytes bytes = nnnpy::encode_npy(array, "x.npy");
    const std::string header = header_of(bytes);
    EXPECT_EQ((10 + header.size()) % 64, 0u);
    EXPECT_EQ(bytes.size(), 10 + header.size() + 4 * array.data.size());
    EXPECT_EQ(header.back(), '\n');
    const std::string dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + nnnpy::shape_to_string(shape) +
        ", }";
    ASSERT_EQ(header.compare(0, dict.size(), dict), 0) << header;
    const std::size_t growth = shape.empty() ? 0 : 21 - std::to_string(shape[0]).size();
    const std::size_t padding = header.size() - 1 - dict.size() - growth;
    EXPECT_EQ(header.find_first_not_of(' ', dict.size()), header.size() - 1);
    ASSERT_GE(padding, 1u);
    ASSERT_LE(padding, 64u);
    seen_padding[padding] = true;
  }
  EXPECT_TRUE(seen_padding[64]) << "no shape hit the already-aligned case";
  EXPECT_TRUE(seen_padding[1]);
}

TEST(NpyWriteTest, HugeHeaderSwitchesToVersion2LikeNumpy) {
  // 22000 dimensions make a header longer than the 16-bit length field of version 1.0 allows.
  std::vector<std::size_t> shape(22000, 1);
  shape[0] = 0;
  const Bytes bytes = nnnpy::encode_npy(nnnpy::Array{shape, {}}, "x.npy");
  ASSERT_GT(bytes.size(), 0x10000u);
  EXPECT_EQ(bytes[6], 2);
  EXPECT_EQ(bytes[7], 0);
  const std::size_t header_len = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16);
  EXPECT_EQ(bytes.size(), 12 + header_len);
  EXPECT_EQ((12 + header_len) % 64, 0u);
  EXPECT_EQ(nnnpy::parse_npy(bytes.data(), bytes.size(), "x.npy").shape, shape);
}

TEST(NpyWriteTest, RoundTripsShapesAndBits) {
  npytest::ScratchDir dir;
  const std::vector<nnnpy::Array> arrays = {
      {{}, {3.25f}},
      {{5}, {1.0f, -0.0f, 1e-45f, 3.4028235e38f, -7.5f}},
      {{2, 3, 4}, std::vector<float>(24, 0.125f)},
      {{0, 3}, {}},
      {{300, 300}, std::vector<float>(90000, -3.5f)},  // larger than one 64 KiB read chunk
  };
  for (const nnnpy::Array& array : arrays) {
    SCOPED_TRACE(nnnpy::shape_to_string(array.shape));
    const std::string path = dir.file("round.npy");
    nnnpy::write_npy(path, array);
    const nnnpy::Array back = nnnpy::read_npy(path);
    EXPECT_EQ(back.shape, array.shape);
    ASSERT_EQ(back.data.size(), array.data.size());
    if (!array.data.empty()) {  // memcmp must not see the null data() of an empty vector
      EXPECT_EQ(std::memcmp(back.data.data(), array.data.data(), 4 * array.data.size()), 0);
    }
  }
  EXPECT_THAT(dir.listing(), ElementsAre("round.npy"));  // no temporary files left over
}

TEST(NpyWriteTest, NanPayloadSurvives) {
  npytest::ScratchDir dir;
  const std::uint32_t nan_bits = 0x7fc12345u;
  float nan_value;
  std::memcpy(&nan_value, &nan_bits, 4);
  nnnpy::write_npy(dir.file("nan.npy"), nnnpy::Array{{1}, {nan_value}});
  const nnnpy::Array back = nnnpy::read_npy(dir.file("nan.npy"));
  std::uint32_t bits;
  std::memcpy(&bits, &back.data[0], 4);
  EXPECT_EQ(bits, nan_bits);
}

TEST(NpyWriteTest, OverwritesAnExistingFile) {
  npytest::ScratchDir dir;
  const std::string path = dir.file("out.npy");
  nnnpy::write_npy(path, nnnpy::Array{{2}, {1.0f, 2.0f}});
  nnnpy::write_npy(path, nnnpy::Array{{1}, {9.0f}});
  EXPECT_THAT(nnnpy::read_npy(path).data, ElementsAre(9.0f));
  EXPECT_THAT(dir.listing(), ElementsAre("out.npy"));
}

TEST(NpyWriteTest, ShapeDataMismatchWritesNothing) {
  npytest::ScratchDir dir;
  const std::string path = dir.file("out.npy");
  EXPECT_THAT(error_of([&] {
                nnnpy::write_npy(path, nnnpy::Array{{2, 3}, {1.0f}});
              }),
              AllOf(HasSubstr(path), HasSubstr("has 1 values but its shape (2, 3) needs 6")));
  EXPECT_THAT(dir.listing(), IsEmpty());

  // An existing file stays as it was.
  nnnpy::write_npy(path, nnnpy::Array{{1}, {5.0f}});
  const Bytes before = read_bytes(path);
  EXPECT_THAT(error_of([&] {
                nnnpy::write_npy(path, nnnpy::Array{{}, {}});
              }),
              AllOf(HasSubstr(path), HasSubstr("has 0 values but its shape () needs 1")));
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_THAT(dir.listing(), ElementsAre("out.npy"));
}

TEST(NpyWriteTest, MissingDirectoryIsReported) {
  npytest::ScratchDir dir;
  const std::string path = dir.file("no/such/dir/out.npy");
  EXPECT_THAT(error_of([&] {
                nnnpy::write_npy(path, nnnpy::Array{{1}, {1.0f}});
              }),
              AllOf(HasSubstr(path), HasSubstr("cannot create temporary file"),
                    HasSubstr("No such file or directory")));
  EXPECT_THAT(dir.listing(), IsEmpty());
  EXPECT_THAT(error_of([&] {
                nnnpy::write_npy(dir.path().string() + "/", nnnpy::Array{{}, {1}});
              }),
              HasSubstr("the path names no file"));
}

TEST(NpyWriteTest, FailedRenameRemovesTheTemporaryFile) {
  // The target is a non-empty directory: everything is written, then the rename fails.
  npytest::ScratchDir dir;
  const std::string path = dir.file("taken.npy");
  std::filesystem::create_directory(path);
  dir.write("taken.npy/keep", Bytes{1});
  EXPECT_THAT(error_of([&] {
                nnnpy::write_npy(path, nnnpy::Array{{1}, {1.0f}});
              }),
              AllOf(HasSubstr(path), HasSubstr("cannot replace with the new file")));
  EXPECT_THAT(dir.listing(), ElementsAre("taken.npy"));
}

// Limits the size of files this process may write, so that write() fails half-way (EFBIG) like
// on a full disk; SIGXFSZ is ignored so the failure comes back as an error, not a signal.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved_;
    limited.rlim_cur = bytes;
    ok_ = setrlimit(RLIMIT_FSIZE, &limited) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
  bool ok_ = false;
};

TEST(NpyWriteTest, WriteFailingHalfWayLeavesNoFileAndKeepsTheOldOne) {
  npytest::ScratchDir dir;
  const std::string path = dir.file("big.npy");
  nnnpy::write_npy(path, nnnpy::Array{{1}, {42.0f}});
  const Bytes before = read_bytes(path);
  const nnnpy::Array big{{100000}, std::vector<float>(100000, 1.0f)};  // 400 KB
  std::string message;
  {
    FileSizeLimit limit(64 * 1024);
    ASSERT_TRUE(limit.ok());
    message = error_of([&] { nnnpy::write_npy(path, big); });
  }
  EXPECT_THAT(message, AllOf(HasSubstr(path), HasSubstr("cannot write"), HasSubstr("too large")));
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_THAT(dir.listing(), ElementsAre("big.npy"));

  // And when there was no old file, there is none afterwards.
  const std::string fresh = dir.file("fresh.npy");
  {
    FileSizeLimit limit(64 * 1024);
    ASSERT_TRUE(limit.ok());
    message = error_of([&] { nnnpy::write_npy(fresh, big); });
  }
  EXPECT_THAT(message, HasSubstr(fresh));
  EXPECT_THAT(dir.listing(), ElementsAre("big.npy"));
}

}  // namespace
