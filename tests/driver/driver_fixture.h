// driver_fixture.h - a test model descriptor and a "board" made of the mock
// HAL plus the C test device (test_device.h), shared by the driver tests.
#ifndef TESTS_DRIVER_DRIVER_FIXTURE_H
#define TESTS_DRIVER_DRIVER_FIXTURE_H

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_mock.h"
#include "nnw_builder.h"
#include "test_device.h"

namespace nn_test {

// The register map of our generated top with Vitis HLS 64-bit m_axi
// addressing (docs/register-map.md).
inline nn_reg_map VitisRegs() {
  nn_reg_map r{};
  r.ap_ctrl = 0x00;
  r.gie = 0x04;
  r.ier = 0x08;
  r.isr = 0x0C;
  r.ap_return = 0x10;
  r.in_lo = 0x18;
  r.in_hi = 0x1C;
  r.out_lo = 0x24;
  r.out_hi = 0x28;
  r.weights_lo = 0x30;
  r.weights_hi = 0x34;
  r.batch = 0x3C;
  r.mode = 0x44;
  return r;
}

// The same top with 32-bit m_axi addressing (Vivado HLS <= 2020.1 default):
// each pointer is one word, no high registers.
inline nn_reg_map Addr32Regs() {
  nn_reg_map r{};
  r.ap_ctrl = 0x00;
  r.gie = 0x04;
  r.ier = 0x08;
  r.isr = 0x0C;
  r.ap_return = 0x10;
  r.in_lo = 0x18;
  r.in_hi = NN_REG_NONE;
  r.out_lo = 0x20;
  r.out_hi = NN_REG_NONE;
  r.weights_lo = 0x28;
  r.weights_hi = NN_REG_NONE;
  r.batch = 0x30;
  r.mode = 0x38;
  return r;
}

constexpr uint32_t kSignature = 0x1234ABCDu;

inline nn_model_desc TestModel(uint32_t in = 20, uint32_t out = 5, uint32_t words = 37,
                               uint32_t max_batch = 8) {
  nn_model_desc m{};
  m.desc_version = NN_MODEL_DESC_VERSION;
  m.name = "testnet";
  m.signature = kSignature;
  m.bus_format = NN_BUS_FLOAT32;
  m.input_size = in;
  m.output_size = out;
  m.weight_words = words;
  m.max_batch = max_batch;
  m.input_rank = 1;
  m.input_shape[0] = in;
  m.regs = VitisRegs();
  return m;
}

// Collects log lines (the driver's log hook).
struct LogSink {
  std::vector<std::pair<int, std::string>> lines;
  static void Hook(void* user, int level, const char* msg) {
    static_cast<LogSink*>(user)->lines.emplace_back(level, msg);
  }
  bool Contains(const std::string& needle) const {
    for (const auto& l : lines)
      if (l.second.find(needle) != std::string::npos) return true;
    return false;
  }
  std::string All() const {
    std::string s;
    for (const auto& l : lines) s += l.second + "\n";
    return s;
  }
};

// The mock HAL with the C test device behind it.
class Board {
 public:
  explicit Board(const nn_model_desc& model, nn_mock_isr_mode isr = NN_MOCK_ISR_TOGGLE_ON_WRITE,
                 uint64_t ddr_base = 0x10000000u,
                 const std::function<void(nn_mock_config&)>& tweak = {})
      : model_(model) {
    test_device_init(&device_, &model_);
    nn_mock_config cfg;
    nn_mock_config_init(&cfg);
    cfg.regs = &model_.regs;
    cfg.weight_words = model_.weight_words;
    cfg.device = test_device_run;
    cfg.device_ctx = &device_;
    cfg.isr_mode = isr;
    cfg.ddr_base = ddr_base;
    if (tweak) tweak(cfg);
    mock_ = nn_mock_create(&cfg);
    hal_ = nn_mock_hal(mock_);
  }
  ~Board() { nn_mock_destroy(mock_); }
  Board(const Board&) = delete;
  Board& operator=(const Board&) = delete;

  nn_model_desc& model() { return model_; }
  nn_mock* mock() { return mock_; }
  const nn_hal* hal() { return &hal_; }
  test_device& device() { return device_; }
  const nn_mock_counters& counters() { return *nn_mock_get_counters(mock_); }

  // Options with polling or interrupts and the log hook attached.
  nn_options Options(bool irq) {
    nn_options o;
    nn_options_init(&o);
    o.use_irq = irq ? 1 : 0;
    o.log = LogSink::Hook;
    o.log_user = &log;
    return o;
  }

  std::vector<uint8_t> ValidWeights(uint32_t seed = 1) const {
    return nnw_test::Build(nnw_test::MakeSpec(model_.signature, model_.weight_words, seed));
  }

  // Expected output of the test device for `in` with the weights of `blob`.
  std::vector<float> Expected(const std::vector<float>& in, uint32_t batch,
                              const std::vector<uint8_t>& blob) const {
    uint32_t off = nnw_test::GetU32(blob, 28);
    std::vector<float> out(size_t(batch) * model_.output_size);
    for (uint32_t s = 0; s < batch; ++s)
      for (uint32_t j = 0; j < model_.output_size; ++j) {
        uint32_t wbits = nnw_test::GetU32(blob, off + 4 * (j % model_.weight_words));
        float w;
        std::memcpy(&w, &wbits, 4);
        out[size_t(s) * model_.output_size + j] =
            2.0f * in[size_t(s) * model_.input_size + j % model_.input_size] + w;
      }
    return out;
  }

  LogSink log;

 private:
  nn_model_desc model_;
  test_device device_;
  nn_mock* mock_ = nullptr;
  nn_hal hal_{};
};

inline std::vector<float> Ramp(size_t n, float scale = 0.5f) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = scale * float(i) - 3.0f;
  return v;
}

}  // namespace nn_test

#endif  // TESTS_DRIVER_DRIVER_FIXTURE_H
