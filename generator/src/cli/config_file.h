// --config F.json: per-model and per-layer build settings (docs/cnn.md "Configuration file").
#pragma once

#include <string>

#include "ops/op.h"

namespace nngen::cli {

// Reads `path` (bounded, untrusted) into `opt`: top-level "reuse", "strategy"
// ("latency" | "resource"), "io", "fifo_depths" {stream: depth}, and "layers" {layer or ONNX
// node name: {"precision" | "out" | "weight" | "bias" | "scale" | "shift" | "slope": type,
// "reuse": N}}. Error(kBadInput) naming the file and the field.
void apply_config_file(const std::string& path, ops::BuildOptions& opt);

}  // namespace nngen::cli
