/*
 * nn_regs.h - the only place the driver touches accelerator registers.
 * Every access is counted into nn_stats, so the statistics are exact by
 * construction: nn_reg_read/nn_reg_write into mmio_reads/mmio_writes and
 * last_mmio_accesses, nn_reg_poll (the reads of a completion wait) into
 * mmio_reads, wait_mmio_reads and last_wait_mmio.
 */
#ifndef NNDRIVER_NN_REGS_H
#define NNDRIVER_NN_REGS_H

#include <stdint.h>

#include "nndriver/nn_driver.h"

uint32_t nn_reg_read(nn_device *dev, uint32_t offset);
void nn_reg_write(nn_device *dev, uint32_t offset, uint32_t value);
/* A read made while waiting for ap_done (polling AP_CTRL). */
uint32_t nn_reg_poll(nn_device *dev, uint32_t offset);

/* A 64-bit bus address as two 32-bit writes, low word first, then the high
 * word - written even when it is 0 (docs/register-map.md: 64-bit m_axi
 * pointers are only 4-byte aligned, so one 64-bit write is not allowed, and a
 * high word left over from an earlier run would redirect the DMA). The high
 * write is skipped only when the IP has no high register (NN_REG_NONE,
 * 32-bit m_axi addressing); the caller has already checked that the address
 * then fits in 32 bits. */
void nn_reg_write_addr(nn_device *dev, uint32_t lo_offset, uint32_t hi_offset, uint64_t addr);

#endif /* NNDRIVER_NN_REGS_H */
