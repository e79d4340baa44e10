// nnfixed_arith.h - width-generic helpers on stored words (uint64_t or u128)
// shared by ap_int_base and ap_fixed_base: comparison, division, float
// conversion of the exact stored integer.
#ifndef NNACCEL_NNFIXED_ARITH_H
#define NNACCEL_NNFIXED_ARITH_H

// The global names of the C headers (::fputs, ::abort) are what a freestanding
// build (NNFIXED_FREESTANDING: no libstdc++ library code) can use; hosted
// builds also keep the <c...> headers their users may rely on transitively.
#include <stdio.h>
#include <stdlib.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#endif
#include <type_traits>

#include "nnfixed_convert.h"
#include "nnfixed_storage.h"

namespace nnfixed {
namespace detail {

// a < b for two words of the same <W,S> (both normalized).
template <int W, bool S>
NNFX_INLINE constexpr bool st_less(store_t<W> a, store_t<W> b) {
  if constexpr (W <= 64) {
    if constexpr (S)
      return static_cast<int64_t>(a) < static_cast<int64_t>(b);
    else
      return a < b;
  } else {
    return S ? u128_slt(a, b) : u128_ult(a, b);
  }
}

[[noreturn]] inline void division_by_zero() {
  // The vendor's simulation model divides with the host's integer division,
  // which traps; we stop with a message instead of undefined behaviour.
  ::fputs("nnfixed: division by zero in ap_int/ap_fixed emulation\n", stderr);
  ::abort();
}

// Quotient (truncated toward zero) and remainder (sign of the dividend) of
// two exact 128-bit values a (signedness SA) and b (signedness SB).
inline void divmod_exact(u128 a, bool SA, u128 b, bool SB, u128& q, u128& r) {
  const bool an = SA && u128_neg(a);
  const bool bn = SB && u128_neg(b);
  const u128 am = an ? -a : a;
  const u128 bm = bn ? -b : b;
  if (bm == u128{0, 0}) division_by_zero();
  u128 qm, rm;
  u128_divmod(am, bm, qm, rm);
  q = (an != bn) ? -qm : qm;
  r = an ? -rm : rm;
}

// Correctly rounded float type FP (double: P=53, float: P=24) of the exact
// value v * 2^-F of a <W,S> word. Ties to even, like the vendor's to_double /
// to_float; results outside FP's normal range follow IEEE (ldexp).
template <class FP, int P, int W, bool S>
inline FP to_floating(store_t<W> v, int F) {
  if (is_zero<W>(v)) return FP(0);
  const bool neg = is_negative<W, S>(v);
  u128 mag = to_u128<W, S>(v);
  if (neg) mag = -mag;
  const rounded rr = round_to_precision(mag, P);
  const FP m = static_cast<FP>(rr.sig);  // exact: sig <= 2^P
  // The builtins are what std::ldexp(float|double, int) calls; spelled so
  // that no <cmath> is needed (NNFIXED_FREESTANDING) and both builds give the
  // same bits. They are exact unless the result is subnormal or overflows,
  // where they round like IEEE.
  FP x;
  if constexpr (std::is_same<FP, float>::value)
    x = __builtin_ldexpf(m, rr.exp - F);
  else
    x = __builtin_ldexp(m, rr.exp - F);
  return neg ? -x : x;
}

}  // namespace detail
}  // namespace nnfixed

#endif  // NNACCEL_NNFIXED_ARITH_H
