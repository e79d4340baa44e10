// hls::stream<T> of the freestanding emulation (NNFIXED_FREESTANDING, set for this whole test
// executable by tests/hlslib/CMakeLists.txt): FIFO order across growth and wrap-around, read_nb /
// empty / size / max_occupancy, empty reads, names (copied, truncated, numbered defaults), the
// warnings, and the out-of-memory path through an injected allocator.
//
// Every TU of this executable sees the freestanding emulation only (one definition of
// hls::stream per program); the hosted/freestanding comparison uses two executables
// (freestanding_top_runner.cpp).
#include <stddef.h>
#include <stdlib.h>

// The allocator hook (nnfixed_stream.h): refuses once g_fail_above_bytes is exceeded.
namespace {
size_t g_fail_above_bytes = static_cast<size_t>(-1);
size_t g_realloc_calls = 0;
void* test_realloc(void* p, size_t n) {
  ++g_realloc_calls;
  if (n > g_fail_above_bytes) return nullptr;
  return realloc(p, n);
}
}  // namespace
#define NNFIXED_STREAM_REALLOC test_realloc
#define NNFIXED_STREAM_FREE free

#include <gtest/gtest.h>

#include <string>

#include "nn_hls.h"

#if !defined(NNFIXED_FREESTANDING) || NNACCEL_USING_VENDOR_AP_TYPES
#error "this test must be compiled with NNFIXED_FREESTANDING and the emulation"
#endif

namespace {

using fx = ap_fixed<16, 6>;

TEST(FreestandingStream, FifoOrderAcrossGrowthAndWrapAround) {
  hls::stream<int> s("order");
  int next_in = 0, next_out = 0;
  // Interleave writes and reads so that the ring wraps before each growth: 5 in, 3 out, ...
  for (int round = 0; round < 2000; ++round) {
    for (int i = 0; i < 5; ++i) s.write(next_in++);
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(s.read(), next_out) << "round " << round;
      ++next_out;
    }
    ASSERT_EQ(s.size(), static_cast<size_t>(next_in - next_out));
  }
  while (!s.empty()) ASSERT_EQ(s.read(), next_out++);
  EXPECT_EQ(next_out, next_in);
  EXPECT_EQ(s.max_occupancy(), 4003u);  // before the reads of the last round
}

TEST(FreestandingStream, GrowthWithTheRingWrappedAtEveryCapacity) {
  // Head in the middle when the buffer fills: the wrapped part must move after the old end.
  for (int shift = 0; shift < 40; ++shift) {
    hls::stream<uint16_t> s;
    uint16_t in = 0, out = 0;
    for (int i = 0; i < shift; ++i) s.write(in++);
    for (int i = 0; i < shift; ++i) ASSERT_EQ(s.read(), out++);
    for (int i = 0; i < 300; ++i) s.write(in++);
    for (int i = 0; i < 300; ++i) ASSERT_EQ(s.read(), out++) << "shift " << shift;
    EXPECT_TRUE(s.empty());
  }
}

TEST(FreestandingStream, FixedPointValuesKeepTheirBits) {
  hls::stream<fx> s("fx");
  for (int i = -600; i < 600; ++i) s << fx(i * 0.0371);
  for (int i = -600; i < 600; ++i) {
    fx v;
    s >> v;
    ASSERT_EQ(v, fx(i * 0.0371)) << i;
  }
}

TEST(FreestandingStream, ReadNbEmptySizeAndFull) {
  hls::stream<int> s("nb");
  int v = 42;
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.full());
  EXPECT_EQ(s.size(), 0u);
  EXPECT_FALSE(s.read_nb(v));
  EXPECT_EQ(v, 0);  // reset on a failed read_nb, like the vendor's
  EXPECT_TRUE(s.write_nb(7));
  s.write(8);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.read_nb(v));
  EXPECT_EQ(v, 7);
  s.read(v);
  EXPECT_EQ(v, 8);
  EXPECT_TRUE(s.empty());
}

TEST(FreestandingStream, EmptyReadWarnsAndReturnsADefaultValue) {
  hls::stream<fx> s("lonely");
  testing::internal::CaptureStderr();
  const fx v = s.read();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(v, fx(0));
  EXPECT_EQ(err,
            "WARNING: hls::stream 'lonely' is read while empty, which may result in RTL "
            "simulation hanging.\n");
}

TEST(FreestandingStream, LeftoverDataWarnsOnDestruction) {
  testing::internal::CaptureStderr();
  {
    hls::stream<int> s("left");
    s.write(1);
    s.write(2);
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "WARNING: hls::stream 'left' contains leftover data (2 element(s)), which may result "
            "in RTL simulation hanging.\n");
  testing::internal::CaptureStderr();
  { hls::stream<int> quiet("drained"); }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(FreestandingStream, NameIsCopiedAndTruncated) {
  char buf[8] = "tmp_abc";
  hls::stream<int> a(buf);
  buf[0] = 'X';  // the caller's string may be a temporary
  EXPECT_STREQ(a.name(), "tmp_abc");

  const std::string longname(200, 'n');
  hls::stream<int> b(longname.c_str());
  EXPECT_EQ(std::string(b.name()), longname.substr(0, hls::stream<int>::kNameMax));

  hls::stream<int> c(static_cast<const char*>(nullptr));
  EXPECT_STREQ(c.name(), "");
}

TEST(FreestandingStream, DefaultNamesAreNumberedPerElementType) {
  struct tag {
    int x;
  };
  hls::stream<tag> a, b;
  EXPECT_STREQ(a.name(), "hls_stream.1");
  EXPECT_STREQ(b.name(), "hls_stream.2");
  hls::stream<tag> more[9];
  hls::stream<tag> eleventh;
  EXPECT_STREQ(more[8].name(), "hls_stream.11");
  EXPECT_STREQ(eleventh.name(), "hls_stream.12");
}

TEST(FreestandingStream, CapacityDoublesFromSixteen) {
  g_realloc_calls = 0;
  {
    hls::stream<int> s("grow");
    for (int i = 0; i < 16; ++i) s.write(i);
    EXPECT_EQ(g_realloc_calls, 1u);
    s.write(16);
    EXPECT_EQ(g_realloc_calls, 2u);
    for (int i = 17; i < 1024; ++i) s.write(i);
    EXPECT_EQ(g_realloc_calls, 7u);  // 16, 32, ..., 1024
    for (int i = 0; i < 1024; ++i) ASSERT_EQ(s.read(), i);
  }
  hls::stream<int> unused("unused");
  EXPECT_EQ(g_realloc_calls, 7u);  // nothing allocated before the first write
}

TEST(FreestandingStreamDeathTest, OutOfMemoryPrintsAndAborts) {
  EXPECT_DEATH(
      {
        g_fail_above_bytes = 64 * sizeof(int);
        hls::stream<int> s("s3");
        for (int i = 0; i < 100; ++i) s.write(i);
      },
      "nnfixed: hls::stream 's3': out of memory growing to 128 element\\(s\\) of 4 byte\\(s\\)");
}

}  // namespace
