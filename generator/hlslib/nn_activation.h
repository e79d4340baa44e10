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
//
// Piecewise-linear activations (ONNX LeakyRelu, Clip, HardSigmoid) and the
// signed table (Elu, Selu) take their real constants from static member
// functions of CFG returning a param_t built from a double literal (HLS folds
// them; nngen picks param_t). They compute the exact value with those
// quantized constants and round once, to out_t:
//   leaky_relu:  x >= 0 ? x : x * alpha()         (the product is exact)
//   clip:        min(max(x, lo()), hi())           (no arithmetic at all)
//   hard_sigmoid: max(0, min(1, alpha() * x + beta())), computed in accum_t
//                (sized by nngen to hold the product and sum exactly)
//   signed_table_activation: x >= 0 ? x * gain() (exact product) : the table
//                entry nearest x, as table_activation with hi = 0; the table
//                holds f(x) for x < 0 (Elu: alpha (e^x - 1), Selu: gamma alpha
//                (e^x - 1)) and gain() is 1 (Elu) or gamma (Selu).
// So the only error against the real function is the constants' quantization
// (and, for tables, the table's sampling) plus the one rounding of out_t.
//
// Every activation has a stream form NAME(in, out, batch) over `batch` samples
// of n values and an array form NAME_array(in, out) over one sample (CFG then
// also provides in_size = out_size = n). Both apply the same function object,
// so they give the same bits.
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

// ---- array forms

// `f` on every element of one sample. PIPELINE II = 1 on the per-element loop;
// a caller that pipelines the whole layer unrolls it (PIPELINE unrolls the
// loops inside it: docs/hardware-notes.md "HLS coding rules"; source: UG1399).
template <class CFG, class F>
void elementwise_array(const typename CFG::in_t in[CFG::in_size],
                       typename CFG::out_t out[CFG::out_size], F f) {
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "element-wise layer: in_size and out_size must be n");
array_elem_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    out[i] = f(in[i]);
  }
}

template <class CFG>
void relu_array(const typename CFG::in_t in[CFG::in_size], typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, relu_fn<CFG>());
}

template <class CFG>
void table_activation_array(const typename CFG::in_t in[CFG::in_size],
                            typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, table_fn<CFG>());
}

// ---- LeakyRelu: x >= 0 ? x : x * alpha(). CFG: n, max_batch, in_t, param_t, out_t, alpha().
template <class CFG>
struct leaky_relu_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    if (x >= 0) return typename CFG::out_t(x);
    return typename CFG::out_t(x * CFG::alpha());  // ap_fixed products are exact
  }
};

template <class CFG>
void leaky_relu(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                unsigned batch) {
  elementwise<CFG>(in, out, batch, leaky_relu_fn<CFG>());
}

template <class CFG>
void leaky_relu_array(const typename CFG::in_t in[CFG::in_size],
                      typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, leaky_relu_fn<CFG>());
}

// ---- Clip: min(max(x, lo()), hi()). CFG: n, max_batch, in_t, out_t, param_t, lo(), hi().
// Comparisons of ap_fixed values of different types are exact; the result is
// one of x, lo(), hi(), converted once to out_t. lo() > hi() gives hi() for
// every x, as the formula (and ONNX) says.
template <class CFG>
struct clip_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    if (x < CFG::lo()) {  // max(x, lo()) is lo()
      if (CFG::lo() > CFG::hi()) return typename CFG::out_t(CFG::hi());
      return typename CFG::out_t(CFG::lo());
    }
    if (x > CFG::hi()) return typename CFG::out_t(CFG::hi());
    return typename CFG::out_t(x);
  }
};

template <class CFG>
void clip(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
          unsigned batch) {
  elementwise<CFG>(in, out, batch, clip_fn<CFG>());
}

template <class CFG>
void clip_array(const typename CFG::in_t in[CFG::in_size], typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, clip_fn<CFG>());
}

// ---- HardSigmoid: max(0, min(1, alpha() * x + beta())).
// CFG: n, max_batch, in_t, param_t, accum_t, out_t, alpha(), beta().
template <class CFG>
struct hard_sigmoid_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    typename CFG::accum_t acc = x * CFG::alpha();
    acc += CFG::beta();
    if (acc < 0) return typename CFG::out_t(0);
    if (acc > 1) return typename CFG::out_t(1);
    return typename CFG::out_t(acc);
  }
};

template <class CFG>
void hard_sigmoid(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                  unsigned batch) {
  elementwise<CFG>(in, out, batch, hard_sigmoid_fn<CFG>());
}

template <class CFG>
void hard_sigmoid_array(const typename CFG::in_t in[CFG::in_size],
                        typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, hard_sigmoid_fn<CFG>());
}

// ---- Elu / Selu: x >= 0 ? x * gain() : table (table_activation's CFG members,
// hi = 0, plus param_t and gain()).
template <class CFG>
struct signed_table_fn {
  typename CFG::out_t operator()(const typename CFG::in_t& x) const {
    if (x >= 0) return typename CFG::out_t(x * CFG::gain());  // exact product, one rounding
    return CFG::table[table_index<CFG>(x)];
  }
};

template <class CFG>
void signed_table_activation(hls::stream<typename CFG::in_t>& in,
                             hls::stream<typename CFG::out_t>& out, unsigned batch) {
  elementwise<CFG>(in, out, batch, signed_table_fn<CFG>());
}

template <class CFG>
void signed_table_activation_array(const typename CFG::in_t in[CFG::in_size],
                                   typename CFG::out_t out[CFG::out_size]) {
  elementwise_array<CFG>(in, out, signed_table_fn<CFG>());
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_ACTIVATION_H
