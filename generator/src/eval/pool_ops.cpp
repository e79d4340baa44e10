// MaxPool, AveragePool (1-D to 3-D; pads, auto_pad, ceil_mode, dilations, count_include_pad) and
// the global pools.
#include <algorithm>
#include <cmath>

#include "eval/window.h"

namespace nngen::eval {
namespace {

void unflatten(int64_t f, const std::vector<int64_t>& dims, std::vector<int64_t>& idx) {
  for (size_t i = dims.size(); i-- > 0;) {
    idx[i] = f % dims[i];
    f /= dims[i];
  }
}

std::vector<Value> pool(const OpContext& c, bool is_max) {
  const Value& x = c.input(0, "X");
  c.check_rank(x, "input 0 (X)", 3, 5);
  for (size_t i = 1; i < c.node().outputs.size(); ++i) {
    if (!c.node().outputs[i].empty()) {
      c.fail("output 'Indices' (argmax positions) is not computed by the executor");
    }
  }
  if (c.node().attr_int("storage_order", 0) != 0) {
    c.fail(
        "attribute 'storage_order' = 1 only concerns the Indices output, which the executor "
        "does not compute");
  }
  const size_t d = x.shape.size() - 2;
  const std::vector<int64_t> kernel = c.node().attr_ints("kernel_shape");
  if (kernel.size() != d) {
    c.fail("attribute 'kernel_shape' has " + std::to_string(kernel.size()) + " values; X " +
           shape_text(x.shape) + " has " + std::to_string(d) + " spatial dimensions");
  }
  const Window win =
      window_geometry(c, std::vector<int64_t>(x.shape.begin() + 2, x.shape.end()), kernel, true);
  const bool include_pad = c.node().attr_int("count_include_pad", 0) != 0;
  std::vector<int64_t> shape{x.shape[0], x.shape[1]};
  shape.insert(shape.end(), win.out.begin(), win.out.end());
  Value y = c.make(shape, "the output");
  int64_t out_pix = 1, in_pix = 1, k_pix = 1;
  for (size_t i = 0; i < d; ++i) {
    out_pix *= win.out[i];
    in_pix *= win.in[i];
    k_pix *= kernel[i];
  }
  c.check_work({x.shape[0], x.shape[1], out_pix, k_pix});
  const std::vector<int64_t> in_strides = strides_of(win.in);
  std::vector<int64_t> o_idx(d), k_idx(d);
  const int64_t planes = x.shape[0] * x.shape[1];
  for (int64_t pl = 0; pl < planes; ++pl) {
    for (int64_t op = 0; op < out_pix; ++op) {
      unflatten(op, win.out, o_idx);
      double best = -INFINITY, sum = 0;
      int64_t counted = 0, padded_count = 0;
      for (int64_t kp = 0; kp < k_pix; ++kp) {
        unflatten(kp, kernel, k_idx);
        int64_t off = 0;
        bool inside = true, in_padded = true;
        for (size_t i = 0; i < d; ++i) {
          const int64_t p =
              o_idx[i] * win.stride[i] - win.pad_begin[i] + k_idx[i] * win.dilation[i];
          inside = inside && p >= 0 && p < win.in[i];
          // Positions a ceil_mode window reaches past the end padding are not even padding.
          in_padded = in_padded && p < win.in[i] + win.pad_end[i];
          off += p * in_strides[i];
        }
        if (in_padded) ++padded_count;
        if (!inside) continue;  // padding: -inf for max, excluded from the sum
        const double v = x.data[static_cast<size_t>(pl * in_pix + off)];
        best = std::max(best, v);
        sum += v;
        ++counted;
      }
      double& out = y.data[static_cast<size_t>(pl * out_pix + op)];
      if (is_max) {
        out = best;
      } else {
        const int64_t div = include_pad ? padded_count : counted;
        out = div > 0 ? sum / static_cast<double>(div) : 0.0;
      }
    }
  }
  return {y};
}

std::vector<Value> global_pool(const OpContext& c, bool is_max) {
  const Value& x = c.input(0, "X");
  c.check_rank(x, "input 0 (X)", 3, 8);
  std::vector<int64_t> shape(x.shape.size(), 1);
  shape[0] = x.shape[0];
  shape[1] = x.shape[1];
  Value y = c.make(shape, "the output");
  const int64_t planes = x.shape[0] * x.shape[1];
  const int64_t pix = planes == 0 ? 0 : static_cast<int64_t>(x.data.size()) / planes;
  if (pix == 0 && planes > 0)
    c.fail("input 0 (X) has an empty spatial extent " + shape_text(x.shape));
  for (int64_t pl = 0; pl < planes; ++pl) {
    double best = -INFINITY, sum = 0;
    for (int64_t p = 0; p < pix; ++p) {
      const double v = x.data[static_cast<size_t>(pl * pix + p)];
      best = std::max(best, v);
      sum += v;
    }
    y.data[static_cast<size_t>(pl)] = is_max ? best : sum / static_cast<double>(pix);
  }
  return {y};
}

}  // namespace

std::vector<Value> eval_MaxPool(const OpContext& c) { return pool(c, true); }
std::vector<Value> eval_AveragePool(const OpContext& c) { return pool(c, false); }
std::vector<Value> eval_GlobalMaxPool(const OpContext& c) { return global_pool(c, true); }
std::vector<Value> eval_GlobalAveragePool(const OpContext& c) { return global_pool(c, false); }

}  // namespace nngen::eval
