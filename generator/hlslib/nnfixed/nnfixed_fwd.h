// nnfixed_fwd.h - forward declarations of the emulated vendor types (global
// namespace, vendor names and template parameters) and the traits that turn a
// (width, integer bits, signedness) triple into the vendor's result class.
#ifndef NNACCEL_NNFIXED_FWD_H
#define NNACCEL_NNFIXED_FWD_H

#include <stdint.h>
#if !defined(NNFIXED_FREESTANDING)
#include <cstdint>
#endif

#include "nnfixed_modes.h"

// The vendor names its 64-bit C types ap_slong / ap_ulong.
typedef long long ap_slong;
typedef unsigned long long ap_ulong;

template <int W, bool S>
struct ap_int_base;
template <int W>
struct ap_int;
template <int W>
struct ap_uint;
template <int W, int I, bool S, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed_base;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed;
template <int W, bool S>
struct ap_range_ref;
template <int W, bool S>
struct ap_bit_ref;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_range_ref;
// Emulation's concatenation reference (the vendor's is
// ap_concat_ref<W1, T1, W2, T2>; only its conversions are part of our API).
template <int W1, bool S1, int W2, bool S2>
struct ap_concat_ref;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_bit_ref;

namespace nnfixed {
namespace detail {

constexpr int imax(int a, int b) { return a > b ? a : b; }
constexpr int imin(int a, int b) { return a < b ? a : b; }

// Operator results are ap_int / ap_uint / ap_fixed / ap_ufixed with default
// modes, as in the vendor's RType (ap_int_base.h, ap_fixed_base.h).
template <int W, bool S>
struct int_type {
  using type = ap_uint<W>;
};
template <int W>
struct int_type<W, true> {
  using type = ap_int<W>;
};
template <int W, int I, bool S>
struct fixed_type {
  using type = ap_ufixed<W, I>;
};
template <int W, int I>
struct fixed_type<W, I, true> {
  using type = ap_fixed<W, I>;
};

// Width/signedness of the C integer types when they meet an ap_* operand
// (the vendor treats int as ap_int<32>, unsigned long long as ap_uint<64>...).
template <class T>
struct c_int_traits {
  static constexpr bool is_int = false;
};
#define NNFX_C_INT(T)                                                         \
  template <>                                                                 \
  struct c_int_traits<T> {                                                    \
    static constexpr bool is_int = true;                                      \
    static constexpr int width = static_cast<int>(sizeof(T) * 8);             \
    static constexpr bool is_signed = static_cast<T>(-1) < static_cast<T>(0); \
  };
NNFX_C_INT(char)
NNFX_C_INT(signed char)
NNFX_C_INT(unsigned char)
NNFX_C_INT(short)
NNFX_C_INT(unsigned short)
NNFX_C_INT(int)
NNFX_C_INT(unsigned int)
NNFX_C_INT(long)
NNFX_C_INT(unsigned long)
NNFX_C_INT(long long)
NNFX_C_INT(unsigned long long)
#undef NNFX_C_INT
template <>
struct c_int_traits<bool> {
  static constexpr bool is_int = true;
  static constexpr int width = 1;
  static constexpr bool is_signed = false;
};

template <class T>
inline constexpr bool is_c_int = c_int_traits<T>::is_int;

// The ap_int_base a C integer converts to in mixed expressions.
template <class T>
using c_int_ap = ap_int_base<c_int_traits<T>::width, c_int_traits<T>::is_signed>;

}  // namespace detail
}  // namespace nnfixed

#endif  // NNACCEL_NNFIXED_FWD_H
