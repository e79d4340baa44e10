/*
 * nn_model.h - the model descriptor: everything the driver must know about one
 * generated accelerator. nngen writes one instance as const data into
 * <name>_config.h; the driver only reads it (it is never modified at run time).
 *
 * Ownership: the descriptor (and the strings it points to) must outlive every
 * nn_device opened with it. Generated descriptors are static const data.
 */
#ifndef NNDRIVER_NN_MODEL_H
#define NNDRIVER_NN_MODEL_H

#include <stdint.h>

/* nn_reg_map, NN_REG_NONE, enum nn_mode and the NN_AP_* bits: shared with the
 * HAL backends, which must not include driver headers. */
#include "nnhal/nn_reg_map.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout of nn_model_desc changes; nn_open() refuses a
 * descriptor generated for another layout (NN_E_INVAL). */
#define NN_MODEL_DESC_VERSION 1u

/* What the generated top returns when it refuses a call (it then touches no
 * memory): an unknown mode, or mode 0 with a batch of 0 or above the model's
 * max_batch. A successful mode 0 returns the batch (<= max_batch), so in mode
 * 0 they are unambiguous; modes 1 and 2 return a checksum or signature, which
 * may take any value and is only compared with the expected one. */
#define NN_TOP_BAD_MODE 0xFFFFFFFFu
#define NN_TOP_BAD_BATCH 0xFFFFFFFEu

/* Formats of data on the AXI bus. */
enum nn_bus_format {
  NN_BUS_FLOAT32 = 0 /* IEEE-754 binary32, little-endian */
};

#define NN_MAX_RANK 4

typedef struct nn_model_desc {
  uint32_t desc_version; /* NN_MODEL_DESC_VERSION */
  const char *name;      /* model name given to nngen (--name) */
  uint32_t signature;    /* what mode 2 (identify) must return */
  uint32_t bus_format;   /* enum nn_bus_format, for in/out/weights */
  uint32_t input_size;   /* elements per input sample */
  uint32_t output_size;  /* elements per output sample */
  uint32_t weight_words; /* 32-bit words in the weight image */
  uint32_t max_batch;    /* samples the HLS m_axi depth was sized for */
  uint32_t input_rank;   /* per-sample shape (batch excluded) */
  uint32_t input_shape[NN_MAX_RANK];
  nn_reg_map regs;
} nn_model_desc;

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_MODEL_H */
