// Layers the lowering inserts, not written in the model: Transpose2d (the stream is a
// [rows][cols] matrix, written out as [cols][rows]: turns NCHW input into channel-last and
// back) and, in stream mode, Split (a stream read by two layers is copied into two FIFOs).
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

}  // namespace

std::vector<LayerOp> reorder_layer_ops() {
  return {{"Transpose2d", assign_same, describe_transpose, bound_same, emit_transpose, no_weights},
          {"Split", assign_same, describe_split, bound_same, emit_split, no_weights}};
}

}  // namespace nngen::ops
