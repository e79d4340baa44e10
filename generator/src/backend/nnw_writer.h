// Serializes the weight image of a Design into a .nnw file (format in
// driver/include/nndriver/nn_nnw_format.h and docs/nnw-format.md).
#pragma once

#include <string>

#include "passes/pipeline.h"

namespace nngen::backend {

std::string nnw_bytes(const passes::Design& d);

}  // namespace nngen::backend
