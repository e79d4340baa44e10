/* nn_linux_time.c - monotonic time, the polling relax hint and the barrier. */
#include <sched.h>
#include <time.h>

#include "nn_linux_internal.h"

uint64_t nn_lx_time_us(void) {
  /* CLOCK_MONOTONIC: timeouts must not jump with NTP or settimeofday. */
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void nn_lx_relax(void) {
  /* Polling AP_CTRL: let other threads run on a loaded core (two A9/A53 cores
   * are common) without adding a sleep's latency to short runs. */
  (void)sched_yield();
}

void nn_lx_barrier(void) {
  /* The argument writes and the DMA buffers' contents must be visible to the
   * accelerator before ap_start: a full-system dsb on ARM (the GCC builtin only
   * gives dmb ish, which does not order device memory against the outer
   * domain). */
#if defined(__aarch64__)
  __asm__ __volatile__("dsb sy" ::: "memory");
#elif defined(__arm__) && defined(__ARM_ARCH) && __ARM_ARCH >= 7
  __asm__ __volatile__("dsb" ::: "memory");
#else
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}
