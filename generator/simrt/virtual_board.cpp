// virtual_board.cpp - the mock HAL's view of the shared device model
// (nnhal/nn_devmodel.h): registers through nn_mock_reg_peek, memory through
// nn_mock_device_ptr (which also checks for stale cache lines and counts bus
// faults). The decoding itself lives in hal/sim/nn_devmodel.c.
#include "virtual_board.h"

namespace {

uint32_t peek(void *ctx, uint32_t offset) {
  return nn_mock_reg_peek(static_cast<const nn_mock *>(ctx), offset);
}

void *map(void *ctx, uint64_t phys, size_t len) {
  return nn_mock_device_ptr(static_cast<nn_mock *>(ctx), phys, len);
}

}  // namespace

extern "C" uint32_t nn_vboard_device(void *ctx, nn_mock *mock) {
  const nn_vboard_model *m = static_cast<const nn_vboard_model *>(ctx);
  nn_devmodel model{};
  model.regs = &m->desc->regs;
  model.input_size = m->desc->input_size;
  model.output_size = m->desc->output_size;
  model.weight_words = m->desc->weight_words;
  model.top = m->top;
  const nn_devmodel_bus bus{peek, map, mock};
  return nn_devmodel_run(&model, &bus);
}
