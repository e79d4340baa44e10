// nnhal_baremetal built with NNHAL_BAREMETAL_XILINX_BSP=1 on the host against
// the recording BSP stub: which BSP calls each HAL operation makes, with which
// addresses and lengths, and the instance's checks, pool and statistics.
// (The CPU-specific register-level build has nothing to run on the host; it is
// compile-checked here and run in QEMU by the image tests.)
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "bsp_recorder.h"
#include "nnhal/nn_hal_baremetal.h"
#include "xtime_l.h"

static_assert(COUNTS_PER_SECOND == 325000000u, "the timer test assumes the stub's 325 MHz");

namespace {

using bsp::Call;

// Stands in for the IP's AXI-Lite window: Xil_In32/Out32 read and write it.
alignas(64) std::uint32_t g_regs[64];
// A caller-provided DMA region.
alignas(64) unsigned char g_pool[4096];

std::uintptr_t base() { return reinterpret_cast<std::uintptr_t>(g_regs); }

class BaremetalBsp : public ::testing::Test {
 protected:
  void SetUp() override {
    bsp::reset();
    std::memset(g_regs, 0, sizeof g_regs);
    nn_baremetal_config_init(&cfg_);
    cfg_.base = base();
    cfg_.pool = g_pool;
    cfg_.pool_size = sizeof g_pool;
    ASSERT_EQ(nn_baremetal_init(&bm_, &cfg_), NN_HAL_OK);
    hal_ = nn_baremetal_hal(&bm_);
  }
  nn_baremetal_config cfg_{};
  nn_baremetal bm_{};
  nn_hal hal_{};
};

TEST(BaremetalConfig, InitZeroes) {
  nn_baremetal_config c;
  std::memset(&c, 0xA5, sizeof c);
  nn_baremetal_config_init(&c);
  EXPECT_EQ(c.base, 0u);
  EXPECT_EQ(c.pool, nullptr);
  EXPECT_EQ(c.pool_size, 0u);
  EXPECT_EQ(c.coherent, 0);
}

TEST(BaremetalConfig, InitRefusesBadArguments) {
  nn_baremetal bm;
  nn_baremetal_config c;
  nn_baremetal_config_init(&c);
  EXPECT_EQ(nn_baremetal_init(nullptr, &c), NN_HAL_ERROR);
  EXPECT_EQ(nn_baremetal_init(&bm, nullptr), NN_HAL_ERROR);
  EXPECT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_ERROR) << "base 0";
  c.base = base() + 2;
  EXPECT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_ERROR) << "base not 4-byte aligned";
  c.base = base();
  c.pool = g_pool + 32;
  c.pool_size = 1024;
  EXPECT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_ERROR) << "pool not 64-byte aligned";
  c.pool = g_pool;
  c.pool_size = 63;
  EXPECT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_ERROR) << "pool smaller than 64 bytes";
  c.pool_size = 64;
  EXPECT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_OK);
  EXPECT_TRUE(bsp::calls().empty()) << "init touches no register, cache or timer";
}

TEST_F(BaremetalBsp, OpsTablePollsAndHasCacheOps) {
  ASSERT_NE(hal_.ops, nullptr);
  EXPECT_EQ(hal_.ctx, &bm_);
  EXPECT_EQ(hal_.ops->wait_irq, nullptr) << "completion is polled";
  EXPECT_FALSE(nn_hal_has_irq(&hal_));
  EXPECT_NE(hal_.ops->cache_clean, nullptr);
  EXPECT_NE(hal_.ops->cache_invalidate, nullptr);
  EXPECT_NE(hal_.ops->cache_flush, nullptr);
  EXPECT_NE(hal_.ops->barrier, nullptr);
  nn_hal_barrier(&hal_);  // host: a fence; must not call the BSP
  nn_hal_relax(&hal_);
  EXPECT_TRUE(bsp::calls().empty());
}

TEST_F(BaremetalBsp, RegistersGoThroughXilIo) {
  g_regs[0x10 / 4] = 0xCAFEF00Du;
  EXPECT_EQ(nn_hal_reg_read(&hal_, 0x10), 0xCAFEF00Du);
  nn_hal_reg_write(&hal_, 0x18, 0x12345678u);
  EXPECT_EQ(g_regs[0x18 / 4], 0x12345678u);
  nn_hal_reg_write(&hal_, 0x00, 1u);
  const std::vector<Call> want = {{"In32", base() + 0x10, 0xCAFEF00Du},
                                  {"Out32", base() + 0x18, 0x12345678u},
                                  {"Out32", base() + 0x00, 1u}};
  EXPECT_EQ(bsp::calls(), want);
  const nn_baremetal_stats* st = nn_baremetal_get_stats(&bm_);
  EXPECT_EQ(st->reg_reads, 1u);
  EXPECT_EQ(st->reg_writes, 2u);
}

TEST_F(BaremetalBsp, DmaBuffersComeFromThePoolIdentityMapped) {
  nn_dma_buf a{}, b{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 100, &a), NN_HAL_OK);
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 64, &b), NN_HAL_OK);
  auto in_pool = [](const nn_dma_buf& x) {
    auto* p = static_cast<unsigned char*>(x.virt);
    return p >= g_pool && p + x.size <= g_pool + sizeof g_pool;
  };
  EXPECT_TRUE(in_pool(a));
  EXPECT_TRUE(in_pool(b));
  EXPECT_EQ(a.size, 128u) << "rounded up to 64";
  EXPECT_EQ(b.size, 64u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.virt) % 64, 0u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b.virt) % 64, 0u);
  EXPECT_EQ(a.phys, reinterpret_cast<std::uintptr_t>(a.virt)) << "bus address = CPU address";
  EXPECT_EQ(b.phys, reinterpret_cast<std::uintptr_t>(b.virt));
  EXPECT_GE(static_cast<unsigned char*>(b.virt), static_cast<unsigned char*>(a.virt) + a.size)
      << "no overlap";
  void* first = a.virt;
  nn_hal_dma_free(&hal_, &a);
  EXPECT_EQ(a.virt, nullptr);
  nn_dma_buf c{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 128, &c), NN_HAL_OK);
  EXPECT_EQ(c.virt, first) << "a freed block is reused (first fit)";
  EXPECT_TRUE(bsp::calls().empty()) << "allocation makes no BSP call";
}

TEST_F(BaremetalBsp, DmaAllocFailures) {
  nn_dma_buf a{};
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, 0, &a), NN_HAL_ERROR);
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, sizeof g_pool + 1, &a), NN_HAL_NOMEM);
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, sizeof g_pool - 64, &a), NN_HAL_OK);
  nn_dma_buf b{};
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, 128, &b), NN_HAL_NOMEM) << "only 64 bytes left";
  EXPECT_EQ(nn_hal_dma_alloc(&hal_, 64, &b), NN_HAL_OK);
}

TEST(BaremetalStaticPool, UsedWhenNoPoolIsGiven) {
  nn_baremetal bm;
  nn_baremetal_config c;
  nn_baremetal_config_init(&c);
  c.base = base();
  ASSERT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_OK);
  nn_hal h = nn_baremetal_hal(&bm);
  nn_dma_buf a{}, b{};
  // This build's NNHAL_BAREMETAL_POOL_SIZE is 64 KiB (tests/baremetal_hal/CMakeLists.txt).
  EXPECT_EQ(nn_hal_dma_alloc(&h, NNHAL_BAREMETAL_POOL_SIZE + 1, &a), NN_HAL_NOMEM);
  ASSERT_EQ(nn_hal_dma_alloc(&h, NNHAL_BAREMETAL_POOL_SIZE, &a), NN_HAL_OK);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.virt) % 64, 0u);
  EXPECT_EQ(a.phys, reinterpret_cast<std::uintptr_t>(a.virt));
  auto* p = static_cast<unsigned char*>(a.virt);
  p[0] = 1;
  p[NNHAL_BAREMETAL_POOL_SIZE - 1] = 2;  // the whole pool is ours (ASan checks the bounds)
  EXPECT_EQ(nn_hal_dma_alloc(&h, 64, &b), NN_HAL_NOMEM);
}

TEST_F(BaremetalBsp, CacheOpsCallTheBspRanges) {
  nn_dma_buf buf{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 1024, &buf), NN_HAL_OK);
  const std::uintptr_t v = reinterpret_cast<std::uintptr_t>(buf.virt);
  nn_hal_cache_clean(&hal_, &buf, 0, 256);
  nn_hal_cache_flush(&hal_, &buf, 256, 128);
  nn_hal_cache_invalidate(&hal_, &buf, 64, 512);
  nn_hal_cache_clean(&hal_, &buf, 0, 0);                   // nothing to do: no call
  const std::vector<Call> want = {{"FlushRange", v, 256},  // no clean-only call in the BSP
                                  {"FlushRange", v + 256, 128},
                                  {"InvalidateRange", v + 64, 512}};
  EXPECT_EQ(bsp::calls(), want);
  // Statistics in lines of the host build's 32-byte (Cortex-A9) line.
  const nn_baremetal_stats* st = nn_baremetal_get_stats(&bm_);
  EXPECT_EQ(st->cache_lines_cleaned, 256u / 32 + 128u / 32);
  EXPECT_EQ(st->cache_lines_invalidated, 128u / 32 + 512u / 32);
}

TEST_F(BaremetalBsp, CacheLineCountCoversPartialLines) {
  nn_dma_buf buf{};
  ASSERT_EQ(nn_hal_dma_alloc(&hal_, 1024, &buf), NN_HAL_OK);
  nn_hal_cache_invalidate(&hal_, &buf, 30, 4);  // bytes 30..33: lines 0 and 1
  EXPECT_EQ(nn_baremetal_get_stats(&bm_)->cache_lines_invalidated, 2u);
  ASSERT_EQ(bsp::calls().size(), 1u);
  EXPECT_EQ(bsp::calls()[0],
            (Call{"InvalidateRange", reinterpret_cast<std::uintptr_t>(buf.virt) + 30, 4}));
}

TEST(BaremetalCoherent, NoCacheMaintenance) {
  bsp::reset();
  nn_baremetal bm;
  nn_baremetal_config c;
  nn_baremetal_config_init(&c);
  c.base = base();
  c.pool = g_pool;
  c.pool_size = sizeof g_pool;
  c.coherent = 1;
  ASSERT_EQ(nn_baremetal_init(&bm, &c), NN_HAL_OK);
  nn_hal h = nn_baremetal_hal(&bm);
  EXPECT_EQ(h.ops->cache_clean, nullptr);
  EXPECT_EQ(h.ops->cache_invalidate, nullptr);
  EXPECT_EQ(h.ops->cache_flush, nullptr);
  EXPECT_NE(h.ops->barrier, nullptr) << "the DSB before ap_start stays";
  nn_dma_buf buf{};
  ASSERT_EQ(nn_hal_dma_alloc(&h, 256, &buf), NN_HAL_OK);
  nn_hal_cache_clean(&h, &buf, 0, 256);
  nn_hal_cache_flush(&h, &buf, 0, 256);
  nn_hal_cache_invalidate(&h, &buf, 0, 256);
  EXPECT_TRUE(bsp::calls().empty());
  EXPECT_EQ(nn_baremetal_get_stats(&bm)->cache_lines_cleaned, 0u);
}

TEST_F(BaremetalBsp, TimeFromXTimeAtCountsPerSecond) {
  bsp::set_time(0);
  EXPECT_EQ(nn_hal_time_us(&hal_), 0u);
  bsp::set_time(COUNTS_PER_SECOND);  // one second
  EXPECT_EQ(nn_hal_time_us(&hal_), 1000000u);
  bsp::set_time(325u);  // 325 ticks at 325 MHz = 1 us
  EXPECT_EQ(nn_baremetal_time_us(), 1u);
  // 2^62 ticks: ticks * 1e6 would overflow 64 bits; the result must not wrap.
  const std::uint64_t big = std::uint64_t{1} << 62;
  bsp::set_time(big);
  // Exact reference in 128-bit arithmetic (a GCC/Clang extension, fine in a test).
  const auto exact = static_cast<std::uint64_t>(static_cast<unsigned __int128>(big) * 1000000u /
                                                COUNTS_PER_SECOND);
  EXPECT_EQ(nn_baremetal_time_us(), exact);
  ASSERT_EQ(bsp::calls().size(), 4u);
  for (const Call& c : bsp::calls()) EXPECT_EQ(c.fn, "GetTime");
}

}  // namespace
