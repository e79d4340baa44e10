/*
 * nn_hal_mock.h - the register-accurate mock backend (host only; may use the heap).
 *
 * What it models:
 *  - the s_axilite control block of an HLS `ap_ctrl_hs` top (docs/register-map.md):
 *    ap_start is cleared when the IP accepts it, ap_done is clear-on-read,
 *    ap_idle/ap_ready, auto_restart kept as written, GIE/IER, ISR either
 *    toggle-on-write or clear-on-read, ap_return read-only;
 *  - simulated DDR with physical addresses and a *separate CPU cache view*:
 *    the CPU (driver) sees `virt`, the device sees memory. cache_clean copies
 *    CPU view -> memory, cache_invalidate copies memory -> CPU view. A missing
 *    clean makes the device read stale data; a missing invalidate makes the CPU
 *    read stale results. Fresh buffers have different garbage in each view so
 *    the omission shows up as wrong numbers, and the mock counts violations;
 *  - a device model callback run when ap_start is accepted: it decodes the
 *    argument registers and computes (the virtual board calls the generated
 *    HLS top here);
 *  - wait_irq as nn_hal.h specifies it: a running device finishes during the
 *    wait; if the interrupt line is up and ISR shows ap_done, the mock
 *    acknowledges ISR itself (read, write ap_done back, read - ordinary
 *    register accesses, counted) and returns NN_HAL_OK; it never reads
 *    AP_CTRL, so ap_done stays pending there as on the real IP;
 *  - a virtual clock: time advances by `us_per_access` on every register
 *    access, so timeouts are deterministic and tests never sleep;
 *  - fault injection (see nn_mock_fault).
 */
#ifndef NNHAL_NN_HAL_MOCK_H
#define NNHAL_NN_HAL_MOCK_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hal.h"
#include "nnhal/nn_reg_map.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nn_mock nn_mock;

/* Called once per accepted ap_start. Use nn_mock_reg_peek() for the argument
 * registers and nn_mock_device_ptr() to reach memory. Returns the value the
 * mock exposes at regs->ap_return. */
typedef uint32_t (*nn_mock_device_fn)(void *device_ctx, nn_mock *mock);

typedef enum nn_mock_isr_mode {
  NN_MOCK_ISR_TOGGLE_ON_WRITE = 0, /* Vivado-flow IP */
  NN_MOCK_ISR_CLEAR_ON_READ = 1    /* Vitis kernel flow / newer IP */
} nn_mock_isr_mode;

typedef enum nn_mock_fault {
  NN_MOCK_FAULT_NONE = 0,
  NN_MOCK_FAULT_HANG = 1u << 0, /* accepts ap_start, never finishes */
  NN_MOCK_FAULT_FLIP_WEIGHT_WORD = 1u
                                   << 1,  /* mode 1: one bit of one weight word flips on the bus */
  NN_MOCK_FAULT_WRONG_SIGNATURE = 1u << 2 /* mode 2: returns signature ^ 0x5A5A5A5A */
} nn_mock_fault;

typedef struct nn_mock_config {
  /* The IP's register map; required. Copied by nn_mock_create (the pointer
   * need not outlive the call). Every register except the *_hi ones must
   * exist, be 4-byte aligned and lie inside the 64 KiB control window. */
  const nn_reg_map *regs;
  uint32_t weight_words; /* weight image words: where NN_MOCK_FAULT_FLIP_WEIGHT_WORD
                            flips (0: that fault does nothing) */
  uint64_t ddr_base;     /* physical address of simulated DDR (default 0x10000000) */
  size_t ddr_size;       /* bytes (default 64 MiB) */
  nn_mock_isr_mode isr_mode;
  uint32_t done_after_polls; /* AP_CTRL reads after start before ap_done shows (default 2) */
  uint32_t us_per_access;    /* virtual clock step per register access (default 1) */
  nn_mock_device_fn device;  /* may be NULL: the device then just returns 0 */
  void *device_ctx;
} nn_mock_config;

/* Fills defaults (regs/device left NULL, weight_words 0). */
void nn_mock_config_init(nn_mock_config *cfg);

/* NULL on bad config or out of memory. */
nn_mock *nn_mock_create(const nn_mock_config *cfg);
void nn_mock_destroy(nn_mock *mock);

/* The HAL to hand to nn_open(); valid while `mock` lives. */
nn_hal nn_mock_hal(nn_mock *mock);

/* --- back door for device models and tests (not visible to the driver) --- */
uint32_t nn_mock_reg_peek(const nn_mock *mock, uint32_t offset);
/* 64-bit address from a lo/hi register pair (hi may be NN_REG_NONE). */
uint64_t nn_mock_addr_peek(const nn_mock *mock, uint32_t lo, uint32_t hi);
/* Device-side pointer to [phys, phys+len) of simulated DDR, or NULL (and a bus
 * fault is recorded) if the range is not inside a live DMA allocation. */
void *nn_mock_device_ptr(nn_mock *mock, uint64_t phys, size_t len);

void nn_mock_set_faults(nn_mock *mock, unsigned faults);

typedef struct nn_mock_counters {
  uint64_t reg_reads, reg_writes;
  uint64_t starts; /* accepted ap_start */
  uint64_t cache_cleans, cache_invalidates, cache_flushes, barriers;
  uint64_t stale_reads_by_device; /* device read a range the CPU wrote but never cleaned */
  uint64_t bus_faults;            /* device used an address outside every DMA buffer */
  uint64_t irq_waits;
  /* Register accesses wait_irq made itself to acknowledge ISR (nn_hal.h);
   * also included in reg_reads / reg_writes. */
  uint64_t hal_reg_reads, hal_reg_writes;
} nn_mock_counters;
const nn_mock_counters *nn_mock_get_counters(const nn_mock *mock);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_MOCK_H */
