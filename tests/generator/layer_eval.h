// A float evaluator of the lowered layer chain: the independent reference the
// generator tests compare ONNX node test outputs with (no fixed point).
#pragma once

#include <vector>

#include "passes/pipeline.h"

namespace gentest {

// x: one sample (input_size values) -> output_size values.
std::vector<float> eval_float(const nngen::passes::Design& d, const std::vector<float>& x);

}  // namespace gentest
