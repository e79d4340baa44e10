#include "ops/spatial.h"

#include "support/error.h"

namespace nngen::ops {
namespace {

const char* kWindowKeys[] = {"in_h",       "in_w",      "k_h",     "k_w",
                             "stride_h",   "stride_w",  "pad_top", "pad_left",
                             "pad_bottom", "pad_right", "out_h",   "out_w"};

}  // namespace

Window input_geometry(const LowerContext& ctx, const ir::Node& node, const Activation& a) {
  if (a.shape.size() != 2 && a.shape.size() != 3) {
    fail_input(ctx.graph.source + ": " + node.label() +
               " takes a tensor of shape [batch, C, L] or "
               "[batch, C, H, W]; it gets a sample of shape " +
               shape_str(a.shape));
  }
  Window w;
  w.dims = static_cast<int>(a.shape.size()) - 1;
  w.ch = a.shape[0];
  w.in_h = w.dims == 2 ? a.shape[1] : 1;
  w.in_w = a.shape.back();
  return w;
}

void resolve_window(const LowerContext& ctx, const ir::Node& node, Window& w,
                    const std::vector<int64_t>& kernel, bool ceil_mode) {
  const auto& src = ctx.graph.source;
  const size_t d = static_cast<size_t>(w.dims);
  auto fail = [&](const std::string& what) { fail_input(src + ": " + node.label() + ": " + what); };
  if (kernel.size() != d)
    fail("kernel " + shape_str(kernel) + " does not have " + std::to_string(d) +
         " spatial dimensions");
  for (int64_t k : kernel) {
    if (k < 1 || k > 1024) fail("kernel " + shape_str(kernel) + " has a size outside 1..1024");
  }
  std::vector<int64_t> strides = node.attr_ints("strides");
  if (strides.empty()) strides.assign(d, 1);
  if (strides.size() != d) fail("strides " + shape_str(strides) + " do not match the kernel");
  for (int64_t s : strides) {
    if (s < 1 || s > 1024) fail("strides " + shape_str(strides) + " must be 1..1024");
  }
  for (int64_t dl : node.attr_ints("dilations")) {
    if (dl != 1)
      fail("dilations " + shape_str(node.attr_ints("dilations")) + " are not supported (only 1)");
  }
  const std::vector<int64_t> in =
      d == 2 ? std::vector<int64_t>{w.in_h, w.in_w} : std::vector<int64_t>{w.in_w};
  std::vector<int64_t> begin(d, 0), end(d, 0);
  const std::string auto_pad = node.attr_string("auto_pad", "NOTSET");
  if (auto_pad == "NOTSET") {
    std::vector<int64_t> pads = node.attr_ints("pads");
    if (!pads.empty() && pads.size() != 2 * d)
      fail("pads " + shape_str(pads) + " need " + std::to_string(2 * d) + " values");
    for (size_t i = 0; i < d && !pads.empty(); ++i) {
      begin[i] = pads[i];
      end[i] = pads[i + d];
    }
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (size_t i = 0; i < d; ++i) {
      const int64_t out = (in[i] + strides[i] - 1) / strides[i];
      const int64_t total = std::max<int64_t>((out - 1) * strides[i] + kernel[i] - in[i], 0);
      begin[i] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      end[i] = total - begin[i];
    }
  } else if (auto_pad != "VALID") {
    fail("auto_pad '" + auto_pad + "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
  }
  std::vector<int64_t> out(d);
  for (size_t i = 0; i < d; ++i) {
    if (begin[i] < 0 || end[i] < 0 || begin[i] > 1024 || end[i] > 1024) {
      fail("pads must be 0..1024 (negative pads crop, which is not supported)");
    }
    const int64_t span = in[i] + begin[i] + end[i] - kernel[i];
    if (span < 0) fail("the kernel " + shape_str(kernel) + " is larger than the padded input");
    out[i] = (ceil_mode ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1;
    // A window must start inside the input or its leading padding (as PyTorch and ONNX Runtime).
    if (ceil_mode && (out[i] - 1) * strides[i] >= in[i] + begin[i]) --out[i];
  }
  if (d == 2) {
    w.k_h = kernel[0], w.k_w = kernel[1], w.stride_h = strides[0], w.stride_w = strides[1];
    w.pad_top = begin[0], w.pad_left = begin[1], w.pad_bottom = end[0], w.pad_right = end[1];
    w.out_h = out[0], w.out_w = out[1];
  } else {
    w.k_w = kernel[0], w.stride_w = strides[0], w.pad_left = begin[0], w.pad_right = end[0];
    w.out_w = out[0];
  }
}

void set_window_attrs(ir::Node& l, const Window& w) {
  const int64_t v[] = {w.in_h,    w.in_w,     w.k_h,        w.k_w,       w.stride_h, w.stride_w,
                       w.pad_top, w.pad_left, w.pad_bottom, w.pad_right, w.out_h,    w.out_w};
  for (size_t i = 0; i < 12; ++i) l.attrs[kWindowKeys[i]] = v[i];
  l.attrs["dims"] = static_cast<int64_t>(w.dims);
}

std::vector<int64_t> output_shape(const Window& w, int64_t ch) {
  return w.dims == 2 ? std::vector<int64_t>{ch, w.out_h, w.out_w}
                     : std::vector<int64_t>{ch, w.out_w};
}

std::string window_config(const ir::Node& n) {
  std::string s;
  for (const char* k : kWindowKeys) s += cfg_uint(k, n.attr_int(k, 0));
  return s;
}

std::string window_describe(const ir::Node& n) {
  std::string s;
  for (const char* k : kWindowKeys)
    s += std::string(" ") + k + "=" + std::to_string(n.attr_int(k, 0));
  return s;
}

}  // namespace nngen::ops
