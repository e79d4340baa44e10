// nnfixed_refs.h - bit and part-select references: x[i], x.range(hi, lo),
// x.range() for ap_[u]int (ap_bit_ref, ap_range_ref) and ap_[u]fixed
// (af_bit_ref, af_range_ref), readable and writable like the vendor's
// (ap_int_ref.h, ap_fixed_ref.h). A range with hi < lo reads and writes the
// bits in reverse order, as the vendor's does. Concatenation of ap_[u]int
// values: a.concat(b) and (a, b) give an ap_concat_ref (read: an
// ap_uint<Wa+Wb> with a in the high bits; assignable when both are lvalues).
#ifndef NNACCEL_NNFIXED_REFS_H
#define NNACCEL_NNFIXED_REFS_H

#include <stdio.h>
#include <stdlib.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cstdio>
#include <cstdlib>
#include <string>
#endif

#include "nnfixed_fixed.h"
#include "nnfixed_int.h"

namespace nnfixed {
namespace detail {

[[noreturn]] inline void bad_index(const char* what, int hi, int lo, int width) {
  ::fprintf(stderr, "nnfixed: %s(%d, %d) out of bounds for a %d-bit value\n", what, hi, lo,
            width);
  ::abort();
}

// Bits hi..lo of a W-bit word as an unsigned W-bit word (reversed if hi < lo).
template <int W>
inline u128 get_range(u128 word, int hi, int lo) {
  if (hi < 0 || lo < 0 || hi >= W || lo >= W) bad_index("range", hi, lo, W);
  if (hi >= lo) {
    const int n = hi - lo + 1;
    const u128 m = n >= 128 ? ~u128{0, 0} : u128_shl(u128{1, 0}, n) - u128{1, 0};
    return u128_lsr(word, lo) & m;
  }
  u128 r{0, 0};
  for (int k = 0; k <= lo - hi; ++k)
    if (u128_bit(word, lo - k)) r = r | u128_shl(u128{1, 0}, k);
  return r;
}

// word with bits hi..lo replaced by the low bits of val (reversed if hi < lo).
template <int W>
inline u128 set_range(u128 word, int hi, int lo, u128 val) {
  if (hi < 0 || lo < 0 || hi >= W || lo >= W) bad_index("range", hi, lo, W);
  if (hi >= lo) {
    const int n = hi - lo + 1;
    const u128 m = n >= 128 ? ~u128{0, 0} : u128_shl(u128{1, 0}, n) - u128{1, 0};
    return (word & ~u128_shl(m, lo)) | u128_shl(val & m, lo);
  }
  for (int k = 0; k <= lo - hi; ++k) {
    const u128 bit = u128_shl(u128{1, 0}, lo - k);
    word = u128_bit(val, k) ? (word | bit) : (word & ~bit);
  }
  return word;
}

}  // namespace detail
}  // namespace nnfixed

// ------------------------------------------------------------ ap_bit_ref
template <int W, bool S>
struct ap_bit_ref {
  ap_int_base<W, S>* d_bv;
  int d_index;

  NNFX_INLINE ap_bit_ref(ap_int_base<W, S>* bv, int index) : d_bv(bv), d_index(index) {
    if (index < 0 || index >= W) nnfixed::detail::bad_index("operator[]", index, index, W);
  }
  ap_bit_ref(const ap_bit_ref&) = default;

  NNFX_INLINE operator bool() const { return d_bv->test(d_index); }
  NNFX_INLINE bool to_bool() const { return d_bv->test(d_index); }
  NNFX_INLINE bool get() const { return d_bv->test(d_index); }
  NNFX_INLINE int length() const { return 1; }
  NNFX_INLINE bool operator~() const { return !get(); }

  NNFX_INLINE ap_bit_ref& operator=(bool b) {
    d_bv->nnfx_set_bit(d_index, b);
    return *this;
  }
  NNFX_INLINE ap_bit_ref& operator=(int b) { return *this = ((b & 1) != 0); }
  NNFX_INLINE ap_bit_ref& operator=(unsigned b) { return *this = ((b & 1u) != 0); }
  NNFX_INLINE ap_bit_ref& operator=(long long b) { return *this = ((b & 1) != 0); }
  NNFX_INLINE ap_bit_ref& operator=(unsigned long long b) { return *this = ((b & 1u) != 0); }
  NNFX_INLINE ap_bit_ref& operator=(const ap_bit_ref& o) { return *this = o.get(); }
  template <int W2, bool S2>
  NNFX_INLINE ap_bit_ref& operator=(const ap_bit_ref<W2, S2>& o) {
    return *this = o.get();
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_bit_ref& operator=(const ap_int_base<W2, S2>& o) {
    return *this = o.test(0);
  }
};

// ------------------------------------------------------------ ap_range_ref
template <int W, bool S>
struct ap_range_ref {
  ap_int_base<W, S>* d_bv;
  int l_index;
  int h_index;

  NNFX_INLINE ap_range_ref(ap_int_base<W, S>* bv, int hi, int lo)
      : d_bv(bv), l_index(lo), h_index(hi) {
    if (hi < 0 || lo < 0 || hi >= W || lo >= W) nnfixed::detail::bad_index("range", hi, lo, W);
  }
  ap_range_ref(const ap_range_ref&) = default;

  NNFX_INLINE ap_int_base<W, false> get() const {
    return ap_int_base<W, false>::nnfx_from_bits(nnfixed::detail::from_u128<W, false>(
        nnfixed::detail::get_range<W>(nnfixed::detail::to_u128<W, S>(d_bv->nnfx_v), h_index,
                                      l_index)));
  }
  NNFX_INLINE operator ap_int_base<W, false>() const { return get(); }
  NNFX_INLINE operator ap_ulong() const { return get().to_uint64(); }
  NNFX_INLINE int length() const {
    return (h_index > l_index ? h_index - l_index : l_index - h_index) + 1;
  }
  NNFX_INLINE int to_int() const { return get().to_int(); }
  NNFX_INLINE unsigned to_uint() const { return get().to_uint(); }
  NNFX_INLINE long to_long() const { return get().to_long(); }
  NNFX_INLINE unsigned long to_ulong() const { return get().to_ulong(); }
  NNFX_INLINE ap_slong to_int64() const { return get().to_int64(); }
  NNFX_INLINE ap_ulong to_uint64() const { return get().to_uint64(); }
  NNFX_INLINE bool and_reduce() const {
    const ap_int_base<W, false> v = get();
    for (int i = 0; i < length(); ++i)
      if (!v.test(i)) return false;
    return true;
  }
  NNFX_INLINE bool or_reduce() const { return !get().is_zero(); }
  NNFX_INLINE bool xor_reduce() const { return get().xor_reduce(); }
#if !defined(NNFIXED_FREESTANDING)
  std::string to_string(signed char radix = 2) const { return get().to_string(radix); }
#endif

  NNFX_INLINE ap_range_ref& nnfx_write(nnfixed::detail::u128 val) {
    d_bv->nnfx_v = nnfixed::detail::from_u128<W, S>(nnfixed::detail::set_range<W>(
        nnfixed::detail::to_u128<W, S>(d_bv->nnfx_v), h_index, l_index, val));
    return *this;
  }
  NNFX_INLINE ap_range_ref& operator=(ap_ulong val) {
    return nnfx_write(nnfixed::detail::u128_from_u64(val));
  }
  NNFX_INLINE ap_range_ref& operator=(int val) {
    return nnfx_write(nnfixed::detail::u128_from_s64(val));
  }
  NNFX_INLINE ap_range_ref& operator=(unsigned val) {
    return nnfx_write(nnfixed::detail::u128_from_u64(val));
  }
  NNFX_INLINE ap_range_ref& operator=(long val) {
    return nnfx_write(nnfixed::detail::u128_from_s64(val));
  }
  NNFX_INLINE ap_range_ref& operator=(unsigned long val) {
    return nnfx_write(nnfixed::detail::u128_from_u64(val));
  }
  NNFX_INLINE ap_range_ref& operator=(long long val) {
    return nnfx_write(nnfixed::detail::u128_from_s64(val));
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_range_ref& operator=(const ap_int_base<W2, S2>& val) {
    return nnfx_write(nnfixed::detail::to_u128<W2, S2>(val.nnfx_v));
  }
  NNFX_INLINE ap_range_ref& operator=(const ap_range_ref& o) { return *this = o.get(); }
  template <int W2, bool S2>
  NNFX_INLINE ap_range_ref& operator=(const ap_range_ref<W2, S2>& o) {
    return *this = o.get();
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_range_ref& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& val) {
    // vendor: the fixed-point value's bits (not its integer part)
    return nnfx_write(nnfixed::detail::to_u128<W2, S2>(val.nnfx_v));
  }
};

// ------------------------------------------------------------ af_bit_ref
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_bit_ref {
  ap_fixed_base<W, I, S, Q, O, N>* d_bv;
  int d_index;

  NNFX_INLINE af_bit_ref(ap_fixed_base<W, I, S, Q, O, N>* bv, int index)
      : d_bv(bv), d_index(index) {
    if (index < 0 || index >= W) nnfixed::detail::bad_index("operator[]", index, index, W);
  }
  af_bit_ref(const af_bit_ref&) = default;

  NNFX_INLINE bool get() const { return nnfixed::detail::get_bit<W>(d_bv->nnfx_v, d_index); }
  NNFX_INLINE operator bool() const { return get(); }
  NNFX_INLINE bool to_bool() const { return get(); }
  NNFX_INLINE int length() const { return 1; }
  NNFX_INLINE bool operator~() const { return !get(); }
  NNFX_INLINE af_bit_ref& operator=(bool b) {
    const nnfixed::detail::u128 bit = nnfixed::detail::u128_shl(nnfixed::detail::u128{1, 0},
                                                                d_index);
    const nnfixed::detail::u128 w = nnfixed::detail::to_u128<W, S>(d_bv->nnfx_v);
    d_bv->nnfx_v = nnfixed::detail::from_u128<W, S>(b ? (w | bit) : (w & ~bit));
    return *this;
  }
  NNFX_INLINE af_bit_ref& operator=(int b) { return *this = ((b & 1) != 0); }
  NNFX_INLINE af_bit_ref& operator=(unsigned b) { return *this = ((b & 1u) != 0); }
  NNFX_INLINE af_bit_ref& operator=(long long b) { return *this = ((b & 1) != 0); }
  NNFX_INLINE af_bit_ref& operator=(unsigned long long b) { return *this = ((b & 1u) != 0); }
  NNFX_INLINE af_bit_ref& operator=(const af_bit_ref& o) { return *this = o.get(); }
};

// ------------------------------------------------------------ af_range_ref
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_range_ref {
  ap_fixed_base<W, I, S, Q, O, N>* d_bv;
  int l_index;
  int h_index;

  NNFX_INLINE af_range_ref(ap_fixed_base<W, I, S, Q, O, N>* bv, int hi, int lo)
      : d_bv(bv), l_index(lo), h_index(hi) {
    if (hi < 0 || lo < 0 || hi >= W || lo >= W) nnfixed::detail::bad_index("range", hi, lo, W);
  }
  af_range_ref(const af_range_ref&) = default;

  NNFX_INLINE ap_int_base<W, false> get() const {
    return ap_int_base<W, false>::nnfx_from_bits(nnfixed::detail::from_u128<W, false>(
        nnfixed::detail::get_range<W>(nnfixed::detail::to_u128<W, S>(d_bv->nnfx_v), h_index,
                                      l_index)));
  }
  NNFX_INLINE ap_int_base<W, false> to_ap_int_base() const { return get(); }
  NNFX_INLINE operator ap_int_base<W, false>() const { return get(); }
  NNFX_INLINE operator ap_ulong() const { return get().to_uint64(); }
  NNFX_INLINE int length() const {
    return (h_index > l_index ? h_index - l_index : l_index - h_index) + 1;
  }
  NNFX_INLINE int to_int() const { return get().to_int(); }
  NNFX_INLINE unsigned to_uint() const { return get().to_uint(); }
  NNFX_INLINE ap_slong to_int64() const { return get().to_int64(); }
  NNFX_INLINE ap_ulong to_uint64() const { return get().to_uint64(); }
#if !defined(NNFIXED_FREESTANDING)
  std::string to_string(signed char radix = 2) const { return get().to_string(radix); }
#endif

  NNFX_INLINE af_range_ref& nnfx_write(nnfixed::detail::u128 val) {
    d_bv->nnfx_v = nnfixed::detail::from_u128<W, S>(nnfixed::detail::set_range<W>(
        nnfixed::detail::to_u128<W, S>(d_bv->nnfx_v), h_index, l_index, val));
    return *this;
  }
  NNFX_INLINE af_range_ref& operator=(ap_ulong val) {
    return nnfx_write(nnfixed::detail::u128_from_u64(val));
  }
  NNFX_INLINE af_range_ref& operator=(int val) {
    return nnfx_write(nnfixed::detail::u128_from_s64(val));
  }
  NNFX_INLINE af_range_ref& operator=(unsigned val) {
    return nnfx_write(nnfixed::detail::u128_from_u64(val));
  }
  NNFX_INLINE af_range_ref& operator=(long long val) {
    return nnfx_write(nnfixed::detail::u128_from_s64(val));
  }
  template <int W2, bool S2>
  NNFX_INLINE af_range_ref& operator=(const ap_int_base<W2, S2>& val) {
    return nnfx_write(nnfixed::detail::to_u128<W2, S2>(val.nnfx_v));
  }
  NNFX_INLINE af_range_ref& operator=(const af_range_ref& o) { return *this = o.get(); }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE af_range_ref& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& val) {
    return nnfx_write(nnfixed::detail::to_u128<W2, S2>(val.nnfx_v));
  }
};

// ------------------------------------------------------------ member definitions
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::range(int hi, int lo) {
  return ap_range_ref<W, S>(this, hi, lo);
}
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::range(int hi, int lo) const {
  return ap_range_ref<W, S>(const_cast<ap_int_base*>(this), hi, lo);
}
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::range() {
  return range(W - 1, 0);
}
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::range() const {
  return range(W - 1, 0);
}
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::operator()(int hi, int lo) {
  return range(hi, lo);
}
template <int W, bool S>
NNFX_INLINE ap_range_ref<W, S> ap_int_base<W, S>::operator()(int hi, int lo) const {
  return range(hi, lo);
}
template <int W, bool S>
NNFX_INLINE ap_bit_ref<W, S> ap_int_base<W, S>::operator[](int i) {
  return ap_bit_ref<W, S>(this, i);
}
template <int W, bool S>
NNFX_INLINE ap_bit_ref<W, S> ap_int_base<W, S>::bit(int i) {
  return ap_bit_ref<W, S>(this, i);
}
template <int W, bool S>
template <int W2, bool S2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const ap_range_ref<W2, S2>& r)
    : ap_int_base(r.get()) {}
template <int W, bool S>
template <int W2, bool S2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const ap_bit_ref<W2, S2>& b)
    : ap_int_base(static_cast<bool>(b)) {}
template <int W, bool S>
template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r)
    : ap_int_base(r.get()) {}
template <int W, bool S>
template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b)
    : ap_int_base(static_cast<bool>(b)) {}

#define NNFX_AF_TPL template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
#define NNFX_AF ap_fixed_base<W, I, S, Q, O, N>
NNFX_AF_TPL NNFX_INLINE af_bit_ref<W, I, S, Q, O, N> NNFX_AF::operator[](unsigned i) {
  return af_bit_ref<W, I, S, Q, O, N>(this, static_cast<int>(i));
}
NNFX_AF_TPL NNFX_INLINE af_bit_ref<W, I, S, Q, O, N> NNFX_AF::bit(unsigned i) {
  return af_bit_ref<W, I, S, Q, O, N>(this, static_cast<int>(i));
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::range(int hi, int lo) {
  return af_range_ref<W, I, S, Q, O, N>(this, hi, lo);
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::range(int hi, int lo) const {
  return af_range_ref<W, I, S, Q, O, N>(const_cast<ap_fixed_base*>(this), hi, lo);
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::range() {
  return range(W - 1, 0);
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::range() const {
  return range(W - 1, 0);
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::operator()(int hi, int lo) {
  return range(hi, lo);
}
NNFX_AF_TPL NNFX_INLINE af_range_ref<W, I, S, Q, O, N> NNFX_AF::operator()(int hi,
                                                                          int lo) const {
  return range(hi, lo);
}
// A range of bits converts like an ap_uint of the parent's width, a bit like
// a bool (vendor constructors from ap_range_ref / ap_bit_ref).
NNFX_AF_TPL template <int W2, bool S2>
NNFX_INLINE NNFX_AF::ap_fixed_base(const ap_bit_ref<W2, S2>& b)
    : ap_fixed_base(static_cast<bool>(b)) {}
NNFX_AF_TPL template <int W2, bool S2>
NNFX_INLINE NNFX_AF::ap_fixed_base(const ap_range_ref<W2, S2>& r) : ap_fixed_base(r.get()) {}
NNFX_AF_TPL template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
NNFX_INLINE NNFX_AF::ap_fixed_base(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b)
    : ap_fixed_base(static_cast<bool>(b)) {}
NNFX_AF_TPL template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
NNFX_INLINE NNFX_AF::ap_fixed_base(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r)
    : ap_fixed_base(r.get()) {}
#undef NNFX_AF_TPL
#undef NNFX_AF

// ------------------------------------------------------------ concatenation
// Reads as ap_uint<W1+W2> (first operand in the high bits); writable when
// both parts are non-const lvalues.
template <int W1, bool S1, int W2, bool S2>
struct ap_concat_ref {
  static_assert(W1 + W2 <= nnfixed::detail::kMaxWidth,
                "nnfixed: concatenations wider than 128 bits are not supported");
  ap_int_base<W1, S1>* hi_part;
  ap_int_base<W2, S2>* lo_part;

  NNFX_INLINE ap_int_base<W1 + W2, false> get() const {
    const nnfixed::detail::u128 h =
        nnfixed::detail::to_u128<W1, false>(nnfixed::detail::normalize<W1, false>(hi_part->nnfx_v));
    const nnfixed::detail::u128 l =
        nnfixed::detail::to_u128<W2, false>(nnfixed::detail::normalize<W2, false>(lo_part->nnfx_v));
    return ap_int_base<W1 + W2, false>::nnfx_from_bits(nnfixed::detail::from_u128<W1 + W2, false>(
        nnfixed::detail::u128_shl(h, W2) | l));
  }
  NNFX_INLINE operator ap_int_base<W1 + W2, false>() const { return get(); }
  NNFX_INLINE operator ap_ulong() const { return get().to_uint64(); }
  NNFX_INLINE int length() const { return W1 + W2; }
  NNFX_INLINE ap_concat_ref& nnfx_write(nnfixed::detail::u128 v) {
    lo_part->nnfx_v = nnfixed::detail::from_u128<W2, S2>(v);
    hi_part->nnfx_v = nnfixed::detail::from_u128<W1, S1>(nnfixed::detail::u128_lsr(v, W2));
    return *this;
  }
  template <int W3, bool S3>
  NNFX_INLINE ap_concat_ref& operator=(const ap_int_base<W3, S3>& v) {
    // The value is first resized to W1+W2 bits (vendor: ap_int_base<W1+W2>).
    const ap_int_base<W1 + W2, false> t(v);
    return nnfx_write(nnfixed::detail::to_u128<W1 + W2, false>(t.nnfx_v));
  }
  NNFX_INLINE ap_concat_ref& operator=(ap_ulong v) {
    return *this = ap_int_base<64, false>(v);
  }
};

template <int W, bool S>
template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const ap_concat_ref<W1, S1, W2, S2>& c)
    : ap_int_base(c.get()) {}

template <int W, bool S>
template <int W2, bool S2>
NNFX_INLINE ap_concat_ref<W, S, W2, S2> ap_int_base<W, S>::concat(ap_int_base<W2, S2>& lo) {
  return ap_concat_ref<W, S, W2, S2>{this, &lo};
}
template <int W, bool S>
template <int W2, bool S2>
NNFX_INLINE ap_int_base<W + W2, false> ap_int_base<W, S>::concat(
    const ap_int_base<W2, S2>& lo) const {
  return ap_concat_ref<W, S, W2, S2>{const_cast<ap_int_base*>(this),
                                     const_cast<ap_int_base<W2, S2>*>(&lo)}
      .get();
}

template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE ap_concat_ref<W1, S1, W2, S2> operator,(ap_int_base<W1, S1>& a,
                                                    ap_int_base<W2, S2>& b) {
  return ap_concat_ref<W1, S1, W2, S2>{&a, &b};
}
// Read-only concatenation of const values (the result is a value).
template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE ap_int_base<W1 + W2, false> operator,(const ap_int_base<W1, S1>& a,
                                                  const ap_int_base<W2, S2>& b) {
  return ap_concat_ref<W1, S1, W2, S2>{const_cast<ap_int_base<W1, S1>*>(&a),
                                       const_cast<ap_int_base<W2, S2>*>(&b)}
      .get();
}

#endif  // NNACCEL_NNFIXED_REFS_H
