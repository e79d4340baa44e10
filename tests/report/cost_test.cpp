// The cost arithmetic (DSPs per multiplier, BRAM-18K of a memory), one layer's numbers worked out
// by hand, and the over-budget warning of a big dense layer on pynq-z2 (docs/cost-model.md).
#include "ops/cost.h"

#include <gtest/gtest.h>

#include "backend/board_db.h"
#include "graph_builder.h"
#include "passes/pipeline.h"

namespace {

using nngen::ops::cost::bram18k;
using nngen::ops::cost::bram18k_banked;
using nngen::ops::cost::dsp_per_multiplier;

TEST(CostArithmetic, DspPerMultiplierFromOperandWidths) {
  // Both under 10 bits: LUTs.
  EXPECT_EQ(dsp_per_multiplier(8, 8, "zynq"), 0);
  EXPECT_EQ(dsp_per_multiplier(9, 9, "zynquplus"), 0);
  EXPECT_EQ(dsp_per_multiplier(10, 9, "zynq"), 1);
  EXPECT_EQ(dsp_per_multiplier(16, 16, "zynq"), 1);
  EXPECT_EQ(dsp_per_multiplier(18, 25, "zynq"), 1);  // placed the cheaper way round
  EXPECT_EQ(dsp_per_multiplier(25, 18, "zynq"), 1);
  // 26 x 18: DSP48E1's 25-bit port is too narrow, DSP48E2's 27 bits are not.
  EXPECT_EQ(dsp_per_multiplier(26, 18, "zynq"), 2);
  EXPECT_EQ(dsp_per_multiplier(26, 18, "zynquplus"), 1);
  EXPECT_EQ(dsp_per_multiplier(24, 24, "zynq"), 2);
  EXPECT_EQ(dsp_per_multiplier(32, 32, "zynq"), 4);
  EXPECT_EQ(dsp_per_multiplier(32, 32, "zynquplus"), 4);
  EXPECT_EQ(dsp_per_multiplier(27, 19, "zynquplus"), 2);
  EXPECT_EQ(dsp_per_multiplier(50, 36, "zynq"), 4);  // ceil(50/25) * ceil(36/18)
}

TEST(CostArithmetic, Bram18kOfOneMemory) {
  EXPECT_EQ(bram18k(63, 16), 0);    // 1008 bits: LUTRAM
  EXPECT_EQ(bram18k(64, 16), 1);    // 1 Kbit
  EXPECT_EQ(bram18k(1024, 18), 1);  // exactly 1K x 18
  EXPECT_EQ(bram18k(512, 36), 1);
  EXPECT_EQ(bram18k(16384, 1), 1);
  EXPECT_EQ(bram18k(1025, 18), 2);  // 2K x 9 twice (or 1K x 18 twice)
  EXPECT_EQ(bram18k(2048, 16), 2);  // 2K x 9 twice
  EXPECT_EQ(bram18k(512, 48), 2);   // 512 x 36 twice
  EXPECT_EQ(bram18k(0, 16), 0);
  // 8 banks of [10][128 / 8 = 16] = 160 words x 16 bits (2560 bits): one 1K x 18 each.
  EXPECT_EQ(bram18k_banked(10, 128, 16, 8), 8);
  // One bank per column of a 10-row array: 160 bits each, LUTRAM.
  EXPECT_EQ(bram18k_banked(10, 256, 16, 256), 0);
  EXPECT_EQ(bram18k_banked(1024, 1024, 16, 1), 1024);  // 16 Mbit in 1K x 16 pieces
}

nngen::passes::Design dense_design(int64_t n_in, int64_t n_out, int reuse) {
  gentest::GraphBuilder b({n_in});
  b.gemm("x", "y", n_in, n_out);
  b.d.options.reuse = reuse;
  return b.d;
}

void set_board(nngen::passes::Design& d, const std::string& id) {
  const nngen::backend::Board bd = nngen::backend::find_board(id);
  d.options.target = {bd.id, bd.hwh_arch,       bd.dsp, 2 * int64_t{bd.bram36}, bd.lut,
                      bd.ff, bd.clock_period_ns};
}

// Dense 256 -> 10, 16-bit input and weights: worked out from nn_dense.h by hand.
TEST(CostEstimate, DenseLayerByHand) {
  for (const int reuse : {1, 4}) {
    nngen::passes::Design d = dense_design(256, 10, reuse);
    set_board(d, "pynq-z2");
    nngen::passes::run_pipeline(d, "", {});
    ASSERT_EQ(d.cost.layers.size(), 1u);
    const nngen::ops::LayerCost& c = d.cost.layers[0].cost;
    EXPECT_EQ(c.macs, 2560);
    EXPECT_EQ(c.multipliers, 256 / reuse);
    EXPECT_EQ(c.dsp, 256 / reuse);  // 16 x 16 bits: one DSP48E1 each
    // 256 / reuse banks of 10 * reuse words x 16 bits: LUTRAM below 64 words.
    EXPECT_EQ(c.bram18k_weights, 0);
    EXPECT_EQ(c.latency_cycles, 256 + 10 * reuse);  // read the sample, then the neurons
    EXPECT_EQ(c.ii_cycles, std::max(256, 10 * reuse));
    EXPECT_EQ(d.cost.layers[0].out_shape, (std::vector<int64_t>{10}));
    // Totals: input read and output write at one value per cycle around the layer.
    EXPECT_EQ(d.cost.total.latency_cycles, 256 + (256 + 10 * reuse) + 10);
    EXPECT_EQ(d.cost.total.ii_cycles, 256);
    // Two FIFOs: s_input (256 x 16 bits = 4 Kbit: 1 BRAM-18K) and s_dense0 (10 x 16: SRL).
    ASSERT_EQ(d.cost.fifo_bram18k.size(), 2u);
    EXPECT_EQ(d.cost.fifo_bram18k[0], 1);
    EXPECT_EQ(d.cost.fifo_bram18k[1], 0);
    // Weight load: 2570 words, 1285 cycles on the 64-bit bus, 2570 in the II = 1 load loop.
    EXPECT_EQ(d.cost.weight_load_bus_cycles, 1285);
    EXPECT_EQ(d.cost.weight_load_cycles, 2570);
    // 256 DSPs at reuse 1 are over pynq-z2's 220; 64 at reuse 4 are not.
    EXPECT_EQ(d.cost.over_dsp, reuse == 1);
    EXPECT_FALSE(d.cost.over_bram);
    EXPECT_EQ(d.warnings.size(), reuse == 1 ? 1u : 0u);
  }
}

TEST(CostEstimate, ParallelFormHasNoFifosAndSequentialTiming) {
  nngen::passes::Design d = dense_design(256, 10, 2);
  d.options.io = "parallel";
  nngen::passes::run_pipeline(d, "", {});
  ASSERT_EQ(d.cost.layers.size(), 1u);
  EXPECT_EQ(d.cost.layers[0].cost.latency_cycles, 20);
  EXPECT_EQ(d.cost.layers[0].cost.ii_cycles, 20);
  EXPECT_TRUE(d.cost.fifo_bram18k.empty());
  EXPECT_EQ(d.cost.total.latency_cycles, 256 + 20 + 10);
  EXPECT_EQ(d.cost.total.ii_cycles, d.cost.total.latency_cycles);
}

// A 1024 -> 1024 dense layer at reuse 1: 1024 multipliers of 16 x 16 bits, 1024 DSPs, and
// 1024 banks of 1024 x 16 bits (1 BRAM-18K each): over pynq-z2's 220 DSPs and 280 BRAM-18K.
TEST(CostEstimate, BigDenseExceedsPynqZ2) {
  nngen::passes::Design d = dense_design(1024, 1024, 1);
  set_board(d, "pynq-z2");
  nngen::passes::run_pipeline(d, "", {});
  EXPECT_EQ(d.cost.total.dsp, 1024);
  EXPECT_EQ(d.cost.total.bram18k_weights, 1024 + 1);  // + the bias, 1024 x 16 bits
  EXPECT_TRUE(d.cost.over_dsp);
  EXPECT_TRUE(d.cost.over_bram);
  ASSERT_EQ(d.warnings.size(), 2u);
  EXPECT_NE(d.warnings[0].find("needs 1024 DSP slices, board 'pynq-z2' has 220"), std::string::npos)
      << d.warnings[0];
  EXPECT_NE(d.warnings[0].find("--reuse"), std::string::npos) << d.warnings[0];
  EXPECT_NE(d.warnings[1].find("BRAM-18K blocks, board 'pynq-z2' has 280"), std::string::npos)
      << d.warnings[1];
}

TEST(CostEstimate, SameLayerFitsZcu102AndReuseBringsItUnderPynqDsps) {
  nngen::passes::Design big = dense_design(1024, 1024, 1);
  set_board(big, "zcu102");  // 2520 DSPs, 1824 BRAM-18K
  nngen::passes::run_pipeline(big, "", {});
  EXPECT_FALSE(big.cost.over_dsp);
  EXPECT_FALSE(big.cost.over_bram);
  EXPECT_TRUE(big.warnings.empty());

  nngen::passes::Design shared = dense_design(1024, 1024, 8);  // 128 multipliers
  set_board(shared, "pynq-z2");
  nngen::passes::run_pipeline(shared, "", {});
  EXPECT_EQ(shared.cost.total.dsp, 128);
  EXPECT_FALSE(shared.cost.over_dsp);
}

TEST(CostEstimate, UnknownResourcesSkipTheCheck) {
  nngen::passes::Design d = dense_design(1024, 1024, 1);
  d.options.target = {};  // custom part: resources unknown
  nngen::passes::run_pipeline(d, "", {});
  EXPECT_EQ(d.cost.total.dsp, 1024);
  EXPECT_FALSE(d.cost.over_dsp);
  EXPECT_FALSE(d.cost.over_bram);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(BoardResources, EveryBoardHasItsPartsLogic) {
  struct Want {
    const char* id;
    int dsp, lut, ff;
  };
  // The table in docs/cost-model.md "Device resources" (sources: the data sheets DS190 for
  // XC7Z020, DS891 for XCZU9EG, XCZU7EV and XCZU3EG, DS987 for XCK26).
  for (const Want& w :
       {Want{"pynq-z2", 220, 53200, 106400}, Want{"zybo-z7-20", 220, 53200, 106400},
        Want{"zcu102", 2520, 274080, 548160}, Want{"zcu104", 1728, 230400, 460800},
        Want{"ultra96-v2", 360, 70560, 141120}, Want{"kv260", 1248, 117120, 234240}}) {
    const nngen::backend::Board b = nngen::backend::find_board(w.id);
    EXPECT_EQ(b.dsp, w.dsp) << w.id;
    EXPECT_EQ(b.lut, w.lut) << w.id;
    EXPECT_EQ(b.ff, w.ff) << w.id;
  }
  EXPECT_EQ(nngen::backend::board_ids().size(), 6u) << "a new board needs its logic counts here";
  const nngen::backend::Board c = nngen::backend::custom_board("xczu9eg-ffvb1156-2-e", nullptr);
  EXPECT_EQ(c.dsp, 0);
  EXPECT_EQ(c.lut, 0);
  EXPECT_EQ(c.ff, 0);
}

}  // namespace
