// driver_bench - the driver's cost per steady-state nn_predict() against the
// register-accurate mock HAL (issue 7 item 6, docs/driver.md "Per-predict cost").
//
//  BM_SteadyPredict/irq:0  polling wait (the mock shows ap_done on the 3rd AP_CTRL read)
//  BM_SteadyPredict/irq:1  interrupt wait (the mock's wait_irq acknowledges ISR itself)
//
// The device model is tiny (tests/driver/test_device.c: 16 inputs, 4 outputs,
// 8 weight words, batch 1), so the time is the driver + mock overhead, not
// compute. Counters, per call:
//   mmio          register accesses the driver made outside the completion wait
//   wait_mmio     driver accesses inside the wait (AP_CTRL polls; 0 with irq)
//   hal_mmio      accesses the HAL made on its own (wait_irq's ISR acknowledge)
//   bus_mmio      everything the mock's register file saw (= sum of the three)
//   vs_old_14     bus_mmio / 14: the old protocol made 14 accesses per predict
//                 with either wait (8 argument writes, AP_CTRL read-modify-write,
//                 3 polls - or 1 AP_CTRL read + 2 ISR accesses after the
//                 interrupt -, ap_return), all of them by the driver
// The old protocol cannot be run any more (the code changed), so its figure
// is the recorded baseline (docs/driver.md).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <vector>

#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_mock.h"
#include "nnw_builder.h"
#include "test_device.h"

namespace {

constexpr uint32_t kSignature = 0x5EEDBEEFu;
constexpr double kOldMmioPerPredict = 14.0;

nn_model_desc TinyModel() {
  nn_model_desc m{};
  m.desc_version = NN_MODEL_DESC_VERSION;
  m.name = "bench";
  m.signature = kSignature;
  m.bus_format = NN_BUS_FLOAT32;
  m.input_size = 16;
  m.output_size = 4;
  m.weight_words = 8;
  m.max_batch = 4;
  m.input_rank = 1;
  m.input_shape[0] = 16;
  // The Vitis HLS 64-bit layout of the generated top (docs/register-map.md).
  m.regs = nn_reg_map{0x00, 0x04, 0x08, 0x0C, 0x10, 0x18, 0x1C, 0x24, 0x28, 0x30, 0x34, 0x3C, 0x44};
  return m;
}

void BM_SteadyPredict(benchmark::State& state) {
  const bool irq = state.range(0) != 0;
  nn_model_desc model = TinyModel();
  test_device device;
  test_device_init(&device, &model);
  nn_mock_config cfg;
  nn_mock_config_init(&cfg);
  cfg.regs = &model.regs;
  cfg.weight_words = model.weight_words;
  cfg.device = test_device_run;
  cfg.device_ctx = &device;
  nn_mock* mock = nn_mock_create(&cfg);
  if (mock == nullptr) {
    state.SkipWithError("nn_mock_create failed");
    return;
  }
  nn_hal hal = nn_mock_hal(mock);
  nn_options opt;
  nn_options_init(&opt);
  opt.use_irq = irq ? 1 : 0;
  nn_device dev;
  std::vector<uint8_t> weights =
      nnw_test::Build(nnw_test::MakeSpec(kSignature, model.weight_words, 7));
  std::vector<float> in(model.input_size, 0.5f), out(model.output_size);
  if (nn_open(&dev, &model, &hal, &opt) != NN_OK ||
      nn_load_weights(&dev, weights.data(), weights.size()) != NN_OK ||
      nn_predict(&dev, in.data(), out.data(), 1) != NN_OK) {  // reach the steady state
    state.SkipWithError("opening the mock device failed");
    nn_mock_destroy(mock);
    return;
  }
  nn_reset_stats(&dev);
  const nn_mock_counters before = *nn_mock_get_counters(mock);
  uint64_t outside = 0, inside = 0;
  for (auto _ : state) {
    if (nn_predict(&dev, in.data(), out.data(), 1) != NN_OK) {
      state.SkipWithError("nn_predict failed");
      break;
    }
    outside += nn_get_stats(&dev)->last_mmio_accesses;
    inside += nn_get_stats(&dev)->last_wait_mmio;
    benchmark::DoNotOptimize(out.data());
  }
  const double n = double(state.iterations());
  const nn_mock_counters& c = *nn_mock_get_counters(mock);
  const nn_stats* st = nn_get_stats(&dev);
  const double hal_mmio =
      double((c.hal_reg_reads - before.hal_reg_reads) + (c.hal_reg_writes - before.hal_reg_writes));
  const double bus = double((c.reg_reads - before.reg_reads) + (c.reg_writes - before.reg_writes));
  if (n > 0) {
    state.counters["mmio"] = double(outside) / n;
    state.counters["wait_mmio"] = double(inside) / n;
    state.counters["hal_mmio"] = hal_mmio / n;
    state.counters["bus_mmio"] = bus / n;
    state.counters["vs_old_14"] = bus / n / kOldMmioPerPredict;
    // The driver's totals must agree with the per-call figures (exact counting).
    if (st->mmio_reads + st->mmio_writes != outside + inside || st->wait_mmio_reads != inside ||
        double(outside + inside) + hal_mmio != bus) {
      state.SkipWithError("MMIO counts disagree between the driver and the mock");
    }
  }
  nn_close(&dev);
  nn_mock_destroy(mock);
}
BENCHMARK(BM_SteadyPredict)->ArgName("irq")->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
