/* nn_bm_timer_bsp.c - time through the Xilinx standalone BSP: XTime_GetTime()
 * at COUNTS_PER_SECOND (the A9 global timer or the A53 generic timer). */
#include "nn_bm_internal.h"

#if NN_BM_BSP
#include "xtime_l.h"

uint64_t nn_baremetal_time_us(void) {
  XTime t;
  XTime_GetTime(&t);
  return nn_bm_ticks_to_us((uint64_t)t, (uint64_t)COUNTS_PER_SECOND);
}

#else
typedef int nn_bm_timer_bsp_not_this_target; /* ISO C: no empty translation unit */
#endif
