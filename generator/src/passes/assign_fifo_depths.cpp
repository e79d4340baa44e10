// Pass assign-fifo-depths (stream mode): the depth of every FIFO between dataflow processes.
//  - configured (--config fifo_depths): as given;
//  - measured (--fifo-depths auto): the maximum occupancy a profiled C simulation recorded,
//    plus a safety margin of max(2, occupancy / 8) elements: the simulation's timing is a model
//    (docs/cnn.md "FIFO depths"), the margin absorbs what it does not capture;
//  - otherwise one sample of the tensor (at least 2): no process of nnaccel's layer library
//    needs more, since each consumes a sample before it must produce the next one's data.
#include "ops/op.h"
#include "passes/pipeline.h"

namespace nngen::passes {

int64_t measured_depth(int64_t occupancy) {
  return occupancy + std::max<int64_t>(2, occupancy / 8);
}

void assign_fifo_depths(Design& d) {
  d.fifos.clear();
  if (d.options.io != "stream") return;
  auto add = [&](const std::string& stream, int64_t elements, int bits) {
    Fifo f;
    f.stream = "s_" + stream;
    f.elements = elements;
    f.element_bits = bits;
    if (auto c = d.options.fifo_depths.find(f.stream); c != d.options.fifo_depths.end()) {
      f.depth = c->second;
      f.rule = "configured";
    } else if (auto m = d.options.fifo_occupancy.find(f.stream);
               m != d.options.fifo_occupancy.end()) {
      f.occupancy = m->second;
      f.depth = measured_depth(m->second);
      f.rule = "measured";
    } else {
      f.depth = std::max<int64_t>(elements, 2);
      f.rule = "one sample";
    }
    d.fifos.push_back(f);
  };
  add("input", d.input_size, d.input_type.width);
  for (const ir::Node& n : d.graph.nodes) {
    for (const std::string& o : n.outputs) add(o, ops::out_size(n), n.types.at("out").width);
  }
}

}  // namespace nngen::passes
