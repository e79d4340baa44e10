#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

const std::vector<OnnxOp>& onnx_table() {
  static const std::vector<OnnxOp> table = [] {
    std::vector<OnnxOp> t;
    for (auto part :
         {dense_onnx_ops(), activation_onnx_ops(), softmax_onnx_ops(), layout_onnx_ops()}) {
      t.insert(t.end(), part.begin(), part.end());
    }
    std::sort(t.begin(), t.end(),
              [](const OnnxOp& a, const OnnxOp& b) { return a.op_type < b.op_type; });
    return t;
  }();
  return table;
}

const std::vector<LayerOp>& layer_table() {
  static const std::vector<LayerOp> table = [] {
    std::vector<LayerOp> t;
    for (auto part : {dense_layer_ops(), activation_layer_ops(), softmax_layer_ops()}) {
      t.insert(t.end(), part.begin(), part.end());
    }
    return t;
  }();
  return table;
}

}  // namespace

const OnnxOp* find_onnx_op(std::string_view op_type) {
  for (const OnnxOp& op : onnx_table()) {
    if (op.op_type == op_type) return &op;
  }
  return nullptr;
}

const LayerOp& layer_op(const ir::Node& node) {
  for (const LayerOp& op : layer_table()) {
    if (op.op == node.op) return op;
  }
  fail_internal("no layer op for " + node.label());
}

std::string supported_onnx_ops() {
  std::string s;
  for (const OnnxOp& op : onnx_table()) s += (s.empty() ? "" : ", ") + std::string(op.op_type);
  return s;
}

int64_t product(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    // Shapes come from the model: a product past int64 is a hostile model (found by fuzzing).
    if (__builtin_mul_overflow(n, d, &n)) {
      fail_input("a tensor of shape " + shape_str(shape) +
                 " has more elements than nnaccel can count; the model is not usable");
    }
  }
  return n;
}

std::string shape_str(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    s += (i ? "," : "") + (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  }
  return s + "]";
}

void expect_chain_input(const LowerContext& ctx, const ir::Node& node, const std::string& input) {
  if (input != ctx.current) {
    fail_input(ctx.graph.source + ": " + node.label() + " reads '" + input +
               "' but the chain is at '" + ctx.current +
               "'; nnaccel accelerates a single chain of layers (no branches or skip connections)");
  }
}

std::string layer_name(const ir::Node& node) {
  std::string s;
  for (char c : node.name) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = "l_" + s;
  return s;
}

int ceil_log2(int64_t v) {
  int b = 0;
  while ((int64_t{1} << b) < v) ++b;
  return b;
}

std::vector<WeightTensor> no_weights(const ir::Graph&, const ir::Node&) { return {}; }

std::string exact_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

}  // namespace nngen::ops
