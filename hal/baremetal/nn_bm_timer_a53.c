/*
 * nn_bm_timer_a53.c - time from the ARMv8 generic timer: CNTPCT_EL0 at
 * CNTFRQ_EL0 Hz (programmed by the boot firmware; QEMU sets it).
 */
#include "nn_bm_internal.h"

#if NN_BM_A53

uint64_t nn_baremetal_time_us(void) {
  uint64_t ticks, hz;
  /* ISB: the counter read must not be hoisted above earlier instructions
   * (CNTPCT is read speculatively otherwise, ARM ARM D11.2.2). */
  __asm__ __volatile__("isb\n\tmrs %0, cntpct_el0" : "=r"(ticks)::"memory");
  __asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(hz));
  if (hz == 0u) hz = NNHAL_BAREMETAL_A53_TIMER_HZ;
  return nn_bm_ticks_to_us(ticks, hz);
}

#else
typedef int nn_bm_timer_a53_not_this_target; /* ISO C: no empty translation unit */
#endif
