// Element-wise activations: Relu and Clip (exact), LeakyRelu (one product), HardSigmoid
// (a clamped affine function), Sigmoid and Tanh (tables), Elu and Selu (a table for x < 0,
// linear above). Tables are computed here in double precision and emitted as constants
// (nn_activation.h).
#include <cmath>
#include <limits>

#include "ops/cost.h"
#include "ops/op.h"
#include "ops/table_function.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// Grids: sigmoid saturates to within 3.4e-4 beyond +-8, tanh to within 6.8e-4
// beyond +-4; the steps (1/64, 1/128) keep the table error below the default
// output resolution of 2^-10 (docs/precision.md). exp(x) - 1 for x < -8 is within 3.4e-4 of -1.
constexpr TableGrid kSigmoidGrid{-8, 8, 64};
constexpr TableGrid kTanhGrid{-4, 4, 128};
constexpr TableGrid kExpm1Grid{-8, 0, 64};
constexpr double kSeluAlpha = 1.67326319217681884765625;
constexpr double kSeluGamma = 1.05070102214813232421875;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void lower_elementwise(LowerContext& ctx, const ir::Node& node) {
  if (node.outputs.size() != 1) {
    fail_input(ctx.graph.source + ": " + node.label() + " must have one output");
  }
  const Activation a = ctx.act(node, 0);
  std::string prefix = node.op;
  for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ir::Node& l = ctx.add_layer(node.op, prefix, node, {a.stream}, node.outputs[0], a.shape, false);
  l.attrs["n"] = product(a.shape);
  if (node.op == "LeakyRelu") l.attrs["alpha"] = exact_double(node.attr_float("alpha", 0.01f));
  if (node.op == "Elu") l.attrs["alpha"] = exact_double(node.attr_float("alpha", 1.f));
  if (node.op == "Selu") {
    l.attrs["alpha"] = exact_double(node.attr_float("alpha", static_cast<float>(kSeluAlpha)));
    l.attrs["gamma"] = exact_double(node.attr_float("gamma", static_cast<float>(kSeluGamma)));
  }
  if (node.op == "HardSigmoid") {
    l.attrs["alpha"] = exact_double(node.attr_float("alpha", 0.2f));
    l.attrs["beta"] = exact_double(node.attr_float("beta", 0.5f));
  }
  if (node.op == "Clip") {
    double lo = -std::numeric_limits<double>::infinity(), hi = -lo;
    for (size_t k : {size_t{1}, size_t{2}}) {
      if (k < node.inputs.size() && !node.inputs[k].empty()) {
        const ir::Tensor& t = constant_input(ctx.graph, node, k, k == 1 ? "min" : "max");
        if (t.data.size() != 1)
          fail_input(ctx.graph.source + ": " + node.label() + ": '" + t.name +
                     "' must be a scalar");
        (k == 1 ? lo : hi) = t.data[0];
      }
    }
    if (lo > hi) fail_input(ctx.graph.source + ": " + node.label() + ": min is greater than max");
    l.attrs["lo"] = exact_double(lo);
    l.attrs["hi"] = exact_double(hi);
  }
  ctx.acts[node.outputs[0]].map = a.map;  // element-wise: same order
}

double param(const ir::Node& n, const char* key) { return std::stod(n.attr_string(key, "0")); }

// An ap_fixed that holds `v` with 16 fraction bits (the parameters of LeakyRelu, HardSigmoid...).
ir::FixedType param_type(double v) {
  const int i = std::max(2, ceil_log2(static_cast<int64_t>(std::ceil(std::fabs(v))) + 1) + 1);
  return ir::FixedType{true, 16 + i, i, "AP_RND_CONV", "AP_SAT"};
}

std::string param_fn(const char* name, double v) {
  return "  static param_t " + std::string(name) + "() { return param_t(" + exact_double(v) +
         "); }\n";
}

void assign_exact(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType&,
                  const BuildOptions&) {
  n.types = {{"in", in.at(0)},
             {"out", in.at(0)}};  // max/min with constants: exact in the input type
}

void assign_rounded(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                    const BuildOptions&) {
  n.types = {{"in", in.at(0)}, {"out", out}};
}

std::string describe(const ir::Node& n) {
  std::string op = n.op;
  for (auto& c : op) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string s = op + " n=" + std::to_string(n.attr_int("n", 0));
  for (const char* k : {"alpha", "beta", "gamma", "lo", "hi"}) {
    if (n.has_attr(k)) s += std::string(" ") + k + "=" + n.attr_string(k, "");
  }
  return s + " in=" + n.types.at("in").cpp() + " out=" + n.types.at("out").cpp();
}

double bound(const ir::Graph&, const ir::Node& n, const std::vector<double>& in) {
  const double x = in.at(0);
  if (n.op == "Sigmoid" || n.op == "Tanh" || n.op == "HardSigmoid") return 1.0;
  if (n.op == "LeakyRelu") return x * std::max(1.0, std::fabs(param(n, "alpha")));
  if (n.op == "Elu") return std::max(x, std::fabs(param(n, "alpha")));
  if (n.op == "Selu")
    return std::fabs(param(n, "gamma")) * std::max(x, std::fabs(param(n, "alpha")));
  if (n.op == "Clip") {
    return std::min(x, std::max(std::fabs(param(n, "lo")), std::fabs(param(n, "hi"))));
  }
  return x;  // Relu
}

std::string head(const ir::Node& n, const BuildOptions& opt) {
  return config_head(n, opt) + cfg_uint("n", n.attr_int("n", 0));
}

HlsCode emit_relu(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return {head(n, opt) + "};\n", "", "nnhls::relu", ""};
}

HlsCode emit_table(const ir::Node& n, const BuildOptions& opt, const TableGrid& grid,
                   const std::function<double(double)>& f, const std::string& extra,
                   const std::string& function) {
  const std::string cfg = layer_name(n) + "_cfg";
  HlsCode c;
  c.config = head(n, opt) + extra + table_config_members(n.types.at("in"), grid) +
             "  static const out_t table[" + std::to_string(grid.size()) + "];\n};\n";
  c.storage = table_definition(cfg, cfg + "::out_t", grid, f);
  c.function = function;
  return c;
}

HlsCode emit_sigmoid(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return emit_table(n, opt, kSigmoidGrid, sigmoid, "", "nnhls::table_activation");
}

HlsCode emit_tanh(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return emit_table(
      n, opt, kTanhGrid, [](double x) { return std::tanh(x); }, "", "nnhls::table_activation");
}

HlsCode emit_elu_like(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const double alpha = param(n, "alpha"), gamma = n.op == "Selu" ? param(n, "gamma") : 1.0;
  const std::string extra = cfg_type("param_t", param_type(gamma)) + param_fn("gain", gamma);
  return emit_table(
      n, opt, kExpm1Grid, [=](double x) { return gamma * alpha * std::expm1(x); }, extra,
      "nnhls::signed_table_activation");
}

HlsCode emit_leaky(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const double a = param(n, "alpha");
  return {head(n, opt) + cfg_type("param_t", param_type(a)) + param_fn("alpha", a) + "};\n", "",
          "nnhls::leaky_relu", ""};
}

HlsCode emit_hard_sigmoid(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const double a = param(n, "alpha"), b = param(n, "beta");
  const ir::FixedType pt = param_type(std::max(std::fabs(a), std::fabs(b)));
  const ir::FixedType& in = n.types.at("in");
  // alpha * x + beta exactly: product bits plus one for the sum.
  const int i_acc = std::max(in.int_bits + pt.int_bits, pt.int_bits) + 1;
  const int f_acc = std::min(in.frac_bits() + pt.frac_bits(), ir::kMaxFixedWidth - i_acc);
  const ir::FixedType acc{true, i_acc + f_acc, i_acc, "AP_TRN", "AP_WRAP"};
  return {head(n, opt) + cfg_type("param_t", pt) + cfg_type("accum_t", acc) + param_fn("alpha", a) +
              param_fn("beta", b) + "};\n",
          "", "nnhls::hard_sigmoid", ""};
}

HlsCode emit_clip(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  // Infinite bounds become the extremes of the input type (a clamp there changes nothing).
  const ir::FixedType& in = n.types.at("in");
  const double top = std::ldexp(1.0, in.int_bits - 1);
  const double lo = std::max(param(n, "lo"), -top), hi = std::min(param(n, "hi"), top);
  const ir::FixedType pt = param_type(std::max({std::fabs(lo), std::fabs(hi), 1.0}));
  return {head(n, opt) + cfg_type("param_t", pt) + param_fn("lo", lo) + param_fn("hi", hi) + "};\n",
          "", "nnhls::clip", ""};
}

// nn_activation.h: one value per cycle. LeakyRelu, HardSigmoid and Elu/Selu (x * gain()) have
// one multiplier by a param_t constant; Sigmoid, Tanh, Elu and Selu read a table ROM.
LayerCost activation_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int in = n.types.at("in").width, out = n.types.at("out").width;
  const std::string& op = n.op;
  int param_bits = 0;
  if (op == "LeakyRelu") param_bits = param_type(param(n, "alpha")).width;
  if (op == "HardSigmoid") {
    const double a = std::fabs(param(n, "alpha")), b = std::fabs(param(n, "beta"));
    param_bits = param_type(std::max(a, b)).width;
  }
  if (op == "Elu" || op == "Selu") {
    param_bits = param_type(op == "Selu" ? param(n, "gamma") : 1.0).width;
  }
  LayerCost c = cost::elementwise(opt, n.attr_int("n", 0), param_bits ? 1 : 0, in, param_bits);
  int table = 0;
  if (op == "Sigmoid") table = kSigmoidGrid.size();
  if (op == "Tanh") table = kTanhGrid.size();
  if (op == "Elu" || op == "Selu") table = kExpm1Grid.size();
  if (table) {
    c.bram18k_buffers = cost::bram18k(table, out);
    c.note = "table ROM";
  }
  return c;
}

}  // namespace

std::vector<OnnxOp> activation_onnx_ops() {
  std::vector<OnnxOp> ops;
  for (std::string_view op :
       {"Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "HardSigmoid", "Clip"}) {
    ops.push_back({op, lower_elementwise});
  }
  return ops;
}

std::vector<LayerOp> activation_layer_ops() {
  return {{"Relu", assign_exact, describe, bound, emit_relu, no_weights, activation_cost},
          {"Clip", assign_exact, describe, bound, emit_clip, no_weights, activation_cost},
          {"Sigmoid", assign_rounded, describe, bound, emit_sigmoid, no_weights, activation_cost},
          {"Tanh", assign_rounded, describe, bound, emit_tanh, no_weights, activation_cost},
          {"LeakyRelu", assign_rounded, describe, bound, emit_leaky, no_weights, activation_cost},
          {"Elu", assign_rounded, describe, bound, emit_elu_like, no_weights, activation_cost},
          {"Selu", assign_rounded, describe, bound, emit_elu_like, no_weights, activation_cost},
          {"HardSigmoid", assign_rounded, describe, bound, emit_hard_sigmoid, no_weights,
           activation_cost}};
}

}  // namespace nngen::ops
