/* bmq_main.c - runs every section of the baremetal HAL's on-target test and
 * ends with "bmq: PASS" (exit 0) or "bmq: FAIL, <n> checks failed" (exit 1). */
#include "bmq_check.h"
#include "nn_board.h"

int main(void) {
  bmq_note("baremetal HAL on ");
  bt_str(nn_board_name());
  bt_nl();
  bmq_test_init();
  bmq_test_mmio();
  bmq_test_dma();
  bmq_test_cache();
  bmq_test_time();
  bmq_test_driver();
  if (bmq_failures() != 0) {
    bt_str("bmq: FAIL, ");
    bt_u32((uint32_t)bmq_failures());
    bt_str(" checks failed\n");
    nn_board_exit(1);
  }
  bt_str("bmq: PASS\n");
  nn_board_exit(0);
}
