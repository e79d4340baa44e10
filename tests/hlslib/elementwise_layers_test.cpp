// Element-wise, merge and array-form layers of the HLS library (nn_scale.h, nn_merge.h, the
// activations of nn_activation.h, dense_array, softmax_array), against plain double references
// written here from the ONNX operator definitions. Configs are written the way nngen emits them.
//
// Bit-exact where the layer's result is exact before the one conversion to out_t: every value
// below has at most 22 fraction bits and magnitude < 2^10, so the double reference is exact too
// and out_t(double) rounds it the same way. Table activations and hard_sigmoid (whose constants
// are quantized) are also held to an error bound against the real function. Every _array form
// must equal its stream form bit for bit, and stream forms run batch 3 (samples kept apart).
//
// Also built with NNFIXED_FREESTANDING (the bare-metal emulation; tests/hlslib/CMakeLists.txt):
// nothing here prints an ap_fixed, the freestanding build has no operator<<.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "nn_activation.h"
#include "nn_dense.h"
#include "nn_merge.h"
#include "nn_scale.h"
#include "nn_softmax.h"

namespace {

typedef ap_fixed<16, 6, AP_RND_CONV, AP_SAT> data_t;     // 10 fraction bits, [-32, 32)
typedef ap_fixed<12, 3, AP_RND_CONV, AP_SAT> small_t;    // 9 fraction bits, [-4, 4)
typedef ap_fixed<10, 4, AP_RND_CONV, AP_SAT> narrow_t;   // 6 fraction bits, [-8, 8): rounds
typedef ap_fixed<18, 2, AP_RND_CONV, AP_SAT> p18_t;      // 16 fraction bits
typedef ap_fixed<40, 16, AP_TRN, AP_WRAP> wide_accum_t;  // 24 fraction bits: exact here

const unsigned kBatch = 3;

std::mt19937& rng() {
  static std::mt19937 r(12345);
  return r;
}

// A uniformly random value of the fixed-point type with `frac` fraction bits and `width` bits.
template <class T>
T random_value(int width, int frac) {
  std::uniform_int_distribution<long> raw(-(1L << (width - 1)), (1L << (width - 1)) - 1);
  return T(std::ldexp(double(raw(rng())), -frac));
}
data_t rand_data() { return random_value<data_t>(16, 10); }
small_t rand_small() { return random_value<small_t>(12, 9); }

// Every value of data_t, via its raw bits.
std::vector<data_t> all_data_values() {
  std::vector<data_t> v;
  for (int raw = -32768; raw < 32768; ++raw) v.push_back(data_t(std::ldexp(double(raw), -10)));
  return v;
}

template <class T>
std::vector<T> drain(hls::stream<T>& s) {
  std::vector<T> v;
  while (!s.empty()) v.push_back(s.read());
  return v;
}

// Bits of two values of one type (equal doubles <=> equal bits for a fixed-point type).
template <class T>
void expect_same_bits(const std::vector<T>& a, const std::vector<T>& b, const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].to_double(), b[i].to_double()) << what << " element " << i;
  }
}

// Runs an element-wise layer with one input and one output: the stream form over kBatch samples,
// then the array form sample by sample; checks both against `ref` (exactly) and each other.
template <class CFG, class Stream, class Array, class Ref>
void check_unary(const std::vector<typename CFG::in_t>& x, Stream stream_form, Array array_form,
                 Ref ref) {
  ASSERT_EQ(x.size() % CFG::n, 0u);
  const unsigned batch = unsigned(x.size() / CFG::n);
  hls::stream<typename CFG::in_t> in;
  hls::stream<typename CFG::out_t> out;
  for (const auto& v : x) in.write(v);
  stream_form(in, out, batch);
  EXPECT_TRUE(in.empty());
  const std::vector<typename CFG::out_t> got = drain(out);
  ASSERT_EQ(got.size(), x.size());
  std::vector<typename CFG::out_t> arr(x.size());
  for (unsigned s = 0; s < batch; ++s) array_form(&x[s * CFG::n], &arr[s * CFG::n]);
  expect_same_bits(got, arr, "array form vs stream form");
  for (size_t k = 0; k < x.size(); ++k) {
    const typename CFG::out_t want(ref(x[k].to_double(), unsigned(k % CFG::n)));
    ASSERT_EQ(got[k].to_double(), want.to_double()) << "x = " << x[k].to_double() << " at " << k;
  }
}

}  // namespace

// ---------------------------------------------------------------- add / concat / split

namespace {
struct add_cfg {
  static const unsigned n = 12, max_batch = 4, in_size = 12, out_size = 12;
  typedef data_t in0_t;
  typedef small_t in1_t;
  typedef narrow_t out_t;  // rounds (6 fraction bits) and saturates ([-8, 8))
};
}  // namespace

TEST(Add, ExactSumThenOneRoundingAndArrayFormAgrees) {
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<data_t> a(add_cfg::n * kBatch);
    std::vector<small_t> b(a.size());
    hls::stream<data_t> in0;
    hls::stream<small_t> in1;
    hls::stream<narrow_t> out;
    for (size_t k = 0; k < a.size(); ++k) {
      // Half the values small, so that not everything saturates.
      a[k] = (k % 2) ? rand_data() : data_t(rand_small());
      b[k] = rand_small();
      in0.write(a[k]);
      in1.write(b[k]);
    }
    nnhls::add<add_cfg>(in0, in1, out, kBatch);
    EXPECT_TRUE(in0.empty() && in1.empty());
    const std::vector<narrow_t> got = drain(out);
    ASSERT_EQ(got.size(), a.size());
    for (size_t k = 0; k < a.size(); ++k) {
      const narrow_t want(a[k].to_double() + b[k].to_double());
      ASSERT_EQ(got[k].to_double(), want.to_double()) << trial << " " << k;
    }
    std::vector<narrow_t> arr(a.size());
    for (unsigned s = 0; s < kBatch; ++s)
      nnhls::add_array<add_cfg>(&a[s * add_cfg::n], &b[s * add_cfg::n], &arr[s * add_cfg::n]);
    expect_same_bits(got, arr, "add_array");
  }
}

TEST(Add, RoundsToNearestEvenAndSaturates) {
  hls::stream<data_t> in0;
  hls::stream<small_t> in1;
  hls::stream<narrow_t> out;
  // 0.5/64 + 0 is a tie between 0 and 1/64 (to even: 0); 1.5/64 ties to 2/64; 31 + 3 saturates
  // to the largest narrow_t (8 - 1/64), -31 - 3 to -8.
  const double a[] = {0.5 / 64, 1.5 / 64, 31, -31, 1.25, -2};
  const double b[] = {0, 0, 3, -3, 0.75, -0.001953125};
  const double want[] = {0, 2.0 / 64, 8 - 1.0 / 64, -8, 2, -2};
  for (int batch_pad = 0; batch_pad < 12; ++batch_pad) {
    in0.write(data_t(batch_pad < 6 ? a[batch_pad] : 0.0));
    in1.write(small_t(batch_pad < 6 ? b[batch_pad] : 0.0));
  }
  nnhls::add<add_cfg>(in0, in1, out, 1);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(out.read().to_double(), want[i]) << i;
}

namespace {
struct concat_cfg {
  static const unsigned n_pix = 5, ch0 = 3, ch1 = 2, max_batch = 4;
  static const unsigned in_size = n_pix * (ch0 + ch1), out_size = n_pix * (ch0 + ch1);
  typedef data_t in0_t;
  typedef small_t in1_t;
  typedef data_t out_t;
};
struct vector_concat_cfg {  // a vector concat: one "pixel"
  static const unsigned n_pix = 1, ch0 = 4, ch1 = 7, max_batch = 4, in_size = 11, out_size = 11;
  typedef data_t in0_t;
  typedef data_t in1_t;
  typedef narrow_t out_t;  // converts (rounds, saturates) what it copies
};

template <class CFG>
void check_concat() {
  const unsigned n0 = CFG::n_pix * CFG::ch0, n1 = CFG::n_pix * CFG::ch1;
  std::vector<typename CFG::in0_t> a(n0 * kBatch);
  std::vector<typename CFG::in1_t> b(n1 * kBatch);
  hls::stream<typename CFG::in0_t> in0;
  hls::stream<typename CFG::in1_t> in1;
  hls::stream<typename CFG::out_t> out;
  for (auto& v : a) in0.write(v = typename CFG::in0_t(rand_data()));
  for (auto& v : b) in1.write(v = typename CFG::in1_t(rand_small()));
  nnhls::concat<CFG>(in0, in1, out, kBatch);
  EXPECT_TRUE(in0.empty() && in1.empty());
  const std::vector<typename CFG::out_t> got = drain(out);
  ASSERT_EQ(got.size(), size_t(CFG::out_size) * kBatch);
  // The reference: per sample, per pixel, ch0 values of in0 then ch1 values of in1.
  std::vector<typename CFG::out_t> want;
  for (unsigned s = 0; s < kBatch; ++s)
    for (unsigned p = 0; p < CFG::n_pix; ++p) {
      for (unsigned c = 0; c < CFG::ch0; ++c)
        want.push_back(typename CFG::out_t(a[s * n0 + p * CFG::ch0 + c].to_double()));
      for (unsigned c = 0; c < CFG::ch1; ++c)
        want.push_back(typename CFG::out_t(b[s * n1 + p * CFG::ch1 + c].to_double()));
    }
  expect_same_bits(got, want, "concat vs reference");
  std::vector<typename CFG::out_t> arr(got.size());
  for (unsigned s = 0; s < kBatch; ++s)
    nnhls::concat_array<CFG>(&a[s * n0], &b[s * n1], &arr[s * CFG::out_size]);
  expect_same_bits(got, arr, "concat_array");
}
}  // namespace

TEST(Concat, ChannelsOfEachPixelFromIn0ThenIn1) {
  for (int trial = 0; trial < 20; ++trial) check_concat<concat_cfg>();
}

TEST(Concat, VectorConcatConvertsToOutT) {
  for (int trial = 0; trial < 20; ++trial) check_concat<vector_concat_cfg>();
}

namespace {
struct split_cfg {
  static const unsigned n = 7, max_batch = 4, in_size = 7, out_size = 7;
  typedef data_t in_t;
  typedef data_t out_t;
};
}  // namespace

TEST(Split, CopiesEveryTokenToBothOutputs) {
  std::vector<data_t> x(split_cfg::n * kBatch);
  hls::stream<data_t> in, out0, out1;
  for (auto& v : x) in.write(v = rand_data());
  nnhls::split<split_cfg>(in, out0, out1, kBatch);
  EXPECT_TRUE(in.empty());
  expect_same_bits(drain(out0), x, "split out0");
  expect_same_bits(drain(out1), x, "split out1");
}

// ---------------------------------------------------------------- scale_shift / prelu

namespace {
struct scale_cfg {
  static const unsigned n = 4 * 3, ch = 3, max_batch = 4, in_size = 12, out_size = 12;
  typedef data_t in_t;
  typedef ap_fixed<16, 4, AP_RND_CONV, AP_SAT> scale_t;  // 12 fraction bits
  typedef data_t shift_t;
  typedef wide_accum_t accum_t;  // products: 22 fraction bits, |.| < 256
  typedef narrow_t out_t;
};
struct prelu_cfg {
  static const unsigned n = 5 * 2, ch = 2, max_batch = 4, in_size = 10, out_size = 10;
  typedef data_t in_t;
  typedef p18_t slope_t;
  typedef wide_accum_t accum_t;
  typedef data_t out_t;
};
}  // namespace

TEST(ScaleShift, PerChannelAffineExactThenOneRounding) {
  for (int trial = 0; trial < 50; ++trial) {
    scale_cfg::scale_t scale[scale_cfg::ch];
    scale_cfg::shift_t shift[scale_cfg::ch];
    for (auto& v : scale) v = random_value<scale_cfg::scale_t>(16, 12);
    for (auto& v : shift) v = rand_small();
    std::vector<data_t> x(scale_cfg::n * kBatch);
    for (auto& v : x) v = (trial % 2) ? rand_data() : data_t(rand_small());
    check_unary<scale_cfg>(
        x,
        [&](hls::stream<data_t>& i, hls::stream<narrow_t>& o, unsigned b) {
          nnhls::scale_shift<scale_cfg>(i, o, scale, shift, b);
        },
        [&](const data_t* i, narrow_t* o) {
          nnhls::scale_shift_array<scale_cfg>(i, o, scale, shift);
        },
        [&](double v, unsigned i) {
          // channel-last: element i of a sample is channel i % ch
          return v * scale[i % scale_cfg::ch].to_double() + shift[i % scale_cfg::ch].to_double();
        });
  }
}

TEST(Prelu, PerChannelSlopeOnNegativeInputsOnly) {
  for (int trial = 0; trial < 50; ++trial) {
    p18_t slope[prelu_cfg::ch];
    for (auto& v : slope) v = random_value<p18_t>(18, 16);
    std::vector<data_t> x(prelu_cfg::n * kBatch);
    for (auto& v : x) v = rand_data();
    check_unary<prelu_cfg>(
        x,
        [&](hls::stream<data_t>& i, hls::stream<data_t>& o, unsigned b) {
          nnhls::prelu<prelu_cfg>(i, o, slope, b);
        },
        [&](const data_t* i, data_t* o) { nnhls::prelu_array<prelu_cfg>(i, o, slope); },
        [&](double v, unsigned i) {
          return v >= 0 ? v : v * slope[i % prelu_cfg::ch].to_double();
        });
  }
}

// ---------------------------------------------------------------- activations

namespace {
template <unsigned N>
struct unary_sizes {
  static const unsigned n = N, max_batch = 4, in_size = N, out_size = N;
};

struct leaky_cfg : unary_sizes<8> {
  typedef data_t in_t;
  typedef p18_t param_t;
  typedef data_t out_t;
  static param_t alpha() { return param_t(0.01); }
};
struct leaky_big_cfg : unary_sizes<8> {  // alpha > 1 (allowed by ONNX), narrow output
  typedef data_t in_t;
  typedef ap_fixed<18, 4, AP_RND_CONV, AP_SAT> param_t;
  typedef narrow_t out_t;
  static param_t alpha() { return param_t(1.7); }
};
struct relu6_cfg : unary_sizes<8> {
  typedef data_t in_t;
  typedef narrow_t out_t;
  typedef ap_fixed<18, 6, AP_RND_CONV, AP_SAT> param_t;
  static param_t lo() { return param_t(0.0); }
  static param_t hi() { return param_t(6.0); }
};
struct clip_frac_cfg : unary_sizes<8> {  // bounds that the parameter type quantizes
  typedef data_t in_t;
  typedef data_t out_t;
  typedef ap_fixed<12, 4, AP_RND_CONV, AP_SAT> param_t;
  static param_t lo() { return param_t(-0.3); }
  static param_t hi() { return param_t(2.71828); }
};
struct clip_crossed_cfg : unary_sizes<8> {  // lo > hi: min(max(x, lo), hi) = hi for every x
  typedef data_t in_t;
  typedef data_t out_t;
  typedef ap_fixed<18, 6, AP_RND_CONV, AP_SAT> param_t;
  static param_t lo() { return param_t(2.0); }
  static param_t hi() { return param_t(1.0); }
};
struct hard_sigmoid_cfg : unary_sizes<8> {  // ONNX defaults alpha 0.2, beta 0.5
  typedef data_t in_t;
  typedef p18_t param_t;
  typedef wide_accum_t accum_t;
  typedef data_t out_t;
  static param_t alpha() { return param_t(0.2); }
  static param_t beta() { return param_t(0.5); }
};

std::vector<data_t> all_values_padded(unsigned n) {
  std::vector<data_t> x = all_data_values();
  while (x.size() % n) x.push_back(data_t(0));
  return x;
}

template <class CFG>
void check_leaky() {
  const double a = CFG::alpha().to_double();
  check_unary<CFG>(
      all_values_padded(CFG::n),
      [](hls::stream<data_t>& i, hls::stream<typename CFG::out_t>& o, unsigned b) {
        nnhls::leaky_relu<CFG>(i, o, b);
      },
      [](const data_t* i, typename CFG::out_t* o) { nnhls::leaky_relu_array<CFG>(i, o); },
      [a](double v, unsigned) { return v >= 0 ? v : v * a; });
}

template <class CFG>
void check_clip() {
  const double lo = CFG::lo().to_double(), hi = CFG::hi().to_double();
  check_unary<CFG>(
      all_values_padded(CFG::n),
      [](hls::stream<data_t>& i, hls::stream<typename CFG::out_t>& o, unsigned b) {
        nnhls::clip<CFG>(i, o, b);
      },
      [](const data_t* i, typename CFG::out_t* o) { nnhls::clip_array<CFG>(i, o); },
      [lo, hi](double v, unsigned) { return std::min(std::max(v, lo), hi); });
}
}  // namespace

TEST(LeakyRelu, ExactProductThenOneRoundingForEveryInput) {
  check_leaky<leaky_cfg>();
  check_leaky<leaky_big_cfg>();
}

TEST(LeakyRelu, CloseToTheRealAlpha) {
  // |x| < 32 times the quantization of 0.01 (at most 2^-17), plus half an output LSB.
  const double bound = 32 * std::fabs(0.01 - leaky_cfg::alpha().to_double()) + std::ldexp(1.0, -11);
  EXPECT_LE(std::fabs(0.01 - leaky_cfg::alpha().to_double()), std::ldexp(1.0, -17));
  for (const data_t& x : all_data_values()) {
    const data_t y = nnhls::leaky_relu_fn<leaky_cfg>()(x);
    const double v = x.to_double();
    ASSERT_LE(std::fabs(y.to_double() - (v >= 0 ? v : 0.01 * v)), bound + 1e-12) << v;
  }
}

TEST(Clip, ClampsToTheQuantizedBounds) {
  check_clip<relu6_cfg>();
  check_clip<clip_frac_cfg>();
  check_clip<clip_crossed_cfg>();
  // Spot values: the bounds really are where the quantized constants say.
  EXPECT_EQ(nnhls::clip_fn<relu6_cfg>()(data_t(7.5)).to_double(), 6.0);
  EXPECT_EQ(nnhls::clip_fn<relu6_cfg>()(data_t(-0.5)).to_double(), 0.0);
  EXPECT_EQ(nnhls::clip_fn<clip_crossed_cfg>()(data_t(-20)).to_double(), 1.0);
  EXPECT_EQ(nnhls::clip_fn<clip_crossed_cfg>()(data_t(1.5)).to_double(), 1.0);
}

TEST(HardSigmoid, ExactWithTheQuantizedConstantsForEveryInput) {
  const double a = hard_sigmoid_cfg::alpha().to_double(), b = hard_sigmoid_cfg::beta().to_double();
  check_unary<hard_sigmoid_cfg>(
      all_values_padded(hard_sigmoid_cfg::n),
      [](hls::stream<data_t>& i, hls::stream<data_t>& o, unsigned n) {
        nnhls::hard_sigmoid<hard_sigmoid_cfg>(i, o, n);
      },
      [](const data_t* i, data_t* o) { nnhls::hard_sigmoid_array<hard_sigmoid_cfg>(i, o); },
      [a, b](double v, unsigned) { return std::max(0.0, std::min(1.0, a * v + b)); });
}

TEST(HardSigmoid, ErrorBoundAgainstTheOnnxDefinition) {
  // Clamping is 1-Lipschitz: |x| < 32 times alpha's quantization, plus beta's (0.5 is exact),
  // plus half an output LSB.
  const double da = std::fabs(0.2 - hard_sigmoid_cfg::alpha().to_double());
  EXPECT_LE(da, std::ldexp(1.0, -17));
  const double bound = 32 * da + std::ldexp(1.0, -11);
  double worst = 0;
  for (const data_t& x : all_data_values()) {
    const double want = std::max(0.0, std::min(1.0, 0.2 * x.to_double() + 0.5));
    worst = std::max(worst,
                     std::fabs(nnhls::hard_sigmoid_fn<hard_sigmoid_cfg>()(x).to_double() - want));
  }
  EXPECT_LE(worst, bound + 1e-12);
  EXPECT_GT(worst, 0.0);  // the check is not vacuous: rounding does happen
}

// ---------------------------------------------------------------- signed table (Elu, Selu)

namespace {
struct elu_cfg : unary_sizes<8> {
  typedef data_t in_t;
  typedef data_t out_t;
  typedef p18_t param_t;
  static const int lo = -8;
  static const int hi = 0;
  static const int scale2 = 128;  // step 1/64
  static const unsigned table_size = 513;
  typedef ap_fixed<25, 15, AP_TRN, AP_WRAP> arith_t;
  static out_t table[table_size];
  static param_t gain() { return param_t(1.0); }
};
elu_cfg::out_t elu_cfg::table[513];

const double kSeluGamma = 1.0507009873554804934193349852946;
const double kSeluAlpha = 1.6732632423543772848170429916717;
struct selu_cfg : elu_cfg {
  static out_t table[table_size];
  static param_t gain() { return param_t(1.0507009873554804934193349852946); }
};
selu_cfg::out_t selu_cfg::table[513];

double elu(double x) { return x >= 0 ? x : std::exp(x) - 1; }
double selu(double x) {
  return x >= 0 ? kSeluGamma * x : kSeluGamma * kSeluAlpha * (std::exp(x) - 1);
}

// What nngen emits: entry k holds f(lo + k / scale) for the negative side.
template <class CFG>
void fill_signed_table(double (*f)(double)) {
  const double scale = CFG::scale2 / 2;
  for (unsigned k = 0; k < CFG::table_size; ++k)
    CFG::table[k] = typename CFG::out_t(f(CFG::lo + k / scale));
}

template <class CFG>
double signed_table_worst_error(double (*f)(double)) {
  fill_signed_table<CFG>(f);
  const double g = CFG::gain().to_double();
  // Exact: positive inputs give the product with the quantized gain, rounded once; negative
  // ones the table entry nearest x (the index formula written out). Array form equal.
  check_unary<CFG>(
      all_values_padded(CFG::n),
      [](hls::stream<data_t>& i, hls::stream<data_t>& o, unsigned b) {
        nnhls::signed_table_activation<CFG>(i, o, b);
      },
      [](const data_t* i, data_t* o) { nnhls::signed_table_activation_array<CFG>(i, o); },
      [g](double v, unsigned) {
        if (v >= 0) return v * g;
        const double k =
            std::min(double(CFG::table_size - 1),
                     std::max(0.0, std::floor((v - CFG::lo) * (CFG::scale2 / 2) + 0.5)));
        return CFG::table[unsigned(k)].to_double();
      });
  double worst = 0;
  for (const data_t& x : all_data_values()) {
    const double want = f(x.to_double());
    if (std::fabs(want) >= 31.9) continue;  // beyond out_t's range: saturates (checked above)
    const double err = std::fabs(nnhls::signed_table_fn<CFG>()(x).to_double() - want);
    worst = std::max(worst, err);
  }
  return worst;
}
}  // namespace

TEST(SignedTableActivation, EluErrorBoundOverEveryInput) {
  // Negative side: half a step (1/128) times the largest slope (1), plus half an output LSB, and
  // beyond x = -8 the end value (error e^-8 < 3.4e-4). Positive side exact (gain 1).
  EXPECT_LT(signed_table_worst_error<elu_cfg>(elu), 1.0 / 128 + std::ldexp(1.0, -11) + 3.4e-4);
}

TEST(SignedTableActivation, SeluErrorBoundOverEveryInput) {
  // Negative side as Elu, scaled by gamma * alpha (< 1.76); positive side: |x| < 32 times the
  // gain's quantization (at most 2^-17) plus half an output LSB.
  const double ga = kSeluGamma * kSeluAlpha;
  const double neg = ga / 128 + std::ldexp(1.0, -11) + ga * 3.4e-4;
  const double pos = 32 * std::ldexp(1.0, -17) + std::ldexp(1.0, -11);
  EXPECT_LT(signed_table_worst_error<selu_cfg>(selu), std::max(neg, pos));
  // Selu's positive side is not the identity: x = 10 gives 10.507 (to the output LSB).
  EXPECT_NEAR(nnhls::signed_table_fn<selu_cfg>()(data_t(10)).to_double(), 10.507, 0.001);
}

// ---------------------------------------------------------------- existing layers' array forms

namespace {
struct relu_cfg : unary_sizes<16> {
  typedef data_t in_t;
  typedef narrow_t out_t;
};
struct sigmoid_cfg : unary_sizes<8> {
  typedef data_t in_t;
  typedef data_t out_t;
  static const int lo = -8;
  static const int hi = 8;
  static const int scale2 = 128;
  static const unsigned table_size = 1025;
  typedef ap_fixed<25, 15, AP_TRN, AP_WRAP> arith_t;
  static out_t table[table_size];
};
sigmoid_cfg::out_t sigmoid_cfg::table[1025];
}  // namespace

TEST(ArrayForms, ReluEqualsStreamFormForEveryInput) {
  check_unary<relu_cfg>(
      all_values_padded(relu_cfg::n),
      [](hls::stream<data_t>& i, hls::stream<narrow_t>& o, unsigned b) {
        nnhls::relu<relu_cfg>(i, o, b);
      },
      [](const data_t* i, narrow_t* o) { nnhls::relu_array<relu_cfg>(i, o); },
      [](double v, unsigned) { return std::max(v, 0.0); });
}

TEST(ArrayForms, TableActivationEqualsStreamFormForEveryInput) {
  for (unsigned k = 0; k < sigmoid_cfg::table_size; ++k)
    sigmoid_cfg::table[k] = data_t(1 / (1 + std::exp(-(sigmoid_cfg::lo + k / 64.0))));
  check_unary<sigmoid_cfg>(
      all_values_padded(sigmoid_cfg::n),
      [](hls::stream<data_t>& i, hls::stream<data_t>& o, unsigned b) {
        nnhls::table_activation<sigmoid_cfg>(i, o, b);
      },
      [](const data_t* i, data_t* o) { nnhls::table_activation_array<sigmoid_cfg>(i, o); },
      [](double v, unsigned) {
        const double k = std::min(1024.0, std::max(0.0, std::floor((v + 8) * 64 + 0.5)));
        return sigmoid_cfg::table[unsigned(k)].to_double();
      });
}

namespace {
template <unsigned REUSE>
struct dense_cfg {
  static const unsigned n_in = 9, n_out = 6, reuse = REUSE, max_batch = 4;
  static const unsigned in_size = n_in, out_size = n_out;
  typedef data_t in_t;
  typedef data_t weight_t;
  typedef data_t bias_t;
  typedef ap_fixed<44, 24, AP_TRN, AP_WRAP> accum_t;  // 12 + ceil(log2(10)) integer bits
  typedef data_t out_t;
};

template <class CFG>
void check_dense() {
  for (int trial = 0; trial < 100; ++trial) {
    data_t w[CFG::n_out][CFG::n_in], b[CFG::n_out];
    for (auto& row : w)
      for (auto& v : row) v = rand_data();
    for (auto& v : b) v = rand_data();
    std::vector<data_t> x(CFG::n_in * kBatch);
    hls::stream<data_t> in, out;
    for (auto& v : x) in.write(v = (trial % 2) ? rand_data() : data_t(rand_small()));
    nnhls::dense<CFG>(in, out, w, b, kBatch);
    EXPECT_TRUE(in.empty());
    const std::vector<data_t> got = drain(out);
    ASSERT_EQ(got.size(), size_t(CFG::n_out) * kBatch);
    std::vector<data_t> arr(got.size());
    for (unsigned s = 0; s < kBatch; ++s) {
      nnhls::dense_array<CFG>(&x[s * CFG::n_in], &arr[s * CFG::n_out], w, b);
      for (unsigned o = 0; o < CFG::n_out; ++o) {
        double acc = b[o].to_double();  // exact: 20 fraction bits, |acc| < 2^14
        for (unsigned i = 0; i < CFG::n_in; ++i)
          acc += x[s * CFG::n_in + i].to_double() * w[o][i].to_double();
        ASSERT_EQ(got[s * CFG::n_out + o].to_double(), data_t(acc).to_double())
            << trial << " " << s;
      }
    }
    expect_same_bits(got, arr, "dense_array");
  }
}
}  // namespace

TEST(ArrayForms, DenseArrayEqualsDenseAndTheExactReference) {
  check_dense<dense_cfg<1>>();
  check_dense<dense_cfg<3>>();
}

namespace {
struct softmax_cfg : unary_sizes<10> {
  typedef data_t in_t;
  typedef ap_fixed<17, 7, AP_TRN, AP_WRAP> diff_t;
  typedef ap_ufixed<18, 1, AP_RND_CONV, AP_SAT> exp_t;
  typedef ap_ufixed<22, 5, AP_TRN, AP_WRAP> sum_t;
  typedef data_t out_t;
  static const int lo = -8;
  static const int hi = 0;
  static const int scale2 = 256;
  static const unsigned table_size = 1025;
  typedef ap_fixed<27, 17, AP_TRN, AP_WRAP> arith_t;
  static exp_t table[table_size];
};
softmax_cfg::exp_t softmax_cfg::table[1025];
}  // namespace

TEST(ArrayForms, SoftmaxArrayEqualsSoftmax) {
  for (unsigned k = 0; k < softmax_cfg::table_size; ++k)
    softmax_cfg::table[k] = softmax_cfg::exp_t(std::exp(-8 + k / 128.0));
  std::normal_distribution<double> g(0, 4);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<data_t> x(softmax_cfg::n * kBatch);
    hls::stream<data_t> in, out;
    for (size_t k = 0; k < x.size(); ++k) {
      // Some samples with ties for the maximum (trial % 3 == 0): first maximum either way.
      x[k] = trial % 3 == 0 ? data_t(double(int(g(rng())) / 4)) : data_t(g(rng()));
      in.write(x[k]);
    }
    nnhls::softmax<softmax_cfg>(in, out, kBatch);
    const std::vector<data_t> got = drain(out);
    std::vector<data_t> arr(got.size());
    for (unsigned s = 0; s < kBatch; ++s)
      nnhls::softmax_array<softmax_cfg>(&x[s * softmax_cfg::n], &arr[s * softmax_cfg::n]);
    expect_same_bits(got, arr, "softmax_array");
    // Samples kept apart: each sample's outputs sum to about 1 on their own.
    for (unsigned s = 0; s < kBatch; ++s) {
      double sum = 0;
      for (unsigned i = 0; i < softmax_cfg::n; ++i) sum += got[s * softmax_cfg::n + i].to_double();
      EXPECT_NEAR(sum, 1.0, 0.01) << trial << " " << s;
    }
  }
}
