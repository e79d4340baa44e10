#include <cstdio>

#include "passes/pipeline.h"
#include "support/text.h"

namespace nngen::passes {

std::string print_ir(const Design& d) {
  const ir::Graph& g = d.graph;
  std::string s = "graph '" + g.source + "' opset " + std::to_string(g.opset) + "\n";
  s += "  input " + g.input + " " + ops::shape_str(g.input_sample_shape) + " batch=" +
       (g.batch.symbolic ? "symbolic(" + g.batch.symbol + ")" : std::to_string(g.batch.fixed)) +
       "\n";
  for (const ir::Node& n : g.nodes) {
    s += "  " + n.name + " = " + n.op + "(";
    for (size_t i = 0; i < n.inputs.size(); ++i) s += (i ? ", " : "") + n.inputs[i];
    s += ")";
    for (const auto& [k, v] : n.attrs) {
      if (auto i = std::get_if<int64_t>(&v)) s += " " + k + "=" + std::to_string(*i);
      if (auto str = std::get_if<std::string>(&v)) s += " " + k + "='" + *str + "'";
    }
    for (const auto& [k, t] : n.types) s += " " + k + ":" + t.cpp();
    s += "\n";
  }
  s += "  output " + g.output + "\n";
  if (!d.weights.empty()) {
    for (const auto& w : d.weights) {
      s += "  weight " + w.storage + " <- '" + w.name + "' offset=" + std::to_string(w.offset) +
           " count=" + std::to_string(w.count) + "\n";
    }
  }
  if (d.signature) {
    s += "  signature " + hex32(d.signature) + "\n";
  }
  return s;
}

}  // namespace nngen::passes
