// Bounded resources: what is not a regular file is refused before it is opened, files and .npz
// members over the limits are refused before they are read or inflated, and a member is inflated
// only as far as its .npy header requires. Also the NaN/Inf scan the simulator and `nngen embed`
// warn with.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "file_io.h"
#include "npy.h"
#include "npy_test_util.h"

namespace {

namespace fs = std::filesystem;
using ::npytest::build_zip;
using ::npytest::Bytes;
using ::npytest::error_of;
using ::npytest::f32_bytes;
using ::npytest::npy_bytes;
using ::npytest::ZipEntry;
using ::testing::AllOf;
using ::testing::HasSubstr;
using Reason = nnnpy::FileError::Reason;

// The reason of the FileError `action` throws (fails the test if it throws nothing or another
// type).
Reason reason_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const nnnpy::FileError& e) {
    return e.reason();
  }
  ADD_FAILURE() << "no nnnpy::FileError thrown";
  return Reason::kReadFailed;
}

Bytes small_npy() {
  return npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                   f32_bytes({1.f, 2.f, 3.f, 4.f}));
}

ZipEntry deflated(const std::string& name, const Bytes& data) {
  ZipEntry e;
  e.name = name;
  e.data = data;
  e.method = 8;
  return e;
}

TEST(NpyLimitsTest, DevicesAreRefusedBeforeReading) {
  // Before: /dev/zero was read until memory ran out.
  EXPECT_THAT(error_of([] { nnnpy::read_array("/dev/zero"); }),
              AllOf(HasSubstr("/dev/zero: is not a regular file (a device, FIFO or socket)")));
  EXPECT_EQ(reason_of([] { nnnpy::read_npy("/dev/urandom"); }), Reason::kNotRegular);
}

TEST(NpyLimitsTest, FifoIsRefusedWithoutBlocking) {
  // Before: fopen() on a FIFO without a writer blocked forever.
  npytest::ScratchDir dir;
  const std::string fifo = dir.file("pipe.npy");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(fifo); }),
              HasSubstr(fifo + ": is not a regular file"));
  EXPECT_EQ(reason_of([&] { nnnpy::read_int_array(fifo); }), Reason::kNotRegular);
}

TEST(NpyLimitsTest, DirectoryIsNamed) {
  npytest::ScratchDir dir;
  const std::string path = dir.path().string();
  EXPECT_THAT(error_of([&] { nnnpy::read_array(path); }),
              HasSubstr(path + ": is a directory, not a file"));
  EXPECT_EQ(reason_of([&] { nnnpy::list_npz_keys(path); }), Reason::kNotRegular);
}

TEST(NpyLimitsTest, FileOverTheLimitIsRefusedBeforeReading) {
  // A sparse file one byte over the limit: refused from its size, never read (before: 2 GiB of
  // zeros were read into memory, then rejected as "not a .npy file").
  npytest::ScratchDir dir;
  const std::string big = dir.file("big.npy");
  dir.write("big.npy", small_npy());
  fs::resize_file(big, nnnpy::kMaxFileBytes + 1);
  EXPECT_THAT(error_of([&] { nnnpy::read_array(big); }),
              HasSubstr(big + ": the file is " + std::to_string(nnnpy::kMaxFileBytes + 1) +
                        " bytes, over the 2 GiB limit for .npy/.npz files"));
  EXPECT_EQ(reason_of([&] { nnnpy::read_npy(big); }), Reason::kTooLarge);
}

TEST(NpyLimitsTest, ReadWholeFileHonoursItsLimit) {
  npytest::ScratchDir dir;
  const std::string path = dir.write("w.bin", Bytes(100, 7));
  EXPECT_EQ(nnnpy::read_whole_file<std::string>(path, 100, "tests").size(), 100u);
  EXPECT_THAT(error_of([&] { nnnpy::read_whole_file<std::string>(path, 99, "test files"); }),
              HasSubstr(path + ": the file is 100 bytes, over the 99 bytes limit for test files"));
  EXPECT_EQ(nnnpy::byte_size_text(std::uint64_t{16} << 20), "16 MiB");
}

TEST(NpyLimitsTest, MemberDeclaringMoreThanTheLimitIsNotInflated) {
  // Before: inflated, then "inflates to 144 bytes, but the central directory says 3221225472".
  npytest::ScratchDir dir;
  ZipEntry huge = deflated("x.npy", small_npy());
  huge.uncompressed_size_override = std::uint64_t{3} << 30;
  const std::string path = dir.write("huge.npz", build_zip({huge}));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(path); }),
              HasSubstr(path + ": member 'x.npy' declares 3221225472 uncompressed bytes, over the "
                               "2 GiB limit for an array"));
}

TEST(NpyLimitsTest, BombBehindASmallHeaderIsRefusedFromTheHeader) {
  // A (4,) float32 header followed by 64 MiB of zeros, the central directory telling the truth
  // about the stream: refused from the header before the zeros are inflated (before: all 64 MiB
  // were inflated, then "extra data").
  npytest::ScratchDir dir;
  Bytes bomb = small_npy();
  bomb.resize(bomb.size() + (std::size_t{64} << 20), 0);
  const std::string path = dir.write("bomb.npz", build_zip({deflated("x.npy", bomb)}));
  EXPECT_THAT(
      error_of([&] { nnnpy::read_npz(path); }),
      HasSubstr("member 'x.npy': the central directory says " + std::to_string(bomb.size()) +
                " uncompressed bytes, but its .npy header (shape and dtype) requires " +
                std::to_string(small_npy().size())));
  // The same stream with a central directory that claims the header's size: inflation stops one
  // byte past it.
  ZipEntry liar = deflated("x.npy", small_npy());
  liar.payload_override = npytest::raw_deflate(bomb);
  const std::string liar_path = dir.write("liar.npz", build_zip({liar}));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(liar_path); }),
              HasSubstr("member 'x.npy' inflates to more than " +
                        std::to_string(small_npy().size()) + " bytes"));
}

TEST(NpyLimitsTest, HeaderRequiringMoreThanDeclaredIsRefusedBeforeTheData) {
  npytest::ScratchDir dir;
  const Bytes header_only =
      npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (800000000,), }", {});
  ZipEntry e = deflated("x.npy", header_only);
  const std::string path = dir.write("claims.npz", build_zip({e}));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(path); }),
              HasSubstr("the central directory says " + std::to_string(header_only.size()) +
                        " uncompressed bytes, but its .npy header (shape and dtype) requires " +
                        std::to_string(header_only.size() + 3200000000u)));
}

TEST(NpyLimitsTest, NonFiniteValuesAreCountedWithTheFirstIndex) {
  const float inf = std::numeric_limits<float>::infinity();
  const nnnpy::Array a{{3, 2}, {0.f, 1.f, std::nanf(""), 2.f, -inf, 3.f}};
  const nnnpy::NonFinite all = nnnpy::find_non_finite(a, a.data.size());
  EXPECT_EQ(all.count, 2u);
  EXPECT_EQ(all.first, 2u);
  EXPECT_EQ(nnnpy::find_non_finite(a, 2).count, 0u);
  EXPECT_EQ(nnnpy::non_finite_warning("x.npy", nnnpy::find_non_finite(a, 2), 2, 2), "");
  EXPECT_THAT(nnnpy::non_finite_warning("x.npy", all, 6, 2),
              HasSubstr("x.npy: 2 of 6 input values are NaN or infinite (the first at flat index "
                        "2, sample 1)"));
}

}  // namespace
