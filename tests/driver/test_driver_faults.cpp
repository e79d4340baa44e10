// Faults injected by the mock and omissions it detects: transfer errors,
// hangs and timeouts (fast on the virtual clock), recovery after a late
// finish, missing cache maintenance.
#include <gtest/gtest.h>

#include "driver_fixture.h"

namespace {

using nn_test::Board;
using nn_test::Ramp;
using nn_test::TestModel;

nn_options Opts(Board& b, bool irq, uint32_t timeout_us) {
  nn_options o = b.Options(irq);
  o.timeout_us = timeout_us;
  return o;
}

class DriverFaults : public ::testing::TestWithParam<bool> {};  // irq?

TEST_P(DriverFaults, FlippedWeightWordIsATransferError) {
  Board b(TestModel());
  nn_options o = Opts(b, GetParam(), 1000000);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_FLIP_WEIGHT_WORD);
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_WEIGHTS_TRANSFER);
  EXPECT_TRUE(b.log.Contains("corrupted in transit")) << b.log.All();
  EXPECT_EQ(b.counters().stale_reads_by_device, 0u);  // injected, not a cache bug
  std::vector<float> in = Ramp(20), out(5);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);  // weights not loaded
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_NONE);
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_OK);
  EXPECT_EQ(out, b.Expected(in, 1, w));
  nn_close(&dev);
}

TEST_P(DriverFaults, HangTimesOutWithinTheBudgetAndStaysBusy) {
  Board b(TestModel());
  nn_options o = Opts(b, GetParam(), 1000000);  // one virtual second
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_HANG);
  std::vector<float> in = Ramp(20), out(5);
  uint64_t t0 = nn_hal_time_us(b.hal());
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_TIMEOUT);
  uint64_t spent = nn_hal_time_us(b.hal()) - t0;
  EXPECT_GE(spent, 1000000u);
  EXPECT_LT(spent, 1000100u);
  EXPECT_EQ(nn_get_stats(&dev)->timeouts, 1u);
  EXPECT_TRUE(b.log.Contains("did not finish within 1000000 us")) << b.log.All();
  // The IP cannot be aborted: every later operation reports it busy.
  uint64_t starts = b.counters().starts;
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_BUSY);
  EXPECT_EQ(nn_identify(&dev, nullptr), NN_E_BUSY);
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_BUSY);
  EXPECT_EQ(b.counters().starts, starts);
  // ... and closing must not free memory a bus master may still write.
  nn_close(&dev);
  EXPECT_TRUE(b.log.Contains("NOT freed")) << b.log.All();
  nn_dma_buf probe{};
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), 64, &probe), NN_HAL_OK);
  EXPECT_NE(probe.phys, 0x10000000u);
  nn_hal_dma_free(b.hal(), &probe);
}

TEST_P(DriverFaults, HangDuringLoadAndIdentify) {
  Board b(TestModel());
  nn_options o = Opts(b, GetParam(), 2000);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_HANG);
  auto w = b.ValidWeights();
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_TIMEOUT);
  nn_close(&dev);

  Board b2(TestModel());
  nn_mock_set_faults(b2.mock(), NN_MOCK_FAULT_HANG);
  o = Opts(b2, GetParam(), 2000);
  EXPECT_EQ(nn_open(&dev, &b2.model(), b2.hal(), &o), NN_E_TIMEOUT);
}

// A run that finishes after its timeout (polling; with interrupts the mock
// completes every non-hung run inside wait_irq, and the interrupt-mode
// recovery is pinned in driver_sequence_test): the next call notices the IP is
// idle again and carries on.
TEST(DriverLateFinish, IsRecovered) {
  Board b(TestModel(), NN_MOCK_ISR_TOGGLE_ON_WRITE, 0x10000000u,
          [](nn_mock_config& c) { c.done_after_polls = 5000; });
  nn_options o = Opts(b, false, 100000);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK) << b.log.All();
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);

  dev.opt.timeout_us = 100;  // the next run takes ~5000 polls
  std::vector<float> in = Ramp(2 * 20), out(10);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_E_TIMEOUT);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_E_BUSY);
  // Let the IP finish (someone else polls it), then the driver recovers.
  while (!(nn_hal_reg_read(b.hal(), 0x00) & NN_AP_IDLE)) {
  }
  dev.opt.timeout_us = 100000;
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_OK) << b.log.All();
  EXPECT_EQ(out, b.Expected(in, 2, w));
  EXPECT_TRUE(b.log.Contains("became idle after an earlier timeout")) << b.log.All();
  nn_close(&dev);
  EXPECT_FALSE(b.log.Contains("NOT freed"));
}

// A load that timed out leaves no weights loaded, even once the IP is idle.
TEST(DriverLateFinish, TimedOutLoadLeavesNoWeights) {
  Board b(TestModel(), NN_MOCK_ISR_TOGGLE_ON_WRITE, 0x10000000u,
          [](nn_mock_config& c) { c.done_after_polls = 5000; });
  nn_options o = Opts(b, false, 100000);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  dev.opt.timeout_us = 100;
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_TIMEOUT);
  while (!(nn_hal_reg_read(b.hal(), 0x00) & NN_AP_IDLE)) {
  }
  std::vector<float> in = Ramp(20), out(5);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);
  nn_close(&dev);
}

TEST_P(DriverFaults, AsyncWaitMayBeRetriedAfterATimeout) {
  const bool irq = GetParam();
  Board b(TestModel(), NN_MOCK_ISR_TOGGLE_ON_WRITE, 0x10000000u,
          [](nn_mock_config& c) { c.done_after_polls = 300; });
  nn_options o = Opts(b, irq, 100000);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  std::vector<float> in = Ramp(20);
  std::memcpy(nn_input_buffer(&dev, nullptr), in.data(), 20 * sizeof(float));
  ASSERT_EQ(nn_start(&dev, 1), NN_OK);
  if (irq) {
    // With interrupts the mock device completes during the first wait.
    EXPECT_EQ(nn_wait(&dev, 10), NN_OK);
  } else {
    EXPECT_EQ(nn_wait(&dev, 10), NN_E_TIMEOUT);
    EXPECT_EQ(nn_start(&dev, 1), NN_E_BUSY);
    EXPECT_EQ(nn_wait(&dev, 0), NN_OK);  // 0: options.timeout_us
    EXPECT_EQ(nn_get_stats(&dev)->timeouts, 1u);
  }
  const float* out = nn_output_buffer(&dev);
  EXPECT_EQ(std::vector<float>(out, out + 5), b.Expected(in, 1, w));
  nn_close(&dev);
}

INSTANTIATE_TEST_SUITE_P(PollOrIrq, DriverFaults, ::testing::Bool());

// --- missing cache maintenance is visible on the mock ---

struct Dropped {
  const char* name;
  bool drop_clean, drop_flush, drop_invalidate;
};

// An ops table forwarding to the mock, minus some cache operations (as a
// driver that forgot them would behave).
class DroppingHal {
 public:
  DroppingHal(const nn_hal& inner, const Dropped& d) : inner_(inner) {
    ops_ = *inner.ops;
    if (d.drop_clean) ops_.cache_clean = [](void*, const nn_dma_buf*, size_t, size_t) {};
    if (d.drop_flush) ops_.cache_flush = [](void*, const nn_dma_buf*, size_t, size_t) {};
    if (d.drop_invalidate) ops_.cache_invalidate = [](void*, const nn_dma_buf*, size_t, size_t) {};
    hal_ = nn_hal{&ops_, inner.ctx};
  }
  const nn_hal* hal() const { return &hal_; }

 private:
  nn_hal inner_;
  nn_hal_ops ops_;
  nn_hal hal_;
};

TEST(DriverCache, CoherentOptionOnANonCoherentPortGivesWrongResults) {
  Board b(TestModel());
  nn_options o = b.Options(false);
  o.coherent = 1;  // wrong for this "board": the mock's port is not coherent
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  // The weights never reached memory: the device loads garbage.
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_WEIGHTS_TRANSFER);
  EXPECT_GT(b.counters().stale_reads_by_device, 0u);
  EXPECT_EQ(b.counters().cache_cleans + b.counters().cache_flushes +
                b.counters().cache_invalidates, 0u);
  nn_close(&dev);
}

class DriverCacheOmission : public ::testing::TestWithParam<Dropped> {};

TEST_P(DriverCacheOmission, IsDetected) {
  const Dropped& d = GetParam();
  Board b(TestModel());
  DroppingHal faulty(*b.hal(), d);
  nn_options o = b.Options(false);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), faulty.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  int load = nn_load_weights(&dev, w.data(), w.size());
  if (d.drop_clean) {
    // Weights never reached memory: the device read garbage.
    EXPECT_EQ(load, NN_E_WEIGHTS_TRANSFER);
    EXPECT_GT(b.counters().stale_reads_by_device, 0u);
    nn_close(&dev);
    return;
  }
  ASSERT_EQ(load, NN_OK);
  std::vector<float> in = Ramp(4 * 20), out(20);
  ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), 4), NN_OK);
  const bool wrong = out != b.Expected(in, 4, w);
  const bool stale = b.counters().stale_reads_by_device > 0;
  // No flush: dirty output lines at start. No invalidate: the CPU reads its
  // old copy of the output buffer instead of the results.
  EXPECT_EQ(stale, d.drop_flush) << d.name;
  EXPECT_EQ(wrong, d.drop_invalidate) << d.name;
  nn_close(&dev);
}

INSTANTIATE_TEST_SUITE_P(
    Omissions, DriverCacheOmission,
    ::testing::Values(Dropped{"clean", true, false, false}, Dropped{"flush", false, true, false},
                      Dropped{"invalidate", false, false, true}),
    [](const ::testing::TestParamInfo<Dropped>& i) { return std::string(i.param.name); });

}  // namespace
