// Randomized tests of wide types (up to 64-bit values, 128-bit
// intermediates) against the RefInt reference: conversions under every mode
// from 128-bit products and from doubles, + - * / and comparisons, and
// to_double/to_float rounding. Fixed seeds; about 1.1 million cases in total.
// The same binary runs natively and under qemu-arm: identical results prove
// that no 64-bit-host assumption leaks into the emulation.
#include <cmath>
#include <cstring>
#include <random>

#include "fixed_test_util.h"

namespace {

using fxt::raw_ref;
using fxt::traits;
using ref::RefInt;

using fxt::Failures;
__attribute__((noinline)) void report(Failures& f, const std::string& what, const RefInt& a,
                                      const RefInt& b, const RefInt& got, const RefInt& want) {
  if (f.count++ < 8)
    f.first += what + " a=" + a.str() + " b=" + b.str() + ": got " + got.str() + " want " +
               want.str() + "\n";
}

// Random raw word for T: uniform bits, or (1 in 4) a value near 0 / the
// extremes, where rounding and overflow decisions live.
template <class T>
RefInt random_raw(std::mt19937_64& g) {
  constexpr int W = traits<T>::w;
  const uint64_t r = g();
  RefInt v;
  switch (r & 7u) {
    case 0:
      v = RefInt::from_i64(static_cast<int64_t>(g() % 17) - 8);
      break;
    case 1:
      v = (traits<T>::s ? RefInt::pow2(W - 1) : RefInt::pow2(W)) -
          RefInt::from_u64(1 + g() % 4);
      break;
    case 2:
      v = traits<T>::s ? -RefInt::pow2(W - 1) + RefInt::from_u64(g() % 4) : RefInt::from_u64(g() % 4);
      break;
    default:
      v = RefInt::from_bits(g(), g(), W, traits<T>::s);
  }
  // the value T actually holds (small negatives wrap for unsigned types)
  const RefInt bits = v.low_bits(W);
  return RefInt::from_bits(bits.tc_bits64(0), bits.tc_bits64(64), W, traits<T>::s);
}

// Exact value of a double as k * 2^-F2 (RefInt), the vendor's reading.
template <class Dst>
__attribute__((noinline)) void doubles_into(Failures& f, std::mt19937_64& g, int n) {
  const ref::Fmt t = fxt::fmt<Dst>();
  const ref::Q q = fxt::to_ref(traits<Dst>::q);
  const ref::O o = fxt::to_ref(traits<Dst>::o);
  for (int i = 0; i < n; ++i) {
    // random sign, mantissa and an exponent around the target's range
    const uint64_t bits = (g() & 0x800fffffffffffffull) |
                          (static_cast<uint64_t>(1023 + traits<Dst>::i - 70 +
                                                 static_cast<int>(g() % 90))
                           << 52);
    double x;
    std::memcpy(&x, &bits, sizeof x);
    const Dst d = x;
    RefInt k;
    int F2 = 0;
    RefInt want;
    if (ref::decode_double(x, k, F2)) want = ref::convert(k, 54, F2, true, t, q, o, traits<Dst>::n);
    if (raw_ref(d) != want) report(f, "double->" + fxt::type_name<Dst>(), k, RefInt::from_i64(F2), raw_ref(d), want);
  }
}

// Src values into Dst under Dst's modes.
template <class Src, class Dst>
__attribute__((noinline)) void convert_random(Failures& f, std::mt19937_64& g, int n) {
  const ref::Fmt t = fxt::fmt<Dst>();
  const ref::Q q = fxt::to_ref(traits<Dst>::q);
  const ref::O o = fxt::to_ref(traits<Dst>::o);
  for (int i = 0; i < n; ++i) {
    const RefInt k = random_raw<Src>(g);
    const Src s = fxt::from_ref<Src>(k);
    const Dst d = s;
    const RefInt want = ref::convert(k, traits<Src>::w, traits<Src>::w - traits<Src>::i,
                                     traits<Src>::s, t, q, o, traits<Dst>::n);
    if (raw_ref(d) != want) report(f, fxt::type_name<Src>() + "->" + fxt::type_name<Dst>(), k, RefInt(), raw_ref(d), want);
  }
}

// Correctly rounded (ties to even) value of k * 2^-F with P significant
// bits, as a double (exact for the magnitudes used here).
double round_ref(const RefInt& k, int F, int P) {
  if (k.is_zero()) return 0.0;
  RefInt m = k.mag_abs();
  int e = -F;
  const int len = m.bit_length();
  if (len > P) {
    const int drop = len - P;
    const RefInt kept = m.floor_shr(drop);
    const RefInt rem = m - kept.shl(drop);
    const RefInt half = RefInt::pow2(drop - 1);
    RefInt r = kept;
    if (rem > half || (rem == half && kept.tc_bit(0))) r = r + RefInt::from_u64(1);
    m = r;
    e += drop;
  }
  const double v = std::ldexp(static_cast<double>(m.low64_of_mag()), e);
  return k.is_neg() ? -v : v;
}

template <class A, class B>
__attribute__((noinline)) void arith_random(Failures& f, std::mt19937_64& g, int n) {
  constexpr int FA = traits<A>::w - traits<A>::i, FB = traits<B>::w - traits<B>::i;
  constexpr int F = FA > FB ? FA : FB;
  using Mult = decltype(A() * B());
  using Plus = decltype(A() + B());
  using Minus = decltype(A() - B());
  static_assert(traits<Mult>::w == traits<A>::w + traits<B>::w);
  for (int i = 0; i < n; ++i) {
    const RefInt ka = random_raw<A>(g), kb = random_raw<B>(g);
    const A a = fxt::from_ref<A>(ka);
    const B b = fxt::from_ref<B>(kb);
    const RefInt xa = ka.shl(F - FA), xb = kb.shl(F - FB);
    if (raw_ref(a * b) != ka * kb) report(f, "*", ka, kb, raw_ref(a * b), ka * kb);
    if constexpr (traits<Plus>::w <= 128) {
      if (raw_ref(a + b) != xa + xb) report(f, "+", ka, kb, raw_ref(a + b), xa + xb);
      if (raw_ref(a - b) != xa - xb) report(f, "-", ka, kb, raw_ref(a - b), xa - xb);
      const bool lt = xa < xb, eq = xa == xb;
      if ((a < b) != lt || (a == b) != eq || (a > b) != (!lt && !eq))
        report(f, "compare", ka, kb, RefInt::from_u64(a < b), RefInt::from_u64(lt));
    }
    (void)sizeof(Minus);
    if constexpr (traits<decltype(A() / B())>::w <= 128) {
      if (!kb.is_zero()) {
        const RefInt qv = trunc_div(ka.shl(FB > 0 ? FB : 0), kb);
        if (raw_ref(a / b) != qv) report(f, "/", ka, kb, raw_ref(a / b), qv);
      }
    }
    const double da = round_ref(ka, FA, 53);
    if (a.to_double() != da) report(f, "to_double", ka, kb, RefInt(), RefInt());
    const float fa = static_cast<float>(round_ref(ka, FA, 24));
    if (a.to_float() != fa) report(f, "to_float", ka, kb, RefInt(), RefInt());
  }
}

TEST(WideRandom, ArithmeticAndRounding) {
  Failures f;
  std::mt19937_64 g(0x5eed0001);
  arith_random<ap_fixed<64, 20>, ap_fixed<64, -3>>(f, g, 12000);
  arith_random<ap_ufixed<64, 40>, ap_ufixed<64, 40>>(f, g, 12000);
  arith_random<ap_fixed<64, 20>, ap_ufixed<64, 40>>(f, g, 12000);
  arith_random<ap_fixed<48, 48>, ap_int<64>>(f, g, 12000);
  arith_random<ap_uint<64>, ap_uint<64>>(f, g, 12000);
  arith_random<ap_fixed<16, 6>, ap_fixed<16, 6>>(f, g, 12000);
  arith_random<ap_fixed<33, 13>, ap_fixed<40, 2>>(f, g, 12000);
  arith_random<ap_ufixed<57, 3>, ap_fixed<7, 7>>(f, g, 12000);
  EXPECT_EQ(f.count, 0) << f.first;
}

TEST(WideRandom, ConversionsFromWideProducts) {
  Failures f;
  std::mt19937_64 g(0x5eed0002);
  // 128-bit sources (products of 64-bit types) into narrower types: every mode.
  auto body = [&]<class Dst>() {
    convert_random<ap_fixed<128, 40>, Dst>(f, g, 1500);
    convert_random<ap_ufixed<128, 60>, Dst>(f, g, 1500);
    convert_random<ap_fixed<64, 20>, Dst>(f, g, 1500);
  };
  fxt::for_each_mode<32, 12, true, 0>(body);
  fxt::for_each_mode<40, 60, false, 0>(body);
  fxt::for_each_mode<64, 30, true, 0>(body);
  // and into wide (> 64-bit) targets
  fxt::for_each_quant<100, 50, true, 0, AP_SAT>(body);
  fxt::for_each_quant<96, 10, false, 0, AP_WRAP>(body);
  EXPECT_EQ(f.count, 0) << f.first;
}

TEST(WideRandom, ConversionsFromDoubles) {
  Failures f;
  std::mt19937_64 g(0x5eed0003);
  auto body = [&]<class Dst>() { doubles_into<Dst>(f, g, 4000); };
  fxt::for_each_mode<64, 20, true, 0>(body);
  fxt::for_each_mode<32, 12, true, 0>(body);
  fxt::for_each_mode<50, -5, false, 0>(body);
  fxt::for_each_quant<90, 40, true, 0, AP_SAT_SYM>(body);
  EXPECT_EQ(f.count, 0) << f.first;
}

// The MAC chain of a dense layer, ap_fixed<16,6> x ap_fixed<16,6> into
// ap_fixed<32,12>, checked step by step against exact arithmetic.
TEST(WideRandom, MacChain) {
  Failures f;
  std::mt19937_64 g(0x5eed0004);
  for (int rep = 0; rep < 1000; ++rep) {
    ap_fixed<32, 12> acc = 0;
    RefInt running;  // exact sum in units of 2^-20
    for (int i = 0; i < 64; ++i) {
      const RefInt kx = random_raw<ap_fixed<16, 6>>(g), kw = random_raw<ap_fixed<16, 6>>(g);
      acc += fxt::from_ref<ap_fixed<16, 6>>(kx) * fxt::from_ref<ap_fixed<16, 6>>(kw);
      running = running + kx * kw;
      // the accumulator keeps the low 32 bits (AP_TRN, AP_WRAP; no fraction is lost)
      const RefInt want = RefInt::from_bits(running.low_bits(32).tc_bits64(0), 0, 32, true);
      if (raw_ref(acc) != want) report(f, "mac", kx, kw, raw_ref(acc), want);
    }
  }
  EXPECT_EQ(f.count, 0) << f.first;
}

}  // namespace
