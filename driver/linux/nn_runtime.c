/* nn_runtime.c - open/close and the locked job API of the Linux runtime
 * (nn_runtime.h). The C11 driver core stays lock-free and single-threaded per
 * device; this layer adds the per-device mutex and the "one job in flight"
 * rule, so the core never needs an OS primitive. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_rt_internal.h"

void nn_rt_errf(char *err, size_t errlen, const char *fmt, ...) {
  if (err == NULL || errlen == 0u) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

int nn_rt_join(char *out, size_t cap, const char *dir, const char *rel, char *err, size_t errlen) {
  const int n = dir != NULL ? snprintf(out, cap, "%s/%s", dir, rel) : snprintf(out, cap, "%s", rel);
  if (n < 0 || (size_t)n >= cap) {
    nn_rt_errf(err, errlen, "path '%s/%s' is longer than %zu bytes", dir ? dir : ".", rel,
               cap - 1u);
    return NN_RT_E_USAGE;
  }
  return NN_OK;
}

void nn_rt_options_init(nn_rt_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->hal = "sim";
  opt->use_irq = 1;
}

const char *nn_rt_strerror(int code) {
  switch (code) {
    case NN_RT_E_USAGE:
      return "inconsistent or missing options";
    case NN_RT_E_FILE:
      return "a descriptor, weight or .hwh file is unreadable or malformed";
    case NN_RT_E_LIBRARY:
      return "the device library is missing, not loadable or for another model";
    case NN_RT_E_HAL:
      return "the HAL could not be created (device not found or not mappable)";
    case NN_RT_E_HWH:
      return "the .hwh does not match the model descriptor";
    default:
      return nn_strerror(code);
  }
}

int nn_rt_read_desc(const char *dir, nn_model_text *out, char *err, size_t errlen) {
  char path[4096];
  int rc = nn_rt_join(path, sizeof path, dir, NN_RT_DESC_FILE, err, errlen);
  if (rc != NN_OK) return rc;
  char *text = NULL;
  size_t size = 0;
  rc = nn_rt_read_file(path, NN_RT_DESC_MAX_BYTES, &text, &size, err, errlen);
  if (rc != NN_OK) return rc;
  char why[256];
  rc = nn_model_text_parse(text, size, out, why, sizeof why);
  free(text);
  if (rc != NN_OK) {
    nn_rt_errf(err, errlen, "%s: %s", path, why);
    return NN_RT_E_FILE;
  }
  return NN_OK;
}

/* The driver's log hook: keep the last error-level line (it says more than
 * nn_strerror) and pass everything on to the caller's hook. */
static void rt_log(void *user, int level, const char *msg) {
  nn_rt_device *d = user;
  if (level == 0) nn_rt_errf(d->driver_msg, sizeof d->driver_msg, "%s", msg);
  if (d->user_log != NULL) d->user_log(d->user_log_user, level, msg);
}

/* Records a driver failure of `what` in last_error. Called with the lock held. */
static int driver_fail(nn_rt_device *d, int rc, const char *what) {
  if (d->driver_msg[0] != '\0') {
    nn_rt_errf(d->last_error, sizeof d->last_error, "%s: %s (%s)", what, nn_strerror(rc),
               d->driver_msg);
  } else {
    nn_rt_errf(d->last_error, sizeof d->last_error, "%s: %s", what, nn_strerror(rc));
  }
  return rc;
}

static int place_from_options(const nn_model_text *m, const nn_rt_options *opt, nn_rt_place *place,
                              char *err, size_t errlen) {
  place->base = opt->ctrl_base;
  place->range = opt->ctrl_size;
  if (opt->hwh_path == NULL) return NN_OK;
  nn_rt_place from_hwh = {0, 0};
  const int rc = nn_rt_hwh_place(m, opt->hwh_path, &from_hwh, err, errlen);
  if (rc != NN_OK) return rc;
  if (opt->ctrl_base != 0u && opt->ctrl_base != from_hwh.base) {
    nn_rt_errf(err, errlen,
               "--ctrl-base 0x%llx differs from the base 0x%llx of the IP in %s; give one of them",
               (unsigned long long)opt->ctrl_base, (unsigned long long)from_hwh.base,
               opt->hwh_path);
    return NN_RT_E_USAGE;
  }
  place->base = from_hwh.base;
  if (place->range == 0u) place->range = from_hwh.range;
  return NN_OK;
}

int nn_rt_open(nn_rt_device **out, const char *dir, const nn_rt_options *opt_in, char *err,
               size_t errlen) {
  if (out == NULL || dir == NULL) {
    nn_rt_errf(err, errlen, "nn_rt_open: NULL argument");
    return NN_RT_E_USAGE;
  }
  *out = NULL;
  nn_rt_options defaults;
  nn_rt_options_init(&defaults);
  const nn_rt_options *opt = opt_in != NULL ? opt_in : &defaults;
  const char *hal = opt->hal != NULL ? opt->hal : "sim";
  if (strcmp(hal, "sim") != 0 && strcmp(hal, "uio") != 0 && strcmp(hal, "devmem") != 0) {
    nn_rt_errf(err, errlen, "unknown HAL '%s' (sim, uio or devmem)", hal);
    return NN_RT_E_USAGE;
  }

  nn_rt_device *d = calloc(1, sizeof *d);
  if (d == NULL) {
    nn_rt_errf(err, errlen, "out of memory");
    return NN_E_NOMEM;
  }
  int rc = nn_rt_join(d->dir, sizeof d->dir, NULL, dir, err, errlen);
  if (rc == NN_OK) rc = nn_rt_read_desc(dir, &d->model, err, errlen);
  if (rc != NN_OK) {
    free(d);
    return rc;
  }

  nn_rt_place place = {0, 0};
  if (strcmp(hal, "sim") == 0) {
    if (opt->hwh_path != NULL) {
      /* Checking a .hwh needs no board: do it so the same command validates the design. */
      rc = place_from_options(&d->model, opt, &place, err, errlen);
    }
    if (rc == NN_OK) rc = nn_rt_sim_create(&d->model, dir, opt, &d->be, err, errlen);
  } else {
    rc = place_from_options(&d->model, opt, &place, err, errlen);
    if (rc == NN_OK && strcmp(hal, "uio") == 0)
      rc = nn_rt_uio_create(&d->model, opt, &place, &d->be, err, errlen);
    else if (rc == NN_OK)
      rc = nn_rt_devmem_create(&d->model, opt, &place, &d->be, err, errlen);
  }
  if (rc != NN_OK) {
    free(d);
    return rc;
  }

  d->user_log = opt->log;
  d->user_log_user = opt->log_user;
  nn_options o;
  nn_options_init(&o);
  if (opt->max_batch != 0u) o.max_batch = opt->max_batch;
  if (opt->timeout_us != 0u) o.timeout_us = opt->timeout_us;
  o.use_irq = opt->use_irq;
  /* The descriptor says whether the masters sit on a coherent port (nngen --dma-port). */
  o.coherent = d->model.coherent != 0u;
  o.log = rt_log;
  o.log_user = d;
  rc = nn_open(&d->dev, &d->model.desc, &d->be.hal, &o);
  if (rc != NN_OK) {
    driver_fail(d, rc, "nn_open");
    nn_rt_errf(err, errlen, "%s (HAL %s, %s/" NN_RT_DESC_FILE ")", d->last_error, d->be.name, dir);
    d->be.close(&d->be);
    free(d);
    return rc;
  }
  d->opened = 1;
  if (pthread_mutex_init(&d->lock, NULL) != 0) {
    nn_rt_errf(err, errlen, "cannot create the device lock");
    nn_close(&d->dev);
    d->be.close(&d->be);
    free(d);
    return NN_RT_E_HAL;
  }
  *out = d;
  return NN_OK;
}

void nn_rt_close(nn_rt_device *d) {
  if (d == NULL) return;
  pthread_mutex_lock(&d->lock);
  if (d->opened) nn_close(&d->dev);
  d->opened = 0;
  pthread_mutex_unlock(&d->lock);
  pthread_mutex_destroy(&d->lock);
  d->be.close(&d->be);
  free(d);
}

const nn_model_text *nn_rt_model(const nn_rt_device *d) { return &d->model; }
const char *nn_rt_hal_name(const nn_rt_device *d) { return d->be.name; }
const char *nn_rt_last_error(const nn_rt_device *d) { return d->last_error; }

/* Takes the lock and refuses work while an async job is in flight. */
static int begin_job(nn_rt_device *d, const char *what) {
  pthread_mutex_lock(&d->lock);
  d->driver_msg[0] = '\0';
  d->last_error[0] = '\0';
  if (d->busy) {
    nn_rt_errf(d->last_error, sizeof d->last_error,
               "%s: a job started with nn_rt_start is in flight; collect it with nn_rt_wait first",
               what);
    pthread_mutex_unlock(&d->lock);
    return NN_E_BUSY;
  }
  return NN_OK;
}

int nn_rt_load_weights(nn_rt_device *d, const void *nnw, size_t size) {
  int rc = begin_job(d, "nn_load_weights");
  if (rc != NN_OK) return rc;
  rc = nn_load_weights(&d->dev, nnw, size);
  if (rc != NN_OK) driver_fail(d, rc, "nn_load_weights");
  pthread_mutex_unlock(&d->lock);
  return rc;
}

int nn_rt_load_weights_file(nn_rt_device *d, const char *path) {
  char joined[4096];
  if (path == NULL) {
    if (nn_rt_join(joined, sizeof joined, d->dir, d->model.weights_path, d->last_error,
                   sizeof d->last_error) != NN_OK)
      return NN_RT_E_USAGE;
    path = joined;
  }
  /* A weight file is its payload plus a header and tensor table far below 1 MiB. */
  const size_t limit = (size_t)d->model.desc.weight_words * 4u + ((size_t)1 << 20);
  char *blob = NULL;
  size_t size = 0;
  char why[1024];
  int rc = nn_rt_read_file(path, limit, &blob, &size, why, sizeof why);
  if (rc != NN_OK) {
    nn_rt_errf(d->last_error, sizeof d->last_error, "weight file %s", why);
    return rc;
  }
  rc = nn_rt_load_weights(d, blob, size);
  free(blob);
  if (rc != NN_OK && rc != NN_E_BUSY) {
    char msg[sizeof d->last_error];
    snprintf(msg, sizeof msg, "%s", d->last_error);
    nn_rt_errf(d->last_error, sizeof d->last_error, "%s: %s", path, msg);
  }
  return rc;
}

int nn_rt_predict(nn_rt_device *d, const float *in, float *out, uint32_t batch) {
  int rc = begin_job(d, "nn_predict");
  if (rc != NN_OK) return rc;
  rc = nn_predict(&d->dev, in, out, batch);
  if (rc != NN_OK) driver_fail(d, rc, "nn_predict");
  pthread_mutex_unlock(&d->lock);
  return rc;
}

/* Starts a job on what the input buffer holds (after copying `in` there when it is not NULL). */
static int start_job(nn_rt_device *d, const float *in, uint32_t batch, const char *what) {
  int rc = begin_job(d, what);
  if (rc != NN_OK) return rc;
  uint32_t capacity = 0;
  float *buf = nn_input_buffer(&d->dev, &capacity);
  if (buf == NULL || batch == 0u || batch > capacity) {
    rc = buf == NULL ? NN_E_STATE : NN_E_BATCH;
    nn_rt_errf(d->last_error, sizeof d->last_error, "%s: %s (batch %u, capacity %u)", what,
               nn_strerror(rc), (unsigned)batch, (unsigned)capacity);
  } else {
    if (in != NULL) memcpy(buf, in, (size_t)batch * d->model.desc.input_size * sizeof(float));
    rc = nn_start(&d->dev, batch);
    if (rc != NN_OK) {
      driver_fail(d, rc, what);
    } else {
      d->busy = 1;
      d->pending = batch;
    }
  }
  pthread_mutex_unlock(&d->lock);
  return rc;
}

int nn_rt_start(nn_rt_device *d, const float *in, uint32_t batch) {
  if (in == NULL) {
    pthread_mutex_lock(&d->lock);
    nn_rt_errf(d->last_error, sizeof d->last_error,
               "nn_start: in is NULL (use nn_rt_start_in_place for the zero-copy buffer)");
    pthread_mutex_unlock(&d->lock);
    return NN_E_INVAL;
  }
  return start_job(d, in, batch, "nn_start");
}

int nn_rt_start_in_place(nn_rt_device *d, uint32_t batch) {
  return start_job(d, NULL, batch, "nn_start_in_place");
}

float *nn_rt_input_buffer(nn_rt_device *d, uint32_t *capacity_samples) {
  return nn_input_buffer(&d->dev, capacity_samples);
}

const float *nn_rt_output_buffer(nn_rt_device *d) { return nn_output_buffer(&d->dev); }

int nn_rt_wait(nn_rt_device *d, float *out, uint32_t timeout_us) {
  pthread_mutex_lock(&d->lock);
  d->driver_msg[0] = '\0';
  d->last_error[0] = '\0';
  int rc;
  if (!d->busy) {
    rc = NN_E_STATE;
    nn_rt_errf(d->last_error, sizeof d->last_error, "nn_wait: no job in flight (call nn_rt_start)");
  } else {
    rc = nn_wait(&d->dev, timeout_us);
    if (rc == NN_E_TIMEOUT) {
      driver_fail(d, rc, "nn_wait"); /* still in flight: wait again */
    } else {
      d->busy = 0;
      if (rc != NN_OK) {
        driver_fail(d, rc, "nn_wait");
      } else if (out != NULL) {
        memcpy(out, nn_output_buffer(&d->dev),
               (size_t)d->pending * d->model.desc.output_size * sizeof(float));
      }
    }
  }
  pthread_mutex_unlock(&d->lock);
  return rc;
}

void nn_rt_get_stats(nn_rt_device *d, nn_stats *out) {
  pthread_mutex_lock(&d->lock);
  *out = *nn_get_stats(&d->dev);
  pthread_mutex_unlock(&d->lock);
}

void nn_rt_reset_stats(nn_rt_device *d) {
  pthread_mutex_lock(&d->lock);
  nn_reset_stats(&d->dev);
  pthread_mutex_unlock(&d->lock);
}

void nn_rt_abi_sizes(size_t *options, size_t *stats, size_t *model_desc) {
  if (options != NULL) *options = sizeof(nn_rt_options);
  if (stats != NULL) *stats = sizeof(nn_stats);
  if (model_desc != NULL) *model_desc = sizeof(nn_model_desc);
}
