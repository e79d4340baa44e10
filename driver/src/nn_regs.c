/* nn_regs.c - counted register access (see nn_regs.h). */
#include "nn_regs.h"

#include "nndriver/nn_model.h"
#include "nnhal/nn_hal.h"

uint32_t nn_reg_read(nn_device *dev, uint32_t offset) {
  dev->stats.mmio_reads++;
  dev->stats.last_mmio_accesses++;
  return nn_hal_reg_read(&dev->hal, offset);
}

uint32_t nn_reg_poll(nn_device *dev, uint32_t offset) {
  dev->stats.mmio_reads++;
  dev->stats.wait_mmio_reads++;
  dev->stats.last_wait_mmio++;
  return nn_hal_reg_read(&dev->hal, offset);
}

void nn_reg_write(nn_device *dev, uint32_t offset, uint32_t value) {
  dev->stats.mmio_writes++;
  dev->stats.last_mmio_accesses++;
  nn_hal_reg_write(&dev->hal, offset, value);
}

void nn_reg_write_addr(nn_device *dev, uint32_t lo_offset, uint32_t hi_offset, uint64_t addr) {
  nn_reg_write(dev, lo_offset, (uint32_t)(addr & 0xFFFFFFFFu));
  if (hi_offset != NN_REG_NONE) nn_reg_write(dev, hi_offset, (uint32_t)(addr >> 32));
}
