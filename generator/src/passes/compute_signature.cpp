// Pass compute-signature: the architecture text lists everything that is
// fixed in the bitstream (bus format, shapes, layers and their types, weight
// layout); the signature is its FNV-1a hash. Weight *values* are not in it:
// that is what makes weights reprogrammable (docs/signature.md).
#include "passes/pipeline.h"
#include "support/hash.h"

namespace nngen::passes {

void compute_signature(Design& d) {
  std::string a = "nnaccel-architecture 1\nbus float32\n";
  a += "io " + d.options.io + "\n";
  a += "input " + ops::shape_str(d.graph.input_sample_shape) + " " + d.input_type.cpp() + "\n";
  int index = 0;
  std::string previous = "input";
  for (const ir::Node& n : d.graph.nodes) {
    a += "layer " + std::to_string(index++) + " " + ops::layer_op(n).describe(n);
    // The wiring, where it is not simply the layer before.
    if (n.inputs != std::vector<std::string>{previous} || n.outputs.size() != 1) {
      a += " reads";
      for (const std::string& i : n.inputs) a += " " + i;
      a += " writes";
      for (const std::string& o : n.outputs) a += " " + o;
    }
    a += "\n";
    previous = n.outputs.at(0);
  }
  a += "result " + d.output_stream + "\n";
  for (const Fifo& f : d.fifos)
    a += "fifo " + f.stream + " depth=" + std::to_string(f.depth) + "\n";
  for (const WeightEntry& w : d.weights) {
    a += "weights " + w.storage + " offset=" + std::to_string(w.offset) +
         " count=" + std::to_string(w.count) + " dims=" + ops::shape_str(w.dims) + "\n";
  }
  a += "output " + ops::shape_str(d.output_sample_shape) + "\n";
  d.architecture = a;
  d.signature = fnv1a32(a);
}

}  // namespace nngen::passes
