// Element-wise activations: Relu (exact), Sigmoid and Tanh (tables).
#include <cmath>

#include "ops/op.h"
#include "ops/table_function.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// Grids: sigmoid saturates to within 3.4e-4 beyond +-8, tanh to within 6.8e-4
// beyond +-4; the steps (1/64, 1/128) keep the table error below the default
// output resolution of 2^-10 (docs/precision.md).
constexpr TableGrid kSigmoidGrid{-8, 8, 64};
constexpr TableGrid kTanhGrid{-4, 4, 128};

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void lower_elementwise(LowerContext& ctx, const ir::Node& node) {
  if (node.inputs.size() != 1 || node.outputs.size() != 1) {
    fail_input(ctx.graph.source + ": " + node.label() + " must have one input and one output");
  }
  expect_chain_input(ctx, node, node.inputs[0]);
  ir::Node a;
  a.op = node.op;
  a.name = "act" + std::to_string(ctx.layers.size());
  a.inputs = {ctx.current};
  a.outputs = node.outputs;
  a.attrs["onnx_node"] = node.name;
  a.attrs["n"] = product(ctx.current_shape);
  ctx.layers.push_back(std::move(a));
  ctx.current = node.outputs[0];
}

void assign_relu(ir::Node& n, const ir::FixedType& in, const BuildOptions&) {
  n.types = {{"in", in}, {"out", in}};  // max(x, 0) is exact in the input type
}

void assign_table(ir::Node& n, const ir::FixedType& in, const BuildOptions& opt) {
  n.types = {{"in", in}, {"out", opt.data_type}};
}

std::string describe(const ir::Node& n) {
  std::string op = n.op;
  for (auto& c : op) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return op + " n=" + std::to_string(n.attr_int("n", 0)) + " in=" + n.types.at("in").cpp() +
         " out=" + n.types.at("out").cpp();
}

std::string common_config(const ir::Node& n, const BuildOptions& opt) {
  return "// " + describe(n) + "\nstruct " + layer_name(n) + "_cfg {\n" +
         "  static const unsigned n = " + std::to_string(n.attr_int("n", 0)) + ";\n" +
         "  static const unsigned max_batch = " + std::to_string(opt.max_batch) + ";\n" +
         "  typedef " + n.types.at("in").cpp() + " in_t;\n" + "  typedef " + n.types.at("out").cpp() + " out_t;\n";
}

HlsCode emit_relu(const ir::Graph&, const ir::Node& n, const std::string& in_s, const std::string& out_s,
                  const BuildOptions& opt) {
  HlsCode c;
  c.config = common_config(n, opt) + "};\n";
  c.call = "nnhls::relu<" + layer_name(n) + "_cfg>(" + in_s + ", " + out_s + ", batch);";
  return c;
}

HlsCode emit_table(const ir::Node& n, const std::string& in_s, const std::string& out_s, const BuildOptions& opt,
                   const TableGrid& grid, double (*f)(double)) {
  const std::string cfg = layer_name(n) + "_cfg";
  HlsCode c;
  c.config = common_config(n, opt) + table_config_members(n.types.at("in"), grid) +
             "  static const out_t table[" + std::to_string(grid.size()) + "];\n};\n";
  c.storage = table_definition(cfg, cfg + "::out_t", grid, f);
  c.call = "nnhls::table_activation<" + cfg + ">(" + in_s + ", " + out_s + ", batch);";
  return c;
}

HlsCode emit_sigmoid(const ir::Graph&, const ir::Node& n, const std::string& in_s, const std::string& out_s,
                     const BuildOptions& opt) {
  return emit_table(n, in_s, out_s, opt, kSigmoidGrid, sigmoid);
}

HlsCode emit_tanh(const ir::Graph&, const ir::Node& n, const std::string& in_s, const std::string& out_s,
                  const BuildOptions& opt) {
  return emit_table(n, in_s, out_s, opt, kTanhGrid, [](double x) { return std::tanh(x); });
}

}  // namespace

std::vector<OnnxOp> activation_onnx_ops() {
  return {{"Relu", lower_elementwise}, {"Sigmoid", lower_elementwise}, {"Tanh", lower_elementwise}};
}

std::vector<LayerOp> activation_layer_ops() {
  return {{"Relu", assign_relu, describe, emit_relu, no_weights},
          {"Sigmoid", assign_table, describe, emit_sigmoid, no_weights},
          {"Tanh", assign_table, describe, emit_tanh, no_weights}};
}

}  // namespace nngen::ops
