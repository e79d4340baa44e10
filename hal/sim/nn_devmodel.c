/*
 * nn_devmodel.c - one accepted ap_start of the accelerator (nnhal/nn_devmodel.h):
 * the argument registers decoded as the IP decodes them, bus addresses turned
 * into pointers by the backend, then the generated top. Shared by the host
 * virtual board (mock HAL) and the sim HAL, so both compute the same thing.
 */
#include "nnhal/nn_devmodel.h"

static uint64_t addr(const nn_devmodel_bus *bus, uint32_t lo, uint32_t hi) {
  uint64_t a = bus->peek(bus->ctx, lo);
  if (hi != NN_REG_NONE) a |= (uint64_t)bus->peek(bus->ctx, hi) << 32;
  return a;
}

/* count elements of 4 bytes as a size_t. A length that does not fit (only
 * possible with absurd register values, or a 32-bit size_t) becomes SIZE_MAX:
 * no buffer holds it, so map() refuses it and the backend records the fault
 * itself, instead of a wrapped small length letting the top run off a buffer. */
static size_t bytes(uint64_t count) {
  if (count > (uint64_t)(SIZE_MAX / 4u)) return SIZE_MAX;
  return (size_t)count * 4u;
}

uint32_t nn_devmodel_run(const nn_devmodel *model, const nn_devmodel_bus *bus) {
  const nn_reg_map *r = model->regs;
  const uint32_t mode = bus->peek(bus->ctx, r->mode);
  const uint32_t batch = bus->peek(bus->ctx, r->batch);
  if (mode == NN_MODE_IDENTIFY) return model->top(NULL, NULL, NULL, 0u, mode);
  if (mode == NN_MODE_LOAD_WEIGHTS) {
    const uint32_t *words = (const uint32_t *)bus->map(
        bus->ctx, addr(bus, r->weights_lo, r->weights_hi), bytes(model->weight_words));
    if (words == NULL) return NN_DEVMODEL_BUS_FAULT;
    return model->top(NULL, NULL, words, 0u, mode);
  }
  if (mode == NN_MODE_INFER) {
    if (batch == 0u) return model->top(NULL, NULL, NULL, 0u, mode);
    /* Both ranges are mapped before either is checked: a backend counts every
     * bad one (the virtual board always did). */
    const float *x = (const float *)bus->map(bus->ctx, addr(bus, r->in_lo, r->in_hi),
                                             bytes((uint64_t)batch * model->input_size));
    float *y = (float *)bus->map(bus->ctx, addr(bus, r->out_lo, r->out_hi),
                                 bytes((uint64_t)batch * model->output_size));
    if (x == NULL || y == NULL) return NN_DEVMODEL_BUS_FAULT;
    return model->top(x, y, NULL, batch, mode);
  }
  /* Unknown mode: the top answers it itself (with the batch as programmed). */
  return model->top(NULL, NULL, NULL, batch, mode);
}
