// sim_fixture.h - the sim HAL around a recording fake top, for the control
// block and device model tests. A top has no context argument (it is the
// generated function), so the fake records into one global.
#ifndef TESTS_HAL_SIM_SIM_FIXTURE_H
#define TESTS_HAL_SIM_SIM_FIXTURE_H

#include <cstdint>
#include <vector>

#include "driver_fixture.h"  // nn_test::VitisRegs / Addr32Regs / TestModel
#include "nnhal/nn_hal_sim.h"

namespace sim_test {

struct TopCall {
  const float* in;
  float* out;
  const uint32_t* weights;
  uint32_t batch, mode;
};

struct FakeTop {
  std::vector<TopCall> calls;
  uint32_t result = 0x600D0000u;
  uint64_t* clock = nullptr;  // advanced by clock_step per call (device time)
  uint64_t clock_step = 0;
};
extern FakeTop g_top;

uint32_t RecordingTop(const float* in, float* out, const uint32_t* weights, uint32_t batch,
                      uint32_t mode);

// A 4 KiB pool in static-duration storage of the fixture, 64-byte aligned.
class SimBoard {
 public:
  explicit SimBoard(const nn_reg_map& regs = nn_test::VitisRegs(), int provide_irq = 1);
  SimBoard(const SimBoard&) = delete;  // the HAL points at sim_
  SimBoard& operator=(const SimBoard&) = delete;
  nn_sim* sim() { return &sim_; }
  const nn_hal* hal() { return &hal_; }
  const nn_sim_stats& stats() { return *nn_sim_get_stats(&sim_); }
  const nn_reg_map& regs() const { return regs_; }
  uint32_t Read(uint32_t off) { return nn_hal_reg_read(&hal_, off); }
  void Write(uint32_t off, uint32_t v) { nn_hal_reg_write(&hal_, off, v); }
  // Programs a 64-bit bus address into a lo/hi pair (hi may be NN_REG_NONE).
  void WriteAddr(uint32_t lo, uint32_t hi, uint64_t phys);
  unsigned char* pool() { return pool_; }

  static constexpr size_t kPoolSize = 4096;

 private:
  nn_reg_map regs_;
  alignas(64) unsigned char pool_[kPoolSize];
  nn_sim sim_;
  nn_hal hal_;
};

}  // namespace sim_test

#endif  // TESTS_HAL_SIM_SIM_FIXTURE_H
