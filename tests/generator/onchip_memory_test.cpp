// The block RAM estimate behind `nngen generate`'s on-chip memory check: whole 36 Kb blocks in
// the best aspect ratio for the element width (RAMB36 shapes: docs/hardware-notes.md "Block RAM
// and device resources"; sources: UG473 / UG573).
#include "passes/onchip_memory.h"

#include <gtest/gtest.h>

namespace {

using nngen::passes::bram36_blocks;
using nngen::passes::values_per_bram36;

TEST(OnchipMemory, BlocksFollowTheBestShapeForTheWidth) {
  EXPECT_EQ(bram36_blocks(0, 16), 0u);
  EXPECT_EQ(bram36_blocks(1, 16), 1u);     // a block is the smallest unit
  EXPECT_EQ(bram36_blocks(2048, 16), 1u);  // 2K x 18
  EXPECT_EQ(bram36_blocks(2049, 16), 2u);
  EXPECT_EQ(bram36_blocks(4096, 8), 1u);  // 4K x 9
  EXPECT_EQ(bram36_blocks(4096, 9), 1u);
  EXPECT_EQ(bram36_blocks(4096, 10), 2u);      // 2K x 18 twice
  EXPECT_EQ(bram36_blocks(1024, 32), 1u);      // 1K x 36
  EXPECT_EQ(bram36_blocks(512, 64), 1u);       // 512 x 72
  EXPECT_EQ(bram36_blocks(32768, 1), 1u);      // 32K x 1
  EXPECT_EQ(bram36_blocks(307200, 16), 150u);  // 600 x 512 weights at ap_fixed<16,6>
  EXPECT_EQ(bram36_blocks(307200, 8), 75u);    // the same at ap_fixed<8,3>
}

// The lower bound packs each block as densely as its shapes allow: whole values per word.
TEST(OnchipMemory, DensestPackingPerWidth) {
  EXPECT_DOUBLE_EQ(values_per_bram36(1), 36864.0);      // nine per 9-bit word (parity bits used)
  EXPECT_DOUBLE_EQ(values_per_bram36(8), 4608.0);       // nine per 72-bit word
  EXPECT_DOUBLE_EQ(values_per_bram36(16), 2048.0);      // 2K x 18, or two per 36-bit word
  EXPECT_DOUBLE_EQ(values_per_bram36(12), 3072.0);      // three per 36-bit word
  EXPECT_DOUBLE_EQ(values_per_bram36(24), 1536.0);      // three per 72-bit word
  EXPECT_DOUBLE_EQ(values_per_bram36(64), 512.0);       // 512 x 72
  EXPECT_DOUBLE_EQ(values_per_bram36(144), 256.0);      // two 72-bit words per value
  EXPECT_DOUBLE_EQ(values_per_bram36(80), 4096.0 / 9);  // nine 9-bit words (81 bits) per value
}

}  // namespace
