// nn_activation.h - element-wise activations.
//
// Relu is exact. Sigmoid and Tanh read a table that nngen computes in double
// precision and emits as constants (so the host, the ARM image and the FPGA
// all use the very same numbers): entry k holds f(lo + k / scale) for
// k = 0..table_size-1, and an input is looked up at its nearest sample point;
// inputs outside [lo, hi] take the end values.
//
// CFG provides: n, max_batch, in_t, out_t, arith_t (wide enough to hold
// x - lo and (hi - lo) * 2 * scale exactly), lo, hi (int), scale2 (= 2 * scale),
// table_size, and for table activations a static table `table[table_size]`.
#ifndef NNACCEL_HLSLIB_NN_ACTIVATION_H
#define NNACCEL_HLSLIB_NN_ACTIVATION_H

#include "nn_hls.h"

namespace nnhls {

// One stage applying `f` to every element of every sample (II = 1).
template <class CFG, class F>
void elementwise(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                 unsigned batch, F f) {
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  elem_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      out.write(f(in.read()));
    }
  }
}

template <class CFG>
struct relu_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    typename CFG::out_t y = 0;
    if (x > 0) y = x;
    return y;
  }
};

template <class CFG>
void relu(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
          unsigned batch) {
  elementwise<CFG>(in, out, batch, relu_fn<CFG>());
}

// Nearest table entry for x: round((x - lo) * scale), clamped to the table.
template <class CFG, class T>
unsigned table_index(const T& x) {
  typename CFG::arith_t t = x;
  t -= typename CFG::arith_t(CFG::lo);
  if (t < 0) return 0;
  // Beyond the last sample point: clamp before scaling, so the product stays
  // small whatever the integer width of the input type.
  if (t >= typename CFG::arith_t(CFG::hi - CFG::lo)) return CFG::table_size - 1;
  t = typename CFG::arith_t(t * ap_uint<16>(CFG::scale2));
  unsigned k = (unsigned)((t.to_int() + 1) >> 1);
  return k >= CFG::table_size ? CFG::table_size - 1 : k;
}

template <class CFG>
struct table_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    return CFG::table[table_index<CFG>(x)];
  }
};

template <class CFG>
void table_activation(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                      unsigned batch) {
  elementwise<CFG>(in, out, batch, table_fn<CFG>());
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_ACTIVATION_H
