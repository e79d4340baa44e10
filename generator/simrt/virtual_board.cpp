#include "virtual_board.h"

extern "C" uint32_t nn_vboard_device(void *ctx, nn_mock *mock) {
  const nn_vboard_model *m = static_cast<const nn_vboard_model *>(ctx);
  const nn_reg_map &r = m->desc->regs;
  const uint32_t mode = nn_mock_reg_peek(mock, r.mode);
  const uint32_t batch = nn_mock_reg_peek(mock, r.batch);
  if (mode == NN_MODE_IDENTIFY) return m->top(nullptr, nullptr, nullptr, 0, mode);
  if (mode == NN_MODE_LOAD_WEIGHTS) {
    const uint64_t w = nn_mock_addr_peek(mock, r.weights_lo, r.weights_hi);
    auto *words = static_cast<const uint32_t *>(nn_mock_device_ptr(mock, w, size_t(m->desc->weight_words) * 4));
    if (!words) return NN_VBOARD_BUS_FAULT;
    return m->top(nullptr, nullptr, words, 0, mode);
  }
  if (mode == NN_MODE_INFER) {
    if (batch == 0) return m->top(nullptr, nullptr, nullptr, 0, mode);
    const uint64_t in = nn_mock_addr_peek(mock, r.in_lo, r.in_hi);
    const uint64_t out = nn_mock_addr_peek(mock, r.out_lo, r.out_hi);
    auto *x = static_cast<const float *>(nn_mock_device_ptr(mock, in, size_t(batch) * m->desc->input_size * 4));
    auto *y = static_cast<float *>(nn_mock_device_ptr(mock, out, size_t(batch) * m->desc->output_size * 4));
    if (!x || !y) return NN_VBOARD_BUS_FAULT;
    return m->top(x, y, nullptr, batch, mode);
  }
  return m->top(nullptr, nullptr, nullptr, batch, mode);  // the top answers unknown modes itself
}
