// Inference on the mock HAL: nn_predict, zero-copy start/wait, batch and
// state errors, statistics, every ISR flavour and polling.
#include <gtest/gtest.h>

#include <tuple>

#include "driver_fixture.h"

namespace {

using nn_test::Board;
using nn_test::Ramp;
using nn_test::TestModel;

class OpenBoard {
 public:
  OpenBoard(bool irq, nn_mock_isr_mode isr = NN_MOCK_ISR_TOGGLE_ON_WRITE,
            uint64_t ddr = 0x10000000u)
      : board(TestModel(), isr, ddr), weights(board.ValidWeights()) {
    nn_options o = board.Options(irq);
    open_status = nn_open(&dev, &board.model(), board.hal(), &o);
    if (open_status == NN_OK) load_status = nn_load_weights(&dev, weights.data(), weights.size());
  }
  ~OpenBoard() { nn_close(&dev); }
  Board board;
  std::vector<uint8_t> weights;
  nn_device dev{};
  int open_status = NN_E_STATE;
  int load_status = NN_E_STATE;
};

class DriverPredict
    : public ::testing::TestWithParam<std::tuple<bool, nn_mock_isr_mode, uint64_t>> {};

TEST_P(DriverPredict, OutputsMatchTheDeviceForEveryBatchSize) {
  auto [irq, isr, ddr] = GetParam();
  OpenBoard ob(irq, isr, ddr);
  ASSERT_EQ(ob.open_status, NN_OK) << ob.board.log.All();
  ASSERT_EQ(ob.load_status, NN_OK) << ob.board.log.All();
  nn_device* dev = &ob.dev;
  for (uint32_t batch : {1u, 3u, 8u, 2u}) {
    std::vector<float> in = Ramp(size_t(batch) * 20, 0.25f * float(batch));
    std::vector<float> out(size_t(batch) * 5, -1.0f);
    ASSERT_EQ(nn_predict(dev, in.data(), out.data(), batch), NN_OK) << ob.board.log.All();
    EXPECT_EQ(out, ob.board.Expected(in, batch, ob.weights)) << "batch " << batch;
    EXPECT_EQ(ob.board.device().last_batch, batch);
  }
  const nn_mock_counters& c = ob.board.counters();
  EXPECT_EQ(c.stale_reads_by_device, 0u);
  EXPECT_EQ(c.bus_faults, 0u);
  EXPECT_EQ(c.starts, 6u);  // identify + load + 4 predictions: no auto-restart
  EXPECT_EQ(nn_mock_reg_peek(ob.board.mock(), 0x00) & NN_AP_AUTO_RESTART, 0u);
  EXPECT_EQ(nn_mock_reg_peek(ob.board.mock(), 0x0C), 0u);  // every ISR acknowledged
  EXPECT_EQ(c.irq_waits, irq ? 6u : 0u);
  // Pointer registers: the driver's buffers, high word included.
  EXPECT_EQ(nn_mock_addr_peek(ob.board.mock(), 0x18, 0x1C), dev->in_buf.phys);
  EXPECT_EQ(nn_mock_addr_peek(ob.board.mock(), 0x24, 0x28), dev->out_buf.phys);
  EXPECT_EQ(nn_mock_addr_peek(ob.board.mock(), 0x30, 0x34), dev->w_buf.phys);
  EXPECT_EQ(nn_mock_reg_peek(ob.board.mock(), 0x1C), uint32_t(ddr >> 32));

  const nn_stats* st = nn_get_stats(dev);
  EXPECT_EQ(st->predict_calls, 4u);
  EXPECT_EQ(st->samples, 14u);
  EXPECT_EQ(st->weight_loads, 1u);
  EXPECT_EQ(st->timeouts, 0u);
  EXPECT_GT(st->device_time_us, 0u);
  // The driver counts exactly the accesses the device saw, except those the
  // HAL's wait_irq made itself to acknowledge ISR (read, write, read).
  EXPECT_EQ(st->mmio_reads, c.reg_reads - c.hal_reg_reads);
  EXPECT_EQ(st->mmio_writes, c.reg_writes - c.hal_reg_writes);
  EXPECT_EQ(c.hal_reg_reads, irq ? 2 * c.irq_waits : 0u);
  EXPECT_EQ(c.hal_reg_writes, irq ? c.irq_waits : 0u);
  EXPECT_EQ(st->wait_mmio_reads == 0u, irq);  // with the interrupt no polling at all
}

INSTANTIATE_TEST_SUITE_P(
    Modes, DriverPredict,
    ::testing::Combine(::testing::Bool(),
                       ::testing::Values(NN_MOCK_ISR_TOGGLE_ON_WRITE, NN_MOCK_ISR_CLEAR_ON_READ),
                       ::testing::Values(uint64_t{0x10000000u}, uint64_t{0x800000000ull})));

TEST(DriverPredictStats, LastMmioAccessesPerOperation) {
  OpenBoard ob(false);
  ASSERT_EQ(ob.load_status, NN_OK);
  std::vector<float> in = Ramp(20), out(5);
  auto seen = [&] { return ob.board.counters().reg_reads + ob.board.counters().reg_writes; };
  uint64_t before = seen();
  ASSERT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 1), NN_OK);
  // First inference after the load: batch and mode writes, ap_start,
  // ap_return; the wait polls 3 times (done after 2).
  EXPECT_EQ(nn_get_stats(&ob.dev)->last_mmio_accesses, 4u);
  EXPECT_EQ(nn_get_stats(&ob.dev)->last_wait_mmio, 3u);
  EXPECT_EQ(seen() - before, 7u);
  before = seen();
  ASSERT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 1), NN_OK);
  // Steady state: ap_start and ap_return only (was 14 with the wait).
  EXPECT_EQ(nn_get_stats(&ob.dev)->last_mmio_accesses, 2u);
  EXPECT_EQ(nn_get_stats(&ob.dev)->last_wait_mmio, 3u);
  EXPECT_EQ(seen() - before, 5u);
  EXPECT_EQ(ob.board.counters().reg_writes, nn_get_stats(&ob.dev)->mmio_writes);
  nn_reset_stats(&ob.dev);
  EXPECT_EQ(nn_get_stats(&ob.dev)->mmio_reads, 0u);
  EXPECT_EQ(nn_get_stats(&ob.dev)->predict_calls, 0u);
}

// The lean path on the register-accurate mock: repeated predictions with the
// same batch cost ap_start + ap_return outside the wait; with the interrupt
// the mock's wait_irq acknowledges ISR (3 accesses of its own) and the driver
// makes none in the wait. Outputs stay right, every ISR is acknowledged.
TEST_P(DriverPredict, SteadyStateIsTwoAccessesPlusTheWait) {
  auto [irq, isr, ddr] = GetParam();
  OpenBoard ob(irq, isr, ddr);
  ASSERT_EQ(ob.load_status, NN_OK) << ob.board.log.All();
  std::vector<float> in = Ramp(3 * 20), out(15);
  ASSERT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 3), NN_OK);
  for (int i = 0; i < 4; ++i) {
    const nn_mock_counters c0 = ob.board.counters();
    in[size_t(i)] += 1.0f;
    ASSERT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 3), NN_OK) << ob.board.log.All();
    EXPECT_EQ(out, ob.board.Expected(in, 3, ob.weights));
    const nn_mock_counters& c = ob.board.counters();
    const nn_stats* st = nn_get_stats(&ob.dev);
    EXPECT_EQ(st->last_mmio_accesses, 2u);
    EXPECT_EQ(st->last_wait_mmio, irq ? 0u : 3u);
    EXPECT_EQ(c.reg_writes - c0.reg_writes, irq ? 2u : 1u);  // ap_start (+ ISR ack)
    EXPECT_EQ(c.reg_reads - c0.reg_reads, irq ? 3u : 4u);    // ap_return + ISR or polls
    EXPECT_EQ(nn_mock_reg_peek(ob.board.mock(), 0x0C), 0u);
  }
}

TEST(DriverPredictErrors, BatchLimits) {
  OpenBoard ob(false);
  ASSERT_EQ(ob.load_status, NN_OK);
  std::vector<float> in(9 * 20), out(9 * 5);
  uint64_t starts = ob.board.counters().starts;
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 0), NN_E_BATCH);
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 9), NN_E_BATCH);
  EXPECT_EQ(nn_start(&ob.dev, 0), NN_E_BATCH);
  EXPECT_EQ(nn_start(&ob.dev, 9), NN_E_BATCH);
  EXPECT_TRUE(ob.board.log.Contains("batch 9 outside 1..8")) << ob.board.log.All();
  EXPECT_EQ(ob.board.counters().starts, starts);
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 8), NN_OK);
}

TEST(DriverPredictErrors, CapacityOptionLimitsBatch) {
  Board b(TestModel());
  nn_options o = b.Options(false);
  o.max_batch = 2;
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  std::vector<float> in(3 * 20), out(3 * 5);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 3), NN_E_BATCH);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_OK);
  nn_close(&dev);
}

TEST(DriverPredictErrors, NeedsWeightsAndArguments) {
  Board b(TestModel());
  nn_options o = b.Options(false);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  std::vector<float> in(20), out(5);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);
  EXPECT_EQ(nn_start(&dev, 1), NN_E_STATE);
  EXPECT_TRUE(b.log.Contains("no weights loaded")) << b.log.All();
  EXPECT_EQ(b.device().runs[NN_MODE_INFER], 0u);
  auto w = b.ValidWeights();
  ASSERT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_OK);
  EXPECT_EQ(nn_predict(&dev, nullptr, out.data(), 1), NN_E_INVAL);
  EXPECT_EQ(nn_predict(&dev, in.data(), nullptr, 1), NN_E_INVAL);
  nn_close(&dev);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);
  EXPECT_EQ(nn_start(&dev, 1), NN_E_STATE);
  EXPECT_EQ(nn_wait(&dev, 0), NN_E_STATE);
  EXPECT_EQ(nn_load_weights(&dev, w.data(), w.size()), NN_E_STATE);
  uint32_t cap = 99;
  EXPECT_EQ(nn_input_buffer(&dev, &cap), nullptr);
  EXPECT_EQ(cap, 0u);
  EXPECT_EQ(nn_output_buffer(&dev), nullptr);
}

TEST(DriverPredictErrors, NeverOpenedStorageIsRefused) {
  nn_device dev;
  std::memset(&dev, 0, sizeof dev);
  std::vector<float> in(20), out(5);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);
  EXPECT_EQ(nn_identify(&dev, nullptr), NN_E_STATE);
  nn_close(&dev);  // no-op
  EXPECT_EQ(nn_predict(nullptr, in.data(), out.data(), 1), NN_E_STATE);
}

TEST(DriverPredictErrors, UnexpectedDeviceReturn) {
  OpenBoard ob(false);
  ASSERT_EQ(ob.load_status, NN_OK);
  ob.board.device().infer_return_off_by_one = 1;
  std::vector<float> in = Ramp(40), out(10, 7.0f);
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 2), NN_E_DEVICE);
  EXPECT_TRUE(ob.board.log.Contains("returned 3, expected 2")) << ob.board.log.All();
  EXPECT_EQ(out, std::vector<float>(10, 7.0f));  // nothing copied out
  EXPECT_EQ(nn_get_stats(&ob.dev)->predict_calls, 0u);
}

// The generated top's refusal statuses (nndriver/nn_model.h) get their own
// errors and messages, not the generic "returned N".
TEST(DriverPredictErrors, TopRefusalsAreNamed) {
  OpenBoard ob(false);
  ASSERT_EQ(ob.load_status, NN_OK);
  std::vector<float> in = Ramp(40), out(10, 7.0f);
  ob.board.device().infer_return_status = NN_TOP_BAD_BATCH;
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 2), NN_E_BATCH);
  EXPECT_TRUE(ob.board.log.Contains("the accelerator refused batch 2")) << ob.board.log.All();
  ob.board.device().infer_return_status = NN_TOP_BAD_MODE;
  EXPECT_EQ(nn_predict(&ob.dev, in.data(), out.data(), 2), NN_E_DEVICE);
  EXPECT_TRUE(ob.board.log.Contains("refused the inference mode as unknown")) << ob.board.log.All();
  EXPECT_EQ(out, std::vector<float>(10, 7.0f));  // nothing copied out
}

TEST(DriverZeroCopy, StartWaitOnTheDmaBuffers) {
  OpenBoard ob(true);
  ASSERT_EQ(ob.load_status, NN_OK);
  uint32_t cap = 0;
  float* in = nn_input_buffer(&ob.dev, &cap);
  ASSERT_NE(in, nullptr);
  ASSERT_EQ(cap, 8u);
  std::vector<float> ref = Ramp(8 * 20, 0.125f);
  std::memcpy(in, ref.data(), ref.size() * sizeof(float));
  ASSERT_EQ(nn_start(&ob.dev, 8), NN_OK);
  // While the run is in flight everything else is refused.
  std::vector<float> tmp_in(20), tmp_out(5);
  EXPECT_EQ(nn_start(&ob.dev, 1), NN_E_BUSY);
  EXPECT_EQ(nn_predict(&ob.dev, tmp_in.data(), tmp_out.data(), 1), NN_E_BUSY);
  EXPECT_EQ(nn_identify(&ob.dev, nullptr), NN_E_BUSY);
  EXPECT_EQ(nn_load_weights(&ob.dev, ob.weights.data(), ob.weights.size()), NN_E_BUSY);
  ASSERT_EQ(nn_wait(&ob.dev, 0), NN_OK);
  const float* out = nn_output_buffer(&ob.dev);
  std::vector<float> got(out, out + 8 * 5);
  EXPECT_EQ(got, ob.board.Expected(ref, 8, ob.weights));
  EXPECT_EQ(nn_wait(&ob.dev, 0), NN_E_STATE);  // nothing in flight any more
  EXPECT_EQ(nn_get_stats(&ob.dev)->samples, 8u);
  EXPECT_EQ(ob.board.counters().stale_reads_by_device, 0u);
  // nn_predict may be handed the DMA buffers themselves.
  float* in2 = nn_input_buffer(&ob.dev, nullptr);
  EXPECT_EQ(nn_predict(&ob.dev, in2, const_cast<float*>(nn_output_buffer(&ob.dev)), 8), NN_OK);
  std::vector<float> again(out, out + 8 * 5);
  EXPECT_EQ(again, got);
}

TEST(DriverZeroCopy, WaitWithUnexpectedReturn) {
  OpenBoard ob(false);
  ASSERT_EQ(ob.load_status, NN_OK);
  ob.board.device().infer_return_off_by_one = 1;
  ASSERT_EQ(nn_start(&ob.dev, 2), NN_OK);
  EXPECT_EQ(nn_wait(&ob.dev, 0), NN_E_DEVICE);
  ob.board.device().infer_return_off_by_one = 0;
  EXPECT_EQ(nn_start(&ob.dev, 2), NN_OK);  // the device is usable again
  EXPECT_EQ(nn_wait(&ob.dev, 0), NN_OK);
}

}  // namespace
