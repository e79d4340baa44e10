// Dense layers: ONNX Gemm and MatMul with constant weights, lowered to one `Dense` layer with
// weights stored [n_out][n_in] (row = one output neuron) and a bias [n_out]. A bias Add, a
// BatchNormalization or a per-feature Mul after it are folded in by ops/affine.cpp.
// The input's stream order need not be the logical one (a Flatten of a channel-last tensor):
// the weight columns are permuted to the stream order instead of reordering the data.
#include <cmath>

#include "ops/cost.h"
#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// Per-sample feature count of the tensor feeding a dense layer.
int64_t dense_input_features(const LowerContext& ctx, const ir::Node& node, const Activation& a) {
  int64_t non_unit = 0;
  for (int64_t d : a.shape) non_unit += d != 1 ? 1 : 0;
  if (non_unit > 1) {
    fail_input(ctx.graph.source + ": " + node.label() +
               " multiplies a per-sample tensor of shape " + shape_str(a.shape) +
               "; nnaccel's dense layers take vectors (add a Flatten before it)");
  }
  return product(a.shape);
}

// w is [n][k] in logical input order; returns it with columns in stream order.
std::vector<float> columns_in_stream_order(const Activation& a, std::vector<float> w, int64_t n,
                                           int64_t k) {
  if (a.map.empty()) return w;
  std::vector<float> p(w.size());
  for (int64_t o = 0; o < n; ++o) {
    for (int64_t i = 0; i < k; ++i) {
      p[static_cast<size_t>(o * k + a.map[static_cast<size_t>(i)])] =
          w[static_cast<size_t>(o * k + i)];
    }
  }
  return p;
}

ir::Node& new_dense(LowerContext& ctx, const ir::Node& from, const Activation& a, int64_t n_in,
                    int64_t n_out, std::vector<float> w, const std::string& w_name,
                    std::vector<int64_t> out_shape) {
  check_finite(ctx.graph, from, w, "weight '" + w_name + "'");
  if (n_in <= 0 || n_out <= 0) {
    fail_input(ctx.graph.source + ": " + from.label() + ": weight '" + w_name +
               "' has an empty dimension");
  }
  w = columns_in_stream_order(a, std::move(w), n_out, n_in);
  ir::Node& d = ctx.add_layer("Dense", "dense", from, {a.stream}, from.outputs.at(0),
                              std::move(out_shape), false);
  d.attrs["n_in"] = n_in;
  d.attrs["n_out"] = n_out;
  d.attrs["weight_name"] = w_name;
  d.attrs["bias_name"] = std::string(d.name + ".bias(zero)");
  ir::Tensor wt{d.name + "/weight", {n_out, n_in}, "float", true, std::move(w)};
  ir::Tensor bt{d.name + "/bias",
                {n_out},
                "float",
                true,
                std::vector<float>(static_cast<size_t>(n_out), 0.f)};
  ctx.graph.tensors[wt.name] = std::move(wt);
  ctx.graph.tensors[bt.name] = std::move(bt);
  return d;
}

std::vector<float> broadcast_bias(const LowerContext& ctx, const ir::Node& node,
                                  const ir::Tensor& c, int64_t n_out, float scale) {
  int64_t n = product(c.shape);
  bool ok = n == 1 || n == n_out;
  for (size_t i = 0; ok && i + 1 < c.shape.size(); ++i) ok = c.shape[i] == 1;
  if (!ok) {
    fail_input(ctx.graph.source + ": " + node.label() + ": bias '" + c.name + "' has shape " +
               shape_str(c.shape) + ", expected [" + std::to_string(n_out) + "] or a scalar");
  }
  std::vector<float> b(static_cast<size_t>(n_out));
  for (int64_t o = 0; o < n_out; ++o)
    b[static_cast<size_t>(o)] = scale * c.data[static_cast<size_t>(n == 1 ? 0 : o)];
  return b;
}

void lower_gemm(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() < 2) fail_input(src + ": " + node.label() + " needs inputs A and B");
  const Activation a = ctx.act(node, 0);
  const int64_t trans_a = node.attr_int("transA", 0), trans_b = node.attr_int("transB", 0);
  const float alpha = node.attr_float("alpha", 1.f), beta = node.attr_float("beta", 1.f);
  if (trans_a != 0 && !(ctx.graph.batch.symbolic == false && ctx.graph.batch.fixed == 1)) {
    fail_input(src + ": " + node.label() +
               " has transA=1 on the activation, which mixes the batch into the features; "
               "supported only when the batch is fixed to 1");
  }
  const int64_t k = dense_input_features(ctx, node, a);
  if (trans_a != 0 && !a.shape.empty() && a.shape[0] != 1 && product(a.shape) != 1) {
    // A (batch 1) is [1, k]: transA=1 makes it [k, 1], a batch of k samples.
    fail_input(src + ": " + node.label() + " has transA=1 on an activation of shape [1," +
               std::to_string(k) +
               "], which makes it a column; not a dense layer nnaccel supports");
  }
  const ir::Tensor& b = constant_input(ctx.graph, node, 1, "weight B");
  if (b.shape.size() != 2) {
    fail_input(src + ": " + node.label() + ": weight '" + b.name + "' has shape " +
               shape_str(b.shape) + ", Gemm needs a matrix");
  }
  const int64_t rows = b.shape[0], cols = b.shape[1];
  const int64_t b_k = trans_b ? cols : rows, n = trans_b ? rows : cols;
  if (b_k != k) {
    fail_input(src + ": " + node.label() + ": weight '" + b.name + "' " + shape_str(b.shape) +
               (trans_b ? " (transB=1)" : "") + " expects " + std::to_string(b_k) +
               " input features, the layer gets " + std::to_string(k));
  }
  std::vector<float> w(static_cast<size_t>(n * k));
  for (int64_t o = 0; o < n; ++o) {
    for (int64_t i = 0; i < k; ++i) {
      float v = trans_b ? b.data[static_cast<size_t>(o * cols + i)]
                        : b.data[static_cast<size_t>(i * cols + o)];
      w[static_cast<size_t>(o * k + i)] = alpha * v;
    }
  }
  ir::Node& d = new_dense(ctx, node, a, k, n, std::move(w), b.name, {n});
  if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
    const ir::Tensor& c = constant_input(ctx.graph, node, 2, "bias C");
    std::vector<float> bias = broadcast_bias(ctx, node, c, n, beta);
    check_finite(ctx.graph, node, bias, "bias '" + c.name + "'");
    ctx.graph.tensor(d.name + "/bias").data = std::move(bias);
    d.attrs["bias_name"] = c.name;
  }
}

void lower_matmul(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() != 2) fail_input(src + ": " + node.label() + " needs two inputs");
  const Activation a = ctx.act(node, 0);
  const int64_t k = dense_input_features(ctx, node, a);
  const ir::Tensor& w = constant_input(ctx.graph, node, 1, "weight");
  if (w.shape.size() != 2 || w.shape[0] != k) {
    fail_input(src + ": " + node.label() + ": weight '" + w.name + "' has shape " +
               shape_str(w.shape) + ", expected [" + std::to_string(k) + ", n_out]");
  }
  const int64_t n = w.shape[1];
  std::vector<float> t(static_cast<size_t>(n * k));
  for (int64_t o = 0; o < n; ++o) {
    for (int64_t i = 0; i < k; ++i)
      t[static_cast<size_t>(o * k + i)] = w.data[static_cast<size_t>(i * n + o)];
  }
  std::vector<int64_t> out_shape = a.shape.empty() ? std::vector<int64_t>{n} : a.shape;
  out_shape.back() = n;
  new_dense(ctx, node, a, k, n, std::move(t), w.name, out_shape);
}

void assign_dense_types(ir::Node& node, const std::vector<ir::FixedType>& in,
                        const ir::FixedType& out, const BuildOptions& opt) {
  const int64_t n_in = node.attr_int("n_in", 1);
  const ir::FixedType w = node.types.count("weight") ? node.types.at("weight") : opt.data_type;
  const ir::FixedType b = node.types.count("bias") ? node.types.at("bias") : opt.data_type;
  node.types = {{"in", in.at(0)},
                {"weight", w},
                {"bias", b},
                {"accum", exact_accumulator(node, in.at(0), w, b, n_in)},
                {"out", out}};
  node.attrs["reuse"] = layer_reuse(opt, node, n_in);
}

std::string describe_dense(const ir::Node& n) {
  return "dense n_in=" + std::to_string(n.attr_int("n_in", 0)) +
         " n_out=" + std::to_string(n.attr_int("n_out", 0)) + " in=" + n.types.at("in").cpp() +
         " weight=" + n.types.at("weight").cpp() + " bias=" + n.types.at("bias").cpp() +
         " accum=" + n.types.at("accum").cpp() + " out=" + n.types.at("out").cpp() +
         " reuse=" + std::to_string(n.attr_int("reuse", 1));
}

HlsCode emit_dense(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n_in", n.attr_int("n_in", 0)) +
             cfg_uint("n_out", n.attr_int("n_out", 0)) + cfg_uint("reuse", n.attr_int("reuse", 1)) +
             cfg_type("weight_t", n.types.at("weight")) + cfg_type("bias_t", n.types.at("bias")) +
             cfg_type("accum_t", n.types.at("accum")) + "};\n";
  c.function = "nnhls::dense";
  c.pragmas = weight_bank_pragma(n, n.attr_int("n_in", 1));
  return c;
}

std::vector<WeightTensor> dense_weights(const ir::Graph& g, const ir::Node& n) {
  const std::string l = layer_name(n);
  const int64_t n_in = n.attr_int("n_in", 0), n_out = n.attr_int("n_out", 0);
  return {
      {n.attr_string("weight_name", ""),
       l + "_w",
       "weight",
       {n_out, n_in},
       &g.tensor(n.name + "/weight").data},
      {n.attr_string("bias_name", ""), l + "_b", "bias", {n_out}, &g.tensor(n.name + "/bias").data},
  };
}

// nn_dense.h: ceil(n_in / reuse) multipliers; the stream form reads a sample (n_in cycles) while
// it computes the previous one (n_out * reuse cycles, ping-pong buffer).
LayerCost dense_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int64_t n_in = n.attr_int("n_in", 0), n_out = n.attr_int("n_out", 0);
  const int64_t reuse = n.attr_int("reuse", 1);
  LayerCost c;
  c.macs = n_in * n_out;
  c.multipliers = cost::ceil_div(n_in, reuse);
  c.dsp = c.multipliers * cost::dsp_per_multiplier(n.types.at("in").width,
                                                   n.types.at("weight").width, opt.target.arch);
  c.bram18k_weights = cost::bram18k_banked(n_out, n_in, n.types.at("weight").width, c.multipliers) +
                      cost::bram18k(n_out, n.types.at("bias").width);
  const int64_t compute = n_out * reuse;
  c.latency_cycles = opt.io == "stream" ? n_in + compute : compute;
  c.ii_cycles = opt.io == "stream" ? std::max(n_in, compute) : compute;
  c.note = "input sample in registers";
  return c;
}

}  // namespace

std::vector<OnnxOp> dense_onnx_ops() { return {{"Gemm", lower_gemm}, {"MatMul", lower_matmul}}; }

std::vector<LayerOp> dense_layer_ops() {
  return {{"Dense", assign_dense_types, describe_dense, weight_row_bound, emit_dense, dense_weights,
           dense_cost}};
}

}  // namespace nngen::ops
