// nn_window.h - the sliding window shared by conv2d and pool2d (nn_conv.h, nn_pool.h).
//
// Tensors are channel-last: a sample is [in_h][in_w][C], pixels in raster order, the C values of
// a pixel consecutive (a 1-D tensor is the case in_h = 1). Output pixel (oy, ox) sees the input
// positions iy = oy * stride_h - pad_top + ky, ix = ox * stride_w - pad_left + kx for
// ky < k_h, kx < k_w. Positions outside the image are padding: they are never stored, the window
// holds 0 there and `valid` is false (index arithmetic only).
//
// Stream form: a sample's pixels arrive once, in raster order. A line buffer of k_h rows x in_w
// pixels x C keeps the rows a window can still need: input row iy lives in slot iy % k_h, and
// when row iy is written the row it replaces (iy - k_h) lies above every window that is still
// to be computed. Output rows are produced in order; for output row oy the input rows before its
// last needed row are read whole first, then the last needed row is read pixel by pixel,
// interleaved with the output pixels, each output pixel computed as soon as the last pixel of its
// window has arrived. Rows no window needs (stride larger than the kernel, bottom rows a VALID
// window never reaches) are still read, so the stream stays aligned on sample boundaries.
//
// CFG provides in_h, in_w, k_h, k_w, stride_h, stride_w, pad_top, pad_left, pad_bottom,
// pad_right, out_h, out_w, max_batch (unsigned) and in_t.
#ifndef NNACCEL_HLSLIB_NN_WINDOW_H
#define NNACCEL_HLSLIB_NN_WINDOW_H

#include "nn_hls.h"

namespace nnhls {

// Number of positions in [first, first + k) that also lie in [lo, hi).
inline unsigned overlap(int first, unsigned k, int lo, int hi) {
  int a = first > lo ? first : lo;
  int e = first + int(k);
  int b = e < hi ? e : hi;
  return b > a ? unsigned(b - a) : 0u;
}

// Position counts of window (oy, ox): `image` in-image positions, `padded` positions inside the
// padded input [-pad_top, in_h + pad_bottom) x [-pad_left, in_w + pad_right). They differ from
// k_h * k_w only at the edges; a window past the padded input exists only through ceil_mode.
template <class CFG>
void window_counts(unsigned oy, unsigned ox, unsigned& image, unsigned& padded) {
  const int iy0 = int(oy * CFG::stride_h) - int(CFG::pad_top);
  const int ix0 = int(ox * CFG::stride_w) - int(CFG::pad_left);
  image = overlap(iy0, CFG::k_h, 0, int(CFG::in_h)) * overlap(ix0, CFG::k_w, 0, int(CFG::in_w));
  padded = overlap(iy0, CFG::k_h, -int(CFG::pad_top), int(CFG::in_h + CFG::pad_bottom)) *
           overlap(ix0, CFG::k_w, -int(CFG::pad_left), int(CFG::in_w + CFG::pad_right));
}

// Input value (iy, ix, c) of the line buffer (slot iy % k_h)...
template <class CFG, unsigned C>
typename CFG::in_t window_fetch(typename CFG::in_t (*rows)[CFG::in_w][C], unsigned iy, unsigned ix,
                                unsigned c) {
  return rows[iy % CFG::k_h][ix][c];
}

// ... or of one sample [in_h][in_w][C] in an array.
template <class CFG, unsigned C>
typename CFG::in_t window_fetch(const typename CFG::in_t* in, unsigned iy, unsigned ix,
                                unsigned c) {
  return in[(iy * CFG::in_w + ix) * C + c];
}

// Fills win[(ky * k_w + kx) * C + c] and valid[ky * k_w + kx] for output pixel (oy, ox) from
// src (the line buffer or the input array, see window_fetch); only in-image positions are read.
template <class CFG, unsigned C, class SRC>
void gather_window(SRC src, unsigned oy, unsigned ox,
                   typename CFG::in_t win[CFG::k_h * CFG::k_w * C],
                   bool valid[CFG::k_h * CFG::k_w]) {
  const int iy0 = int(oy * CFG::stride_h) - int(CFG::pad_top);
  const int ix0 = int(ox * CFG::stride_w) - int(CFG::pad_left);
gather_rows:
  for (unsigned ky = 0; ky < CFG::k_h; ky++) {
  gather_cols:
    for (unsigned kx = 0; kx < CFG::k_w; kx++) {
      const int iy = iy0 + int(ky);
      const int ix = ix0 + int(kx);
      const bool in = iy >= 0 && iy < int(CFG::in_h) && ix >= 0 && ix < int(CFG::in_w);
      valid[ky * CFG::k_w + kx] = in;
    gather_chans:
      for (unsigned c = 0; c < C; c++) {
#pragma HLS PIPELINE II = 1
        typename CFG::in_t v = 0;
        if (in) v = window_fetch<CFG, C>(src, unsigned(iy), unsigned(ix), c);
        win[(ky * CFG::k_w + kx) * C + c] = v;
      }
    }
  }
}

// Number of leading positions of a dimension (input size n) that windows 0..o must have seen:
// min(o * stride - pad + k, n), at least 0.
inline unsigned window_end(unsigned o, unsigned stride, unsigned pad, unsigned k, unsigned n) {
  const int e = int(o * stride) - int(pad) + int(k);
  if (e <= 0) return 0;
  return unsigned(e) > n ? n : unsigned(e);
}

template <class CFG, unsigned C>
void read_pixel(hls::stream<typename CFG::in_t>& in,
                typename CFG::in_t rows[CFG::k_h][CFG::in_w][C], unsigned iy, unsigned ix) {
read_chans:
  for (unsigned c = 0; c < C; c++) {
#pragma HLS PIPELINE II = 1
    rows[iy % CFG::k_h][ix][c] = in.read();
  }
}

template <class CFG, unsigned C>
void read_row(hls::stream<typename CFG::in_t>& in, typename CFG::in_t rows[CFG::k_h][CFG::in_w][C],
              unsigned iy) {
read_row_pixels:
  for (unsigned ix = 0; ix < CFG::in_w; ix++) {
    read_pixel<CFG, C>(in, rows, iy, ix);
  }
}

// The layer's arithmetic, OP, provides n_out (values per output pixel), ii (initiation interval
// of the loop over them) and value(win, valid, oy, ox, k, w, b): output value k of pixel (oy, ox);
// w and b are the layer's parameter arrays, passed through untouched (unused by pooling). No
// object holds a stream or an array: they are ordinary arguments all the way down.
// Writes the n_out values of output pixel (oy, ox) to a stream...
template <class OP, class OUT, class W, class B>
void emit_pixel(const typename OP::in_t win[], const bool valid[], unsigned oy, unsigned ox,
                hls::stream<OUT>& out, const W& w, const B& b) {
pixel_outputs:
  for (unsigned k = 0; k < OP::n_out; k++) {
#pragma HLS PIPELINE II = OP::ii
    out.write(OP::value(win, valid, oy, ox, k, w, b));
  }
}

// ... or to its place in an array (raster order, values of a pixel consecutive).
template <class OP, class OUT, class W, class B>
void emit_pixel(const typename OP::in_t win[], const bool valid[], unsigned oy, unsigned ox,
                OUT* out, const W& w, const B& b) {
pixel_outputs:
  for (unsigned k = 0; k < OP::n_out; k++) {
#pragma HLS PIPELINE II = OP::ii
    out[(oy * OP::out_w + ox) * OP::n_out + k] = OP::value(win, valid, oy, ox, k, w, b);
  }
}

// Runs `batch` samples through the line buffer and writes every output pixel, in raster order.
template <class CFG, unsigned C, class OP, class W, class B>
void window_stream(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                   unsigned batch, const W& w, const B& b) {
  // Static: the buffer is k_h * in_w * C values, too big for the stack of a bare-metal image;
  // in hardware it is the same block RAM either way. Every slot a window reads was written
  // earlier in the same sample, so nothing leaks from one sample (or call) to the next.
  static typename CFG::in_t rows[CFG::k_h][CFG::in_w][C];
  typename CFG::in_t win[CFG::k_h * CFG::k_w * C];
#pragma HLS ARRAY_PARTITION variable = win complete
  bool valid[CFG::k_h * CFG::k_w];
#pragma HLS ARRAY_PARTITION variable = valid complete
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
    unsigned rows_done = 0;
  out_rows:
    for (unsigned oy = 0; oy < CFG::out_h; oy++) {
      const unsigned need = window_end(oy, CFG::stride_h, CFG::pad_top, CFG::k_h, CFG::in_h);
    fill_rows:
      for (; rows_done + 1 < need; rows_done++) {
#pragma HLS LOOP_TRIPCOUNT min = 0 max = CFG::k_h
        read_row<CFG, C>(in, rows, rows_done);
      }
      // The last row this output row needs arrives during it (unless an earlier output row
      // already read it: bottom padding).
      const bool streaming = rows_done < need;
      unsigned cols_done = 0;
    out_cols:
      for (unsigned ox = 0; ox < CFG::out_w; ox++) {
        if (streaming) {
          const unsigned need_c = window_end(ox, CFG::stride_w, CFG::pad_left, CFG::k_w, CFG::in_w);
        fill_cols:
          for (; cols_done < need_c; cols_done++) {
#pragma HLS LOOP_TRIPCOUNT min = 0 max = CFG::k_w
            read_pixel<CFG, C>(in, rows, rows_done, cols_done);
          }
        }
        gather_window<CFG, C>(rows, oy, ox, win, valid);
        emit_pixel<OP>(win, valid, oy, ox, out, w, b);
      }
      if (streaming) {
      rest_cols:
        for (; cols_done < CFG::in_w; cols_done++) {
#pragma HLS LOOP_TRIPCOUNT min = 0 max = CFG::in_w
          read_pixel<CFG, C>(in, rows, rows_done, cols_done);
        }
        rows_done++;
      }
    }
  rest_rows:
    for (; rows_done < CFG::in_h; rows_done++) {
#pragma HLS LOOP_TRIPCOUNT min = 0 max = CFG::in_h
      read_row<CFG, C>(in, rows, rows_done);
    }
  }
}

// The array form: one sample, every output pixel in raster order.
template <class CFG, unsigned C, class OP, class W, class B>
void window_array(const typename CFG::in_t in[CFG::in_h * CFG::in_w * C], typename CFG::out_t out[],
                  const W& w, const B& b) {
  typename CFG::in_t win[CFG::k_h * CFG::k_w * C];
#pragma HLS ARRAY_PARTITION variable = win complete
  bool valid[CFG::k_h * CFG::k_w];
#pragma HLS ARRAY_PARTITION variable = valid complete
out_rows:
  for (unsigned oy = 0; oy < CFG::out_h; oy++) {
  out_cols:
    for (unsigned ox = 0; ox < CFG::out_w; ox++) {
      gather_window<CFG, C>(in, oy, ox, win, valid);
      emit_pixel<OP>(win, valid, oy, ox, out, w, b);
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_WINDOW_H
