/* Minimal stand-in for the Xilinx standalone BSP's xil_types.h: only what
 * nnhal_baremetal's BSP path uses, with the BSP's names and types, so the
 * backend can be compiled (and, on the host, tested) without Vitis. */
#ifndef XIL_TYPES_H
#define XIL_TYPES_H
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uintptr_t UINTPTR;
typedef intptr_t INTPTR;
#endif
