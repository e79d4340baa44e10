// The sliding-window geometry shared by Conv and the pooling ops: kernel, strides, dilations,
// explicit or automatic padding (auto_pad) and the output size, per spatial dimension.
// Internal to src/eval.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/op_context.h"

namespace nngen::eval {

struct Window {
  std::vector<int64_t> in, kernel, stride, dilation, pad_begin, pad_end, out;
};

// `spatial` are the input's spatial dimensions, `kernel` the kernel shape (from the weights or the
// kernel_shape attribute). Reads strides, dilations, pads and auto_pad from the node; ceil_mode
// only when `allow_ceil` (pooling).
Window window_geometry(const OpContext& c, const std::vector<int64_t>& spatial,
                       const std::vector<int64_t>& kernel, bool allow_ceil);

}  // namespace nngen::eval
