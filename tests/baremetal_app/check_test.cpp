// Per-sample checks of the bare-metal image: bit-exactness (not closeness), accuracy, agreement.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "recording_board.h"

extern "C" {
#include "bt_check.h"
}

namespace {

TEST(Argmax, FirstMaximumWinsAndNaNNever) {
  const float a[] = {0.1f, 0.7f, 0.7f, 0.2f};
  EXPECT_EQ(bt_argmax(a, 4), 1u);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float b[] = {nan, -5.0f, -1.0f};
  EXPECT_EQ(bt_argmax(b, 3), 2u);
  const float c[] = {nan, nan};
  EXPECT_EQ(bt_argmax(c, 2), 0u);
}

TEST(CheckSample, ExactSampleCountsEverything) {
  board_output().clear();
  bt_tally t{};
  const float got[] = {0.25f, 0.75f};
  const int32_t label = 1;
  const float ref[] = {0.3f, 0.6f};
  bt_check_sample(&t, 0, got, got, 2, &label, ref);
  EXPECT_EQ(t.samples, 1u);
  EXPECT_EQ(t.exact, 1u);
  EXPECT_EQ(t.mismatches, 0u);
  EXPECT_EQ(t.correct, 1u);
  EXPECT_EQ(t.agree, 1u);
  EXPECT_EQ(board_output(), "");
}

TEST(CheckSample, OneUlpIsAMismatchAndIsReported) {
  board_output().clear();
  bt_tally t{};
  const float expected[] = {0.5f, 0.25f};
  const float got[] = {0.5f, std::nextafter(0.25f, 1.0f)};
  bt_check_sample(&t, 7, got, expected, 2, nullptr, nullptr);
  EXPECT_EQ(t.exact, 0u);
  EXPECT_EQ(t.mismatches, 1u);
  EXPECT_EQ(t.labelled, 0u);
  EXPECT_EQ(t.referenced, 0u);
  EXPECT_EQ(board_output(),
            "mismatch sample 7 output 1: got 0x3e800001 (0.250000) expected 0x3e800000 "
            "(0.250000)\n");
}

TEST(CheckSample, NegativeZeroDiffersFromZero) {
  board_output().clear();
  bt_tally t{};
  const float expected[] = {0.0f};
  const float got[] = {-0.0f};
  bt_check_sample(&t, 0, got, expected, 1, nullptr, nullptr);
  EXPECT_EQ(t.mismatches, 1u);
}

TEST(CheckSample, WrongLabelAndDisagreement) {
  board_output().clear();
  bt_tally t{};
  const float got[] = {0.9f, 0.1f};
  const int32_t label = 1;
  const int32_t bad_label = -1;
  const float ref[] = {0.2f, 0.8f};
  bt_check_sample(&t, 0, got, got, 2, &label, ref);
  bt_check_sample(&t, 1, got, got, 2, &bad_label, nullptr);
  EXPECT_EQ(t.samples, 2u);
  EXPECT_EQ(t.exact, 2u);
  EXPECT_EQ(t.labelled, 2u);
  EXPECT_EQ(t.correct, 0u);
  EXPECT_EQ(t.referenced, 1u);
  EXPECT_EQ(t.agree, 0u);
}

TEST(CheckSample, MismatchLinesAreCapped) {
  board_output().clear();
  bt_tally t{};
  const float expected[] = {1.0f};
  const float got[] = {2.0f};
  for (uint32_t i = 0; i < BT_MAX_MISMATCH_LINES + 5; ++i) {
    bt_check_sample(&t, i, got, expected, 1, nullptr, nullptr);
  }
  EXPECT_EQ(t.mismatches, BT_MAX_MISMATCH_LINES + 5);
  size_t lines = 0;
  for (char c : board_output()) lines += c == '\n';
  EXPECT_EQ(lines, BT_MAX_MISMATCH_LINES);
}

}  // namespace
