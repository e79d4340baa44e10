// Element-wise ops: numpy-broadcast arithmetic, activations, Clip, PRelu, Softmax and inference
// BatchNormalization.
#include <algorithm>
#include <cmath>

#include "eval/op_context.h"

namespace nngen::eval {
namespace {

// The numpy broadcast of two shapes (ONNX "multidirectional broadcasting").
std::vector<int64_t> broadcast_shape(const OpContext& c, const std::vector<int64_t>& a,
                                     const std::vector<int64_t>& b) {
  const size_t r = std::max(a.size(), b.size());
  std::vector<int64_t> out(r);
  for (size_t i = 0; i < r; ++i) {
    const int64_t da = i + a.size() >= r ? a[i + a.size() - r] : 1;
    const int64_t db = i + b.size() >= r ? b[i + b.size() - r] : 1;
    if (da != db && da != 1 && db != 1) {
      c.fail("shapes " + shape_text(a) + " and " + shape_text(b) + " do not broadcast");
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

// Strides of `shape` as read while walking `out` (0 along broadcast dimensions).
std::vector<int64_t> broadcast_strides(const std::vector<int64_t>& shape,
                                       const std::vector<int64_t>& out) {
  const std::vector<int64_t> s = strides_of(shape);
  std::vector<int64_t> r(out.size(), 0);
  for (size_t i = 0; i < shape.size(); ++i) {
    const size_t o = i + out.size() - shape.size();
    r[o] = shape[i] == 1 ? 0 : s[i];
  }
  return r;
}

template <class F>
Value broadcast_binary(const OpContext& c, const Value& a, const Value& b, F f) {
  const std::vector<int64_t> shape = broadcast_shape(c, a.shape, b.shape);
  Value out = c.make(shape, "the output");
  const std::vector<int64_t> sa = broadcast_strides(a.shape, shape),
                             sb = broadcast_strides(b.shape, shape);
  std::vector<int64_t> idx(shape.size(), 0);
  int64_t ia = 0, ib = 0;
  for (double& y : out.data) {
    y = f(a.data[static_cast<size_t>(ia)], b.data[static_cast<size_t>(ib)]);
    for (size_t d = shape.size(); d-- > 0;) {  // odometer increment
      ++idx[d];
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

template <class F>
std::vector<Value> unary(const OpContext& c, F f) {
  Value y = c.input(0, "X");
  for (double& v : y.data) v = f(v);
  return {y};
}

std::vector<Value> binary(const OpContext& c, double (*f)(double, double)) {
  const Value& a = c.input(0, "A");
  const Value& b = c.input(1, "B");
  return {broadcast_binary(c, a, b, f)};
}

}  // namespace

std::vector<Value> eval_Add(const OpContext& c) {
  return binary(c, [](double a, double b) { return a + b; });
}
std::vector<Value> eval_Sub(const OpContext& c) {
  return binary(c, [](double a, double b) { return a - b; });
}
std::vector<Value> eval_Mul(const OpContext& c) {
  return binary(c, [](double a, double b) { return a * b; });
}
std::vector<Value> eval_Div(const OpContext& c) {
  if (c.output_is_integer(0)) {
    // Integer division in shape arithmetic truncates (C semantics, as ONNX's integer Div).
    const Value& b = c.input(1, "B");
    for (double d : b.data) {
      if (d == 0) c.fail("integer division by zero");
    }
    return binary(c, [](double a, double b) { return std::trunc(a / b); });
  }
  return binary(c, [](double a, double b) { return a / b; });
}

std::vector<Value> eval_Relu(const OpContext& c) {
  return unary(c, [](double x) { return x > 0 ? x : 0.0; });
}
std::vector<Value> eval_Sigmoid(const OpContext& c) {
  return unary(c, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}
std::vector<Value> eval_Tanh(const OpContext& c) {
  return unary(c, [](double x) { return std::tanh(x); });
}

std::vector<Value> eval_LeakyRelu(const OpContext& c) {
  const double alpha = c.node().attr_float("alpha", 0.01f);
  return unary(c, [alpha](double x) { return x >= 0 ? x : alpha * x; });
}

std::vector<Value> eval_Elu(const OpContext& c) {
  const double alpha = c.node().attr_float("alpha", 1.0f);
  return unary(c, [alpha](double x) { return x >= 0 ? x : alpha * std::expm1(x); });
}

std::vector<Value> eval_Selu(const OpContext& c) {
  // The defaults are the float32 constants of the ONNX spec.
  const double alpha = c.node().attr_float("alpha", 1.67326319217681884765625f);
  const double gamma = c.node().attr_float("gamma", 1.05070102214813232421875f);
  return unary(c, [=](double x) { return gamma * (x > 0 ? x : alpha * std::expm1(x)); });
}

std::vector<Value> eval_HardSigmoid(const OpContext& c) {
  const double alpha = c.node().attr_float("alpha", 0.2f);
  const double beta = c.node().attr_float("beta", 0.5f);
  return unary(c, [=](double x) { return std::max(0.0, std::min(1.0, alpha * x + beta)); });
}

std::vector<Value> eval_Clip(const OpContext& c) {
  double lo = -INFINITY, hi = INFINITY;
  // Opset 11+: min and max are optional scalar inputs.
  if (const Value* v = c.optional(1)) {
    if (v->data.size() != 1 || !v->shape.empty()) c.fail("input 1 (min) must be a scalar");
    lo = v->data[0];
  }
  if (const Value* v = c.optional(2)) {
    if (v->data.size() != 1 || !v->shape.empty()) c.fail("input 2 (max) must be a scalar");
    hi = v->data[0];
  }
  // ONNX: min > max gives max everywhere (the reference applies min first, then max).
  return unary(c, [=](double x) { return std::min(std::max(x, lo), hi); });
}

std::vector<Value> eval_PRelu(const OpContext& c) {
  const Value& x = c.input(0, "X");
  const Value& slope = c.input(1, "slope");
  // Unidirectional broadcasting: slope broadcasts to X, the output has X's shape.
  if (broadcast_shape(c, x.shape, slope.shape) != x.shape) {
    c.fail("slope of shape " + shape_text(slope.shape) + " does not broadcast to X of shape " +
           shape_text(x.shape));
  }
  return {broadcast_binary(c, x, slope, [](double v, double s) { return v >= 0 ? v : v * s; })};
}

std::vector<Value> eval_Softmax(const OpContext& c) {
  Value y = c.input(0, "input");
  if (y.shape.empty()) c.fail("input is a scalar; Softmax needs rank >= 1");
  const size_t axis = c.axis(c.node().attr_int("axis", -1), y.shape.size(), "attribute 'axis'");
  const int64_t n = y.shape[axis];
  const int64_t inner = strides_of(y.shape)[axis];
  const int64_t outer = n * inner == 0 ? 0 : static_cast<int64_t>(y.data.size()) / (n * inner);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const size_t base = static_cast<size_t>(o * n * inner + i);
      auto at = [&](int64_t k) -> double& { return y.data[base + static_cast<size_t>(k * inner)]; };
      double m = -INFINITY, sum = 0;
      for (int64_t k = 0; k < n; ++k) m = std::max(m, at(k));
      for (int64_t k = 0; k < n; ++k) sum += (at(k) = std::exp(at(k) - m));
      for (int64_t k = 0; k < n; ++k) at(k) /= sum;
    }
  }
  return {y};
}

std::vector<Value> eval_BatchNormalization(const OpContext& c) {
  if (c.node().attr_int("training_mode", 0) != 0) {
    c.fail("attribute 'training_mode' = 1: the executor evaluates inference (running statistics)");
  }
  for (size_t i = 1; i < c.node().outputs.size(); ++i) {
    if (!c.node().outputs[i].empty()) {
      c.fail("output " + std::to_string(i) +
             " (running statistics) is a training output; the "
             "executor evaluates inference only");
    }
  }
  Value y = c.input(0, "X");
  c.check_rank(y, "input 0 (X)", 2, 8);
  const int64_t ch = y.shape[1];
  const char* names[] = {"X", "scale", "B", "input_mean", "input_var"};
  std::vector<const Value*> p;
  for (size_t i = 1; i < 5; ++i) {
    const Value& v = c.input(i, names[i]);
    if (v.shape.size() != 1 || v.shape[0] != ch) {
      c.fail("input " + std::to_string(i) + " (" + names[i] + ") has shape " + shape_text(v.shape) +
             "; expected [" + std::to_string(ch) + "] (one value per channel)");
    }
    p.push_back(&v);
  }
  const double eps = c.node().attr_float("epsilon", 1e-5f);
  const int64_t inner = strides_of(y.shape)[1];
  for (size_t i = 0; i < y.data.size(); ++i) {
    const size_t k = static_cast<size_t>((static_cast<int64_t>(i) / inner) % ch);
    y.data[i] = (y.data[i] - p[2]->data[k]) / std::sqrt(p[3]->data[k] + eps) * p[0]->data[k] +
                p[1]->data[k];
  }
  return {y};
}

}  // namespace nngen::eval
