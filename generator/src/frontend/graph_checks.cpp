#include "frontend/graph_checks.h"

#include <onnx/checker.h>

#include <set>
#include <unordered_map>

#include "frontend/tensor_values.h"
#include "support/error.h"

namespace nngen::frontend {

std::string node_name(const onnx::NodeProto& node, int index) {
  return node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
}

std::string node_label(const onnx::NodeProto& node, int index) {
  return "node '" + node_name(node, index) + "' (" + node.op_type() + ")";
}

void check_graph(const onnx::ModelProto& model, int64_t opset, const std::string& file) {
  const auto& graph = model.graph();
  if (graph.sparse_initializer_size() > 0) {
    fail_input(file + ": the model has sparse initializers; nnaccel reads dense weights only");
  }
  std::set<std::string> defined;
  for (const auto& init : graph.initializer()) {
    checked_element_count(init, file + ": initializer");
    defined.insert(init.name());
  }
  for (const auto& in : graph.input()) defined.insert(in.name());

  onnx::checker::CheckerContext ctx;
  ctx.set_ir_version(static_cast<int>(model.ir_version()));
  ctx.set_opset_imports({{"", static_cast<int>(opset)}, {"ai.onnx", static_cast<int>(opset)}});
  const onnx::checker::LexicalScopeContext scope;
  for (int index = 0; index < graph.node_size(); ++index) {
    const auto& node = graph.node(index);
    const std::string where = file + ": " + node_label(node, index);
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      fail_input(where + " is from operator domain '" + node.domain() +
                 "'; nnaccel supports the default ONNX domain only");
    }
    for (const auto& a : node.attribute()) {
      if (a.has_g() || a.graphs_size() > 0) {
        fail_input(where + " has a subgraph (attribute '" + a.name() +
                   "'); nnaccel accelerates a single chain of layers, without control flow");
      }
      if (a.has_t()) checked_element_count(a.t(), where);
    }
    for (const auto& i : node.input()) {
      if (!i.empty() && !defined.count(i)) {
        fail_input(where + " reads '" + i +
                   "', which no earlier node produces (the graph must be topologically sorted)");
      }
    }
    for (const auto& o : node.output()) {
      if (o.empty()) continue;
      if (!defined.insert(o).second) {
        fail_input(where + " writes '" + o +
                   "', which is already defined (ONNX graphs assign "
                   "each tensor once)");
      }
    }
    try {
      onnx::checker::check_node(node, ctx, scope);
    } catch (const std::exception& e) {
      // The checker's text ends with a context line naming the node again: keep the first line.
      std::string why = e.what();
      why = why.substr(0, why.find('\n'));
      fail_input(where + " is not a valid " + node.op_type() + " at opset " +
                 std::to_string(opset) + ": " + why);
    }
  }
  // libonnx's converter dereferences the producer of every graph output (it crashed on such a
  // model found by fuzzing).
  for (const auto& out : graph.output()) {
    if (!defined.count(out.name())) {
      fail_input(file + ": no node produces the graph output '" + out.name() + "'");
    }
  }
}

}  // namespace nngen::frontend
