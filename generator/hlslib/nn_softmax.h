// nn_softmax.h - softmax over one sample's vector.
//
// y_i = e_i / sum_j e_j with e_i = exp(x_i - max_j x_j) read from a table of
// exp over [lo, 0] (lo = -8: exp(-8) < 3.4e-4 is below the output resolution
// of the default type). Subtracting the maximum first keeps every table input
// in range and makes the largest e exactly 1, so sum >= 1 and the quotient is
// in (0, 1].
//
// CFG provides: n, max_batch, in_t, out_t, diff_t (holds x - max exactly),
// arith_t, lo, scale2, table_size, exp_t, sum_t, and `table[table_size]`;
// softmax_array (one sample, --io parallel) also in_size = out_size = n. It
// does the same operations in the same order as the stream form (first
// maximum, table entries, sum in index order, one division each), so the two
// give the same bits.
#ifndef NNACCEL_HLSLIB_NN_SOFTMAX_H
#define NNACCEL_HLSLIB_NN_SOFTMAX_H

#include "nn_activation.h"
#include "nn_hls.h"

namespace nnhls {

template <class CFG>
void softmax(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
             unsigned batch) {
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
    typename CFG::in_t x[CFG::n];
    typename CFG::exp_t e[CFG::n];
    typename CFG::in_t m = 0;
  read_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      x[i] = in.read();
      if (i == 0 || x[i] > m) m = x[i];
    }
    typename CFG::sum_t sum = 0;
  exp_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      typename CFG::diff_t d = x[i] - m;
      e[i] = CFG::table[table_index<CFG>(d)];
      sum += e[i];
    }
  div_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      out.write(typename CFG::out_t(e[i] / sum));
    }
  }
}

template <class CFG>
void softmax_array(const typename CFG::in_t in[CFG::in_size],
                   typename CFG::out_t out[CFG::out_size]) {
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "softmax: in_size and out_size must be n");
  typename CFG::exp_t e[CFG::n];
  typename CFG::in_t m = in[0];
array_max_loop:
  for (unsigned i = 1; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    if (in[i] > m) m = in[i];
  }
  typename CFG::sum_t sum = 0;
array_exp_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    typename CFG::diff_t d = in[i] - m;
    e[i] = CFG::table[table_index<CFG>(d)];
    sum += e[i];
  }
array_div_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    out[i] = typename CFG::out_t(e[i] / sum);
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_SOFTMAX_H
