// The real driver (libnndriver) against the sim HAL, with a fake top that
// keeps the accelerator contract the way the driver tests' device does
// (tests/driver/test_device.h): mode 0 out[s][j] = 2 * in[s][j % in] +
// w[j % words], returns batch; mode 1 stores the words, returns their
// nn_weight_checksum; mode 2 returns the signature.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "driver_fixture.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_sim.h"

namespace {

struct ContractTop {
  const nn_model_desc* model = nullptr;
  std::vector<uint32_t> weights;
  uint32_t runs[3] = {0, 0, 0};
};
ContractTop g_dev;

uint32_t Top(const float* in, float* out, const uint32_t* w, uint32_t batch, uint32_t mode) {
  const nn_model_desc& m = *g_dev.model;
  if (mode < 3) g_dev.runs[mode]++;
  switch (mode) {
    case NN_MODE_IDENTIFY:
      return m.signature;
    case NN_MODE_LOAD_WEIGHTS:
      g_dev.weights.assign(w, w + m.weight_words);
      return nn_weight_checksum(w, m.weight_words);
    case NN_MODE_INFER:
      if (batch == 0 || batch > m.max_batch) return 0xFFFFFFFFu;
      for (uint32_t s = 0; s < batch; ++s)
        for (uint32_t j = 0; j < m.output_size; ++j) {
          float wf;
          std::memcpy(&wf, &g_dev.weights[j % m.weight_words], 4);
          out[size_t(s) * m.output_size + j] =
              2.0f * in[size_t(s) * m.input_size + j % m.input_size] + wf;
        }
      return batch;
    default:
      return 0xFFFFFFFFu;
  }
}

class SimDriver : public ::testing::TestWithParam<bool> {  // interrupt or polling
 protected:
  void SetUp() override {
    model_ = nn_test::TestModel();
    g_dev = ContractTop{};
    g_dev.model = &model_;
    Init(sizeof pool_);
  }
  void Init(size_t pool_size) {
    nn_sim_config cfg;
    nn_sim_config_init(&cfg);
    cfg.model.regs = &model_.regs;
    cfg.model.input_size = model_.input_size;
    cfg.model.output_size = model_.output_size;
    cfg.model.weight_words = model_.weight_words;
    cfg.model.top = Top;
    cfg.pool = pool_;
    cfg.pool_size = pool_size;
    cfg.provide_irq = GetParam() ? 1 : 0;
    ASSERT_EQ(nn_sim_init(&sim_, &cfg), NN_HAL_OK);
    hal_ = nn_sim_hal(&sim_);
  }
  nn_options Options() {
    nn_options o;
    nn_options_init(&o);
    o.use_irq = GetParam() ? 1 : 0;
    o.log = nn_test::LogSink::Hook;
    o.log_user = &log_;
    return o;
  }
  std::vector<float> Expected(const std::vector<float>& in, uint32_t batch,
                              const std::vector<uint8_t>& blob) {
    uint32_t off = nnw_test::GetU32(blob, 28);  // payload offset
    std::vector<float> out(size_t(batch) * model_.output_size);
    for (uint32_t s = 0; s < batch; ++s)
      for (uint32_t j = 0; j < model_.output_size; ++j) {
        uint32_t bits = nnw_test::GetU32(blob, off + 4 * (j % model_.weight_words));
        float w;
        std::memcpy(&w, &bits, 4);
        out[size_t(s) * model_.output_size + j] =
            2.0f * in[size_t(s) * model_.input_size + j % model_.input_size] + w;
      }
    return out;
  }

  nn_model_desc model_;
  alignas(64) unsigned char pool_[8192];
  nn_sim sim_;
  nn_hal hal_;
  nn_test::LogSink log_;
};

TEST_P(SimDriver, OpenLoadPredictClose) {
  nn_device dev;
  nn_options opt = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &opt), NN_OK) << log_.All();
  auto blob = nnw_test::Build(nnw_test::MakeSpec(model_.signature, model_.weight_words, 3));
  ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK) << log_.All();
  for (uint32_t batch : {1u, 3u, 8u, 3u}) {
    SCOPED_TRACE(batch);
    auto in = nn_test::Ramp(size_t(batch) * model_.input_size, 0.25f * float(batch));
    std::vector<float> out(size_t(batch) * model_.output_size, -1.0f);
    ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), batch), NN_OK) << log_.All();
    auto want = Expected(in, batch, blob);
    ASSERT_EQ(std::memcmp(out.data(), want.data(), out.size() * 4), 0);
  }
  const nn_sim_stats* st = nn_sim_get_stats(&sim_);
  EXPECT_EQ(st->starts, 1u + 1u + 4u);  // identify, load, four predictions
  EXPECT_EQ(st->bus_faults, 0u);
  EXPECT_EQ(g_dev.runs[NN_MODE_IDENTIFY], 1u);
  EXPECT_EQ(g_dev.runs[NN_MODE_LOAD_WEIGHTS], 1u);
  EXPECT_EQ(g_dev.runs[NN_MODE_INFER], 4u);
  // The interrupt wait makes no driver register access; polling finds ap_done at the first read.
  EXPECT_EQ(nn_get_stats(&dev)->last_wait_mmio, GetParam() ? 0u : 1u);
  EXPECT_EQ(nn_get_stats(&dev)->timeouts, 0u);
  nn_close(&dev);
  EXPECT_EQ(sim_.pool.count, 0u);  // every buffer returned
  EXPECT_EQ(st->bus_faults, 0u);
}

TEST_P(SimDriver, NewWeightsChangeTheResults) {
  nn_device dev;
  nn_options opt = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &opt), NN_OK);
  auto in = nn_test::Ramp(2 * model_.input_size);
  for (uint32_t seed : {1u, 2u}) {
    auto blob = nnw_test::Build(nnw_test::MakeSpec(model_.signature, model_.weight_words, seed));
    ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK);
    std::vector<float> out(2 * model_.output_size);
    ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), 2), NN_OK);
    auto want = Expected(in, 2, blob);
    EXPECT_EQ(std::memcmp(out.data(), want.data(), out.size() * 4), 0) << "seed " << seed;
  }
  nn_close(&dev);
}

TEST_P(SimDriver, WrongSignatureIsRefused) {
  nn_device dev;
  nn_options opt = Options();
  model_.signature ^= 1u;  // the top answers the descriptor it was built with
  nn_model_desc other = model_;
  other.signature ^= 1u;
  g_dev.model = &other;
  EXPECT_EQ(nn_open(&dev, &model_, &hal_, &opt), NN_E_SIGNATURE);
  EXPECT_EQ(sim_.pool.count, 0u);  // nn_open gave its buffers back
}

TEST_P(SimDriver, APoolTooSmallForTheBuffersIsNoMem) {
  Init(256);  // the model needs more than 256 bytes of buffers
  nn_device dev;
  nn_options opt = Options();
  EXPECT_EQ(nn_open(&dev, &model_, &hal_, &opt), NN_E_NOMEM);
  EXPECT_EQ(sim_.pool.count, 0u);
}

TEST_P(SimDriver, TruncatedWeightsNeverReachTheDevice) {
  nn_device dev;
  nn_options opt = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &opt), NN_OK);
  auto blob = nnw_test::Build(nnw_test::MakeSpec(model_.signature, model_.weight_words));
  EXPECT_EQ(nn_load_weights(&dev, blob.data(), blob.size() - 4), NN_E_WEIGHTS_TRUNCATED);
  EXPECT_EQ(g_dev.runs[NN_MODE_LOAD_WEIGHTS], 0u);
  std::vector<float> in(model_.input_size), out(model_.output_size);
  EXPECT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_E_STATE);  // no weights
  nn_close(&dev);
}

INSTANTIATE_TEST_SUITE_P(Wait, SimDriver, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Irq" : "Poll"; });

}  // namespace
