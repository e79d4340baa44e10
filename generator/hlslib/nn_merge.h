// nn_merge.h - layers that join or fork streams: element-wise add of two
// tensors, channel concatenation, and the fan-out of one stream to two.
//
// add: out = out_t(in0 + in1), element by element. The sum of two ap_fixed
//   values is computed in a type wide enough to be exact (the ap_fixed rules),
//   so out_t's conversion is the only rounding/saturation.
//   CFG: n, max_batch, in_size, out_size (all n per sample); in0_t, in1_t, out_t.
// concat: per pixel, ch0 values from in0 then ch1 values from in1 (channel-last
//   tensors; a vector concat is n_pix = 1), each converted to out_t.
//   CFG: n_pix, ch0, ch1, max_batch, out_size (= n_pix * (ch0 + ch1)); in0_t,
//   in1_t, out_t. The array form's inputs hold n_pix * ch0 and n_pix * ch1
//   values.
// split: copies every token of `in` to out0 and out1 (a fan-out of 2: an
//   hls::stream has one reader, so a tensor used twice needs it; nngen chains
//   splits for more). CFG: n, max_batch, in_size, out_size; in_t (= out_t).
//   No array form: an array can simply be read twice.
//
// Dataflow note: add and concat read their two inputs in lockstep (add) or
// interleaved per pixel (concat). When both inputs come from one split, the
// branch that is ahead blocks until the other catches up, so the FIFOs of the
// faster branch must be deep enough to hold the difference in latency (for a
// branch with a k-row line buffer, about k rows of tokens); nngen sizes them.
//
// Stream forms process `batch` samples at II = 1; array forms one sample.
#ifndef NNACCEL_HLSLIB_NN_MERGE_H
#define NNACCEL_HLSLIB_NN_MERGE_H

#include "nn_hls.h"

namespace nnhls {

template <class CFG>
void add(hls::stream<typename CFG::in0_t>& in0, hls::stream<typename CFG::in1_t>& in1,
         hls::stream<typename CFG::out_t>& out, unsigned batch) {
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "add: in_size and out_size must be n");
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  elem_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      const typename CFG::in0_t a = in0.read();
      const typename CFG::in1_t b = in1.read();
      out.write(typename CFG::out_t(a + b));
    }
  }
}

template <class CFG>
void add_array(const typename CFG::in0_t in0[CFG::in_size],
               const typename CFG::in1_t in1[CFG::in_size],
               typename CFG::out_t out[CFG::out_size]) {
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "add: in_size and out_size must be n");
array_elem_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    out[i] = typename CFG::out_t(in0[i] + in1[i]);
  }
}

template <class CFG>
void concat(hls::stream<typename CFG::in0_t>& in0, hls::stream<typename CFG::in1_t>& in1,
            hls::stream<typename CFG::out_t>& out, unsigned batch) {
  static_assert(CFG::out_size == CFG::n_pix * (CFG::ch0 + CFG::ch1),
                "concat: out_size must be n_pix * (ch0 + ch1)");
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  pixel_loop:
    for (unsigned p = 0; p < CFG::n_pix; p++) {
    chan_loop:
      for (unsigned c = 0; c < CFG::ch0 + CFG::ch1; c++) {
#pragma HLS PIPELINE II = 1
        if (c < CFG::ch0) {
          out.write(typename CFG::out_t(in0.read()));
        } else {
          out.write(typename CFG::out_t(in1.read()));
        }
      }
    }
  }
}

template <class CFG>
void concat_array(const typename CFG::in0_t in0[CFG::n_pix * CFG::ch0],
                  const typename CFG::in1_t in1[CFG::n_pix * CFG::ch1],
                  typename CFG::out_t out[CFG::out_size]) {
  static_assert(CFG::out_size == CFG::n_pix * (CFG::ch0 + CFG::ch1),
                "concat: out_size must be n_pix * (ch0 + ch1)");
array_pixel_loop:
  for (unsigned p = 0; p < CFG::n_pix; p++) {
  array_chan0_loop:
    for (unsigned c = 0; c < CFG::ch0; c++) {
#pragma HLS PIPELINE II = 1
      out[p * (CFG::ch0 + CFG::ch1) + c] = typename CFG::out_t(in0[p * CFG::ch0 + c]);
    }
  array_chan1_loop:
    for (unsigned c = 0; c < CFG::ch1; c++) {
#pragma HLS PIPELINE II = 1
      out[p * (CFG::ch0 + CFG::ch1) + CFG::ch0 + c] = typename CFG::out_t(in1[p * CFG::ch1 + c]);
    }
  }
}

template <class CFG>
void split(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out0,
           hls::stream<typename CFG::out_t>& out1, unsigned batch) {
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "split: in_size and out_size must be n");
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  elem_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      const typename CFG::in_t v = in.read();
      out0.write(typename CFG::out_t(v));  // a plain copy: out_t is in_t
      out1.write(typename CFG::out_t(v));
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_MERGE_H
