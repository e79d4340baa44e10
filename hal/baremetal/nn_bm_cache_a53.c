/*
 * nn_bm_cache_a53.c - Zynq UltraScale+: Cortex-A53 data cache maintenance by
 * VA to the point of coherency, which covers L1 and the cluster's L2
 * (docs/hardware-notes.md "Caches and coherency").
 * Line size from CTR_EL0.DminLine (64 bytes on the A53). Invalidate uses
 * DC CIVAC (clean+invalidate), not DC IVAC: a line the CPU dirtied is never
 * silently dropped, and the driver only invalidates buffers it cleaned before
 * the run, so the clean writes nothing back. Every call ends with DSB SY.
 */
#include "nn_bm_internal.h"

#if NN_BM_A53

size_t nn_bm_cache_line(void) {
  uint64_t ctr;
  __asm__ __volatile__("mrs %0, ctr_el0" : "=r"(ctr));
  return (size_t)4u << ((ctr >> 16) & 0xFu); /* DminLine: log2 of words */
}

static void by_line(uintptr_t addr, size_t len, int clean_only) {
  const uintptr_t line = (uintptr_t)nn_bm_cache_line();
  const uintptr_t end = addr + len;
  for (uintptr_t a = addr & ~(line - 1u); a < end; a += line) {
    if (clean_only) {
      __asm__ __volatile__("dc cvac, %0" ::"r"(a) : "memory");
    } else {
      __asm__ __volatile__("dc civac, %0" ::"r"(a) : "memory");
    }
  }
  __asm__ __volatile__("dsb sy" ::: "memory");
}

void nn_bm_cache_clean(uintptr_t addr, size_t len) { by_line(addr, len, 1); }
void nn_bm_cache_invalidate(uintptr_t addr, size_t len) { by_line(addr, len, 0); }
void nn_bm_cache_flush(uintptr_t addr, size_t len) { by_line(addr, len, 0); }

#else
typedef int nn_bm_cache_a53_not_this_target; /* ISO C: no empty translation unit */
#endif
