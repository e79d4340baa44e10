/* fake_plugin.c - device libraries that nn-run must refuse: built with
 * FAKE_ABI (a plugin of another ABI version), FAKE_NO_ENTRY (no entry symbol)
 * or a correct ABI but a descriptor of another model. */
#include <stddef.h>

#include "nndriver/nn_sim_plugin.h"

#ifdef FAKE_NO_ENTRY
int nn_not_a_plugin(void) { return 42; }
#else
static const nn_model_desc kOther = {
    NN_MODEL_DESC_VERSION,
    "other",
    0x12345678u,
    NN_BUS_FLOAT32,
    4u,
    2u,
    10u,
    16u,
    1u,
    {4u, 0u, 0u, 0u},
    {0x00, 0x04, 0x08, 0x0C, 0x10, 0x18, 0x1C, 0x24, 0x28, 0x30, 0x34, 0x3C, 0x44}};

static void *fake_create(nn_hal *hal) {
  (void)hal;
  return NULL;
}
static void fake_destroy(void *instance) { (void)instance; }

const nn_sim_plugin *nn_sim_plugin_entry(void) {
  static const nn_sim_plugin p = {FAKE_ABI, &kOther, fake_create, fake_destroy};
  return &p;
}
#endif
