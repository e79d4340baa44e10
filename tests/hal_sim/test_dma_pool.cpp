// The shared first-fit DMA pool (nnhal/nn_dma_pool.h): offsets only, so the
// tests use regions of any size without memory behind them.
#include <gtest/gtest.h>

#include <cstdint>

#include "nnhal/nn_dma_pool.h"

namespace {

struct Pool {
  explicit Pool(uint64_t size) { nn_dma_pool_init(&p, size); }
  // Offset of a successful allocation (the test fails otherwise).
  uint64_t Alloc(uint64_t size, uint64_t* padded = nullptr) {
    uint64_t off = ~0ull, pad = 0;
    EXPECT_EQ(nn_dma_pool_alloc(&p, size, &off, &pad), NN_DMA_POOL_OK) << "size " << size;
    if (padded) *padded = pad;
    return off;
  }
  nn_dma_pool p;
};

TEST(DmaPool, InitRoundsTheRegionDownTo64) {
  Pool a(1000);
  EXPECT_EQ(a.p.size, 960u);
  EXPECT_EQ(a.p.count, 0u);
  EXPECT_EQ(nn_dma_pool_used(&a.p), 0u);
  Pool b(63);
  EXPECT_EQ(b.p.size, 0u);
  uint64_t off = 0, pad = 0;
  EXPECT_EQ(nn_dma_pool_alloc(&b.p, 1, &off, &pad), NN_DMA_POOL_BAD_SIZE);
}

TEST(DmaPool, SizesArePaddedTo64AndOffsetsAligned) {
  Pool pool(1u << 20);
  for (uint64_t size = 1; size <= 300; ++size) {
    uint64_t padded = 0;
    uint64_t off = pool.Alloc(size, &padded);
    EXPECT_EQ(off % NN_DMA_POOL_ALIGN, 0u);
    EXPECT_EQ(padded % NN_DMA_POOL_ALIGN, 0u);
    EXPECT_GE(padded, size);
    EXPECT_LT(padded - size, NN_DMA_POOL_ALIGN);
    ASSERT_EQ(nn_dma_pool_free(&pool.p, off), NN_DMA_POOL_OK);
  }
}

TEST(DmaPool, FirstFitTakesTheLowestGapLargeEnough) {
  Pool pool(1024);
  EXPECT_EQ(pool.Alloc(100), 0u);   // [0,128)
  EXPECT_EQ(pool.Alloc(64), 128u);  // [128,192)
  EXPECT_EQ(pool.Alloc(1), 192u);   // [192,256)
  EXPECT_EQ(pool.Alloc(64), 256u);  // [256,320)
  ASSERT_EQ(nn_dma_pool_free(&pool.p, 128), NN_DMA_POOL_OK);
  ASSERT_EQ(nn_dma_pool_free(&pool.p, 256), NN_DMA_POOL_OK);
  // 128 bytes do not fit the 64-byte gap at 128: the next gap (from 256) is taken.
  EXPECT_EQ(pool.Alloc(65), 256u);
  // 64 bytes fit the first gap.
  EXPECT_EQ(pool.Alloc(10), 128u);
  EXPECT_EQ(nn_dma_pool_used(&pool.p), 128u + 64u + 64u + 128u);
  // Blocks stay sorted by offset.
  for (unsigned i = 1; i < pool.p.count; ++i) {
    EXPECT_LT(pool.p.blocks[i - 1].off, pool.p.blocks[i].off);
  }
}

TEST(DmaPool, BadSizes) {
  Pool pool(4096);
  uint64_t off = 7, pad = 7;
  EXPECT_EQ(nn_dma_pool_alloc(&pool.p, 0, &off, &pad), NN_DMA_POOL_BAD_SIZE);
  EXPECT_EQ(nn_dma_pool_alloc(&pool.p, 4097, &off, &pad), NN_DMA_POOL_BAD_SIZE);
  EXPECT_EQ(nn_dma_pool_alloc(&pool.p, UINT64_MAX, &off, &pad), NN_DMA_POOL_BAD_SIZE);
  EXPECT_EQ(off, 7u);  // untouched on refusal
  EXPECT_EQ(pad, 7u);
  EXPECT_EQ(pool.Alloc(4096), 0u);  // exactly the region
}

TEST(DmaPool, FullAfterMaxBlocks) {
  Pool pool(uint64_t(NN_DMA_POOL_MAX + 1) * 64u);
  for (unsigned i = 0; i < NN_DMA_POOL_MAX; ++i) EXPECT_EQ(pool.Alloc(1), uint64_t(i) * 64u);
  uint64_t off, pad;
  EXPECT_EQ(nn_dma_pool_alloc(&pool.p, 1, &off, &pad), NN_DMA_POOL_FULL);  // room, no slot
  ASSERT_EQ(nn_dma_pool_free(&pool.p, 5 * 64u), NN_DMA_POOL_OK);
  EXPECT_EQ(pool.Alloc(1), 5 * 64u);
}

TEST(DmaPool, NoFitWhenNoGapIsLargeEnough) {
  Pool pool(512);
  pool.Alloc(128);                 // [0,128)
  uint64_t mid = pool.Alloc(128);  // [128,256)
  pool.Alloc(128);                 // [256,384)
  ASSERT_EQ(nn_dma_pool_free(&pool.p, mid), NN_DMA_POOL_OK);
  uint64_t off, pad;
  // 256 free bytes in total, but in two gaps of 128.
  EXPECT_EQ(nn_dma_pool_alloc(&pool.p, 129, &off, &pad), NN_DMA_POOL_NO_FIT);
  EXPECT_EQ(nn_dma_pool_used(&pool.p), 256u);
  EXPECT_EQ(pool.p.count, 2u);
}

TEST(DmaPool, FreeOfANonLiveOffsetIsRefused) {
  Pool pool(1024);
  uint64_t a = pool.Alloc(256);
  EXPECT_EQ(nn_dma_pool_free(&pool.p, a + 64), NN_DMA_POOL_NOT_LIVE);  // inside, not a start
  EXPECT_EQ(nn_dma_pool_free(&pool.p, 512), NN_DMA_POOL_NOT_LIVE);     // never handed out
  EXPECT_EQ(pool.p.count, 1u);
  EXPECT_EQ(nn_dma_pool_free(&pool.p, a), NN_DMA_POOL_OK);
  EXPECT_EQ(nn_dma_pool_free(&pool.p, a), NN_DMA_POOL_NOT_LIVE);  // twice
  EXPECT_EQ(pool.p.count, 0u);
}

TEST(DmaPool, ReuseAfterFree) {
  Pool pool(4096);
  for (int round = 0; round < 3; ++round) {
    uint64_t a = pool.Alloc(1000), b = pool.Alloc(3010);  // 1024 + 3072: full
    EXPECT_EQ(a, 0u);
    EXPECT_EQ(b, 1024u);
    uint64_t off, pad;
    EXPECT_EQ(nn_dma_pool_alloc(&pool.p, 64, &off, &pad), NN_DMA_POOL_NO_FIT);
    ASSERT_EQ(nn_dma_pool_free(&pool.p, b), NN_DMA_POOL_OK);
    ASSERT_EQ(nn_dma_pool_free(&pool.p, a), NN_DMA_POOL_OK);
    EXPECT_EQ(nn_dma_pool_used(&pool.p), 0u);
  }
}

TEST(DmaPool, RegionsBeyond4GiB) {
  Pool pool(uint64_t(1) << 40);
  EXPECT_EQ(pool.Alloc(uint64_t(1) << 33), 0u);
  EXPECT_EQ(pool.Alloc(uint64_t(5) << 32), uint64_t(1) << 33);
  EXPECT_EQ(nn_dma_pool_used(&pool.p), (uint64_t(1) << 33) + (uint64_t(5) << 32));
}

TEST(DmaPool, FindNamesTheLiveBlockHoldingARange) {
  Pool pool(1024);
  uint64_t a = pool.Alloc(128), b = pool.Alloc(64);
  const nn_dma_pool_block* blk = nn_dma_pool_find(&pool.p, a + 4, 124);
  ASSERT_NE(blk, nullptr);
  EXPECT_EQ(blk->off, a);
  EXPECT_EQ(nn_dma_pool_find(&pool.p, a + 4, 125), nullptr);         // runs into the next block
  EXPECT_EQ(nn_dma_pool_find(&pool.p, b, 65), nullptr);              // past the end
  EXPECT_EQ(nn_dma_pool_find(&pool.p, 512, 4), nullptr);             // free space
  EXPECT_EQ(nn_dma_pool_find(&pool.p, a, UINT64_MAX), nullptr);      // no wrap-around
  EXPECT_EQ(nn_dma_pool_find(&pool.p, UINT64_MAX - 3, 8), nullptr);  // nor here
  ASSERT_NE(nn_dma_pool_find(&pool.p, b, 64), nullptr);
  ASSERT_EQ(nn_dma_pool_free(&pool.p, b), NN_DMA_POOL_OK);
  EXPECT_EQ(nn_dma_pool_find(&pool.p, b, 4), nullptr);  // freed
}

}  // namespace
