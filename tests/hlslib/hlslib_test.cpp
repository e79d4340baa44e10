// Layer library tests: configs are written here the way nngen emits them.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "nn_activation.h"
#include "nn_bus_io.h"
#include "nn_dense.h"
#include "nn_softmax.h"

namespace {

typedef ap_fixed<16, 6, AP_RND_CONV, AP_SAT> data_t;

// Every value of data_t, via its raw bits.
std::vector<data_t> all_values() {
  std::vector<data_t> v;
  for (int raw = -32768; raw < 32768; ++raw) v.push_back(data_t(std::ldexp(double(raw), -10)));
  return v;
}

struct sigmoid_cfg {
  static const unsigned n = 1, max_batch = 1;
  typedef data_t in_t;
  typedef data_t out_t;
  static const int lo = -8;
  static const int hi = 8;
  static const int scale2 = 128;
  static const unsigned table_size = 1025;
  typedef ap_fixed<25, 15, AP_TRN, AP_WRAP> arith_t;  // what nngen emits for ap_fixed<16,6>
  static out_t table[table_size];
};
sigmoid_cfg::out_t sigmoid_cfg::table[1025];

struct tanh_cfg {
  static const unsigned n = 1, max_batch = 1;
  typedef data_t in_t;
  typedef data_t out_t;
  static const int lo = -4;
  static const int hi = 4;
  static const int scale2 = 256;
  static const unsigned table_size = 1025;
  typedef ap_fixed<26, 16, AP_TRN, AP_WRAP> arith_t;  // what nngen emits
  static out_t table[table_size];
};
tanh_cfg::out_t tanh_cfg::table[1025];

template <class CFG>
void fill_table(double (*f)(double)) {
  const double scale = CFG::scale2 / 2;
  for (unsigned k = 0; k < CFG::table_size; ++k) CFG::table[k] = typename CFG::out_t(f(CFG::lo + k / scale));
}

template <class CFG>
double worst_error(double (*f)(double)) {
  fill_table<CFG>(f);
  double worst = 0;
  for (const data_t& x : all_values()) {
    hls::stream<data_t> in, out;
    in.write(x);
    nnhls::table_activation<CFG>(in, out, 1);
    worst = std::max(worst, std::fabs(out.read().to_double() - f(x.to_double())));
  }
  return worst;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double tanh_d(double x) { return std::tanh(x); }

}  // namespace

template <class CFG>
void expect_nearest_sample_point() {
  for (const data_t& x : all_values()) {
    const double exact = (x.to_double() - CFG::lo) * (CFG::scale2 / 2);
    const double want = std::min(double(CFG::table_size - 1), std::max(0.0, std::floor(exact + 0.5)));
    ASSERT_EQ(nnhls::table_index<CFG>(x), unsigned(want)) << x.to_double();
  }
}

TEST(TableIndex, IsTheNearestSamplePointForEveryInput) {
  expect_nearest_sample_point<sigmoid_cfg>();
  expect_nearest_sample_point<tanh_cfg>();
}

namespace {
struct wide_sigmoid_cfg {  // a wide integer part: (x - lo) * scale2 would not fit an int
  typedef ap_fixed<40, 36, AP_RND_CONV, AP_SAT> in_t;
  static const int lo = -8;
  static const int hi = 8;
  static const int scale2 = 128;
  static const unsigned table_size = 1025;
  typedef ap_fixed<48, 44, AP_TRN, AP_WRAP> arith_t;
};
}  // namespace

TEST(TableIndex, WideInputsClampBeforeScaling) {
  EXPECT_EQ(nnhls::table_index<wide_sigmoid_cfg>(wide_sigmoid_cfg::in_t(double(1ull << 33))), 1024u);
  EXPECT_EQ(nnhls::table_index<wide_sigmoid_cfg>(wide_sigmoid_cfg::in_t(-double(1ull << 33))), 0u);
  EXPECT_EQ(nnhls::table_index<wide_sigmoid_cfg>(wide_sigmoid_cfg::in_t(0.0)), 512u);
}

TEST(TableActivation, SigmoidErrorBoundOverEveryInput) {
  // half a step (1/128) times the largest slope (1/4), plus half an output LSB (2^-11),
  // and the saturation error beyond |x| = 8 (3.4e-4).
  EXPECT_LT(worst_error<sigmoid_cfg>(sigmoid), 0.25 / 128 + std::ldexp(1.0, -11) + 1e-6);
}

TEST(TableActivation, TanhErrorBoundOverEveryInput) {
  EXPECT_LT(worst_error<tanh_cfg>(tanh_d), 1.0 / 256 + std::ldexp(1.0, -11) + 1e-6);
}

namespace {
struct dense_cfg {
  static const unsigned n_in = 7, n_out = 5, reuse = 1, max_batch = 4;
  typedef data_t in_t;
  typedef data_t weight_t;
  typedef data_t bias_t;
  typedef ap_fixed<43, 23, AP_TRN, AP_WRAP> accum_t;  // 12 + ceil(log2(8)) integer bits, 20 fraction
  typedef data_t out_t;
};
}  // namespace

TEST(Dense, ExactAccumulationThenOneRounding) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> raw(-32768, 32767);
  auto rnd = [&] { return data_t(std::ldexp(double(raw(rng)), -10)); };
  for (int trial = 0; trial < 200; ++trial) {
    data_t w[dense_cfg::n_out][dense_cfg::n_in], b[dense_cfg::n_out];
    for (auto& row : w)
      for (auto& v : row) v = rnd();
    for (auto& v : b) v = rnd();
    hls::stream<data_t> in, out;
    std::vector<data_t> x(dense_cfg::n_in * 2);
    for (auto& v : x) in.write(v = rnd());
    nnhls::dense<dense_cfg>(in, out, w, b, 2);
    for (unsigned s = 0; s < 2; ++s) {
      for (unsigned o = 0; o < dense_cfg::n_out; ++o) {
        // Exact in double: products need 20 fraction bits, sums < 2^23.
        double acc = b[o].to_double();
        for (unsigned i = 0; i < dense_cfg::n_in; ++i) acc += x[s * dense_cfg::n_in + i].to_double() * w[o][i].to_double();
        const data_t want = data_t(acc);  // the one rounding (RND_CONV) and saturation
        ASSERT_EQ(out.read().to_double(), want.to_double()) << trial << " " << s << " " << o;
      }
    }
    EXPECT_TRUE(out.empty());
  }
}

namespace {
struct softmax_cfg {
  static const unsigned n = 10, max_batch = 1;
  typedef data_t in_t;
  typedef ap_fixed<17, 7, AP_TRN, AP_WRAP> diff_t;
  typedef ap_ufixed<18, 1, AP_RND_CONV, AP_SAT> exp_t;
  typedef ap_ufixed<22, 5, AP_TRN, AP_WRAP> sum_t;
  typedef data_t out_t;
  static const int lo = -8;
  static const int hi = 0;
  static const int scale2 = 256;
  static const unsigned table_size = 1025;
  typedef ap_fixed<27, 17, AP_TRN, AP_WRAP> arith_t;  // what nngen emits
  static exp_t table[table_size];
};
softmax_cfg::exp_t softmax_cfg::table[1025];
}  // namespace

TEST(Softmax, CloseToFloatAndSumsToOne) {
  fill_table<softmax_cfg>([](double x) { return std::exp(x); });
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0, 4);
  for (int trial = 0; trial < 500; ++trial) {
    hls::stream<data_t> in, out;
    double x[10], m = -1e9, sum = 0, got_sum = 0;
    for (double& v : x) {
      v = data_t(g(rng)).to_double();
      in.write(data_t(v));
      m = std::max(m, v);
    }
    for (double v : x) sum += std::exp(v - m);
    nnhls::softmax<softmax_cfg>(in, out, 1);
    for (double v : x) {
      const double y = out.read().to_double();
      got_sum += y;
      EXPECT_NEAR(y, std::exp(v - m) / sum, 0.006) << trial;
      EXPECT_GE(y, 0.0);
    }
    EXPECT_NEAR(got_sum, 1.0, 0.01) << trial;
  }
}

TEST(BusIo, LoadMatrixIsRowMajorAndChecksummed) {
  const float values[6] = {1.5f, -2.f, 0.25f, 3.f, -0.5f, 7.f};
  uint32_t words[8] = {0xDEAD, 0};
  for (int i = 0; i < 6; ++i) words[1 + i] = nnhls::float_to_bits(values[i]);
  data_t m[2][3];
  nnhls::weight_checksum a, b;
  nnhls::load_matrix<data_t, 2, 3>(words, 1, m, a);
  for (int i = 0; i < 6; ++i) b.add(words[1 + i]);
  EXPECT_EQ(a.value(), b.value());
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) EXPECT_EQ(m[r][c].to_double(), double(values[r * 3 + c]));
}

TEST(BusIo, WeightChecksumMatchesTheDriversDefinition) {
  // a = sum(w), b = sum of running a, result a ^ rotl(b, 16) (nn_driver.h).
  const uint32_t words[] = {1u, 0xFFFFFFFFu, 0x80000000u, 12345u};
  nnhls::weight_checksum c;
  uint32_t a = 0, b = 0;
  for (uint32_t w : words) {
    c.add(w);
    a += w;
    b += a;
  }
  EXPECT_EQ(c.value(), a ^ ((b << 16) | (b >> 16)));
  EXPECT_EQ(nnhls::bits_to_float(nnhls::float_to_bits(-1.5f)), -1.5f);
}
