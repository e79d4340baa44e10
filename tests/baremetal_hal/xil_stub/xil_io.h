/* Stand-in for the BSP's xil_io.h (register access). In the real BSP these are
 * static inline volatile accesses; here they are functions the test records. */
#ifndef XIL_IO_H
#define XIL_IO_H
#include "xil_types.h"
#ifdef __cplusplus
extern "C" {
#endif
u32 Xil_In32(UINTPTR Addr);
void Xil_Out32(UINTPTR Addr, u32 Value);
#ifdef __cplusplus
}
#endif
#endif
