/*
 * nn_bm_cache_a9.c - Zynq-7000: Cortex-A9 L1 data cache by MVA (CP15 c7) and
 * the PL310 L2 controller by physical address (= virtual, identity map).
 * The HP ports the accelerator masters are not coherent with either level
 * (docs/hardware-notes.md "Caches and coherency").
 *
 *  clean:      L1 clean, DSB, L2 clean, L2 sync - dirty data moves outwards
 *              level by level, so L2 already holds it when L2 is cleaned.
 *  invalidate: L2 invalidate, L2 sync, then L1 invalidate - in the other
 *              order a (speculative) L1 refill could fetch the stale L2 copy
 *              after L1 was dropped.
 *  flush:      L1 clean, DSB, L2 clean+invalidate, sync, L1 clean+invalidate.
 * A line only partly inside the range is cleaned+invalidated instead of
 * invalidated, so bytes outside the range that the CPU wrote are not lost
 * (the Xilinx BSP's Xil_DCacheInvalidateRange does the same). The driver
 * only passes line-aligned ranges of 64-byte aligned buffers.
 * Every call ends with a DSB.
 */
#include "nn_bm_internal.h"

#if NN_BM_A9

#define A9_LINE 32u

/* PL310 registers (ARM DDI 0246, "Cache maintenance operations"). Line
 * operations by PA are atomic on the Zynq's PL310 r3p2; the sync register
 * drains the controller's buffers (bit 0 reads 1 while in progress). */
#define PL310_CACHE_SYNC 0x730u
#define PL310_INV_PA 0x770u
#define PL310_CLEAN_PA 0x7B0u
#define PL310_CLEAN_INV_PA 0x7F0u

static inline void dsb(void) { __asm__ __volatile__("dsb" ::: "memory"); }
/* DCCMVAC: clean data cache line by MVA to the point of coherency. */
static inline void l1_clean(uintptr_t a) {
  __asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" ::"r"(a) : "memory");
}
/* DCIMVAC: invalidate data cache line by MVA to the point of coherency. */
static inline void l1_inv(uintptr_t a) {
  __asm__ __volatile__("mcr p15, 0, %0, c7, c6, 1" ::"r"(a) : "memory");
}
/* DCCIMVAC: clean and invalidate data cache line by MVA. */
static inline void l1_clean_inv(uintptr_t a) {
  __asm__ __volatile__("mcr p15, 0, %0, c7, c14, 1" ::"r"(a) : "memory");
}

static inline void l2_op(uint32_t reg, uintptr_t pa) {
#if NNHAL_BAREMETAL_PL310_BASE
  *(volatile uint32_t *)(uintptr_t)(NNHAL_BAREMETAL_PL310_BASE + reg) = (uint32_t)pa;
#else
  (void)reg;
  (void)pa;
#endif
}

static inline void l2_sync(void) {
#if NNHAL_BAREMETAL_PL310_BASE
  volatile uint32_t *sync =
      (volatile uint32_t *)(uintptr_t)(NNHAL_BAREMETAL_PL310_BASE + PL310_CACHE_SYNC);
  *sync = 0u;
  while ((*sync & 1u) != 0u) {
  }
#endif
}

typedef struct span {
  uintptr_t first, end; /* whole lines [first, end) */
  uintptr_t lo, hi;     /* the requested bytes [lo, hi) */
} span;

static span lines(uintptr_t addr, size_t len) {
  span s = {addr & ~(uintptr_t)(A9_LINE - 1u),
            (addr + len + A9_LINE - 1u) & ~(uintptr_t)(A9_LINE - 1u), addr, addr + len};
  return s;
}

/* Line `a` lies only partly inside the requested range. */
static inline int partial(const span *s, uintptr_t a) { return a < s->lo || a + A9_LINE > s->hi; }

size_t nn_bm_cache_line(void) { return A9_LINE; }

void nn_bm_cache_clean(uintptr_t addr, size_t len) {
  span s = lines(addr, len);
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) l1_clean(a);
  dsb();
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) l2_op(PL310_CLEAN_PA, a);
  l2_sync();
  dsb();
}

void nn_bm_cache_invalidate(uintptr_t addr, size_t len) {
  span s = lines(addr, len);
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) {
    if (partial(&s, a)) {
      l1_clean(a); /* push the CPU's bytes of the line to L2 before L2 drops it */
      dsb();
      l2_op(PL310_CLEAN_INV_PA, a);
    } else {
      l2_op(PL310_INV_PA, a);
    }
  }
  l2_sync();
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) {
    if (partial(&s, a)) {
      l1_clean_inv(a);
    } else {
      l1_inv(a);
    }
  }
  dsb();
}

void nn_bm_cache_flush(uintptr_t addr, size_t len) {
  span s = lines(addr, len);
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) l1_clean(a);
  dsb();
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) l2_op(PL310_CLEAN_INV_PA, a);
  l2_sync();
  for (uintptr_t a = s.first; a < s.end; a += A9_LINE) l1_clean_inv(a);
  dsb();
}

#else
typedef int nn_bm_cache_a9_not_this_target; /* ISO C: no empty translation unit */
#endif
