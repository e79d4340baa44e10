// How much on-chip block RAM the design's weight and bias arrays need, estimated from the IR so
// that `nngen generate` can refuse a model that cannot fit the board before writing anything
// (docs/nngen.md, "Limits"). Two figures: a lower bound (all values packed into blocks as densely
// as the block RAM's shapes allow, as if arrays could share blocks) that no implementation can
// beat, and the usual figure (each array in whole blocks of its best shape).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "passes/pipeline.h"

namespace nngen::passes {

struct OnchipArray {
  std::string storage;  // the HLS array, e.g. "dense0_w"
  uint64_t elements = 0;
  int width = 0;        // bits per element
  uint64_t bram36 = 0;  // 36 Kb blocks for this array
};

struct OnchipEstimate {
  std::vector<OnchipArray> arrays;
  uint64_t bits = 0;          // sum of elements x width
  uint64_t bram36 = 0;        // sum of the arrays' whole blocks: what synthesis usually takes
  uint64_t bram36_bound = 0;  // at least this many blocks, however the arrays are packed
};

// The most values of `width` bits one 36 Kb block can hold, over its shapes (fractional when a
// value is wider than the widest word).
double values_per_bram36(int width);

// Blocks of 36 Kb for `elements` values of `width` bits: the best of the block RAM's aspect
// ratios (32K x 1 ... 512 x 72: docs/hardware-notes.md "Block RAM and device resources";
// sources: UG473 / UG573), whole blocks per array.
uint64_t bram36_blocks(uint64_t elements, int width);

OnchipEstimate estimate_onchip_memory(const Design& d);

}  // namespace nngen::passes
