// Bounded resources: what is not a regular file is refused before it is read, files and .npz
// members over the limits are refused before they are read or inflated, a member is inflated only
// as far as its .npy header requires and memory grows only with the bytes inflation produces (the
// hostile archives run in a child process whose address space is limited). Also the NaN/Inf scan
// the simulator and `nngen embed` warn with.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <new>

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

// ASan reserves terabytes of address space, so an address-space limit cannot be used under it.
#if defined(__SANITIZE_ADDRESS__)
#define NPY_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NPY_TEST_ASAN 1
#endif
#endif

// Address space a hostile archive may cost: far above what parsing these small files needs, far
// below the gigabytes their headers declare (and below the 64 MiB bomb).
constexpr std::uint64_t kMemoryBudget = std::uint64_t{32} << 20;

// error_of(action), run in a forked child whose address space may grow by at most `budget` bytes
// beyond its size at the fork: "<out of memory>" when the action needed more. Under ASan the
// action runs here, without the limit (the messages are still checked).
std::string error_within_memory(std::uint64_t budget, const std::function<void()>& action) {
#ifdef NPY_TEST_ASAN
  (void)budget;
  return error_of(action);
#else
  int fds[2];
  if (::pipe(fds) != 0) return "<pipe failed>";
  const pid_t child = ::fork();
  if (child < 0) return "<fork failed>";
  if (child == 0) {
    ::close(fds[0]);
    std::string report;
    try {
      long pages = 0;  // VmSize, the first field of /proc/self/statm
      std::FILE* statm = std::fopen("/proc/self/statm", "r");
      const bool known = statm != nullptr && std::fscanf(statm, "%ld", &pages) == 1;
      if (statm != nullptr) std::fclose(statm);
      const rlimit limit{
          static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + budget,
          RLIM_INFINITY};
      report = !known                                ? "<cannot read /proc/self/statm>"
               : ::setrlimit(RLIMIT_AS, &limit) != 0 ? "<setrlimit failed>"
                                                     : error_of(action);
    } catch (const std::bad_alloc&) {
      report = "<out of memory>";
    } catch (const std::exception& e) {
      report = std::string("<unexpected exception: ") + e.what() + ">";
    }
    const bool sent =
        ::write(fds[1], report.data(), report.size()) == static_cast<ssize_t>(report.size());
    ::_exit(sent ? 0 : 1);
  }
  ::close(fds[1]);
  std::string report;
  char buffer[4096];
  for (ssize_t got; (got = ::read(fds[0], buffer, sizeof buffer)) > 0;) report.append(buffer, got);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "<child failed: " + report + ">";
  return report;
#endif
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

TEST(NpyLimitsTest, FifoSwappedInForTheFileNeverBlocks) {
  // One process keeps renaming a fresh FIFO and a fresh .npy file over the same path while a
  // second one reads it for a second: each read reads the file or refuses the FIFO, none waits for
  // a writer (before: the path was checked with stat, then opened again by name, so a FIFO renamed
  // in between made the open block). A blocked reader is ended by its alarm and fails the test.
  npytest::ScratchDir dir;
  const std::string path = dir.file("x.npy");
  dir.write("x.npy", small_npy());
  const pid_t swapper = ::fork();
  ASSERT_GE(swapper, 0);
  if (swapper == 0) {
    const std::string fifo = dir.file("fifo.tmp"), file = dir.file("file.tmp");
    const Bytes content = small_npy();
    for (;;) {
      ::mkfifo(fifo.c_str(), 0600);
      ::rename(fifo.c_str(), path.c_str());
      const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) {
        if (::write(fd, content.data(), content.size()) < 0) ::_exit(1);
        ::close(fd);
      }
      ::rename(file.c_str(), path.c_str());
    }
  }
  const pid_t reader = ::fork();
  if (reader == 0) {
    ::alarm(5);  // the reads take 1 s
    int files = 0, fifos = 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (std::chrono::steady_clock::now() < end) {
      try {
        files += nnnpy::read_npy(path).data.size() == 4 ? 1 : 0;
      } catch (const nnnpy::FileError& e) {
        if (e.reason() != Reason::kNotRegular) ::_exit(2);
        ++fifos;
      }
    }
    ::_exit(files > 0 && fifos > 0 ? 0 : 3);
  }
  int status = 0;
  if (reader > 0) ::waitpid(reader, &status, 0);
  ::kill(swapper, SIGKILL);
  ::waitpid(swapper, nullptr, 0);
  ASSERT_GT(reader, 0);
  EXPECT_FALSE(WIFSIGNALED(status))
      << "the reader blocked (ended by signal " << WTERMSIG(status) << ")";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "exit status " << WEXITSTATUS(status)
      << " (2: another error than 'not a regular file', 3: the swap was never seen)";
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
  // Both run within kMemoryBudget (32 MiB), so inflating the 64 MiB would fail them.
  npytest::ScratchDir dir;
  Bytes bomb = small_npy();
  bomb.resize(bomb.size() + (std::size_t{64} << 20), 0);
  const std::string path = dir.write("bomb.npz", build_zip({deflated("x.npy", bomb)}));
  EXPECT_THAT(
      error_within_memory(kMemoryBudget, [&] { nnnpy::read_npz(path); }),
      HasSubstr("member 'x.npy': the central directory says " + std::to_string(bomb.size()) +
                " uncompressed bytes, but its .npy header (shape and dtype) requires " +
                std::to_string(small_npy().size())));
  // The same stream with a central directory that claims the header's size: inflation stops one
  // byte past it.
  ZipEntry liar = deflated("x.npy", small_npy());
  liar.payload_override = npytest::raw_deflate(bomb);
  bomb = Bytes();  // not counted against the child's budget
  const std::string liar_path = dir.write("liar.npz", build_zip({liar}));
  EXPECT_THAT(error_within_memory(kMemoryBudget, [&] { nnnpy::read_npz(liar_path); }),
              HasSubstr("member 'x.npy' inflates to more than " +
                        std::to_string(small_npy().size()) + " bytes"));
}

// A header for (elements,) float32 and nothing else, and the .npy size it declares.
Bytes float_header(std::size_t elements) {
  return npy_bytes(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(elements) + ",), }",
      {});
}

TEST(NpyLimitsTest, MemberDeclaringMoreThanDeflateCanProduceIsNotInflated) {
  // A header declaring ~2 GiB (under the member limit) in a deflate stream of a few dozen bytes,
  // with a central directory that agrees with the header. Deflate expands at most 1032-fold, so
  // the sizes contradict each other: refused before inflating (before: a 2 GiB buffer was
  // allocated and zero-filled, then "inflates to 128 bytes").
  const std::size_t elements = 536870000;  // 2147480000 bytes of data
  const Bytes header = float_header(elements);
  const std::uint64_t declared = header.size() + std::uint64_t{4} * elements;
  ASSERT_LE(declared, nnnpy::kMaxMemberBytes);
  ZipEntry e = deflated("x.npy", header);
  e.uncompressed_size_override = declared;
  const Bytes archive = build_zip({e});
  const std::size_t compressed = npytest::raw_deflate(header).size();
  EXPECT_THAT(
      error_within_memory(kMemoryBudget,
                          [&] { nnnpy::parse_npz(archive.data(), archive.size(), "a.npz"); }),
      HasSubstr("a.npz: corrupt zip archive: member 'x.npy' declares " + std::to_string(declared) +
                " uncompressed bytes in " + std::to_string(compressed) +
                " compressed bytes, more than deflate can produce (at most 1032 bytes "
                "per compressed byte)"));
}

TEST(NpyLimitsTest, StreamEndingEarlyCostsOnlyWhatItProduced) {
  // The same ~2 GiB header, its deflate stream ending after the header, followed by 3 MiB of
  // padding so that the declared size is within deflate's ratio: memory grows only with what is
  // inflated (before: the 2 GiB were allocated before inflating).
  const std::size_t elements = 536870000;
  const Bytes header = float_header(elements);
  const std::uint64_t declared = header.size() + std::uint64_t{4} * elements;
  ZipEntry e = deflated("x.npy", header);
  e.uncompressed_size_override = declared;
  Bytes payload = npytest::raw_deflate(header);
  payload.resize(payload.size() + (std::size_t{3} << 20), 0);
  e.payload_override = payload;
  const Bytes archive = build_zip({e});
  EXPECT_THAT(
      error_within_memory(kMemoryBudget,
                          [&] { nnnpy::parse_npz(archive.data(), archive.size(), "a.npz"); }),
      HasSubstr("member 'x.npy' inflates to " + std::to_string(header.size()) +
                " bytes, but the central directory says " + std::to_string(declared)));
}

TEST(NpyLimitsTest, HeaderLengthIsCapped) {
  // A version 2.0 prelude whose 32-bit header length says ~2 GiB, in a member whose sizes agree
  // with it (padding keeps it within deflate's ratio): refused from the prelude (before: the 2 GiB
  // header was allocated, then copied into a string).
  const std::uint64_t header_len = (std::uint64_t{2} << 30) - 100;
  const Bytes prelude = {0x93,
                         'N',
                         'U',
                         'M',
                         'P',
                         'Y',
                         2,
                         0,
                         static_cast<std::uint8_t>(header_len),
                         static_cast<std::uint8_t>(header_len >> 8),
                         static_cast<std::uint8_t>(header_len >> 16),
                         static_cast<std::uint8_t>(header_len >> 24),
                         '{'};
  ZipEntry e = deflated("x.npy", prelude);
  e.uncompressed_size_override = 12 + header_len;
  Bytes payload = npytest::raw_deflate(prelude);
  payload.resize(payload.size() + (std::size_t{3} << 20), 0);
  e.payload_override = payload;
  const Bytes archive = build_zip({e});
  const std::string refused = "the .npy header length field says " + std::to_string(header_len) +
                              " bytes, over the 1 MiB limit for a header";
  EXPECT_THAT(
      error_within_memory(kMemoryBudget,
                          [&] { nnnpy::parse_npz(archive.data(), archive.size(), "a.npz"); }),
      HasSubstr("a.npz: member 'x.npy': " + refused));
  // The cap holds for plain .npy files too, even when the whole header is there: a valid dict
  // padded to just over 1 MiB (np.save writes a few hundred bytes; np.load reads at most 10000 by
  // default).
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (0,), }";
  dict.resize((std::size_t{1} << 20) - 12, ' ');
  const Bytes big = npy_bytes(dict, {}, 2);
  ASSERT_GT(big.size() - 12, std::size_t{1} << 20);
  EXPECT_THAT(
      error_of([&] { nnnpy::parse_npy(big.data(), big.size(), "b.npy"); }),
      HasSubstr("b.npy: the .npy header length field says " + std::to_string(big.size() - 12) +
                " bytes, over the 1 MiB limit for a header"));
  // Just under the cap is read.
  dict.resize((std::size_t{1} << 20) - 12 - 64, ' ');
  const Bytes fits = npy_bytes(dict, {}, 2);
  ASSERT_LE(fits.size() - 12, std::size_t{1} << 20);
  EXPECT_TRUE(nnnpy::parse_npy(fits.data(), fits.size(), "c.npy").data.empty());
  // The writer never makes a file the readers refuse (before: it wrote the 1.2 MB header).
  std::vector<std::size_t> shape(400000, 1);
  shape[0] = 0;
  EXPECT_THAT(error_of([&] {
                nnnpy::encode_npy(nnnpy::Array{shape, {}}, "d.npy");
              }),
              AllOf(HasSubstr("d.npy: 'shape' has 400000 dimensions: its .npy header would be "),
                    HasSubstr("bytes, over the 1 MiB limit for a header")));
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
