// hal_gmock.h - a gmock class behind an nn_hal_ops table (C trampolines), to
// pin the exact register and cache sequence the driver produces.
#ifndef TESTS_DRIVER_HAL_GMOCK_H
#define TESTS_DRIVER_HAL_GMOCK_H

#include <gmock/gmock.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "nnhal/nn_hal.h"

namespace nn_test {

class HalGmock {
 public:
  HalGmock();
  virtual ~HalGmock();

  MOCK_METHOD(uint32_t, RegRead, (uint32_t offset));
  MOCK_METHOD(void, RegWrite, (uint32_t offset, uint32_t value));
  MOCK_METHOD(int, DmaAlloc, (size_t size, nn_dma_buf* buf));
  MOCK_METHOD(void, DmaFree, (nn_dma_buf * buf));
  MOCK_METHOD(uint64_t, TimeUs, ());
  MOCK_METHOD(void, CacheClean, (const nn_dma_buf* buf, size_t off, size_t len));
  MOCK_METHOD(void, CacheInvalidate, (const nn_dma_buf* buf, size_t off, size_t len));
  MOCK_METHOD(void, CacheFlush, (const nn_dma_buf* buf, size_t off, size_t len));
  MOCK_METHOD(void, Barrier, ());
  MOCK_METHOD(int, WaitIrq, (uint32_t timeout_us));
  MOCK_METHOD(void, Relax, ());

  // The HAL handed to the driver: every op, or every op but wait_irq.
  nn_hal Hal(bool with_irq);

  // Default actions: DmaAlloc hands out the next of `phys` (64-byte aligned
  // host memory of the requested size, rounded to 64); TimeUs advances by 1000
  // on each call; DmaFree releases nothing (memory lives as long as *this).
  void UseDefaultActions(std::vector<uint64_t> phys);

 private:
  std::vector<std::unique_ptr<uint8_t[]>> arena_;
  std::vector<uint64_t> phys_;
  size_t next_ = 0;
  uint64_t clock_ = 0;
};

}  // namespace nn_test

#endif  // TESTS_DRIVER_HAL_GMOCK_H
