// crosscheck.cpp - one generated top, two backends: the virtual board (mock
// HAL, nn_vboard_device) and the sim HAL (nn_sim over a pool), each driven by
// the real driver over the same inputs with the project's weights. Exit 0
// only if every output bit matches, the outputs are not degenerate and
// neither backend saw a bus fault.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_mock.h"
#include "nnhal/nn_hal_sim.h"
#include "virtual_board.h"

namespace {

const nn_model_desc &Desc() { return *nn_vboard_this_model.desc; }

// Drives `hal` through open/load/predict over all samples; false (with a message) on any error.
bool Run(const char *what, const nn_hal *hal, const std::vector<unsigned char> &nnw,
         const std::vector<float> &in, uint32_t samples, std::vector<float> *out) {
  nn_options opt;
  nn_options_init(&opt);
  nn_device dev;
  int rc = nn_open(&dev, &Desc(), hal, &opt);
  if (rc != NN_OK) {
    std::fprintf(stderr, "%s: nn_open: %s\n", what, nn_strerror(rc));
    return false;
  }
  rc = nn_load_weights(&dev, nnw.data(), nnw.size());
  out->assign(size_t(samples) * Desc().output_size, 0.0f);
  // Batches of 3 (or max_batch if smaller): several runs, and a short last batch.
  const uint32_t step = Desc().max_batch < 3u ? Desc().max_batch : 3u;
  for (uint32_t s = 0; rc == NN_OK && s < samples; s += step) {
    const uint32_t batch = samples - s < step ? samples - s : step;
    rc = nn_predict(&dev, in.data() + size_t(s) * Desc().input_size,
                    out->data() + size_t(s) * Desc().output_size, batch);
  }
  nn_close(&dev);
  if (rc != NN_OK) std::fprintf(stderr, "%s: %s\n", what, nn_strerror(rc));
  return rc == NN_OK;
}

}  // namespace

int main() {
  std::ifstream f(nn_vboard_default_weights, std::ios::binary);
  std::vector<unsigned char> nnw((std::istreambuf_iterator<char>(f)), {});
  if (nnw.empty()) {
    std::fprintf(stderr, "cannot read %s\n", nn_vboard_default_weights);
    return 2;
  }
  const uint32_t samples = 10;
  std::vector<float> in(size_t(samples) * Desc().input_size);
  uint32_t x = 12345u;  // xorshift: inputs in [-2, 2)
  for (float &v : in) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = float(x >> 8) / float(1u << 24) * 4.0f - 2.0f;
  }

  // The virtual board, as NAME-sim sets it up.
  nn_mock_config mc;
  nn_mock_config_init(&mc);
  mc.regs = &Desc().regs;
  mc.weight_words = Desc().weight_words;
  mc.device = nn_vboard_device;
  mc.device_ctx = const_cast<nn_vboard_model *>(&nn_vboard_this_model);
  nn_mock *mock = nn_mock_create(&mc);
  nn_hal mock_hal = nn_mock_hal(mock);
  std::vector<float> out_vboard, out_sim;
  bool ok = mock != nullptr && Run("virtual board", &mock_hal, nnw, in, samples, &out_vboard);
  const uint64_t mock_faults = mock ? nn_mock_get_counters(mock)->bus_faults : 0;
  nn_mock_destroy(mock);

  // The sim HAL over a heap pool large enough for the driver's three buffers.
  const size_t pool_size =
      (size_t(Desc().max_batch) * (Desc().input_size + Desc().output_size) + Desc().weight_words) *
          4u +
      3u * 64u;
  const size_t rounded = (pool_size + 63u) & ~size_t(63u);
  void *pool = std::aligned_alloc(64, rounded);
  nn_sim sim;
  nn_sim_config sc;
  nn_sim_config_init(&sc);
  sc.model.regs = &Desc().regs;
  sc.model.input_size = Desc().input_size;
  sc.model.output_size = Desc().output_size;
  sc.model.weight_words = Desc().weight_words;
  sc.model.top = nn_vboard_this_model.top;
  sc.pool = pool;
  sc.pool_size = rounded;
  if (pool == nullptr || nn_sim_init(&sim, &sc) != NN_HAL_OK) {
    std::fprintf(stderr, "sim: cannot set up\n");
    return 2;
  }
  nn_hal sim_hal = nn_sim_hal(&sim);
  ok = Run("sim", &sim_hal, nnw, in, samples, &out_sim) && ok;
  const nn_sim_stats st = *nn_sim_get_stats(&sim);
  std::free(pool);
  if (!ok) return 2;

  int status = 0;
  if (mock_faults != 0 || st.bus_faults != 0) {
    std::fprintf(stderr, "bus faults: virtual board %" PRIu64 ", sim %" PRIu64 "\n", mock_faults,
                 st.bus_faults);
    status = 1;
  }
  bool varies = false;
  for (size_t i = 0; i < out_sim.size(); ++i) {
    uint32_t a, b;
    std::memcpy(&a, &out_vboard[i], 4);
    std::memcpy(&b, &out_sim[i], 4);
    if (a != b) {
      std::fprintf(stderr, "output %zu: virtual board 0x%08x, sim 0x%08x\n", i, a, b);
      status = 1;
    }
    if (!std::isfinite(out_sim[i])) {
      std::fprintf(stderr, "output %zu is not finite\n", i);
      status = 1;
    }
    if (out_sim[i] != out_sim[i % Desc().output_size]) varies = true;
  }
  if (!varies) {
    std::fprintf(stderr, "every sample gave the same outputs: the comparison proves nothing\n");
    status = 1;
  }
  std::printf("crosscheck %s: %u samples x %u outputs, sim starts %" PRIu64 ": %s\n", Desc().name,
              samples, Desc().output_size, st.starts, status == 0 ? "bit-identical" : "DIFFERENT");
  return status;
}
