// Dense layers: ONNX Gemm, MatMul and the bias Add that Keras/tf2onnx put
// after a MatMul, all lowered to one `Dense` layer with weights stored
// [n_out][n_in] and a bias [n_out].
#include <cmath>

#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

const ir::Tensor& constant_input(const LowerContext& ctx, const ir::Node& node, size_t index,
                                 const char* role) {
  if (index >= node.inputs.size() || node.inputs[index].empty()) {
    fail_input(ctx.graph.source + ": " + node.label() + " has no " + role + " input");
  }
  const ir::Tensor& t = ctx.graph.tensor(node.inputs[index]);
  if (!t.is_constant) {
    fail_input(ctx.graph.source + ": " + node.label() + ": the " + role + " '" + t.name +
               "' must be an initializer (constant weights); nnaccel loads weights, not activations, into "
               "dense layers");
  }
  if (t.elem_type != "float") {
    fail_input(ctx.graph.source + ": " + node.label() + ": the " + role + " '" + t.name + "' has element type " +
               t.elem_type + "; nnaccel reads float32 weights");
  }
  return t;
}

// Per-sample feature count of the chain tensor feeding a dense layer.
int64_t dense_input_features(const LowerContext& ctx, const ir::Node& node) {
  int64_t non_unit = 0;
  for (int64_t d : ctx.current_shape) non_unit += d != 1 ? 1 : 0;
  if (non_unit > 1) {
    fail_input(ctx.graph.source + ": " + node.label() + " multiplies a per-sample tensor of shape " +
               shape_str(ctx.current_shape) +
               "; nnaccel's dense layers take vectors (add a Flatten before it)");
  }
  return product(ctx.current_shape);
}

// Bias values broadcast to [n_out] (accepts [], [1], [n_out], [1,n_out]).
std::vector<float> broadcast_bias(const LowerContext& ctx, const ir::Node& node, const ir::Tensor& c,
                                  int64_t n_out, float scale) {
  int64_t n = product(c.shape);
  bool ok = n == 1 || n == n_out;
  for (size_t i = 0; ok && i + 1 < c.shape.size(); ++i) ok = c.shape[i] == 1;
  if (!ok) {
    fail_input(ctx.graph.source + ": " + node.label() + ": bias '" + c.name + "' has shape " +
               shape_str(c.shape) + ", expected [" + std::to_string(n_out) + "] or a scalar");
  }
  std::vector<float> b(static_cast<size_t>(n_out));
  for (int64_t o = 0; o < n_out; ++o) b[static_cast<size_t>(o)] = scale * c.data[static_cast<size_t>(n == 1 ? 0 : o)];
  return b;
}

// A NaN or infinite weight would saturate silently in hardware: refuse it.
void check_finite(const LowerContext& ctx, const ir::Node& node, const std::vector<float>& v, const std::string& what) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      fail_input(ctx.graph.source + ": " + node.label() + ": " + what + " element " + std::to_string(i) + " is " +
                 (std::isnan(v[i]) ? "NaN" : "infinite") + " (after folding alpha/beta); the model is not usable");
    }
  }
}

ir::Node& new_dense(LowerContext& ctx, const ir::Node& from, int64_t n_in, int64_t n_out,
                    std::vector<float> w, const std::string& w_name) {
  check_finite(ctx, from, w, "weight '" + w_name + "'");
  if (n_in <= 0 || n_out <= 0) {
    fail_input(ctx.graph.source + ": " + from.label() + ": weight '" + w_name + "' has an empty dimension");
  }
  ir::Node d;
  d.op = "Dense";
  d.name = "dense" + std::to_string(ctx.layers.size());
  d.inputs = {ctx.current};
  d.outputs = from.outputs;
  d.attrs["onnx_node"] = from.name;
  d.attrs["n_in"] = n_in;
  d.attrs["n_out"] = n_out;
  d.attrs["weight_name"] = w_name;
  d.attrs["bias_name"] = std::string(d.name + ".bias(zero)");
  ir::Tensor wt{d.name + "/weight", {n_out, n_in}, "float", true, std::move(w)};
  ir::Tensor bt{d.name + "/bias", {n_out}, "float", true, std::vector<float>(static_cast<size_t>(n_out), 0.f)};
  ctx.graph.tensors[wt.name] = std::move(wt);
  ctx.graph.tensors[bt.name] = std::move(bt);
  ctx.layers.push_back(std::move(d));
  ctx.current = from.outputs.at(0);
  ctx.current_shape = {n_out};
  return ctx.layers.back();
}

void lower_gemm(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() < 2) fail_input(src + ": " + node.label() + " needs inputs A and B");
  expect_chain_input(ctx, node, node.inputs[0]);
  const int64_t trans_a = node.attr_int("transA", 0), trans_b = node.attr_int("transB", 0);
  const float alpha = node.attr_float("alpha", 1.f), beta = node.attr_float("beta", 1.f);
  if (trans_a != 0 && !(ctx.graph.batch.symbolic == false && ctx.graph.batch.fixed == 1)) {
    fail_input(src + ": " + node.label() +
               " has transA=1 on the activation, which mixes the batch into the features; "
               "supported only when the batch is fixed to 1");
  }
  const int64_t k = dense_input_features(ctx, node);
  if (trans_a != 0 && !ctx.current_shape.empty() && ctx.current_shape[0] != 1 && product(ctx.current_shape) != 1) {
    // A (batch 1) is [1, k]: transA=1 makes it [k, 1], a batch of k samples.
    fail_input(src + ": " + node.label() + " has transA=1 on an activation of shape [1," +
               std::to_string(k) + "], which makes it a column; not a dense layer nnaccel supports");
  }
  const ir::Tensor& b = constant_input(ctx, node, 1, "weight B");
  if (b.shape.size() != 2) {
    fail_input(src + ": " + node.label() + ": weight '" + b.name + "' has shape " + shape_str(b.shape) +
               ", Gemm needs a matrix");
  }
  const int64_t rows = b.shape[0], cols = b.shape[1];
  const int64_t b_k = trans_b ? cols : rows, n = trans_b ? rows : cols;
  if (b_k != k) {
    fail_input(src + ": " + node.label() + ": weight '" + b.name + "' " + shape_str(b.shape) +
               (trans_b ? " (transB=1)" : "") + " expects " + std::to_string(b_k) + " input features, the layer gets " +
               std::to_string(k));
  }
  std::vector<float> w(static_cast<size_t>(n * k));
  for (int64_t o = 0; o < n; ++o) {
    for (int64_t i = 0; i < k; ++i) {
      float v = trans_b ? b.data[static_cast<size_t>(o * cols + i)] : b.data[static_cast<size_t>(i * cols + o)];
      w[static_cast<size_t>(o * k + i)] = alpha * v;
    }
  }
  ir::Node& d = new_dense(ctx, node, k, n, std::move(w), b.name);
  if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
    const ir::Tensor& c = constant_input(ctx, node, 2, "bias C");
    ctx.graph.tensor(d.name + "/bias").data = broadcast_bias(ctx, node, c, n, beta);
    check_finite(ctx, node, ctx.graph.tensor(d.name + "/bias").data, "bias '" + c.name + "'");
    d.attrs["bias_name"] = c.name;
  }
}

void lower_matmul(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() != 2) fail_input(src + ": " + node.label() + " needs two inputs");
  expect_chain_input(ctx, node, node.inputs[0]);
  const int64_t k = dense_input_features(ctx, node);
  const ir::Tensor& w = constant_input(ctx, node, 1, "weight");
  if (w.shape.size() != 2 || w.shape[0] != k) {
    fail_input(src + ": " + node.label() + ": weight '" + w.name + "' has shape " + shape_str(w.shape) +
               ", expected [" + std::to_string(k) + ", n_out]");
  }
  const int64_t n = w.shape[1];
  std::vector<float> t(static_cast<size_t>(n * k));
  for (int64_t o = 0; o < n; ++o) {
    for (int64_t i = 0; i < k; ++i) t[static_cast<size_t>(o * k + i)] = w.data[static_cast<size_t>(i * n + o)];
  }
  new_dense(ctx, node, k, n, std::move(t), w.name);
}

// Add is supported as the bias of the dense layer right before it.
void lower_add(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() != 2) fail_input(src + ": " + node.label() + " needs two inputs");
  const bool first_is_chain = node.inputs[0] == ctx.current;
  expect_chain_input(ctx, node, first_is_chain ? node.inputs[0] : node.inputs[1]);
  const ir::Tensor& c = ctx.graph.tensor(node.inputs[first_is_chain ? 1 : 0]);
  if (!c.is_constant || ctx.layers.empty() || ctx.layers.back().op != "Dense" ||
      ctx.layers.back().outputs.at(0) != ctx.current) {
    fail_input(src + ": " + node.label() +
               " is supported only as the bias of a MatMul/Gemm right before it (Add of a constant)");
  }
  ir::Node& d = ctx.layers.back();
  const int64_t n = std::get<int64_t>(d.attrs.at("n_out"));
  auto add = broadcast_bias(ctx, node, c, n, 1.f);
  auto& bias = ctx.graph.tensor(d.name + "/bias").data;
  for (size_t o = 0; o < bias.size(); ++o) bias[o] += add[o];
  check_finite(ctx, node, bias, "bias '" + c.name + "'");
  const std::string prev = std::get<std::string>(d.attrs.at("bias_name"));
  d.attrs["bias_name"] = prev.ends_with("(zero)") ? c.name : prev + "+" + c.name;
  d.outputs = node.outputs;
  ctx.current = node.outputs.at(0);
}

void assign_dense_types(ir::Node& node, const ir::FixedType& in, const BuildOptions& opt) {
  const int64_t n_in = std::get<int64_t>(node.attrs.at("n_in"));
  ir::FixedType w = opt.data_type, b = opt.data_type;
  // Exact products and sums: a product of in and w needs W_in+W_w bits with
  // I_in+I_w integer bits (UG1399 result types); adding n_in products and the
  // bias needs ceil(log2(n_in + 1)) more integer bits. Then no input can make
  // the accumulator overflow (docs/precision.md).
  const int i_prod = in.int_bits + w.int_bits, f_prod = in.frac_bits() + w.frac_bits();
  const int i_acc = std::max(i_prod, b.int_bits) + ceil_log2(n_in + 1);
  int f_acc = std::max(f_prod, b.frac_bits());
  if (i_acc > ir::kMaxFixedWidth - 1) {
    fail_input(node.label() + ": an overflow-free accumulator for " + std::to_string(n_in) +
               " inputs needs " + std::to_string(i_acc) + " integer bits, more than " +
               std::to_string(ir::kMaxFixedWidth - 1) + "; use fewer integer bits in --precision");
  }
  // Over 64 bits we drop fraction bits, never integer bits: rounding, not overflow.
  f_acc = std::min(f_acc, ir::kMaxFixedWidth - i_acc);
  ir::FixedType acc{true, i_acc + f_acc, i_acc, "AP_TRN", "AP_WRAP"};
  node.types = {{"in", in}, {"weight", w}, {"bias", b}, {"accum", acc}, {"out", opt.data_type}};
  node.attrs["reuse"] = static_cast<int64_t>(std::max(1, std::min<int>(opt.reuse, static_cast<int>(n_in))));
}

std::string describe_dense(const ir::Node& n) {
  return "dense n_in=" + std::to_string(std::get<int64_t>(n.attrs.at("n_in"))) +
         " n_out=" + std::to_string(std::get<int64_t>(n.attrs.at("n_out"))) +
         " in=" + n.types.at("in").cpp() + " weight=" + n.types.at("weight").cpp() +
         " bias=" + n.types.at("bias").cpp() + " accum=" + n.types.at("accum").cpp() +
         " out=" + n.types.at("out").cpp() + " reuse=" + std::to_string(n.attr_int("reuse", 1));
}

HlsCode emit_dense(const ir::Graph&, const ir::Node& n, const std::string& in_s, const std::string& out_s,
                   const BuildOptions& opt) {
  const std::string l = layer_name(n);
  const int64_t n_in = n.attr_int("n_in", 0), n_out = n.attr_int("n_out", 0), reuse = n.attr_int("reuse", 1);
  HlsCode c;
  c.config = "// " + describe_dense(n) + "\nstruct " + l + "_cfg {\n" +
             "  static const unsigned n_in = " + std::to_string(n_in) + ";\n" +
             "  static const unsigned n_out = " + std::to_string(n_out) + ";\n" +
             "  static const unsigned reuse = " + std::to_string(reuse) + ";\n" +
             "  static const unsigned max_batch = " + std::to_string(opt.max_batch) + ";\n" +
             "  typedef " + n.types.at("in").cpp() + " in_t;\n" +
             "  typedef " + n.types.at("weight").cpp() + " weight_t;\n" +
             "  typedef " + n.types.at("bias").cpp() + " bias_t;\n" +
             "  typedef " + n.types.at("accum").cpp() + " accum_t;\n" +
             "  typedef " + n.types.at("out").cpp() + " out_t;\n};\n";
  const int64_t banks = (n_in + reuse - 1) / reuse;
  c.storage = "static " + l + "_cfg::weight_t " + l + "_w[" + std::to_string(n_out) + "][" + std::to_string(n_in) + "];\n" +
              "static " + l + "_cfg::bias_t " + l + "_b[" + std::to_string(n_out) + "];\n";
  if (banks > 1) {
    // One bank per multiplier, so each can read its weight every cycle.
    c.pragmas = "#pragma HLS ARRAY_PARTITION variable = " + l + "_w cyclic factor = " + std::to_string(banks) + " dim = 2\n";
  }
  c.call = "nnhls::dense<" + l + "_cfg>(" + in_s + ", " + out_s + ", " + l + "_w, " + l + "_b, batch);";
  return c;
}

std::vector<WeightTensor> dense_weights(const ir::Graph& g, const ir::Node& n) {
  const std::string l = layer_name(n);
  const int64_t n_in = n.attr_int("n_in", 0), n_out = n.attr_int("n_out", 0);
  return {
      {n.attr_string("weight_name", ""), l + "_w", "weight", {n_out, n_in}, &g.tensor(n.name + "/weight").data},
      {n.attr_string("bias_name", ""), l + "_b", "bias", {n_out}, &g.tensor(n.name + "/bias").data},
  };
}

}  // namespace

std::vector<OnnxOp> dense_onnx_ops() {
  return {{"Gemm", lower_gemm}, {"MatMul", lower_matmul}, {"Add", lower_add}};
}

std::vector<LayerOp> dense_layer_ops() {
  return {{"Dense", assign_dense_types, describe_dense, emit_dense, dense_weights}};
}

}  // namespace nngen::ops
