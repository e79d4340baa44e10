/*
 * nn_bm_internal.h - the pieces the baremetal backend (nn_bm_hal.c) is built
 * from. Each has one implementation per CPU (Cortex-A9 AArch32, Cortex-A53
 * AArch64) and one over the Xilinx standalone BSP; every source file compiles
 * on every target and keeps only the variant that applies, so a build may
 * simply compile every .c file of hal/baremetal. See docs/baremetal-hal.md.
 */
#ifndef NNHAL_BAREMETAL_NN_BM_INTERNAL_H
#define NNHAL_BAREMETAL_NN_BM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hal_baremetal.h"

#ifndef NNHAL_BAREMETAL_XILINX_BSP
#define NNHAL_BAREMETAL_XILINX_BSP 0
#endif

/* Which implementation this translation unit gets. */
#if NNHAL_BAREMETAL_XILINX_BSP
#define NN_BM_BSP 1
#define NN_BM_A9 0
#define NN_BM_A53 0
#elif defined(__aarch64__)
#define NN_BM_BSP 0
#define NN_BM_A9 0
#define NN_BM_A53 1
#elif defined(__arm__)
#define NN_BM_BSP 0
#define NN_BM_A9 1
#define NN_BM_A53 0
#else
/* The register-level code is ARM assembly and fixed Zynq addresses: on any
 * other CPU only the BSP build (which the tests run on the host against a
 * recording stub of the BSP) makes sense. */
#error \
    "nnhal_baremetal needs an ARM target (Cortex-A9 or Cortex-A53) or NNHAL_BAREMETAL_XILINX_BSP=1"
#endif

/* Cortex-A9 CPU clock in Hz; its global timer counts at half of it
 * (PYNQ-Z2 650 MHz, ZC702/ZedBoard 666.67 MHz, Cora Z7 650 MHz). */
#ifndef NNHAL_BAREMETAL_CPU_HZ
#define NNHAL_BAREMETAL_CPU_HZ 666666667u
#endif

/* Zynq-7000 private peripherals (docs/hardware-notes.md "Zynq processing-system
 * facts"; source: UG585, "Application Processing Unit"). */
#ifndef NNHAL_BAREMETAL_A9_GTIMER_BASE
#define NNHAL_BAREMETAL_A9_GTIMER_BASE 0xF8F00200u
#endif
#ifndef NNHAL_BAREMETAL_PL310_BASE
#define NNHAL_BAREMETAL_PL310_BASE 0xF8F02000u
#endif

/* Used when CNTFRQ_EL0 reads 0 (boot code that never programmed it). */
#ifndef NNHAL_BAREMETAL_A53_TIMER_HZ
#define NNHAL_BAREMETAL_A53_TIMER_HZ 100000000u
#endif

/* --- MMIO (nn_bm_mmio.c) --- */
uint32_t nn_bm_mmio_read(uintptr_t addr);
void nn_bm_mmio_write(uintptr_t addr, uint32_t value);

/* --- cache maintenance (nn_bm_cache_a9.c / _a53.c / _bsp.c) ---
 * [addr, addr+len) is widened to whole lines; every call ends with a DSB so
 * the maintenance has completed when it returns. */
size_t nn_bm_cache_line(void);
void nn_bm_cache_clean(uintptr_t addr, size_t len);
void nn_bm_cache_invalidate(uintptr_t addr, size_t len);
void nn_bm_cache_flush(uintptr_t addr, size_t len);

/* --- barrier (nn_bm_barrier.c): DSB, full system --- */
void nn_bm_dsb(void);

/* --- time: nn_baremetal_time_us() (nn_bm_timer_a9.c / _a53.c / _bsp.c) --- */
/* Counter ticks -> microseconds without overflowing the 64-bit product. */
static inline uint64_t nn_bm_ticks_to_us(uint64_t ticks, uint64_t hz) {
  return (ticks / hz) * 1000000u + (ticks % hz) * 1000000u / hz;
}

/* --- the library's static DMA pool (nn_bm_pool.c) --- */
unsigned char *nn_bm_static_pool(void);
size_t nn_bm_static_pool_size(void);

#endif /* NNHAL_BAREMETAL_NN_BM_INTERNAL_H */
