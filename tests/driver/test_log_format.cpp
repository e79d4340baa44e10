// The driver's tiny log formatter (no printf on bare metal).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

extern "C" {
#include "nn_log.h"
}

namespace {

std::string Fmt(const char* fmt, uint32_t a, uint32_t b) {
  char buf[64];
  nn_log_format(buf, sizeof buf, fmt, a, b);
  return buf;
}

TEST(LogFormat, Conversions) {
  EXPECT_EQ(Fmt("%u and %x", 0u, 0xBEEFu), "0 and 0x0000beef");
  EXPECT_EQ(Fmt("%u|%u", 4294967295u, 10u), "4294967295|10");
  EXPECT_EQ(Fmt("100%% %q", 1u, 2u), "100% %q");
  char buf[32];
  nn_log_format(buf, sizeof buf, "name=%s/%s", "regs.batch", static_cast<const char*>(nullptr));
  EXPECT_STREQ(buf, "name=regs.batch/(null)");
}

TEST(LogFormat, TruncatesAndTerminates) {
  char buf[8];
  nn_log_format(buf, sizeof buf, "abcdefghijkl %u", 12345u);
  EXPECT_STREQ(buf, "abcdefg");
  char one[1];
  nn_log_format(one, 1, "xyz");
  EXPECT_STREQ(one, "");
}

TEST(LogFormat, TrailingPercent) {
  char buf[16];
  nn_log_format(buf, sizeof buf, "end%");
  EXPECT_STREQ(buf, "end");
}

}  // namespace
