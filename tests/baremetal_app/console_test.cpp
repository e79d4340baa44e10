// The report's number formatting: hex words are what tests compare, decimals are for people.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "recording_board.h"

extern "C" {
#include "bt_console.h"
}

namespace {

std::string fmt_float(float v) {
  board_output().clear();
  bt_float(v);
  return board_output();
}

TEST(Console, Integers) {
  board_output().clear();
  bt_u32(0);
  bt_str(" ");
  bt_u32(4294967295u);
  bt_str(" ");
  bt_i32(-2147483647 - 1);
  bt_str(" ");
  bt_u64(18446744073709551615ull);
  bt_str(" ");
  bt_hex32(0x0badf00d);
  EXPECT_EQ(board_output(), "0 4294967295 -2147483648 18446744073709551615 0badf00d");
}

TEST(Console, FloatsWithSixDecimals) {
  EXPECT_EQ(fmt_float(0.0f), "0.000000");
  EXPECT_EQ(fmt_float(-0.0f), "-0.000000");
  EXPECT_EQ(fmt_float(1.5f), "1.500000");
  EXPECT_EQ(fmt_float(-2.25f), "-2.250000");
  EXPECT_EQ(fmt_float(0.998046875f), "0.998047");  // rounded, not truncated
  EXPECT_EQ(fmt_float(0x1p-10f), "0.000977");
  EXPECT_EQ(fmt_float(123456.0f), "123456.000000");
}

TEST(Console, FloatsSpecialAndHuge) {
  EXPECT_EQ(fmt_float(std::numeric_limits<float>::quiet_NaN()), "nan");
  EXPECT_EQ(fmt_float(std::numeric_limits<float>::infinity()), "inf");
  EXPECT_EQ(fmt_float(-std::numeric_limits<float>::infinity()), "-inf");
  EXPECT_EQ(fmt_float(1e9f), "1.000000e+9");
  EXPECT_EQ(fmt_float(-3.4028235e38f), "-3.402823e+38");
}

TEST(Console, FloatBits) {
  EXPECT_EQ(bt_float_bits(1.0f), 0x3f800000u);
  EXPECT_EQ(bt_float_bits(-0.0f), 0x80000000u);
}

}  // namespace
