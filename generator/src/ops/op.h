// What an op knows, in one place per op family (ops/*.cpp):
//  - OnnxOp: how an ONNX node of this type is checked and lowered into layer
//    nodes (or removed, when it does not change the data order);
//  - LayerOp: for a layer node, how its types are chosen, how it is described
//    in the architecture text (signature), how its HLS code is emitted, and
//    which weight tensors it loads, in on-chip order.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace nngen::ops {

// Options that shape the accelerator (not the model).
struct BuildOptions {
  ir::FixedType data_type;  // inputs, layer outputs, weights and biases
  int reuse = 1;            // II of each dense layer's neuron loop
  int max_batch = 1024;     // m_axi depth / driver buffer capacity
};

// State of the lowering walk over the ONNX nodes of a chain.
struct LowerContext {
  ir::Graph& graph;
  std::string current;                // the activation tensor the chain has reached
  std::vector<int64_t> current_shape; // its per-sample shape
  std::vector<ir::Node> layers;       // what has been lowered so far
};

struct OnnxOp {
  std::string_view op_type;
  // Checks `node` (attributes, shapes, constants) and appends layer nodes to
  // ctx.layers or folds into the last one. Throws Error(kBadInput) naming the node.
  void (*lower)(LowerContext& ctx, const ir::Node& node);
};

// A weight tensor as the accelerator stores it.
struct WeightTensor {
  std::string name;              // the ONNX initializer it came from
  std::string storage;           // the HLS array holding it, e.g. "w_dense0"
  std::string type_key;          // key into node.types: "weight" or "bias"
  std::vector<int64_t> dims;     // on-chip order
  const std::vector<float>* values;
};

// Pieces of HLS code a layer contributes to the generated top.
struct HlsCode {
  std::string config;   // struct <layer>_cfg {...}; in <name>_layers.h
  std::string storage;  // static on-chip arrays in <name>_accel.cpp
  std::string pragmas;  // pragmas on those arrays, placed inside the top function
  std::string call;     // the stage call inside the dataflow region
};

struct LayerOp {
  std::string_view op;
  // Sets node.types given the type of its input.
  void (*assign_types)(ir::Node& node, const ir::FixedType& in_type, const BuildOptions& opt);
  // One line of the architecture text: all that affects the bitstream.
  std::string (*describe)(const ir::Node& node);
  HlsCode (*emit_hls)(const ir::Graph& g, const ir::Node& node, const std::string& in_stream,
                      const std::string& out_stream, const BuildOptions& opt);
  std::vector<WeightTensor> (*weights)(const ir::Graph& g, const ir::Node& node);
};

const OnnxOp* find_onnx_op(std::string_view op_type);
const LayerOp& layer_op(const ir::Node& node);  // Error(kInternal) if unknown
// "Dropout, Flatten, Gemm, ..." for messages.
std::string supported_onnx_ops();

// Per-op registries, defined in each op family's file.
std::vector<OnnxOp> dense_onnx_ops();
std::vector<OnnxOp> activation_onnx_ops();
std::vector<OnnxOp> softmax_onnx_ops();
std::vector<OnnxOp> layout_onnx_ops();
std::vector<LayerOp> dense_layer_ops();
std::vector<LayerOp> activation_layer_ops();
std::vector<LayerOp> softmax_layer_ops();

// Helpers shared by op files.
int64_t product(const std::vector<int64_t>& shape);
std::string shape_str(const std::vector<int64_t>& shape);
// The node's only data input, which must be the tensor the chain has reached.
void expect_chain_input(const LowerContext& ctx, const ir::Node& node, const std::string& input);
// Node attribute ints to string for messages.
std::string layer_name(const ir::Node& node);  // C identifier of the layer
// Emits a double so that parsing it back gives exactly the same value.
std::string exact_double(double v);
// Smallest b with 2^b >= v (v >= 1).
int ceil_log2(int64_t v);
// For layers without weights.
std::vector<WeightTensor> no_weights(const ir::Graph& g, const ir::Node& node);

}  // namespace nngen::ops
