// Which ONNX opsets nngen reads, and the upgrade of old models to the one opset the op files
// implement (docs/nngen.md, "Opsets").
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace nngen::frontend {

inline constexpr int64_t kOldestOpset = 6;
inline constexpr int64_t kNewestOpset = 21;
// Models older than this are converted to it; from it to kNewestOpset the float semantics of
// every op nnaccel supports are the same, so such models are read as they are.
inline constexpr int64_t kCanonicalOpset = 13;

// The model's default-domain opset. Throws Error(kBadInput) if it has none or it is outside
// [kOldestOpset, kNewestOpset].
int64_t default_opset(const onnx::ModelProto& model, const std::string& file);

// Converts `model` (default-domain opset `opset`, already through check_graph) to
// kCanonicalOpset with the ONNX version converter when it is older; returns the opset the model
// has afterwards. A conversion failure throws Error(kBadInput) naming `file`, the node (found by
// converting the nodes one at a time) and the converter's reason.
int64_t upgrade_opset(onnx::ModelProto& model, int64_t opset, const std::string& file);

}  // namespace nngen::frontend
