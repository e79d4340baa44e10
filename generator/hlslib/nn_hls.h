// nn_hls.h - the one header generated and layer code includes to get
// ap_fixed / ap_int / hls::stream.
//
// Selection:
//  * the vendor's headers (<ap_fixed.h>, <ap_int.h>, <hls_stream.h>) when they
//    are on the include path (Vitis HLS synthesis and C simulation), unless
//  * NNACCEL_FORCE_EMULATION is defined, or the vendor headers are absent:
//    then nnfixed/nnfixed.h, the project's bit-accurate emulation (host tests,
//    the virtual board, the ARM/QEMU images). docs/fixed-point.md.
//
// HLS pragmas: `#pragma HLS ...` lines are left in the code. g++/clang++ ignore
// unknown pragmas, but -Wall enables -Wunknown-pragmas; host builds of HLS
// code (the generated project's CMake and this repository's targets that
// compile layer code) therefore add -Wno-unknown-pragmas. We do not silence
// the warning here because a pragma inside a header cannot turn off a warning
// for pragmas in the including file portably, and a project-wide flag is one
// obvious line in CMake.
#ifndef NNACCEL_NN_HLS_H
#define NNACCEL_NN_HLS_H

#if defined(__has_include)
#if __has_include(<ap_fixed.h>) && !defined(NNACCEL_FORCE_EMULATION)
#define NNACCEL_USING_VENDOR_AP_TYPES 1
#endif
#endif

#if defined(NNACCEL_USING_VENDOR_AP_TYPES)
#include <ap_fixed.h>
#include <ap_int.h>
#include <hls_stream.h>
#else
#define NNACCEL_USING_VENDOR_AP_TYPES 0
#include "nnfixed/nnfixed.h"
#endif

#endif  // NNACCEL_NN_HLS_H
