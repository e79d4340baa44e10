// Softmax over the per-sample vector (see nn_softmax.h for the arithmetic).
#include <cmath>

#include "ops/cost.h"
#include "ops/op.h"
#include "ops/table_function.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// exp over [-8, 0] in steps of 1/128: below -8 the term is < 3.4e-4.
constexpr TableGrid kExpGrid{-8, 0, 128};
const ir::FixedType kExpType{false, 18, 1, "AP_RND_CONV", "AP_SAT"};

void lower_softmax(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  const Activation a = ctx.act(node, 0);
  // Full shape = [batch] + per-sample shape. Opset 13+ normalizes along `axis` (default -1)
  // alone; the front end upgrades older models, whose Softmax flattened from `axis`, to opset 13
  // (the ONNX converter rewrites such a Softmax into Flatten, Softmax(axis=-1), Reshape). So the
  // softmax covers the whole sample iff every other per-sample dimension is 1.
  if (ctx.graph.opset < 13) {
    fail_internal(src + ": " + node.label() + ": the front end left the model at opset " +
                  std::to_string(ctx.graph.opset) + " (it upgrades to 13)");
  }
  const int64_t rank = static_cast<int64_t>(a.shape.size()) + 1;
  int64_t axis = node.attr_int("axis", -1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) {
    fail_input(src + ": " + node.label() + ": axis " + std::to_string(node.attr_int("axis", -1)) +
               " is out of range for a rank-" + std::to_string(rank) + " tensor");
  }
  if (axis == 0) {
    fail_input(src + ": " + node.label() + ": axis " + std::to_string(node.attr_int("axis", -1)) +
               " would normalize across the batch; nnaccel supports softmax over each sample");
  }
  bool covers_sample = true;
  for (int64_t d = 1; d < rank; ++d) {
    if (d != axis && a.shape[static_cast<size_t>(d - 1)] != 1) covers_sample = false;
  }
  if (!covers_sample) {
    fail_input(src + ": " + node.label() + " over axis " + std::to_string(axis) +
               " of per-sample shape " + shape_str(a.shape) +
               " normalizes groups within a sample; nnaccel supports one "
               "softmax over the whole sample vector");
  }
  // Softmax over the whole sample does not care about the element order: it is kept.
  ir::Node& s =
      ctx.add_layer("Softmax", "softmax", node, {a.stream}, node.outputs.at(0), a.shape, false);
  s.attrs["n"] = product(a.shape);
  ctx.acts[node.outputs.at(0)].map = a.map;
}

void assign_softmax(ir::Node& n, const std::vector<ir::FixedType>& ins, const ir::FixedType& out,
                    const BuildOptions&) {
  const ir::FixedType& in = ins.at(0);
  const int64_t count = n.attr_int("n", 1);
  ir::FixedType diff{true, in.width + 1, in.int_bits + 1, "AP_TRN", "AP_WRAP"};  // x - max, exact
  const int grow = ceil_log2(count);
  ir::FixedType sum{false, kExpType.width + grow, kExpType.int_bits + grow, "AP_TRN",
                    "AP_WRAP"};  // exact
  n.types = {{"in", in}, {"diff", diff}, {"exp", kExpType}, {"sum", sum}, {"out", out}};
}

std::string describe_softmax(const ir::Node& n) {
  return "softmax n=" + std::to_string(n.attr_int("n", 0)) + " in=" + n.types.at("in").cpp() +
         " exp=" + n.types.at("exp").cpp() + " sum=" + n.types.at("sum").cpp() +
         " out=" + n.types.at("out").cpp();
}

double bound_softmax(const ir::Graph&, const ir::Node&, const std::vector<double>&) { return 1.0; }

HlsCode emit_softmax(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const std::string cfg = layer_name(n) + "_cfg";
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n", n.attr_int("n", 0)) +
             cfg_type("diff_t", n.types.at("diff")) + cfg_type("exp_t", n.types.at("exp")) +
             cfg_type("sum_t", n.types.at("sum")) +
             table_config_members(n.types.at("diff"), kExpGrid) + "  static const exp_t table[" +
             std::to_string(kExpGrid.size()) + "];\n};\n";
  c.storage =
      table_definition(cfg, cfg + "::exp_t", kExpGrid, [](double x) { return std::exp(x); });
  c.function = "nnhls::softmax";
  return c;
}

// nn_softmax.h: three passes over the n values at II = 1 (maximum while reading, table and sum,
// division); buffers x[n] and e[n]; the exp table is a ROM; the division a divider in LUTs.
LayerCost softmax_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int64_t count = n.attr_int("n", 0);
  const bool stream = opt.io == "stream";
  LayerCost c = cost::elementwise(opt, stream ? 3 * count : 3 * count - 1, 0, 0, 0);
  c.bram18k_buffers = cost::bram18k(count, n.types.at("exp").width) +
                      cost::bram18k(kExpGrid.size(), n.types.at("exp").width) +
                      (stream ? cost::bram18k(count, n.types.at("in").width) : 0);
  c.note = "exp table ROM; divider in LUTs";
  return c;
}

}  // namespace

std::vector<OnnxOp> softmax_onnx_ops() { return {{"Softmax", lower_softmax}}; }

std::vector<LayerOp> softmax_layer_ops() {
  return {{"Softmax", assign_softmax, describe_softmax, bound_softmax, emit_softmax, no_weights,
           softmax_cost}};
}

}  // namespace nngen::ops
