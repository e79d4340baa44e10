// Layers the lowering inserts, not written in the model: Transpose2d (the stream is a
// [rows][cols] matrix, written out as [cols][rows]: turns NCHW input into channel-last and
// back) and, in stream mode, Split (a stream read by two layers is copied into two FIFOs).
#include "ops/cost.h"
#include "ops/op.h"

namespace nngen::ops {
namespace {

void assign_same(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType&,
                 const BuildOptions&) {
  n.types = {{"in", in.at(0)}, {"out", in.at(0)}};  // data is only moved
}

double bound_same(const ir::Graph&, const ir::Node&, const std::vector<double>& in) {
  return in.at(0);
}

std::string describe_transpose(const ir::Node& n) {
  return "transpose2d rows=" + std::to_string(n.attr_int("rows", 0)) +
         " cols=" + std::to_string(n.attr_int("cols", 0)) + " type=" + n.types.at("in").cpp();
}

HlsCode emit_transpose(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("rows", n.attr_int("rows", 0)) +
             cfg_uint("cols", n.attr_int("cols", 0)) + "};\n";
  c.function = "nnhls::transpose2d";
  return c;
}

std::string describe_split(const ir::Node& n) {
  return "split n=" + std::to_string(out_size(n)) + " type=" + n.types.at("in").cpp();
}

HlsCode emit_split(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n", out_size(n)) + "};\n";
  c.function = "nnhls::split";
  return c;
}

// nn_reorder.h: the stream form stores a whole sample (rows * cols cycles) in a buffer, then
// writes it transposed (rows * cols cycles); the array form reads its input array in place.
LayerCost transpose_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int64_t size = n.attr_int("rows", 0) * n.attr_int("cols", 0);
  const bool stream = opt.io == "stream";
  LayerCost c = cost::elementwise(opt, stream ? 2 * size : size, 0, 0, 0);
  if (stream) {
    c.bram18k_buffers = cost::bram18k(size, n.types.at("in").width);
    c.note = "sample buffer";
  }
  return c;
}

LayerCost split_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return cost::elementwise(opt, out_size(n), 0, 0, 0);
}

}  // namespace

std::vector<LayerOp> reorder_layer_ops() {
  return {{"Transpose2d", assign_same, describe_transpose, bound_same, emit_transpose, no_weights,
           transpose_cost},
          {"Split", assign_same, describe_split, bound_same, emit_split, no_weights, split_cost}};
}

}  // namespace nngen::ops
