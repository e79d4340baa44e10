// How much on-chip block RAM the design's weight and bias arrays need, estimated from the IR so
// that `nngen generate` can refuse a model that cannot fit the board before writing anything
// (docs/nngen.md, "Limits"). The estimate is a lower bound: each array counted as one memory of
// its fixed-point width, packed into the best 36 Kb block RAM shape.
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
  uint64_t bits = 0;    // sum of elements x width
  uint64_t bram36 = 0;  // sum of the arrays' blocks
};

// Blocks of 36 Kb for `elements` values of `width` bits: the best of the block RAM's aspect
// ratios (32K x 1 ... 512 x 72, UG473 / UG573), whole blocks per array.
uint64_t bram36_blocks(uint64_t elements, int width);

OnchipEstimate estimate_onchip_memory(const Design& d);

}  // namespace nngen::passes
