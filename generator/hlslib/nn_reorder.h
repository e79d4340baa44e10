// nn_reorder.h - transposition of one sample seen as a [rows][cols] matrix (row-major) into
// [cols][rows]. nngen uses it where the ONNX graph changes the layout of a tensor, e.g. a
// channel-last [H*W][C] activation flattened in ONNX's channel-first order [C][H*W].
//
// CFG provides rows, cols, max_batch, in_size (= out_size = rows * cols) (unsigned) and in_t,
// out_t. Each value becomes out_t(x) (exact when out_t holds in_t, which nngen arranges).
// The stream form must see a whole sample before its first output (the first output column
// needs the last row), so it buffers one sample; reading and writing are II = 1 each.
#ifndef NNACCEL_HLSLIB_NN_REORDER_H
#define NNACCEL_HLSLIB_NN_REORDER_H

#include "nn_hls.h"

namespace nnhls {

template <class CFG>
struct transpose_check {
  static_assert(CFG::in_size == CFG::rows * CFG::cols && CFG::out_size == CFG::in_size,
                "transpose2d: in_size and out_size must be rows * cols");
};

template <class CFG>
void transpose2d(hls::stream<typename CFG::in_t>& in, hls::stream<typename CFG::out_t>& out,
                 unsigned batch) {
  (void)sizeof(transpose_check<CFG>);
  // Static: one sample can be too big for a bare-metal image's stack; it is block RAM in
  // hardware either way, and every element is written before it is read in each sample.
  static typename CFG::in_t buf[CFG::rows * CFG::cols];
sample_loop:
  for (unsigned s = 0; s < batch; s++) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = CFG::max_batch
  read_loop:
    for (unsigned i = 0; i < CFG::rows * CFG::cols; i++) {
#pragma HLS PIPELINE II = 1
      buf[i] = in.read();
    }
  write_cols:
    for (unsigned c = 0; c < CFG::cols; c++) {
    write_rows:
      for (unsigned r = 0; r < CFG::rows; r++) {
#pragma HLS PIPELINE II = 1
        out.write(typename CFG::out_t(buf[r * CFG::cols + c]));
      }
    }
  }
}

template <class CFG>
void transpose2d_array(const typename CFG::in_t in[CFG::in_size],
                       typename CFG::out_t out[CFG::out_size]) {
  (void)sizeof(transpose_check<CFG>);
write_cols:
  for (unsigned c = 0; c < CFG::cols; c++) {
  write_rows:
    for (unsigned r = 0; r < CFG::rows; r++) {
#pragma HLS PIPELINE II = 1
      out[c * CFG::rows + r] = typename CFG::out_t(in[r * CFG::cols + c]);
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_REORDER_H
