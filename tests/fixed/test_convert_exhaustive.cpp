// Exhaustive conversion tests: every value of small source types and a dense
// grid of doubles into small targets (W <= 8, I <= 0, 0 < I < W, I = W,
// I > W, signed and unsigned) under every quantization x overflow mode, plus
// saturation bits N > 0, checked against the reference model.
#include <cmath>
#include <limits>
#include <vector>

#include "fixed_test_util.h"

namespace {

using fxt::from_raw;
using fxt::raw_of;
using fxt::traits;

using fxt::Failures;

// Out of line so the many template instantiations stay small.
__attribute__((noinline)) void report(Failures& f, const std::string& src, const std::string& value,
                                      const std::string& dst, int64_t got, int64_t want) {
  if (f.count++ < 8)
    f.first += src + " " + value + " -> " + dst + ": got raw " + std::to_string(got) +
               ", want raw " + std::to_string(want) + "\n";
}

// Every value of Src into Dst (construction and assignment), compared with
// ref::convert64.
template <class Src, class Dst>
__attribute__((noinline)) void all_values(Failures& f) {
  const ref::Fmt t = fxt::fmt<Dst>();
  const ref::Q q = fxt::to_ref(traits<Dst>::q);
  const ref::O o = fxt::to_ref(traits<Dst>::o);
  for (int64_t k = fxt::min_raw<Src>(); k <= fxt::max_raw<Src>(); ++k) {
    const Src s = from_raw<Src>(k);
    const Dst d = s;
    Dst a;
    a = s;
    const int64_t want = ref::convert64(k, traits<Src>::w, traits<Src>::w - traits<Src>::i,
                                        traits<Src>::s, t, q, o, traits<Dst>::n);
    if (raw_of(d) != want || raw_of(a) != want)
      report(f, fxt::type_name<Src>(), "raw " + std::to_string(k), fxt::type_name<Dst>(),
             raw_of(d) != want ? raw_of(d) : raw_of(a), want);
  }
}

// The dense grid of doubles: all multiples of 2^-10 in [-20, 20] (at least
// two bits finer than every target's LSB), all multiples of 2^-2 up to
// +-3000 (past every target's range), powers of two and their neighbours, and
// the specials (+-0, subnormals, huge, +-inf, NaN).
const std::vector<double>& double_grid() {
  static const std::vector<double> grid = [] {
    std::vector<double> g;
    for (int k = -20 * 1024; k <= 20 * 1024; ++k) g.push_back(std::ldexp(k, -10));
    for (int k = -12000; k <= 12000; ++k) g.push_back(std::ldexp(k, -2));
    for (int e = -1074; e <= 1023; e += 7) {
      const double p = std::ldexp(1.0, e);
      for (double v : {p, -p, std::nextafter(p, 0.0), -std::nextafter(p, 0.0),
                       std::nextafter(p, HUGE_VAL), -std::nextafter(p, HUGE_VAL)})
        g.push_back(v);
    }
    for (double v : {0.0, -0.0, 1e-300, -1e-300, 4.9e-324, -4.9e-324, 1e300, -1e300,
                     std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                     std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(),
                     -std::numeric_limits<double>::quiet_NaN(), 0.1, -0.1, 1.0 / 3, -2.0 / 3})
      g.push_back(v);
    return g;
  }();
  return grid;
}

template <class Dst>
__attribute__((noinline)) void all_doubles(Failures& f) {
  const ref::Fmt t = fxt::fmt<Dst>();
  const ref::Q q = fxt::to_ref(traits<Dst>::q);
  const ref::O o = fxt::to_ref(traits<Dst>::o);
  for (double x : double_grid()) {
    const Dst d = x;
    ref::RefInt k;
    int F2 = 0;
    int64_t want = 0;
    if (ref::decode_double(x, k, F2)) {
      // k is a 54-bit word: the int64 model is exact for these targets.
      const int64_t k64 = k.is_neg() ? -static_cast<int64_t>(k.low64_of_mag())
                                     : static_cast<int64_t>(k.low64_of_mag());
      want = ref::convert64(k64, 54, F2, true, t, q, o, traits<Dst>::n);
    }
    if (raw_of(d) != want) report(f, "double", std::to_string(x), fxt::type_name<Dst>(), raw_of(d), want);
    // float converts through double exactly
    if (std::isfinite(x) && std::fabs(x) < 1e30 && static_cast<double>(static_cast<float>(x)) == x) {
      const Dst df = static_cast<float>(x);
      if (raw_of(df) != want) report(f, "float", std::to_string(x), fxt::type_name<Dst>(), raw_of(df), want);
    }
  }
}

template <int W, int I, bool S, int N = 0>
void target_all_modes(Failures& f, bool with_doubles) {
  fxt::for_each_mode<W, I, S, N>([&]<class Dst>() {
    all_values<ap_fixed<10, 3>, Dst>(f);  // finer source: rounding (d > 0)
    all_values<ap_fixed<6, 9>, Dst>(f);   // coarser source: shifts left (d < 0)
    if (with_doubles) all_doubles<Dst>(f);
  });
}

TEST(ConvertExhaustive, SignedTargetsAllModes) {
  Failures f;
  target_all_modes<1, 1, true>(f, true);
  target_all_modes<2, 0, true>(f, true);
  target_all_modes<3, -1, true>(f, true);
  target_all_modes<4, 2, true>(f, true);
  target_all_modes<5, 7, true>(f, true);
  target_all_modes<6, 3, true>(f, true);
  target_all_modes<8, 4, true>(f, true);
  target_all_modes<8, 8, true>(f, false);
  target_all_modes<8, 10, true>(f, false);
  target_all_modes<7, 0, true>(f, false);
  EXPECT_EQ(f.count, 0) << f.first;
}

TEST(ConvertExhaustive, UnsignedTargetsAllModes) {
  Failures f;
  target_all_modes<1, 0, false>(f, true);
  target_all_modes<3, 3, false>(f, true);
  target_all_modes<4, -1, false>(f, true);
  target_all_modes<5, 2, false>(f, true);
  target_all_modes<6, 8, false>(f, false);
  target_all_modes<8, 4, false>(f, true);
  target_all_modes<8, 0, false>(f, false);
  EXPECT_EQ(f.count, 0) << f.first;
}

// Unsigned and integer sources into a few targets, every mode.
TEST(ConvertExhaustive, UnsignedAndIntegerSources) {
  Failures f;
  auto body = [&]<class Dst>() {
    all_values<ap_ufixed<8, 5>, Dst>(f);
    all_values<ap_int<5>, Dst>(f);
    all_values<ap_uint<6>, Dst>(f);
    // the same format with default modes (exercises the "exact" shortcut)
    all_values<fxt::FX<traits<Dst>::w, traits<Dst>::i, traits<Dst>::s, AP_TRN, AP_WRAP, 0>, Dst>(f);
  };
  fxt::for_each_mode<4, 2, true, 0>(body);
  fxt::for_each_mode<6, 8, false, 0>(body);
  fxt::for_each_mode<3, -1, true, 0>(body);
  fxt::for_each_mode<5, 2, false, 0>(body);
  EXPECT_EQ(f.count, 0) << f.first;
}

// Saturation bits N > 0 matter for AP_WRAP and AP_WRAP_SM (docs/fixed-point.md
// "Exact semantics of a conversion into ap_[u]fixed", step 4; source: UG1399
// "Overflow Modes").
TEST(ConvertExhaustive, WrapModesWithSaturationBits) {
  Failures f;
  auto body = [&]<class T>() {
    all_values<ap_fixed<10, 3>, T>(f);
    all_values<ap_fixed<6, 9>, T>(f);
    all_doubles<T>(f);
  };
  fxt::for_each_quant<4, 2, true, 1, AP_WRAP>(body);
  fxt::for_each_quant<4, 2, true, 1, AP_WRAP_SM>(body);
  fxt::for_each_quant<4, 2, true, 2, AP_WRAP>(body);
  fxt::for_each_quant<4, 2, true, 2, AP_WRAP_SM>(body);
  fxt::for_each_quant<5, 3, true, 5, AP_WRAP>(body);
  fxt::for_each_quant<5, 3, true, 5, AP_WRAP_SM>(body);
  fxt::for_each_quant<3, 3, false, 1, AP_WRAP>(body);
  fxt::for_each_quant<5, 2, false, 3, AP_WRAP>(body);
  EXPECT_EQ(f.count, 0) << f.first;
}

// The accumulator and layer types of the generated code, through the same
// model: every ap_fixed<16,6> value into narrower rounded/saturated types.
TEST(ConvertExhaustive, LayerTypes) {
  Failures f;
  all_values<ap_fixed<16, 6>, ap_fixed<8, 3, AP_RND, AP_SAT>>(f);
  all_values<ap_fixed<16, 6>, ap_fixed<8, 3, AP_RND_CONV, AP_SAT_SYM>>(f);
  all_values<ap_fixed<16, 6>, ap_ufixed<8, 1, AP_RND, AP_SAT>>(f);
  all_values<ap_fixed<16, 6>, ap_fixed<12, 2, AP_TRN, AP_WRAP>>(f);
  all_values<ap_ufixed<16, 8>, ap_fixed<16, 6, AP_RND, AP_SAT>>(f);
  EXPECT_EQ(f.count, 0) << f.first;
}

}  // namespace
