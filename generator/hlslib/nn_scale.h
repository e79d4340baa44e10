// nn_scale.h - per-channel affine and per-channel PRelu over a channel-last
// tensor (the channel of element i of a sample is i % ch).
//
// scale_shift: y = x * scale[c] + shift[c]. nngen folds BatchNormalization
//   (scale = gamma / sqrt(var + eps), shift = beta - mean * scale) and Mul/Add
//   by per-channel constants into it.
//   CFG: n (elements per sample, a multiple of ch), ch, max_batch, in_size,
//   out_size (both n); in_t, scale_t, shift_t, accum_t, out_t.
//   Weights: const scale_t scale[ch], const shift_t shift[ch].
// prelu: y = x >= 0 ? x : x * slope[c].
//   CFG: n, ch, max_batch, in_size, out_size; in_t, slope_t, accum_t, out_t.
//   Weights: const slope_t slope[ch].
//
// accum_t is sized by nngen to hold the product and the sum exactly, so the
// only rounding is the final conversion to out_t (its own quantization and
// overflow modes). The channel is a counter that wraps at ch, not i % ch: a
// remainder by a non-power of two would be a divider in hardware. Stream form
// (NAME(in, out, weights, batch), `batch` samples, II = 1) and array form
// (NAME_array(in, out, weights), one sample) share the per-element function,
// so they give the same bits.
#ifndef NNACCEL_HLSLIB_NN_SCALE_H
#define NNACCEL_HLSLIB_NN_SCALE_H

#include "nn_hls.h"

namespace nnhls {

template <class CFG>
void check_channel_cfg() {
  static_assert(CFG::ch >= 1 && CFG::n % CFG::ch == 0,
                "per-channel layer: n must be a multiple of ch");
  static_assert(CFG::in_size == CFG::n && CFG::out_size == CFG::n,
                "per-channel layer: in_size and out_size must be n");
}

// Next channel after c (wraps at ch).
template <class CFG>
unsigned next_channel(unsigned c) {
#pragma HLS INLINE
  return c + 1 == CFG::ch ? 0 : c + 1;
}

template <class CFG>
typename CFG::out_t scale_shift_one(const typename CFG::in_t& x, const typename CFG::scale_t& s,
                                    const typename CFG::shift_t& t) {
#pragma HLS INLINE
  typename CFG::accum_t acc = x * s;
  acc += t;
  return typename CFG::out_t(acc);
}

template <class CFG>
typename CFG::out_t prelu_one(const typename CFG::in_t& x, const typename CFG::slope_t& a) {
#pragma HLS INLINE
  if (x >= 0) return typename CFG::out_t(x);
  typename CFG::accum_t acc = x * a;
  return typename CFG::out_t(acc);
}

template <class CFG>
void scale_shift(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                 const typename CFG::scale_t scale[CFG::ch],
                 const typename CFG::shift_t shift[CFG::ch], unsigned batch) {
  check_channel_cfg<CFG>();
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
    unsigned c = 0;
  elem_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      out.write(scale_shift_one<CFG>(in.read(), scale[c], shift[c]));
      c = next_channel<CFG>(c);
    }
  }
}

template <class CFG>
void scale_shift_array(const typename CFG::in_t in[CFG::in_size],
                       typename CFG::out_t out[CFG::out_size],
                       const typename CFG::scale_t scale[CFG::ch],
                       const typename CFG::shift_t shift[CFG::ch]) {
  check_channel_cfg<CFG>();
  unsigned c = 0;
array_elem_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    out[i] = scale_shift_one<CFG>(in[i], scale[c], shift[c]);
    c = next_channel<CFG>(c);
  }
}

template <class CFG>
void prelu(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
           const typename CFG::slope_t slope[CFG::ch], unsigned batch) {
  check_channel_cfg<CFG>();
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
    unsigned c = 0;
  elem_loop:
    for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
      out.write(prelu_one<CFG>(in.read(), slope[c]));
      c = next_channel<CFG>(c);
    }
  }
}

template <class CFG>
void prelu_array(const typename CFG::in_t in[CFG::in_size], typename CFG::out_t out[CFG::out_size],
                 const typename CFG::slope_t slope[CFG::ch]) {
  check_channel_cfg<CFG>();
  unsigned c = 0;
array_elem_loop:
  for (unsigned i = 0; i < CFG::n; i++) {
#pragma HLS PIPELINE II = 1
    out[i] = prelu_one<CFG>(in[i], slope[c]);
    c = next_channel<CFG>(c);
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_SCALE_H
