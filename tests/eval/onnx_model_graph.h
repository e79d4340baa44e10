// Test helpers: read ONNX TensorProto files into eval::Value (every numeric type the node tests
// use, in double) and turn any ModelProto into an ir::Graph of all its nodes, whatever its number
// of inputs and outputs, so that each node test can be fed every input from its test data.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <optional>
#include <string>

#include "eval/value.h"
#include "ir/graph.h"

namespace evaltest {

// The values of `t`, or nullopt with `*why` set for an element type the helper does not read.
std::optional<nngen::eval::Value> read_value(const onnx::TensorProto& t, std::string* why);
onnx::TensorProto read_tensor_file(const std::filesystem::path& p);

// The graph of `model` (already at the opset to evaluate): nodes with their attributes,
// initializers as constants, element types of inputs, outputs and value_info. g.input/g.output
// are left empty.
nngen::ir::Graph graph_of(const onnx::ModelProto& model, const std::string& source);

}  // namespace evaltest
