/*
 * nn_hal_baremetal.h - the "baremetal" backend: the accelerator on a Zynq-7000
 * (Cortex-A9) or Zynq UltraScale+ (Cortex-A53, AArch64) with no OS.
 *
 *  - registers: volatile 32-bit accesses at `base` (the IP's s_axilite window,
 *    from the .hwh / the model descriptor / xparameters.h);
 *  - DMA buffers: a first-fit pool (nnhal/nn_dma_pool.h) over a 64-byte aligned
 *    region; by default the library's own static pool, NNHAL_BAREMETAL_POOL_SIZE
 *    bytes in the linker section ".nn_dma" (a linker script may place it in
 *    DDR the PL can reach); bus address = CPU address (identity-mapped MMU);
 *  - cache maintenance (the HP ports are not coherent): Cortex-A9 L1 by MVA
 *    (DCCMVAC / DCIMVAC / DCCIMVAC) plus the PL310 L2 by PA, then DSB;
 *    Cortex-A53 DC CVAC / DC CIVAC (invalidate is clean+invalidate), DSB SY;
 *  - time: the Cortex-A9 global timer (0xF8F00200, CPU clock / 2) or the
 *    A53's CNTPCT_EL0 / CNTFRQ_EL0;
 *  - completion by polling AP_CTRL (no interrupt controller driver).
 *
 * Build option NNHAL_BAREMETAL_XILINX_BSP=1 (CMake NNACCEL_XILINX_BSP): use the
 * Xilinx standalone BSP instead (Xil_In32/Xil_Out32, Xil_DCacheFlushRange,
 * Xil_DCacheInvalidateRange, XTime_GetTime + COUNTS_PER_SECOND), e.g. when the
 * application is built in a Vitis workspace.
 *
 * C11, no heap, no OS calls. Caller-owned nn_baremetal storage.
 */
#ifndef NNHAL_NN_HAL_BAREMETAL_H
#define NNHAL_NN_HAL_BAREMETAL_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_dma_pool.h"
#include "nnhal/nn_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Size of the library's static DMA pool (override with -D at build time). */
#ifndef NNHAL_BAREMETAL_POOL_SIZE
#define NNHAL_BAREMETAL_POOL_SIZE (4u << 20)
#endif

typedef struct nn_baremetal_config {
  uintptr_t base;   /* control window of the IP; required */
  void *pool;       /* DMA region, 64-byte aligned; NULL: the library's static pool */
  size_t pool_size; /* bytes of `pool` (ignored when pool is NULL) */
  int coherent;     /* 1: skip cache maintenance (ACP/HPC with the right AXI cache bits) */
} nn_baremetal_config;

typedef struct nn_baremetal_stats {
  uint64_t reg_reads, reg_writes;
  uint64_t cache_lines_cleaned, cache_lines_invalidated;
} nn_baremetal_stats;

/* Caller-allocated; fields are private. */
typedef struct nn_baremetal {
  nn_baremetal_config cfg;
  unsigned char *pool_base;
  nn_dma_pool pool;
  nn_baremetal_stats stats;
} nn_baremetal;

/* Zero, pool NULL, coherent 0. */
void nn_baremetal_config_init(nn_baremetal_config *cfg);

/* NN_HAL_OK, or NN_HAL_ERROR (base 0 or not 4-byte aligned, pool not 64-byte
 * aligned or smaller than 64 bytes). */
int nn_baremetal_init(nn_baremetal *bm, const nn_baremetal_config *cfg);

/* The HAL to hand to nn_open(); valid while `bm` lives. */
nn_hal nn_baremetal_hal(nn_baremetal *bm);

const nn_baremetal_stats *nn_baremetal_get_stats(const nn_baremetal *bm);

/* The CPU's free-running timer in microseconds, usable without an instance
 * (applications time with it; the sim backend's time_us in images). */
uint64_t nn_baremetal_time_us(void);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_BAREMETAL_H */
