/* Stand-in for the BSP's xtime_l.h (the free-running timer). The real
 * COUNTS_PER_SECOND comes from xparameters.h: CPU clock / 2 on the A9 (this
 * value: PYNQ-Z2's 650 MHz), the timestamp clock on the A53. */
#ifndef XTIME_L_H
#define XTIME_L_H
#include "xil_types.h"
#ifndef COUNTS_PER_SECOND
#define COUNTS_PER_SECOND (325000000u)
#endif
#ifdef __cplusplus
extern "C" {
#endif
typedef u64 XTime;
void XTime_GetTime(XTime *Xtime_Global);
#ifdef __cplusplus
}
#endif
#endif
