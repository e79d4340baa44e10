// A tensor of the float reference executor: dense, row-major, in double precision whatever the
// model's element type (integer tensors appear only in shape arithmetic, where double holds every
// value exactly up to 2^53).
#pragma once

#include <cstdint>
#include <vector>

namespace nngen::eval {

struct Value {
  std::vector<int64_t> shape;  // full ONNX shape (batch included for activations)
  std::vector<double> data;
};

// The executor refuses any tensor above this many elements (as the front end does for
// initializers), so a hostile shape cannot make it allocate without bound.
inline constexpr int64_t kMaxElements = int64_t{1} << 28;

// Nor does it start a node needing more than this many multiply-adds (or window comparisons):
// about a minute of work, some hundred times a ResNet-50 convolution on a batch of 64.
inline constexpr int64_t kMaxWork = int64_t{1} << 38;

}  // namespace nngen::eval
