// The block RAM estimate behind `nngen generate`'s on-chip memory check: whole 36 Kb blocks in
// the best aspect ratio for the element width (UG473 / UG573 RAMB36 shapes).
#include "passes/onchip_memory.h"

#include <gtest/gtest.h>

namespace {

using nngen::passes::bram36_blocks;

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

}  // namespace
