// nn_hls.h - the one header generated and layer code includes to get
// ap_fixed / ap_int / hls::stream.
//
// Selection:
//  * the vendor's headers (<ap_fixed.h>, <ap_int.h>, <hls_stream.h>) when they
//    are on the include path (Vitis HLS synthesis and C simulation), unless
//  * NNACCEL_FORCE_EMULATION is defined, or the vendor headers are absent:
//    then nnfixed/nnfixed.h, the project's bit-accurate emulation (host tests,
//    the virtual board, the ARM/QEMU images). docs/fixed-point.md.
//  * NNFIXED_FREESTANDING (bare-metal images, no libstdc++ library code) also
//    selects the emulation, in its freestanding form: the vendor's headers
//    need libstdc++.
//
// HLS pragmas and loop labels stay in the code. g++/clang++ ignore unknown
// pragmas and unused labels, but -Wall enables -Wunknown-pragmas and
// -Wunused-label; host builds of HLS code (the generated project's CMake and
// this repository's targets, via nnaccel_hlslib) therefore add
// -Wno-unknown-pragmas -Wno-unused-label. Not done here: a header cannot
// portably turn those warnings off for the file that includes it, and a
// project-wide flag is one obvious line in CMake.
#ifndef NNACCEL_NN_HLS_H
#define NNACCEL_NN_HLS_H

#if defined(__has_include)
#if __has_include(<ap_fixed.h>) && !defined(NNACCEL_FORCE_EMULATION) && \
    !defined(NNFIXED_FREESTANDING)
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

// NNHLS_DATAFLOW_PROCESS("name"): the generated stream-mode top marks the start of each
// dataflow process with it. Empty for synthesis and ordinary simulation; a FIFO-profiling
// C simulation (NNACCEL_FIFO_PROFILE, docs/cnn.md "FIFO depths") defines it to restart the
// process clock of its timing model.
#if !defined(NNHLS_DATAFLOW_PROCESS)
#define NNHLS_DATAFLOW_PROCESS(name)
#endif

#endif  // NNACCEL_NN_HLS_H
