// nn_dense.h - fully connected layer for the generated dataflow top.
//
// CFG (generated per layer) provides:
//   n_in, n_out, reuse, max_batch : unsigned constants
//   in_t, out_t, weight_t, bias_t, accum_t : ap_fixed types
// accum_t is sized by nngen so that no sum can overflow it (docs/precision.md):
// every product is exact and added exactly; only the final conversion to out_t
// rounds and saturates.
// Weights are stored [n_out][n_in] (row = one output neuron), the order the
// load-weights mode receives them in. nngen partitions the array cyclically
// along dim 2 (the inputs), so multiplier i always reads bank i % banks
// whatever the row (UG1399 ARRAY_PARTITION).
#ifndef NNACCEL_HLSLIB_NN_DENSE_H
#define NNACCEL_HLSLIB_NN_DENSE_H

#include "nn_hls.h"

namespace nnhls {

template <class CFG>
void dense(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
           const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
           const typename CFG::bias_t b[CFG::n_out], unsigned batch) {
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
    typename CFG::in_t x[CFG::n_in];
#pragma HLS ARRAY_PARTITION variable = x complete
  read_loop:
    for (unsigned i = 0; i < CFG::n_in; i++) {
#pragma HLS PIPELINE II = 1
      x[i] = in.read();
    }
  neuron_loop:
    for (unsigned o = 0; o < CFG::n_out; o++) {
      // One output neuron per `reuse` cycles: the unrolled MAC loop below uses
      // ceil(n_in / reuse) multipliers (UG1399: PIPELINE unrolls inner loops).
#pragma HLS PIPELINE II = CFG::reuse
      typename CFG::accum_t acc = b[o];
    mac_loop:
      for (unsigned i = 0; i < CFG::n_in; i++) {
        acc += x[i] * w[o][i];
      }
      out.write(typename CFG::out_t(acc));
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_DENSE_H
