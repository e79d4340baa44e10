// nn_pool.h - max and average pooling on channel-last tensors (2-D, and 1-D as in_h = 1), and
// global pooling over all pixels.
//
// pool2d CFG: in_h, in_w, ch, k_h, k_w, stride_h, stride_w, pad_top, pad_left, pad_bottom,
//   pad_right, out_h, out_w, max_batch, in_size, out_size : unsigned; is_max, count_include_pad
//   (average only) : bool; in_t, accum_t (holds a window's sum exactly), out_t.
// Window geometry and the line buffer: nn_window.h. ONNX semantics:
//  * max: the largest in-image value of the window; padded positions are ignored (-inf).
//  * average: the window's sum of in-image values (padding adds 0) divided by
//      count_include_pad = 0: the number of in-image positions;
//      count_include_pad = 1: the number of positions inside the padded input, i.e. k_h * k_w
//        except for a window that ceil_mode lets run past the end of the padded input, whose
//        positions beyond it are not counted (as onnxruntime and PyTorch do).
//    ceil_mode is resolved by nngen into out_h / out_w.
//  A window with no in-image position gives 0. With pads smaller than the kernel (checked) that
//  is only a ceil_mode window starting in the end padding; PyTorch leaves such a window out of
//  the output size, and nngen should size out_h / out_w the same way.
// global_pool CFG: n_pix, ch, is_max, max_batch, in_size (= n_pix * ch), out_size (= ch), in_t,
//   accum_t, out_t. Average = sum / n_pix.
//
// Division: exact. The quotient is computed truncated with at least one fraction bit more than
// out_t (and no fewer than accum_t), plus a sticky bit that says whether the remainder was
// nonzero; that value rounds to out_t exactly as the true quotient does in every quantization
// mode (it lies in the same open interval between grid points half an out_t LSB apart). So the
// result is out_t(sum / count) bit for bit, error bound: out_t's own rounding only. In hardware
// one divider per layer (a small constant-range divisor), pipelined.
#ifndef NNACCEL_HLSLIB_NN_POOL_H
#define NNACCEL_HLSLIB_NN_POOL_H

#include "nn_hls.h"
#include "nn_window.h"

namespace nnhls {

// out_t(sum / count) with a single rounding; count >= 1. ACC is an ap_[u]fixed, CNT an ap_uint.
template <class OUT, class ACC, class CNT>
OUT exact_quotient(const ACC& sum, const CNT& count) {
  static const int f_out = OUT::width - OUT::iwidth;
  static const int f_acc = ACC::width - ACC::iwidth;
  static const int f = f_out + 1 > f_acc ? f_out + 1 : f_acc;
  static const int i = ACC::iwidth + 1;  // signed and still holding an unsigned ACC
  typedef ap_fixed<i + f, i> div_t;      // exact copy of sum, and the truncated quotient
  typedef ap_fixed<i + f + 1, i> sticky_t;
  const div_t d = sum;
  const div_t q = d / count;  // |q| <= |d|: no overflow; truncated toward zero at 2^-f
  sticky_t v = q;
  if (q * count != d) {
    // The true quotient lies strictly between q and q +- 2^-f (away from zero): say so with
    // half an ulp.
    sticky_t h = 0;
    h[0] = 1;
    if (d < 0) {
      v -= h;
    } else {
      v += h;
    }
  }
  return OUT(v);
}

// Output size along one dimension: floor, or with ceil_mode ceil, of (n + pads - k) / s, plus 1.
template <unsigned N, unsigned K, unsigned S, unsigned PADS, bool CEIL>
struct pool_extent {
  static const unsigned value = (N + PADS - K + (CEIL ? S - 1 : 0)) / S + 1;
};

// A generated config that contradicts itself stops the compiler here, not the hardware.
template <class CFG>
struct pool_check {
  static const unsigned pads_h = CFG::pad_top + CFG::pad_bottom;
  static const unsigned pads_w = CFG::pad_left + CFG::pad_right;
  static_assert(CFG::in_size == CFG::in_h * CFG::in_w * CFG::ch,
                "pool2d: in_size must be in_h * in_w * ch");
  static_assert(CFG::out_size == CFG::out_h * CFG::out_w * CFG::ch,
                "pool2d: out_size must be out_h * out_w * ch");
  static_assert(CFG::stride_h >= 1 && CFG::stride_w >= 1 && CFG::k_h >= 1 && CFG::k_w >= 1,
                "pool2d: strides and kernel sizes must be at least 1");
  // As onnxruntime requires: every window then holds an image position, except one that
  // ceil_mode starts in the end padding (see the top of this file).
  static_assert(CFG::pad_top < CFG::k_h && CFG::pad_bottom < CFG::k_h && CFG::pad_left < CFG::k_w &&
                    CFG::pad_right < CFG::k_w,
                "pool2d: every pad must be smaller than the kernel");
  static_assert(CFG::in_h + pads_h >= CFG::k_h && CFG::in_w + pads_w >= CFG::k_w,
                "pool2d: the kernel is larger than the padded input");
  static_assert(
      (CFG::out_h == pool_extent<CFG::in_h, CFG::k_h, CFG::stride_h, pads_h, false>::value ||
       CFG::out_h == pool_extent<CFG::in_h, CFG::k_h, CFG::stride_h, pads_h, true>::value) &&
          (CFG::out_w == pool_extent<CFG::in_w, CFG::k_w, CFG::stride_w, pads_w, false>::value ||
           CFG::out_w == pool_extent<CFG::in_w, CFG::k_w, CFG::stride_w, pads_w, true>::value),
      "pool2d: out_h / out_w are neither the floor nor the ceil_mode size");
  static_assert(CFG::k_h * CFG::k_w < 65536u, "pool2d: window too large for its 16-bit count");
};

// Channel c of one output pixel from its gathered window. Specialized on is_max so that a max
// layer's CFG needs neither count_include_pad nor accum_t.
template <class CFG, bool IS_MAX>
struct pool_op;

template <class CFG>
struct pool_op<CFG, true> {
  static typename CFG::out_t value(const typename CFG::in_t win[], const bool valid[], unsigned,
                                   unsigned, unsigned c) {
    typename CFG::in_t m = 0;
    bool any = false;
  max_loop:
    for (unsigned k = 0; k < CFG::k_h * CFG::k_w; k++) {
      if (valid[k] && (!any || win[k * CFG::ch + c] > m)) {
        m = win[k * CFG::ch + c];
        any = true;
      }
    }
    return typename CFG::out_t(m);
  }
};

template <class CFG>
struct pool_op<CFG, false> {
  static typename CFG::out_t value(const typename CFG::in_t win[], const bool[], unsigned oy,
                                   unsigned ox, unsigned c) {
    typename CFG::accum_t sum = 0;
  sum_loop:
    for (unsigned k = 0; k < CFG::k_h * CFG::k_w; k++) {
      sum += win[k * CFG::ch + c];  // padding holds 0
    }
    unsigned image, padded;
    window_counts<CFG>(oy, ox, image, padded);
    const unsigned n = CFG::count_include_pad ? padded : image;
    if (n == 0) return typename CFG::out_t(0);
    return exact_quotient<typename CFG::out_t>(sum, ap_uint<16>(n));
  }
};

template <class CFG>
typename CFG::out_t pool_value(const typename CFG::in_t win[], const bool valid[], unsigned oy,
                               unsigned ox, unsigned c) {
  return pool_op<CFG, CFG::is_max>::value(win, valid, oy, ox, c);
}

// The window arithmetic for nn_window.h: channel k of a pixel (no parameter arrays).
template <class CFG>
struct pool_window_op {
  typedef typename CFG::in_t in_t;
  static const unsigned n_out = CFG::ch, ii = 1, out_w = CFG::out_w;
  static typename CFG::out_t value(const in_t win[], const bool valid[], unsigned oy, unsigned ox,
                                   unsigned k, int, int) {
    return pool_value<CFG>(win, valid, oy, ox, k);
  }
};

template <class CFG>
void pool2d(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
            unsigned batch) {
  (void)sizeof(pool_check<CFG>);
  window_stream<CFG, CFG::ch, pool_window_op<CFG> >(in, out, batch, 0, 0);
}

template <class CFG>
void pool2d_array(const typename CFG::in_t in[CFG::in_size],
                  typename CFG::out_t out[CFG::out_size]) {
  (void)sizeof(pool_check<CFG>);
  window_array<CFG, CFG::ch, pool_window_op<CFG> >(in, out, 0, 0);
}

template <class CFG>
struct global_pool_check {
  static_assert(CFG::in_size == CFG::n_pix * CFG::ch && CFG::out_size == CFG::ch,
                "global_pool: in_size must be n_pix * ch and out_size ch");
  static_assert(CFG::n_pix >= 1, "global_pool: n_pix must be at least 1");
};

// Running max (in in_t) or exact sum (in accum_t) of one channel; `first` starts it, result()
// gives the output. Specialized on is_max as pool_op.
template <class CFG, bool IS_MAX>
struct global_op;

template <class CFG>
struct global_op<CFG, true> {
  typedef typename CFG::in_t acc_t;
  static void step(acc_t& acc, const typename CFG::in_t& x, bool first) {
    if (first || x > acc) acc = x;
  }
  static typename CFG::out_t result(const acc_t& acc) { return typename CFG::out_t(acc); }
};

template <class CFG>
struct global_op<CFG, false> {
  typedef typename CFG::accum_t acc_t;
  static void step(acc_t& acc, const typename CFG::in_t& x, bool first) {
    if (first) {
      acc = x;
    } else {
      acc += x;
    }
  }
  static typename CFG::out_t result(const acc_t& acc) {
    const unsigned n = CFG::n_pix;  // by value: CFG members need no definition
    return exact_quotient<typename CFG::out_t>(acc, ap_uint<32>(n));
  }
};

template <class CFG>
void global_pool(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                 unsigned batch) {
  (void)sizeof(global_pool_check<CFG>);
  typedef global_op<CFG, CFG::is_max> op;
  typename op::acc_t acc[CFG::ch];
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  pix_loop:
    for (unsigned p = 0; p < CFG::n_pix; p++) {
    chan_loop:
      for (unsigned c = 0; c < CFG::ch; c++) {
#pragma HLS PIPELINE II = 1
        op::step(acc[c], in.read(), p == 0);
      }
    }
  write_loop:
    for (unsigned c = 0; c < CFG::ch; c++) {
#pragma HLS PIPELINE II = 1
      out.write(op::result(acc[c]));
    }
  }
}

template <class CFG>
void global_pool_array(const typename CFG::in_t in[CFG::in_size],
                       typename CFG::out_t out[CFG::out_size]) {
  (void)sizeof(global_pool_check<CFG>);
  typedef global_op<CFG, CFG::is_max> op;
chan_loop:
  for (unsigned c = 0; c < CFG::ch; c++) {
    typename op::acc_t acc = 0;
  pix_loop:
    for (unsigned p = 0; p < CFG::n_pix; p++) {
#pragma HLS PIPELINE II = 1
      op::step(acc, in[p * CFG::ch + c], p == 0);
    }
    out[c] = op::result(acc);
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_POOL_H
