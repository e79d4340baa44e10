// nnfixed_fixed.h - ap_fixed_base<W,I,S,Q,O,N>, ap_fixed, ap_ufixed.
//
// Vendor semantics (docs/fixed-point.md "Supported API"; sources: ap_fixed_base.h,
// UG1399 "Arbitrary Precision Fixed-Point Data Types"): construction/assignment
// quantizes then handles overflow into the target type (nnfixed_convert.h);
// + - * / & | ^ return full-precision types (RType below); comparisons are
// exact; << and >> keep the type and neither round nor saturate.
#ifndef NNACCEL_NNFIXED_FIXED_H
#define NNACCEL_NNFIXED_FIXED_H

#if !defined(NNFIXED_FREESTANDING)
#include <string>  // to_string (nnfixed_print.h); not in a freestanding build
#endif

#include "nnfixed_arith.h"
#include "nnfixed_convert.h"
#include "nnfixed_fwd.h"
#include "nnfixed_int.h"
#include "nnfixed_storage.h"

namespace nnfixed {
namespace detail {
// Result types of ap_fixed_base<W,I,S> op ap_fixed_base<W2,I2,S2>, as the
// vendor's ap_fixed_base::RType.
template <int W, int I, bool S, int W2, int I2, bool S2>
struct fx_rtype {
  enum {
    F = W - I,
    F2 = W2 - I2,
    mult_w = W + W2,
    mult_i = I + I2,
    mult_s = S || S2,
    plus_w = imax(I + (S2 && !S), I2 + (S && !S2)) + 1 + imax(F, F2),
    plus_i = imax(I + (S2 && !S), I2 + (S && !S2)) + 1,
    plus_s = S || S2,
    minus_w = imax(I + (S2 && !S), I2 + (S && !S2)) + 1 + imax(F, F2),
    minus_i = imax(I + (S2 && !S), I2 + (S && !S2)) + 1,
    minus_s = true,
    div_w = S2 + W + imax(F2, 0),
    div_i = S2 + I + F2,
    div_s = S || S2,
    logic_w = imax(I + (S2 && !S), I2 + (S && !S2)) + imax(F, F2),
    logic_i = imax(I + (S2 && !S), I2 + (S && !S2)),
    logic_s = S || S2
  };
  typedef typename fixed_type<mult_w, mult_i, mult_s>::type mult;
  typedef typename fixed_type<plus_w, plus_i, plus_s>::type plus;
  typedef typename fixed_type<minus_w, minus_i, minus_s>::type minus;
  typedef typename fixed_type<logic_w, logic_i, logic_s>::type logic;
  typedef typename fixed_type<div_w, div_i, div_s>::type div;
  typedef typename fixed_type<W, I, S>::type arg1;
  typedef ap_fixed_base<W, I, S> lhs;
};
}  // namespace detail
}  // namespace nnfixed

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct ap_fixed_base {
  static_assert(W >= 1, "nnfixed: ap_fixed/ap_ufixed width must be at least 1 bit");
  static_assert(W <= nnfixed::detail::kMaxWidth,
                "nnfixed: widths above 128 bits are not supported by the host emulation "
                "(values up to 64 bits, intermediates up to 128 bits)");
  static_assert(S || O != AP_WRAP_SM,
                "nnfixed: ap_ufixed cannot use AP_WRAP_SM (the vendor rejects it too)");
  static_assert(N >= 0 && N <= W, "nnfixed: saturation bits N must be in 0..W");

  using nnfx_store = nnfixed::detail::store_t<W>;
  // Internal: the stored word = value * 2^(W-I), normalized. Not vendor API.
  nnfx_store nnfx_v{};

  static const int width = W;
  static const int iwidth = I;
  static const ap_q_mode qmode = Q;
  static const ap_o_mode omode = O;

  template <int W2, int I2, bool S2>
  struct RType : nnfixed::detail::fx_rtype<W, I, S, W2, I2, S2> {};

  // ---- construction (implicit, like the vendor's)
  ap_fixed_base() = default;
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op)
      : nnfx_v(nnfixed::detail::convert_fixed<W, I, S, Q, O, N, W2, I2, S2>(op.nnfx_v)) {}
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base(const ap_int_base<W2, S2>& op)
      : nnfx_v(nnfixed::detail::convert_fixed<W, I, S, Q, O, N, W2, W2, S2>(op.nnfx_v)) {}
#define NNFX_CTOR(T)                                                                         \
  NNFX_INLINE ap_fixed_base(T x)                                                             \
      : nnfx_v(nnfixed::detail::convert_fixed<W, I, S, Q, O, N,                              \
                                              nnfixed::detail::c_int_traits<T>::width,       \
                                              nnfixed::detail::c_int_traits<T>::width,       \
                                              nnfixed::detail::c_int_traits<T>::is_signed>(  \
            nnfixed::detail::from_c_int<nnfixed::detail::c_int_traits<T>::width,             \
                                        nnfixed::detail::c_int_traits<T>::is_signed>(x))) {}
  NNFX_FOR_EACH_C_INT(NNFX_CTOR)
#undef NNFX_CTOR
  NNFX_INLINE ap_fixed_base(double x)
      : nnfx_v(nnfixed::detail::convert_double<W, I, S, Q, O, N>(x)) {}
  NNFX_INLINE ap_fixed_base(float x)
      : nnfx_v(nnfixed::detail::convert_double<W, I, S, Q, O, N>(static_cast<double>(x))) {}
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base(const ap_bit_ref<W2, S2>& b);
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base(const ap_range_ref<W2, S2>& r);
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b);
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r);

  // ---- assignment: same conversion as construction. Declared for every
  // source kind so that `a = b` is never ambiguous between the derived and
  // the base class's copy assignment.
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    nnfx_v = nnfixed::detail::convert_fixed<W, I, S, Q, O, N, W2, I2, S2>(op.nnfx_v);
    return *this;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base& operator=(const ap_int_base<W2, S2>& op) {
    return *this = ap_fixed_base(op);
  }
#define NNFX_ASSIGN(T) \
  NNFX_INLINE ap_fixed_base& operator=(T x) { return *this = ap_fixed_base(x); }
  NNFX_FOR_EACH_C_INT(NNFX_ASSIGN)
  NNFX_ASSIGN(double)
  NNFX_ASSIGN(float)
#undef NNFX_ASSIGN
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base& operator=(const ap_bit_ref<W2, S2>& b) {
    return *this = ap_fixed_base(b);
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base& operator=(const ap_range_ref<W2, S2>& r) {
    return *this = ap_fixed_base(r);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator=(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b) {
    return *this = ap_fixed_base(b);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator=(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r) {
    return *this = ap_fixed_base(r);
  }

  // Raw bit access (vendor setBits / bitsToFixed).
  NNFX_INLINE ap_fixed_base& setBits(ap_ulong bv) {
    nnfx_v = nnfixed::detail::from_u128<W, S>(nnfixed::detail::u128_from_u64(bv));
    return *this;
  }
  static NNFX_INLINE ap_fixed_base bitsToFixed(ap_ulong bv) {
    ap_fixed_base t;
    t.setBits(bv);
    return t;
  }
  static NNFX_INLINE ap_fixed_base nnfx_from_bits(nnfx_store v) {
    ap_fixed_base r;
    r.nnfx_v = nnfixed::detail::normalize<W, S>(v);
    return r;
  }

  // ---- conversion to integers: the vendor's to_ap_int_base(). Keeps the
  // integer bits and, for negative values with a fraction, adds one (C-like
  // truncation toward zero). With I <= 0 the vendor's 1-bit intermediate makes
  // that "+1" read as -1; reproduced (docs/fixed-point.md).
  NNFX_INLINE ap_int_base<(I > 1 ? I : 1), S> to_ap_int_base(bool Cnative = true) const {
    constexpr int RW = I > 1 ? I : 1;
    using R = ap_int_base<RW, S>;
    R ret;
    if constexpr (I <= 0) {
      ret = R(0);
    } else if constexpr (I <= W) {
      ret.nnfx_v = nnfixed::detail::from_u128<RW, S>(
          S ? nnfixed::detail::u128_asr(nnfixed::detail::to_u128<W, S>(nnfx_v), W - I)
            : nnfixed::detail::u128_lsr(nnfixed::detail::to_u128<W, S>(nnfx_v), W - I));
    } else {
      ret.nnfx_v = nnfixed::detail::from_u128<RW, S>(
          nnfixed::detail::u128_shl(nnfixed::detail::to_u128<W, S>(nnfx_v), I - W));
    }
    if constexpr (I < W) {
      if (Cnative && is_neg() && nnfx_frac_nonzero()) ret = R(ret + ap_int_base<1, false>(1));
    }
    return ret;
  }
  NNFX_INLINE char to_char() const { return to_ap_int_base().to_char(); }
  NNFX_INLINE int to_int() const { return to_ap_int_base().to_int(); }
  NNFX_INLINE unsigned to_uint() const { return to_ap_int_base().to_uint(); }
  NNFX_INLINE ap_slong to_int64() const { return to_ap_int_base().to_int64(); }
  NNFX_INLINE ap_ulong to_uint64() const { return to_ap_int_base().to_uint64(); }
  NNFX_INLINE double to_double() const {
    return nnfixed::detail::to_floating<double, 53, W, S>(nnfx_v, W - I);
  }
  NNFX_INLINE float to_float() const {
    return nnfixed::detail::to_floating<float, 24, W, S>(nnfx_v, W - I);
  }

  // The vendor's implicit conversions.
  NNFX_INLINE operator long double() const { return static_cast<long double>(to_double()); }
  NNFX_INLINE operator double() const { return to_double(); }
  NNFX_INLINE operator float() const { return to_float(); }
  NNFX_INLINE operator bool() const { return !nnfixed::detail::is_zero<W>(nnfx_v); }
  NNFX_INLINE operator char() const { return static_cast<char>(to_int()); }
  NNFX_INLINE operator signed char() const { return static_cast<signed char>(to_int()); }
  NNFX_INLINE operator unsigned char() const { return static_cast<unsigned char>(to_uint()); }
  NNFX_INLINE operator short() const { return static_cast<short>(to_int()); }
  NNFX_INLINE operator unsigned short() const { return static_cast<unsigned short>(to_uint()); }
  NNFX_INLINE operator int() const { return to_int(); }
  NNFX_INLINE operator unsigned int() const { return to_uint(); }
  // The vendor uses to_int64() for long only on x86-64 (where long is 64-bit);
  // elsewhere to_int(). Equivalent for every ILP32/LP64 target.
  NNFX_INLINE operator long() const {
    if constexpr (sizeof(long) == 8)
      return static_cast<long>(to_int64());
    else
      return static_cast<long>(to_int());
  }
  NNFX_INLINE operator unsigned long() const {
    if constexpr (sizeof(long) == 8)
      return static_cast<unsigned long>(to_uint64());
    else
      return static_cast<unsigned long>(to_uint());
  }
  NNFX_INLINE operator ap_ulong() const { return to_uint64(); }
  NNFX_INLINE operator ap_slong() const { return to_int64(); }

  // ---- info
  NNFX_INLINE int length() const { return W; }
  NNFX_INLINE int wl() const { return W; }
  NNFX_INLINE int iwl() const { return I; }
  NNFX_INLINE ap_q_mode q_mode() const { return Q; }
  NNFX_INLINE ap_o_mode o_mode() const { return O; }
  NNFX_INLINE int n_bits() const { return N; }
  NNFX_INLINE bool is_zero() const { return nnfixed::detail::is_zero<W>(nnfx_v); }
  NNFX_INLINE bool is_neg() const { return nnfixed::detail::is_negative<W, S>(nnfx_v); }
  NNFX_INLINE int countLeadingZeros() const {
    for (int i = W - 1; i >= 0; --i)
      if (nnfixed::detail::get_bit<W>(nnfx_v, i)) return W - 1 - i;
    return W;
  }
  NNFX_INLINE ap_ulong bits_to_uint64() const {
    return nnfixed::detail::to_u128<W, false>(nnfixed::detail::normalize<W, false>(nnfx_v)).lo;
  }

  // ---- compound assignment: full-precision result assigned back (so the
  // target's quantization and overflow modes apply).
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator+=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this + op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator-=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this - op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator*=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this * op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator/=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this / op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator&=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this & op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator|=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this | op);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_fixed_base& operator^=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_fixed_base(*this ^ op);
  }

  // ---- increment/decrement by 1.0, unary
  NNFX_INLINE ap_fixed_base& operator++() {
    return *this += ap_fixed_base<(W - I + 1 > 1 ? W - I + 1 : 1), 1, false>(1);
  }
  NNFX_INLINE ap_fixed_base& operator--() {
    return *this -= ap_fixed_base<(W - I + 1 > 1 ? W - I + 1 : 1), 1, false>(1);
  }
  NNFX_INLINE const ap_fixed_base operator++(int) {
    ap_fixed_base r(*this);
    ++*this;
    return r;
  }
  NNFX_INLINE const ap_fixed_base operator--(int) {
    ap_fixed_base r(*this);
    --*this;
    return r;
  }
  NNFX_INLINE ap_fixed_base operator+() const { return *this; }
  // Vendor: one more bit, so -min is exact.
  NNFX_INLINE ap_fixed_base<W + 1, I + 1, true> operator-() const {
    ap_fixed_base<W + 1, I + 1, true> r(*this);
    r.nnfx_v = nnfixed::detail::normalize<W + 1, true>(nnfx_store_neg(r.nnfx_v));
    return r;
  }
  NNFX_INLINE ap_fixed_base<W, I, true, Q, O, N> getNeg() const {
    ap_fixed_base<W, I, true, Q, O, N> r;
    r.nnfx_v = nnfixed::detail::normalize<W, true>(nnfx_store_neg(nnfx_v));
    return r;
  }
  NNFX_INLINE bool operator!() const { return is_zero(); }
  NNFX_INLINE ap_fixed_base<W, I, S> operator~() const {
    return ap_fixed_base<W, I, S>::nnfx_from_bits(~nnfx_v);
  }

  // ---- shifts: same type, bits move, no quantization/overflow handling
  // (vendor, without __SC_COMPATIBLE__). Amounts >= W give 0 / the sign.
  NNFX_INLINE ap_fixed_base operator<<(unsigned int sh) const {
    if (sh >= static_cast<unsigned>(W)) return nnfx_from_bits(nnfx_store{});
    return nnfx_from_bits(nnfixed::detail::st_shl(nnfx_v, static_cast<int>(sh)));
  }
  NNFX_INLINE ap_fixed_base operator>>(unsigned int sh) const {
    const int k = sh >= static_cast<unsigned>(W) ? W : static_cast<int>(sh);
    const nnfixed::detail::u128 x = nnfixed::detail::to_u128<W, S>(nnfx_v);
    return nnfx_from_bits(nnfixed::detail::from_u128<W, S>(
        S ? nnfixed::detail::u128_asr(x, k) : nnfixed::detail::u128_lsr(x, k)));
  }
  NNFX_INLINE ap_fixed_base operator<<(int sh) const {
    return sh < 0 ? operator>>(0u - static_cast<unsigned>(sh)) : operator<<(static_cast<unsigned>(sh));
  }
  NNFX_INLINE ap_fixed_base operator>>(int sh) const {
    return sh < 0 ? operator<<(0u - static_cast<unsigned>(sh)) : operator>>(static_cast<unsigned>(sh));
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base operator<<(const ap_int_base<W2, S2>& sh) const {
    if constexpr (S2)
      return operator<<(sh.to_int());
    else
      return operator<<(sh.to_uint());
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base operator>>(const ap_int_base<W2, S2>& sh) const {
    if constexpr (S2)
      return operator>>(sh.to_int());
    else
      return operator>>(sh.to_uint());
  }
  NNFX_INLINE ap_fixed_base& operator<<=(int sh) { return *this = operator<<(sh); }
  NNFX_INLINE ap_fixed_base& operator<<=(unsigned int sh) { return *this = operator<<(sh); }
  NNFX_INLINE ap_fixed_base& operator>>=(int sh) { return *this = operator>>(sh); }
  NNFX_INLINE ap_fixed_base& operator>>=(unsigned int sh) { return *this = operator>>(sh); }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base& operator<<=(const ap_int_base<W2, S2>& sh) {
    return *this = operator<<(sh.to_int());
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_fixed_base& operator>>=(const ap_int_base<W2, S2>& sh) {
    return *this = operator>>(sh.to_int());
  }
  // Moving the binary point (vendor lshift/rshift templates).
  template <int SH>
  NNFX_INLINE ap_fixed_base<W, I + SH, S> lshift() const {
    ap_fixed_base<W, I + SH, S> r;
    r.nnfx_v = nnfx_v;
    return r;
  }
  template <int SH>
  NNFX_INLINE ap_fixed_base<W, I - SH, S> rshift() const {
    ap_fixed_base<W, I - SH, S> r;
    r.nnfx_v = nnfx_v;
    return r;
  }

  // ---- bit and part select (defined in nnfixed_refs.h); index 0 is the LSB
  // of the stored word.
  NNFX_INLINE af_bit_ref<W, I, S, Q, O, N> operator[](unsigned i);
  NNFX_INLINE bool operator[](unsigned i) const { return nnfixed::detail::get_bit<W>(nnfx_v, i); }
  NNFX_INLINE af_bit_ref<W, I, S, Q, O, N> bit(unsigned i);
  NNFX_INLINE bool bit(unsigned i) const { return nnfixed::detail::get_bit<W>(nnfx_v, i); }
  // get_bit counts from the binary point: index -1 is the first fraction bit.
  NNFX_INLINE bool get_bit(int i) const { return nnfixed::detail::get_bit<W>(nnfx_v, i + W - I); }
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> range(int hi, int lo);
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> range(int hi, int lo) const;
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> range();
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> range() const;
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> operator()(int hi, int lo);
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> operator()(int hi, int lo) const;
  template <int W2, bool S2, int W3, bool S3>
  NNFX_INLINE af_range_ref<W, I, S, Q, O, N> range(const ap_int_base<W2, S2>& hi,
                                                   const ap_int_base<W3, S3>& lo) {
    return range(hi.to_int(), lo.to_int());
  }

  // ---- output (nnfixed_print.h)
#if !defined(NNFIXED_FREESTANDING)
  std::string to_string(unsigned char radix = 2, bool sign = S) const;
#endif

  // ---- internals
  NNFX_INLINE bool nnfx_frac_nonzero() const {
    constexpr int F = W - I;
    if constexpr (F <= 0) {
      return false;
    } else {
      const nnfixed::detail::u128 x = nnfixed::detail::to_u128<W, S>(nnfx_v);
      const int k = F >= W ? W : F;  // bits 0..k-1 (vendor: range(0, I<0 ? W-1 : W-I-1))
      const nnfixed::detail::u128 m =
          k >= 128 ? ~nnfixed::detail::u128{0, 0}
                   : nnfixed::detail::u128_shl(nnfixed::detail::u128{1, 0}, k) -
                         nnfixed::detail::u128{1, 0};
      return (x & m) != nnfixed::detail::u128{0, 0};
    }
  }
  template <class T>
  static NNFX_INLINE T nnfx_store_neg(T v) {
    if constexpr (std::is_same_v<T, uint64_t>)
      return uint64_t{0} - v;
    else
      return -v;
  }
};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct ap_fixed : ap_fixed_base<W, I, true, Q, O, N> {
  using Base = ap_fixed_base<W, I, true, Q, O, N>;
  ap_fixed() = default;
  using Base::Base;
  NNFX_INLINE ap_fixed(const Base& b) : Base(b) {}
  using Base::operator=;
};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct ap_ufixed : ap_fixed_base<W, I, false, Q, O, N> {
  using Base = ap_fixed_base<W, I, false, Q, O, N>;
  ap_ufixed() = default;
  using Base::Base;
  NNFX_INLINE ap_ufixed(const Base& b) : Base(b) {}
  using Base::operator=;
};

// ap_int_base from ap_fixed_base: the vendor's to_ap_int_base(), then wrap.
template <int W, bool S>
template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
NNFX_INLINE ap_int_base<W, S>::ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op)
    : ap_int_base(op.to_ap_int_base()) {}

// ------------------------------------------------------------ binary operators
namespace nnfixed {
namespace detail {
// Both operands as words of the <RW,RS> result type with RF fraction bits.
// (The result type holds every aligned operand exactly, so widening needs no
// masking.)
template <int RW, bool RS, int RF, int W1, int I1, bool S1>
NNFX_INLINE store_t<RW> align_to(const store_t<W1>& v) {
  if constexpr (RF - (W1 - I1) == 0)
    return widen<RW, RS, W1, S1>(v);
  else
    return st_shl(widen<RW, RS, W1, S1>(v), RF - (W1 - I1));
}
}  // namespace detail
}  // namespace nnfixed

#define NNFX_FX_TPL                                                                        \
  template <int W1, int I1, bool S1, ap_q_mode Q1, ap_o_mode O1, int N1, int W2, int I2, \
            bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
#define NNFX_FX_A const ap_fixed_base<W1, I1, S1, Q1, O1, N1>& a
#define NNFX_FX_B const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b
#define NNFX_FX_RT nnfixed::detail::fx_rtype<W1, I1, S1, W2, I2, S2>

// + - & | ^ : align the binary points in the (wide enough) result type.
#define NNFX_FX_ALIGNED_OP(OP, KIND)                                                        \
  NNFX_FX_TPL NNFX_INLINE typename NNFX_FX_RT::KIND operator OP(NNFX_FX_A, NNFX_FX_B) {     \
    using RT = NNFX_FX_RT;                                                                  \
    constexpr int RW = RT::KIND##_w, RF = RT::KIND##_w - RT::KIND##_i;                      \
    constexpr bool RS = RT::KIND##_s;                                                       \
    typename RT::KIND r;                                                                    \
    r.nnfx_v = nnfixed::detail::align_to<RW, RS, RF, W1, I1, S1>(a.nnfx_v)                   \
        OP nnfixed::detail::align_to<RW, RS, RF, W2, I2, S2>(b.nnfx_v);                     \
    return r;                                                                               \
  }
NNFX_FX_ALIGNED_OP(+, plus)
NNFX_FX_ALIGNED_OP(-, minus)
NNFX_FX_ALIGNED_OP(&, logic)
NNFX_FX_ALIGNED_OP(|, logic)
NNFX_FX_ALIGNED_OP(^, logic)
#undef NNFX_FX_ALIGNED_OP

// * : the integer product is exactly the result word (fractions add up).
NNFX_FX_TPL NNFX_INLINE typename NNFX_FX_RT::mult operator*(NNFX_FX_A, NNFX_FX_B) {
  using RT = NNFX_FX_RT;
  constexpr int RW = RT::mult_w;
  constexpr bool RS = RT::mult_s;
  typename RT::mult r;
  r.nnfx_v = nnfixed::detail::widen<RW, RS, W1, S1>(a.nnfx_v) *
             nnfixed::detail::widen<RW, RS, W2, S2>(b.nnfx_v);
  return r;
}

// / : vendor ap_fixed_base::operator/ : (a << max(F2,0)) / b, truncated
// toward zero, in a W1 + max(F2,0) + S2 bit result with I1 + F2 + S2 integer
// bits.
NNFX_FX_TPL NNFX_INLINE typename NNFX_FX_RT::div operator/(NNFX_FX_A, NNFX_FX_B) {
  using RT = NNFX_FX_RT;
  constexpr int SH = RT::F2 > 0 ? RT::F2 : 0;
  constexpr int RW = RT::div_w;
  constexpr bool RS = RT::div_s;
  typename RT::div r;
  if constexpr (W1 + SH <= 62 && W2 <= 62) {
    const int64_t num = static_cast<int64_t>(static_cast<uint64_t>(
                            nnfixed::detail::resize<64, true, W1, S1>(a.nnfx_v))
                                             << SH);
    const int64_t den = static_cast<int64_t>(nnfixed::detail::resize<64, true, W2, S2>(b.nnfx_v));
    if (den == 0) nnfixed::detail::division_by_zero();
    r.nnfx_v = nnfixed::detail::from_u128<RW, RS>(nnfixed::detail::u128_from_s64(num / den));
  } else {
    nnfixed::detail::u128 q, rem;
    const nnfixed::detail::u128 num =
        nnfixed::detail::u128_shl(nnfixed::detail::to_u128<W1, S1>(a.nnfx_v), SH);
    nnfixed::detail::divmod_exact(num, S1, nnfixed::detail::to_u128<W2, S2>(b.nnfx_v), S2, q, rem);
    r.nnfx_v = nnfixed::detail::from_u128<RW, RS>(q);
  }
  return r;
}

// Comparisons: exact, in a type that holds both operands.
namespace nnfixed {
namespace detail {
template <int W1, int I1, bool S1, int W2, int I2, bool S2>
NNFX_INLINE int fixed_compare(const store_t<W1>& a, const store_t<W2>& b) {
  constexpr int F1 = W1 - I1, F2 = W2 - I2;
  constexpr int CF = imax(F1, F2);
  constexpr int CW = imax(I1 + (S2 && !S1), I2 + (S1 && !S2)) + CF;
  constexpr bool CS = S1 || S2;
  static_assert(CW <= kMaxWidth,
                "nnfixed: comparing these two ap_fixed types needs more than 128 bits "
                "(their binary points are too far apart)");
  const auto ca = align_to<CW, CS, CF, W1, I1, S1>(a);
  const auto cb = align_to<CW, CS, CF, W2, I2, S2>(b);
  if (ca == cb) return 0;
  return st_less<CW, CS>(ca, cb) ? -1 : 1;
}
}  // namespace detail
}  // namespace nnfixed

#define NNFX_FX_CMP(OP)                                                                      \
  NNFX_FX_TPL NNFX_INLINE bool operator OP(NNFX_FX_A, NNFX_FX_B) {                           \
    return nnfixed::detail::fixed_compare<W1, I1, S1, W2, I2, S2>(a.nnfx_v, b.nnfx_v) OP 0; \
  }
NNFX_FX_CMP(==)
NNFX_FX_CMP(!=)
NNFX_FX_CMP(<)
NNFX_FX_CMP(<=)
NNFX_FX_CMP(>)
NNFX_FX_CMP(>=)
#undef NNFX_FX_CMP

#undef NNFX_FX_TPL
#undef NNFX_FX_A
#undef NNFX_FX_B
#undef NNFX_FX_RT

// ---- comparisons with double go through to_double() (vendor DOUBLE_CMP_AF).
#define NNFX_FX_DCMP(OP, ROP)                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                         \
  NNFX_INLINE bool operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a, double d) {       \
    return a.to_double() OP d;                                                             \
  }                                                                                        \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                         \
  NNFX_INLINE bool operator OP(double d, const ap_fixed_base<W, I, S, Q, O, N>& a) {       \
    return a.to_double() ROP d;                                                            \
  }
NNFX_FX_DCMP(==, ==)
NNFX_FX_DCMP(!=, !=)
NNFX_FX_DCMP(<, >)
NNFX_FX_DCMP(<=, >=)
NNFX_FX_DCMP(>, <)
NNFX_FX_DCMP(>=, <=)
#undef NNFX_FX_DCMP

// ---- with ap_int_base: the integer acts as ap_fixed_base<W2,W2,S2>.
#define NNFX_FX_WITH_APINT(OP)                                                             \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>        \
  NNFX_INLINE auto operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a,                   \
                               const ap_int_base<W2, S2>& b) {                             \
    return a OP ap_fixed_base<W2, W2, S2>(b);                                              \
  }                                                                                        \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>        \
  NNFX_INLINE auto operator OP(const ap_int_base<W2, S2>& a,                               \
                               const ap_fixed_base<W, I, S, Q, O, N>& b) {                 \
    return ap_fixed_base<W2, W2, S2>(a) OP b;                                              \
  }
NNFX_FX_WITH_APINT(+)
NNFX_FX_WITH_APINT(-)
NNFX_FX_WITH_APINT(*)
NNFX_FX_WITH_APINT(/)
NNFX_FX_WITH_APINT(&)
NNFX_FX_WITH_APINT(|)
NNFX_FX_WITH_APINT(^)
#undef NNFX_FX_WITH_APINT
// Comparisons return bool explicitly (C++20 rewritten candidates need it).
#define NNFX_FX_CMP_APINT(OP)                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>        \
  NNFX_INLINE bool operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a,                   \
                               const ap_int_base<W2, S2>& b) {                             \
    return a OP ap_fixed_base<W2, W2, S2>(b);                                              \
  }                                                                                        \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>        \
  NNFX_INLINE bool operator OP(const ap_int_base<W2, S2>& a,                               \
                               const ap_fixed_base<W, I, S, Q, O, N>& b) {                 \
    return ap_fixed_base<W2, W2, S2>(a) OP b;                                              \
  }
NNFX_FX_CMP_APINT(==)
NNFX_FX_CMP_APINT(!=)
NNFX_FX_CMP_APINT(<)
NNFX_FX_CMP_APINT(<=)
NNFX_FX_CMP_APINT(>)
NNFX_FX_CMP_APINT(>=)
#undef NNFX_FX_CMP_APINT

#define NNFX_FX_ASSIGN_APINT(OP)                                                           \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>        \
  NNFX_INLINE ap_fixed_base<W, I, S, Q, O, N>& operator OP(ap_fixed_base<W, I, S, Q, O, N>& a, \
                                                          const ap_int_base<W2, S2>& b) {  \
    return a OP ap_fixed_base<W2, W2, S2>(b);                                              \
  }
NNFX_FX_ASSIGN_APINT(+=)
NNFX_FX_ASSIGN_APINT(-=)
NNFX_FX_ASSIGN_APINT(*=)
NNFX_FX_ASSIGN_APINT(/=)
NNFX_FX_ASSIGN_APINT(&=)
NNFX_FX_ASSIGN_APINT(|=)
NNFX_FX_ASSIGN_APINT(^=)
#undef NNFX_FX_ASSIGN_APINT

// ---- with C integer types: the integer acts as ap_fixed_base<bits,bits,signed>.
#define NNFX_FX_CAP(T)                                                        \
  ap_fixed_base<nnfixed::detail::c_int_traits<T>::width,                      \
                nnfixed::detail::c_int_traits<T>::width,                      \
                nnfixed::detail::c_int_traits<T>::is_signed>
#define NNFX_FX_WITH_C_OP(OP, T)                                                            \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE auto operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a, T b) {             \
    return a OP NNFX_FX_CAP(T)(b);                                                          \
  }                                                                                         \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE auto operator OP(T a, const ap_fixed_base<W, I, S, Q, O, N>& b) {             \
    return NNFX_FX_CAP(T)(a) OP b;                                                          \
  }
#define NNFX_FX_WITH_C_CMP(OP, T)                                                           \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE bool operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a, T b) {             \
    return a OP NNFX_FX_CAP(T)(b);                                                          \
  }                                                                                         \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE bool operator OP(T a, const ap_fixed_base<W, I, S, Q, O, N>& b) {             \
    return NNFX_FX_CAP(T)(a) OP b;                                                          \
  }
#define NNFX_FX_WITH_C_ASSIGN(OP, T)                                                        \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE ap_fixed_base<W, I, S, Q, O, N>& operator OP(ap_fixed_base<W, I, S, Q, O, N>& a, \
                                                          T b) {                            \
    return a OP NNFX_FX_CAP(T)(b);                                                          \
  }
#define NNFX_FX_WITH_C(T)                                                                   \
  NNFX_FX_WITH_C_OP(+, T)                                                                   \
  NNFX_FX_WITH_C_OP(-, T)                                                                   \
  NNFX_FX_WITH_C_OP(*, T)                                                                   \
  NNFX_FX_WITH_C_OP(/, T)                                                                   \
  NNFX_FX_WITH_C_OP(&, T)                                                                   \
  NNFX_FX_WITH_C_OP(|, T)                                                                   \
  NNFX_FX_WITH_C_OP(^, T)                                                                   \
  NNFX_FX_WITH_C_CMP(==, T)                                                                 \
  NNFX_FX_WITH_C_CMP(!=, T)                                                                 \
  NNFX_FX_WITH_C_CMP(<, T)                                                                  \
  NNFX_FX_WITH_C_CMP(<=, T)                                                                 \
  NNFX_FX_WITH_C_CMP(>, T)                                                                  \
  NNFX_FX_WITH_C_CMP(>=, T)                                                                 \
  NNFX_FX_WITH_C_ASSIGN(+=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(-=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(*=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(/=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(&=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(|=, T)                                                              \
  NNFX_FX_WITH_C_ASSIGN(^=, T)                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE ap_fixed_base<W, I, S> operator<<(const ap_fixed_base<W, I, S, Q, O, N>& a,   \
                                                T sh) {                                     \
    return a.operator<<(nnfixed::detail::c_int_ap<T>(sh));                                  \
  }                                                                                         \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE ap_fixed_base<W, I, S> operator>>(const ap_fixed_base<W, I, S, Q, O, N>& a,   \
                                                T sh) {                                     \
    return a.operator>>(nnfixed::detail::c_int_ap<T>(sh));                                  \
  }                                                                                         \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE ap_fixed_base<W, I, S, Q, O, N>& operator<<=(ap_fixed_base<W, I, S, Q, O, N>& a, \
                                                          T sh) {                           \
    return a = a.operator<<(nnfixed::detail::c_int_ap<T>(sh));                              \
  }                                                                                         \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>                          \
  NNFX_INLINE ap_fixed_base<W, I, S, Q, O, N>& operator>>=(ap_fixed_base<W, I, S, Q, O, N>& a, \
                                                          T sh) {                           \
    return a = a.operator>>(nnfixed::detail::c_int_ap<T>(sh));                              \
  }
NNFX_FOR_EACH_C_INT(NNFX_FX_WITH_C)
#undef NNFX_FX_WITH_C
#undef NNFX_FX_WITH_C_OP
#undef NNFX_FX_WITH_C_CMP
#undef NNFX_FX_WITH_C_ASSIGN
#undef NNFX_FX_CAP

#endif  // NNACCEL_NNFIXED_FIXED_H
