/*
 * bt_hal.h - the HAL this image drives, chosen at build time (NN_HAL):
 *   sim        bt_hal_sim.c: the generated top on this CPU behind the IP's
 *              register protocol (QEMU, or a software-only baseline on a board)
 *   baremetal  bt_hal_baremetal.c: the accelerator in the PL at NN_ACCEL_BASE
 */
#ifndef BT_HAL_H
#define BT_HAL_H

#include "nnhal/nn_hal.h"

/* Sets *hal for nn_open. NN_HAL_OK or NN_HAL_ERROR (a message is printed). */
int bt_hal_open(nn_hal *hal);
/* "sim" / "baremetal". */
const char *bt_hal_name(void);

#endif
