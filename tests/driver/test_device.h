/*
 * test_device.h - a tiny device model for the mock HAL, in C (it is called
 * through nn_mock_device_fn exactly like the virtual board's generated top):
 *   mode 0: out[s][j] = 2 * in[s][j % input_size] + w[j % weight_words]
 *           (w = the loaded words as float32); returns batch;
 *   mode 1: copies the weight image into its "on-chip" store; returns
 *           nn_weight_checksum of the words it read;
 *   mode 2: returns the signature.
 * An unusable buffer address makes it return TEST_DEVICE_BAD_ADDRESS.
 */
#ifndef TESTS_DRIVER_TEST_DEVICE_H
#define TESTS_DRIVER_TEST_DEVICE_H

#include <stdint.h>

#include "nndriver/nn_model.h"
#include "nnhal/nn_hal_mock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TEST_DEVICE_MAX_WORDS 4096u
#define TEST_DEVICE_BAD_ADDRESS 0xFFFFFFFFu

typedef struct test_device {
  const nn_model_desc *model;
  uint32_t signature;                      /* what mode 2 returns */
  uint32_t weights[TEST_DEVICE_MAX_WORDS]; /* on-chip copy */
  uint32_t weights_loaded;                 /* words in `weights` */
  uint32_t runs[3];                        /* per mode */
  uint32_t last_batch;
  int infer_return_off_by_one;  /* mode 0 returns batch + 1 */
  uint32_t infer_return_status; /* if non-zero, mode 0 returns this instead */
} test_device;

void test_device_init(test_device *d, const nn_model_desc *model);
uint32_t test_device_run(void *device_ctx, nn_mock *mock);

#ifdef __cplusplus
}
#endif

#endif /* TESTS_DRIVER_TEST_DEVICE_H */
