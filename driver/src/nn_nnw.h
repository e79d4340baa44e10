/*
 * nn_nnw.h - validation of an untrusted .nnw blob against a model
 * (format: nndriver/nn_nnw_format.h, docs/nnw-format.md).
 */
#ifndef NNDRIVER_NN_NNW_H
#define NNDRIVER_NN_NNW_H

#include <stddef.h>
#include <stdint.h>

#include "nndriver/nn_driver.h"

typedef struct nn_nnw_view {
  uint32_t version_major, version_minor;
  uint32_t signature;
  uint32_t bus_format;
  uint32_t tensor_count;
  uint32_t payload_offset;
  uint32_t payload_size; /* bytes */
  uint32_t payload_crc;
  const unsigned char *payload; /* inside the blob, any alignment */
} nn_nnw_view;

/* Checks, in this order, reporting the first failure (and logging the field
 * through dev's log hook; dev may be NULL for no logging):
 *   size >= 4 and magic                     NN_E_WEIGHTS_TRUNCATED / _FOREIGN
 *   size >= header                          NN_E_WEIGHTS_TRUNCATED
 *   format major version                    NN_E_WEIGHTS_VERSION
 *   header_size, entry_size, tensor table
 *   inside [64, payload_offset), payload_offset 64-byte aligned
 *                                           NN_E_WEIGHTS_CORRUPT
 *   size >= payload_offset, header CRC      NN_E_WEIGHTS_TRUNCATED / _CORRUPT
 *   tensor entries (name, rank, range)      NN_E_WEIGHTS_CORRUPT
 *   size >= payload_offset + payload_size   NN_E_WEIGHTS_TRUNCATED
 *   signature == model->signature           NN_E_WEIGHTS_MODEL
 *   bus_format, payload_size == 4*weight_words NN_E_WEIGHTS_SIZE
 *   payload CRC                             NN_E_WEIGHTS_CORRUPT
 * NN_E_INVAL if blob is NULL. Fills *view on NN_OK. */
int nn_nnw_check(const nn_device *dev, const nn_model_desc *model, const void *blob, size_t size,
                 nn_nnw_view *view);

#endif /* NNDRIVER_NN_NNW_H */
