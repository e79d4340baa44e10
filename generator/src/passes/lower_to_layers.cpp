// Pass lower-to-layers: checks every ONNX node is supported, then walks the
// chain from the input and lets each op lower itself into layer nodes.
#include "ops/op.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace nngen::passes {

void lower_to_layers(Design& d) {
  ir::Graph& g = d.graph;
  // All unsupported ops are reported before anything else, naming the first.
  for (const ir::Node& n : g.nodes) {
    if (!ops::find_onnx_op(n.op)) {
      fail_input(g.source + ": " + n.label() + " is not supported by nnaccel; supported ops: " +
                 ops::supported_onnx_ops());
    }
  }
  ops::LowerContext ctx{g, g.input, g.input_sample_shape, {}};
  for (const ir::Node& n : g.nodes) ops::find_onnx_op(n.op)->lower(ctx, n);
  if (ctx.current != g.output) {
    fail_input(g.source + ": the chain of layers ends at '" + ctx.current + "', not at the graph output '" +
               g.output + "'");
  }
  if (ctx.layers.empty()) fail_input(g.source + ": the model has no layer to accelerate");
  // What we computed must be what the model declares (batch excluded).
  const ir::Tensor& out = g.tensor(g.output);
  if (out.shape.size() > 1) {
    const std::vector<int64_t> declared(out.shape.begin() + 1, out.shape.end());
    bool known = true;
    for (int64_t dim : declared) known = known && dim >= 0;
    if (known && ops::product(declared) != ops::product(ctx.current_shape)) {
      fail_input(g.source + ": the output '" + g.output + "' is declared with " + ops::shape_str(declared) +
                 " per sample, but the layers produce " + ops::shape_str(ctx.current_shape));
    }
  }
  g.nodes = std::move(ctx.layers);
  d.input_size = static_cast<uint32_t>(ops::product(g.input_sample_shape));
  d.output_sample_shape = ctx.current_shape;
  d.output_size = static_cast<uint32_t>(ops::product(ctx.current_shape));
}

}  // namespace nngen::passes
