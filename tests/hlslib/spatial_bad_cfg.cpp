// Inconsistent spatial layer configs must stop the compiler with a message naming the layer and
// what is wrong (the static_asserts of nn_conv.h, nn_pool.h, nn_pad.h and nn_reorder.h).
// tests/hlslib/CMakeLists.txt compiles this file with -fsyntax-only once per BAD_CFG value and
// matches the message; BAD_CFG=0 is the consistent control, which must compile.
#include "nn_conv.h"
#include "nn_pad.h"
#include "nn_pool.h"
#include "nn_reorder.h"

#ifndef BAD_CFG
#error "compile with -DBAD_CFG=0..9"
#endif

namespace {

typedef ap_fixed<16, 6> data_t;

// 6x6x2 -> 3x3 kernel, stride 2, pads 1/1: 3x3x2.
struct conv_cfg {
  static const unsigned in_h = 6, in_w = 6, ch_in = 2, ch_out = (BAD_CFG == 1) ? 3 : 2;
  static const unsigned k_h = 3, k_w = 3, stride_h = 2, stride_w = 2;
  static const unsigned pad_top = 1, pad_left = 1, pad_bottom = 1, pad_right = 1;
  static const unsigned out_h = 3, out_w = (BAD_CFG == 2) ? 4 : 3, reuse = 1, max_batch = 1;
  static const unsigned in_size = (BAD_CFG == 3) ? 73 : 72, out_size = out_h * out_w * ch_out;
  static const bool depthwise = true;
  typedef data_t in_t;
  typedef data_t weight_t;
  typedef data_t bias_t;
  typedef ap_fixed<40, 16> accum_t;
  typedef data_t out_t;
};

// 5x5x1 -> 2x2 kernel, stride 2: 2x2 (floor) or 3x3 (ceil_mode).
struct pool_cfg {
  static const unsigned in_h = 5, in_w = 5, ch = 1, k_h = 2, k_w = 2, stride_h = 2, stride_w = 2;
  static const unsigned pad_top = 0, pad_left = (BAD_CFG == 5) ? 2 : 0, pad_bottom = 0;
  static const unsigned pad_right = 0, out_h = 3, out_w = (BAD_CFG == 4) ? 4 : 3;
  static const unsigned max_batch = 1, in_size = 25, out_size = (BAD_CFG == 6) ? 10 : out_h * out_w;
  static const bool is_max = false, count_include_pad = false;
  typedef data_t in_t;
  typedef ap_fixed<24, 10> accum_t;
  typedef data_t out_t;
};

struct global_cfg {
  static const unsigned n_pix = 4, ch = 2, max_batch = 1, in_size = (BAD_CFG == 7) ? 6 : 8;
  static const unsigned out_size = 2;
  static const bool is_max = true;
  typedef data_t in_t;
  typedef data_t accum_t;
  typedef data_t out_t;
};

struct pad_cfg {
  static const unsigned in_h = 2, in_w = 3, ch = 1, pad_top = 1, pad_left = 0, pad_bottom = 1;
  static const unsigned pad_right = 2, out_h = 4, out_w = (BAD_CFG == 8) ? 6 : 5, max_batch = 1;
  static const unsigned in_size = 6, out_size = out_h * out_w;
  typedef data_t in_t;
  typedef data_t out_t;
};

struct transpose_cfg {
  static const unsigned rows = 3, cols = 4, max_batch = 1, in_size = 12;
  static const unsigned out_size = (BAD_CFG == 9) ? 13 : 12;
  typedef data_t in_t;
  typedef data_t out_t;
};

}  // namespace

void spatial_bad_cfg_top(hls::stream<data_t>& in, hls::stream<data_t>& out,
                         const conv_cfg::weight_t w[conv_cfg::ch_out][9],
                         const conv_cfg::bias_t b[conv_cfg::ch_out], unsigned batch) {
  nnhls::conv2d<conv_cfg>(in, out, w, b, batch);
  nnhls::pool2d<pool_cfg>(in, out, batch);
  nnhls::global_pool<global_cfg>(in, out, batch);
  nnhls::zero_pad<pad_cfg>(in, out, batch);
  nnhls::transpose2d<transpose_cfg>(in, out, batch);
}
