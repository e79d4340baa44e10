/*
 * nn_mock_internal.h - state of the mock backend shared by its three files:
 * nn_mock_ctrl.c (the s_axilite control block), nn_mock_ddr.c (simulated DDR
 * with a CPU-cache view) and nn_mock_hal.c (life cycle and the ops table).
 */
#ifndef NNHAL_NN_MOCK_INTERNAL_H
#define NNHAL_NN_MOCK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hal_mock.h"

/* Size of the simulated control window (an AXI-lite slave of 64 KiB, the
 * smallest address range Vivado assigns). Accesses outside it, or not 4-byte
 * aligned, are bus faults. */
#define NN_MOCK_REG_WINDOW 0x10000u

#define NN_MOCK_LINE 64u

/* CPU-view and device-view fill patterns of a fresh allocation: different, so
 * a missing clean or invalidate shows up as wrong data (0x7FC0DEAD is a quiet
 * NaN as float32, 0xBAADF00D a large negative number). */
#define NN_MOCK_CPU_GARBAGE 0x7FC0DEADu
#define NN_MOCK_DEV_GARBAGE 0xBAADF00Du

/* One live DMA allocation. `cpu` is what the driver sees (buf.virt): think of
 * it as the CPU's cached copy of every line. `dev` is DDR as the bus master
 * sees it. Only cache maintenance moves data between them. */
typedef struct nn_mock_alloc {
  uint64_t phys;
  size_t size; /* multiple of NN_MOCK_LINE */
  unsigned char *cpu;
  unsigned char *dev;
  struct nn_mock_alloc *next; /* list sorted by phys */
} nn_mock_alloc;

typedef enum nn_mock_run {
  NN_MOCK_IDLE = 0,
  NN_MOCK_RUNNING = 1, /* device ran; ap_done shows after polls_left more AP_CTRL reads */
  NN_MOCK_HUNG = 2     /* NN_MOCK_FAULT_HANG: accepted, never finishes */
} nn_mock_run;

struct nn_mock {
  nn_mock_config cfg;
  nn_reg_map map; /* copy of *cfg.regs (cfg.regs itself is cleared) */
  uint32_t *regs; /* plain R/W words of the window (argument registers) */

  /* control block (ap_ctrl_hs: docs/hardware-notes.md "HLS control registers") */
  nn_mock_run run;
  uint32_t polls_left;
  uint32_t start_pending; /* ap_start written while busy: accepted at done */
  uint32_t auto_restart;
  uint32_t done, ready; /* clear-on-read AP_CTRL bits */
  uint32_t gie, ier, isr;
  uint32_t ap_return, pending_return;

  /* device callback context */
  int in_device;
  int flip_active;
  uint64_t flip_phys; /* word flipped by NN_MOCK_FAULT_FLIP_WEIGHT_WORD in this run */
  uint32_t flip_mask;

  unsigned faults;
  uint64_t now_us;
  nn_mock_alloc *allocs;
  nn_mock_counters counters;
};

/* nn_mock_ctrl.c */
uint32_t nn_mock_ctrl_read(nn_mock *m, uint32_t offset);
void nn_mock_ctrl_write(nn_mock *m, uint32_t offset, uint32_t value);
int nn_mock_ctrl_wait_irq(nn_mock *m, uint32_t timeout_us);

/* nn_mock_ddr.c */
int nn_mock_ddr_alloc(nn_mock *m, size_t size, nn_dma_buf *buf);
void nn_mock_ddr_free(nn_mock *m, nn_dma_buf *buf);
void nn_mock_ddr_free_all(nn_mock *m);
void nn_mock_ddr_clean(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len);
void nn_mock_ddr_invalidate(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len);
void nn_mock_ddr_flush(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len);
/* The allocation holding [phys, phys+len), or NULL. */
nn_mock_alloc *nn_mock_ddr_find(nn_mock *m, uint64_t phys, size_t len);

#endif /* NNHAL_NN_MOCK_INTERNAL_H */
