#include "layer_eval.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gentest {

std::vector<float> eval_float(const nngen::passes::Design& d, const std::vector<float>& x) {
  std::vector<double> v(x.begin(), x.end());
  for (const auto& n : d.graph.nodes) {
    if (n.op == "Dense") {
      const auto& w = d.graph.tensor(n.name + "/weight").data;
      const auto& b = d.graph.tensor(n.name + "/bias").data;
      const size_t n_in = static_cast<size_t>(n.attr_int("n_in", 0)), n_out = static_cast<size_t>(n.attr_int("n_out", 0));
      std::vector<double> y(n_out);
      for (size_t o = 0; o < n_out; ++o) {
        double acc = b[o];
        for (size_t i = 0; i < n_in; ++i) acc += double(w[o * n_in + i]) * v[i];
        y[o] = acc;
      }
      v = y;
    } else if (n.op == "Relu") {
      for (auto& e : v) e = std::max(e, 0.0);
    } else if (n.op == "Sigmoid") {
      for (auto& e : v) e = 1 / (1 + std::exp(-e));
    } else if (n.op == "Tanh") {
      for (auto& e : v) e = std::tanh(e);
    } else if (n.op == "Softmax") {
      const double m = *std::max_element(v.begin(), v.end());
      double s = 0;
      for (auto& e : v) s += (e = std::exp(e - m));
      for (auto& e : v) e /= s;
    } else {
      throw std::runtime_error("eval_float: unknown layer " + n.op);
    }
  }
  return std::vector<float>(v.begin(), v.end());
}

}  // namespace gentest
