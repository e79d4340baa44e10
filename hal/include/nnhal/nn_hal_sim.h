/*
 * nn_hal_sim.h - the "sim" backend: the accelerator's device model (the
 * generated top compiled for the CPU, bit-exact fixed point) behind the IP's
 * register protocol, so an application runs unchanged where there is no PL:
 * on the host, in QEMU, and on a real board as a software-only baseline.
 *
 * C11, no heap, no OS calls: the caller owns the nn_sim storage and the DMA
 * pool (e.g. a static array). Memory is coherent and bus addresses equal CPU
 * addresses (phys = (uintptr_t)virt), as on a bare-metal identity map.
 *
 * Register protocol (the same as the IP's, docs/register-map.md): writing
 * ap_start runs the device model at once (synchronously, inside reg_write);
 * AP_CTRL then reads ap_done (clear-on-read) | ap_idle | ap_ready once; GIE,
 * IER, ISR (toggle-on-write) as on Vivado-flow IP; ap_return holds the
 * top's result; auto_restart is held as written and never restarts (a driver
 * must not leave it on); every other in-window word is a plain argument
 * register. wait_irq follows nn_hal.h (acknowledges ISR itself).
 */
#ifndef NNHAL_NN_HAL_SIM_H
#define NNHAL_NN_HAL_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_devmodel.h"
#include "nnhal/nn_dma_pool.h"
#include "nnhal/nn_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Control window modelled: 256 bytes covers every register of the generated
 * tops (docs/register-map.md); a map with an offset beyond is refused. */
#define NN_SIM_REG_WORDS 64u

typedef struct nn_sim_config {
  nn_devmodel model;   /* copied; model.regs must outlive the nn_sim */
  void *pool;          /* DMA memory: 64-byte aligned, caller-owned */
  size_t pool_size;    /* bytes */
  /* Monotonic microseconds. NULL: a counter that advances by 1 per register access. */
  uint64_t (*time_us)(void *user);
  void *time_user;
  int provide_irq; /* 1 (default): offer wait_irq; 0: the driver polls AP_CTRL */
} nn_sim_config;

typedef struct nn_sim_stats {
  uint64_t starts;     /* accepted ap_start */
  uint64_t device_us;  /* time spent in the device model (time_us) */
  uint64_t bus_faults; /* device used memory outside the pool's live buffers, or a register
                          access was unaligned / outside the window */
} nn_sim_stats;

/* Caller-allocated; fields are private. */
typedef struct nn_sim {
  nn_sim_config cfg;
  nn_dma_pool pool;
  uint32_t regs[NN_SIM_REG_WORDS];
  uint32_t done, ready, auto_restart, gie, ier, isr, ap_return;
  uint64_t ticks; /* the fallback clock */
  nn_sim_stats stats;
} nn_sim;

/* Defaults: everything 0/NULL except provide_irq = 1. */
void nn_sim_config_init(nn_sim_config *cfg);

/* NN_HAL_OK, or NN_HAL_ERROR on a bad config (no top or regs, a register
 * outside the window or unaligned, pool NULL / not 64-byte aligned / smaller
 * than 64 bytes). */
int nn_sim_init(nn_sim *sim, const nn_sim_config *cfg);

/* The HAL to hand to nn_open(); valid while `sim` lives. */
nn_hal nn_sim_hal(nn_sim *sim);

const nn_sim_stats *nn_sim_get_stats(const nn_sim *sim);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_SIM_H */
