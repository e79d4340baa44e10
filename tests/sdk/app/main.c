/* sdk_app: the smallest PS application of the nnaccel SDK, built by the tests from a copy of this
 * folder outside the source tree against an installed SDK (find_package(nnaccel) or pkg-config),
 * natively and for aarch64.
 *
 * It opens an accelerator through the driver (libnndriver) and the register-accurate mock HAL
 * (libnnhal_mock), with a device that answers "identify" (mode 2) the way a generated top does,
 * and prints the signature nn_open() checked. Exit 0 and "identified 0x..." on success. */
#include <stdint.h>
#include <stdio.h>

#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_mock.h"

#define APP_SIGNATURE 0x5dc0ffeeu

static const nn_model_desc app_model = {
    NN_MODEL_DESC_VERSION,
    "sdk_app",
    APP_SIGNATURE,
    NN_BUS_FLOAT32,
    4u,  /* input_size */
    2u,  /* output_size */
    8u,  /* weight_words */
    16u, /* max_batch */
    1u,
    {4u, 0u, 0u, 0u},
    /* the register map of a top with 64-bit pointers (docs/register-map.md) */
    {0x00, 0x04, 0x08, 0x0C, 0x10, 0x18, 0x1C, 0x24, 0x28, 0x30, 0x34, 0x3C, 0x44}};

/* The device side: mode 2 returns the signature, anything else "0 samples". */
static uint32_t app_device(void *ctx, nn_mock *mock) {
  const nn_model_desc *m = (const nn_model_desc *)ctx;
  return nn_mock_reg_peek(mock, m->regs.mode) == NN_MODE_IDENTIFY ? m->signature : 0u;
}

int main(void) {
  nn_mock_config mc;
  nn_mock_config_init(&mc);
  mc.regs = &app_model.regs;
  mc.weight_words = app_model.weight_words;
  mc.device = app_device;
  mc.device_ctx = (void *)&app_model;
  nn_mock *mock = nn_mock_create(&mc);
  if (!mock) {
    fprintf(stderr, "sdk_app: nn_mock_create failed\n");
    return 1;
  }
  nn_hal hal = nn_mock_hal(mock);
  nn_options opt;
  nn_options_init(&opt);
  nn_device dev;
  int rc = nn_open(&dev, &app_model, &hal, &opt); /* identifies the device */
  if (rc != NN_OK) {
    fprintf(stderr, "sdk_app: nn_open: %s\n", nn_strerror(rc));
    nn_mock_destroy(mock);
    return 1;
  }
  uint32_t signature = 0;
  rc = nn_identify(&dev, &signature);
  nn_close(&dev);
  nn_mock_destroy(mock);
  if (rc != NN_OK) {
    fprintf(stderr, "sdk_app: nn_identify: %s\n", nn_strerror(rc));
    return 1;
  }
  printf("identified 0x%08x\n", (unsigned)signature);
  return signature == APP_SIGNATURE ? 0 : 1;
}
