#include "sim_fixture.h"

#include <gtest/gtest.h>

namespace sim_test {

FakeTop g_top;

uint32_t RecordingTop(const float* in, float* out, const uint32_t* weights, uint32_t batch,
                      uint32_t mode) {
  g_top.calls.push_back({in, out, weights, batch, mode});
  if (g_top.clock) *g_top.clock += g_top.clock_step;
  return g_top.result;
}

SimBoard::SimBoard(const nn_reg_map& regs, int provide_irq) : regs_(regs), pool_{} {
  g_top = FakeTop{};
  nn_sim_config cfg;
  nn_sim_config_init(&cfg);
  cfg.model.regs = &regs_;
  cfg.model.input_size = 3;
  cfg.model.output_size = 2;
  cfg.model.weight_words = 5;
  cfg.model.top = RecordingTop;
  cfg.pool = pool_;
  cfg.pool_size = kPoolSize;
  cfg.provide_irq = provide_irq;
  EXPECT_EQ(nn_sim_init(&sim_, &cfg), NN_HAL_OK);
  hal_ = nn_sim_hal(&sim_);
}

void SimBoard::WriteAddr(uint32_t lo, uint32_t hi, uint64_t phys) {
  Write(lo, uint32_t(phys));
  if (hi != NN_REG_NONE) Write(hi, uint32_t(phys >> 32));
}

}  // namespace sim_test
