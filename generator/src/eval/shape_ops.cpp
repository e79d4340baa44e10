// Ops that move or select values without arithmetic: Concat, Pad (constant mode), Flatten,
// Reshape, Transpose, Identity, Dropout (inference), Constant, Squeeze, Unsqueeze, Shape, Gather,
// Cast.
#include <algorithm>
#include <cmath>
#include <limits>

#include "eval/op_context.h"

namespace nngen::eval {
namespace {

// Calls f(out_flat, multi_index) for every element of `shape`, in row-major order.
template <class F>
void for_each_index(const std::vector<int64_t>& shape, int64_t total, F f) {
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t i = 0; i < total; ++i) {
    f(i, idx);
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

}  // namespace

std::vector<Value> eval_Concat(const OpContext& c) {
  if (c.input_count() == 0) c.fail("Concat needs at least one input");
  const Value& first = c.input(0, "inputs[0]");
  if (first.shape.empty()) c.fail("input 0 is a scalar; Concat needs rank >= 1");
  if (!c.node().has_attr("axis")) c.fail("attribute 'axis' is required");
  const size_t axis = c.axis(c.node().attr_int("axis", 0), first.shape.size(), "attribute 'axis'");
  std::vector<int64_t> shape = first.shape;
  shape[axis] = 0;
  for (size_t i = 0; i < c.input_count(); ++i) {
    const Value& v = c.input(i, "inputs[" + std::to_string(i) + "]");
    bool same = v.shape.size() == shape.size();
    for (size_t d = 0; same && d < shape.size(); ++d) same = d == axis || v.shape[d] == shape[d];
    if (!same) {
      c.fail("input " + std::to_string(i) + " has shape " + shape_text(v.shape) +
             "; it must equal input 0's " + shape_text(first.shape) + " except on axis " +
             std::to_string(axis));
    }
    if (v.shape[axis] > kMaxElements) c.fail("the output would have more than 2^28 elements");
    shape[axis] += v.shape[axis];
  }
  Value y = c.make(shape, "the output");
  // Rows of `outer` blocks: each input contributes its own extent along axis times `inner`.
  const int64_t inner = strides_of(shape)[axis];
  int64_t outer = 1;
  for (size_t d = 0; d < axis; ++d) outer *= shape[d];
  size_t pos = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < c.input_count(); ++i) {
      const Value& v = *c.optional(i);
      const int64_t block = v.shape[axis] * inner;
      const auto from = v.data.begin() + o * block;
      std::copy(from, from + block, y.data.begin() + static_cast<long>(pos));
      pos += static_cast<size_t>(block);
    }
  }
  return {y};
}

std::vector<Value> eval_Pad(const OpContext& c) {
  const std::string mode = c.node().attr_string("mode", "constant");
  if (mode != "constant") {
    c.fail("attribute 'mode' = '" + mode + "': the executor implements constant padding only");
  }
  const Value& x = c.input(0, "data");
  const std::vector<int64_t> pads = c.ints(c.input(1, "pads"), "input 1 (pads)");
  const size_t r = x.shape.size();
  if (pads.size() != 2 * r) {
    c.fail("input 1 (pads) has " + std::to_string(pads.size()) + " values; data of rank " +
           std::to_string(r) + " needs " + std::to_string(2 * r));
  }
  if (c.input_count() > 3 && c.optional(3)) c.fail("input 3 (axes) is not supported");
  double value = 0;
  if (const Value* v = c.optional(2)) {
    if (v->data.size() != 1) c.fail("input 2 (constant_value) must be a scalar");
    value = v->data[0];
  }
  std::vector<int64_t> shape(r);
  for (size_t d = 0; d < r; ++d) {
    // Negative pads crop.
    if (std::llabs(pads[d]) > kMaxElements || std::llabs(pads[d + r]) > kMaxElements) {
      c.fail("input 1 (pads) holds a value beyond 2^28");
    }
    shape[d] = x.shape[d] + pads[d] + pads[d + r];
  }
  Value y = c.make(shape, "the output");
  const std::vector<int64_t> xs = strides_of(x.shape);
  for_each_index(shape, static_cast<int64_t>(y.data.size()),
                 [&](int64_t i, const std::vector<int64_t>& idx) {
                   int64_t off = 0;
                   for (size_t d = 0; d < r; ++d) {
                     const int64_t p = idx[d] - pads[d];
                     if (p < 0 || p >= x.shape[d]) {
                       y.data[static_cast<size_t>(i)] = value;
                       return;
                     }
                     off += p * xs[d];
                   }
                   y.data[static_cast<size_t>(i)] = x.data[static_cast<size_t>(off)];
                 });
  return {y};
}

std::vector<Value> eval_Flatten(const OpContext& c) {
  Value y = c.input(0, "input");
  const int64_t r = static_cast<int64_t>(y.shape.size());
  int64_t axis = c.node().attr_int("axis", 1);
  if (axis < -r || axis > r) {
    c.fail("attribute 'axis' = " + std::to_string(axis) + " is out of range for rank " +
           std::to_string(r));
  }
  if (axis < 0) axis += r;
  int64_t rows = 1, cols = 1;
  for (int64_t d = 0; d < r; ++d) (d < axis ? rows : cols) *= y.shape[static_cast<size_t>(d)];
  y.shape = {rows, cols};
  return {y};
}

std::vector<Value> eval_Reshape(const OpContext& c) {
  Value y = c.input(0, "data");
  std::vector<int64_t> shape = c.ints(c.input(1, "shape"), "input 1 (shape)");
  const bool allowzero = c.node().attr_int("allowzero", 0) != 0;
  int64_t known = 1;
  int infer = -1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 0 && !allowzero) {
      if (d >= y.shape.size())
        c.fail("input 1 (shape) copies dimension " + std::to_string(d) + " (0), which data lacks");
      shape[d] = y.shape[d];
    }
    if (shape[d] == -1) {
      if (infer >= 0) c.fail("input 1 (shape) has more than one -1");
      infer = static_cast<int>(d);
      continue;
    }
    if (shape[d] < 0) c.fail("input 1 (shape) holds " + std::to_string(shape[d]));
    if (shape[d] > 0 && known > kMaxElements / shape[d])
      c.fail("input 1 (shape) asks for more than 2^28 elements");
    known *= shape[d];
  }
  const int64_t total = static_cast<int64_t>(y.data.size());
  if (infer >= 0) {
    if (known == 0 || total % known != 0) {
      c.fail("cannot infer the -1 of shape " + shape_text(shape) + " for " + std::to_string(total) +
             " elements");
    }
    shape[static_cast<size_t>(infer)] = total / known;
  } else if (known != total) {
    c.fail("shape " + shape_text(shape) + " does not hold the " + std::to_string(total) +
           " elements of data " + shape_text(y.shape));
  }
  y.shape = shape;
  return {y};
}

std::vector<Value> eval_Transpose(const OpContext& c) {
  const Value& x = c.input(0, "data");
  const size_t r = x.shape.size();
  std::vector<int64_t> perm = c.node().attr_ints("perm");
  if (perm.empty()) {
    for (size_t d = 0; d < r; ++d) perm.push_back(static_cast<int64_t>(r - 1 - d));
  }
  std::vector<bool> seen(r, false);
  if (perm.size() != r)
    c.fail("attribute 'perm' has " + std::to_string(perm.size()) + " values for rank " +
           std::to_string(r));
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(r) || seen[static_cast<size_t>(p)]) {
      c.fail("attribute 'perm' " + shape_text(perm) + " is not a permutation of 0.." +
             std::to_string(r - 1));
    }
    seen[static_cast<size_t>(p)] = true;
  }
  std::vector<int64_t> shape(r);
  for (size_t d = 0; d < r; ++d) shape[d] = x.shape[static_cast<size_t>(perm[d])];
  Value y = c.make(shape, "the output");
  const std::vector<int64_t> xs = strides_of(x.shape);
  for_each_index(shape, static_cast<int64_t>(y.data.size()),
                 [&](int64_t i, const std::vector<int64_t>& idx) {
                   int64_t off = 0;
                   for (size_t d = 0; d < r; ++d) off += idx[d] * xs[static_cast<size_t>(perm[d])];
                   y.data[static_cast<size_t>(i)] = x.data[static_cast<size_t>(off)];
                 });
  return {y};
}

std::vector<Value> eval_Identity(const OpContext& c) { return {c.input(0, "input")}; }

std::vector<Value> eval_Dropout(const OpContext& c) {
  if (const Value* t = c.optional(2)) {
    if (t->data.size() != 1) c.fail("input 2 (training_mode) must be a scalar");
    if (t->data[0] != 0)
      c.fail("input 2 (training_mode) is true; the executor evaluates inference");
  }
  const Value& x = c.input(0, "data");
  std::vector<Value> out{x};
  // The mask of inference mode keeps everything.
  if (c.node().outputs.size() > 1 && !c.node().outputs[1].empty()) {
    Value mask = x;
    std::fill(mask.data.begin(), mask.data.end(), 1.0);
    out.push_back(mask);
  }
  return out;
}

std::vector<Value> eval_Constant(const OpContext& c) {
  const ir::Node& n = c.node();
  Value v;
  if (n.has_attr("value")) {
    const auto* data = std::get_if<std::vector<float>>(&n.attrs.at("value"));
    if (!data) c.fail("attribute 'value' is not a tensor");
    v.shape = n.attr_ints("value_shape");
    v.data.assign(data->begin(), data->end());
    if (static_cast<size_t>(c.count(v.shape, "attribute 'value'")) != v.data.size()) {
      c.fail("attribute 'value' holds " + std::to_string(v.data.size()) + " values for shape " +
             shape_text(v.shape));
    }
  } else if (n.has_attr("value_float")) {
    v.data = {n.attr_float("value_float", 0)};
  } else if (n.has_attr("value_int")) {
    v.data = {static_cast<double>(n.attr_int("value_int", 0))};
  } else if (n.has_attr("value_floats")) {
    const auto* f = std::get_if<std::vector<float>>(&n.attrs.at("value_floats"));
    if (!f) c.fail("attribute 'value_floats' must be a list of floats");
    v.data.assign(f->begin(), f->end());
    v.shape = {static_cast<int64_t>(v.data.size())};
  } else if (n.has_attr("value_ints")) {
    for (int64_t i : n.attr_ints("value_ints")) v.data.push_back(static_cast<double>(i));
    v.shape = {static_cast<int64_t>(v.data.size())};
  } else {
    c.fail("has none of the attributes value, value_float(s), value_int(s) the executor reads");
  }
  return {v};
}

std::vector<Value> eval_Squeeze(const OpContext& c) {
  Value y = c.input(0, "data");
  const size_t r = y.shape.size();
  std::vector<bool> drop(r, false);
  if (const Value* a = c.optional(1)) {
    for (int64_t ax : c.ints(*a, "input 1 (axes)")) {
      const size_t d = c.axis(ax, r, "input 1 (axes)");
      if (y.shape[d] != 1) {
        c.fail("input 1 (axes) names axis " + std::to_string(ax) + " of size " +
               std::to_string(y.shape[d]) + "; only size-1 axes can be squeezed");
      }
      drop[d] = true;
    }
  } else {
    for (size_t d = 0; d < r; ++d) drop[d] = y.shape[d] == 1;
  }
  std::vector<int64_t> shape;
  for (size_t d = 0; d < r; ++d) {
    if (!drop[d]) shape.push_back(y.shape[d]);
  }
  y.shape = shape;
  return {y};
}

std::vector<Value> eval_Unsqueeze(const OpContext& c) {
  Value y = c.input(0, "data");
  const std::vector<int64_t> axes = c.ints(c.input(1, "axes"), "input 1 (axes)");
  const size_t r = y.shape.size() + axes.size();
  std::vector<bool> added(r, false);
  for (int64_t ax : axes) {
    const size_t d = c.axis(ax, r, "input 1 (axes)");
    if (added[d]) c.fail("input 1 (axes) names axis " + std::to_string(ax) + " twice");
    added[d] = true;
  }
  std::vector<int64_t> shape;
  size_t k = 0;
  for (size_t d = 0; d < r; ++d) shape.push_back(added[d] ? 1 : y.shape[k++]);
  y.shape = shape;
  return {y};
}

std::vector<Value> eval_Shape(const OpContext& c) {
  const Value& x = c.input(0, "data");
  const int64_t r = static_cast<int64_t>(x.shape.size());
  // Opset 15: start and end select a slice of the dimensions, clamped to [0, rank].
  auto clamp = [r](int64_t v) { return std::clamp(v < 0 ? v + r : v, int64_t{0}, r); };
  const int64_t start = clamp(c.node().attr_int("start", 0));
  const int64_t end = clamp(c.node().attr_int("end", r));
  Value y;
  for (int64_t d = start; d < end; ++d)
    y.data.push_back(static_cast<double>(x.shape[static_cast<size_t>(d)]));
  y.shape = {static_cast<int64_t>(y.data.size())};
  return {y};
}

std::vector<Value> eval_Gather(const OpContext& c) {
  const Value& x = c.input(0, "data");
  const Value& ind = c.input(1, "indices");
  if (x.shape.empty()) c.fail("input 0 (data) is a scalar; Gather needs rank >= 1");
  const size_t axis = c.axis(c.node().attr_int("axis", 0), x.shape.size(), "attribute 'axis'");
  const int64_t len = x.shape[axis];
  std::vector<int64_t> idx;
  for (double d : ind.data) {
    if (d != std::trunc(d) || d < static_cast<double>(-len) || d >= static_cast<double>(len)) {
      c.fail("input 1 (indices) holds " + std::to_string(d) + ", outside [-" + std::to_string(len) +
             ", " + std::to_string(len) + ")");
    }
    idx.push_back(d < 0 ? static_cast<int64_t>(d) + len : static_cast<int64_t>(d));
  }
  std::vector<int64_t> shape(x.shape.begin(), x.shape.begin() + static_cast<long>(axis));
  shape.insert(shape.end(), ind.shape.begin(), ind.shape.end());
  shape.insert(shape.end(), x.shape.begin() + static_cast<long>(axis) + 1, x.shape.end());
  Value y = c.make(shape, "the output");
  const int64_t inner = strides_of(x.shape)[axis];
  int64_t outer = 1;
  for (size_t d = 0; d < axis; ++d) outer *= x.shape[d];
  size_t pos = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i : idx) {
      const auto from = x.data.begin() + (o * len + i) * inner;
      std::copy(from, from + inner, y.data.begin() + static_cast<long>(pos));
      pos += static_cast<size_t>(inner);
    }
  }
  return {y};
}

std::vector<Value> eval_Cast(const OpContext& c) {
  // TensorProto.DataType: FLOAT 1, INT32 6, INT64 7, DOUBLE 11.
  const int64_t to = c.node().attr_int("to", 0);
  Value y = c.input(0, "input");
  if (to == 1) {
    for (double& v : y.data) v = static_cast<double>(static_cast<float>(v));
  } else if (to == 6 || to == 7) {
    const double lim = to == 6 ? 2147483648.0 : 9.0e15;
    for (double& v : y.data) {
      if (!std::isfinite(v) || std::fabs(v) >= lim) c.fail("a value does not fit the integer type");
      v = std::trunc(v);
    }
  } else if (to != 11) {
    c.fail("attribute 'to' = " + std::to_string(to) +
           ": the executor casts to float, double, int32 and int64 only");
  }
  return {y};
}

}  // namespace nngen::eval
