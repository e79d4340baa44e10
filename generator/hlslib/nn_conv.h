// nn_conv.h - 2-D (and 1-D: in_h = 1) convolution on channel-last tensors, normal and depthwise.
//
// CFG (generated per layer) provides:
//   in_h, in_w, ch_in, ch_out, k_h, k_w, stride_h, stride_w, pad_top, pad_left, pad_bottom,
//   pad_right, out_h, out_w, reuse, max_batch, in_size, out_size : unsigned constants
//   depthwise : bool (then ch_out == ch_in and channel c is filtered by its own k_h x k_w kernel)
//   in_t, weight_t, bias_t, accum_t, out_t : ap_fixed types
// y[oy][ox][co] = b[co] + sum over ky, kx, ci of x[oy*stride_h - pad_top + ky]
//                 [ox*stride_w - pad_left + kx][ci] * w[co][(ky*k_w + kx)*ch_in + ci]
// (depthwise: ci = co only and w[co][ky*k_w + kx]), x = 0 outside the image (zero padding, never
// stored: nn_window.h). Dilation 1 only.
// As in nn_dense.h, accum_t is sized by nngen so that no sum overflows: every product is exact
// and added exactly, only the final conversion to out_t rounds and saturates.
// Weights [ch_out][k_h*k_w*ch_in] (depthwise [ch_in][k_h*k_w]) are the order the load-weights
// mode receives them in. One output pixel's ch_out values are computed one channel per `reuse`
// cycles by an unrolled MAC over the window (PIPELINE unrolls the inner loop), like dense's
// neuron loop; the window itself is gathered once per output pixel.
#ifndef NNACCEL_HLSLIB_NN_CONV_H
#define NNACCEL_HLSLIB_NN_CONV_H

#include "nn_hls.h"
#include "nn_window.h"

namespace nnhls {

// Length of a weight row: one output channel's kernel.
template <class CFG>
struct conv_row {
  static const unsigned value =
      CFG::depthwise ? CFG::k_h * CFG::k_w : CFG::k_h * CFG::k_w * CFG::ch_in;
};

// Output channel co of one pixel from its gathered window (normal and depthwise).
template <class CFG, bool DEPTHWISE>
struct conv_mac;

template <class CFG>
struct conv_mac<CFG, false> {
  static typename CFG::out_t run(const typename CFG::in_t win[CFG::k_h * CFG::k_w * CFG::ch_in],
                                 const typename CFG::weight_t w[CFG::ch_out][conv_row<CFG>::value],
                                 const typename CFG::bias_t b[CFG::ch_out], unsigned co) {
    typename CFG::accum_t acc = b[co];
  mac_loop:
    for (unsigned i = 0; i < conv_row<CFG>::value; i++) {
      acc += win[i] * w[co][i];
    }
    return typename CFG::out_t(acc);
  }
};

template <class CFG>
struct conv_mac<CFG, true> {
  static typename CFG::out_t run(const typename CFG::in_t win[CFG::k_h * CFG::k_w * CFG::ch_in],
                                 const typename CFG::weight_t w[CFG::ch_out][conv_row<CFG>::value],
                                 const typename CFG::bias_t b[CFG::ch_out], unsigned co) {
    typename CFG::accum_t acc = b[co];
  mac_loop:
    for (unsigned k = 0; k < CFG::k_h * CFG::k_w; k++) {
      acc += win[k * CFG::ch_in + co] * w[co][k];
    }
    return typename CFG::out_t(acc);
  }
};

// A generated config that contradicts itself stops the compiler here, not the hardware.
template <class CFG>
struct conv_check {
  static_assert(!CFG::depthwise || CFG::ch_out == CFG::ch_in,
                "conv2d: a depthwise layer needs ch_out == ch_in");
  static_assert(CFG::in_size == CFG::in_h * CFG::in_w * CFG::ch_in,
                "conv2d: in_size must be in_h * in_w * ch_in");
  static_assert(CFG::out_size == CFG::out_h * CFG::out_w * CFG::ch_out,
                "conv2d: out_size must be out_h * out_w * ch_out");
  static_assert(CFG::stride_h >= 1 && CFG::stride_w >= 1 && CFG::reuse >= 1 && CFG::k_h >= 1 &&
                    CFG::k_w >= 1,
                "conv2d: strides, kernel sizes and reuse must be at least 1");
  static_assert(CFG::in_h + CFG::pad_top + CFG::pad_bottom >= CFG::k_h &&
                    CFG::in_w + CFG::pad_left + CFG::pad_right >= CFG::k_w,
                "conv2d: the kernel is larger than the padded input");
  static_assert(
      CFG::out_h == (CFG::in_h + CFG::pad_top + CFG::pad_bottom - CFG::k_h) / CFG::stride_h + 1 &&
          CFG::out_w == (CFG::in_w + CFG::pad_left + CFG::pad_right - CFG::k_w) / CFG::stride_w + 1,
      "conv2d: out_h / out_w do not follow from the input size, kernel, pads and strides");
};

// The window arithmetic for nn_window.h: output channel k of a pixel.
template <class CFG>
struct conv_op {
  typedef typename CFG::in_t in_t;
  static const unsigned n_out = CFG::ch_out, ii = CFG::reuse, out_w = CFG::out_w;
  template <class W, class B>
  static typename CFG::out_t value(const in_t win[], const bool[], unsigned, unsigned, unsigned k,
                                   const W& w, const B& b) {
    return conv_mac<CFG, CFG::depthwise>::run(win, w, b, k);
  }
};

// Stream form: `batch` samples of in_size tokens in, out_size tokens each out.
template <class CFG>
void conv2d(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
            const typename CFG::weight_t w[CFG::ch_out][conv_row<CFG>::value],
            const typename CFG::bias_t b[CFG::ch_out], unsigned batch) {
  (void)sizeof(conv_check<CFG>);
  window_stream<CFG, CFG::ch_in, conv_op<CFG> >(in, out, batch, w, b);
}

// Array form: one sample.
template <class CFG>
void conv2d_array(const typename CFG::in_t in[CFG::in_size], typename CFG::out_t out[CFG::out_size],
                  const typename CFG::weight_t w[CFG::ch_out][conv_row<CFG>::value],
                  const typename CFG::bias_t b[CFG::ch_out]) {
  (void)sizeof(conv_check<CFG>);
  window_array<CFG, CFG::ch_in, conv_op<CFG> >(in, out, w, b);
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_CONV_H
