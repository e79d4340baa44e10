#include "ops/cost.h"

#include <algorithm>
#include <limits>

namespace nngen::ops::cost {

int64_t ceil_div(int64_t a, int64_t b) { return b <= 0 ? 0 : (a + b - 1) / b; }

int64_t dsp_per_multiplier(int a_bits, int b_bits, const std::string& arch) {
  if (a_bits < 10 && b_bits < 10) return 0;
  const int64_t wide = arch == "zynquplus" ? 27 : 25;  // the A port (pre-adder width aside)
  return std::min(ceil_div(a_bits, wide) * ceil_div(b_bits, 18),
                  ceil_div(b_bits, wide) * ceil_div(a_bits, 18));
}

int64_t bram18k(int64_t depth, int width) {
  if (depth <= 0 || width <= 0 || depth * width < 1024) return 0;
  // (depth, width) aspect ratios of one RAMB18 (docs/hardware-notes.md "Block RAM and device
  // resources"; sources: UG473 / UG573).
  static const int64_t kShapes[][2] = {{16384, 1}, {8192, 2},  {4096, 4},
                                       {2048, 9},  {1024, 18}, {512, 36}};
  int64_t best = std::numeric_limits<int64_t>::max();
  for (const auto& s : kShapes)
    best = std::min(best, ceil_div(depth, s[0]) * ceil_div(width, s[1]));
  return best;
}

int64_t bram18k_banked(int64_t rows, int64_t cols, int width, int64_t banks) {
  banks = std::max<int64_t>(1, std::min(banks, cols));
  return banks * bram18k(rows * ceil_div(cols, banks), width);
}

LayerCost elementwise(const BuildOptions& opt, int64_t n, int64_t multipliers, int a_bits,
                      int b_bits) {
  LayerCost c;
  c.multipliers = multipliers;
  c.dsp = multipliers * dsp_per_multiplier(a_bits, b_bits, opt.target.arch);
  c.latency_cycles = n;
  c.ii_cycles = n;
  return c;
}

void window_timing(LayerCost& c, const ir::Node& n, const BuildOptions& opt, int64_t ch,
                   int64_t values_per_pixel, int64_t ii, int in_bits) {
  const int64_t in_h = n.attr_int("in_h", 1), in_w = n.attr_int("in_w", 1);
  const int64_t k_h = n.attr_int("k_h", 1), k_w = n.attr_int("k_w", 1);
  const int64_t pixels = n.attr_int("out_h", 1) * n.attr_int("out_w", 1);
  // Per output pixel: the window gather (k_h * k_w * ch values, II = 1), then the outputs.
  const int64_t compute = pixels * (k_h * k_w * ch + values_per_pixel * ii);
  if (opt.io == "stream") {
    // One function, no overlap inside it: every input value is read once (II = 1) besides.
    c.latency_cycles = in_h * in_w * ch + compute;
    c.bram18k_buffers += bram18k(k_h * in_w * ch, in_bits);
  } else {
    c.latency_cycles = compute;
  }
  c.ii_cycles = c.latency_cycles;
}

}  // namespace nngen::ops::cost
