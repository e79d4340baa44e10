/* nn_bm_barrier.c - the barrier before ap_start: argument writes and cache
 * maintenance complete before the accelerator is started. A full-system DSB:
 * a DMB or GCC's __atomic fence (dmb ish) does not wait for maintenance. */
#include "nn_bm_internal.h"

void nn_bm_dsb(void) {
#if defined(__aarch64__)
  __asm__ __volatile__("dsb sy" ::: "memory");
#elif defined(__arm__)
  __asm__ __volatile__("dsb" ::: "memory");
#else
  /* Host build of the BSP path (tests only). */
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}
