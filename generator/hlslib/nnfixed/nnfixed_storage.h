// nnfixed_storage.h - how an ap_[u]int / ap_[u]fixed value of W bits is stored.
//
// W <= 64  : one uint64_t holding the 64-bit two's complement of the exact
//            value (sign-extended for signed types, zero-extended otherwise).
// W <= 128 : u128, same rule over 128 bits.
// This "always normalized" invariant makes the stored word equal to the exact
// integer value, so comparisons and arithmetic need no masking on the hot path.
#ifndef NNACCEL_NNFIXED_STORAGE_H
#define NNACCEL_NNFIXED_STORAGE_H

#include <stdint.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cstdint>
#endif
#include <type_traits>

#include "nnfixed_wide.h"

namespace nnfixed {
namespace detail {

inline constexpr int kMaxWidth = 128;

template <int W>
using store_t = std::conditional_t<(W <= 64), uint64_t, u128>;

// True if every value of an ap_[u]int<W> (signedness S) fits in int64_t.
template <int W, bool S>
inline constexpr bool fits_s64 = (W < 64) || (W == 64 && S);

// ---- normalization: keep the low W bits, extend per signedness.
template <int W, bool S>
NNFX_INLINE constexpr uint64_t norm64(uint64_t v) {
  if constexpr (W >= 64) {
    return v;
  } else if constexpr (S) {
    constexpr int sh = 64 - W;
    return static_cast<uint64_t>(static_cast<int64_t>(v << sh) >> sh);
  } else {
    return v & ((uint64_t{1} << W) - 1);
  }
}

template <int W, bool S>
NNFX_INLINE constexpr u128 norm128(u128 v) {
  static_assert(W > 64 && W <= 128);
  if constexpr (W == 128) {
    return v;
  } else if constexpr (S) {
    constexpr int sh = 128 - W;  // 1..63
    return u128{v.lo, static_cast<uint64_t>(static_cast<int64_t>(v.hi << sh) >> sh)};
  } else {
    return u128{v.lo, v.hi & ((uint64_t{1} << (W - 64)) - 1)};
  }
}

template <int W, bool S>
NNFX_INLINE constexpr store_t<W> normalize(store_t<W> v) {
  if constexpr (W <= 64)
    return norm64<W, S>(v);
  else
    return norm128<W, S>(v);
}

// Low W bits from a 128-bit pattern, normalized.
template <int W, bool S>
NNFX_INLINE constexpr store_t<W> from_u128(u128 v) {
  if constexpr (W <= 64)
    return norm64<W, S>(v.lo);
  else
    return norm128<W, S>(v);
}

// The exact value of a stored <W,S> word as a 128-bit pattern (W <= 128;
// for unsigned 128-bit values the pattern is the value itself).
template <int W, bool S>
NNFX_INLINE constexpr u128 to_u128(store_t<W> v) {
  if constexpr (W <= 64)
    return S ? u128_from_s64(static_cast<int64_t>(v)) : u128_from_u64(v);
  else
    return v;
}

// ap_int_base copy semantics: the low W bits of the source's exact value.
template <int W, bool S, int W2, bool S2>
NNFX_INLINE constexpr store_t<W> resize(store_t<W2> v) {
  if constexpr (W <= 64 && W2 <= 64)
    return norm64<W, S>(v);
  else
    return from_u128<W, S>(to_u128<W2, S2>(v));
}

// Widening to a type that holds every value of <W2,S2> (operator results):
// the normalized word already is the value, so no masking is needed.
template <int W, bool S, int W2, bool S2>
NNFX_INLINE constexpr store_t<W> widen(store_t<W2> v) {
  static_assert(W >= W2, "widen() only to wider types");
  if constexpr (W <= 64 || W2 > 64)
    return v;
  else
    return to_u128<W2, S2>(v);
}

// Is the stored value negative?
template <int W, bool S>
NNFX_INLINE constexpr bool is_negative(store_t<W> v) {
  if constexpr (!S)
    return false;
  else if constexpr (W <= 64)
    return static_cast<int64_t>(v) < 0;
  else
    return u128_neg(v);
}

template <int W>
NNFX_INLINE constexpr bool is_zero(store_t<W> v) {
  if constexpr (W <= 64)
    return v == 0;
  else
    return (v.lo | v.hi) == 0;
}

template <int W>
NNFX_INLINE constexpr bool get_bit(store_t<W> v, int k) {
  if constexpr (W <= 64)
    return ((v >> k) & 1u) != 0;
  else
    return u128_bit(v, k);
}

// Exact value as i192 (any width up to 128, either signedness).
template <int W, bool S>
NNFX_INLINE constexpr i192 to_i192(store_t<W> v) {
  if constexpr (W <= 64)
    return S ? i192_from_s64(static_cast<int64_t>(v)) : i192_from_u64(v);
  else if constexpr (S)
    return i192_from_s128(v);
  else
    return i192_from_u128(v);
}

// Left shift of a stored pattern by k >= 0 (bits shifted past 64/128 are lost).
NNFX_INLINE constexpr uint64_t st_shl(uint64_t v, int k) { return k >= 64 ? 0 : (v << k); }
NNFX_INLINE constexpr u128 st_shl(u128 v, int k) { return u128_shl(v, k); }

}  // namespace detail
}  // namespace nnfixed

#endif  // NNACCEL_NNFIXED_STORAGE_H
