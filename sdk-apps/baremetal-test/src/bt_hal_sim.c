/* bt_hal_sim.c - the sim HAL over a static pool sized for this model and batch. */
#include <stdint.h>

#include "bt_console.h"
#include "bt_hal.h"
#include "bt_model.h"
#include "nnhal/nn_hal_baremetal.h"
#include "nnhal/nn_hal_sim.h"

#define BT_UC(suffix) BT_CAT(NN_MODEL_UC, suffix)
#define BT_PAD64(bytes) ((((uint64_t)(bytes)) + 63u) / 64u * 64u)

/* The driver allocates input and output buffers for NN_BATCH samples and one
 * for the weight image (nn_open); one spare line per buffer for rounding. */
#define BT_POOL_BYTES                                                            \
  (BT_PAD64((uint64_t)NN_BATCH * BT_UC(_INPUT_SIZE) * 4u) +                      \
   BT_PAD64((uint64_t)NN_BATCH * BT_UC(_OUTPUT_SIZE) * 4u) +                     \
   BT_PAD64((uint64_t)BT_UC(_WEIGHT_WORDS) * 4u) + 3u * 64u)

static unsigned char pool[BT_POOL_BYTES] __attribute__((aligned(64)));
static nn_sim sim;

static uint64_t board_time_us(void *user) {
  (void)user;
  return nn_baremetal_time_us();
}

const char *bt_hal_name(void) { return "sim"; }

int bt_hal_open(nn_hal *hal) {
  nn_sim_config cfg;
  nn_sim_config_init(&cfg);
  cfg.model.regs = &BT_DESC->regs;
  cfg.model.input_size = BT_DESC->input_size;
  cfg.model.output_size = BT_DESC->output_size;
  cfg.model.weight_words = BT_DESC->weight_words;
  cfg.model.top = bt_top;
  cfg.pool = pool;
  cfg.pool_size = sizeof pool;
  cfg.time_us = board_time_us;
  if (nn_sim_init(&sim, &cfg) != NN_HAL_OK) {
    bt_str("error: nn_sim_init refused the model's register map or the pool\n");
    return NN_HAL_ERROR;
  }
  *hal = nn_sim_hal(&sim);
  return NN_HAL_OK;
}
