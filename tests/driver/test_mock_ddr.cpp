// The mock's simulated DDR: allocation, the two views and cache operations,
// device pointers, stale-read and bus-fault detection, FLIP_WEIGHT_WORD.
#include <gtest/gtest.h>

#include <cstring>

#include "driver_fixture.h"

namespace {

using nn_test::TestModel;

// Device that asks for one range of memory when started.
struct Reader {
  uint64_t phys = 0;
  size_t len = 0;
  void* got = nullptr;
  static uint32_t Run(void* ctx, nn_mock* m) {
    auto* r = static_cast<Reader*>(ctx);
    r->got = nn_mock_device_ptr(m, r->phys, r->len);
    return 0;
  }
};

class MockDdr : public ::testing::Test {
 protected:
  void SetUp() override {
    nn_mock_config cfg;
    nn_mock_config_init(&cfg);
    cfg.regs = &model_.regs;
    cfg.weight_words = model_.weight_words;
    cfg.device = Reader::Run;
    cfg.device_ctx = &reader_;
    cfg.ddr_size = 4096;
    mock_ = nn_mock_create(&cfg);
    ASSERT_NE(mock_, nullptr);
    hal_ = nn_mock_hal(mock_);
  }
  void TearDown() override { nn_mock_destroy(mock_); }
  const nn_mock_counters& C() { return *nn_mock_get_counters(mock_); }
  void Start() { nn_hal_reg_write(&hal_, 0x00, NN_AP_START); }
  static uint32_t Word(const void* p, size_t i) {
    uint32_t w;
    std::memcpy(&w, static_cast<const uint8_t*>(p) + 4 * i, 4);
    return w;
  }

  nn_model_desc model_ = TestModel();
  Reader reader_;
  nn_mock* mock_ = nullptr;
  nn_hal hal_{};
};

TEST_F(MockDdr, AllocationsAreAlignedPaddedFirstFit) {
  nn_dma_buf a{}, b{}, c{}, d{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 100, &a), NN_HAL_OK);
  EXPECT_EQ(a.size, 128u);
  EXPECT_EQ(a.phys, 0x10000000u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.virt) % 64, 0u);
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 64, &b), NN_HAL_OK);
  EXPECT_EQ(b.phys, 0x10000080u);
  nn_hal_dma_free(&hal_, &a);
  EXPECT_EQ(a.virt, nullptr);
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 64, &c), NN_HAL_OK);  // reuses the hole
  EXPECT_EQ(c.phys, 0x10000000u);
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, 4096, &d), NN_HAL_NOMEM);
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, 0, &d), NN_HAL_ERROR);
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 4096 - 192, &d), NN_HAL_OK);  // exactly the rest
  nn_hal_dma_free(&hal_, &b);
  nn_hal_dma_free(&hal_, &c);
  nn_hal_dma_free(&hal_, &d);
  EXPECT_EQ(C().bus_faults, 0u);
  nn_hal_dma_free(&hal_, &d);  // double free
  EXPECT_EQ(C().bus_faults, 1u);
}

TEST_F(MockDdr, ViewsStartWithDifferentGarbageAndMoveOnlyByCacheOps) {
  nn_dma_buf a{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 256, &a), NN_HAL_OK);
  void* dev = nn_mock_device_ptr(mock_, a.phys, 256);
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(Word(a.virt, 0), 0x7FC0DEADu);
  EXPECT_EQ(Word(dev, 0), 0xBAADF00Du);

  std::memset(a.virt, 0x11, 256);
  EXPECT_EQ(Word(dev, 0), 0xBAADF00Du);  // not cleaned yet
  nn_hal_cache_clean(&hal_, &a, 10, 1);  // one byte cleans its whole line
  EXPECT_EQ(Word(dev, 0), 0x11111111u);
  EXPECT_EQ(Word(dev, 15), 0x11111111u);
  EXPECT_EQ(Word(dev, 16), 0xBAADF00Du);  // next line untouched

  std::memset(dev, 0x22, 256);  // the device writes memory
  EXPECT_EQ(Word(a.virt, 20), 0x11111111u);
  nn_hal_cache_invalidate(&hal_, &a, 64, 64);
  EXPECT_EQ(Word(a.virt, 16), 0x22222222u);
  EXPECT_EQ(Word(a.virt, 0), 0x11111111u);  // other lines keep the CPU copy

  std::memset(a.virt, 0x33, 256);
  nn_hal_cache_flush(&hal_, &a, 0, 256);
  EXPECT_EQ(Word(dev, 63), 0x33333333u);
  EXPECT_EQ(Word(a.virt, 63), 0x33333333u);
  EXPECT_EQ(C().cache_cleans, 1u);
  EXPECT_EQ(C().cache_invalidates, 1u);
  EXPECT_EQ(C().cache_flushes, 1u);

  nn_hal_cache_clean(&hal_, &a, 200, 100);  // leaves the buffer
  EXPECT_EQ(C().bus_faults, 1u);
  nn_dma_buf fake = a;
  fake.priv = nullptr;
  nn_hal_cache_invalidate(&hal_, &fake, 0, 64);  // not a live buffer
  EXPECT_EQ(C().bus_faults, 2u);
  nn_hal_barrier(&hal_);
  EXPECT_EQ(C().barriers, 1u);
}

TEST_F(MockDdr, DevicePointerBounds) {
  nn_dma_buf a{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 128, &a), NN_HAL_OK);
  EXPECT_NE(nn_mock_device_ptr(mock_, a.phys + 64, 64), nullptr);
  EXPECT_EQ(C().bus_faults, 0u);
  EXPECT_EQ(nn_mock_device_ptr(mock_, a.phys + 64, 65), nullptr);
  EXPECT_EQ(nn_mock_device_ptr(mock_, a.phys - 4, 8), nullptr);
  EXPECT_EQ(nn_mock_device_ptr(mock_, 0, 4), nullptr);
  EXPECT_EQ(C().bus_faults, 3u);
  nn_hal_dma_free(&hal_, &a);
  EXPECT_EQ(nn_mock_device_ptr(mock_, a.phys, 4), nullptr);  // freed
}

TEST_F(MockDdr, StaleReadCountedOnlyForUncleanedLinesDuringARun) {
  nn_dma_buf a{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 256, &a), NN_HAL_OK);
  reader_.phys = a.phys;
  reader_.len = 256;
  nn_hal_cache_flush(&hal_, &a, 0, 256);
  Start();
  EXPECT_EQ(C().stale_reads_by_device, 0u);
  while (!(nn_hal_reg_read(&hal_, 0) & NN_AP_IDLE)) {
  }
  static_cast<uint8_t*>(a.virt)[130] = 7;  // CPU writes line 2, no clean
  Start();
  EXPECT_EQ(C().stale_reads_by_device, 1u);
  EXPECT_NE(reader_.got, nullptr);
  // The back door outside a run does not count.
  nn_mock_device_ptr(mock_, a.phys, 256);
  EXPECT_EQ(C().stale_reads_by_device, 1u);
}

TEST_F(MockDdr, FlipWeightWordChangesOnlyTheDeviceView) {
  nn_dma_buf w{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 37 * 4, &w), NN_HAL_OK);
  std::memset(w.virt, 0, w.size);
  nn_hal_cache_clean(&hal_, &w, 0, w.size);
  nn_hal_reg_write(&hal_, 0x30, uint32_t(w.phys));
  nn_hal_reg_write(&hal_, 0x34, uint32_t(w.phys >> 32));
  reader_.phys = w.phys;
  reader_.len = 37 * 4;
  nn_mock_set_faults(mock_, NN_MOCK_FAULT_FLIP_WEIGHT_WORD);
  nn_hal_reg_write(&hal_, 0x44, NN_MODE_INFER);  // only mode 1 is affected
  Start();
  while (!(nn_hal_reg_read(&hal_, 0) & NN_AP_IDLE)) {
  }
  const void* dev = nn_mock_device_ptr(mock_, w.phys, 37 * 4);
  for (size_t i = 0; i < 37; ++i) ASSERT_EQ(Word(dev, i), 0u);
  nn_hal_reg_write(&hal_, 0x44, NN_MODE_LOAD_WEIGHTS);
  Start();
  int flipped = 0;
  for (size_t i = 0; i < 37; ++i) {
    uint32_t x = Word(dev, i);
    if (x != 0) {
      ++flipped;
      EXPECT_EQ(__builtin_popcount(x), 1);
    }
    EXPECT_EQ(Word(w.virt, i), 0u);
  }
  EXPECT_EQ(flipped, 1);
  EXPECT_EQ(C().stale_reads_by_device, 0u);  // the injected flip is not a cache bug
}

}  // namespace
