// nnfixed_wide.h - portable multi-word two's-complement integers for the
// ap_fixed/ap_int emulation.
//
// Why this exists: values of up to 64 bits live in one uint64_t, but the
// full-precision results of the vendor's operators (ap_fixed<64,..> *
// ap_fixed<64,..> is 128 bits wide) and the exact intermediates of a
// conversion need more. __int128 is not available on 32-bit ARM, and results
// must be bit-identical on x86-64 and ARM, so everything wider than 64 bits is
// done here with plain uint64_t words.
//
//  u128 - 128-bit two's-complement pattern (storage of 65..128-bit values).
//  i192 - 192-bit two's-complement signed integer: holds any 128-bit value of
//         either signedness plus a rounding carry exactly (conversion path).
//  s64  - the same interface over int64_t, the fast conversion path.
#ifndef NNACCEL_NNFIXED_WIDE_H
#define NNACCEL_NNFIXED_WIDE_H

#include <stdint.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cstdint>
#endif

#define NNFX_INLINE inline __attribute__((always_inline))

namespace nnfixed {
namespace detail {

// ---------------------------------------------------------------- u128
struct u128 {
  uint64_t lo;
  uint64_t hi;
};

NNFX_INLINE constexpr u128 u128_from_s64(int64_t v) {
  return u128{static_cast<uint64_t>(v), v < 0 ? ~uint64_t{0} : uint64_t{0}};
}
NNFX_INLINE constexpr u128 u128_from_u64(uint64_t v) { return u128{v, 0}; }
NNFX_INLINE constexpr bool operator==(u128 a, u128 b) { return a.lo == b.lo && a.hi == b.hi; }
NNFX_INLINE constexpr bool operator!=(u128 a, u128 b) { return !(a == b); }
NNFX_INLINE constexpr u128 operator+(u128 a, u128 b) {
  const uint64_t lo = a.lo + b.lo;
  return u128{lo, a.hi + b.hi + (lo < a.lo ? 1u : 0u)};
}
NNFX_INLINE constexpr u128 operator-(u128 a, u128 b) {
  return u128{a.lo - b.lo, a.hi - b.hi - (a.lo < b.lo ? 1u : 0u)};
}
NNFX_INLINE constexpr u128 operator-(u128 a) { return u128{0, 0} - a; }
NNFX_INLINE constexpr u128 operator~(u128 a) { return u128{~a.lo, ~a.hi}; }
NNFX_INLINE constexpr u128 operator&(u128 a, u128 b) { return u128{a.lo & b.lo, a.hi & b.hi}; }
NNFX_INLINE constexpr u128 operator|(u128 a, u128 b) { return u128{a.lo | b.lo, a.hi | b.hi}; }
NNFX_INLINE constexpr u128 operator^(u128 a, u128 b) { return u128{a.lo ^ b.lo, a.hi ^ b.hi}; }
NNFX_INLINE constexpr bool u128_neg(u128 a) { return (a.hi >> 63) != 0; }

// Shifts take any k >= 0; k >= 128 gives 0 (shl, lsr) or the sign (asr).
NNFX_INLINE constexpr u128 u128_shl(u128 a, int k) {
  if (k <= 0) return a;
  if (k >= 128) return u128{0, 0};
  if (k >= 64) return u128{0, a.lo << (k - 64)};
  return u128{a.lo << k, (a.hi << k) | (a.lo >> (64 - k))};
}
NNFX_INLINE constexpr u128 u128_lsr(u128 a, int k) {
  if (k <= 0) return a;
  if (k >= 128) return u128{0, 0};
  if (k >= 64) return u128{a.hi >> (k - 64), 0};
  return u128{(a.lo >> k) | (a.hi << (64 - k)), a.hi >> k};
}
NNFX_INLINE constexpr u128 u128_asr(u128 a, int k) {
  const uint64_t fill = u128_neg(a) ? ~uint64_t{0} : uint64_t{0};
  if (k <= 0) return a;
  if (k >= 128) return u128{fill, fill};
  if (k >= 64) {
    const int s = k - 64;
    return u128{s == 0 ? a.hi : ((a.hi >> s) | (fill << (64 - s))), fill};
  }
  return u128{(a.lo >> k) | (a.hi << (64 - k)), (a.hi >> k) | (fill << (64 - k))};
}
NNFX_INLINE constexpr bool u128_bit(u128 a, int k) {
  return k < 64 ? ((a.lo >> k) & 1u) != 0 : ((a.hi >> (k - 64)) & 1u) != 0;
}
NNFX_INLINE constexpr bool u128_slt(u128 a, u128 b) {
  const int64_t ah = static_cast<int64_t>(a.hi), bh = static_cast<int64_t>(b.hi);
  return ah < bh || (ah == bh && a.lo < b.lo);
}
NNFX_INLINE constexpr bool u128_ult(u128 a, u128 b) {
  return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

// Full 64 x 64 -> 128 unsigned product from 32-bit limbs (no __int128).
NNFX_INLINE constexpr u128 mul_64x64(uint64_t a, uint64_t b) {
  const uint64_t a0 = a & 0xffffffffu, a1 = a >> 32;
  const uint64_t b0 = b & 0xffffffffu, b1 = b >> 32;
  const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  return u128{(mid << 32) | (p00 & 0xffffffffu), p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32)};
}
// Product modulo 2^128 (exact whenever the true product fits the result type).
NNFX_INLINE constexpr u128 operator*(u128 a, u128 b) {
  u128 p = mul_64x64(a.lo, b.lo);
  p.hi += a.lo * b.hi + a.hi * b.lo;
  return p;
}

// Unsigned 128 / 128 division; the caller guarantees d != 0.
inline constexpr void u128_divmod(u128 n, u128 d, u128& q, u128& r) {
  if (n.hi == 0 && d.hi == 0) {
    q = u128{n.lo / d.lo, 0};
    r = u128{n.lo % d.lo, 0};
    return;
  }
  q = u128{0, 0};
  r = u128{0, 0};
  for (int i = 127; i >= 0; --i) {
    r = u128_shl(r, 1);
    if (u128_bit(n, i)) r.lo |= 1u;
    if (!u128_ult(r, d)) {
      r = r - d;
      if (i >= 64)
        q.hi |= uint64_t{1} << (i - 64);
      else
        q.lo |= uint64_t{1} << i;
    }
  }
}

// ---------------------------------------------------------------- i192
// Only used by conversions whose operands do not fit the s64 fast path.
struct i192 {
  uint64_t w[3];
};

inline constexpr i192 i192_from_s64(int64_t v) {
  const uint64_t f = v < 0 ? ~uint64_t{0} : uint64_t{0};
  return i192{{static_cast<uint64_t>(v), f, f}};
}
inline constexpr i192 i192_from_u64(uint64_t v) { return i192{{v, 0, 0}}; }
inline constexpr i192 i192_from_s128(u128 v) {
  return i192{{v.lo, v.hi, u128_neg(v) ? ~uint64_t{0} : uint64_t{0}}};
}
inline constexpr i192 i192_from_u128(u128 v) { return i192{{v.lo, v.hi, 0}}; }

inline constexpr bool x_neg(const i192& a) { return (a.w[2] >> 63) != 0; }
inline constexpr bool x_bit(const i192& a, int k) {
  if (k >= 192) return x_neg(a);
  return ((a.w[k / 64] >> (k % 64)) & 1u) != 0;
}
inline constexpr i192 x_asr(const i192& a, int k) {
  const uint64_t f = x_neg(a) ? ~uint64_t{0} : uint64_t{0};
  if (k <= 0) return a;
  if (k >= 192) return i192{{f, f, f}};
  const int ws = k / 64, bs = k % 64;
  uint64_t src[4] = {a.w[0], a.w[1], a.w[2], f};
  i192 r{{f, f, f}};
  for (int i = 0; i < 3; ++i) {
    const int j = i + ws;
    const uint64_t lo = j < 3 ? src[j] : f;
    const uint64_t hi = j + 1 < 3 ? src[j + 1] : f;
    r.w[i] = bs == 0 ? lo : ((lo >> bs) | (hi << (64 - bs)));
  }
  return r;
}
inline constexpr i192 x_shl(const i192& a, int k) {
  if (k <= 0) return a;
  if (k >= 192) return i192{{0, 0, 0}};
  const int ws = k / 64, bs = k % 64;
  i192 r{{0, 0, 0}};
  for (int i = 2; i >= ws; --i) {
    const int j = i - ws;
    const uint64_t hi = a.w[j];
    const uint64_t lo = j >= 1 ? a.w[j - 1] : 0;
    r.w[i] = bs == 0 ? hi : ((hi << bs) | (lo >> (64 - bs)));
  }
  return r;
}
inline constexpr i192 x_add1(const i192& a) {
  i192 r = a;
  for (int i = 0; i < 3; ++i) {
    if (++r.w[i] != 0) break;
  }
  return r;
}
inline constexpr bool x_is_zero(const i192& a) { return (a.w[0] | a.w[1] | a.w[2]) == 0; }
// True if a's bits 0..k-1 are not all zero.
inline constexpr bool x_any_low(const i192& a, int k) {
  if (k <= 0) return false;
  if (k >= 192) return !x_is_zero(a);
  for (int i = 0; i < 3; ++i) {
    const int lo = i * 64;
    if (k <= lo) break;
    const int n = k - lo;
    const uint64_t m = n >= 64 ? ~uint64_t{0} : ((uint64_t{1} << n) - 1);
    if (a.w[i] & m) return true;
  }
  return false;
}
// True if the value fits in k+1 bits of two's complement (all bits from k up
// equal the sign): asr(a, k) is 0 or -1.
inline constexpr bool x_sign_ext_from(const i192& a, int k) {
  const i192 t = x_asr(a, k);
  const uint64_t f = x_neg(a) ? ~uint64_t{0} : uint64_t{0};
  return t.w[0] == f && t.w[1] == f && t.w[2] == f;
}
inline constexpr uint64_t x_low64(const i192& a) { return a.w[0]; }
inline constexpr u128 x_low128(const i192& a) { return u128{a.w[0], a.w[1]}; }

// ---------------------------------------------------------------- s64
// Same interface over one int64_t; valid while every intermediate fits.
struct s64 {
  int64_t v;
};

NNFX_INLINE constexpr bool x_neg(s64 a) { return a.v < 0; }
NNFX_INLINE constexpr bool x_bit(s64 a, int k) {
  return k >= 63 ? a.v < 0 : ((static_cast<uint64_t>(a.v) >> k) & 1u) != 0;
}
NNFX_INLINE constexpr s64 x_asr(s64 a, int k) {
  if (k <= 0) return a;
  return s64{k >= 63 ? (a.v < 0 ? -1 : 0) : (a.v >> k)};
}
NNFX_INLINE constexpr s64 x_shl(s64 a, int k) {
  if (k <= 0) return a;
  return s64{k >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(a.v) << k)};
}
NNFX_INLINE constexpr s64 x_add1(s64 a) { return s64{a.v + 1}; }
NNFX_INLINE constexpr bool x_is_zero(s64 a) { return a.v == 0; }
NNFX_INLINE constexpr bool x_any_low(s64 a, int k) {
  if (k <= 0) return false;
  if (k >= 64) return a.v != 0;
  return (static_cast<uint64_t>(a.v) & ((uint64_t{1} << k) - 1)) != 0;
}
NNFX_INLINE constexpr bool x_sign_ext_from(s64 a, int k) {
  if (k >= 63) return true;
  const int64_t t = a.v >> k;
  return t == 0 || t == -1;
}
NNFX_INLINE constexpr uint64_t x_low64(s64 a) { return static_cast<uint64_t>(a.v); }
NNFX_INLINE constexpr u128 x_low128(s64 a) { return u128_from_s64(a.v); }

}  // namespace detail
}  // namespace nnfixed

#endif  // NNACCEL_NNFIXED_WIDE_H
