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
         {dense_onnx_ops(), conv_onnx_ops(), pool_onnx_ops(), affine_onnx_ops(), merge_onnx_ops(),
          activation_onnx_ops(), softmax_onnx_ops(), layout_onnx_ops()}) {
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
    for (auto part :
         {dense_layer_ops(), conv_layer_ops(), pool_layer_ops(), affine_layer_ops(),
          merge_layer_ops(), activation_layer_ops(), softmax_layer_ops(), reorder_layer_ops()}) {
      t.insert(t.end(), part.begin(), part.end());
    }
    return t;
  }();
  return table;
}

bool is_identity(const std::vector<int64_t>& map) {
  for (size_t i = 0; i < map.size(); ++i) {
    if (map[i] != static_cast<int64_t>(i)) return false;
  }
  return true;
}

std::vector<int64_t> identity_map(int64_t n) {
  std::vector<int64_t> m(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) m[static_cast<size_t>(i)] = i;
  return m;
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

std::vector<int64_t> channel_last_map(const std::vector<int64_t>& shape) {
  const int64_t n = product(shape);
  if (shape.empty()) return {};
  const int64_t c_count = shape[0], spatial = c_count > 0 ? n / c_count : 0;
  std::vector<int64_t> m(static_cast<size_t>(n));
  for (int64_t c = 0; c < c_count; ++c) {
    for (int64_t s = 0; s < spatial; ++s) m[static_cast<size_t>(c * spatial + s)] = s * c_count + c;
  }
  if (is_identity(m)) m.clear();
  return m;
}

const Activation& LowerContext::act(const ir::Node& node, size_t index) const {
  if (index >= node.inputs.size() || node.inputs[index].empty()) {
    fail_input(graph.source + ": " + node.label() + " has no input " + std::to_string(index));
  }
  auto it = acts.find(node.inputs[index]);
  if (it == acts.end()) {
    fail_input(graph.source + ": " + node.label() + ": input '" + node.inputs[index] +
               "' is neither the data flowing from the model input nor a constant nnaccel can "
               "fold; this op needs an activation there");
  }
  return it->second;
}

ir::Node& LowerContext::add_layer(const std::string& op, const std::string& prefix,
                                  const ir::Node& from, std::vector<std::string> inputs,
                                  const std::string& onnx_out, std::vector<int64_t> shape,
                                  bool channel_last) {
  ir::Node l;
  l.op = op;
  l.name = prefix + std::to_string(next_id++);
  l.inputs = std::move(inputs);
  l.outputs = {l.name};
  l.attrs["onnx_node"] = from.name;
  l.attrs["onnx_tensor"] = onnx_out;
  l.attrs["out_size"] = product(shape);
  if (!l.inputs.empty()) {
    ir::Node* p = producer(l.inputs[0]);
    l.attrs["in_size"] = p ? out_size(*p) : product(graph.input_sample_shape);
  }
  Activation a{l.name, shape, channel_last ? channel_last_map(shape) : std::vector<int64_t>{},
               onnx_out};
  acts[onnx_out] = std::move(a);
  layers.push_back(std::move(l));
  return layers.back();
}

ir::Node* LowerContext::producer(const std::string& stream) {
  for (ir::Node& l : layers) {
    if (l.outputs.at(0) == stream) return &l;
  }
  return nullptr;
}

void LowerContext::alias(const std::string& onnx_out, Activation a) {
  if (!a.map.empty() && is_identity(a.map)) a.map.clear();
  acts[onnx_out] = std::move(a);
}

namespace {

// A reorder layer taking `a` (stream order a.map) to order `target` (both: logical -> stream
// position). Only a two-dimensional transpose of the stream is supported in hardware.
Activation reorder(LowerContext& ctx, const ir::Node& node, const Activation a,
                   std::vector<int64_t> target) {
  const int64_t n = product(a.shape);
  const std::vector<int64_t> from = a.map.empty() ? identity_map(n) : a.map;
  const std::vector<int64_t> to = target.empty() ? identity_map(n) : target;
  std::vector<int64_t> src(static_cast<size_t>(n));  // output position -> input position
  for (int64_t i = 0; i < n; ++i)
    src[static_cast<size_t>(to[static_cast<size_t>(i)])] = from[static_cast<size_t>(i)];
  const int64_t cols = n > 1 ? src[1] : 1;
  const int64_t rows = cols > 0 && n % cols == 0 ? n / cols : 0;
  bool ok = rows > 0;
  for (int64_t o = 0; ok && o < n; ++o) {
    const int64_t c = o / rows, r = o % rows;
    ok = src[static_cast<size_t>(o)] == r * cols + c;
  }
  if (!ok) {
    fail_input(ctx.graph.source + ": " + node.label() + " needs its input of shape " +
               shape_str(a.shape) +
               " in another element order than the one it arrives in, and the reordering is "
               "not a two-dimensional transpose (the only one nnaccel generates)");
  }
  ir::Node& t =
      ctx.add_layer("Transpose2d", "reorder", node, {a.stream}, a.onnx_tensor, a.shape, false);
  t.attrs["rows"] = rows;
  t.attrs["cols"] = cols;
  Activation r = ctx.acts.at(a.onnx_tensor);
  r.map = std::move(target);
  ctx.acts[a.onnx_tensor] = r;  // later readers of this tensor see the reordered stream
  return r;
}

}  // namespace

Activation LowerContext::channel_last(const ir::Node& node, const Activation& a) {
  std::vector<int64_t> target = channel_last_map(a.shape);
  if (target == a.map) return a;
  return reorder(*this, node, a, std::move(target));
}

Activation LowerContext::row_major(const ir::Node& node, const Activation& a) {
  if (a.map.empty()) return a;
  return reorder(*this, node, a, {});
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

std::string weight_bank_pragma(const ir::Node& n, int64_t n_in) {
  const int64_t reuse = n.attr_int("reuse", 1), banks = (n_in + reuse - 1) / reuse;
  if (banks <= 1) return "";
  // One bank per multiplier, so each can read its weight every cycle (ARRAY_PARTITION cyclic:
  // docs/hardware-notes.md "HLS coding rules"; source: UG1399).
  return "#pragma HLS ARRAY_PARTITION variable = " + layer_name(n) +
         "_w cyclic factor = " + std::to_string(banks) + " dim = 2\n";
}

int64_t in_size(const ir::Node& n) { return n.attr_int("in_size", 0); }
int64_t out_size(const ir::Node& n) { return n.attr_int("out_size", 0); }

std::string cfg_uint(const std::string& name, int64_t v) {
  return "  static const unsigned " + name + " = " + std::to_string(v) + ";\n";
}

std::string cfg_type(const std::string& name, const ir::FixedType& t) {
  return "  typedef " + t.cpp() + " " + name + ";\n";
}

std::string config_head(const ir::Node& n, const BuildOptions& opt) {
  std::string s = "// " + layer_op(n).describe(n) + "\nstruct " + layer_name(n) + "_cfg {\n";
  s += cfg_uint("max_batch", opt.max_batch) + cfg_uint("in_size", in_size(n)) +
       cfg_uint("out_size", out_size(n));
  if (n.types.count("in")) s += cfg_type("in_t", n.types.at("in"));
  s += cfg_type("out_t", n.types.at("out"));
  return s;
}

const ir::Tensor& constant_input(const ir::Graph& g, const ir::Node& node, size_t index,
                                 const char* role) {
  if (index >= node.inputs.size() || node.inputs[index].empty()) {
    fail_input(g.source + ": " + node.label() + " has no " + role + " input");
  }
  const ir::Tensor& t = g.tensor(node.inputs[index]);
  if (!t.is_constant) {
    fail_input(g.source + ": " + node.label() + ": the " + role + " '" + t.name +
               "' must be a constant (an initializer or computed from initializers); nnaccel "
               "loads weights, not activations, there");
  }
  if (t.elem_type != "float" && t.elem_type != "double" && t.elem_type != "float16") {
    fail_input(g.source + ": " + node.label() + ": the " + role + " '" + t.name +
               "' has element type " + t.elem_type + "; nnaccel reads float weights");
  }
  return t;
}

void check_finite(const ir::Graph& g, const ir::Node& node, const std::vector<float>& v,
                  const std::string& what) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      fail_input(g.source + ": " + node.label() + ": " + what + " element " + std::to_string(i) +
                 " is " + (std::isnan(v[i]) ? "NaN" : "infinite") +
                 " (after folding); the model is not usable");
    }
  }
}

const LayerConfig* find_layer_config(const BuildOptions& opt, const ir::Node& n) {
  auto it = opt.layers.find(n.name);
  if (it == opt.layers.end()) it = opt.layers.find(n.attr_string("onnx_node", ""));
  return it == opt.layers.end() ? nullptr : &it->second;
}

int64_t layer_reuse(const BuildOptions& opt, const ir::Node& n, int64_t n_in) {
  const LayerConfig* c = find_layer_config(opt, n);
  const int64_t r = c && c->reuse ? *c->reuse : opt.strategy == "resource" ? n_in : opt.reuse;
  return std::max<int64_t>(1, std::min<int64_t>(r, n_in));
}

ir::FixedType exact_accumulator(const ir::Node& n, const ir::FixedType& in, const ir::FixedType& w,
                                const ir::FixedType& b, int64_t n_in) {
  // Exact products and sums: a product of in and w needs W_in+W_w bits with
  // I_in+I_w integer bits (result types: docs/fixed-point.md "Supported API"; source: UG1399);
  // adding n_in products and the bias needs ceil(log2(n_in + 1)) more integer bits. Then no input
  // can make the accumulator overflow (docs/precision.md).
  const int i_prod = in.int_bits + w.int_bits, f_prod = in.frac_bits() + w.frac_bits();
  const int i_acc = std::max(i_prod, b.int_bits) + ceil_log2(n_in + 1);
  int f_acc = std::max(f_prod, b.frac_bits());
  if (i_acc > ir::kMaxFixedWidth - 1) {
    fail_input(n.label() + ": an overflow-free accumulator for " + std::to_string(n_in) +
               " inputs needs " + std::to_string(i_acc) + " integer bits, more than " +
               std::to_string(ir::kMaxFixedWidth - 1) + "; use fewer integer bits in --precision");
  }
  // Over 64 bits we drop fraction bits, never integer bits: rounding, not overflow.
  f_acc = std::min(f_acc, ir::kMaxFixedWidth - i_acc);
  return ir::FixedType{true, i_acc + f_acc, i_acc, "AP_TRN", "AP_WRAP"};
}

double weight_row_bound(const ir::Graph& g, const ir::Node& n, const std::vector<double>& in) {
  const auto& w = g.tensor(n.name + "/weight").data;
  const auto& b = g.tensor(n.name + "/bias").data;
  const size_t n_in = b.empty() ? 0 : w.size() / b.size();
  double worst = 0;
  for (size_t o = 0; o < b.size(); ++o) {
    double s = std::fabs(b[o]);
    for (size_t i = 0; i < n_in; ++i) s += std::fabs(w[o * n_in + i]) * in.at(0);
    worst = std::max(worst, s);
  }
  return worst;
}

double max_abs(const std::vector<float>& v) {
  double m = 0;
  for (float x : v) m = std::max(m, std::fabs(static_cast<double>(x)));
  return m;
}

}  // namespace nngen::ops
