// fixed_test_util.h - glue between the emulated types and the reference
// model: format traits, raw-bit construction/reading through the vendor API
// (range()), mode mapping, and compile-time iteration over modes.
#ifndef NNACCEL_TESTS_FIXED_TEST_UTIL_H
#define NNACCEL_TESTS_FIXED_TEST_UTIL_H

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "nn_hls.h"
#include "reference.h"

namespace fxt {

// Mismatches of one exhaustive or random sweep: how many, and the first one
// in words (reporting every case would drown the log).
struct Failures {
  long count = 0;
  std::string first;
};


template <class T>
struct traits;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_fixed_base<W, I, S, Q, O, N>> {
  static constexpr int w = W, i = I, n = N;
  static constexpr bool s = S;
  static constexpr ap_q_mode q = Q;
  static constexpr ap_o_mode o = O;
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_fixed<W, I, Q, O, N>> : traits<ap_fixed_base<W, I, true, Q, O, N>> {};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_ufixed<W, I, Q, O, N>> : traits<ap_fixed_base<W, I, false, Q, O, N>> {};
// Integers are fixed-point numbers with I = W.
template <int W>
struct traits<ap_int<W>> : traits<ap_fixed_base<W, W, true>> {};
template <int W>
struct traits<ap_uint<W>> : traits<ap_fixed_base<W, W, false>> {};
template <int W, bool S>
struct traits<ap_int_base<W, S>> : traits<ap_fixed_base<W, W, S>> {};

template <class T>
ref::Fmt fmt() {
  return ref::Fmt{traits<T>::w, traits<T>::i, traits<T>::s};
}

inline ref::Q to_ref(ap_q_mode q) {
  switch (q) {
    case AP_RND: return ref::Q::RND;
    case AP_RND_ZERO: return ref::Q::RND_ZERO;
    case AP_RND_MIN_INF: return ref::Q::RND_MIN_INF;
    case AP_RND_INF: return ref::Q::RND_INF;
    case AP_RND_CONV: return ref::Q::RND_CONV;
    case AP_TRN: return ref::Q::TRN;
    case AP_TRN_ZERO: return ref::Q::TRN_ZERO;
  }
  return ref::Q::TRN;
}
inline ref::O to_ref(ap_o_mode o) {
  switch (o) {
    case AP_SAT: return ref::O::SAT;
    case AP_SAT_ZERO: return ref::O::SAT_ZERO;
    case AP_SAT_SYM: return ref::O::SAT_SYM;
    case AP_WRAP: return ref::O::WRAP;
    case AP_WRAP_SM: return ref::O::WRAP_SM;
  }
  return ref::O::WRAP;
}

// Raw word <-> value, through the vendor's part-select API.
template <class T>
T from_raw(int64_t raw) {
  T t;
  t.range(traits<T>::w - 1, 0) = static_cast<ap_ulong>(raw);
  return t;
}
template <class T>
int64_t raw_of(const T& t) {
  constexpr int W = traits<T>::w;
  static_assert(W <= 64);
  const uint64_t bits = t.range(W - 1, 0).to_uint64();
  if (traits<T>::s && W < 64 && ((bits >> (W - 1)) & 1u))
    return static_cast<int64_t>(bits - (uint64_t{1} << W));
  return static_cast<int64_t>(bits);
}
// 128-bit-safe raw read as RefInt.
template <class T>
ref::RefInt raw_ref(const T& t) {
  constexpr int W = traits<T>::w;
  const uint64_t lo = t.range(W > 64 ? 63 : W - 1, 0).to_uint64();
  uint64_t hi = 0;
  if constexpr (W > 64) hi = t.range(W - 1, 64).to_uint64();
  return ref::RefInt::from_bits(lo, hi, W, traits<T>::s);
}
template <class T>
T from_ref(const ref::RefInt& v) {
  constexpr int W = traits<T>::w;
  T t;
  const ref::RefInt bits = v.low_bits(W);
  t.range(W > 64 ? 63 : W - 1, 0) = static_cast<ap_ulong>(bits.tc_bits64(0));
  if constexpr (W > 64) t.range(W - 1, 64) = static_cast<ap_ulong>(bits.tc_bits64(64));
  return t;
}
template <class T>
int64_t min_raw() {
  return traits<T>::s ? -(int64_t{1} << (traits<T>::w - 1)) : 0;
}
template <class T>
int64_t max_raw() {
  return traits<T>::s ? (int64_t{1} << (traits<T>::w - 1)) - 1 : (int64_t{1} << traits<T>::w) - 1;
}

inline constexpr ap_q_mode kQModes[] = {AP_RND,      AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF,
                                        AP_RND_CONV, AP_TRN,      AP_TRN_ZERO};
inline constexpr ap_o_mode kOModes[] = {AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP, AP_WRAP_SM};

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
using FX = std::conditional_t<S, ap_fixed<W, I, Q, O, N>, ap_ufixed<W, I, Q, O, N>>;

template <int W, int I, bool S, int N, ap_q_mode Q, ap_o_mode O, class Fn>
void call_with_type(Fn& fn) {
  if constexpr (S || O != AP_WRAP_SM) fn.template operator()<FX<W, I, S, Q, O, N>>();
}
template <int W, int I, bool S, int N, std::size_t QI, class Fn, std::size_t... OI>
void for_each_o(Fn& fn, std::index_sequence<OI...>) {
  (call_with_type<W, I, S, N, kQModes[QI], kOModes[OI]>(fn), ...);
}
template <int W, int I, bool S, int N, class Fn, std::size_t... QI>
void for_each_q(Fn& fn, std::index_sequence<QI...>) {
  (for_each_o<W, I, S, N, QI>(fn, std::make_index_sequence<5>{}), ...);
}
// Calls fn.template operator()<T>() for T = every legal <W,I,S,Q,O,N> over
// all 7 x 5 modes (ap_ufixed has no AP_WRAP_SM).
template <int W, int I, bool S, int N, class Fn>
void for_each_mode(Fn&& fn) {
  for_each_q<W, I, S, N>(fn, std::make_index_sequence<7>{});
}
// Calls fn.template operator()<T>() for every quantization mode with the
// overflow mode O fixed.
template <int W, int I, bool S, int N, ap_o_mode O, class Fn, std::size_t... QI>
void for_each_q_fixed_o(Fn& fn, std::index_sequence<QI...>) {
  (call_with_type<W, I, S, N, kQModes[QI], O>(fn), ...);
}
template <int W, int I, bool S, int N, ap_o_mode O, class Fn>
void for_each_quant(Fn&& fn) {
  for_each_q_fixed_o<W, I, S, N, O>(fn, std::make_index_sequence<7>{});
}

template <class T>
std::string type_name() {
  return std::string(traits<T>::s ? "ap_fixed<" : "ap_ufixed<") + std::to_string(traits<T>::w) +
         "," + std::to_string(traits<T>::i) + ",Q" + std::to_string(static_cast<int>(traits<T>::q)) +
         ",O" + std::to_string(static_cast<int>(traits<T>::o)) + "," +
         std::to_string(traits<T>::n) + ">";
}

}  // namespace fxt

#endif  // NNACCEL_TESTS_FIXED_TEST_UTIL_H
