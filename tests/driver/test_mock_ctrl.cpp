// The mock's control block: the HLS ap_ctrl_hs semantics that the driver
// tests rely on (docs/hardware-notes.md "HLS control registers"; source: UG1399),
// exercised directly through its nn_hal.
#include <gtest/gtest.h>

#include "driver_fixture.h"

namespace {

using nn_test::TestModel;

struct Counting {
  uint32_t calls = 0;
  uint32_t ret = 0xABCD;
  static uint32_t Run(void* ctx, nn_mock*) {
    auto* c = static_cast<Counting*>(ctx);
    ++c->calls;
    return c->ret;
  }
};

class MockCtrl : public ::testing::Test {
 protected:
  void Make(nn_mock_isr_mode isr = NN_MOCK_ISR_TOGGLE_ON_WRITE, uint32_t polls = 2) {
    nn_mock_config cfg;
    nn_mock_config_init(&cfg);
    cfg.regs = &model_.regs;
    cfg.weight_words = model_.weight_words;
    cfg.device = Counting::Run;
    cfg.device_ctx = &dev_;
    cfg.isr_mode = isr;
    cfg.done_after_polls = polls;
    mock_ = nn_mock_create(&cfg);
    ASSERT_NE(mock_, nullptr);
    hal_ = nn_mock_hal(mock_);
  }
  void TearDown() override { nn_mock_destroy(mock_); }
  uint32_t Rd(uint32_t off) { return nn_hal_reg_read(&hal_, off); }
  void Wr(uint32_t off, uint32_t v) { nn_hal_reg_write(&hal_, off, v); }

  nn_model_desc model_ = TestModel();
  Counting dev_;
  nn_mock* mock_ = nullptr;
  nn_hal hal_{};
};

TEST_F(MockCtrl, ConfigDefaultsAndValidation) {
  nn_mock_config cfg;
  nn_mock_config_init(&cfg);
  EXPECT_EQ(cfg.ddr_base, 0x10000000u);
  EXPECT_EQ(cfg.ddr_size, size_t{64} << 20);
  EXPECT_EQ(cfg.done_after_polls, 2u);
  EXPECT_EQ(cfg.us_per_access, 1u);
  EXPECT_EQ(cfg.isr_mode, NN_MOCK_ISR_TOGGLE_ON_WRITE);
  EXPECT_EQ(nn_mock_create(&cfg), nullptr);  // no register map
  EXPECT_EQ(nn_mock_create(nullptr), nullptr);
  nn_model_desc bad = TestModel();
  bad.regs.mode = 0x45;
  cfg.regs = &bad.regs;
  EXPECT_EQ(nn_mock_create(&cfg), nullptr);
  bad = TestModel();
  bad.regs.batch = 0x10000;  // outside the 64 KiB window
  EXPECT_EQ(nn_mock_create(&cfg), nullptr);
  cfg.regs = &model_.regs;
  cfg.ddr_base = 0x10000020;  // not line aligned
  EXPECT_EQ(nn_mock_create(&cfg), nullptr);
}

// The mock keeps its own copy of the register map: a map built on the stack
// (e.g. read from a descriptor file) may go away after nn_mock_create.
TEST_F(MockCtrl, RegisterMapIsCopiedAtCreate) {
  nn_reg_map temp = model_.regs;
  nn_mock_config cfg;
  nn_mock_config_init(&cfg);
  cfg.regs = &temp;
  cfg.device = Counting::Run;
  cfg.device_ctx = &dev_;
  mock_ = nn_mock_create(&cfg);
  ASSERT_NE(mock_, nullptr);
  hal_ = nn_mock_hal(mock_);
  std::memset(&temp, 0xFF, sizeof temp);  // every offset now NN_REG_NONE
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(dev_.calls, 1u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->bus_faults, 0u);
}

TEST_F(MockCtrl, ResetStateIsIdle) {
  Make();
  EXPECT_EQ(Rd(0x00), NN_AP_IDLE);
  EXPECT_EQ(Rd(0x04), 0u);
  EXPECT_EQ(Rd(0x08), 0u);
  EXPECT_EQ(Rd(0x0C), 0u);
  EXPECT_EQ(Rd(0x10), 0u);
}

TEST_F(MockCtrl, StartRunsDeviceAtOnceDoneAfterPollsClearOnRead) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 2);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(dev_.calls, 1u);  // accepted and run synchronously
  EXPECT_EQ(nn_mock_get_counters(mock_)->starts, 1u);
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x00), 0u);  // ap_start cleared, not idle, not done
  EXPECT_EQ(Rd(0x10), 0u);                       // ap_return only valid after done
  EXPECT_EQ(Rd(0x00), 0u);
  EXPECT_EQ(Rd(0x00), 0u);
  EXPECT_EQ(Rd(0x00), NN_AP_DONE | NN_AP_IDLE | NN_AP_READY);
  EXPECT_EQ(Rd(0x00), NN_AP_IDLE);  // done and ready are clear-on-read
  EXPECT_EQ(Rd(0x10), 0xABCDu);
  Wr(0x10, 1);  // read-only
  EXPECT_EQ(Rd(0x10), 0xABCDu);
}

TEST_F(MockCtrl, ZeroPollsShowsDoneOnFirstRead) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(Rd(0x00) & NN_AP_DONE, NN_AP_DONE);
}

TEST_F(MockCtrl, WritingZeroNeverStarts) {
  Make();
  Wr(0x00, 0);
  Wr(0x00, NN_AP_AUTO_RESTART);
  EXPECT_EQ(dev_.calls, 0u);
  EXPECT_EQ(Rd(0x00), NN_AP_IDLE | NN_AP_AUTO_RESTART);
}

TEST_F(MockCtrl, AutoRestartRerunsTheDevice) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  Wr(0x00, NN_AP_START | NN_AP_AUTO_RESTART);
  EXPECT_EQ(dev_.calls, 1u);
  uint32_t v = Rd(0x00);  // done, and already running again
  EXPECT_EQ(v & (NN_AP_DONE | NN_AP_IDLE), NN_AP_DONE);
  EXPECT_EQ(dev_.calls, 2u);
  Wr(0x00, 0);  // clear auto_restart: the current run ends normally
  EXPECT_NE(Rd(0x00) & NN_AP_IDLE, 0u);
  EXPECT_EQ(dev_.calls, 2u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->starts, 2u);
}

TEST_F(MockCtrl, StartWhileBusyIsHeldUntilDone) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 1);
  Wr(0x00, NN_AP_START);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(dev_.calls, 1u);
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x00) & NN_AP_START, NN_AP_START);
  Rd(0x00);
  Rd(0x00);  // first run completes, the held start is accepted
  EXPECT_EQ(dev_.calls, 2u);
}

TEST_F(MockCtrl, IsrToggleOnWrite) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  Wr(0x08, 1);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(Rd(0x00) & NN_AP_INTERRUPT, 0u);  // GIE off: line low
  EXPECT_EQ(Rd(0x0C), 1u);
  EXPECT_EQ(Rd(0x0C), 1u);  // reading does not clear
  Wr(0x04, 1);
  EXPECT_NE(Rd(0x00) & NN_AP_INTERRUPT, 0u);
  Wr(0x0C, 1);  // toggles off
  EXPECT_EQ(Rd(0x0C), 0u);
  Wr(0x0C, 1);  // toggles on again: why a blind write is wrong
  EXPECT_EQ(Rd(0x0C), 1u);
}

TEST_F(MockCtrl, IsrClearOnRead) {
  Make(NN_MOCK_ISR_CLEAR_ON_READ, 0);
  Wr(0x08, 1);
  Wr(0x00, NN_AP_START);
  Rd(0x00);
  Wr(0x0C, 1);  // ignored
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x0C), 1u);
  EXPECT_EQ(Rd(0x0C), 1u);
  EXPECT_EQ(Rd(0x0C), 0u);
}

TEST_F(MockCtrl, IsrOnlyWhenEnabled) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  Wr(0x00, NN_AP_START);
  Rd(0x00);
  EXPECT_EQ(Rd(0x0C), 0u);
}

TEST_F(MockCtrl, WaitIrq) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 100);
  uint64_t t0 = nn_hal_time_us(&hal_);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 500), NN_HAL_TIMEOUT);  // nothing running
  EXPECT_EQ(nn_hal_time_us(&hal_) - t0, 500u);
  Wr(0x04, 1);
  Wr(0x08, 1);
  Wr(0x00, NN_AP_START);
  const nn_mock_counters c0 = *nn_mock_get_counters(mock_);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 500), NN_HAL_OK);  // finishes during the wait
  // The HAL acknowledged ISR itself (nn_hal.h): read, write bit 0, read.
  const nn_mock_counters& c = *nn_mock_get_counters(mock_);
  EXPECT_EQ(c.hal_reg_reads, 2u);
  EXPECT_EQ(c.hal_reg_writes, 1u);
  EXPECT_EQ(c.reg_reads - c0.reg_reads, 2u);
  EXPECT_EQ(c.reg_writes - c0.reg_writes, 1u);
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x0C), 0u);
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x00) & NN_AP_INTERRUPT, 0u);  // line low again
  // ...and left AP_CTRL alone: ap_done is still pending there.
  EXPECT_EQ(Rd(0x00) & NN_AP_DONE, NN_AP_DONE);
  EXPECT_EQ(c.irq_waits, 2u);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 10), NN_HAL_TIMEOUT);  // nothing new
  Wr(0x04, 0);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 10), NN_HAL_TIMEOUT);  // GIE off
}

TEST_F(MockCtrl, WaitIrqAcknowledgesAClearOnReadIsr) {
  Make(NN_MOCK_ISR_CLEAR_ON_READ, 3);
  Wr(0x04, 1);
  Wr(0x08, 1);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 500), NN_HAL_OK);
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x0C), 0u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->hal_reg_reads, 2u);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 10), NN_HAL_TIMEOUT);
}

// An interrupt line raised by ap_ready alone (IER bit 1) is not completion:
// wait_irq does not report it as done.
TEST_F(MockCtrl, WaitIrqNeedsApDoneInIsr) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  Wr(0x04, 1);
  Wr(0x08, NN_IRQ_READY);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 50), NN_HAL_TIMEOUT);
  EXPECT_EQ(nn_mock_get_counters(mock_)->hal_reg_writes, 0u);  // nothing acknowledged
  EXPECT_EQ(nn_mock_reg_peek(mock_, 0x0C), NN_IRQ_READY);
}

TEST_F(MockCtrl, VirtualClock) {
  Make();
  uint64_t t0 = nn_hal_time_us(&hal_);
  for (int i = 0; i < 10; ++i) Rd(0x00);
  Wr(0x3C, 1);
  EXPECT_EQ(nn_hal_time_us(&hal_) - t0, 11u);
  nn_hal_relax(&hal_);
  EXPECT_EQ(nn_hal_time_us(&hal_) - t0, 12u);
}

TEST_F(MockCtrl, HangNeverFinishes) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  nn_mock_set_faults(mock_, NN_MOCK_FAULT_HANG);
  Wr(0x04, 1);
  Wr(0x08, 1);
  Wr(0x00, NN_AP_START);
  EXPECT_EQ(dev_.calls, 0u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->starts, 1u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(Rd(0x00), 0u);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 1000), NN_HAL_TIMEOUT);
}

TEST_F(MockCtrl, WrongSignatureOnlyInModeTwo) {
  Make(NN_MOCK_ISR_TOGGLE_ON_WRITE, 0);
  nn_mock_set_faults(mock_, NN_MOCK_FAULT_WRONG_SIGNATURE);
  Wr(0x44, NN_MODE_IDENTIFY);
  Wr(0x00, NN_AP_START);
  Rd(0x00);
  EXPECT_EQ(Rd(0x10), 0xABCDu ^ 0x5A5A5A5Au);
  Wr(0x44, NN_MODE_INFER);
  Wr(0x00, NN_AP_START);
  Rd(0x00);
  EXPECT_EQ(Rd(0x10), 0xABCDu);
}

TEST_F(MockCtrl, ArgumentRegistersAndBusFaults) {
  Make();
  Wr(0x18, 0x11223344);
  Wr(0x1C, 0x5);
  EXPECT_EQ(Rd(0x18), 0x11223344u);
  EXPECT_EQ(nn_mock_addr_peek(mock_, 0x18, 0x1C), 0x511223344ull);
  EXPECT_EQ(nn_mock_addr_peek(mock_, 0x18, NN_REG_NONE), 0x11223344ull);
  EXPECT_EQ(nn_mock_get_counters(mock_)->bus_faults, 0u);
  Rd(0x19);        // unaligned
  Wr(0x10000, 1);  // outside the window
  EXPECT_EQ(nn_mock_get_counters(mock_)->bus_faults, 2u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->reg_reads, 2u);
  EXPECT_EQ(nn_mock_get_counters(mock_)->reg_writes, 3u);
}

}  // namespace
