// Layers with two activation inputs: a residual Add (equal shapes) and a channel Concat.
// Both inputs must arrive in the same element order: channel-last for spatial tensors,
// row-major for vectors (a reorder is inserted where needed).
#include "ops/cost.h"
#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

bool spatial(const Activation& a) { return a.shape.size() >= 2 && product(a.shape) != a.shape[0]; }

Activation in_common_order(LowerContext& ctx, const ir::Node& node, size_t index) {
  const Activation a = ctx.act(node, index);
  return spatial(a) ? ctx.channel_last(node, a) : ctx.row_major(node, a);
}

void lower_concat(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() < 2) {
    // One input: a copy.
    Activation a = ctx.act(node, 0);
    a.onnx_tensor = node.outputs.at(0);
    return ctx.alias(node.outputs.at(0), std::move(a));
  }
  const Activation first = ctx.act(node, 0);
  const int64_t rank = static_cast<int64_t>(first.shape.size()) + 1;
  int64_t axis = node.attr_int("axis", 1);
  if (axis < 0) axis += rank;
  if (axis != 1) {
    fail_input(src + ": " + node.label() + ": axis " + std::to_string(node.attr_int("axis", 1)) +
               " of a rank-" + std::to_string(rank) +
               " tensor; nnaccel concatenates along the channels (axis 1) only");
  }
  Activation acc = in_common_order(ctx, node, 0);
  for (size_t k = 1; k < node.inputs.size(); ++k) {
    const Activation b = in_common_order(ctx, node, k);
    const Activation a = ctx.acts.at(acc.onnx_tensor);  // may have been reordered meanwhile
    if (a.shape.size() != b.shape.size() ||
        !std::equal(a.shape.begin() + 1, a.shape.end(), b.shape.begin() + 1)) {
      fail_input(src + ": " + node.label() + ": input '" + node.inputs[k] + "' has shape " +
                 shape_str(b.shape) + ", which does not match " + shape_str(a.shape) +
                 " outside the channel axis");
    }
    std::vector<int64_t> shape = a.shape;
    shape[0] = a.shape[0] + b.shape[0];
    const bool last = k + 1 == node.inputs.size();
    const std::string out =
        last ? node.outputs.at(0) : node.outputs.at(0) + "#" + std::to_string(k);
    ir::Node& l =
        ctx.add_layer("Concat", "concat", node, {a.stream, b.stream}, out, shape, spatial(a));
    l.attrs["n_pix"] = product(a.shape) / a.shape[0];
    l.attrs["ch0"] = a.shape[0];
    l.attrs["ch1"] = b.shape[0];
    acc = ctx.acts.at(out);
  }
}

void assign_two(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                const BuildOptions&) {
  n.types = {{"in0", in.at(0)}, {"in1", in.at(1)}, {"out", out}};
}

std::string describe_add(const ir::Node& n) {
  return "add n=" + std::to_string(out_size(n)) + " in0=" + n.types.at("in0").cpp() +
         " in1=" + n.types.at("in1").cpp() + " out=" + n.types.at("out").cpp();
}

double bound_add(const ir::Graph&, const ir::Node&, const std::vector<double>& in) {
  return in.at(0) + in.at(1);
}

std::string two_inputs_head(const ir::Node& n, const BuildOptions& opt) {
  return config_head(n, opt) + cfg_type("in0_t", n.types.at("in0")) +
         cfg_type("in1_t", n.types.at("in1"));
}

HlsCode emit_add(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = two_inputs_head(n, opt) + cfg_uint("n", out_size(n)) + "};\n";
  c.function = "nnhls::add";
  return c;
}

std::string describe_concat(const ir::Node& n) {
  return "concat n_pix=" + std::to_string(n.attr_int("n_pix", 0)) +
         " ch0=" + std::to_string(n.attr_int("ch0", 0)) +
         " ch1=" + std::to_string(n.attr_int("ch1", 0)) + " in0=" + n.types.at("in0").cpp() +
         " in1=" + n.types.at("in1").cpp() + " out=" + n.types.at("out").cpp();
}

double bound_concat(const ir::Graph&, const ir::Node&, const std::vector<double>& in) {
  return std::max(in.at(0), in.at(1));
}

HlsCode emit_concat(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = two_inputs_head(n, opt) + cfg_uint("n_pix", n.attr_int("n_pix", 0)) +
             cfg_uint("ch0", n.attr_int("ch0", 0)) + cfg_uint("ch1", n.attr_int("ch1", 0)) + "};\n";
  c.function = "nnhls::concat";
  return c;
}

// nn_merge.h: one output value per cycle, no multipliers.
LayerCost merge_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return cost::elementwise(opt, out_size(n), 0, 0, 0);
}

}  // namespace

void lower_residual_add(LowerContext& ctx, const ir::Node& node) {
  const Activation a0 = ctx.act(node, 0), a1 = ctx.act(node, 1);
  if (a0.shape != a1.shape) {
    fail_input(ctx.graph.source + ": " + node.label() + " adds activations of shapes " +
               shape_str(a0.shape) + " and " + shape_str(a1.shape) +
               "; nnaccel adds activations of equal shapes only (no broadcasting)");
  }
  const Activation a = in_common_order(ctx, node, 0);
  const Activation b = in_common_order(ctx, node, 1);
  const Activation a2 = ctx.acts.at(a.onnx_tensor);  // b's reorder cannot move a, but be exact
  ir::Node& l = ctx.add_layer("Add", "add", node, {a2.stream, b.stream}, node.outputs.at(0),
                              a.shape, spatial(a));
  (void)l;
}

std::vector<OnnxOp> merge_onnx_ops() { return {{"Concat", lower_concat}}; }

std::vector<LayerOp> merge_layer_ops() {
  return {
      {"Add", assign_two, describe_add, bound_add, emit_add, no_weights, merge_cost},
      {"Concat", assign_two, describe_concat, bound_concat, emit_concat, no_weights, merge_cost}};
}

}  // namespace nngen::ops
