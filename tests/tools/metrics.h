// Agreement of accelerator outputs with a float reference and with labels;
// used by nn-compare (demo) and by the end-to-end tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "npy.h"

namespace nnmetrics {

struct Metrics {
  size_t samples = 0;
  double argmax_agreement = 0;  // fraction of samples whose argmax equals the reference's
  double max_abs_error = 0;     // over all outputs
  double mean_abs_error = 0;
  double accuracy = -1;         // vs labels; -1 if no labels
};

// y and ref are [N, K]; labels may be empty. Throws std::runtime_error on shape mismatch.
Metrics compare(const nnnpy::Array& y, const nnnpy::Array& ref, const std::vector<int64_t>& labels);

std::string format(const Metrics& m);

}  // namespace nnmetrics
