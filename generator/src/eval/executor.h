// The float reference executor: evaluates an ONNX-level graph (as frontend::load_onnx returns it,
// opset 13 or newer) in double precision, written from the ONNX operator specifications. It is
// the reference the tests and the precision calibration compare the fixed-point accelerator with
// (docs/eval.md); it does not know about layers, precision or hardware.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "eval/value.h"
#include "ir/graph.h"

namespace nngen::eval {

// Evaluates one ONNX-level node. `inputs[i]` is nullptr for an absent optional input. Throws
// nngen::Error(kBadInput) naming the file (g.source), the node (n.label()) and the attribute or
// input for anything unsupported or inconsistent. Element types come from g.tensors where known.
std::vector<Value> eval_node(const ir::Graph& g, const ir::Node& n,
                             const std::vector<const Value*>& inputs);

// True if eval_node implements `op_type`.
bool supports(std::string_view op_type);

// The ops eval_node implements, sorted (for messages and docs).
std::vector<std::string> supported_ops();

// Runs the graph on `input` (fed to g.input, batch included: its shape must be [N] followed by
// g.input_sample_shape). Constants come from g.tensors (is_constant). Returns every tensor
// computed, and g.output, by name.
std::map<std::string, Value> run_graph(const ir::Graph& g, const Value& input);

}  // namespace nngen::eval
