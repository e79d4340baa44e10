#include "passes/onchip_memory.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nngen::passes {

namespace {

// depth x width shapes of one RAMB36 (the 9/18/36/72-bit ones include the parity bits, which
// Vitis HLS uses as data bits).
constexpr struct {
  uint64_t depth;
  uint64_t width;
} kShapes[] = {{32768, 1}, {16384, 2}, {8192, 4}, {4096, 9}, {2048, 18}, {1024, 36}, {512, 72}};

}  // namespace

double values_per_bram36(int width) {
  double best = 0;
  for (const auto& s : kShapes) {
    // A word holds floor(sw / width) whole values; a value wider than the word takes
    // ceil(width / sw) words side by side (in parallel blocks), so a block holds that fraction.
    const uint64_t w = static_cast<uint64_t>(width);
    const double per_word = s.width >= w ? static_cast<double>(s.width / w)
                                         : 1.0 / static_cast<double>((w + s.width - 1) / s.width);
    best = std::max(best, static_cast<double>(s.depth) * per_word);
  }
  return best;
}

uint64_t bram36_blocks(uint64_t elements, int width) {
  if (elements == 0 || width <= 0) return 0;
  uint64_t best = std::numeric_limits<uint64_t>::max();
  for (const auto& s : kShapes) {
    const uint64_t across = (static_cast<uint64_t>(width) + s.width - 1) / s.width;
    const uint64_t down = (elements + s.depth - 1) / s.depth;
    best = std::min(best, across * down);
  }
  return best;
}

OnchipEstimate estimate_onchip_memory(const Design& d) {
  OnchipEstimate e;
  double pooled = 0;  // blocks if every block were filled to its best packing
  for (const ir::Node& n : d.graph.nodes) {
    for (const ops::WeightTensor& w : ops::layer_op(n).weights(d.graph, n)) {
      OnchipArray a{w.storage, w.values->size(), n.types.at(w.type_key).width, 0};
      a.bram36 = bram36_blocks(a.elements, a.width);
      e.bits += a.elements * static_cast<uint64_t>(a.width);
      e.bram36 += a.bram36;
      if (a.width > 0) pooled += static_cast<double>(a.elements) / values_per_bram36(a.width);
      e.arrays.push_back(std::move(a));
    }
  }
  // The tiny tolerance keeps an exact multiple (e.g. 2048 values of 16 bits) from rounding up
  // through floating-point error.
  e.bram36_bound = static_cast<uint64_t>(std::ceil(pooled - 1e-9));
  return e;
}

}  // namespace nngen::passes
