// Loading weights on the mock HAL: payload reaches the device intact from
// any blob alignment, reloading changes results, checksum verification.
#include <gtest/gtest.h>

#include "driver_fixture.h"
#include "nndriver/nn_nnw_format.h"

namespace {

using nn_test::Board;
using nn_test::Ramp;
using nn_test::TestModel;

class DriverWeights : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    nn_options o = board_.Options(GetParam());
    ASSERT_EQ(nn_open(&dev_, &board_.model(), board_.hal(), &o), NN_OK);
  }
  void TearDown() override { nn_close(&dev_); }
  Board board_{TestModel()};
  nn_device dev_{};
};

TEST_P(DriverWeights, PayloadReachesTheDeviceFromAnyAlignment) {
  auto blob = board_.ValidWeights(5);
  const uint32_t po = nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_OFFSET);
  for (size_t shift = 0; shift < 4; ++shift) {
    std::vector<uint8_t> storage(blob.size() + shift);
    std::memcpy(storage.data() + shift, blob.data(), blob.size());
    ASSERT_EQ(nn_load_weights(&dev_, storage.data() + shift, blob.size()), NN_OK)
        << board_.log.All();
    ASSERT_EQ(board_.device().weights_loaded, 37u);
    for (uint32_t i = 0; i < 37; ++i)
      EXPECT_EQ(board_.device().weights[i], nnw_test::GetU32(blob, po + 4 * i)) << i;
  }
  EXPECT_EQ(nn_get_stats(&dev_)->weight_loads, 4u);
  EXPECT_EQ(board_.counters().stale_reads_by_device, 0u);
}

TEST_P(DriverWeights, ReloadingChangesTheResults) {
  auto w1 = board_.ValidWeights(1), w2 = board_.ValidWeights(2);
  ASSERT_NE(w1, w2);
  std::vector<float> in = Ramp(3 * 20), out(15);
  ASSERT_EQ(nn_load_weights(&dev_, w1.data(), w1.size()), NN_OK);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(out, board_.Expected(in, 3, w1));
  ASSERT_EQ(nn_load_weights(&dev_, w2.data(), w2.size()), NN_OK);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(out, board_.Expected(in, 3, w2));
}

TEST_P(DriverWeights, TrailingBytesAreIgnoredWithAWarning) {
  auto blob = board_.ValidWeights();
  blob.resize(blob.size() + 100, 0xEE);
  EXPECT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  EXPECT_TRUE(board_.log.Contains("ignoring 100 bytes after the payload")) << board_.log.All();
}

TEST_P(DriverWeights, LoadUsesModeOneAndTheWeightBuffer) {
  auto blob = board_.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  EXPECT_EQ(board_.device().runs[NN_MODE_LOAD_WEIGHTS], 1u);
  EXPECT_EQ(nn_mock_reg_peek(board_.mock(), 0x44), uint32_t(NN_MODE_LOAD_WEIGHTS));
  EXPECT_EQ(nn_mock_addr_peek(board_.mock(), 0x30, 0x34), dev_.w_buf.phys);
  EXPECT_EQ(nn_mock_reg_peek(board_.mock(), 0x10),
            nn_weight_checksum(board_.device().weights, 37));
}

INSTANTIATE_TEST_SUITE_P(PollOrIrq, DriverWeights, ::testing::Bool());

}  // namespace
