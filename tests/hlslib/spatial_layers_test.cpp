// Spatial layers of the HLS library (nn_conv.h, nn_pool.h, nn_pad.h, nn_reorder.h) against plain
// double references written from the ONNX definitions (Conv, MaxPool, AveragePool,
// GlobalAverage/MaxPool, Pad, Transpose), with configs written the way nngen emits them.
//
// Inputs and weights are random values exactly representable in their types, so every conv /
// max / pad / transpose reference value is exact in double and the layer must give
// out_t(reference) bit for bit. Averages: sum / n in double is the correctly rounded quotient;
// it rounds to out_t as the exact quotient does (a quotient that is not dyadic lies far more
// than 2^-53 relative from any grid point of these types), so averages are compared bit for bit
// as well (nn_pool.h promises a single rounding).
// The stream form runs 3 samples at once (they must stay separate); the array form runs each
// sample and must equal the stream form bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "nn_conv.h"
#include "nn_pad.h"
#include "nn_pool.h"
#include "nn_reorder.h"

namespace {

typedef std::vector<double> tensor;

const unsigned kBatch = 3;

std::mt19937& rng() {
  static std::mt19937 g(20261202);
  return g;
}

// A random value of T (every raw word equally likely, optionally within +-limit raw units).
template <class T>
double random_value(int64_t limit = 0) {
  const int w = T::width, f = T::width - T::iwidth;
  int64_t lo = -(int64_t(1) << (w - 1)), hi = (int64_t(1) << (w - 1)) - 1;
  if (limit > 0) {
    lo = -limit;
    hi = limit;
  }
  std::uniform_int_distribution<int64_t> d(lo, hi);
  const double v = std::ldexp(double(d(rng())), -f);
  EXPECT_EQ(T(v).to_double(), v);
  return v;
}

template <class T>
tensor random_tensor(size_t n, int64_t limit = 0) {
  tensor t(n);
  for (double& v : t) v = random_value<T>(limit);
  return t;
}

// Runs the stream form on kBatch samples and the array form on each; checks that each output
// equals out_t(want) and that the two forms agree bit for bit.
template <class CFG, class STREAM, class ARRAY>
void check_forms(const std::vector<tensor>& in, const std::vector<tensor>& want, STREAM run_stream,
                 ARRAY run_array) {
  typedef typename CFG::in_t in_t;
  typedef typename CFG::out_t out_t;
  ASSERT_EQ(in.size(), kBatch);
  hls::stream<in_t> si("in");
  hls::stream<out_t> so("out");
  for (const tensor& x : in) {
    ASSERT_EQ(x.size(), size_t(CFG::in_size));
    for (double v : x) si.write(in_t(v));
  }
  run_stream(si, so, kBatch);
  EXPECT_TRUE(si.empty()) << "stream form left " << si.size() << " input tokens";
  ASSERT_EQ(so.size(), size_t(kBatch) * CFG::out_size);
  for (unsigned s = 0; s < kBatch; s++) {
    ASSERT_EQ(want[s].size(), size_t(CFG::out_size));
    std::vector<in_t> ai(in[s].begin(), in[s].end());
    std::vector<out_t> ao(CFG::out_size);
    run_array(ai.data(), ao.data());
    for (unsigned i = 0; i < CFG::out_size; i++) {
      const out_t got = so.read();
      const double expect = out_t(want[s][i]).to_double();
      ASSERT_EQ(got.to_double(), expect)
          << "stream form, sample " << s << ", output " << i << " (reference " << want[s][i] << ")";
      ASSERT_EQ(ao[i].to_double(), got.to_double())
          << "array form, sample " << s << ", output " << i;
    }
  }
}

// ---- conv2d

typedef ap_fixed<10, 3> conv_in_t;
typedef ap_fixed<8, 1> conv_w_t;
typedef ap_fixed<10, 4> conv_b_t;

template <unsigned IH, unsigned IW, unsigned CI, unsigned CO, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned PT, unsigned PL, unsigned PB, unsigned PR, bool DW,
          unsigned REUSE = 1>
struct conv_cfg {
  static const unsigned in_h = IH, in_w = IW, ch_in = CI, ch_out = CO, k_h = KH, k_w = KW;
  static const unsigned stride_h = SH, stride_w = SW;
  static const unsigned pad_top = PT, pad_left = PL, pad_bottom = PB, pad_right = PR;
  static const unsigned out_h = (IH + PT + PB - KH) / SH + 1, out_w = (IW + PL + PR - KW) / SW + 1;
  static const unsigned reuse = REUSE, max_batch = 4;
  static const unsigned in_size = IH * IW * CI, out_size = out_h * out_w * CO;
  static const bool depthwise = DW;
  typedef conv_in_t in_t;
  typedef conv_w_t weight_t;
  typedef conv_b_t bias_t;
  typedef ap_fixed<32, 12> accum_t;
  typedef ap_fixed<12, 5, AP_RND_CONV, AP_SAT> out_t;
};

// ONNX Conv (group = 1, or group = C for depthwise), channel-last, from the definition.
template <class CFG>
tensor conv_reference(const tensor& x, const tensor& w, const tensor& b) {
  const unsigned kk = CFG::k_h * CFG::k_w;
  tensor y;
  for (unsigned oy = 0; oy < CFG::out_h; oy++)
    for (unsigned ox = 0; ox < CFG::out_w; ox++)
      for (unsigned co = 0; co < CFG::ch_out; co++) {
        double s = b[co];
        for (unsigned ky = 0; ky < CFG::k_h; ky++)
          for (unsigned kx = 0; kx < CFG::k_w; kx++) {
            const long iy = long(oy * CFG::stride_h + ky) - long(CFG::pad_top);
            const long ix = long(ox * CFG::stride_w + kx) - long(CFG::pad_left);
            if (iy < 0 || ix < 0 || iy >= long(CFG::in_h) || ix >= long(CFG::in_w)) continue;
            for (unsigned ci = 0; ci < CFG::ch_in; ci++) {
              if (CFG::depthwise && ci != co) continue;
              const double xv = x[(size_t(iy) * CFG::in_w + size_t(ix)) * CFG::ch_in + ci];
              const double wv =
                  CFG::depthwise ? w[co * kk + ky * CFG::k_w + kx]
                                 : w[co * kk * CFG::ch_in + (ky * CFG::k_w + kx) * CFG::ch_in + ci];
              s += xv * wv;
            }
          }
        y.push_back(s);
      }
  return y;
}

template <class CFG>
void check_conv() {
  const unsigned row = nnhls::conv_row<CFG>::value;
  const tensor wv = random_tensor<conv_w_t>(CFG::ch_out * row);
  const tensor bv = random_tensor<conv_b_t>(CFG::ch_out);
  static conv_w_t w[CFG::ch_out][nnhls::conv_row<CFG>::value];
  static conv_b_t b[CFG::ch_out];
  for (unsigned o = 0; o < CFG::ch_out; o++) {
    b[o] = bv[o];
    for (unsigned i = 0; i < row; i++) w[o][i] = wv[o * row + i];
  }
  std::vector<tensor> in, want;
  for (unsigned s = 0; s < kBatch; s++) {
    in.push_back(random_tensor<conv_in_t>(CFG::in_size));
    want.push_back(conv_reference<CFG>(in.back(), wv, bv));
  }
  check_forms<CFG>(
      in, want,
      [](hls::stream<conv_in_t>& i, hls::stream<typename CFG::out_t>& o, unsigned n) {
        nnhls::conv2d<CFG>(i, o, w, b, n);
      },
      [](const conv_in_t* i, typename CFG::out_t* o) { nnhls::conv2d_array<CFG>(i, o, w, b); });
}

TEST(Conv2d, ThreeByThreeSamePadsThreeChannels) {
  check_conv<conv_cfg<5, 7, 3, 4, 3, 3, 1, 1, 1, 1, 1, 1, false>>();
}
TEST(Conv2d, OneInputChannelOddSizesNoPad) {
  check_conv<conv_cfg<6, 5, 1, 2, 3, 2, 1, 1, 0, 0, 0, 0, false, 2>>();
}
// Kernel larger than the stride, stride 2 in both directions.
TEST(Conv2d, Stride2Kernel3) { check_conv<conv_cfg<7, 9, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, false>>(); }
// SAME_UPPER with stride 3, kernel 5 on 8x7: pads 1 / 2 rows and 1 / 2 columns (more at the end).
TEST(Conv2d, Stride3SameUpperAsymmetricPads) {
  check_conv<conv_cfg<8, 7, 2, 3, 5, 5, 3, 3, 1, 1, 2, 2, false>>();
}
// Stride larger than the kernel: rows and columns no window reads, drained at the end.
TEST(Conv2d, OneByOneKernelStride2) {
  check_conv<conv_cfg<7, 5, 3, 2, 1, 1, 2, 2, 0, 0, 0, 0, false>>();
}
TEST(Conv2d, Kernel2Stride3WithPads) {
  check_conv<conv_cfg<8, 8, 1, 2, 2, 2, 3, 3, 1, 0, 1, 2, false>>();
}
TEST(Conv2d, MixedStridesAndKernels) {
  check_conv<conv_cfg<6, 9, 2, 2, 2, 4, 1, 3, 0, 2, 1, 1, false>>();
}
// Bottom/right padding wider than the stride: several output rows end on the last input row.
TEST(Conv2d, LargeEndPadding) { check_conv<conv_cfg<4, 4, 1, 2, 3, 3, 1, 1, 0, 0, 2, 2, false>>(); }
TEST(Conv2d, Depthwise3x3) { check_conv<conv_cfg<5, 6, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, true>>(); }
TEST(Conv2d, DepthwiseStride2AsymmetricPads) {
  check_conv<conv_cfg<7, 8, 4, 4, 3, 3, 2, 2, 0, 0, 1, 1, true, 3>>();
}
TEST(Conv2d, DepthwiseOneChannel) {
  check_conv<conv_cfg<5, 5, 1, 1, 2, 2, 1, 1, 0, 0, 1, 1, true>>();
}
TEST(Conv1d, Kernel3Stride2AsymmetricPads) {
  check_conv<conv_cfg<1, 11, 1, 2, 1, 3, 1, 2, 0, 1, 0, 2, false>>();
}
TEST(Conv1d, ThreeChannelsStride1) {
  check_conv<conv_cfg<1, 9, 3, 4, 1, 4, 1, 1, 0, 1, 0, 2, false>>();
}
TEST(Conv1d, Stride3PointwiseAndDepthwise) {
  check_conv<conv_cfg<1, 10, 3, 2, 1, 1, 1, 3, 0, 0, 0, 0, false>>();
  check_conv<conv_cfg<1, 10, 3, 3, 1, 3, 1, 3, 0, 1, 0, 1, true>>();
}

// ---- pool2d

typedef ap_fixed<10, 3> pool_in_t;

template <unsigned IH, unsigned IW, unsigned C, unsigned KH, unsigned KW, unsigned SH, unsigned SW,
          unsigned PT, unsigned PL, unsigned PB, unsigned PR, bool MAX, bool INCL, bool CEIL,
          class OUT = ap_fixed<8, 3, AP_RND_CONV, AP_SAT>>
struct pool_cfg {
  static const unsigned in_h = IH, in_w = IW, ch = C, k_h = KH, k_w = KW;
  static const unsigned stride_h = SH, stride_w = SW;
  static const unsigned pad_top = PT, pad_left = PL, pad_bottom = PB, pad_right = PR;
  // ceil_mode as nngen resolves it.
  static const unsigned out_h = (IH + PT + PB - KH + (CEIL ? SH - 1 : 0)) / SH + 1;
  static const unsigned out_w = (IW + PL + PR - KW + (CEIL ? SW - 1 : 0)) / SW + 1;
  static const unsigned max_batch = 4;
  static const unsigned in_size = IH * IW * C, out_size = out_h * out_w * C;
  static const bool is_max = MAX, count_include_pad = INCL;
  typedef pool_in_t in_t;
  typedef ap_fixed<20, 10> accum_t;
  typedef OUT out_t;
};

// ONNX MaxPool / AveragePool, channel-last, from the definition: the window over the input
// padded with -inf (max), 0 and counted (average, count_include_pad = 1) or left out
// (count_include_pad = 0); positions past the padded input (ceil_mode) are never counted.
template <class CFG>
tensor pool_reference(const tensor& x) {
  tensor y;
  for (unsigned oy = 0; oy < CFG::out_h; oy++)
    for (unsigned ox = 0; ox < CFG::out_w; ox++)
      for (unsigned c = 0; c < CFG::ch; c++) {
        double m = -INFINITY, sum = 0;
        unsigned n = 0;
        for (unsigned ky = 0; ky < CFG::k_h; ky++)
          for (unsigned kx = 0; kx < CFG::k_w; kx++) {
            const long iy = long(oy * CFG::stride_h + ky) - long(CFG::pad_top);
            const long ix = long(ox * CFG::stride_w + kx) - long(CFG::pad_left);
            const bool in_padded =
                iy < long(CFG::in_h + CFG::pad_bottom) && ix < long(CFG::in_w + CFG::pad_right);
            const bool in_image =
                iy >= 0 && ix >= 0 && iy < long(CFG::in_h) && ix < long(CFG::in_w);
            if (in_image) {
              const double v = x[(size_t(iy) * CFG::in_w + size_t(ix)) * CFG::ch + c];
              m = std::max(m, v);
              sum += v;
            }
            if (in_image || (CFG::count_include_pad && in_padded)) n++;
          }
        y.push_back(CFG::is_max ? m : sum / n);
      }
  return y;
}

template <class CFG>
void check_pool() {
  std::vector<tensor> in, want;
  for (unsigned s = 0; s < kBatch; s++) {
    in.push_back(random_tensor<pool_in_t>(CFG::in_size));
    want.push_back(pool_reference<CFG>(in.back()));
  }
  check_forms<CFG>(
      in, want,
      [](hls::stream<pool_in_t>& i, hls::stream<typename CFG::out_t>& o, unsigned n) {
        nnhls::pool2d<CFG>(i, o, n);
      },
      [](const pool_in_t* i, typename CFG::out_t* o) { nnhls::pool2d_array<CFG>(i, o); });
}

typedef ap_fixed<16, 4, AP_RND_CONV, AP_SAT> fine_out_t;  // more fraction bits than accum_t
typedef ap_fixed<8, 3, AP_TRN, AP_SAT> floor_out_t;       // floor: the sticky bit's sign matters
typedef ap_fixed<8, 3, AP_RND_ZERO, AP_WRAP> rnd_zero_out_t;

TEST(MaxPool, TwoByTwoStride2) {
  check_pool<pool_cfg<6, 8, 3, 2, 2, 2, 2, 0, 0, 0, 0, true, false, false>>();
}
TEST(MaxPool, ThreeByThreeStride2Pads) {
  check_pool<pool_cfg<7, 9, 3, 3, 3, 2, 2, 1, 1, 1, 1, true, false, false>>();
}
TEST(MaxPool, CeilModeOddSize) {
  check_pool<pool_cfg<5, 7, 2, 2, 2, 2, 2, 0, 0, 0, 0, true, false, true>>();
}
TEST(MaxPool, Stride3AsymmetricPadsCeil) {
  check_pool<pool_cfg<8, 7, 1, 3, 2, 3, 3, 0, 1, 1, 0, true, false, true>>();
}
TEST(MaxPool, OneDimensional) {
  check_pool<pool_cfg<1, 11, 3, 1, 3, 1, 2, 0, 1, 0, 1, true, false, false>>();
}
TEST(AveragePool, ExcludePad) {
  check_pool<pool_cfg<7, 9, 3, 3, 3, 2, 2, 1, 1, 1, 1, false, false, false>>();
}
TEST(AveragePool, IncludePad) {
  check_pool<pool_cfg<7, 9, 3, 3, 3, 2, 2, 1, 1, 1, 1, false, true, false>>();
}
TEST(AveragePool, AsymmetricPadsStride3) {
  check_pool<pool_cfg<8, 8, 2, 5, 4, 3, 3, 1, 0, 2, 3, false, true, false>>();
}
TEST(AveragePool, CeilModeIncludePadCountsOnlyPaddedInput) {
  check_pool<pool_cfg<6, 5, 2, 3, 3, 2, 2, 1, 1, 0, 0, false, true, true>>();
}
TEST(AveragePool, CeilModeExcludePad) {
  check_pool<pool_cfg<6, 5, 2, 3, 3, 2, 2, 1, 1, 0, 0, false, false, true>>();
}
TEST(AveragePool, FineOutputType) {
  check_pool<pool_cfg<5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, false, false, false, fine_out_t>>();
}
TEST(AveragePool, TruncatingOutputType) {
  check_pool<pool_cfg<5, 6, 3, 3, 2, 1, 2, 1, 0, 1, 1, false, false, false, floor_out_t>>();
}
TEST(AveragePool, OneDimensional) {
  check_pool<pool_cfg<1, 10, 1, 1, 3, 1, 3, 0, 1, 0, 1, false, false, true>>();
}

// exact_quotient against the double quotient for every sum of a small type and every count of
// a 3x3 window, in several quantization modes.
template <class OUT>
void check_quotients() {
  typedef ap_fixed<12, 4> acc_t;
  for (int raw = -2048; raw < 2048; raw++) {
    const double sum = std::ldexp(double(raw), -8);
    for (unsigned n = 1; n <= 9; n++) {
      const OUT got = nnhls::exact_quotient<OUT>(acc_t(sum), ap_uint<16>(n));
      ASSERT_EQ(got.to_double(), OUT(sum / n).to_double()) << sum << " / " << n;
    }
  }
}

TEST(ExactQuotient, AllSumsAndCounts) {
  check_quotients<ap_fixed<8, 3, AP_RND_CONV, AP_SAT>>();
  check_quotients<floor_out_t>();
  check_quotients<rnd_zero_out_t>();
  check_quotients<ap_fixed<6, 4, AP_RND, AP_SAT>>();
  check_quotients<ap_fixed<20, 4, AP_RND_CONV, AP_SAT>>();
  check_quotients<ap_ufixed<8, 3, AP_RND_INF, AP_SAT>>();
}

// ---- sweep: many pseudo-random geometries (1-D and 2-D, kernels 1..4, strides 1..3, pads smaller
// than the kernel on each side independently, 1..3 channels, depthwise, floor and ceil_mode sizes).

constexpr unsigned sweep_bits(unsigned i, unsigned shift, unsigned mod) {
  return ((i * 2654435761u + 12345u) >> shift) % mod;
}

template <unsigned I>
struct sweep_geometry {
  static constexpr bool one_d = sweep_bits(I, 3, 4) == 0;
  static constexpr unsigned kh = one_d ? 1 : 1 + sweep_bits(I, 5, 3), kw = 1 + sweep_bits(I, 7, 4);
  static constexpr unsigned sh = 1 + sweep_bits(I, 9, 3), sw = 1 + sweep_bits(I, 11, 3);
  static constexpr unsigned pt = one_d ? 0 : sweep_bits(I, 13, kh),
                            pb = one_d ? 0 : sweep_bits(I, 15, kh);
  static constexpr unsigned pl = sweep_bits(I, 17, kw), pr = sweep_bits(I, 19, kw);
  static constexpr unsigned ih = one_d ? 1 : kh + sweep_bits(I, 21, 5),
                            iw = kw + sweep_bits(I, 23, 6);
  static constexpr unsigned ci = 1 + sweep_bits(I, 25, 3);
  static constexpr bool dw = sweep_bits(I, 27, 3) == 0;
  static constexpr unsigned co = dw ? ci : 1 + sweep_bits(I, 28, 3);
  // ceil_mode as PyTorch sizes it: no window may start in the end padding.
  static constexpr unsigned ceil_out(unsigned n, unsigned k, unsigned st, unsigned p0,
                                     unsigned p1) {
    const unsigned o = (n + p0 + p1 - k + st - 1) / st + 1;
    return (o - 1) * st >= n + p0 ? o - 1 : o;
  }
  static constexpr bool ceil_mode = sweep_bits(I, 29, 2) == 1;
  static constexpr unsigned pool_oh =
      ceil_mode ? ceil_out(ih, kh, sh, pt, pb) : (ih + pt + pb - kh) / sh + 1;
  static constexpr unsigned pool_ow =
      ceil_mode ? ceil_out(iw, kw, sw, pl, pr) : (iw + pl + pr - kw) / sw + 1;
};

template <unsigned I>
struct sweep_conv_cfg
    : conv_cfg<sweep_geometry<I>::ih, sweep_geometry<I>::iw, sweep_geometry<I>::ci,
               sweep_geometry<I>::co, sweep_geometry<I>::kh, sweep_geometry<I>::kw,
               sweep_geometry<I>::sh, sweep_geometry<I>::sw, sweep_geometry<I>::pt,
               sweep_geometry<I>::pl, sweep_geometry<I>::pb, sweep_geometry<I>::pr,
               sweep_geometry<I>::dw> {};

template <unsigned I, bool MAX>
struct sweep_pool_cfg {
  typedef sweep_geometry<I> g;
  static const unsigned in_h = g::ih, in_w = g::iw, ch = g::ci, k_h = g::kh, k_w = g::kw;
  static const unsigned stride_h = g::sh, stride_w = g::sw;
  static const unsigned pad_top = g::pt, pad_left = g::pl, pad_bottom = g::pb, pad_right = g::pr;
  static const unsigned out_h = g::pool_oh, out_w = g::pool_ow, max_batch = 4;
  static const unsigned in_size = in_h * in_w * ch, out_size = out_h * out_w * ch;
  static const bool is_max = MAX, count_include_pad = sweep_bits(I, 30, 2) == 1;
  typedef pool_in_t in_t;
  typedef ap_fixed<20, 10> accum_t;
  typedef ap_fixed<8, 3, AP_RND_CONV, AP_SAT> out_t;
};

template <unsigned I>
void check_sweep_case() {
  typedef sweep_geometry<I> g;
  SCOPED_TRACE(::testing::Message()
               << "sweep case " << I << ": in " << g::ih << "x" << g::iw << "x" << g::ci
               << ", kernel " << g::kh << "x" << g::kw << ", strides " << g::sh << "," << g::sw
               << ", pads t" << g::pt << " l" << g::pl << " b" << g::pb << " r" << g::pr
               << ", ch_out " << g::co << (g::dw ? " depthwise" : "")
               << (g::ceil_mode ? ", ceil_mode" : ""));
  check_conv<sweep_conv_cfg<I>>();
  check_pool<sweep_pool_cfg<I, true>>();
  check_pool<sweep_pool_cfg<I, false>>();
}

template <unsigned... I>
void check_sweep(std::integer_sequence<unsigned, I...>) {
  (check_sweep_case<I>(), ...);
}

TEST(SpatialSweep, RandomGeometries) { check_sweep(std::make_integer_sequence<unsigned, 16>()); }

// ---- global pool

template <unsigned NPIX, unsigned C, bool MAX, class OUT = ap_fixed<8, 3, AP_RND_CONV, AP_SAT>>
struct global_cfg {
  static const unsigned n_pix = NPIX, ch = C, max_batch = 4;
  static const unsigned in_size = NPIX * C, out_size = C;
  static const bool is_max = MAX;
  typedef pool_in_t in_t;
  typedef ap_fixed<22, 12> accum_t;
  typedef OUT out_t;
};

template <class CFG>
tensor global_reference(const tensor& x) {
  tensor y;
  for (unsigned c = 0; c < CFG::ch; c++) {
    double m = -INFINITY, sum = 0;
    for (unsigned p = 0; p < CFG::n_pix; p++) {
      m = std::max(m, x[p * CFG::ch + c]);
      sum += x[p * CFG::ch + c];
    }
    y.push_back(CFG::is_max ? m : sum / CFG::n_pix);
  }
  return y;
}

template <class CFG>
void check_global(int64_t limit = 0) {
  std::vector<tensor> in, want;
  for (unsigned s = 0; s < kBatch; s++) {
    in.push_back(random_tensor<pool_in_t>(CFG::in_size, limit));
    want.push_back(global_reference<CFG>(in.back()));
  }
  check_forms<CFG>(
      in, want,
      [](hls::stream<pool_in_t>& i, hls::stream<typename CFG::out_t>& o, unsigned n) {
        nnhls::global_pool<CFG>(i, o, n);
      },
      [](const pool_in_t* i, typename CFG::out_t* o) { nnhls::global_pool_array<CFG>(i, o); });
}

TEST(GlobalPool, Max) { check_global<global_cfg<35, 3, true>>(); }
// All values negative but one channel: the max must not start from 0.
TEST(GlobalPool, MaxOfNegatives) { check_global<global_cfg<6, 2, true>>(40); }
TEST(GlobalPool, Average) { check_global<global_cfg<35, 3, false>>(); }
TEST(GlobalPool, AverageOnePixelOneChannel) { check_global<global_cfg<1, 1, false>>(); }
TEST(GlobalPool, AverageFloorOutput) { check_global<global_cfg<7, 5, false, floor_out_t>>(); }

// ---- zero_pad and transpose2d

template <unsigned IH, unsigned IW, unsigned C, unsigned PT, unsigned PL, unsigned PB, unsigned PR>
struct pad_cfg {
  static const unsigned in_h = IH, in_w = IW, ch = C;
  static const unsigned pad_top = PT, pad_left = PL, pad_bottom = PB, pad_right = PR;
  static const unsigned out_h = PT + IH + PB, out_w = PL + IW + PR, max_batch = 4;
  static const unsigned in_size = IH * IW * C, out_size = out_h * out_w * C;
  typedef ap_fixed<10, 3> in_t;
  typedef ap_fixed<12, 4> out_t;
};

// ONNX Pad (constant 0) on the spatial axes of a channel-last tensor.
template <class CFG>
tensor pad_reference(const tensor& x) {
  tensor y(CFG::out_size, 0.0);
  for (unsigned iy = 0; iy < CFG::in_h; iy++)
    for (unsigned ix = 0; ix < CFG::in_w; ix++)
      for (unsigned c = 0; c < CFG::ch; c++)
        y[((iy + CFG::pad_top) * CFG::out_w + ix + CFG::pad_left) * CFG::ch + c] =
            x[(iy * CFG::in_w + ix) * CFG::ch + c];
  return y;
}

template <class CFG>
void check_pad() {
  std::vector<tensor> in, want;
  for (unsigned s = 0; s < kBatch; s++) {
    in.push_back(random_tensor<typename CFG::in_t>(CFG::in_size));
    want.push_back(pad_reference<CFG>(in.back()));
  }
  check_forms<CFG>(
      in, want,
      [](hls::stream<typename CFG::in_t>& i, hls::stream<typename CFG::out_t>& o, unsigned n) {
        nnhls::zero_pad<CFG>(i, o, n);
      },
      [](const typename CFG::in_t* i, typename CFG::out_t* o) {
        nnhls::zero_pad_array<CFG>(i, o);
      });
}

TEST(ZeroPad, AsymmetricPads) { check_pad<pad_cfg<5, 7, 3, 1, 0, 2, 3>>(); }
TEST(ZeroPad, NoPadIsCopy) { check_pad<pad_cfg<3, 4, 2, 0, 0, 0, 0>>(); }
TEST(ZeroPad, OneDimensional) { check_pad<pad_cfg<1, 9, 1, 0, 2, 0, 1>>(); }

template <unsigned R, unsigned C>
struct transpose_cfg {
  static const unsigned rows = R, cols = C, max_batch = 4, in_size = R * C, out_size = R * C;
  typedef ap_fixed<10, 3> in_t;
  typedef ap_fixed<10, 3> out_t;
};

template <class CFG>
void check_transpose() {
  std::vector<tensor> in, want;
  for (unsigned s = 0; s < kBatch; s++) {
    in.push_back(random_tensor<typename CFG::in_t>(CFG::in_size));
    tensor y(CFG::out_size);
    for (unsigned r = 0; r < CFG::rows; r++)
      for (unsigned c = 0; c < CFG::cols; c++) y[c * CFG::rows + r] = in.back()[r * CFG::cols + c];
    want.push_back(y);
  }
  check_forms<CFG>(
      in, want,
      [](hls::stream<typename CFG::in_t>& i, hls::stream<typename CFG::out_t>& o, unsigned n) {
        nnhls::transpose2d<CFG>(i, o, n);
      },
      [](const typename CFG::in_t* i, typename CFG::out_t* o) {
        nnhls::transpose2d_array<CFG>(i, o);
      });
}

TEST(Transpose2d, Rectangular) { check_transpose<transpose_cfg<35, 3>>(); }
TEST(Transpose2d, SingleRowAndColumn) {
  check_transpose<transpose_cfg<1, 7>>();
  check_transpose<transpose_cfg<6, 1>>();
}

}  // namespace
