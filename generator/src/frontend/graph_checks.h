// Checks on a parsed model that must hold before any ONNX library routine (the version converter,
// shape inference) sees it: those routines trust their input and can crash on a malformed graph,
// and nngen reads untrusted files.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace nngen::frontend {

// The name nngen uses for graph node `index` ("<op>_<index>" when the model gives none).
std::string node_name(const onnx::NodeProto& node, int index);
// "node 'fc1' (Gemm)", as ir::Node::label() words it.
std::string node_label(const onnx::NodeProto& node, int index);

// Every node is from the default domain, has no subgraph, reads only tensors defined before it
// (graph inputs, initializers, earlier outputs: the order is topological), writes each output
// once, every graph output is defined, and is valid against its ONNX schema at `opset`; every
// initializer and tensor attribute holds data of a sane size. Throws Error(kBadInput) naming
// `file`, the node and the reason.
void check_graph(const onnx::ModelProto& model, int64_t opset, const std::string& file);

}  // namespace nngen::frontend
