/* Stand-in for the BSP's xil_cache.h (data cache range maintenance). The A9
 * (32-bit) BSP's signatures; the A53 64-bit BSP takes INTPTR len, which the
 * backend's (u32) argument converts to implicitly. */
#ifndef XIL_CACHE_H
#define XIL_CACHE_H
#include "xil_types.h"
#ifdef __cplusplus
extern "C" {
#endif
void Xil_DCacheFlushRange(INTPTR adr, u32 len);
void Xil_DCacheInvalidateRange(INTPTR adr, u32 len);
#ifdef __cplusplus
}
#endif
#endif
