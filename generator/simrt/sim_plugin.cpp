// sim_plugin.cpp - the entry point of a project's device library
// (build/lib<name>-device.so, driver/include/nndriver/nn_sim_plugin.h).
//
// Each instance is the virtual board NAME-sim builds (sim_main.cpp): the mock
// HAL with its default configuration, the model's register map, and
// nn_vboard_device driving the generated top. Nothing here changes what the
// device computes, so outputs are bit-identical to NAME-sim's.
//
// One wrinkle: the generated top keeps its weights in static arrays (the
// on-chip memory of the real IP), so all instances of one loaded library
// share them. Device runs are therefore serialized by one mutex, each
// instance remembers the last weight image it loaded, and before an instance
// infers after another one loaded different weights, its own image is put
// back (mode 1 on the saved copy). Each instance thus behaves like its own
// accelerator, at the cost of a reload when devices take turns.
#include <mutex>
#include <new>
#include <vector>

#include "nndriver/nn_sim_plugin.h"
#include "nnhal/nn_hal_mock.h"
#include "virtual_board.h"

namespace {

struct Instance {
  nn_mock *mock = nullptr;
  std::vector<uint32_t> weights;  // what this device's last successful mode 1 received
  bool has_weights = false;
};

std::mutex g_top_mutex;
const Instance *g_weights_owner = nullptr;  // whose weights the top holds now

uint32_t plugin_device(void *ctx, nn_mock *mock) {
  Instance *self = static_cast<Instance *>(ctx);
  const nn_vboard_model &model = nn_vboard_this_model;
  const nn_reg_map &r = model.desc->regs;
  std::lock_guard<std::mutex> lock(g_top_mutex);
  const uint32_t mode = nn_mock_reg_peek(mock, r.mode);
  if (mode == NN_MODE_INFER && g_weights_owner != self && self->has_weights) {
    model.top(nullptr, nullptr, self->weights.data(), 0, NN_MODE_LOAD_WEIGHTS);
    g_weights_owner = self;
  }
  const uint32_t result = nn_vboard_device(const_cast<nn_vboard_model *>(&model), mock);
  if (mode == NN_MODE_LOAD_WEIGHTS) {
    // Keep a copy of exactly the words the top received (device view of memory).
    const size_t words = model.desc->weight_words;
    const uint64_t w = nn_mock_addr_peek(mock, r.weights_lo, r.weights_hi);
    const void *seen = words ? nn_mock_device_ptr(mock, w, words * 4) : nullptr;
    if (seen || words == 0) {
      const uint32_t *p = static_cast<const uint32_t *>(seen);
      self->weights.assign(p, p + words);
      self->has_weights = true;
    }
    g_weights_owner = self;
  }
  return result;
}

void *plugin_create(nn_hal *hal_out) {
  if (!hal_out) return nullptr;
  Instance *self = new (std::nothrow) Instance;
  if (!self) return nullptr;
  const nn_model_desc &desc = *nn_vboard_this_model.desc;
  nn_mock_config mc;
  nn_mock_config_init(&mc);  // the same defaults as NAME-sim
  mc.regs = &desc.regs;
  mc.weight_words = desc.weight_words;
  mc.device = plugin_device;
  mc.device_ctx = self;
  self->mock = nn_mock_create(&mc);
  if (!self->mock) {
    delete self;
    return nullptr;
  }
  *hal_out = nn_mock_hal(self->mock);
  return self;
}

void plugin_destroy(void *instance) {
  Instance *self = static_cast<Instance *>(instance);
  if (!self) return;
  {
    std::lock_guard<std::mutex> lock(g_top_mutex);
    if (g_weights_owner == self) g_weights_owner = nullptr;
  }
  nn_mock_destroy(self->mock);
  delete self;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const nn_sim_plugin *nn_sim_plugin_entry(void) {
  static const nn_sim_plugin plugin = {NN_SIM_PLUGIN_ABI, nn_vboard_this_model.desc, plugin_create,
                                       plugin_destroy};
  return &plugin;
}
