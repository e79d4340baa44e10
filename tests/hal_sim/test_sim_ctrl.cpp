// The sim HAL's control block, DMA buffers, clock and configuration checks
// (nnhal/nn_hal_sim.h).
#include <gtest/gtest.h>

#include <cstdint>

#include "sim_fixture.h"

namespace {

using sim_test::g_top;
using sim_test::SimBoard;

constexpr uint32_t kIdle = NN_AP_IDLE;
constexpr uint32_t kFinished = NN_AP_DONE | NN_AP_IDLE | NN_AP_READY;

TEST(SimCtrl, IdleBeforeAnyStart) {
  SimBoard b;
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);
  EXPECT_EQ(b.Read(b.regs().isr), 0u);
  EXPECT_EQ(b.Read(b.regs().ap_return), 0u);
  EXPECT_EQ(b.stats().starts, 0u);
  EXPECT_TRUE(g_top.calls.empty());
}

TEST(SimCtrl, ApStartRunsTheModelOnceAndDoneIsClearOnRead) {
  SimBoard b;
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  ASSERT_EQ(g_top.calls.size(), 1u);  // synchronously, inside reg_write
  EXPECT_EQ(b.stats().starts, 1u);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kFinished);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);  // ap_done and ap_ready were read
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);
  EXPECT_EQ(g_top.calls.size(), 1u);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(g_top.calls.size(), 2u);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kFinished);
}

TEST(SimCtrl, ApReturnHoldsTheTopsResultAndIsReadOnly) {
  SimBoard b;
  g_top.result = 0xCAFEF00Du;
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(b.Read(b.regs().ap_return), 0xCAFEF00Du);
  b.Write(b.regs().ap_return, 1u);
  EXPECT_EQ(b.Read(b.regs().ap_return), 0xCAFEF00Du);
}

TEST(SimCtrl, ArgumentRegistersArePlainReadWrite) {
  SimBoard b;
  b.Write(b.regs().batch, 0x12345678u);
  b.Write(0xFC, 0xA5A5A5A5u);  // the last word of the window
  EXPECT_EQ(b.Read(b.regs().batch), 0x12345678u);
  EXPECT_EQ(b.Read(0xFC), 0xA5A5A5A5u);
  EXPECT_TRUE(g_top.calls.empty());
}

TEST(SimCtrl, IsrTogglesOnWriteWhenEnabledInIer) {
  SimBoard b;
  b.Write(b.regs().ier, NN_IRQ_DONE);
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_DONE);
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_DONE);  // not clear-on-read
  b.Write(b.regs().isr, NN_IRQ_DONE);
  EXPECT_EQ(b.Read(b.regs().isr), 0u);
  b.Write(b.regs().isr, NN_IRQ_DONE);  // toggles back on
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_DONE);
  b.Write(b.regs().isr, 0xFFFFFFFFu);  // only bits 0..1 exist
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_READY);
}

TEST(SimCtrl, IsrStaysClearForDisabledEvents) {
  SimBoard b;
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(b.Read(b.regs().isr), 0u);  // IER 0
  b.Write(b.regs().ier, 0xFFFFFFFFu);
  EXPECT_EQ(b.Read(b.regs().ier), 3u);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_DONE | NN_IRQ_READY);
}

TEST(SimCtrl, GieGatesTheInterruptLine) {
  SimBoard b;
  b.Write(b.regs().ier, NN_IRQ_DONE);
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl) & NN_AP_INTERRUPT, 0u);  // GIE off
  b.Write(b.regs().gie, 0xFFFFFFFFu);
  EXPECT_EQ(b.Read(b.regs().gie), 1u);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle | NN_AP_INTERRUPT);
  b.Write(b.regs().isr, NN_IRQ_DONE);  // acknowledged: the line drops
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);
}

TEST(SimCtrl, AutoRestartIsHeldButNeverRestarts) {
  SimBoard b;
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START | NN_AP_AUTO_RESTART);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kFinished | NN_AP_AUTO_RESTART);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle | NN_AP_AUTO_RESTART);
  EXPECT_EQ(b.stats().starts, 1u);
  b.Write(b.regs().ap_ctrl, 0u);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);
  EXPECT_EQ(g_top.calls.size(), 1u);
}

TEST(SimCtrl, UnalignedAndOutOfWindowAccessesAreHarmlessBusFaults) {
  SimBoard b;
  b.Write(b.regs().batch, 7u);
  EXPECT_EQ(b.Read(b.regs().batch + 1u), 0u);
  EXPECT_EQ(b.Read(NN_SIM_REG_WORDS * 4u), 0u);
  EXPECT_EQ(b.Read(0xFFFFFFFCu), 0u);
  b.Write(b.regs().batch + 2u, 9u);
  b.Write(NN_SIM_REG_WORDS * 4u + b.regs().batch, 9u);  // would alias batch if wrapped
  b.Write(b.regs().ap_ctrl + 1u, NN_AP_START);
  EXPECT_EQ(b.stats().bus_faults, 6u);
  EXPECT_EQ(b.Read(b.regs().batch), 7u);
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kIdle);
  EXPECT_EQ(b.stats().starts, 0u);
  EXPECT_TRUE(g_top.calls.empty());
  EXPECT_EQ(b.stats().bus_faults, 6u);
}

TEST(SimCtrl, WaitIrqAcknowledgesApDone) {
  SimBoard b;
  ASSERT_TRUE(nn_hal_has_irq(b.hal()));
  b.Write(b.regs().gie, 1u);
  b.Write(b.regs().ier, NN_IRQ_DONE);
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  uint64_t t0 = nn_hal_time_us(b.hal());
  EXPECT_EQ(nn_hal_wait_irq(b.hal(), 1000u), NN_HAL_OK);
  EXPECT_EQ(nn_hal_time_us(b.hal()) - t0, 3u);  // read ISR, write it back, read
  EXPECT_EQ(b.Read(b.regs().isr), 0u);
  // ap_done is still pending in AP_CTRL: the wait never reads it.
  EXPECT_EQ(b.Read(b.regs().ap_ctrl), kFinished);
  // Nothing is pending any more and nothing can come: the wait runs out at once.
  t0 = nn_hal_time_us(b.hal());
  EXPECT_EQ(nn_hal_wait_irq(b.hal(), 1000u), NN_HAL_TIMEOUT);
  EXPECT_EQ(nn_hal_time_us(b.hal()) - t0, 1000u);
}

TEST(SimCtrl, WaitIrqTimesOutWithoutGieOrWithOnlyApReady) {
  SimBoard b;
  b.Write(b.regs().ier, NN_IRQ_DONE);
  b.Write(b.regs().mode, NN_MODE_IDENTIFY);
  b.Write(b.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(nn_hal_wait_irq(b.hal(), 50u), NN_HAL_TIMEOUT);  // GIE off: no line
  EXPECT_EQ(b.Read(b.regs().isr), NN_IRQ_DONE);              // left alone

  SimBoard r;
  r.Write(r.regs().gie, 1u);
  r.Write(r.regs().ier, NN_IRQ_READY);
  r.Write(r.regs().mode, NN_MODE_IDENTIFY);
  r.Write(r.regs().ap_ctrl, NN_AP_START);
  EXPECT_EQ(nn_hal_wait_irq(r.hal(), 50u), NN_HAL_TIMEOUT);  // a wake-up without ap_done
  EXPECT_EQ(r.Read(r.regs().isr), NN_IRQ_READY);             // not acknowledged
}

TEST(SimCtrl, WithoutProvideIrqTheDriverPolls) {
  SimBoard b(nn_test::VitisRegs(), 0);
  EXPECT_FALSE(nn_hal_has_irq(b.hal()));
  EXPECT_EQ(nn_hal_wait_irq(b.hal(), 10u), NN_HAL_ERROR);  // the wrapper's answer for NULL
}

TEST(SimCtrl, CoherentNoCacheOpsNoBarrierNoRelax) {
  SimBoard b;
  EXPECT_EQ(b.hal()->ops->cache_clean, nullptr);
  EXPECT_EQ(b.hal()->ops->cache_invalidate, nullptr);
  EXPECT_EQ(b.hal()->ops->cache_flush, nullptr);
  EXPECT_EQ(b.hal()->ops->barrier, nullptr);
  EXPECT_EQ(b.hal()->ops->relax, nullptr);
}

TEST(SimClock, FallbackCounterTicksOncePerRegisterAccess) {
  SimBoard b;
  uint64_t t0 = nn_hal_time_us(b.hal());
  EXPECT_EQ(nn_hal_time_us(b.hal()), t0);  // reading the clock is not an access
  b.Read(b.regs().ap_ctrl);
  b.Write(b.regs().batch, 1u);
  b.Read(0x3u);  // a refused access still takes a bus cycle
  EXPECT_EQ(nn_hal_time_us(b.hal()) - t0, 3u);
}

uint64_t g_clock = 0;
uint64_t TestClock(void* user) {
  EXPECT_EQ(user, &g_clock);
  return g_clock;
}

TEST(SimClock, ConfiguredClockAndDeviceTime) {
  static const nn_reg_map regs = nn_test::VitisRegs();
  alignas(64) static unsigned char pool[256];
  nn_sim sim;
  nn_sim_config cfg;
  nn_sim_config_init(&cfg);
  cfg.model.regs = &regs;
  cfg.model.top = sim_test::RecordingTop;
  cfg.pool = pool;
  cfg.pool_size = sizeof pool;
  cfg.time_us = TestClock;
  cfg.time_user = &g_clock;
  ASSERT_EQ(nn_sim_init(&sim, &cfg), NN_HAL_OK);
  nn_hal hal = nn_sim_hal(&sim);
  g_top = sim_test::FakeTop{};
  g_top.clock = &g_clock;
  g_top.clock_step = 250;
  g_clock = 1000;
  EXPECT_EQ(nn_hal_time_us(&hal), 1000u);
  nn_hal_reg_write(&hal, regs.mode, NN_MODE_IDENTIFY);
  nn_hal_reg_write(&hal, regs.ap_ctrl, NN_AP_START);
  nn_hal_reg_write(&hal, regs.ap_ctrl, NN_AP_START);
  EXPECT_EQ(nn_sim_get_stats(&sim)->device_us, 500u);
  EXPECT_EQ(nn_hal_time_us(&hal), 1500u);
  EXPECT_EQ(nn_sim_get_stats(&sim)->starts, 2u);
}

TEST(SimDma, BuffersComeFromThePoolWithBusAddressEqualToCpuAddress) {
  SimBoard b;
  nn_dma_buf a{}, c{};
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), 100, &a), NN_HAL_OK);
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), 64, &c), NN_HAL_OK);
  EXPECT_EQ(a.virt, b.pool());
  EXPECT_EQ(c.virt, b.pool() + 128);
  EXPECT_EQ(a.phys, uint64_t(uintptr_t(a.virt)));
  EXPECT_EQ(c.phys, uint64_t(uintptr_t(c.virt)));
  EXPECT_EQ(a.size, 128u);
  EXPECT_EQ(c.size, 64u);
  EXPECT_EQ(a.phys % 64u, 0u);
  nn_hal_dma_free(b.hal(), &a);
  EXPECT_EQ(a.virt, nullptr);  // cleared
  nn_dma_buf d{};
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), 128, &d), NN_HAL_OK);
  EXPECT_EQ(d.virt, b.pool());  // reused
  EXPECT_EQ(b.stats().bus_faults, 0u);
}

TEST(SimDma, RefusalsAndBadFrees) {
  SimBoard b;
  nn_dma_buf a{};
  EXPECT_EQ(nn_hal_dma_alloc(b.hal(), 0, &a), NN_HAL_ERROR);
  EXPECT_EQ(nn_hal_dma_alloc(b.hal(), 1, nullptr), NN_HAL_ERROR);
  EXPECT_EQ(nn_hal_dma_alloc(b.hal(), SimBoard::kPoolSize + 1, &a), NN_HAL_NOMEM);
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), SimBoard::kPoolSize - 64, &a), NN_HAL_OK);
  nn_dma_buf c{};
  EXPECT_EQ(nn_hal_dma_alloc(b.hal(), 65, &c), NN_HAL_NOMEM);  // 64 bytes left

  // A buffer the pool never handed out: counted, nothing freed.
  nn_dma_buf foreign{};
  unsigned char elsewhere[64];
  foreign.virt = elsewhere;
  foreign.priv = b.sim();
  nn_hal_dma_free(b.hal(), &foreign);
  nn_dma_buf inside = a;
  inside.virt = static_cast<unsigned char*>(a.virt) + 64;  // not a block start
  nn_hal_dma_free(b.hal(), &inside);
  EXPECT_EQ(b.stats().bus_faults, 2u);
  nn_dma_buf copy = a;
  nn_hal_dma_free(b.hal(), &a);
  nn_hal_dma_free(b.hal(), &copy);  // twice
  EXPECT_EQ(b.stats().bus_faults, 3u);
  nn_dma_buf empty{};
  nn_hal_dma_free(b.hal(), &empty);  // nothing to free: not a fault
  EXPECT_EQ(b.stats().bus_faults, 3u);
}

class SimConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    regs_ = nn_test::VitisRegs();
    nn_sim_config_init(&cfg_);
    cfg_.model.regs = &regs_;
    cfg_.model.top = sim_test::RecordingTop;
    cfg_.pool = pool_;
    cfg_.pool_size = sizeof pool_;
  }
  int Init() { return nn_sim_init(&sim_, &cfg_); }
  nn_reg_map regs_;
  alignas(64) unsigned char pool_[256];
  nn_sim_config cfg_;
  nn_sim sim_;
};

TEST_F(SimConfig, Defaults) {
  nn_sim_config c;
  std::memset(&c, 0x5A, sizeof c);
  nn_sim_config_init(&c);
  EXPECT_EQ(c.model.regs, nullptr);
  EXPECT_EQ(c.model.top, nullptr);
  EXPECT_EQ(c.model.input_size, 0u);
  EXPECT_EQ(c.pool, nullptr);
  EXPECT_EQ(c.pool_size, 0u);
  EXPECT_EQ(c.time_us, nullptr);
  EXPECT_EQ(c.time_user, nullptr);
  EXPECT_EQ(c.provide_irq, 1);
  nn_sim_config_init(nullptr);  // harmless
  EXPECT_EQ(Init(), NN_HAL_OK);
  EXPECT_EQ(nn_sim_get_stats(nullptr), nullptr);
}

TEST_F(SimConfig, NullArguments) {
  EXPECT_EQ(nn_sim_init(nullptr, &cfg_), NN_HAL_ERROR);
  EXPECT_EQ(nn_sim_init(&sim_, nullptr), NN_HAL_ERROR);
}

TEST_F(SimConfig, NoTopOrNoRegs) {
  cfg_.model.top = nullptr;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  cfg_.model.top = sim_test::RecordingTop;
  cfg_.model.regs = nullptr;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
}

TEST_F(SimConfig, RegistersOutsideTheWindowOrUnaligned) {
  regs_.mode = NN_SIM_REG_WORDS * 4u;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  regs_ = nn_test::VitisRegs();
  regs_.batch = 0x3E;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  regs_ = nn_test::VitisRegs();
  regs_.isr = NN_REG_NONE;  // only the high address words may be absent
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  regs_ = nn_test::VitisRegs();
  regs_.in_lo = NN_REG_NONE;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  regs_ = nn_test::VitisRegs();
  regs_.weights_hi = 0x101;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  regs_ = nn_test::Addr32Regs();  // no high words: fine
  EXPECT_EQ(Init(), NN_HAL_OK);
}

TEST_F(SimConfig, BadPools) {
  cfg_.pool = nullptr;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  cfg_.pool = pool_ + 8;  // not 64-byte aligned
  cfg_.pool_size = 128;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  cfg_.pool = pool_;
  cfg_.pool_size = 63;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
  cfg_.pool_size = 64;
  EXPECT_EQ(Init(), NN_HAL_OK);
  // A region that would wrap the address space (bus address = CPU address).
  cfg_.pool = reinterpret_cast<void*>(~uintptr_t(63));
  cfg_.pool_size = 128;
  EXPECT_EQ(Init(), NN_HAL_ERROR);
}

}  // namespace
