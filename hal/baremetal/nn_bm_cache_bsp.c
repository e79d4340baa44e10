/*
 * nn_bm_cache_bsp.c - cache maintenance through the Xilinx standalone BSP.
 * Xil_DCacheFlushRange cleans+invalidates (both CPUs, L1 and on the A9 the
 * PL310). Xil_DCacheInvalidateRange: on the A9 it cleans+invalidates the
 * partial lines at either end and invalidates the rest, L2 before L1; on the
 * A53 (64-bit BSP) it cleans+invalidates every line (DC CIVAC). The BSP has no
 * clean-only range call, so clean is a flush: correct, since the driver never
 * reads a buffer between cleaning it and the run that follows.
 */
#include "nn_bm_internal.h"

#if NN_BM_BSP
#include "xil_cache.h"

/* For the statistics only; the BSP handles its own line size. */
#ifndef NNHAL_BAREMETAL_BSP_LINE
#if defined(__aarch64__)
#define NNHAL_BAREMETAL_BSP_LINE 64u
#else
#define NNHAL_BAREMETAL_BSP_LINE 32u
#endif
#endif

size_t nn_bm_cache_line(void) { return NNHAL_BAREMETAL_BSP_LINE; }

void nn_bm_cache_clean(uintptr_t addr, size_t len) { Xil_DCacheFlushRange((INTPTR)addr, (u32)len); }
void nn_bm_cache_invalidate(uintptr_t addr, size_t len) {
  Xil_DCacheInvalidateRange((INTPTR)addr, (u32)len);
}
void nn_bm_cache_flush(uintptr_t addr, size_t len) { Xil_DCacheFlushRange((INTPTR)addr, (u32)len); }

#else
typedef int nn_bm_cache_bsp_not_this_target; /* ISO C: no empty translation unit */
#endif
