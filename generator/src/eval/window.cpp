#include "eval/window.h"

#include <algorithm>
#include <string>

namespace nngen::eval {
namespace {

// A per-dimension list attribute: absent gives `fallback` for each dimension.
std::vector<int64_t> per_dim(const OpContext& c, const char* name, size_t dims, int64_t fallback,
                             int64_t min) {
  std::vector<int64_t> v = c.node().attr_ints(name);
  if (v.empty()) return std::vector<int64_t>(dims, fallback);
  if (v.size() != dims) {
    c.fail("attribute '" + std::string(name) + "' has " + std::to_string(v.size()) +
           " values; the input has " + std::to_string(dims) + " spatial dimensions");
  }
  for (int64_t x : v) {
    if (x < min || x > (int64_t{1} << 28)) {
      c.fail("attribute '" + std::string(name) + "' holds " + std::to_string(x) + ", outside [" +
             std::to_string(min) + ", 2^28]");
    }
  }
  return v;
}

}  // namespace

Window window_geometry(const OpContext& c, const std::vector<int64_t>& spatial,
                       const std::vector<int64_t>& kernel, bool allow_ceil) {
  const size_t d = spatial.size();
  Window w;
  w.in = spatial;
  w.kernel = kernel;
  for (int64_t k : kernel) {
    if (k < 1 || k > (int64_t{1} << 28))
      c.fail("kernel size " + std::to_string(k) + " is out of range");
  }
  w.stride = per_dim(c, "strides", d, 1, 1);
  w.dilation = per_dim(c, "dilations", d, 1, 1);
  const std::string auto_pad = c.node().attr_string("auto_pad", "NOTSET");
  const bool ceil_mode = allow_ceil && c.node().attr_int("ceil_mode", 0) != 0;
  if (!allow_ceil && c.node().has_attr("ceil_mode"))
    c.fail("attribute 'ceil_mode' is not defined for this op");
  w.pad_begin.assign(d, 0);
  w.pad_end.assign(d, 0);
  w.out.assign(d, 0);
  std::vector<int64_t> pads = c.node().attr_ints("pads");
  if (!pads.empty()) {
    if (auto_pad != "NOTSET") c.fail("attributes 'pads' and auto_pad = " + auto_pad + " together");
    if (pads.size() != 2 * d) {
      c.fail("attribute 'pads' has " + std::to_string(pads.size()) + " values; expected " +
             std::to_string(2 * d) + " (begin and end of each spatial dimension)");
    }
    for (int64_t p : pads) {
      if (p < 0 || p > (int64_t{1} << 28)) c.fail("attribute 'pads' holds " + std::to_string(p));
    }
  }
  for (size_t i = 0; i < d; ++i) {
    // Extent of one dilated window; all values are <= 2^28, so products stay far below 2^63.
    const int64_t span = (w.kernel[i] - 1) * w.dilation[i] + 1;
    const int64_t in = spatial[i], s = w.stride[i];
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      w.out[i] = (in + s - 1) / s;
      const int64_t total = std::max<int64_t>(0, (w.out[i] - 1) * s + span - in);
      // SAME_UPPER puts the odd padding at the end, SAME_LOWER at the beginning.
      w.pad_begin[i] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      w.pad_end[i] = total - w.pad_begin[i];
      continue;
    }
    if (auto_pad == "NOTSET" && !pads.empty()) {
      w.pad_begin[i] = pads[i];
      w.pad_end[i] = pads[i + d];
    } else if (auto_pad != "NOTSET" && auto_pad != "VALID") {
      c.fail("attribute 'auto_pad' = '" + auto_pad +
             "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
    }
    const int64_t padded = in + w.pad_begin[i] + w.pad_end[i];
    if (padded < span) {
      c.fail("spatial dimension " + std::to_string(i) + ": the window (" + std::to_string(span) +
             " with dilation) is larger than the padded input (" + std::to_string(padded) + ")");
    }
    if (ceil_mode) {
      w.out[i] = (padded - span + s - 1) / s + 1;
      // The last window must start inside the input or its begin padding (as PyTorch and the
      // ONNX reference): otherwise it would see padding only.
      if ((w.out[i] - 1) * s >= in + w.pad_begin[i]) --w.out[i];
    } else {
      w.out[i] = (padded - span) / s + 1;
    }
  }
  return w;
}

}  // namespace nngen::eval
