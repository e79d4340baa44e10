// The ONNX front end: the only code in nngen that sees protobuf. It checks the
// file is a well-formed ModelProto with one float32 data input and output and
// turns it into an ir::Graph of ONNX-level nodes. What the ops mean is not its
// business (that is ops/ and passes/).
#pragma once

#include <filesystem>

#include "ir/graph.h"

namespace nngen::frontend {

// Throws Error(kIo) if the file cannot be read, Error(kBadInput) naming the
// file and field if it is not a usable ONNX model.
ir::Graph load_onnx(const std::filesystem::path& path);

}  // namespace nngen::frontend
