#include "metrics.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nnmetrics {
namespace {

size_t argmax(const float* v, size_t k) {
  size_t best = 0;
  for (size_t i = 1; i < k; ++i) {
    if (v[i] > v[best]) best = i;
  }
  return best;
}

}  // namespace

Metrics compare(const nnnpy::Array& y, const nnnpy::Array& ref, const std::vector<int64_t>& labels) {
  if (y.shape.size() != 2 || ref.shape.empty() || y.shape[0] > ref.shape[0] ||
      y.data.size() / y.shape[0] != ref.data.size() / ref.shape[0]) {
    throw std::runtime_error("outputs " + nnnpy::shape_to_string(y.shape) + " and reference " +
                             nnnpy::shape_to_string(ref.shape) + " do not match");
  }
  Metrics m;
  m.samples = y.shape[0];
  const size_t k = y.shape[1];
  size_t agree = 0, correct = 0;
  double sum_err = 0;
  for (size_t s = 0; s < m.samples; ++s) {
    const float* a = &y.data[s * k];
    const float* b = &ref.data[s * k];
    const size_t am = argmax(a, k);
    agree += am == argmax(b, k);
    if (!labels.empty()) {
      // One output: a binary classifier with a sigmoid/logit; otherwise argmax.
      const int64_t pred = k == 1 ? (a[0] > 0.5f ? 1 : 0) : static_cast<int64_t>(am);
      correct += pred == labels.at(s);
    }
    for (size_t i = 0; i < k; ++i) {
      const double e = std::fabs(double(a[i]) - double(b[i]));
      m.max_abs_error = std::max(m.max_abs_error, e);
      sum_err += e;
    }
  }
  m.argmax_agreement = double(agree) / double(m.samples);
  m.mean_abs_error = sum_err / double(m.samples * k);
  if (!labels.empty()) m.accuracy = double(correct) / double(m.samples);
  return m;
}

std::string format(const Metrics& m) {
  char b[512];
  std::snprintf(b, sizeof b,
                "samples:               %zu\n"
                "accuracy (labels):     %s\n"
                "argmax agreement:      %.2f %% with the float reference\n"
                "max abs error:         %.6f (mean %.6f)\n",
                m.samples, m.accuracy < 0 ? "n/a" : (std::to_string(m.accuracy * 100).substr(0, 5) + " %").c_str(),
                m.argmax_agreement * 100, m.max_abs_error, m.mean_abs_error);
  return b;
}

}  // namespace nnmetrics
