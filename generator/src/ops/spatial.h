// Geometry shared by the spatial ops (Conv, pooling, Pad): the 1-D / 2-D window description of
// an ONNX node on a channel-last tensor, with auto_pad and ceil_mode resolved.
#pragma once

#include <string>
#include <vector>

#include "ops/op.h"

namespace nngen::ops {

struct Window {
  int64_t ch = 0, in_h = 1, in_w = 1;
  int64_t k_h = 1, k_w = 1, stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int64_t out_h = 1, out_w = 1;
  int dims = 2;  // 1 or 2 spatial dimensions
};

// Input geometry of a [C, H, W] or [C, L] activation (Error naming the node otherwise).
Window input_geometry(const LowerContext& ctx, const ir::Node& node, const Activation& a);
// Kernel, strides, pads/auto_pad, dilations (must be 1) and the output size of `node`;
// `kernel` is the kernel's spatial shape. ceil_mode as ONNX pooling defines it.
void resolve_window(const LowerContext& ctx, const ir::Node& node, Window& w,
                    const std::vector<int64_t>& kernel, bool ceil_mode);
// Writes the geometry into the layer's attributes (in_h, in_w, k_h, ..., out_w).
void set_window_attrs(ir::Node& layer, const Window& w);
// The logical output shape [ch, out_h, out_w] (or [ch, out_w] for 1-D).
std::vector<int64_t> output_shape(const Window& w, int64_t ch);
// CFG members for the geometry attributes of a layer.
std::string window_config(const ir::Node& n);
std::string window_describe(const ir::Node& n);

}  // namespace nngen::ops
