/*
 * nn_sim_internal.h - what the two files of the sim backend share:
 * nn_sim_ctrl.c (the control block, the synchronous device run, wait_irq) and
 * nn_sim_hal.c (configuration, the DMA pool, the ops table).
 */
#ifndef NNHAL_NN_SIM_INTERNAL_H
#define NNHAL_NN_SIM_INTERNAL_H

#include <stdint.h>

#include "nnhal/nn_hal_sim.h"

/* Bytes of the modelled control window. */
#define NN_SIM_WINDOW (NN_SIM_REG_WORDS * 4u)

/* The configured clock, or the fallback counter. */
uint64_t nn_sim_now(const nn_sim *s);

/* nn_sim_ctrl.c: register accesses as the driver makes them (each one ticks
 * the fallback clock; unaligned or out-of-window ones are bus faults). */
uint32_t nn_sim_ctrl_read(nn_sim *s, uint32_t offset);
void nn_sim_ctrl_write(nn_sim *s, uint32_t offset, uint32_t value);
int nn_sim_ctrl_wait_irq(nn_sim *s, uint32_t timeout_us);

#endif /* NNHAL_NN_SIM_INTERNAL_H */
