// Conv: 1-D, 2-D and 3-D, with strides, pads or auto_pad, dilations and groups (depthwise
// included), straight from the ONNX definition.
#include "eval/window.h"

namespace nngen::eval {
namespace {

// Multi-index of flat index `f` in `dims` (row-major).
void unflatten(int64_t f, const std::vector<int64_t>& dims, std::vector<int64_t>& idx) {
  for (size_t i = dims.size(); i-- > 0;) {
    idx[i] = f % dims[i];
    f /= dims[i];
  }
}

}  // namespace

std::vector<Value> eval_Conv(const OpContext& c) {
  const Value& x = c.input(0, "X");
  const Value& w = c.input(1, "W");
  c.check_rank(x, "input 0 (X)", 3, 5);
  if (w.shape.size() != x.shape.size()) {
    c.fail("input 1 (W) has shape " + shape_text(w.shape) + "; X " + shape_text(x.shape) +
           " needs a weight of rank " + std::to_string(x.shape.size()));
  }
  const size_t d = x.shape.size() - 2;
  const int64_t n = x.shape[0], ci = x.shape[1], co = w.shape[0], cig = w.shape[1];
  const int64_t group = c.node().attr_int("group", 1);
  if (group < 1 || ci % group != 0 || co % group != 0 || cig * group != ci) {
    c.fail("attribute 'group' = " + std::to_string(group) + " does not fit X with " +
           std::to_string(ci) + " channels and W of shape " + shape_text(w.shape));
  }
  const std::vector<int64_t> kernel(w.shape.begin() + 2, w.shape.end());
  const std::vector<int64_t> ks = c.node().attr_ints("kernel_shape");
  if (!ks.empty() && ks != kernel) {
    c.fail("attribute 'kernel_shape' " + shape_text(ks) + " differs from W's spatial shape " +
           shape_text(kernel));
  }
  const Value* b = c.optional(2);
  if (b && (b->shape.size() != 1 || b->shape[0] != co)) {
    c.fail("input 2 (B) has shape " + shape_text(b->shape) + "; expected [" + std::to_string(co) +
           "]");
  }
  const Window win =
      window_geometry(c, std::vector<int64_t>(x.shape.begin() + 2, x.shape.end()), kernel, false);
  std::vector<int64_t> shape{n, co};
  shape.insert(shape.end(), win.out.begin(), win.out.end());
  Value y = c.make(shape, "the output");
  int64_t out_pix = 1, in_pix = 1, k_pix = 1;
  for (size_t i = 0; i < d; ++i) {
    out_pix *= win.out[i];
    in_pix *= win.in[i];
    k_pix *= kernel[i];
  }
  c.check_work({n, co, out_pix, k_pix, cig});
  const int64_t co_g = co / group;
  std::vector<int64_t> o_idx(d), k_idx(d);
  const std::vector<int64_t> in_strides = strides_of(win.in);
  for (int64_t s = 0; s < n; ++s) {
    for (int64_t m = 0; m < co; ++m) {
      const int64_t g = m / co_g;
      for (int64_t op = 0; op < out_pix; ++op) {
        unflatten(op, win.out, o_idx);
        double acc = b ? b->data[static_cast<size_t>(m)] : 0.0;
        for (int64_t kp = 0; kp < k_pix; ++kp) {
          unflatten(kp, kernel, k_idx);
          int64_t off = 0;
          bool inside = true;
          for (size_t i = 0; i < d && inside; ++i) {
            const int64_t p =
                o_idx[i] * win.stride[i] - win.pad_begin[i] + k_idx[i] * win.dilation[i];
            inside = p >= 0 && p < win.in[i];
            off += p * in_strides[i];
          }
          if (!inside) continue;  // zero padding
          for (int64_t cc = 0; cc < cig; ++cc) {
            const int64_t chan = g * cig + cc;
            acc += x.data[static_cast<size_t>((s * ci + chan) * in_pix + off)] *
                   w.data[static_cast<size_t>((m * cig + cc) * k_pix + kp)];
          }
        }
        y.data[static_cast<size_t>((s * co + m) * out_pix + op)] = acc;
      }
    }
  }
  return {y};
}

}  // namespace nngen::eval
