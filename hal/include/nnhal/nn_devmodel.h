/*
 * nn_devmodel.h - the accelerator's device model, shared by every backend that
 * simulates the IP (the host virtual board's mock HAL, the sim HAL on the host
 * and in bare-metal images): when ap_start is accepted, decode the argument
 * registers exactly as the IP does, turn the bus addresses into pointers and
 * call the generated top compiled for the CPU.
 *
 * C11, no heap, no OS: it also runs in a bare-metal image.
 */
#ifndef NNHAL_NN_DEVMODEL_H
#define NNHAL_NN_DEVMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_reg_map.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The generated top's C signature (the accelerator contract, docs/register-map.md). */
typedef uint32_t (*nn_top_fn)(const float *in, float *out, const uint32_t *weights, uint32_t batch,
                              uint32_t mode);

/* What the device model needs to know about one accelerator. */
typedef struct nn_devmodel {
  const nn_reg_map *regs; /* where the arguments are */
  uint32_t input_size;    /* floats per input sample */
  uint32_t output_size;   /* floats per output sample */
  uint32_t weight_words;  /* 32-bit words mode 1 reads */
  nn_top_fn top;
} nn_devmodel;

/* How the device model sees the backend's registers and memory. */
typedef struct nn_devmodel_bus {
  /* Current value of an argument register (never a side-effecting read). */
  uint32_t (*peek)(void *ctx, uint32_t offset);
  /* Device-side pointer to [phys, phys+len), or NULL when the range is not
   * inside memory the device may reach (the backend records a bus fault). */
  void *(*map)(void *ctx, uint64_t phys, size_t len);
  void *ctx;
} nn_devmodel_bus;

/* Returned when the driver programmed an address outside every DMA buffer;
 * real hardware would corrupt memory instead. */
#define NN_DEVMODEL_BUS_FAULT 0xDEADBEEFu

/* Runs one accepted ap_start: reads mode, batch and the pointer registers
 * (64-bit lo/hi pairs; a hi of NN_REG_NONE reads as 0), maps the ranges the
 * mode touches (mode 0: batch*input_size and batch*output_size floats, only
 * when 0 < batch; mode 1: weight_words words; mode 2 and unknown modes: none)
 * and returns what the top returns, or NN_DEVMODEL_BUS_FAULT. The top itself
 * answers a bad batch or an unknown mode. */
uint32_t nn_devmodel_run(const nn_devmodel *model, const nn_devmodel_bus *bus);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_DEVMODEL_H */
