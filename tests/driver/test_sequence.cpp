// Pins the register protocol with gmock (StrictMock + InSequence): argument
// writes low then high (high written as 0 too) only while they are not known
// to hold the right value, cache maintenance before the barrier, barrier
// before ap_start, ap_start as one write of AP_CTRL, ap_done read once per
// poll, no register access around wait_irq (the HAL acknowledges ISR),
// ap_return read after done, outputs invalidated before they are copied.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <vector>

#include "driver_fixture.h"
#include "hal_gmock.h"
#include "nndriver/nn_nnw_format.h"

namespace {

using nn_test::HalGmock;
using nn_test::kSignature;
using nn_test::TestModel;
using ::testing::_;
using ::testing::AnyNumber;
using ::testing::Field;
using ::testing::InSequence;
using ::testing::Invoke;
using ::testing::Pointee;
using ::testing::Return;
using ::testing::StrictMock;

constexpr uint64_t kInPhys = 0x40000000u;      // below 4 GiB: high word 0
constexpr uint64_t kOutPhys = 0x800001000ull;  // ZynqMP high DDR: high word 8
constexpr uint64_t kWPhys = 0x123456780ull;    // high word 1
constexpr uint32_t kIdle = NN_AP_IDLE;
constexpr uint32_t kDone = NN_AP_DONE | NN_AP_IDLE;

auto Buf(uint64_t phys) { return Pointee(Field(&nn_dma_buf::phys, phys)); }

class Sequence : public ::testing::Test {
 protected:
  void SetUp() override {
    hal_.UseDefaultActions({kInPhys, kOutPhys, kWPhys});
    EXPECT_CALL(hal_, TimeUs()).Times(AnyNumber());
    EXPECT_CALL(hal_, Relax()).Times(AnyNumber());
    EXPECT_CALL(hal_, DmaAlloc(640u, _));           // 8 * 20 floats
    EXPECT_CALL(hal_, DmaAlloc(192u, _)).Times(2);  // 8 * 5 floats, 37 words: padded
  }

  // nn_open up to (not including) identify.
  void ExpectOpenPrefix(bool irq, uint32_t isr_at_open = 0) {
    EXPECT_CALL(hal_, RegWrite(0x00, 0u));  // clears auto_restart, never sets ap_start
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kIdle));
    if (irq) {
      EXPECT_CALL(hal_, RegWrite(0x04, 0u));
      EXPECT_CALL(hal_, RegWrite(0x08, 1u));
      EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(isr_at_open));
      if (isr_at_open != 0) {
        EXPECT_CALL(hal_, RegWrite(0x0C, isr_at_open));
        EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(0u));
      }
      EXPECT_CALL(hal_, RegWrite(0x04, 1u));
    } else {
      EXPECT_CALL(hal_, RegWrite(0x04, 0u));
      EXPECT_CALL(hal_, RegWrite(0x08, 0u));
    }
  }

  // The three pointer registers, each low then high.
  void ExpectPointers() {
    EXPECT_CALL(hal_, RegWrite(0x18, uint32_t(kInPhys)));
    EXPECT_CALL(hal_, RegWrite(0x1C, 0u));
    EXPECT_CALL(hal_, RegWrite(0x24, uint32_t(kOutPhys)));
    EXPECT_CALL(hal_, RegWrite(0x28, 8u));
    EXPECT_CALL(hal_, RegWrite(0x30, uint32_t(kWPhys)));
    EXPECT_CALL(hal_, RegWrite(0x34, 1u));
  }
  void ExpectBatch(uint32_t batch) { EXPECT_CALL(hal_, RegWrite(0x3C, batch)); }
  void ExpectMode(uint32_t mode) { EXPECT_CALL(hal_, RegWrite(0x44, mode)); }

  // Every argument register, as after nn_open or after the driver lost track
  // of the IP: pointers, batch (inference only: modes 1 and 2 ignore it), mode.
  void ExpectArgs(uint32_t mode, uint32_t batch) {
    ExpectPointers();
    if (mode == NN_MODE_INFER) ExpectBatch(batch);
    ExpectMode(mode);
  }

  // Barrier, one write of ap_start, then completion by polling (two busy
  // reads, then ap_done) or by the HAL's wait_irq with no register access.
  void ExpectStartAndDone(bool irq) {
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    if (irq) {
      EXPECT_CALL(hal_, WaitIrq(1000000u)).WillOnce(Return(NN_HAL_OK));
    } else {
      EXPECT_CALL(hal_, RegRead(0x00))
          .WillOnce(Return(0u))
          .WillOnce(Return(0u))
          .WillOnce(Return(kDone));
    }
  }

  void ExpectIdentify(bool irq) {
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(kSignature));
  }

  // One inference of `batch` samples from the argument writes on (whatever
  // `args` adds) to the invalidate; the device returns `ret`.
  void ExpectInfer(bool irq, uint32_t batch, const std::function<void()>& args, uint32_t ret) {
    if (args) args();
    const size_t in_bytes = (batch * 80u + 63u) / 64u * 64u;
    const size_t out_bytes = (batch * 20u + 63u) / 64u * 64u;
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, in_bytes));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, out_bytes));
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(ret));
    EXPECT_CALL(hal_, CacheInvalidate(Buf(kOutPhys), 0u, out_bytes));
  }

  // A load of the all-zero weight image (checksum 0).
  void ExpectLoad(bool irq, const std::function<void()>& args) {
    if (args) args();
    EXPECT_CALL(hal_, CacheClean(Buf(kWPhys), 0u, 192u));
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(0u));
  }

  std::vector<uint8_t> ZeroWeights() {
    nnw_test::Spec spec = nnw_test::MakeSpec(kSignature, 37);
    std::fill(spec.payload.begin(), spec.payload.end(), 0u);
    return nnw_test::Build(spec);
  }

  void ExpectClose(bool irq) {
    if (irq) {
      EXPECT_CALL(hal_, RegWrite(0x04, 0u));
      EXPECT_CALL(hal_, RegWrite(0x08, 0u));
    }
    EXPECT_CALL(hal_, DmaFree(Buf(kInPhys)));
    EXPECT_CALL(hal_, DmaFree(Buf(kOutPhys)));
    EXPECT_CALL(hal_, DmaFree(Buf(kWPhys)));
  }

  int Open(bool irq, bool skip_identify = false) {
    nn_options o;
    nn_options_init(&o);
    o.use_irq = irq;
    o.skip_identify = skip_identify;
    hal_view_ = hal_.Hal(irq);
    return nn_open(&dev_, &model_, &hal_view_, &o);
  }

  StrictMock<HalGmock> hal_;
  nn_hal hal_view_{};
  nn_model_desc model_ = TestModel();
  nn_device dev_{};
};

class SequenceIrq : public Sequence, public ::testing::WithParamInterface<bool> {};

TEST_P(SequenceIrq, OpenIdentifyClose) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectIdentify(irq);
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq), NN_OK);
  EXPECT_EQ(dev_.signature, kSignature);
  // Identify, outside the wait: 6 pointer writes, mode, ap_start, ap_return
  // (identify leaves batch alone; 14 with the old protocol). Inside: three
  // polls, or none with the interrupt. Before it, nn_open's quiesce: AP_CTRL
  // write + read, GIE, IER (+ ISR read and GIE again with the interrupt).
  const nn_stats* st = nn_get_stats(&dev_);
  EXPECT_EQ(st->last_mmio_accesses, 9u);
  EXPECT_EQ(st->last_wait_mmio, irq ? 0u : 3u);
  EXPECT_EQ(st->wait_mmio_reads, irq ? 0u : 3u);
  EXPECT_EQ(st->mmio_reads + st->mmio_writes, (irq ? 6u : 4u) + 9u + st->last_wait_mmio);
  nn_close(&dev_);
}

TEST_P(SequenceIrq, LoadWeights) {
  const bool irq = GetParam();
  auto blob = nnw_test::Build(nnw_test::MakeSpec(kSignature, 37, 3));
  const uint32_t po = nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_OFFSET);
  std::vector<uint32_t> words(37);
  for (uint32_t i = 0; i < 37; ++i) words[i] = nnw_test::GetU32(blob, po + 4 * i);
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0);
    // The payload is in the buffer when it is cleaned; whole lines, 148 -> 192.
    EXPECT_CALL(hal_, CacheClean(Buf(kWPhys), 0u, 192u))
        .WillOnce(Invoke([&](const nn_dma_buf* b, size_t, size_t) {
          EXPECT_EQ(std::memcmp(b->virt, blob.data() + po, 37 * 4), 0);
        }));
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(nn_weight_checksum(words.data(), 37)));
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, /*skip_identify=*/true), NN_OK);
  EXPECT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  nn_close(&dev_);
}

TEST_P(SequenceIrq, Predict) {
  const bool irq = GetParam();
  auto blob = nnw_test::Build(nnw_test::MakeSpec(kSignature, 37, 3));
  const uint32_t po = nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_OFFSET);
  std::vector<uint32_t> words(37);
  for (uint32_t i = 0; i < 37; ++i) words[i] = nnw_test::GetU32(blob, po + 4 * i);
  std::vector<float> in = nn_test::Ramp(3 * 20), out(15, 0.0f), device_result(15);
  for (size_t i = 0; i < 15; ++i) device_result[i] = 100.0f + float(i);
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0);
    EXPECT_CALL(hal_, CacheClean(Buf(kWPhys), 0u, 192u));
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(nn_weight_checksum(words.data(), 37)));

    // The pointers hold the buffers since the load: batch and mode only.
    ExpectBatch(3);
    ExpectMode(NN_MODE_INFER);
    // Inputs (3 * 80 = 240 -> 256 bytes) are in the buffer when cleaned.
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, 256u))
        .WillOnce(Invoke([&](const nn_dma_buf* b, size_t, size_t) {
          EXPECT_EQ(std::memcmp(b->virt, in.data(), 240), 0);
        }));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, 64u));  // 3 * 20 = 60 -> 64
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(3u));
    // The invalidate makes the device's results visible: the driver must copy
    // out after it (this action plays the role of memory).
    EXPECT_CALL(hal_, CacheInvalidate(Buf(kOutPhys), 0u, 64u))
        .WillOnce(Invoke([&](const nn_dma_buf* b, size_t, size_t) {
          std::memcpy(b->virt, device_result.data(), 60);
        }));
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(out, device_result);
  nn_close(&dev_);
}

TEST_P(SequenceIrq, ZeroCopyStartWait) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0);
    EXPECT_CALL(hal_, CacheClean(Buf(kWPhys), 0u, 192u));
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(0u));  // filled in below
    ExpectBatch(8);
    ExpectMode(NN_MODE_INFER);
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, 640u));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, 192u));  // 8 * 20 = 160 -> 192
    ExpectStartAndDone(irq);
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(8u));
    EXPECT_CALL(hal_, CacheInvalidate(Buf(kOutPhys), 0u, 192u));
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  // A blob whose checksum the mocked device "returns": all-zero words give 0.
  nnw_test::Spec spec = nnw_test::MakeSpec(kSignature, 37);
  std::fill(spec.payload.begin(), spec.payload.end(), 0u);
  auto blob = nnw_test::Build(spec);
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  ASSERT_EQ(nn_start(&dev_, 8), NN_OK);
  ASSERT_EQ(nn_wait(&dev_, 0), NN_OK);
  nn_close(&dev_);
}

INSTANTIATE_TEST_SUITE_P(PollOrIrq, SequenceIrq, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return i.param ? "Irq" : "Poll";
                         });

TEST_F(Sequence, StaleIsrAtOpenIsAcknowledged) {
  {
    InSequence s;
    ExpectOpenPrefix(true, /*isr_at_open=*/1u);
    ExpectClose(true);
  }
  ASSERT_EQ(Open(true, true), NN_OK);
  nn_close(&dev_);
}

// Interrupt mode: the driver makes no register access between ap_start and
// ap_return - no AP_CTRL read, no ISR acknowledge (the HAL's job, nn_hal.h).
TEST_F(Sequence, IrqWaitMakesNoRegisterAccess) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(1000000u)).WillOnce(Return(NN_HAL_OK));
    EXPECT_CALL(hal_, RegRead(0x10)).WillOnce(Return(kSignature));
    ExpectClose(true);
  }
  ASSERT_EQ(Open(true), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_wait_mmio, 0u);
  nn_close(&dev_);
}

TEST_F(Sequence, IrqTimeoutAndHalError) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(1000000u)).WillOnce(Return(NN_HAL_TIMEOUT));
    // nn_open frees its buffers after the failed identify.
    EXPECT_CALL(hal_, DmaFree(Buf(kInPhys)));
    EXPECT_CALL(hal_, DmaFree(Buf(kOutPhys)));
    EXPECT_CALL(hal_, DmaFree(Buf(kWPhys)));
  }
  EXPECT_EQ(Open(true), NN_E_TIMEOUT);
}

TEST_F(Sequence, IrqHalErrorIsReported) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(_)).WillOnce(Return(NN_HAL_ERROR));
    EXPECT_CALL(hal_, DmaFree(_)).Times(3);
  }
  EXPECT_EQ(Open(true), NN_E_HAL);
}

// Polling timeout: bounded by TimeUs (100 us per call here, 1000 us budget).
TEST_F(Sequence, PollingTimeoutIsBounded) {
  uint64_t now = 0;
  ON_CALL(hal_, TimeUs()).WillByDefault(Invoke([&] { return now += 100; }));
  {
    InSequence s;
    ExpectOpenPrefix(false);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, RegRead(0x00)).Times(::testing::Between(5, 12)).WillRepeatedly(Return(0u));
    EXPECT_CALL(hal_, DmaFree(_)).Times(3);
  }
  nn_options o;
  nn_options_init(&o);
  o.use_irq = 0;
  o.timeout_us = 1000;
  hal_view_ = hal_.Hal(false);
  EXPECT_EQ(nn_open(&dev_, &model_, &hal_view_, &o), NN_E_TIMEOUT);
}

TEST_F(Sequence, BusyAfterTimeoutUntilIdle) {
  uint64_t now = 0;
  ON_CALL(hal_, TimeUs()).WillByDefault(Invoke([&] { return now += 100; }));
  {
    InSequence s;
    ExpectOpenPrefix(false);
  }
  nn_options o;
  nn_options_init(&o);
  o.use_irq = 0;
  o.skip_identify = 1;
  o.timeout_us = 1000;
  hal_view_ = hal_.Hal(false);
  ASSERT_EQ(nn_open(&dev_, &model_, &hal_view_, &o), NN_OK);
  ::testing::Mock::VerifyAndClearExpectations(&hal_);
  EXPECT_CALL(hal_, TimeUs()).Times(AnyNumber());
  EXPECT_CALL(hal_, Relax()).Times(AnyNumber());
  {
    InSequence s;
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, RegRead(0x00)).Times(::testing::AtLeast(2)).WillRepeatedly(Return(0u));
  }
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_E_TIMEOUT);
  ::testing::Mock::VerifyAndClearExpectations(&hal_);
  EXPECT_CALL(hal_, TimeUs()).Times(AnyNumber());
  EXPECT_CALL(hal_, Relax()).Times(AnyNumber());
  {
    InSequence s;
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(0u));     // still running: no write at all
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kIdle));  // finished meanwhile
    ExpectIdentify(false);  // every argument register written again
    EXPECT_CALL(hal_, DmaFree(_)).Times(3);
  }
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_E_BUSY);
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_OK);
  nn_close(&dev_);
}

// After an interrupt-mode timeout the late run's ISR bit is acknowledged
// before the next start (otherwise the level interrupt would stay asserted).
TEST_F(Sequence, IrqRecoveryAcknowledgesTheLateIsr) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(1000000u)).WillOnce(Return(NN_HAL_TIMEOUT));
    // Next call: AP_CTRL once (finished meanwhile), then ISR read/ack/read.
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kDone));
    EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(1u));
    EXPECT_CALL(hal_, RegWrite(0x0C, 1u));
    EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(0u));
    ExpectIdentify(true);
    ExpectClose(true);
  }
  ASSERT_EQ(Open(true, true), NN_OK);
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_E_TIMEOUT);
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_OK);
  nn_close(&dev_);
}

// With interrupts ap_done is never read, so AP_CTRL keeps a stale ap_done
// from the last completed run. When a later run is lost, the recovery check
// must not take that stale bit for the end of the lost run: only ap_idle
// counts.
TEST_F(Sequence, IrqStaleApDoneIsNotTakenForCompletion) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectLoad(true, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectBatch(2);
    ExpectMode(NN_MODE_INFER);
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, 192u));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, 64u));
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(_)).WillOnce(Return(NN_HAL_TIMEOUT));
    // Running, with the load's ap_done still pending: busy.
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(NN_AP_DONE));
    // Idle now: the late ISR is acknowledged, every argument rewritten.
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kDone));
    EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(1u));
    EXPECT_CALL(hal_, RegWrite(0x0C, 1u));
    EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(0u));
    ExpectInfer(
        true, 2, [&] { ExpectArgs(NN_MODE_INFER, 2); }, 2u);
    ExpectClose(true);
  }
  ASSERT_EQ(Open(true, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(40), out(10);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 2), NN_E_TIMEOUT);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 2), NN_E_BUSY);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 2), NN_OK);
  nn_close(&dev_);
}

// nn_close on a lost interrupt-mode device: a stale ap_done without ap_idle
// means still running, so the buffers are kept (not freed under a bus master).
TEST_F(Sequence, CloseDecidesOnApIdleOnly) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectArgs(NN_MODE_IDENTIFY, 0);
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(_)).WillOnce(Return(NN_HAL_TIMEOUT));
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(NN_AP_DONE));
    EXPECT_CALL(hal_, RegWrite(0x04, 0u));
    EXPECT_CALL(hal_, RegWrite(0x08, 0u));
  }
  EXPECT_CALL(hal_, DmaFree(_)).Times(0);
  ASSERT_EQ(Open(true, true), NN_OK);
  EXPECT_EQ(nn_identify(&dev_, nullptr), NN_E_TIMEOUT);
  nn_close(&dev_);
}

// --- the lean predict path: what a repeated call costs ---

class Lean : public Sequence, public ::testing::WithParamInterface<bool> {};

// Steady state (same buffers, same batch): ap_start write + ap_return read,
// plus the wait (three polls, or wait_irq with no register access).
TEST_P(Lean, SteadyStatePredictIsStartAndReturn) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectLoad(irq, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectInfer(
        irq, 3,
        [&] {
          ExpectBatch(3);
          ExpectMode(NN_MODE_INFER);
        },
        3u);
    for (int i = 0; i < 3; ++i) ExpectInfer(irq, 3, {}, 3u);
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(60), out(15);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 4u);  // + batch, mode
  nn_reset_stats(&dev_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
    const nn_stats* st = nn_get_stats(&dev_);
    EXPECT_EQ(st->last_mmio_accesses, 2u);
    EXPECT_EQ(st->last_wait_mmio, irq ? 0u : 3u);
  }
  const nn_stats* st = nn_get_stats(&dev_);
  EXPECT_EQ(st->mmio_writes, 3u);
  EXPECT_EQ(st->mmio_reads, irq ? 3u : 12u);
  EXPECT_EQ(st->wait_mmio_reads, irq ? 0u : 9u);
  nn_close(&dev_);
}

// A new batch size costs exactly one more write (the batch register); the
// next call with that batch is back to the steady state.
TEST_P(Lean, ChangingBatchAddsOneWrite) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectLoad(irq, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectInfer(
        irq, 3,
        [&] {
          ExpectBatch(3);
          ExpectMode(NN_MODE_INFER);
        },
        3u);
    ExpectInfer(
        irq, 5, [&] { ExpectBatch(5); }, 5u);
    ExpectInfer(irq, 5, {}, 5u);
    ExpectInfer(
        irq, 3, [&] { ExpectBatch(3); }, 3u);
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(100), out(25);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 5), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 3u);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 5), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 2u);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 3u);
  nn_close(&dev_);
}

// A weight load between predictions rewrites the mode register (to 1, then
// back to 0) and nothing else: the batch register is untouched by mode 1.
TEST_P(Lean, LoadWeightsThenPredictRewritesMode) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectLoad(irq, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectInfer(
        irq, 3,
        [&] {
          ExpectBatch(3);
          ExpectMode(NN_MODE_INFER);
        },
        3u);
    ExpectLoad(irq, [&] { ExpectMode(NN_MODE_LOAD_WEIGHTS); });
    ExpectInfer(
        irq, 3, [&] { ExpectMode(NN_MODE_INFER); }, 3u);
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(60), out(15);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 3u);  // mode, start, ap_return
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 3u);
  nn_close(&dev_);
}

// nn_start + nn_wait follow the same rules as nn_predict and count the same.
TEST_P(Lean, AsyncStartWaitIsAsLean) {
  const bool irq = GetParam();
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectLoad(irq, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectInfer(
        irq, 4,
        [&] {
          ExpectBatch(4);
          ExpectMode(NN_MODE_INFER);
        },
        4u);
    ExpectInfer(irq, 4, {}, 4u);  // nn_start/nn_wait after nn_predict
    ExpectInfer(irq, 4, {}, 4u);  // nn_predict after nn_start/nn_wait
    ExpectInfer(
        irq, 2, [&] { ExpectBatch(2); }, 2u);
    ExpectClose(irq);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(80), out(20);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 4), NN_OK);
  ASSERT_EQ(nn_start(&dev_, 4), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 1u);  // the start write
  ASSERT_EQ(nn_wait(&dev_, 0), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 2u);
  EXPECT_EQ(nn_get_stats(&dev_)->last_wait_mmio, irq ? 0u : 3u);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 4), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 2u);
  ASSERT_EQ(nn_start(&dev_, 2), NN_OK);
  ASSERT_EQ(nn_wait(&dev_, 0), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 3u);
  nn_close(&dev_);
}

// After a timeout (the driver lost track of the IP) and its recovery, every
// argument register is written again, batch included.
TEST_P(Lean, TimeoutRecoveryRewritesAllArguments) {
  const bool irq = GetParam();
  auto blob = ZeroWeights();
  std::vector<float> in(60), out(15);
  {
    InSequence s;
    ExpectOpenPrefix(irq);
    ExpectLoad(irq, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectInfer(
        irq, 3,
        [&] {
          ExpectBatch(3);
          ExpectMode(NN_MODE_INFER);
        },
        3u);
  }
  ASSERT_EQ(Open(irq, true), NN_OK);
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  // Phases: a poll expectation that repeats would otherwise also swallow the
  // reads meant for the recovery.
  ::testing::Mock::VerifyAndClearExpectations(&hal_);
  EXPECT_CALL(hal_, TimeUs()).Times(AnyNumber());
  EXPECT_CALL(hal_, Relax()).Times(AnyNumber());
  {
    InSequence s;
    // Same batch, no argument write; the run does not finish in time.
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, 256u));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, 64u));
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    if (irq) {
      EXPECT_CALL(hal_, WaitIrq(_)).WillOnce(Return(NN_HAL_TIMEOUT));
    } else {
      EXPECT_CALL(hal_, RegRead(0x00)).Times(::testing::AtLeast(1)).WillRepeatedly(Return(0u));
    }
  }
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_E_TIMEOUT);
  ::testing::Mock::VerifyAndClearExpectations(&hal_);
  EXPECT_CALL(hal_, TimeUs()).Times(AnyNumber());
  EXPECT_CALL(hal_, Relax()).Times(AnyNumber());
  {
    InSequence s;
    // Recovery: AP_CTRL shows idle (+ the late ISR acknowledged with irq).
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kDone));
    if (irq) {
      EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(1u));
      EXPECT_CALL(hal_, RegWrite(0x0C, 1u));
      EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(0u));
    }
    ExpectInfer(
        irq, 3, [&] { ExpectArgs(NN_MODE_INFER, 3); }, 3u);
    ExpectInfer(irq, 3, {}, 3u);  // and then lean again
    ExpectClose(irq);
  }
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  // 6 pointer writes, batch, mode, start, ap_return (the recovery's reads
  // came before the operation's count was reset).
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 10u);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 3), NN_OK);
  EXPECT_EQ(nn_get_stats(&dev_)->last_mmio_accesses, 2u);
  nn_close(&dev_);
}

INSTANTIATE_TEST_SUITE_P(PollOrIrq, Lean, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return i.param ? "Irq" : "Poll";
                         });

// A HAL error in the wait (interrupt mode) loses track of the IP just like a
// timeout: recovery check first, then every argument register rewritten.
TEST_F(Sequence, HalErrorInWaitRewritesAllArguments) {
  {
    InSequence s;
    ExpectOpenPrefix(true);
    ExpectLoad(true, [&] { ExpectArgs(NN_MODE_LOAD_WEIGHTS, 0); });
    ExpectBatch(1);
    ExpectMode(NN_MODE_INFER);
    EXPECT_CALL(hal_, CacheClean(Buf(kInPhys), 0u, 128u));
    EXPECT_CALL(hal_, CacheFlush(Buf(kOutPhys), 0u, 64u));
    EXPECT_CALL(hal_, Barrier());
    EXPECT_CALL(hal_, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal_, WaitIrq(_)).WillOnce(Return(NN_HAL_ERROR));
    EXPECT_CALL(hal_, RegRead(0x00)).WillOnce(Return(kIdle));
    EXPECT_CALL(hal_, RegRead(0x0C)).WillOnce(Return(0u));  // nothing to acknowledge
    ExpectInfer(
        true, 1, [&] { ExpectArgs(NN_MODE_INFER, 1); }, 1u);
    ExpectClose(true);
  }
  ASSERT_EQ(Open(true, true), NN_OK);
  auto blob = ZeroWeights();
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(20), out(5);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 1), NN_E_HAL);
  ASSERT_EQ(nn_predict(&dev_, in.data(), out.data(), 1), NN_OK);
  nn_close(&dev_);
}

// 32-bit m_axi addressing: one write per pointer, no high registers at all.
TEST(Sequence32, NoHighWordRegisters) {
  StrictMock<HalGmock> hal;
  hal.UseDefaultActions({0x40000000u, 0x40001000u, 0x7FFFFFC0u - 192u});
  EXPECT_CALL(hal, TimeUs()).Times(AnyNumber());
  EXPECT_CALL(hal, Relax()).Times(AnyNumber());
  EXPECT_CALL(hal, DmaAlloc(_, _)).Times(3);
  nn_model_desc m = TestModel();
  m.regs = nn_test::Addr32Regs();
  {
    InSequence s;
    EXPECT_CALL(hal, RegWrite(0x00, 0u));
    EXPECT_CALL(hal, RegRead(0x00)).WillOnce(Return(kIdle));
    EXPECT_CALL(hal, RegWrite(0x04, 0u));
    EXPECT_CALL(hal, RegWrite(0x08, 0u));
    EXPECT_CALL(hal, RegWrite(0x18, 0x40000000u));
    EXPECT_CALL(hal, RegWrite(0x20, 0x40001000u));
    EXPECT_CALL(hal, RegWrite(0x28, 0x7FFFFFC0u - 192u));
    EXPECT_CALL(hal, RegWrite(0x38, uint32_t(NN_MODE_IDENTIFY)));  // identify: no batch
    EXPECT_CALL(hal, Barrier());
    EXPECT_CALL(hal, RegWrite(0x00, NN_AP_START));
    EXPECT_CALL(hal, RegRead(0x00)).WillOnce(Return(kDone));
    EXPECT_CALL(hal, RegRead(0x10)).WillOnce(Return(kSignature));
    EXPECT_CALL(hal, DmaFree(_)).Times(3);
  }
  nn_options o;
  nn_options_init(&o);
  o.use_irq = 0;
  nn_hal h = hal.Hal(false);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &m, &h, &o), NN_OK);
  nn_close(&dev);
}

// A HAL without cache operations (coherent port): nothing to call, and the
// driver still runs; with coherent=1 the driver skips maintenance entirely.
TEST_F(Sequence, CoherentOptionSkipsMaintenance) {
  EXPECT_CALL(hal_, CacheClean(_, _, _)).Times(0);
  EXPECT_CALL(hal_, CacheFlush(_, _, _)).Times(0);
  EXPECT_CALL(hal_, CacheInvalidate(_, _, _)).Times(0);
  EXPECT_CALL(hal_, Barrier()).Times(AnyNumber());
  EXPECT_CALL(hal_, RegWrite(_, _)).Times(AnyNumber());
  EXPECT_CALL(hal_, RegRead(0x00)).WillRepeatedly(Return(kDone));
  EXPECT_CALL(hal_, RegRead(0x10))
      .WillOnce(Return(0u))   // load: checksum of zero words
      .WillOnce(Return(2u));  // predict
  EXPECT_CALL(hal_, DmaFree(_)).Times(3);
  nn_options o;
  nn_options_init(&o);
  o.use_irq = 0;
  o.skip_identify = 1;
  o.coherent = 1;
  hal_view_ = hal_.Hal(false);
  ASSERT_EQ(nn_open(&dev_, &model_, &hal_view_, &o), NN_OK);
  nnw_test::Spec spec = nnw_test::MakeSpec(kSignature, 37);
  std::fill(spec.payload.begin(), spec.payload.end(), 0u);
  auto blob = nnw_test::Build(spec);
  ASSERT_EQ(nn_load_weights(&dev_, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(40), out(10);
  EXPECT_EQ(nn_predict(&dev_, in.data(), out.data(), 2), NN_OK);
  nn_close(&dev_);
}

}  // namespace
