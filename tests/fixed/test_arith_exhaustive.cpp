// Exhaustive arithmetic tests over all value pairs of small types: result
// types follow the vendor's RType rules (restated here and in docs/fixed-point.md
// "Supported API"; sources: ap_fixed_base.h, UG1399), result values are exact
// (checked with int64 arithmetic), compound assignments quantize/saturate into
// the left operand (reference model), comparisons are exact; mixed with ap_int
// and C integers.
#include <algorithm>
#include <cstdlib>

#include "fixed_test_util.h"

namespace {

using fxt::from_raw;
using fxt::raw_of;
using fxt::traits;

using fxt::Failures;
__attribute__((noinline)) void report(Failures& f, const std::string& what, int64_t ka, int64_t kb,
                                      int64_t got, int64_t want) {
  if (f.count++ < 8)
    f.first += what + " a=" + std::to_string(ka) + " b=" + std::to_string(kb) + ": got " +
               std::to_string(got) + " want " + std::to_string(want) + "\n";
}

constexpr int imax(int a, int b) { return a > b ? a : b; }

// Expected result formats (vendor RType, restated).
template <class A, class B>
struct Expect {
  static constexpr int WA = traits<A>::w, IA = traits<A>::i, FA = WA - IA;
  static constexpr int WB = traits<B>::w, IB = traits<B>::i, FB = WB - IB;
  static constexpr bool SA = traits<A>::s, SB = traits<B>::s;
  static constexpr int Ia = IA + (SB && !SA), Ib = IB + (SA && !SB);
  static constexpr int plus_i = imax(Ia, Ib) + 1, plus_f = imax(FA, FB);
  static constexpr int mult_w = WA + WB, mult_i = IA + IB;
  static constexpr int div_w = SB + WA + imax(FB, 0), div_i = SB + IA + FB;
};

template <class R>
void expect_format(int w, int i, bool s) {
  EXPECT_EQ(traits<R>::w, w);
  EXPECT_EQ(traits<R>::i, i);
  EXPECT_EQ(traits<R>::s, s);
}

int64_t shl(int64_t k, int sh) { return k * (int64_t{1} << sh); }

// + - * / < == > over all pairs, exact.
template <class A, class B>
__attribute__((noinline)) void all_pairs(Failures& f) {
  using E = Expect<A, B>;
  using Plus = decltype(A() + B());
  using Minus = decltype(A() - B());
  using Mult = decltype(A() * B());
  using Div = decltype(A() / B());
  expect_format<Plus>(E::plus_i + E::plus_f, E::plus_i, E::SA || E::SB);
  expect_format<Minus>(E::plus_i + E::plus_f, E::plus_i, true);
  expect_format<Mult>(E::mult_w, E::mult_i, E::SA || E::SB);
  expect_format<Div>(E::div_w, E::div_i, E::SA || E::SB);
  constexpr int F = E::plus_f;
  for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
    const A a = from_raw<A>(ka);
    for (int64_t kb = fxt::min_raw<B>(); kb <= fxt::max_raw<B>(); ++kb) {
      const B b = from_raw<B>(kb);
      const int64_t xa = shl(ka, F - E::FA), xb = shl(kb, F - E::FB);
      if (raw_of(a + b) != xa + xb) report(f, "+", ka, kb, raw_of(a + b), xa + xb);
      if (raw_of(a - b) != xa - xb) report(f, "-", ka, kb, raw_of(a - b), xa - xb);
      if (raw_of(a * b) != ka * kb) report(f, "*", ka, kb, raw_of(a * b), ka * kb);
      if (kb != 0) {
        // vendor: (a << max(FB,0)) / b, truncated toward zero
        const int64_t q = shl(ka, imax(E::FB, 0)) / kb;
        if (raw_of(a / b) != q) report(f, "/", ka, kb, raw_of(a / b), q);
      }
      const int want_cmp = xa < xb ? -1 : (xa == xb ? 0 : 1);
      const int got_cmp = (a < b) ? -1 : ((a == b) ? 0 : 1);
      const bool consistent = ((a > b) == (want_cmp > 0)) && ((a <= b) == (want_cmp <= 0)) &&
                              ((a >= b) == (want_cmp >= 0)) && ((a != b) == (want_cmp != 0));
      if (got_cmp != want_cmp || !consistent) report(f, "compare", ka, kb, got_cmp, want_cmp);
    }
  }
}

// t = a; t op= b; quantized/saturated into T (the vendor computes the full
// precision result of T op B and assigns it back).
template <class T, class A, class B>
__attribute__((noinline)) void compound(Failures& f) {
  const ref::Fmt tf = fxt::fmt<T>();
  const ref::Q q = fxt::to_ref(traits<T>::q);
  const ref::O o = fxt::to_ref(traits<T>::o);
  constexpr int FT = traits<T>::w - traits<T>::i, FB = traits<B>::w - traits<B>::i;
  constexpr int WA = traits<A>::w, FA = WA - traits<A>::i;
  constexpr int F = imax(FT, FB);
  for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
    const A a = from_raw<A>(ka);
    const T t0 = a;
    const int64_t kt = ref::convert64(ka, WA, FA, traits<A>::s, tf, q, o, traits<T>::n);
    if (raw_of(t0) != kt) report(f, "init", ka, 0, raw_of(t0), kt);
    for (int64_t kb = fxt::min_raw<B>(); kb <= fxt::max_raw<B>(); ++kb) {
      const B b = from_raw<B>(kb);
      // The intermediate formats are wide enough for the exact results; their
      // word width only matters to AP_WRAP_SM (not used here).
      T t = t0;
      t += b;
      int64_t want = ref::convert64(shl(kt, F - FT) + shl(kb, F - FB), 62, F, true, tf, q, o,
                                    traits<T>::n);
      if (raw_of(t) != want) report(f, "+=", ka, kb, raw_of(t), want);
      t = t0;
      t -= b;
      want = ref::convert64(shl(kt, F - FT) - shl(kb, F - FB), 62, F, true, tf, q, o, traits<T>::n);
      if (raw_of(t) != want) report(f, "-=", ka, kb, raw_of(t), want);
      t = t0;
      t *= b;
      want = ref::convert64(kt * kb, 62, FT + FB, true, tf, q, o, traits<T>::n);
      if (raw_of(t) != want) report(f, "*=", ka, kb, raw_of(t), want);
    }
  }
}

TEST(ArithExhaustive, FixedPairs) {
  Failures f;
  all_pairs<ap_fixed<5, 2>, ap_fixed<4, -1>>(f);
  all_pairs<ap_fixed<6, 3>, ap_ufixed<5, 5>>(f);
  all_pairs<ap_ufixed<6, 2>, ap_ufixed<4, 6>>(f);
  all_pairs<ap_ufixed<7, 1>, ap_fixed<5, 7>>(f);
  all_pairs<ap_fixed<8, 4>, ap_fixed<8, 4>>(f);
  all_pairs<ap_fixed<1, 1>, ap_ufixed<1, 0>>(f);
  all_pairs<ap_ufixed<8, 0>, ap_ufixed<8, 8>>(f);
  EXPECT_EQ(f.count, 0) << f.first;
}

TEST(ArithExhaustive, MixedWithApInt) {
  Failures f;
  // ap_int<W> behaves as ap_fixed<W,W> (vendor AF_BIN_OP_WITH_AP_INT)
  all_pairs<ap_int<6>, ap_fixed<5, 2>>(f);
  all_pairs<ap_fixed<7, 1>, ap_uint<4>>(f);
  all_pairs<ap_ufixed<6, 3>, ap_int<3>>(f);
  EXPECT_EQ(f.count, 0) << f.first;
}

TEST(ArithExhaustive, CompoundAssignment) {
  Failures f;
  compound<ap_fixed<6, 2, AP_RND_CONV, AP_SAT_SYM>, ap_fixed<6, 3>, ap_fixed<5, 1>>(f);
  compound<ap_ufixed<5, 3, AP_RND, AP_SAT>, ap_fixed<7, 3>, ap_fixed<4, 2>>(f);
  compound<ap_fixed<5, 2>, ap_fixed<6, 3>, ap_ufixed<4, 1>>(f);
  compound<ap_fixed<7, 3, AP_RND_ZERO, AP_SAT_ZERO>, ap_fixed<8, 4>, ap_fixed<5, -1>>(f);
  compound<ap_fixed<6, 4, AP_TRN_ZERO, AP_WRAP, 2>, ap_fixed<8, 4>, ap_fixed<5, 3>>(f);
  EXPECT_EQ(f.count, 0) << f.first;
}

// C integers act as ap_fixed<bits,bits,signed> (vendor AF_BIN_OP_WITH_INT).
TEST(ArithExhaustive, MixedWithCIntegers) {
  Failures f;
  using A = ap_fixed<6, 2>;
  using Plus = decltype(A() + 1);
  expect_format<Plus>(33 + 4, 33, true);
  expect_format<decltype(A() * 1u)>(6 + 32, 2 + 32, true);
  expect_format<decltype(ap_ufixed<6, 2>() * 1u)>(6 + 32, 2 + 32, false);
  expect_format<decltype(A() * static_cast<short>(1))>(6 + 16, 2 + 16, true);
  expect_format<decltype(A() - 1LL)>(65 + 4, 65, true);
  for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
    const A a = from_raw<A>(ka);
    for (int c : {-3, -1, 0, 1, 2, 5}) {
      if (raw_of(a + c) != ka + c * 16) report(f, "+int", ka, c, raw_of(a + c), ka + c * 16);
      if (raw_of(c - a) != c * 16 - ka) report(f, "int-", ka, c, raw_of(c - a), c * 16 - ka);
      if (raw_of(a * c) != ka * c) report(f, "*int", ka, c, raw_of(a * c), ka * c);
      const bool lt = ka < c * 16, eq = ka == c * 16;
      if ((a < c) != lt || (a == c) != eq || (c > a) != lt || (a >= c) != !lt)
        report(f, "cmp int", ka, c, a < c, lt);
      if (c != 0) {
        const int64_t q = shl(ka, 0) / c;  // F2 of an int is 0
        if (raw_of(a / c) != q) report(f, "/int", ka, c, raw_of(a / c), q);
      }
    }
  }
  EXPECT_EQ(f.count, 0) << f.first;
}

// Unary minus: ap_fixed<W+1,I+1> holds -min exactly. Shifts keep the type:
// bits move, no quantization/overflow handling (vendor, non-SC mode).
TEST(ArithExhaustive, NegationAndShifts) {
  Failures f;
  auto run = [&]<class A>() {
    constexpr int W = traits<A>::w;
    using Neg = decltype(-A());
    expect_format<Neg>(W + 1, traits<A>::i + 1, true);
    for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
      const A a = from_raw<A>(ka);
      if (raw_of(-a) != -ka) report(f, "neg", ka, 0, raw_of(-a), -ka);
      for (int sh = 0; sh <= W + 1; ++sh) {
        const uint64_t mask = (uint64_t{1} << W) - 1;
        int64_t l = sh >= W ? 0 : static_cast<int64_t>((static_cast<uint64_t>(ka) << sh) & mask);
        if (traits<A>::s && W < 64 && ((l >> (W - 1)) & 1)) l -= int64_t{1} << W;
        const int64_t r = sh >= W ? (ka < 0 ? -1 : 0) : ref::floor_div_pow2(ka, sh);
        if (raw_of(a << sh) != l) report(f, "<<", ka, sh, raw_of(a << sh), l);
        if (raw_of(a >> sh) != r) report(f, ">>", ka, sh, raw_of(a >> sh), r);
        if (raw_of(a << -sh) != r) report(f, "<< negative", ka, sh, raw_of(a << -sh), r);
        A c = a;
        c >>= sh;
        if (raw_of(c) != r) report(f, ">>=", ka, sh, raw_of(c), r);
        c = a;
        c <<= ap_uint<4>(sh);
        if (raw_of(c) != l) report(f, "<<= ap_uint", ka, sh, raw_of(c), l);
      }
    }
  };
  run.template operator()<ap_fixed<6, 2>>();
  run.template operator()<ap_ufixed<5, 3>>();
  run.template operator()<ap_fixed<1, -2>>();
  EXPECT_EQ(f.count, 0) << f.first;
}

// to_int truncates toward zero; to_double/to_float are exact for these
// widths. Vendor quirk reproduced: with I <= 0 a negative value with a
// nonzero fraction gives -1 (its 1-bit intermediate wraps the "+1").
TEST(ArithExhaustive, ToIntAndFloat) {
  Failures f;
  auto run = [&]<class A>() {
    constexpr int I = traits<A>::i, F = traits<A>::w - I;
    for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
      const A a = from_raw<A>(ka);
      int64_t want;
      if constexpr (I <= 0)
        want = ka < 0 ? -1 : 0;
      else if constexpr (F <= 0)
        want = shl(ka, -F);
      else
        want = ka / (int64_t{1} << F);  // C division truncates toward zero
      if (a.to_int() != want) report(f, "to_int", ka, 0, a.to_int(), want);
      if (a.to_int64() != want) report(f, "to_int64", ka, 0, a.to_int64(), want);
      if (static_cast<int>(a) != want) report(f, "(int)", ka, 0, static_cast<int>(a), want);
      const double d = std::ldexp(static_cast<double>(ka), -F);
      if (a.to_double() != d || static_cast<double>(a) != d)
        report(f, "to_double", ka, 0, static_cast<int64_t>(a.to_double() * 1024), static_cast<int64_t>(d * 1024));
      if (a.to_float() != static_cast<float>(d)) report(f, "to_float", ka, 0, 0, 1);
      const ap_int<12> i12 = a;
      if (i12.to_int64() != (want & 0x7ff) - (want & 0x800)) report(f, "ap_int<12>(fixed)", ka, 0, i12.to_int64(), want);
    }
  };
  run.template operator()<ap_fixed<8, 3>>();
  run.template operator()<ap_ufixed<7, 4>>();
  run.template operator()<ap_fixed<6, 0>>();
  run.template operator()<ap_fixed<5, -2>>();
  run.template operator()<ap_ufixed<5, 0>>();
  run.template operator()<ap_fixed<4, 7>>();
  EXPECT_EQ(f.count, 0) << f.first;
}

// ap_int / ap_uint: exact results in the RType widths; compound assignment
// and assignment keep the low bits.
template <class A, class B>
__attribute__((noinline)) void int_pairs(Failures& f) {
  constexpr int WA = traits<A>::w, WB = traits<B>::w;
  constexpr bool SA = traits<A>::s, SB = traits<B>::s;
  expect_format<decltype(A() + B())>(imax(WA + (SB && !SA), WB + (SA && !SB)) + 1,
                                     imax(WA + (SB && !SA), WB + (SA && !SB)) + 1, SA || SB);
  expect_format<decltype(A() * B())>(WA + WB, WA + WB, SA || SB);
  expect_format<decltype(A() / B())>(WA + SB, WA + SB, SA || SB);
  expect_format<decltype(A() % B())>(std::min(WA, WB + (!SB && SA)), std::min(WA, WB + (!SB && SA)), SA);
  auto wrapA = [](int64_t v) {
    const uint64_t m = (uint64_t{1} << WA) - 1;
    int64_t r = static_cast<int64_t>(static_cast<uint64_t>(v) & m);
    if (SA && ((r >> (WA - 1)) & 1)) r -= int64_t{1} << WA;
    return r;
  };
  for (int64_t ka = fxt::min_raw<A>(); ka <= fxt::max_raw<A>(); ++ka) {
    const A a = from_raw<A>(ka);
    for (int64_t kb = fxt::min_raw<B>(); kb <= fxt::max_raw<B>(); ++kb) {
      const B b = from_raw<B>(kb);
      if (raw_of(a + b) != ka + kb) report(f, "int +", ka, kb, raw_of(a + b), ka + kb);
      if (raw_of(a - b) != ka - kb) report(f, "int -", ka, kb, raw_of(a - b), ka - kb);
      if (raw_of(a * b) != ka * kb) report(f, "int *", ka, kb, raw_of(a * b), ka * kb);
      if (raw_of(a & b) != (ka & kb)) report(f, "int &", ka, kb, raw_of(a & b), ka & kb);
      if (raw_of(a | b) != (ka | kb)) report(f, "int |", ka, kb, raw_of(a | b), ka | kb);
      if (raw_of(a ^ b) != (ka ^ kb)) report(f, "int ^", ka, kb, raw_of(a ^ b), ka ^ kb);
      if (kb != 0) {
        if (raw_of(a / b) != ka / kb) report(f, "int /", ka, kb, raw_of(a / b), ka / kb);
        if (raw_of(a % b) != ka % kb) report(f, "int %", ka, kb, raw_of(a % b), ka % kb);
        A c = a;
        c /= b;
        if (raw_of(c) != wrapA(ka / kb)) report(f, "int /=", ka, kb, raw_of(c), wrapA(ka / kb));
      }
      if ((a < b) != (ka < kb) || (a == b) != (ka == kb) || (a >= b) != (ka >= kb))
        report(f, "int cmp", ka, kb, a < b, ka < kb);
      A c = a;
      c += b;
      if (raw_of(c) != wrapA(ka + kb)) report(f, "int +=", ka, kb, raw_of(c), wrapA(ka + kb));
      c = a;
      c *= b;
      if (raw_of(c) != wrapA(ka * kb)) report(f, "int *=", ka, kb, raw_of(c), wrapA(ka * kb));
      c = b;  // assignment keeps the low bits
      if (raw_of(c) != wrapA(kb)) report(f, "int =", ka, kb, raw_of(c), wrapA(kb));
      // shifts by the other operand's value (negative amounts reverse)
      if (kb > -WA - 2 && kb < WA + 2) {
        const int sh = static_cast<int>(kb);
        const int64_t l = sh >= 0 ? (sh >= WA ? 0 : wrapA(shl(ka, sh)))
                                  : (-sh >= WA ? (ka < 0 ? -1 : 0) : ref::floor_div_pow2(ka, -sh));
        if (raw_of(a << b) != l) report(f, "int << ap", ka, kb, raw_of(a << b), l);
        if (raw_of(a << sh) != l) report(f, "int << int", ka, kb, raw_of(a << sh), l);
      }
    }
    if (raw_of(-a) != -ka) report(f, "int neg", ka, 0, raw_of(-a), -ka);
    if (raw_of(~a) != wrapA(~ka)) report(f, "int ~", ka, 0, raw_of(~a), wrapA(~ka));
    A c = a;
    ++c;
    if (raw_of(c) != wrapA(ka + 1)) report(f, "int ++", ka, 0, raw_of(c), wrapA(ka + 1));
  }
}

TEST(ArithExhaustive, IntegerPairs) {
  Failures f;
  int_pairs<ap_int<5>, ap_uint<4>>(f);
  int_pairs<ap_int<7>, ap_int<3>>(f);
  int_pairs<ap_uint<6>, ap_uint<6>>(f);
  int_pairs<ap_uint<5>, ap_int<6>>(f);
  int_pairs<ap_int<1>, ap_int<2>>(f);
  EXPECT_EQ(f.count, 0) << f.first;
}

}  // namespace
