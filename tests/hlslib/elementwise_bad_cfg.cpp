// Inconsistent layer configs must stop the compiler with a message naming the layer and the
// members at fault (the static_asserts of nn_scale.h, nn_merge.h, nn_dense.h, nn_activation.h and
// nn_softmax.h). tests/hlslib/CMakeLists.txt compiles this file with -fsyntax-only once per
// BAD_CFG value and matches the message; BAD_CFG=0 is the consistent control, which must compile.
#include "nn_activation.h"
#include "nn_dense.h"
#include "nn_merge.h"
#include "nn_scale.h"
#include "nn_softmax.h"

#ifndef BAD_CFG
#error "compile with -DBAD_CFG=0..5"
#endif

namespace {

typedef ap_fixed<16, 6> data_t;

struct scale_cfg {
  static const unsigned n = 12, ch = (BAD_CFG == 1) ? 5 : 3, max_batch = 1;
  static const unsigned in_size = 12, out_size = 12;
  typedef data_t in_t;
  typedef data_t scale_t;
  typedef data_t shift_t;
  typedef ap_fixed<40, 16> accum_t;
  typedef data_t out_t;
};

struct dense_cfg {
  static const unsigned n_in = 4, n_out = 3, reuse = 1, max_batch = 1;
  static const unsigned in_size = (BAD_CFG == 2) ? 5 : 4, out_size = 3;
  typedef data_t in_t;
  typedef data_t weight_t;
  typedef data_t bias_t;
  typedef ap_fixed<40, 16> accum_t;
  typedef data_t out_t;
};

struct concat_cfg {
  static const unsigned n_pix = 2, ch0 = 3, ch1 = 1, max_batch = 1;
  static const unsigned in_size = 8, out_size = (BAD_CFG == 3) ? 6 : 8;
  typedef data_t in0_t;
  typedef data_t in1_t;
  typedef data_t out_t;
};

struct add_cfg {
  static const unsigned n = 6, max_batch = 1, in_size = 6, out_size = (BAD_CFG == 4) ? 7 : 6;
  typedef data_t in0_t;
  typedef data_t in1_t;
  typedef data_t out_t;
};

struct relu_cfg {
  static const unsigned n = 6, max_batch = 1, in_size = (BAD_CFG == 5) ? 3 : 6, out_size = 6;
  typedef data_t in_t;
  typedef data_t out_t;
};

}  // namespace

void instantiate(const data_t* x, data_t* y, hls::stream<data_t>& s, hls::stream<data_t>& t) {
  static const data_t w[3][4] = {}, b[3] = {}, c[3] = {};
  nnhls::scale_shift<scale_cfg>(s, t, c, c, 1);
  nnhls::dense_array<dense_cfg>(x, y, w, b);
  nnhls::concat_array<concat_cfg>(x, x, y);
  nnhls::add<add_cfg>(s, s, t, 1);
  nnhls::relu_array<relu_cfg>(x, y);
}
