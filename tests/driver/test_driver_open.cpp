// nn_open / nn_identify / nn_close on the mock HAL: descriptor validation,
// buffers, auto_restart, interrupts, signature.
#include <gtest/gtest.h>

#include "driver_fixture.h"

namespace {

using nn_test::Board;
using nn_test::kSignature;
using nn_test::TestModel;

// After nn_close (or a failed nn_open) every buffer must be back: a fresh
// allocation then gets the first address of the simulated DDR again.
void ExpectAllBuffersFreed(Board& b) {
  nn_dma_buf buf{};
  ASSERT_EQ(nn_hal_dma_alloc(b.hal(), 64, &buf), NN_HAL_OK);
  EXPECT_EQ(buf.phys, 0x10000000u);
  nn_hal_dma_free(b.hal(), &buf);
}

TEST(DriverOpen, OpensIdentifiesAndAllocatesPaddedBuffers) {
  Board b(TestModel());
  nn_options o = b.Options(false);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK) << b.log.All();
  EXPECT_EQ(b.device().runs[NN_MODE_IDENTIFY], 1u);
  EXPECT_EQ(dev.signature, kSignature);
  // 8 samples * 20 floats = 640 B; 8 * 5 * 4 = 160 -> 192; 37 * 4 = 148 -> 192.
  EXPECT_EQ(dev.in_buf.size, 640u);
  EXPECT_EQ(dev.out_buf.size, 192u);
  EXPECT_EQ(dev.w_buf.size, 192u);
  uint32_t cap = 0;
  EXPECT_EQ(nn_input_buffer(&dev, &cap), dev.in_buf.virt);
  EXPECT_EQ(cap, 8u);
  uint32_t sig = 0;
  EXPECT_EQ(nn_identify(&dev, &sig), NN_OK);
  EXPECT_EQ(sig, kSignature);
  nn_close(&dev);
  ExpectAllBuffersFreed(b);
  nn_close(&dev);  // harmless twice
  EXPECT_EQ(nn_identify(&dev, nullptr), NN_E_STATE);
}

TEST(DriverOpen, NullOptionsMeanDefaults) {
  Board b(TestModel());
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), nullptr), NN_OK);
  EXPECT_EQ(dev.opt.timeout_us, 1000000u);
  EXPECT_EQ(dev.opt.max_batch, 8u);
  EXPECT_EQ(b.counters().irq_waits, 1u);  // default use_irq=1 and the mock has wait_irq
  nn_close(&dev);
}

TEST(DriverOpen, OptionsInitDefaults) {
  nn_options o;
  std::memset(&o, 0xFF, sizeof o);
  nn_options_init(&o);
  EXPECT_EQ(o.max_batch, 0u);
  EXPECT_EQ(o.timeout_us, 1000000u);
  EXPECT_EQ(o.use_irq, 1);
  EXPECT_EQ(o.skip_identify, 0);
  EXPECT_EQ(o.coherent, 0);
  EXPECT_EQ(o.log, nullptr);
  EXPECT_EQ(o.log_user, nullptr);
}

TEST(DriverOpen, SmallerCapacityOption) {
  Board b(TestModel());
  nn_options o = b.Options(false);
  o.max_batch = 3;
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(dev.in_buf.size, 256u);  // 3 * 80 = 240 -> 256
  nn_close(&dev);
  o.max_batch = 9;
  EXPECT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_E_INVAL);
  EXPECT_TRUE(b.log.Contains("max_batch 9")) << b.log.All();
}

struct BadDesc {
  const char* what;  // expected in the log
  void (*spoil)(nn_model_desc&);
};

class DriverOpenBadDescriptor : public ::testing::TestWithParam<BadDesc> {};

TEST_P(DriverOpenBadDescriptor, RefusedWithFieldInLog) {
  Board b(TestModel());
  nn_model_desc bad = b.model();
  GetParam().spoil(bad);
  nn_options o = b.Options(false);
  nn_device dev;
  EXPECT_EQ(nn_open(&dev, &bad, b.hal(), &o), NN_E_INVAL);
  EXPECT_TRUE(b.log.Contains(GetParam().what)) << b.log.All();
  EXPECT_EQ(b.counters().reg_reads + b.counters().reg_writes, 0u);  // never touched the IP
  ExpectAllBuffersFreed(b);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, DriverOpenBadDescriptor,
    ::testing::Values(BadDesc{"desc_version", [](nn_model_desc& m) { m.desc_version = 2; }},
                      BadDesc{"bus_format", [](nn_model_desc& m) { m.bus_format = 7; }},
                      BadDesc{"input_size", [](nn_model_desc& m) { m.input_size = 0; }},
                      BadDesc{"output_size", [](nn_model_desc& m) { m.output_size = 0; }},
                      BadDesc{"weight_words", [](nn_model_desc& m) { m.weight_words = 0; }},
                      BadDesc{"max_batch", [](nn_model_desc& m) { m.max_batch = 0; }},
                      BadDesc{"regs.batch", [](nn_model_desc& m) { m.regs.batch = 0x3D; }},
                      BadDesc{"regs.in_hi", [](nn_model_desc& m) { m.regs.in_hi = 0x1E; }},
                      BadDesc{"regs.ap_ctrl", [](nn_model_desc& m) { m.regs.ap_ctrl = 2; }},
                      BadDesc{"regs.mode", [](nn_model_desc& m) { m.regs.mode = NN_REG_NONE; }},
                      BadDesc{"regs.ap_return",
                              [](nn_model_desc& m) { m.regs.ap_return = NN_REG_NONE; }},
                      BadDesc{"overflow", [](nn_model_desc& m) {
                                m.input_size = 0xFFFFFFFFu;
                                m.max_batch = 0xFFFFFFFFu;
                              }}));

TEST(DriverOpen, NullArgumentsAndBadHal) {
  Board b(TestModel());
  nn_device dev;
  EXPECT_EQ(nn_open(nullptr, &b.model(), b.hal(), nullptr), NN_E_INVAL);
  EXPECT_EQ(nn_open(&dev, nullptr, b.hal(), nullptr), NN_E_INVAL);
  EXPECT_EQ(nn_open(&dev, &b.model(), nullptr, nullptr), NN_E_INVAL);
  nn_hal_ops ops = *b.hal()->ops;
  ops.time_us = nullptr;
  nn_hal h{&ops, b.hal()->ctx};
  nn_options o = b.Options(false);
  EXPECT_EQ(nn_open(&dev, &b.model(), &h, &o), NN_E_INVAL);
  EXPECT_TRUE(b.log.Contains("mandatory")) << b.log.All();
  nn_hal no_ops{nullptr, b.hal()->ctx};
  EXPECT_EQ(nn_open(&dev, &b.model(), &no_ops, &o), NN_E_INVAL);
}

TEST(DriverOpen, OutOfDmaMemory) {
  nn_model_desc model = TestModel();
  nn_mock_config cfg;
  nn_mock_config_init(&cfg);
  cfg.regs = &model.regs;
  cfg.weight_words = model.weight_words;
  cfg.ddr_size = 768;  // the 640-byte input buffer fits, the 192-byte output does not
  nn_mock* mock = nn_mock_create(&cfg);
  ASSERT_NE(mock, nullptr);
  nn_hal hal = nn_mock_hal(mock);
  nn_device dev;
  EXPECT_EQ(nn_open(&dev, &model, &hal, nullptr), NN_E_NOMEM);
  nn_dma_buf buf{};  // the input buffer was given back
  EXPECT_EQ(nn_hal_dma_alloc(&hal, 768, &buf), NN_HAL_OK);
  nn_hal_dma_free(&hal, &buf);
  nn_mock_destroy(mock);
}

TEST(DriverOpen, WrongSignatureRefused) {
  Board b(TestModel());
  b.device().signature = kSignature + 1;
  nn_options o = b.Options(false);
  nn_device dev;
  EXPECT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_E_SIGNATURE);
  EXPECT_TRUE(b.log.Contains("signature")) << b.log.All();
  ExpectAllBuffersFreed(b);
  EXPECT_EQ(nn_predict(&dev, nullptr, nullptr, 1), NN_E_STATE);  // not open
}

TEST(DriverOpen, WrongSignatureFaultAndSkipIdentify) {
  Board b(TestModel());
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_WRONG_SIGNATURE);
  nn_options o = b.Options(true);
  nn_device dev;
  EXPECT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_E_SIGNATURE);
  o.skip_identify = 1;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(b.device().runs[NN_MODE_IDENTIFY], 1u);  // only the refused open
  uint32_t sig = 0;
  EXPECT_EQ(nn_identify(&dev, &sig), NN_E_SIGNATURE);
  EXPECT_EQ(sig, kSignature ^ 0x5A5A5A5Au);
  EXPECT_EQ(dev.signature, kSignature ^ 0x5A5A5A5Au);
  nn_close(&dev);
}

TEST(DriverOpen, ClearsAutoRestartLeftByAPreviousOwner) {
  Board b(TestModel());
  nn_hal_reg_write(b.hal(), 0x00, NN_AP_AUTO_RESTART);
  ASSERT_NE(nn_mock_reg_peek(b.mock(), 0x00) & NN_AP_AUTO_RESTART, 0u);
  nn_options o = b.Options(false);
  nn_device dev;
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x00) & NN_AP_AUTO_RESTART, 0u);
  EXPECT_EQ(b.counters().starts, 1u);  // identify ran once, no restart
  nn_close(&dev);
}

TEST(DriverOpen, WaitsForARunningPreviousJobThenTimesOut) {
  Board b(TestModel());
  nn_mock_set_faults(b.mock(), NN_MOCK_FAULT_HANG);
  nn_hal_reg_write(b.hal(), 0x00, NN_AP_START);  // someone else's run that never ends
  nn_options o = b.Options(false);
  o.timeout_us = 500;
  nn_device dev;
  uint64_t t0 = nn_hal_time_us(b.hal());
  EXPECT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_E_TIMEOUT);
  uint64_t spent = nn_hal_time_us(b.hal()) - t0;
  EXPECT_GE(spent, 500u);
  EXPECT_LT(spent, 520u);
  EXPECT_TRUE(b.log.Contains("not idle")) << b.log.All();
  ExpectAllBuffersFreed(b);
}

TEST(DriverOpen, InterruptRegistersPerOption) {
  Board b(TestModel());
  nn_device dev;
  nn_options o = b.Options(true);
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x04), 1u);  // GIE
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x08), 1u);  // IER: ap_done only
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x0C), 0u);  // ISR acknowledged after identify
  nn_close(&dev);
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x04), 0u);  // close disables the line
  o = b.Options(false);
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x04), 0u);
  EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x08), 0u);
  nn_close(&dev);
}

// A toggle-on-write ISR must only be written when a bit is set: writing 1 to a
// clear bit would raise a phantom interrupt.
TEST(DriverOpen, StaleIsrClearedWithoutRaisingAPhantom) {
  for (bool stale : {false, true}) {
    Board b(TestModel());
    if (stale) {  // a previous owner's finished run left ISR bit 0 set
      nn_hal_reg_write(b.hal(), 0x08, 1u);
      nn_hal_reg_write(b.hal(), 0x44, NN_MODE_IDENTIFY);
      nn_hal_reg_write(b.hal(), 0x00, NN_AP_START);
      while (!(nn_hal_reg_read(b.hal(), 0x00) & NN_AP_IDLE)) {
      }
      ASSERT_EQ(nn_mock_reg_peek(b.mock(), 0x0C), 1u);
    }
    nn_options o = b.Options(true);
    o.skip_identify = 1;
    nn_device dev;
    ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
    EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x0C), 0u) << "stale=" << stale;
    EXPECT_EQ(nn_mock_reg_peek(b.mock(), 0x00) & NN_AP_INTERRUPT, 0u);
    nn_close(&dev);
  }
}

TEST(DriverOpen, ThirtyTwoBitAddressMap) {
  nn_model_desc m = TestModel();
  m.regs = nn_test::Addr32Regs();
  {
    Board b(m);
    nn_device dev;
    nn_options o = b.Options(false);
    ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK) << b.log.All();
    nn_close(&dev);
  }
  {
    // DDR above 4 GiB cannot be reached with 32-bit pointer registers.
    Board b(m, NN_MOCK_ISR_TOGGLE_ON_WRITE, 0x800000000ull);
    nn_device dev;
    nn_options o = b.Options(false);
    EXPECT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_E_HAL);
    EXPECT_TRUE(b.log.Contains("unusable input buffer")) << b.log.All();
  }
}

TEST(DriverOpen, LogHookReceivesInfo) {
  Board b(TestModel());
  nn_device dev;
  nn_options o = b.Options(false);
  ASSERT_EQ(nn_open(&dev, &b.model(), b.hal(), &o), NN_OK);
  EXPECT_TRUE(b.log.Contains("opened model testnet, capacity 8 samples")) << b.log.All();
  nn_close(&dev);
}

}  // namespace
