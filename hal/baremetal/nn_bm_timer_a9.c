/*
 * nn_bm_timer_a9.c - time from the Cortex-A9 MPCore global timer: a 64-bit
 * up-counter shared by both cores, clocked at CPU_3x2x = CPU clock / 2
 * (NNHAL_BAREMETAL_CPU_HZ; docs/hardware-notes.md "Zynq processing-system
 * facts", docs/baremetal-hal.md "Time"; source: UG585 "Global Timer").
 */
#include "nn_bm_internal.h"

#if NN_BM_A9

#define GT_COUNT_LO 0x00u
#define GT_COUNT_HI 0x04u
#define GT_CONTROL 0x08u
#define GT_ENABLE 1u

static inline volatile uint32_t *gt(uint32_t reg) {
  return (volatile uint32_t *)(uintptr_t)(NNHAL_BAREMETAL_A9_GTIMER_BASE + reg);
}

uint64_t nn_baremetal_time_us(void) {
  /* The FSBL / BSP normally starts it; a bare QEMU boot does not. Enabling
   * only sets bit 0: prescaler and comparator stay as the owner set them. */
  uint32_t ctrl = *gt(GT_CONTROL);
  if ((ctrl & GT_ENABLE) == 0u) *gt(GT_CONTROL) = ctrl | GT_ENABLE;
  /* Two 32-bit halves: re-read until the high word did not change across the
   * low read, so a carry between the reads is never mixed in. */
  uint32_t hi, lo, hi2 = *gt(GT_COUNT_HI);
  do {
    hi = hi2;
    lo = *gt(GT_COUNT_LO);
    hi2 = *gt(GT_COUNT_HI);
  } while (hi != hi2);
  return nn_bm_ticks_to_us(((uint64_t)hi << 32) | lo, NNHAL_BAREMETAL_CPU_HZ / 2u);
}

#else
typedef int nn_bm_timer_a9_not_this_target; /* ISO C: no empty translation unit */
#endif
