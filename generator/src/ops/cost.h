// Shared arithmetic of the per-layer cost estimate (LayerOp::cost in each op file, summed by
// passes/estimate_cost.cpp). docs/cost-model.md states every formula and what it leaves out.
#pragma once

#include <cstdint>
#include <string>

#include "ops/op.h"

namespace nngen::ops::cost {

int64_t ceil_div(int64_t a, int64_t b);

// DSP slices of one a x b bit multiplier: 0 when both widths are under 10 (the product goes to
// LUTs), else ceil(a / A) * ceil(b / 18) with A = 25 (DSP48E1, arch "zynq") or 27 (DSP48E2,
// "zynquplus"), the operands placed the cheaper way round.
int64_t dsp_per_multiplier(int a_bits, int b_bits, const std::string& arch);

// BRAM-18K of one memory of `depth` words of `width` bits: 0 under 1 Kbit (LUTRAM, SRL or
// registers), else the cheapest BRAM18 aspect ratio (16K x 1, 8K x 2, 4K x 4, 2K x 9, 1K x 18,
// 512 x 36) tiled over width and depth.
int64_t bram18k(int64_t depth, int width);

// A [rows][cols] array partitioned cyclically along cols into `banks` memories (one per
// multiplier, ops::weight_bank_pragma): banks * bram18k(rows * ceil(cols / banks), width).
int64_t bram18k_banked(int64_t rows, int64_t cols, int width, int64_t banks);

// An element-wise stage (II = 1 over `n` values per sample, in both forms) with `multipliers`
// multipliers of a x b bits.
LayerCost elementwise(const BuildOptions& opt, int64_t n, int64_t multipliers, int a_bits,
                      int b_bits);

// A layer on the sliding window of nn_window.h: `values_per_pixel` outputs per pixel at
// initiation interval `ii`; the stream form adds the line buffer (k_h rows x in_w x ch of
// `in_bits`) and the reading of every input pixel. Fills latency, II and bram18k_buffers.
void window_timing(LayerCost& c, const ir::Node& n, const BuildOptions& opt, int64_t ch,
                   int64_t values_per_pixel, int64_t ii, int in_bits);

}  // namespace nngen::ops::cost
