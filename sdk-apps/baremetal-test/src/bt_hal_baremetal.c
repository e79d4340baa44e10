/* bt_hal_baremetal.c - the accelerator in the PL, at NN_ACCEL_BASE (the
 * address Vivado assigned to its s_axilite port: `nngen inspect-hwh`). */
#include <stdint.h>

#include "bt_console.h"
#include "bt_hal.h"
#include "nnhal/nn_hal_baremetal.h"

#ifndef NN_ACCEL_BASE
#error "define NN_ACCEL_BASE: the accelerator's control address from the .hwh"
#endif

static nn_baremetal bm;

const char *bt_hal_name(void) { return "baremetal"; }

int bt_hal_open(nn_hal *hal) {
  nn_baremetal_config cfg;
  nn_baremetal_config_init(&cfg);
  cfg.base = (uintptr_t)(NN_ACCEL_BASE);
  if (nn_baremetal_init(&bm, &cfg) != NN_HAL_OK) {
    bt_str("error: nn_baremetal_init refused base 0x");
    bt_hex32((uint32_t)cfg.base);
    bt_nl();
    return NN_HAL_ERROR;
  }
  *hal = nn_baremetal_hal(&bm);
  return NN_HAL_OK;
}
