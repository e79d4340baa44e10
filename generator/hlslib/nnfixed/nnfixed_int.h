// nnfixed_int.h - ap_int_base<W,S>, ap_int<W>, ap_uint<W>.
//
// Integer semantics of the vendor (ap_int_base.h): assignment between widths
// keeps the low bits (wrap), operators return full-precision types
// (RType: mult W1+W2, plus/minus max(..)+1, div W1+S2, mod min(..), logic
// max(..)), C integers act as ap_int<bits-of-type>, shifts keep the left
// operand's type.
#ifndef NNACCEL_NNFIXED_INT_H
#define NNACCEL_NNFIXED_INT_H

#if !defined(NNFIXED_FREESTANDING)
#include <string>  // to_string (nnfixed_print.h); not in a freestanding build
#endif

#include "nnfixed_arith.h"
#include "nnfixed_convert.h"
#include "nnfixed_fwd.h"
#include "nnfixed_storage.h"

#define NNFX_FOR_EACH_C_INT(X) \
  X(bool)                      \
  X(char)                      \
  X(signed char)               \
  X(unsigned char)             \
  X(short)                     \
  X(unsigned short)            \
  X(int)                       \
  X(unsigned int)              \
  X(long)                      \
  X(unsigned long)             \
  X(long long)                 \
  X(unsigned long long)

namespace nnfixed {
namespace detail {
template <int W, bool S, class T>
NNFX_INLINE constexpr store_t<W> from_c_int(T x) {
  using tr = c_int_traits<T>;
  if constexpr (tr::is_signed)
    return from_u128<W, S>(u128_from_s64(static_cast<int64_t>(x)));
  else
    return from_u128<W, S>(u128_from_u64(static_cast<uint64_t>(x)));
}
}  // namespace detail
}  // namespace nnfixed

template <int W, bool S>
struct ap_int_base {
  static_assert(W >= 1, "nnfixed: ap_int/ap_uint width must be at least 1 bit");
  static_assert(W <= nnfixed::detail::kMaxWidth,
                "nnfixed: widths above 128 bits are not supported by the host emulation "
                "(values up to 64 bits, intermediates up to 128 bits)");

  using nnfx_store = nnfixed::detail::store_t<W>;
  // Internal: the exact value, normalized (see nnfixed_storage.h). Not part of
  // the vendor API; do not use in generated code.
  nnfx_store nnfx_v{};

  static const int width = W;
  typedef std::conditional_t<S, ap_slong, ap_ulong> RetType;

  template <int W2, bool S2>
  struct RType {
    enum {
      mult_w = W + W2,
      mult_s = S || S2,
      plus_w = nnfixed::detail::imax(W + (S2 && !S), W2 + (S && !S2)) + 1,
      plus_s = S || S2,
      minus_w = nnfixed::detail::imax(W + (S2 && !S), W2 + (S && !S2)) + 1,
      minus_s = true,
      div_w = W + S2,
      div_s = S || S2,
      mod_w = nnfixed::detail::imin(W, W2 + (!S2 && S)),
      mod_s = S,
      logic_w = nnfixed::detail::imax(W + (S2 && !S), W2 + (S && !S2)),
      logic_s = S || S2
    };
    typedef typename nnfixed::detail::int_type<mult_w, mult_s>::type mult;
    typedef typename nnfixed::detail::int_type<plus_w, plus_s>::type plus;
    typedef typename nnfixed::detail::int_type<minus_w, minus_s>::type minus;
    typedef typename nnfixed::detail::int_type<logic_w, logic_s>::type logic;
    typedef typename nnfixed::detail::int_type<div_w, div_s>::type div;
    typedef typename nnfixed::detail::int_type<mod_w, mod_s>::type mod;
    typedef typename nnfixed::detail::int_type<W, S>::type arg1;
    typedef bool reduce;
  };

  // ---- construction (all implicit, like the vendor's)
  ap_int_base() = default;
  template <int W2, bool S2>
  NNFX_INLINE constexpr ap_int_base(const ap_int_base<W2, S2>& op)
      : nnfx_v(nnfixed::detail::resize<W, S, W2, S2>(op.nnfx_v)) {}
#define NNFX_CTOR(T) \
  NNFX_INLINE constexpr ap_int_base(T x) : nnfx_v(nnfixed::detail::from_c_int<W, S>(x)) {}
  NNFX_FOR_EACH_C_INT(NNFX_CTOR)
#undef NNFX_CTOR
  NNFX_INLINE ap_int_base(double x) : nnfx_v(nnfixed::detail::int_from_double<W, S>(x)) {}
  // The vendor converts float with the same truncation rule as double.
  NNFX_INLINE ap_int_base(float x) : nnfx_v(nnfixed::detail::int_from_double<W, S>(x)) {}
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op);
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base(const ap_range_ref<W2, S2>& r);
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base(const ap_bit_ref<W2, S2>& b);
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r);
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b);

  // ---- assignment: declared for every source kind so that `a = b` is
  // never ambiguous between the derived and the base copy assignment.
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator=(const ap_int_base<W2, S2>& op) {
    nnfx_v = nnfixed::detail::resize<W, S, W2, S2>(op.nnfx_v);
    return *this;
  }
#define NNFX_ASSIGN(T) \
  NNFX_INLINE ap_int_base& operator=(T x) { return *this = ap_int_base(x); }
  NNFX_FOR_EACH_C_INT(NNFX_ASSIGN)
  NNFX_ASSIGN(double)
  NNFX_ASSIGN(float)
#undef NNFX_ASSIGN
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& op) {
    return *this = ap_int_base(op);
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator=(const ap_range_ref<W2, S2>& r) {
    return *this = ap_int_base(r);
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator=(const ap_bit_ref<W2, S2>& b) {
    return *this = ap_int_base(b);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base& operator=(const af_range_ref<W2, I2, S2, Q2, O2, N2>& r) {
    return *this = ap_int_base(r);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  NNFX_INLINE ap_int_base& operator=(const af_bit_ref<W2, I2, S2, Q2, O2, N2>& b) {
    return *this = ap_int_base(b);
  }

  template <int W1, bool S1, int W2, bool S2>
  NNFX_INLINE ap_int_base(const ap_concat_ref<W1, S1, W2, S2>& c);
  template <int W1, bool S1, int W2, bool S2>
  NNFX_INLINE ap_int_base& operator=(const ap_concat_ref<W1, S1, W2, S2>& c) {
    return *this = ap_int_base(c);
  }

  // Builds a value from raw bits (internal helper).
  static NNFX_INLINE constexpr ap_int_base nnfx_from_bits(nnfx_store v) {
    ap_int_base r;
    r.nnfx_v = nnfixed::detail::normalize<W, S>(v);
    return r;
  }

  // ---- conversions
  // The vendor's only implicit conversion: to a 64-bit C integer.
  NNFX_INLINE operator RetType() const { return static_cast<RetType>(low64()); }
  NNFX_INLINE bool to_bool() const { return !nnfixed::detail::is_zero<W>(nnfx_v); }
  NNFX_INLINE char to_char() const { return static_cast<char>(low64()); }
  NNFX_INLINE signed char to_schar() const { return static_cast<signed char>(low64()); }
  NNFX_INLINE unsigned char to_uchar() const { return static_cast<unsigned char>(low64()); }
  NNFX_INLINE short to_short() const { return static_cast<short>(low64()); }
  NNFX_INLINE unsigned short to_ushort() const { return static_cast<unsigned short>(low64()); }
  NNFX_INLINE int to_int() const { return static_cast<int>(low64()); }
  NNFX_INLINE unsigned to_uint() const { return static_cast<unsigned>(low64()); }
  NNFX_INLINE long to_long() const { return static_cast<long>(low64()); }
  NNFX_INLINE unsigned long to_ulong() const { return static_cast<unsigned long>(low64()); }
  NNFX_INLINE ap_slong to_int64() const { return static_cast<ap_slong>(low64()); }
  NNFX_INLINE ap_ulong to_uint64() const { return static_cast<ap_ulong>(low64()); }
  NNFX_INLINE double to_double() const {
    return nnfixed::detail::to_floating<double, 53, W, S>(nnfx_v, 0);
  }
  NNFX_INLINE float to_float() const {
    return nnfixed::detail::to_floating<float, 24, W, S>(nnfx_v, 0);
  }

  // ---- helpers
  NNFX_INLINE int length() const { return W; }
  NNFX_INLINE bool iszero() const { return nnfixed::detail::is_zero<W>(nnfx_v); }
  NNFX_INLINE bool is_zero() const { return nnfixed::detail::is_zero<W>(nnfx_v); }
  NNFX_INLINE bool sign() const { return nnfixed::detail::is_negative<W, S>(nnfx_v); }
  NNFX_INLINE bool test(int i) const { return nnfixed::detail::get_bit<W>(nnfx_v, i); }
  NNFX_INLINE bool get_bit(int i) const { return test(i); }
  NNFX_INLINE void set_bit(int i, bool b) { nnfx_set_bit(i, b); }
  NNFX_INLINE void set(int i) { nnfx_set_bit(i, true); }
  NNFX_INLINE void set(int i, bool b) { nnfx_set_bit(i, b); }
  NNFX_INLINE void clear(int i) { nnfx_set_bit(i, false); }
  NNFX_INLINE void invert(int i) { nnfx_set_bit(i, !test(i)); }
  NNFX_INLINE void b_not() { nnfx_v = nnfixed::detail::normalize<W, S>(~nnfx_v); }
  NNFX_INLINE ap_int_base& get() { return *this; }
  NNFX_INLINE int countLeadingZeros() const {
    for (int i = W - 1; i >= 0; --i)
      if (test(i)) return W - 1 - i;
    return W;
  }
  NNFX_INLINE bool and_reduce() const {
    for (int i = 0; i < W; ++i)
      if (!test(i)) return false;
    return true;
  }
  NNFX_INLINE bool nand_reduce() const { return !and_reduce(); }
  NNFX_INLINE bool or_reduce() const { return !is_zero(); }
  NNFX_INLINE bool nor_reduce() const { return is_zero(); }
  NNFX_INLINE bool xor_reduce() const {
    bool x = false;
    for (int i = 0; i < W; ++i) x ^= test(i);
    return x;
  }
  NNFX_INLINE bool xnor_reduce() const { return !xor_reduce(); }
  ap_int_base& reverse() {
    ap_int_base r;
    for (int i = 0; i < W; ++i) r.nnfx_set_bit(W - 1 - i, test(i));
    *this = r;
    return *this;
  }
  ap_int_base& lrotate(int n) {
    ap_int_base r;
    for (int i = 0; i < W; ++i) r.nnfx_set_bit((i + n) % W, test(i));
    *this = r;
    return *this;
  }
  ap_int_base& rrotate(int n) { return lrotate((W - n % W) % W); }

  // ---- bit and part select (defined in nnfixed_refs.h)
  NNFX_INLINE ap_range_ref<W, S> range(int hi, int lo);
  NNFX_INLINE ap_range_ref<W, S> range(int hi, int lo) const;
  NNFX_INLINE ap_range_ref<W, S> range();
  NNFX_INLINE ap_range_ref<W, S> range() const;
  NNFX_INLINE ap_range_ref<W, S> operator()(int hi, int lo);
  NNFX_INLINE ap_range_ref<W, S> operator()(int hi, int lo) const;
  template <int W2, bool S2, int W3, bool S3>
  NNFX_INLINE ap_range_ref<W, S> range(const ap_int_base<W2, S2>& hi,
                                       const ap_int_base<W3, S3>& lo) {
    return range(hi.to_int(), lo.to_int());
  }
  NNFX_INLINE ap_bit_ref<W, S> operator[](int i);
  template <int W2, bool S2>
  NNFX_INLINE ap_bit_ref<W, S> operator[](const ap_int_base<W2, S2>& i) {
    return (*this)[i.to_int()];
  }
  NNFX_INLINE bool operator[](int i) const { return test(i); }
  template <int W2, bool S2>
  NNFX_INLINE bool operator[](const ap_int_base<W2, S2>& i) const {
    return test(i.to_int());
  }
  NNFX_INLINE ap_bit_ref<W, S> bit(int i);
  NNFX_INLINE bool bit(int i) const { return test(i); }

  // ---- concatenation (nnfixed_refs.h): this value in the high bits.
  template <int W2, bool S2>
  NNFX_INLINE ap_concat_ref<W, S, W2, S2> concat(ap_int_base<W2, S2>& lo);
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base<W + W2, false> concat(const ap_int_base<W2, S2>& lo) const;

  // ---- compound assignment: compute exactly, keep the low W bits.
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator+=(const ap_int_base<W2, S2>& op) {
    return *this = *this + op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator-=(const ap_int_base<W2, S2>& op) {
    return *this = *this - op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator*=(const ap_int_base<W2, S2>& op) {
    return *this = *this * op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator/=(const ap_int_base<W2, S2>& op) {
    return *this = *this / op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator%=(const ap_int_base<W2, S2>& op) {
    return *this = *this % op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator&=(const ap_int_base<W2, S2>& op) {
    return *this = *this & op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator|=(const ap_int_base<W2, S2>& op) {
    return *this = *this | op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator^=(const ap_int_base<W2, S2>& op) {
    return *this = *this ^ op;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator<<=(const ap_int_base<W2, S2>& sh) {
    return *this = *this << sh;
  }
  template <int W2, bool S2>
  NNFX_INLINE ap_int_base& operator>>=(const ap_int_base<W2, S2>& sh) {
    return *this = *this >> sh;
  }

  // ---- increment / decrement / unary
  NNFX_INLINE ap_int_base& operator++() { return *this += ap_int_base<1, false>(1); }
  NNFX_INLINE ap_int_base& operator--() { return *this -= ap_int_base<1, false>(1); }
  NNFX_INLINE const typename RType<W, S>::arg1 operator++(int) {
    ap_int_base t = *this;
    ++*this;
    return t;
  }
  NNFX_INLINE const typename RType<W, S>::arg1 operator--(int) {
    ap_int_base t = *this;
    --*this;
    return t;
  }
  NNFX_INLINE typename RType<W, S>::arg1 operator+() const { return *this; }
  // Vendor: 0 - x with ap_uint<1>(0) on the left.
  NNFX_INLINE typename nnfixed::detail::int_type<nnfixed::detail::imax(1 + S, W) + 1, true>::type
  operator-() const {
    return ap_int_base<1, false>(0) - *this;
  }
  NNFX_INLINE bool operator!() const { return is_zero(); }
  NNFX_INLINE typename RType<W, S>::arg1 operator~() const {
    return nnfx_from_bits(~nnfx_v);
  }

  // ---- shifts: result has the left operand's type; a negative signed
  // amount shifts the other way; amounts >= W give 0 (or the sign for >>).
  NNFX_INLINE ap_int_base nnfx_shl(unsigned sh) const {
    if (sh >= static_cast<unsigned>(W)) return ap_int_base(0);
    return nnfx_from_bits(nnfixed::detail::st_shl(nnfx_v, static_cast<int>(sh)));
  }
  NNFX_INLINE ap_int_base nnfx_shr(unsigned sh) const {
    const int k = sh >= static_cast<unsigned>(W) ? W : static_cast<int>(sh);
    if constexpr (W <= 64) {
      if (k >= 64) return ap_int_base(sign() ? -1 : 0);
      if constexpr (S)
        return nnfx_from_bits(static_cast<uint64_t>(static_cast<int64_t>(nnfx_v) >> k));
      else
        return nnfx_from_bits(nnfx_v >> k);
    } else {
      return nnfx_from_bits(S ? nnfixed::detail::u128_asr(nnfx_v, k)
                              : nnfixed::detail::u128_lsr(nnfx_v, k));
    }
  }
  template <int W2, bool S2>
  NNFX_INLINE typename RType<W, S>::arg1 operator<<(const ap_int_base<W2, S2>& sh) const {
    if (sh.sign()) return nnfx_shr(nnfx_neg_amount(sh));
    return nnfx_shl(nnfx_amount(sh));
  }
  template <int W2, bool S2>
  NNFX_INLINE typename RType<W, S>::arg1 operator>>(const ap_int_base<W2, S2>& sh) const {
    if (sh.sign()) return nnfx_shl(nnfx_neg_amount(sh));
    return nnfx_shr(nnfx_amount(sh));
  }

  // ---- output
#if !defined(NNFIXED_FREESTANDING)
  std::string to_string(signed char radix = 2, bool sign = S) const;
#endif

  // ---- internals
  NNFX_INLINE uint64_t low64() const {
    if constexpr (W <= 64)
      return nnfx_v;
    else
      return nnfx_v.lo;
  }
  NNFX_INLINE void nnfx_set_bit(int i, bool b) {
    nnfx_store one{};
    if constexpr (W <= 64)
      one = 1u;
    else
      one = nnfixed::detail::u128{1, 0};
    const nnfx_store m = nnfixed::detail::st_shl(one, i);
    nnfx_v = nnfixed::detail::normalize<W, S>(b ? (nnfx_v | m) : (nnfx_v & ~m));
  }
  template <int W2, bool S2>
  static NNFX_INLINE unsigned nnfx_amount(const ap_int_base<W2, S2>& sh) {
    // Amounts that do not fit 31 bits all shift everything out.
    if constexpr (W2 > 31) {
      if (sh > 0x7fffffff) return 0x7fffffffu;
    }
    return sh.to_uint();
  }
  template <int W2, bool S2>
  static NNFX_INLINE unsigned nnfx_neg_amount(const ap_int_base<W2, S2>& sh) {
    return nnfx_amount(-sh);
  }
};

template <int W>
struct ap_int : ap_int_base<W, true> {
  using Base = ap_int_base<W, true>;
  ap_int() = default;
  using Base::Base;
  NNFX_INLINE constexpr ap_int(const Base& b) : Base(b) {}
  using Base::operator=;
};

template <int W>
struct ap_uint : ap_int_base<W, false> {
  using Base = ap_int_base<W, false>;
  ap_uint() = default;
  using Base::Base;
  NNFX_INLINE constexpr ap_uint(const Base& b) : Base(b) {}
  using Base::operator=;
};

// ------------------------------------------------------------ binary operators
#define NNFX_INT_BINOP(OP, KIND)                                                            \
  template <int W1, bool S1, int W2, bool S2>                                               \
  NNFX_INLINE typename ap_int_base<W1, S1>::template RType<W2, S2>::KIND operator OP(       \
      const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {                         \
    using RT = typename ap_int_base<W1, S1>::template RType<W2, S2>;                        \
    constexpr int RW = RT::KIND##_w;                                                        \
    constexpr bool RS = RT::KIND##_s;                                                       \
    /* the exact result fits the result type: no masking needed (both */                   \
    /* operands are normalized and the word arithmetic is exact)       */                   \
    const auto ra = nnfixed::detail::widen<RW, RS, W1, S1>(a.nnfx_v);                       \
    const auto rb = nnfixed::detail::widen<RW, RS, W2, S2>(b.nnfx_v);                       \
    typename RT::KIND r;                                                                    \
    r.nnfx_v = ra OP rb;                                                                    \
    return r;                                                                               \
  }
NNFX_INT_BINOP(+, plus)
NNFX_INT_BINOP(-, minus)
NNFX_INT_BINOP(*, mult)
NNFX_INT_BINOP(&, logic)
NNFX_INT_BINOP(|, logic)
NNFX_INT_BINOP(^, logic)
#undef NNFX_INT_BINOP

template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE typename ap_int_base<W1, S1>::template RType<W2, S2>::div operator/(
    const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  using RT = typename ap_int_base<W1, S1>::template RType<W2, S2>;
  typename RT::div r;
  if constexpr (W1 < 64 && W2 < 64) {
    if (b.nnfx_v == 0) nnfixed::detail::division_by_zero();
    if constexpr (S1 || S2)
      r.nnfx_v = static_cast<uint64_t>(static_cast<int64_t>(a.nnfx_v) /
                                       static_cast<int64_t>(b.nnfx_v));
    else
      r.nnfx_v = a.nnfx_v / b.nnfx_v;
    r.nnfx_v = nnfixed::detail::normalize<RT::div_w, RT::div_s>(r.nnfx_v);
  } else {
    nnfixed::detail::u128 q, rem;
    nnfixed::detail::divmod_exact(nnfixed::detail::to_u128<W1, S1>(a.nnfx_v), S1,
                                  nnfixed::detail::to_u128<W2, S2>(b.nnfx_v), S2, q, rem);
    r.nnfx_v = nnfixed::detail::from_u128<RT::div_w, RT::div_s>(q);
  }
  return r;
}

template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE typename ap_int_base<W1, S1>::template RType<W2, S2>::mod operator%(
    const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  using RT = typename ap_int_base<W1, S1>::template RType<W2, S2>;
  typename RT::mod r;
  nnfixed::detail::u128 q, rem;
  nnfixed::detail::divmod_exact(nnfixed::detail::to_u128<W1, S1>(a.nnfx_v), S1,
                                nnfixed::detail::to_u128<W2, S2>(b.nnfx_v), S2, q, rem);
  r.nnfx_v = nnfixed::detail::from_u128<RT::mod_w, RT::mod_s>(rem);
  return r;
}

// ---- comparisons: exact values.
namespace nnfixed {
namespace detail {
// -1, 0, 1 for a <=> b.
template <int W1, bool S1, int W2, bool S2>
NNFX_INLINE int int_compare(const store_t<W1>& a, const store_t<W2>& b) {
  constexpr int CW = imax(W1 + (S2 && !S1), W2 + (S1 && !S2));
  constexpr bool CS = S1 || S2;
  const auto ca = resize<CW, CS, W1, S1>(a);
  const auto cb = resize<CW, CS, W2, S2>(b);
  if (ca == cb) return 0;
  return st_less<CW, CS>(ca, cb) ? -1 : 1;
}
}  // namespace detail
}  // namespace nnfixed

#define NNFX_INT_CMP(OP)                                                                      \
  template <int W1, bool S1, int W2, bool S2>                                                 \
  NNFX_INLINE bool operator OP(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) { \
    return nnfixed::detail::int_compare<W1, S1, W2, S2>(a.nnfx_v, b.nnfx_v) OP 0;            \
  }
NNFX_INT_CMP(==)
NNFX_INT_CMP(!=)
NNFX_INT_CMP(<)
NNFX_INT_CMP(<=)
NNFX_INT_CMP(>)
NNFX_INT_CMP(>=)
#undef NNFX_INT_CMP

// ---- with C integer types (the integer acts as ap_int<bits of its type>)
#define NNFX_INT_WITH_C(T)                                                                      \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator+(const ap_int_base<W, S>& a, T b) {                                 \
    return a + nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator+(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) + b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator-(const ap_int_base<W, S>& a, T b) {                                 \
    return a - nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator-(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) - b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator*(const ap_int_base<W, S>& a, T b) {                                 \
    return a * nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator*(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) * b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator/(const ap_int_base<W, S>& a, T b) {                                 \
    return a / nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator/(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) / b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator%(const ap_int_base<W, S>& a, T b) {                                 \
    return a % nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator%(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) % b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator&(const ap_int_base<W, S>& a, T b) {                                 \
    return a & nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator&(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) & b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator|(const ap_int_base<W, S>& a, T b) {                                 \
    return a | nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator|(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) | b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator^(const ap_int_base<W, S>& a, T b) {                                 \
    return a ^ nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE auto operator^(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) ^ b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE typename ap_int_base<W, S>::template RType<W, S>::arg1 operator<<(                \
      const ap_int_base<W, S>& a, T b) {                                                        \
    return a << nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE typename ap_int_base<W, S>::template RType<W, S>::arg1 operator>>(                \
      const ap_int_base<W, S>& a, T b) {                                                        \
    return a >> nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator+=(ap_int_base<W, S>& a, T b) {                        \
    return a += nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator-=(ap_int_base<W, S>& a, T b) {                        \
    return a -= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator*=(ap_int_base<W, S>& a, T b) {                        \
    return a *= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator/=(ap_int_base<W, S>& a, T b) {                        \
    return a /= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator%=(ap_int_base<W, S>& a, T b) {                        \
    return a %= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator&=(ap_int_base<W, S>& a, T b) {                        \
    return a &= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator|=(ap_int_base<W, S>& a, T b) {                        \
    return a |= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator^=(ap_int_base<W, S>& a, T b) {                        \
    return a ^= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator<<=(ap_int_base<W, S>& a, T b) {                       \
    return a <<= nnfixed::detail::c_int_ap<T>(b);                                               \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE ap_int_base<W, S>& operator>>=(ap_int_base<W, S>& a, T b) {                       \
    return a >>= nnfixed::detail::c_int_ap<T>(b);                                               \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator==(const ap_int_base<W, S>& a, T b) {                                \
    return a == nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator==(T a, const ap_int_base<W, S>& b) {                                \
    return nnfixed::detail::c_int_ap<T>(a) == b;                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator!=(const ap_int_base<W, S>& a, T b) {                                \
    return a != nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator!=(T a, const ap_int_base<W, S>& b) {                                \
    return nnfixed::detail::c_int_ap<T>(a) != b;                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator<(const ap_int_base<W, S>& a, T b) {                                 \
    return a < nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator<(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) < b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator<=(const ap_int_base<W, S>& a, T b) {                                \
    return a <= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator<=(T a, const ap_int_base<W, S>& b) {                                \
    return nnfixed::detail::c_int_ap<T>(a) <= b;                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator>(const ap_int_base<W, S>& a, T b) {                                 \
    return a > nnfixed::detail::c_int_ap<T>(b);                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator>(T a, const ap_int_base<W, S>& b) {                                 \
    return nnfixed::detail::c_int_ap<T>(a) > b;                                                 \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator>=(const ap_int_base<W, S>& a, T b) {                                \
    return a >= nnfixed::detail::c_int_ap<T>(b);                                                \
  }                                                                                             \
  template <int W, bool S>                                                                      \
  NNFX_INLINE bool operator>=(T a, const ap_int_base<W, S>& b) {                                \
    return nnfixed::detail::c_int_ap<T>(a) >= b;                                                \
  }
NNFX_FOR_EACH_C_INT(NNFX_INT_WITH_C)
#undef NNFX_INT_WITH_C

// ---- with float/double: the ap_int converts to its 64-bit C type first
// (vendor OP_BIN_WITH_FLOAT), comparisons go through to_double().
#define NNFX_INT_WITH_FP_ARITH(OP, FP)                                   \
  template <int W, bool S>                                               \
  NNFX_INLINE FP operator OP(const ap_int_base<W, S>& a, FP b) {         \
    return static_cast<typename ap_int_base<W, S>::RetType>(a) OP b;     \
  }                                                                      \
  template <int W, bool S>                                               \
  NNFX_INLINE FP operator OP(FP a, const ap_int_base<W, S>& b) {         \
    return a OP static_cast<typename ap_int_base<W, S>::RetType>(b);     \
  }
#define NNFX_INT_WITH_FP_CMP(OP, FP)                                     \
  template <int W, bool S>                                               \
  NNFX_INLINE bool operator OP(const ap_int_base<W, S>& a, FP b) {       \
    return a.to_double() OP b;                                           \
  }                                                                      \
  template <int W, bool S>                                               \
  NNFX_INLINE bool operator OP(FP a, const ap_int_base<W, S>& b) {       \
    return a OP b.to_double();                                           \
  }
#define NNFX_INT_WITH_FP(FP)       \
  NNFX_INT_WITH_FP_ARITH(+, FP)    \
  NNFX_INT_WITH_FP_ARITH(-, FP)    \
  NNFX_INT_WITH_FP_ARITH(*, FP)    \
  NNFX_INT_WITH_FP_ARITH(/, FP)    \
  NNFX_INT_WITH_FP_CMP(==, FP)     \
  NNFX_INT_WITH_FP_CMP(!=, FP)     \
  NNFX_INT_WITH_FP_CMP(<, FP)      \
  NNFX_INT_WITH_FP_CMP(<=, FP)     \
  NNFX_INT_WITH_FP_CMP(>, FP)      \
  NNFX_INT_WITH_FP_CMP(>=, FP)
NNFX_INT_WITH_FP(float)
NNFX_INT_WITH_FP(double)
#undef NNFX_INT_WITH_FP
#undef NNFX_INT_WITH_FP_ARITH
#undef NNFX_INT_WITH_FP_CMP

#endif  // NNACCEL_NNFIXED_INT_H
