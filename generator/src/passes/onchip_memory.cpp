#include "passes/onchip_memory.h"

#include <algorithm>
#include <limits>

namespace nngen::passes {

uint64_t bram36_blocks(uint64_t elements, int width) {
  if (elements == 0 || width <= 0) return 0;
  // depth x width shapes of one RAMB36 (the 9/18/36/72-bit ones include the parity bits, which
  // Vitis HLS uses as data bits).
  static constexpr struct {
    uint64_t depth;
    uint64_t width;
  } kShapes[] = {{32768, 1}, {16384, 2}, {8192, 4}, {4096, 9}, {2048, 18}, {1024, 36}, {512, 72}};
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
  for (const ir::Node& n : d.graph.nodes) {
    for (const ops::WeightTensor& w : ops::layer_op(n).weights(d.graph, n)) {
      OnchipArray a{w.storage, w.values->size(), n.types.at(w.type_key).width, 0};
      a.bram36 = bram36_blocks(a.elements, a.width);
      e.bits += a.elements * static_cast<uint64_t>(a.width);
      e.bram36 += a.bram36;
      e.arrays.push_back(std::move(a));
    }
  }
  return e;
}

}  // namespace nngen::passes
