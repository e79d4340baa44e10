/*
 * nn_reg_map.h - the s_axilite control-register map of a generated
 * accelerator top: what the driver programs and what every HAL backend that
 * needs to know the registers (the mock's register file, a HAL that
 * acknowledges the IP's interrupt, the .hwh check) reads.
 *
 * It lives with the HAL headers so that no HAL includes a driver header: the
 * driver's model descriptor (nndriver/nn_model.h) includes this file and
 * embeds an nn_reg_map.
 */
#ifndef NNHAL_NN_REG_MAP_H
#define NNHAL_NN_REG_MAP_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a register that does not exist (e.g. the high address word when the
 * IP was built with 32-bit m_axi addresses). */
#define NN_REG_NONE 0xFFFFFFFFu

/* Byte offsets in the s_axilite `control` block (docs/register-map.md). */
typedef struct nn_reg_map {
  uint32_t ap_ctrl;                /* 0x00 */
  uint32_t gie;                    /* 0x04 */
  uint32_t ier;                    /* 0x08 */
  uint32_t isr;                    /* 0x0C */
  uint32_t ap_return;              /* 0x10: u32 status/result of the top */
  uint32_t in_lo, in_hi;           /* input buffer physical address */
  uint32_t out_lo, out_hi;         /* output buffer physical address */
  uint32_t weights_lo, weights_hi; /* weight image physical address */
  uint32_t batch;                  /* u32 number of samples */
  uint32_t mode;                   /* u32 enum nn_mode */
} nn_reg_map;

/* Values of the `mode` argument register of the generated top. */
enum nn_mode { NN_MODE_INFER = 0, NN_MODE_LOAD_WEIGHTS = 1, NN_MODE_IDENTIFY = 2 };

/* AP_CTRL bits (docs/hardware-notes.md "HLS control registers"; source: UG1399). */
#define NN_AP_START (1u << 0)
#define NN_AP_DONE (1u << 1) /* clear on read */
#define NN_AP_IDLE (1u << 2)
#define NN_AP_READY (1u << 3)
#define NN_AP_AUTO_RESTART (1u << 7)
#define NN_AP_INTERRUPT (1u << 9)

/* IER / ISR bits. */
#define NN_IRQ_DONE (1u << 0)
#define NN_IRQ_READY (1u << 1)

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_REG_MAP_H */
