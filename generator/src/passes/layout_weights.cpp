// Pass layout-weights: the weight image is every layer's weight tensors, in
// layer order, each in its on-chip order, back to back (docs/nnw-format.md).
#include <cstring>

#include "passes/pipeline.h"
#include "support/error.h"

namespace nngen::passes {

void layout_weights(Design& d) {
  d.weights.clear();
  uint64_t offset = 0;
  for (const ir::Node& n : d.graph.nodes) {
    for (const ops::WeightTensor& w : ops::layer_op(n).weights(d.graph, n)) {
      WeightEntry e;
      e.name = w.name;
      e.storage = w.storage;
      e.element_type = ops::layer_name(n) + "_cfg::" + w.type_key + "_t";
      e.dims = w.dims;
      e.offset = static_cast<uint32_t>(offset);
      e.count = static_cast<uint32_t>(w.values->size());
      e.values = w.values;
      offset += e.count;
      d.weights.push_back(std::move(e));
    }
  }
  if (offset > 0x3FFFFFFFu) fail_input(d.graph.source + ": the weight image exceeds 4 GiB");
  d.weight_words = static_cast<uint32_t>(offset);
}

std::vector<uint32_t> weight_image_words(const Design& d) {
  std::vector<uint32_t> words(d.weight_words);
  for (const WeightEntry& w : d.weights) {
    std::memcpy(&words[w.offset], w.values->data(), sizeof(float) * w.count);
  }
  return words;
}

}  // namespace nngen::passes
