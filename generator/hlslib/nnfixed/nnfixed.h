// nnfixed.h - bit-accurate host emulation of the vendor's arbitrary precision
// types (ap_int<W>, ap_uint<W>, ap_fixed<W,I,Q,O,N>, ap_ufixed<W,I,Q,O,N>,
// enums ap_q_mode / ap_o_mode) and of hls::stream<T>.
//
// Generated and layer code does not include this file directly: it includes
// nn_hls.h, which picks the vendor's <ap_fixed.h> when it is on the include
// path and this emulation otherwise. Everything is declared in the global
// namespace (hls::stream in namespace hls) with the vendor's names and
// template parameters, so code written against this API compiles unchanged
// with the vendor's headers. See docs/fixed-point.md for the supported API,
// the extensions, the documented vendor quirks we reproduce, and the limits
// (values up to 64 bits, intermediates up to 128 bits; wider types fail to
// compile with a static_assert). No __int128 is used, so x86-64 and 32-bit ARM
// give identical bits.
#ifndef NNACCEL_NNFIXED_H
#define NNACCEL_NNFIXED_H

#if !defined(__cplusplus) || __cplusplus < 201703L
#error "nnfixed.h needs C++17 or newer"
#endif

#include "nnfixed_fixed.h"
#include "nnfixed_fwd.h"
#include "nnfixed_int.h"
#include "nnfixed_modes.h"
#include "nnfixed_refs.h"
#if !defined(NNFIXED_FREESTANDING)
#include "nnfixed_print.h"  // to_string, operator<< (std::string, std::ostream)
#endif
#include "nnfixed_stream.h"

#endif  // NNACCEL_NNFIXED_H
