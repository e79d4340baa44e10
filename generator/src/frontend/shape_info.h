// ONNX shape inference over the whole model, so that the front end knows the shape of every
// intermediate tensor (value_info) and of an output the exporter declared without one.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace nngen::frontend {

// Adds the inferred types and shapes to `model` (already through check_graph). Node-level
// inference problems are left to the lowering, whose messages say what nnaccel needs; what the
// library still throws (e.g. a declared shape that contradicts the inferred one) becomes
// Error(kBadInput) naming `file` and the library's reason, which names the node.
void infer_shapes(onnx::ModelProto& model, const std::string& file);

}  // namespace nngen::frontend
