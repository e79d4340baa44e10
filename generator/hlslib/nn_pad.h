// nn_pad.h - zero padding of a channel-last tensor (ONNX Pad, mode constant, value 0, on the
// spatial axes): [in_h][in_w][ch] becomes [out_h][out_w][ch] with out_h = pad_top + in_h +
// pad_bottom, out_w = pad_left + in_w + pad_right, the input at rows pad_top.., columns
// pad_left.., zeros elsewhere. A 1-D tensor is in_h = 1 with pad_top = pad_bottom = 0.
//
// CFG provides in_h, in_w, ch, pad_top, pad_left, pad_bottom, pad_right, out_h, out_w, max_batch,
// in_size, out_size (unsigned) and in_t, out_t. Each value becomes out_t(x) (exact when out_t
// holds in_t, which nngen arranges; otherwise out_t's rounding and saturation apply).
// The stream form forwards tokens in order and inserts zeros: no buffer, II = 1 per output.
#ifndef NNACCEL_HLSLIB_NN_PAD_H
#define NNACCEL_HLSLIB_NN_PAD_H

#include "nn_hls.h"

namespace nnhls {

template <class CFG>
struct pad_check {
  static_assert(CFG::out_h == CFG::pad_top + CFG::in_h + CFG::pad_bottom &&
                    CFG::out_w == CFG::pad_left + CFG::in_w + CFG::pad_right,
                "zero_pad: out_h / out_w must be the input size plus the pads");
  static_assert(CFG::in_size == CFG::in_h * CFG::in_w * CFG::ch &&
                    CFG::out_size == CFG::out_h * CFG::out_w * CFG::ch,
                "zero_pad: in_size / out_size must be the height * width * ch");
};

// Whether output pixel (oy, ox) is an input pixel.
template <class CFG>
bool pad_inside(unsigned oy, unsigned ox) {
  return oy >= CFG::pad_top && oy < CFG::pad_top + CFG::in_h && ox >= CFG::pad_left &&
         ox < CFG::pad_left + CFG::in_w;
}

template <class CFG>
void zero_pad(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
              unsigned batch) {
  (void)sizeof(pad_check<CFG>);
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  row_loop:
    for (unsigned oy = 0; oy < CFG::out_h; oy++) {
    col_loop:
      for (unsigned ox = 0; ox < CFG::out_w; ox++) {
        const bool inside = pad_inside<CFG>(oy, ox);
      chan_loop:
        for (unsigned c = 0; c < CFG::ch; c++) {
#pragma HLS PIPELINE II = 1
          typename CFG::out_t y = 0;
          if (inside) y = in.read();
          out.write(y);
        }
      }
    }
  }
}

template <class CFG>
void zero_pad_array(const typename CFG::in_t in[CFG::in_size],
                    typename CFG::out_t out[CFG::out_size]) {
  (void)sizeof(pad_check<CFG>);
row_loop:
  for (unsigned oy = 0; oy < CFG::out_h; oy++) {
  col_loop:
    for (unsigned ox = 0; ox < CFG::out_w; ox++) {
      const bool inside = pad_inside<CFG>(oy, ox);
    chan_loop:
      for (unsigned c = 0; c < CFG::ch; c++) {
#pragma HLS PIPELINE II = 1
        typename CFG::out_t y = 0;
        if (inside) {
          y = in[((oy - CFG::pad_top) * CFG::in_w + (ox - CFG::pad_left)) * CFG::ch + c];
        }
        out[(oy * CFG::out_w + ox) * CFG::ch + c] = y;
      }
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_PAD_H
