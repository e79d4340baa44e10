// A zero-length weight file is a truncated .nnw (NN_E_WEIGHTS_TRUNCATED, with
// a message saying so), whatever pointer comes with it: an empty file read
// into an empty buffer usually has no storage at all (NULL). Before, a NULL
// pointer with size 0 was reported as NN_E_INVAL, "blob is NULL".
#include <gtest/gtest.h>

#include "driver_fixture.h"

namespace {

using nn_test::Board;
using nn_test::TestModel;

class NnwEmpty : public ::testing::Test {
 protected:
  void SetUp() override {
    nn_options o = board_.Options(false);
    ASSERT_EQ(nn_open(&dev_, &board_.model(), board_.hal(), &o), NN_OK);
  }
  void TearDown() override { nn_close(&dev_); }

  Board board_{TestModel()};
  nn_device dev_{};
};

TEST_F(NnwEmpty, NullAndEmptyIsTruncated) {
  const uint64_t starts = board_.counters().starts;
  EXPECT_EQ(nn_load_weights(&dev_, nullptr, 0), NN_E_WEIGHTS_TRUNCATED);
  EXPECT_TRUE(board_.log.Contains("blob is empty (0 bytes)")) << board_.log.All();
  EXPECT_EQ(board_.counters().starts, starts) << "the accelerator was started";
}

TEST_F(NnwEmpty, ValidPointerAndEmptyIsTruncated) {
  const unsigned char byte = 0;
  EXPECT_EQ(nn_load_weights(&dev_, &byte, 0), NN_E_WEIGHTS_TRUNCATED);
  EXPECT_TRUE(board_.log.Contains("truncated or empty weight file")) << board_.log.All();
}

TEST_F(NnwEmpty, NullWithASizeIsStillAnInvalidArgument) {
  EXPECT_EQ(nn_load_weights(&dev_, nullptr, 100), NN_E_INVAL);
}

}  // namespace
