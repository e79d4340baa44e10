// Pass assign-precision: the input is converted to the data type; each layer
// then picks its own types from the type of what it receives (an op's typing
// rules live with the op, in ops/*.cpp).
#include "passes/pipeline.h"

namespace nngen::passes {

void assign_precision(Design& d) {
  ir::FixedType current = d.options.data_type;
  for (ir::Node& n : d.graph.nodes) {
    ops::layer_op(n).assign_types(n, current, d.options);
    current = n.types.at("out");
  }
}

}  // namespace nngen::passes
