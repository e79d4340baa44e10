/*
 * nn_run.c - inference: nn_predict (copying) and the zero-copy
 * nn_input_buffer / nn_start / nn_wait / nn_output_buffer path.
 */
#include <string.h>

#include "nn_internal.h"
#include "nn_log.h"

/* Preconditions of an inference run after nn_op_ready(): batch within
 * capacity, then weights loaded (the documented order of the errors). */
static int check_infer(nn_device *dev, uint32_t batch, const char *who) {
  if (batch == 0u || batch > dev->opt.max_batch) {
    nn_log(dev, NN_LOG_ERROR, "%s: batch %u outside 1..%u (buffer capacity)", who, batch,
           dev->opt.max_batch);
    return NN_E_BATCH;
  }
  if (!(dev->state & NN_DEV_WEIGHTS)) {
    nn_log(dev, NN_LOG_ERROR, "%s: no weights loaded; call nn_load_weights() first", who);
    return NN_E_STATE;
  }
  return NN_OK;
}

/* An inference run must report the number of samples it processed. */
static int check_result(nn_device *dev, uint32_t ret, uint32_t batch, const char *who) {
  if (ret == NN_TOP_BAD_BATCH) {
    nn_log(dev, NN_LOG_ERROR, "%s: the accelerator refused batch %u (0 or above its maximum)", who,
           batch);
    return NN_E_BATCH;
  }
  if (ret == NN_TOP_BAD_MODE) {
    nn_log(dev, NN_LOG_ERROR, "%s: the accelerator refused the inference mode as unknown", who);
    return NN_E_DEVICE;
  }
  if (ret != batch) {
    nn_log(dev, NN_LOG_ERROR, "%s: accelerator returned %u, expected %u samples processed", who,
           ret, batch);
    return NN_E_DEVICE;
  }
  dev->stats.predict_calls++;
  dev->stats.samples += batch;
  return NN_OK;
}

int nn_predict(nn_device *dev, const float *in, float *out, uint32_t batch) {
  int st = nn_op_ready(dev, "nn_predict");
  if (st != NN_OK) return st;
  if (in == NULL || out == NULL) {
    nn_log(dev, NN_LOG_ERROR, "nn_predict: %s is NULL", in == NULL ? "in" : "out");
    return NN_E_INVAL;
  }
  st = check_infer(dev, batch, "nn_predict");
  if (st != NN_OK) return st;
  const nn_model_desc *m = dev->model;
  /* Sizes fit: batch <= capacity, and the buffers hold capacity samples. */
  size_t in_bytes = (size_t)batch * m->input_size * sizeof(float);
  size_t out_bytes = (size_t)batch * m->output_size * sizeof(float);
  if (in != (const float *)dev->in_buf.virt) memcpy(dev->in_buf.virt, in, in_bytes);

  uint32_t ret = 0;
  st = nn_op_run(dev, NN_MODE_INFER, batch, &ret);
  if (st != NN_OK) return st;
  st = check_result(dev, ret, batch, "nn_predict");
  if (st != NN_OK) return st;
  if (out != (float *)dev->out_buf.virt) memcpy(out, dev->out_buf.virt, out_bytes);
  return NN_OK;
}

float *nn_input_buffer(nn_device *dev, uint32_t *capacity_samples) {
  int open = nn_dev_is_open(dev);
  if (capacity_samples != NULL) *capacity_samples = open ? dev->opt.max_batch : 0u;
  return open ? (float *)dev->in_buf.virt : NULL;
}

const float *nn_output_buffer(nn_device *dev) {
  return nn_dev_is_open(dev) ? (const float *)dev->out_buf.virt : NULL;
}

int nn_start(nn_device *dev, uint32_t batch) {
  int st = nn_op_ready(dev, "nn_start");
  if (st == NN_OK) st = check_infer(dev, batch, "nn_start");
  if (st != NN_OK) return st;
  dev->stats.last_mmio_accesses = 0;
  dev->stats.last_wait_mmio = 0;
  nn_op_start(dev, NN_MODE_INFER, batch);
  dev->pending = batch;
  dev->state |= NN_DEV_RUNNING;
  return NN_OK;
}

int nn_wait(nn_device *dev, uint32_t timeout_us) {
  if (!nn_dev_is_open(dev)) return NN_E_STATE;
  if (!(dev->state & NN_DEV_RUNNING)) {
    nn_log(dev, NN_LOG_ERROR, "nn_wait: no run in flight; call nn_start() first");
    return NN_E_STATE;
  }
  if (timeout_us == 0u) timeout_us = dev->opt.timeout_us;
  uint32_t ret = 0;
  int st = nn_op_wait(dev, NN_MODE_INFER, dev->pending, timeout_us, &ret);
  /* After a timeout the run stays in flight: nn_wait() may be called again. */
  if (st == NN_E_TIMEOUT) return st;
  dev->state &= ~NN_DEV_RUNNING;
  if (st != NN_OK) {
    nn_op_mark_lost(dev); /* HAL failure: completion unknown */
    return st;
  }
  uint32_t batch = dev->pending;
  dev->pending = 0;
  return check_result(dev, ret, batch, "nn_wait");
}
