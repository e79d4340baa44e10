// Pass insert-splits (stream mode): a FIFO has one reader, so a stream read by k > 1 layers
// (a residual branch, a Concat of two branches of one tensor) gets a chain of k - 1 Split
// layers, each copying its input to two FIFOs. In parallel mode arrays are read as often as
// needed and nothing is inserted.
#include "ops/op.h"
#include "passes/pipeline.h"

namespace nngen::passes {

void insert_splits(Design& d) {
  if (d.options.io != "stream") return;
  std::vector<ir::Node>& layers = d.graph.nodes;
  int next = 0;
  std::vector<std::string> streams = {"input"};
  for (const ir::Node& l : layers) streams.push_back(l.outputs.at(0));
  for (const std::string& s : streams) {
    // Readers in order: (layer index, input slot); -1 is the output writer.
    std::vector<std::pair<int, size_t>> readers;
    for (size_t i = 0; i < layers.size(); ++i) {
      for (size_t k = 0; k < layers[i].inputs.size(); ++k) {
        if (layers[i].inputs[k] == s) readers.emplace_back(static_cast<int>(i), k);
      }
    }
    if (s == d.output_stream) readers.emplace_back(-1, 0);
    if (readers.size() < 2) continue;
    // Insert after the producer (or first, for the input).
    size_t at = 0;
    int64_t size = d.input_size;
    std::string onnx_tensor = d.graph.input;
    for (size_t i = 0; i < layers.size(); ++i) {
      if (layers[i].outputs.at(0) == s) {
        at = i + 1;
        size = ops::out_size(layers[i]);
        onnx_tensor = layers[i].attr_string("onnx_tensor", "");
      }
    }
    std::vector<ir::Node> splits;
    std::string from = s;
    for (size_t r = 0; r + 1 < readers.size(); ++r) {
      ir::Node sp;
      sp.op = "Split";
      sp.name = "split" + std::to_string(next++);
      sp.inputs = {from};
      sp.outputs = {sp.name + "_0", sp.name + "_1"};
      sp.attrs["in_size"] = size;
      sp.attrs["out_size"] = size;
      sp.attrs["onnx_tensor"] = onnx_tensor;
      sp.attrs["onnx_node"] = std::string("(fan-out of ") + s + ")";
      splits.push_back(sp);
      from = sp.outputs[1];
    }
    // Reader r takes split r's first copy; the last reader takes the last split's second copy.
    for (size_t r = 0; r < readers.size(); ++r) {
      const std::string copy =
          r + 1 < readers.size() ? splits[r].outputs[0] : splits.back().outputs[1];
      if (readers[r].first < 0) {
        d.output_stream = copy;
      } else {
        layers[static_cast<size_t>(readers[r].first)].inputs[readers[r].second] = copy;
      }
    }
    layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(at), splits.begin(), splits.end());
  }
}

}  // namespace nngen::passes
