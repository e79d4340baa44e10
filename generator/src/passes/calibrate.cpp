// Pass calibrate: with --calibrate samples, runs the ONNX graph in double precision (the float
// reference executor, eval/) and records the largest |value| of every tensor. The precision
// pass turns these into integer bits. Samples run in chunks so memory stays bounded.
#include <algorithm>
#include <cmath>

#include "eval/executor.h"
#include "ops/op.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace nngen::passes {

void calibrate(Design& d) {
  if (d.calibration.empty() || !d.options.auto_precision) return;
  const ir::Graph& g = d.graph;
  const int64_t per = ops::product(g.input_sample_shape);
  const int64_t total = static_cast<int64_t>(d.calibration.size()) / per;
  constexpr int64_t kChunk = 16;
  for (int64_t first = 0; first < total; first += kChunk) {
    const int64_t n = std::min(kChunk, total - first);
    eval::Value x;
    x.shape = {n};
    x.shape.insert(x.shape.end(), g.input_sample_shape.begin(), g.input_sample_shape.end());
    x.data.assign(d.calibration.begin() + first * per, d.calibration.begin() + (first + n) * per);
    for (const auto& [name, v] : eval::run_graph(g, x)) {
      double m = 0;
      for (double e : v.data) m = std::max(m, std::fabs(e));
      double& seen = d.observed[name];
      seen = std::max(seen, m);
    }
  }
  d.observed[g.input] = std::max(d.observed[g.input], 0.0);
}

}  // namespace nngen::passes
