// Writes the Vitis HLS sources of the accelerator: <name>_layers.h (one config
// struct per layer), <name>_accel.h (the top's prototype and constants) and
// <name>_accel.cpp (on-chip weight storage, tables, load-weights, the dataflow
// inference region and the top with its interface pragmas), following the
// accelerator contract (docs/register-map.md).
#pragma once

#include <map>
#include <string>

#include "backend/banner.h"
#include "passes/pipeline.h"

namespace nngen::backend {

// File name (relative to hls/) -> content.
std::map<std::string, std::string> write_hls(const passes::Design& d, const std::string& name,
                                             const Provenance& prov);

}  // namespace nngen::backend
