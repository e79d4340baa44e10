// nnfixed_convert.h - the one place where a value is quantized and
// overflow-handled into a target type, plus exact double/float decoding and
// correctly rounded conversion back to floating point.
//
// Semantics follow the vendor's ap_fixed_base assignment (Xilinx
// HLS_arbitrary_Precision_Types, ap_fixed_base.h: operator= and the double
// constructor), restated mathematically:
//   source value  = src * 2^-F2   (src an exact integer)
//   target        = W bits, F = W - I fraction bits, signedness S
//   d = F2 - F    fraction bits to drop (d < 0: shift left, nothing to round)
//   T = floor(src / 2^d); qb = bit d-1 of src; r = any bit below d-1 of src
//   R = T + inc(Q, qb, r, sign of src, bit 0 of T)   (quantization mode)
//   overflow if R > max, underflow if R < min; AP_SAT_SYM also treats R == min
//   of a signed target (from a signed source) as underflow.
//   The stored word is R mod 2^W, then the overflow mode rewrites it
//   (overflow mode); AP_WRAP_SM and the N saturation bits use the
//   vendor's bit rules (lD = source bit at target position W, Ro = new MSB).
// In words, mode by mode: docs/fixed-point.md "Exact semantics of a conversion
// into ap_[u]fixed" (source: UG1399 "Quantization Modes", "Overflow Modes").
#ifndef NNACCEL_NNFIXED_CONVERT_H
#define NNACCEL_NNFIXED_CONVERT_H

#include <stdint.h>
#include <string.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cstdint>
#include <cstring>
#endif

#include "nnfixed_modes.h"
#include "nnfixed_storage.h"

namespace nnfixed {
namespace detail {

// Rounding increment for the dropped bits (qb = first dropped bit, r = any
// dropped bit below it, neg = source negative, lsb = bit 0 of the truncated
// value). The modes: docs/fixed-point.md "Exact semantics of a conversion into
// ap_[u]fixed", step 2 (source: UG1399 "Quantization Modes").
template <ap_q_mode Q>
NNFX_INLINE constexpr bool round_up(bool qb, bool r, bool neg, bool lsb) {
  if constexpr (Q == AP_RND) return qb;
  if constexpr (Q == AP_RND_ZERO) return qb && (r || neg);
  if constexpr (Q == AP_RND_MIN_INF) return qb && r;
  if constexpr (Q == AP_RND_INF) return qb && (r || !neg);
  if constexpr (Q == AP_RND_CONV) return qb && (r || lsb);
  if constexpr (Q == AP_TRN_ZERO) return neg && (qb || r);
  return false;  // AP_TRN
}

// Rewrites the wrapped W-bit word after an overflow/underflow, per mode.
// Only reached when (ov || un) and the mode is not plain AP_WRAP.
template <int W, bool S, ap_o_mode O, int N>
inline u128 overflow_rewrite(u128 v, bool ov, bool un, bool lD, bool sign) {
  const u128 one{1, 0};
  const u128 wmask = W >= 128 ? ~u128{0, 0} : u128_shl(one, W) - one;
  const u128 msb = u128_shl(one, W - 1);
  // bits lo..hi inclusive (empty if hi < lo)
  auto range_mask = [&](int lo, int hi) {
    if (hi < lo) return u128{0, 0};
    const u128 upto = hi + 1 >= 128 ? ~u128{0, 0} : u128_shl(one, hi + 1) - one;
    return upto & ~(u128_shl(one, lo) - one);
  };
  auto set_bit = [&](u128 x, int k, bool b) {
    const u128 m = u128_shl(one, k);
    return b ? (x | m) : (x & ~m);
  };
  if constexpr (O == AP_WRAP) {
    if constexpr (N == 0) {
      return v;
    } else if constexpr (S) {
      // Sign bit takes the source sign; the next N-1 bits saturate to !sign.
      v = set_bit(v, W - 1, sign);
      if constexpr (N > 1) {
        const u128 m = range_mask(W - N, W - 2);
        v = sign ? (v & ~m) : (v | m);
      }
      return v;
    } else {
      return v | range_mask(W - N, W - 1);
    }
  } else if constexpr (O == AP_SAT_ZERO) {
    return u128{0, 0};
  } else if constexpr (O == AP_WRAP_SM) {
    static_assert(S, "AP_WRAP_SM needs a signed type");
    const bool ro = u128_bit(v, W - 1);
    if constexpr (N == 0) {
      if (lD != ro) v = set_bit(~v & wmask, W - 1, lD);
    } else {
      if constexpr (N == 1) {
        if (sign != ro) v = ~v & wmask;
      } else {
        const bool lno = u128_bit(v, W - N);
        if (lno == sign) v = ~v & wmask;
        const u128 m = range_mask(W - N, W - 2);
        v = sign ? (v & ~m) : (v | m);
      }
      v = set_bit(v, W - 1, sign);
    }
    return v;
  } else {  // AP_SAT, AP_SAT_SYM
    if constexpr (S) {
      if (ov) return wmask & ~msb;                         // 0111..1
      if (un) return O == AP_SAT_SYM ? (msb | one) : msb;  // 100..01 / 100..0
      return v;
    } else {
      if (ov) return wmask;
      if (un) return u128{0, 0};
      return v;
    }
  }
}

// Core: exact integer src (s64 or i192) with d fraction bits to drop (d may be
// negative) into <W,S,Q,O,N>. W2 is the source word width (only for lD).
template <int W, bool S, ap_q_mode Q, ap_o_mode O, int N, class X>
inline store_t<W> fit(X src, int W2, int d) {
  constexpr bool kCheck = !(O == AP_WRAP && N == 0);
  const bool neg = x_neg(src);
  store_t<W> v{};
  bool rneg = neg, ov = false, un = false;
  if (d > 0) {
    X t = x_asr(src, d);
    if constexpr (Q != AP_TRN) {
      const bool qb = x_bit(src, d - 1);
      const bool r = x_any_low(src, d - 1);
      if (round_up<Q>(qb, r, neg, x_bit(t, 0))) t = x_add1(t);
    }
    if constexpr (W <= 64)
      v = x_low64(t);
    else
      v = x_low128(t);
    if constexpr (kCheck) {
      rneg = x_neg(t);
      const bool fits = S ? x_sign_ext_from(t, W - 1) : (!rneg && x_is_zero(x_asr(t, W)));
      ov = !fits && !rneg;
      un = !fits && rneg;
    }
  } else {
    const int e = -d;
    if (e < W) {
      if constexpr (W <= 64)
        v = x_low64(x_shl(src, e));
      else
        v = x_low128(x_shl(src, e));
    }
    if constexpr (kCheck) {
      // R = src * 2^e fits iff src fits in (W - e) bits of the target's kind.
      const int k = S ? W - 1 - e : W - e;
      bool fits;
      if (k >= 0)
        fits = S ? x_sign_ext_from(src, k) : (!neg && x_is_zero(x_asr(src, k)));
      else
        fits = x_is_zero(src);
      ov = !fits && !neg;
      un = !fits && neg;
    }
  }
  if constexpr (kCheck) {
    if constexpr (O == AP_SAT_SYM && S) {
      // Vendor: a negative result whose low W-1 bits are zero is min (or
      // beyond): saturate it to -max as well.
      const u128 low = to_u128<W, false>(normalize<W, false>(v));
      const u128 m = W - 1 >= 128 ? ~u128{0, 0} : u128_shl(u128{1, 0}, W - 1) - u128{1, 0};
      if (rneg && (low & m) == u128{0, 0}) un = true;
    }
    if (ov || un) {
      bool lD = false;
      if constexpr (O == AP_WRAP_SM) {
        const int pos1 = W + d;
        lD = pos1 >= 0 && pos1 < W2 && x_bit(src, pos1);
      }
      const u128 w =
          overflow_rewrite<W, S, O, N>(to_u128<W, false>(normalize<W, false>(v)), ov, un, lD, rneg);
      return from_u128<W, S>(w);
    }
  }
  return normalize<W, S>(v);
}

// Converts a stored <W2,I2,S2> value into <W,I,S,Q,O,N>.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, int I2, bool S2>
NNFX_INLINE store_t<W> convert_fixed(store_t<W2> v) {
  constexpr int d = (W2 - I2) - (W - I);
  // The target holds every source value exactly: a plain shift, no checks.
  // (AP_SAT_SYM still has to map a signed source's minimum to -max when the
  // target's minimum is reachable.)
  constexpr bool kSymMin = O == AP_SAT_SYM && S && S2 && I <= I2;
  constexpr bool kExact = d <= 0 && !kSymMin && ((S == S2 && I >= I2) || (S && !S2 && I >= I2 + 1));
  // Plain truncation and wrap (the default modes) on one word: a shift.
  constexpr bool kShiftOnly = Q == AP_TRN && O == AP_WRAP && N == 0 && W <= 64 && W2 <= 64;
  if constexpr (kExact) {
    return normalize<W, S>(st_shl(resize<W, S, W2, S2>(v), -d));
  } else if constexpr (kShiftOnly) {
    if constexpr (d <= 0) {
      return norm64<W, S>(-d >= 64 ? 0 : (v << -d));
    } else if constexpr (S2) {
      return norm64<W, S>(static_cast<uint64_t>(static_cast<int64_t>(v) >> (d >= 64 ? 63 : d)));
    } else {
      return norm64<W, S>(d >= 64 ? 0 : (v >> d));
    }
  } else if constexpr (W <= 64 && fits_s64<W2, S2>) {
    return fit<W, S, Q, O, N>(s64{static_cast<int64_t>(v)}, W2, d);
  } else {
    // Wide target or source: exact 192-bit arithmetic (an s64 would lose the
    // bits a left shift moves above bit 63).
    return fit<W, S, Q, O, N>(to_i192<W2, S2>(v), W2, d);
  }
}

// ---------------------------------------------------------------- doubles
NNFX_INLINE uint64_t double_bits(double x) {
  uint64_t b;
  ::memcpy(&b, &x, sizeof b);
  return b;
}
NNFX_INLINE double bits_double(uint64_t b) {
  double x;
  ::memcpy(&x, &b, sizeof x);
  return x;
}
NNFX_INLINE uint32_t float_bits(float x) {
  uint32_t b;
  ::memcpy(&b, &x, sizeof b);
  return b;
}
NNFX_INLINE float bits_float(uint32_t b) {
  float x;
  ::memcpy(&x, &b, sizeof x);
  return x;
}

// Double -> <W,I,S,Q,O,N>, quantized from the double's exact binary value.
// Like the vendor's constructor the value is read as +-1.m * 2^(e-1023) for
// every biased exponent e, so Inf reads as +-2^1024 (saturates under AP_SAT,
// wraps to 0 for usual widths), NaN as +-1.m * 2^1024, and subnormals as if
// they had the implicit leading one (documented in docs/fixed-point.md).
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline store_t<W> convert_double(double x) {
  const uint64_t b = double_bits(x);
  if ((b & 0x7fffffffffffffffull) == 0) return store_t<W>{};
  const bool neg = (b >> 63) != 0;
  const int exp = static_cast<int>((b >> 52) & 0x7ff) - 1023;
  const int64_t man = static_cast<int64_t>((b & 0xfffffffffffffull) | (uint64_t{1} << 52));
  const int64_t src = neg ? -man : man;  // 54-bit signed word, 52 fraction bits above 2^exp
  const int F2 = 52 - exp;
  const int d = F2 - (W - I);
  if constexpr (W <= 64)
    return fit<W, S, Q, O, N>(s64{src}, 54, d);
  else
    return fit<W, S, Q, O, N>(i192_from_s64(src), 54, d);
}

// Vendor ap_int_base(double): truncates the magnitude, then negates. For a
// negative input with magnitude below 0.5 the vendor code yields +1 (it sets
// the truncated magnitude to -1 before negating); we reproduce that (see
// docs/fixed-point.md, "Known vendor quirks").
template <int W, bool S>
inline store_t<W> int_from_double(double x) {
  const uint64_t b = double_bits(x);
  if ((b & 0x7fffffffffffffffull) == 0) return store_t<W>{};
  const bool neg = (b >> 63) != 0;
  const int exp = static_cast<int>((b >> 52) & 0x7ff) - 1023;
  const uint64_t man = (b & 0xfffffffffffffull) | (uint64_t{1} << 52);
  const int sh = 52 - exp;
  u128 mag{0, 0};
  if (sh == 0) {
    mag = u128{man, 0};
  } else if (sh > 0) {
    if (sh < 54)
      mag = u128{man >> sh, 0};
    else
      mag = neg ? ~u128{0, 0} : u128{0, 0};
  } else if (-sh < W) {
    mag = u128_shl(u128{man, 0}, -sh);
  }
  return from_u128<W, S>(neg ? -mag : mag);
}

// Correctly rounded (ties to even) conversion of the exact value
// mag * 2^-F (mag > 0, up to 128 bits) to a P-bit-significand float type,
// returned as (significand, binary exponent) so the caller can build the
// float with ldexp. Used for double (P = 53) and float (P = 24).
struct rounded {
  uint64_t sig;  // < 2^P, or exactly 2^P after a carry
  int exp;       // value = sig * 2^exp
};
inline rounded round_to_precision(u128 mag, int P) {
  int msb = mag.hi ? 127 - __builtin_clzll(mag.hi) : 63 - __builtin_clzll(mag.lo);
  const int drop = msb + 1 - P;
  if (drop <= 0) return rounded{mag.lo, 0};
  const u128 kept = u128_lsr(mag, drop);
  const bool half = u128_bit(mag, drop - 1);
  const u128 below = drop - 1 >= 128 ? mag : (mag & (u128_shl(u128{1, 0}, drop - 1) - u128{1, 0}));
  const bool sticky = below != u128{0, 0};
  uint64_t sig = kept.lo;
  if (half && (sticky || (sig & 1u))) ++sig;
  return rounded{sig, drop};
}

}  // namespace detail
}  // namespace nnfixed

#endif  // NNACCEL_NNFIXED_CONVERT_H
