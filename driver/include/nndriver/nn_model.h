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

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout of nn_model_desc changes; nn_open() refuses a
 * descriptor generated for another layout (NN_E_INVAL). */
#define NN_MODEL_DESC_VERSION 1u

/* Marks a register that does not exist (e.g. the high address word when the
 * IP was built with 32-bit m_axi addresses). */
#define NN_REG_NONE 0xFFFFFFFFu

/* Accelerator modes (the `mode` argument of the generated top). */
enum nn_mode {
  NN_MODE_INFER = 0,
  NN_MODE_LOAD_WEIGHTS = 1,
  NN_MODE_IDENTIFY = 2
};

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

/* Byte offsets in the s_axilite `control` block (REFERENCE.md section 1). */
typedef struct nn_reg_map {
  uint32_t ap_ctrl;    /* 0x00 */
  uint32_t gie;        /* 0x04 */
  uint32_t ier;        /* 0x08 */
  uint32_t isr;        /* 0x0C */
  uint32_t ap_return;  /* 0x10: u32 status/result of the top */
  uint32_t in_lo, in_hi;            /* input buffer physical address */
  uint32_t out_lo, out_hi;          /* output buffer physical address */
  uint32_t weights_lo, weights_hi;  /* weight image physical address */
  uint32_t batch;      /* u32 number of samples */
  uint32_t mode;       /* u32 enum nn_mode */
} nn_reg_map;

/* AP_CTRL bits (UG1399, "s_axilite control register map"). */
#define NN_AP_START        (1u << 0)
#define NN_AP_DONE         (1u << 1) /* clear on read */
#define NN_AP_IDLE         (1u << 2)
#define NN_AP_READY        (1u << 3)
#define NN_AP_AUTO_RESTART (1u << 7)
#define NN_AP_INTERRUPT    (1u << 9)

#define NN_MAX_RANK 4

typedef struct nn_model_desc {
  uint32_t desc_version;   /* NN_MODEL_DESC_VERSION */
  const char *name;        /* model name given to nngen (--name) */
  uint32_t signature;      /* what mode 2 (identify) must return */
  uint32_t bus_format;     /* enum nn_bus_format, for in/out/weights */
  uint32_t input_size;     /* elements per input sample */
  uint32_t output_size;    /* elements per output sample */
  uint32_t weight_words;   /* 32-bit words in the weight image */
  uint32_t max_batch;      /* samples the HLS m_axi depth was sized for */
  uint32_t input_rank;     /* per-sample shape (batch excluded) */
  uint32_t input_shape[NN_MAX_RANK];
  nn_reg_map regs;
} nn_model_desc;

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_MODEL_H */
