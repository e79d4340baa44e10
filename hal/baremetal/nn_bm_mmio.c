/* nn_bm_mmio.c - 32-bit register accesses of the accelerator's control block. */
#include "nn_bm_internal.h"

#if NN_BM_BSP
#include "xil_io.h"

uint32_t nn_bm_mmio_read(uintptr_t addr) { return Xil_In32((UINTPTR)addr); }
void nn_bm_mmio_write(uintptr_t addr, uint32_t value) { Xil_Out32((UINTPTR)addr, value); }
#else
/* The MMU maps the PL's AXI-Lite window as Device memory, so a volatile
 * 32-bit load/store is exactly one bus transaction in program order. */
uint32_t nn_bm_mmio_read(uintptr_t addr) { return *(volatile const uint32_t *)addr; }
void nn_bm_mmio_write(uintptr_t addr, uint32_t value) { *(volatile uint32_t *)addr = value; }
#endif
