/*
 * nn_weights.c - nn_load_weights: check the .nnw blob, stage its payload in
 * the weight DMA buffer, run mode 1 and compare the checksum the accelerator
 * computed over the words it actually received with the driver's own.
 */
#include <string.h>

#include "nn_checksum.h"
#include "nn_internal.h"
#include "nn_le.h"
#include "nn_log.h"
#include "nn_nnw.h"

int nn_load_weights(nn_device *dev, const void *nnw, size_t size) {
  int st = nn_op_ready(dev, "nn_load_weights");
  if (st != NN_OK) return st;
  nn_nnw_view v;
  st = nn_nnw_check(dev, dev->model, nnw, size, &v);
  if (st != NN_OK) return st;

  /* From here on the on-chip weights are being replaced: whatever happens,
   * the old set is gone until a load succeeds. */
  dev->state &= ~NN_DEV_WEIGHTS;

  /* The payload bytes are already in the accelerator's (little-endian) bus
   * order: copy them as bytes. The expected checksum is computed from the
   * same bytes decoded as little-endian words, i.e. as the accelerator sees
   * them, independently of the CPU's byte order. */
  memcpy(dev->w_buf.virt, v.payload, v.payload_size);
  nn_checksum_state ck;
  nn_checksum_init(&ck);
  for (uint32_t i = 0; i < v.payload_size; i += 4u) nn_checksum_add(&ck, nn_le32(v.payload + i));
  uint32_t expected = nn_checksum_result(&ck);

  uint32_t got = 0;
  st = nn_op_run(dev, NN_MODE_LOAD_WEIGHTS, 0u, &got);
  if (st != NN_OK) return st;
  if (got != expected) {
    nn_log(dev, NN_LOG_ERROR,
           "nn_load_weights: accelerator checksum %x, expected %x (weights corrupted in transit)",
           got, expected);
    return NN_E_WEIGHTS_TRANSFER;
  }
  dev->state |= NN_DEV_WEIGHTS;
  dev->stats.weight_loads++;
  nn_log(dev, NN_LOG_INFO, "nn_load_weights: %u words loaded, checksum %x",
         v.payload_size / 4u, got);
  return NN_OK;
}
