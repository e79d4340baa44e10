/* test_device.c - see test_device.h. */
#include "test_device.h"

#include <string.h>

#include "nndriver/nn_driver.h"

void test_device_init(test_device *d, const nn_model_desc *model) {
  memset(d, 0, sizeof *d);
  d->model = model;
  d->signature = model->signature;
}

static uint32_t infer(test_device *d, nn_mock *mock, uint32_t batch) {
  const nn_model_desc *m = d->model;
  const nn_reg_map *r = &m->regs;
  const float *in = (const float *)nn_mock_device_ptr(
      mock, nn_mock_addr_peek(mock, r->in_lo, r->in_hi), (size_t)batch * m->input_size * 4u);
  float *out = (float *)nn_mock_device_ptr(
      mock, nn_mock_addr_peek(mock, r->out_lo, r->out_hi), (size_t)batch * m->output_size * 4u);
  if (in == NULL || out == NULL) return TEST_DEVICE_BAD_ADDRESS;
  for (uint32_t s = 0; s < batch; ++s) {
    for (uint32_t j = 0; j < m->output_size; ++j) {
      float w;
      memcpy(&w, &d->weights[j % m->weight_words], 4u);
      out[(size_t)s * m->output_size + j] = 2.0f * in[(size_t)s * m->input_size + j % m->input_size] + w;
    }
  }
  if (d->infer_return_status != 0u) return d->infer_return_status;
  return d->infer_return_off_by_one ? batch + 1u : batch;
}

static uint32_t load(test_device *d, nn_mock *mock) {
  const nn_model_desc *m = d->model;
  if (m->weight_words > TEST_DEVICE_MAX_WORDS) return TEST_DEVICE_BAD_ADDRESS;
  const uint32_t *w = (const uint32_t *)nn_mock_device_ptr(
      mock, nn_mock_addr_peek(mock, m->regs.weights_lo, m->regs.weights_hi),
      (size_t)m->weight_words * 4u);
  if (w == NULL) return TEST_DEVICE_BAD_ADDRESS;
  memcpy(d->weights, w, (size_t)m->weight_words * 4u);
  d->weights_loaded = m->weight_words;
  return nn_weight_checksum(d->weights, m->weight_words);
}

uint32_t test_device_run(void *device_ctx, nn_mock *mock) {
  test_device *d = (test_device *)device_ctx;
  uint32_t mode = nn_mock_reg_peek(mock, d->model->regs.mode);
  uint32_t batch = nn_mock_reg_peek(mock, d->model->regs.batch);
  if (mode < 3u) d->runs[mode]++;
  d->last_batch = batch;
  switch (mode) {
    case NN_MODE_INFER: return infer(d, mock, batch);
    case NN_MODE_LOAD_WEIGHTS: return load(d, mock);
    case NN_MODE_IDENTIFY: return d->signature;
    default: return TEST_DEVICE_BAD_ADDRESS;
  }
}
