// nn_dense.h - fully connected layer, stream form (dataflow top) and array form.
//
// CFG (generated per layer) provides:
//   n_in, n_out, reuse, max_batch : unsigned constants
//   in_t, out_t, weight_t, bias_t, accum_t : ap_fixed types
//   in_size (= n_in), out_size (= n_out) : needed by dense_array only
// accum_t is sized by nngen so that no sum can overflow it (docs/precision.md):
// every product is exact and added exactly; only the final conversion to out_t
// rounds and saturates. Both forms compute every neuron with dense_neuron, so
// they give the same bits.
// Weights are stored [n_out][n_in] (row = one output neuron), the order the
// load-weights mode receives them in. nngen partitions the array cyclically
// along dim 2 (the inputs), so multiplier i always reads bank i % banks
// whatever the row (ARRAY_PARTITION cyclic: docs/hardware-notes.md "HLS coding
// rules"; source: UG1399).
//
// Stream form, timing. A sample is read whole before its first neuron can be
// computed (every neuron needs every input). Written as one loop that reads and
// then computes, a sample costs n_in cycles (read, II = 1) plus n_out * reuse
// cycles (neurons, II = reuse), one after the other:
//   batch * (n_in + n_out * reuse) cycles (+ pipeline depths).
// Here the sample loop is a dataflow region (dataflow inside a loop body: the
// DATAFLOW rule of docs/hardware-notes.md "HLS coding rules") of two
// processes: dense_read_sample fills x, and dense_compute_sample consumes it.
// x, written by one process and read by the next, becomes a ping-pong buffer
// (PIPO), so the reader fills one half with sample s + 1 while the compute
// process works on sample s in the other half:
//   n_in + n_out * reuse + (batch - 1) * max(n_in, n_out * reuse) cycles
// (+ pipeline depths and a few handshake cycles per sample). For a 64 -> 32
// layer at reuse 1 that is 64 instead of 96 cycles per sample.
// The cost is a second copy of x (registers: x is completely partitioned).
// Results do not change: each process does exactly what the one loop did, in
// the same order. In C simulation and the host emulation the two calls simply
// run one after the other, which is the sequential semantics HLS preserves.
// The loop follows the canonical form of a loop dataflow region: the only
// statement of its function, int counter from 0, bound a scalar argument; the
// region and its two processes are kept as functions (INLINE off), as the
// canonical form asks. A dataflow region may itself be a process of the top's
// dataflow region (docs/hardware-notes.md "HLS coding rules"; source: UG1399).
#ifndef NNACCEL_HLSLIB_NN_DENSE_H
#define NNACCEL_HLSLIB_NN_DENSE_H

#include "nn_hls.h"

namespace nnhls {

// One neuron: bias plus the exact sum of products, in accum_t. With the caller's
// loop pipelined, the MAC loop unrolls into ceil(n_in / reuse) multipliers
// (PIPELINE unrolls inner loops: docs/hardware-notes.md "HLS coding rules";
// source: UG1399).
template <class CFG>
typename CFG::accum_t dense_neuron(const typename CFG::in_t x[CFG::n_in],
                                   const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
                                   const typename CFG::bias_t b[CFG::n_out], unsigned o) {
#pragma HLS INLINE
  typename CFG::accum_t acc = b[o];
mac_loop:
  for (unsigned i = 0; i < CFG::n_in; i++) {
    acc += x[i] * w[o][i];
  }
  return acc;
}

// Producer process: one sample from the stream into the PIPO buffer.
template <class CFG>
void dense_read_sample(hls::stream<typename CFG::in_t>& in, typename CFG::in_t x[CFG::n_in]) {
#pragma HLS INLINE off
read_loop:
  for (unsigned i = 0; i < CFG::n_in; i++) {
#pragma HLS PIPELINE II = 1
    x[i] = in.read();
  }
}

// Consumer process: every neuron of one sample, one per `reuse` cycles.
template <class CFG>
void dense_compute_sample(const typename CFG::in_t x[CFG::n_in],
                          hls::stream<typename CFG::out_t>& out,
                          const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
                          const typename CFG::bias_t b[CFG::n_out]) {
#pragma HLS INLINE off
neuron_loop:
  for (unsigned o = 0; o < CFG::n_out; o++) {
#pragma HLS PIPELINE II = CFG::reuse
    out.write(typename CFG::out_t(dense_neuron<CFG>(x, w, b, o)));
  }
}

// The loop dataflow region over samples (see the header comment).
template <class CFG>
void dense_samples(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                   const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
                   const typename CFG::bias_t b[CFG::n_out], int batch) {
#pragma HLS INLINE off
sample_loop:
  for (int s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
#pragma HLS DATAFLOW
    typename CFG::in_t x[CFG::n_in];
#pragma HLS ARRAY_PARTITION variable = x complete
    dense_read_sample<CFG>(in, x);
    dense_compute_sample<CFG>(x, out, w, b);
  }
}

// batch <= CFG::max_batch (checked by the top), so the int conversion is exact.
template <class CFG>
void dense(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
           const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
           const typename CFG::bias_t b[CFG::n_out], unsigned batch) {
  dense_samples<CFG>(in, out, w, b, static_cast<int>(batch));
}

// Array form (--io parallel): one sample, same neurons as the stream form.
template <class CFG>
void dense_array(const typename CFG::in_t in[CFG::in_size], typename CFG::out_t out[CFG::out_size],
                 const typename CFG::weight_t w[CFG::n_out][CFG::n_in],
                 const typename CFG::bias_t b[CFG::n_out]) {
  static_assert(CFG::in_size == CFG::n_in && CFG::out_size == CFG::n_out,
                "dense: in_size must be n_in and out_size n_out");
array_neuron_loop:
  for (unsigned o = 0; o < CFG::n_out; o++) {
#pragma HLS PIPELINE II = CFG::reuse
    out[o] = typename CFG::out_t(dense_neuron<CFG>(in, w, b, o));
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_DENSE_H
