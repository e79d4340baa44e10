#include "layer_eval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace gentest {
namespace {

using Vec = std::vector<double>;
using nngen::ir::Node;

double param(const Node& n, const char* k) { return std::stod(n.attr_string(k, "0")); }

// Channel-last window ops, written from the ONNX definitions (not from the HLS code).
Vec conv(const nngen::passes::Design& d, const Node& n, const Vec& x) {
  const auto& w = d.graph.tensor(n.name + "/weight").data;
  const auto& b = d.graph.tensor(n.name + "/bias").data;
  const int64_t ih = n.attr_int("in_h", 1), iw = n.attr_int("in_w", 1), ci = n.attr_int("ch_in", 1),
                co = n.attr_int("ch_out", 1), kh = n.attr_int("k_h", 1), kw = n.attr_int("k_w", 1),
                sh = n.attr_int("stride_h", 1), sw = n.attr_int("stride_w", 1),
                pt = n.attr_int("pad_top", 0), pl = n.attr_int("pad_left", 0),
                oh = n.attr_int("out_h", 1), ow = n.attr_int("out_w", 1);
  const bool dw = n.attr_int("depthwise", 0) != 0;
  const int64_t n_in = n.attr_int("n_in", 0);
  Vec y(static_cast<size_t>(oh * ow * co));
  for (int64_t oy = 0; oy < oh; ++oy)
    for (int64_t ox = 0; ox < ow; ++ox)
      for (int64_t o = 0; o < co; ++o) {
        double acc = b[static_cast<size_t>(o)];
        for (int64_t ky = 0; ky < kh; ++ky)
          for (int64_t kx = 0; kx < kw; ++kx) {
            const int64_t yy = oy * sh + ky - pt, xx = ox * sw + kx - pl;
            if (yy < 0 || yy >= ih || xx < 0 || xx >= iw) continue;
            for (int64_t c = 0; c < (dw ? 1 : ci); ++c) {
              const int64_t ch = dw ? o : c;
              const double wv =
                  w[static_cast<size_t>(o * n_in + (dw ? ky * kw + kx : (ky * kw + kx) * ci + c))];
              acc += wv * x[static_cast<size_t>((yy * iw + xx) * ci + ch)];
            }
          }
        y[static_cast<size_t>((oy * ow + ox) * co + o)] = acc;
      }
  return y;
}

Vec pool(const Node& n, const Vec& x) {
  const int64_t ih = n.attr_int("in_h", 1), iw = n.attr_int("in_w", 1), ch = n.attr_int("ch", 1),
                kh = n.attr_int("k_h", 1), kw = n.attr_int("k_w", 1),
                sh = n.attr_int("stride_h", 1), sw = n.attr_int("stride_w", 1),
                pt = n.attr_int("pad_top", 0), pl = n.attr_int("pad_left", 0),
                pb = n.attr_int("pad_bottom", 0), pr = n.attr_int("pad_right", 0),
                oh = n.attr_int("out_h", 1), ow = n.attr_int("out_w", 1);
  const bool is_max = n.attr_int("is_max", 0) != 0, incl = n.attr_int("count_include_pad", 0) != 0;
  Vec y(static_cast<size_t>(oh * ow * ch));
  for (int64_t oy = 0; oy < oh; ++oy)
    for (int64_t ox = 0; ox < ow; ++ox)
      for (int64_t c = 0; c < ch; ++c) {
        double m = -std::numeric_limits<double>::infinity(), s = 0;
        int64_t count = 0;
        for (int64_t ky = 0; ky < kh; ++ky)
          for (int64_t kx = 0; kx < kw; ++kx) {
            const int64_t yy = oy * sh + ky - pt, xx = ox * sw + kx - pl;
            const bool inside = yy >= 0 && yy < ih && xx >= 0 && xx < iw;
            const bool padded = yy >= -pt && yy < ih + pb && xx >= -pl && xx < iw + pr;
            if (inside) {
              const double v = x[static_cast<size_t>((yy * iw + xx) * ch + c)];
              m = std::max(m, v);
              s += v;
              ++count;
            } else if (padded && incl) {
              ++count;
            }
          }
        y[static_cast<size_t>((oy * ow + ox) * ch + c)] = is_max ? m : s / double(count);
      }
  return y;
}

}  // namespace

std::vector<float> eval_float(const nngen::passes::Design& d, const std::vector<float>& x) {
  std::map<std::string, Vec> s;
  s["input"] = Vec(x.begin(), x.end());
  for (const auto& n : d.graph.nodes) {
    const Vec& v = s.at(n.inputs.at(0));
    Vec y;
    if (n.op == "Dense") {
      const auto& w = d.graph.tensor(n.name + "/weight").data;
      const auto& b = d.graph.tensor(n.name + "/bias").data;
      const size_t n_in = static_cast<size_t>(n.attr_int("n_in", 0)),
                   n_out = static_cast<size_t>(n.attr_int("n_out", 0));
      y.resize(n_out);
      for (size_t o = 0; o < n_out; ++o) {
        double acc = b[o];
        for (size_t i = 0; i < n_in; ++i) acc += double(w[o * n_in + i]) * v[i];
        y[o] = acc;
      }
    } else if (n.op == "Conv") {
      y = conv(d, n, v);
    } else if (n.op == "Pool") {
      y = pool(n, v);
    } else if (n.op == "GlobalPool") {
      const int64_t pix = n.attr_int("n_pix", 1), ch = n.attr_int("ch", 1);
      const bool is_max = n.attr_int("is_max", 0) != 0;
      y.assign(static_cast<size_t>(ch), is_max ? -std::numeric_limits<double>::infinity() : 0.0);
      for (int64_t p = 0; p < pix; ++p)
        for (int64_t c = 0; c < ch; ++c) {
          const double e = v[static_cast<size_t>(p * ch + c)];
          y[static_cast<size_t>(c)] = is_max ? std::max(y[static_cast<size_t>(c)], e)
                                             : y[static_cast<size_t>(c)] + e / double(pix);
        }
    } else if (n.op == "ScaleShift" || n.op == "PRelu") {
      const int64_t ch = n.attr_int("ch", 1);
      y = v;
      for (size_t i = 0; i < y.size(); ++i) {
        const size_t c = i % static_cast<size_t>(ch);
        if (n.op == "ScaleShift") {
          y[i] = y[i] * d.graph.tensor(n.name + "/scale").data[c] +
                 d.graph.tensor(n.name + "/shift").data[c];
        } else if (y[i] < 0) {
          y[i] *= d.graph.tensor(n.name + "/slope").data[c];
        }
      }
    } else if (n.op == "Add") {
      const Vec& v1 = s.at(n.inputs.at(1));
      y = v;
      for (size_t i = 0; i < y.size(); ++i) y[i] += v1[i];
    } else if (n.op == "Concat") {
      const Vec& v1 = s.at(n.inputs.at(1));
      const int64_t pix = n.attr_int("n_pix", 1), c0 = n.attr_int("ch0", 0),
                    c1 = n.attr_int("ch1", 0);
      for (int64_t p = 0; p < pix; ++p) {
        y.insert(y.end(), v.begin() + p * c0, v.begin() + (p + 1) * c0);
        y.insert(y.end(), v1.begin() + p * c1, v1.begin() + (p + 1) * c1);
      }
    } else if (n.op == "Split") {
      s[n.outputs.at(1)] = v;
      y = v;
    } else if (n.op == "Transpose2d") {
      const int64_t rows = n.attr_int("rows", 1), cols = n.attr_int("cols", 1);
      y.resize(v.size());
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
          y[static_cast<size_t>(c * rows + r)] = v[static_cast<size_t>(r * cols + c)];
    } else if (n.op == "ZeroPad") {
      const int64_t ih = n.attr_int("in_h", 1), iw = n.attr_int("in_w", 1),
                    ch = n.attr_int("ch", 1), pt = n.attr_int("pad_top", 0),
                    pl = n.attr_int("pad_left", 0), oh = n.attr_int("out_h", 1),
                    ow = n.attr_int("out_w", 1);
      y.assign(static_cast<size_t>(oh * ow * ch), 0.0);
      for (int64_t yy = 0; yy < ih; ++yy)
        for (int64_t xx = 0; xx < iw; ++xx)
          for (int64_t c = 0; c < ch; ++c)
            y[static_cast<size_t>(((yy + pt) * ow + xx + pl) * ch + c)] =
                v[static_cast<size_t>((yy * iw + xx) * ch + c)];
    } else if (n.op == "Softmax") {
      y = v;
      const double m = *std::max_element(y.begin(), y.end());
      double sum = 0;
      for (auto& e : y) sum += (e = std::exp(e - m));
      for (auto& e : y) e /= sum;
    } else {
      y = v;
      for (auto& e : y) {
        if (n.op == "Relu")
          e = std::max(e, 0.0);
        else if (n.op == "Sigmoid")
          e = 1 / (1 + std::exp(-e));
        else if (n.op == "Tanh")
          e = std::tanh(e);
        else if (n.op == "LeakyRelu")
          e = e < 0 ? e * param(n, "alpha") : e;
        else if (n.op == "Elu")
          e = e < 0 ? param(n, "alpha") * std::expm1(e) : e;
        else if (n.op == "Selu")
          e = param(n, "gamma") * (e <= 0 ? param(n, "alpha") * std::expm1(e) : e);
        else if (n.op == "HardSigmoid")
          e = std::clamp(param(n, "alpha") * e + param(n, "beta"), 0.0, 1.0);
        else if (n.op == "Clip")
          e = std::clamp(e, param(n, "lo"), param(n, "hi"));
        else
          throw std::runtime_error("eval_float: unknown layer " + n.op);
      }
    }
    s[n.outputs.at(0)] = std::move(y);
  }
  const Vec& out = s.at(d.output_stream);
  return std::vector<float>(out.begin(), out.end());
}

}  // namespace gentest
