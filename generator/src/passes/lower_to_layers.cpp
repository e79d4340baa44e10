// Pass lower-to-layers: checks every ONNX node is supported, then walks the graph in
// topological order. A node whose inputs are all constants is evaluated now (constant folding:
// e.g. a weight reshaped by a graph node); every other node lowers itself into layer nodes
// (ops/*.cpp). The result is a DAG of layers from the input stream to the output stream.
#include "eval/executor.h"
#include "ops/op.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace nngen::passes {
namespace {

bool all_inputs_constant(const ir::Graph& g, const ir::Node& n) {
  if (n.op == "Constant") return false;  // lowered directly: it defines a constant
  for (const std::string& i : n.inputs) {
    if (!i.empty() && !(g.has_tensor(i) && g.tensor(i).is_constant)) return false;
  }
  return !n.inputs.empty();
}

void fold_constant_node(ir::Graph& g, const ir::Node& n) {
  std::vector<eval::Value> values;
  std::vector<const eval::Value*> inputs;
  values.reserve(n.inputs.size());
  for (const std::string& i : n.inputs) {
    if (i.empty()) {
      values.push_back({});
      continue;
    }
    const ir::Tensor& t = g.tensor(i);
    eval::Value v;
    v.shape = t.shape;
    v.data.assign(t.data.begin(), t.data.end());
    values.push_back(std::move(v));
  }
  for (size_t k = 0; k < n.inputs.size(); ++k)
    inputs.push_back(n.inputs[k].empty() ? nullptr : &values[k]);
  std::vector<eval::Value> out = eval::eval_node(g, n, inputs);
  for (size_t k = 0; k < n.outputs.size() && k < out.size(); ++k) {
    if (n.outputs[k].empty()) continue;
    ir::Tensor t;
    t.name = n.outputs[k];
    t.shape = out[k].shape;
    t.elem_type = "float";
    t.is_constant = true;
    t.data.assign(out[k].data.begin(), out[k].data.end());
    g.tensors[t.name] = std::move(t);
  }
}

}  // namespace

void lower_to_layers(Design& d) {
  ir::Graph& g = d.graph;
  // All unsupported ops are reported before anything else, naming the first (a node computing
  // only constants may use any op the constant folder knows).
  for (const ir::Node& n : g.nodes) {
    if (!ops::find_onnx_op(n.op) && !(all_inputs_constant(g, n) && eval::supports(n.op))) {
      fail_input(g.source + ": " + n.label() +
                 " is not supported by nnaccel; supported ops: " + ops::supported_onnx_ops());
    }
  }
  ops::LowerContext ctx{g, {}, {}, 0};
  ctx.acts[g.input] = ops::Activation{"input", g.input_sample_shape, {}, g.input};
  for (const ir::Node& n : g.nodes) {
    if (all_inputs_constant(g, n)) {
      fold_constant_node(g, n);
    } else {
      ops::find_onnx_op(n.op)->lower(ctx, n);
    }
  }
  if (!ctx.is_activation(g.output)) {
    fail_input(g.source + ": the output '" + g.output + "' does not depend on the input '" +
               g.input + "'");
  }
  // The driver reads the output in the model's (row-major) order.
  ir::Node out_node;
  out_node.op = "output";
  out_node.name = g.output;
  const ops::Activation out = ctx.row_major(out_node, ctx.acts.at(g.output));
  if (ctx.layers.empty()) fail_input(g.source + ": the model has no layer to accelerate");
  if (out.stream == "input")
    fail_input(g.source + ": the output is the input; nothing to accelerate");
  // Layers whose output nobody reads (a dead branch) are dropped, last first.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = ctx.layers.size(); i-- > 0;) {
      const std::string s = ctx.layers[i].outputs.at(0);
      bool used = s == out.stream;
      for (const ir::Node& l : ctx.layers) {
        for (const std::string& in : l.inputs) used = used || in == s;
      }
      if (!used) {
        ctx.layers.erase(ctx.layers.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
      }
    }
  }
  // What we computed must be what the model declares (batch excluded).
  const ir::Tensor& declared_t = g.tensor(g.output);
  if (declared_t.shape.size() > 1) {
    const std::vector<int64_t> declared(declared_t.shape.begin() + 1, declared_t.shape.end());
    bool known = true;
    for (int64_t dim : declared) known = known && dim >= 0;
    if (known && ops::product(declared) != ops::product(out.shape)) {
      fail_input(g.source + ": the output '" + g.output + "' is declared with " +
                 ops::shape_str(declared) + " per sample, but the layers produce " +
                 ops::shape_str(out.shape));
    }
  }
  d.output_stream = out.stream;
  g.nodes = std::move(ctx.layers);
  d.input_size = static_cast<uint32_t>(ops::product(g.input_sample_shape));
  d.output_sample_shape = out.shape;
  d.output_size = static_cast<uint32_t>(ops::product(out.shape));
}

}  // namespace nngen::passes
