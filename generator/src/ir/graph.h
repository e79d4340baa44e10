// The generator's IR. The front end fills it with ONNX-level nodes; the
// lowering pass rewrites them into layer nodes (Dense, Relu, Sigmoid, Tanh,
// Softmax) that the later passes and the writers understand. The graph owns
// its nodes and tensors; nodes refer to tensors by name.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ir/fixed_type.h"

namespace nngen::ir {

inline constexpr int64_t kUnknownDim = -1;

struct Tensor {
  std::string name;
  std::vector<int64_t> shape;   // kUnknownDim for a symbolic dimension
  std::string elem_type;        // ONNX element type name, "float" for float32
  bool is_constant = false;     // an initializer
  std::vector<float> data;      // the values of a constant, row-major

  int64_t num_elements() const;  // -1 if any dim unknown
};

using AttrValue = std::variant<int64_t, float, std::string, std::vector<int64_t>, std::vector<float>>;

struct Node {
  std::string op;    // ONNX op_type, or a layer op after lowering
  std::string name;  // ONNX node name (or "<op>_<index>" if the model has none)
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::map<std::string, AttrValue> attrs;
  std::map<std::string, FixedType> types;  // layer data types, set by precision passes

  bool has_attr(const std::string& key) const { return attrs.count(key) != 0; }
  int64_t attr_int(const std::string& key, int64_t fallback) const;
  float attr_float(const std::string& key, float fallback) const;
  std::vector<int64_t> attr_ints(const std::string& key) const;
  std::string attr_string(const std::string& key, const std::string& fallback) const;
  // "node 'fc1' (Gemm)": how every message names a node.
  std::string label() const;
};

// What sits at the start of the batch dimension, as the exporter wrote it.
struct BatchDim {
  bool symbolic = true;
  std::string symbol;  // e.g. "batch_size", "unk__6"
  int64_t fixed = 0;   // when !symbolic
};

struct Graph {
  std::string source;         // the file it came from, for messages
  uint32_t source_crc = 0;    // CRC-32 of that file's bytes (generated-file banners)
  std::string producer;       // producer_name/version from the ONNX file
  int64_t opset = 0;
  std::string input;          // the one data input
  std::string output;         // the one data output
  BatchDim batch;
  std::vector<int64_t> input_sample_shape;  // per-sample shape of `input` (batch excluded)
  std::map<std::string, Tensor> tensors;
  std::vector<Node> nodes;    // topological order

  Tensor& tensor(const std::string& name);
  const Tensor& tensor(const std::string& name) const;
  bool has_tensor(const std::string& name) const { return tensors.count(name) != 0; }
  // The node producing `tensor`, or nullptr for graph inputs / constants.
  const Node* producer_of(const std::string& tensor) const;
  // Number of nodes reading `tensor`, plus one if it is the graph output.
  int use_count(const std::string& tensor) const;
};

}  // namespace nngen::ir
