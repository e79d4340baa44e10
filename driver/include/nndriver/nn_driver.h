/*
 * nn_driver.h - libnndriver public API (C11, no heap, no OS calls).
 *
 * Lifecycle: nn_options_init -> nn_open -> nn_identify (done by nn_open unless
 * disabled) -> nn_load_weights -> nn_predict ... -> nn_close.
 *
 * Ownership: the caller owns the nn_device storage, the model descriptor and
 * the HAL context; all must outlive the device (until nn_close). The driver
 * allocates its DMA buffers through the HAL in nn_open and frees them in
 * nn_close. Functions return NN_OK (0) or a negative nn_status; none blocks
 * longer than options.timeout_us per device operation.
 * Not thread-safe: one thread per nn_device.
 */
#ifndef NNDRIVER_NN_DRIVER_H
#define NNDRIVER_NN_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "nndriver/nn_model.h"
#include "nnhal/nn_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NN_DRIVER_VERSION_MAJOR 0
#define NN_DRIVER_VERSION_MINOR 1
#define NN_DRIVER_VERSION_PATCH 0

typedef enum nn_status {
  NN_OK = 0,
  NN_E_INVAL = -1,             /* bad argument or descriptor */
  NN_E_NOMEM = -2,             /* HAL could not allocate a DMA buffer */
  NN_E_HAL = -3,               /* HAL operation failed */
  NN_E_TIMEOUT = -4,           /* accelerator did not finish in time */
  NN_E_SIGNATURE = -5,         /* accelerator is built for another model */
  NN_E_WEIGHTS_TRUNCATED = -6, /* weight blob shorter than its header says */
  NN_E_WEIGHTS_FOREIGN = -7,   /* not a .nnw file (magic) */
  NN_E_WEIGHTS_VERSION = -8,   /* unsupported .nnw format version */
  NN_E_WEIGHTS_CORRUPT = -9,   /* CRC mismatch or inconsistent header */
  NN_E_WEIGHTS_MODEL = -10,    /* weights made for another model (signature) */
  NN_E_WEIGHTS_SIZE = -11,     /* payload size differs from the model's */
  NN_E_WEIGHTS_TRANSFER = -12, /* accelerator checksum differs: corrupted in transit */
  NN_E_BATCH = -13,            /* batch is 0 or exceeds the buffer capacity */
  NN_E_STATE = -14,            /* call not valid now (not open, no weights, busy) */
  NN_E_DEVICE = -15,           /* accelerator returned an unexpected result */
  NN_E_BUSY = -16              /* an asynchronous run is in progress */
} nn_status;

/* Log hook: the driver never prints. level: 0 error, 1 warning, 2 info, 3 debug. */
typedef void (*nn_log_fn)(void *user, int level, const char *msg);

typedef struct nn_options {
  uint32_t max_batch;  /* buffer capacity in samples (default: model->max_batch) */
  uint32_t timeout_us; /* per device operation (default 1000000) */
  int use_irq;         /* wait on the HAL interrupt if it has one (default 1) */
  int skip_identify;   /* do not check the signature in nn_open (default 0) */
  int coherent;        /* skip cache maintenance: only for coherent ports (default 0) */
  nn_log_fn log;       /* may be NULL */
  void *log_user;
} nn_options;

/* Register accesses are counted where the driver makes them (driver/src/nn_regs.c), so the
 * figures are exact. Accesses a HAL makes on its own (wait_irq acknowledging ISR) are not the
 * driver's and are not counted here. */
typedef struct nn_stats {
  uint64_t predict_calls;
  uint64_t samples;
  uint64_t weight_loads;
  uint64_t device_time_us;          /* start to done, summed */
  uint64_t mmio_reads, mmio_writes; /* every access, the completion waits included */
  uint64_t wait_mmio_reads;         /* the part of mmio_reads spent polling AP_CTRL for ap_done */
  uint64_t last_mmio_accesses;      /* reads + writes of the last device operation, outside its
                                       completion wait (steady-state nn_predict: 2) */
  uint64_t last_wait_mmio;          /* AP_CTRL polls of the last operation's completion wait
                                       (0 when it waited on the interrupt) */
  uint64_t timeouts;
} nn_stats;

/* The device handle. Caller-allocated; fields are private to the driver. */
typedef struct nn_device {
  const nn_model_desc *model;
  nn_hal hal;
  nn_options opt;
  nn_dma_buf in_buf, out_buf, w_buf;
  uint32_t state;     /* private: NN_DEV_* */
  uint32_t pending;   /* private: samples of the run in flight */
  uint32_t signature; /* what identify returned */
  uint32_t arg_batch; /* private: value in the batch register (valid per state flags) */
  uint32_t arg_mode;  /* private: value in the mode register (valid per state flags) */
  uint64_t start_us;
  nn_stats stats;
} nn_device;

void nn_options_init(nn_options *opt);

/* Allocates the DMA buffers, stops auto-restart, and (unless skip_identify)
 * checks the accelerator's signature against model->signature.
 * Errors: NN_E_INVAL, NN_E_NOMEM, NN_E_TIMEOUT, NN_E_SIGNATURE. */
int nn_open(nn_device *dev, const nn_model_desc *model, const nn_hal *hal, const nn_options *opt);
void nn_close(nn_device *dev);

/* Runs mode 2; stores the signature in *signature (may be NULL).
 * Errors: NN_E_STATE, NN_E_TIMEOUT, NN_E_SIGNATURE. */
int nn_identify(nn_device *dev, uint32_t *signature);

/* Checks the .nnw blob (magic, version, header and payload CRC, signature,
 * size), copies the payload to the weight buffer, runs mode 1, and compares the
 * checksum the accelerator computed over the words it received.
 * Errors: NN_E_WEIGHTS_*, NN_E_TIMEOUT, NN_E_STATE. */
int nn_load_weights(nn_device *dev, const void *nnw, size_t size);

/* in: batch * input_size floats; out: batch * output_size floats.
 * Errors: NN_E_BATCH, NN_E_STATE (no weights loaded), NN_E_TIMEOUT, NN_E_DEVICE. */
int nn_predict(nn_device *dev, const float *in, float *out, uint32_t batch);

/* Zero-copy: fill nn_input_buffer(), nn_start(), nn_wait(), read nn_output_buffer(). */
float *nn_input_buffer(nn_device *dev, uint32_t *capacity_samples);
const float *nn_output_buffer(nn_device *dev);
int nn_start(nn_device *dev, uint32_t batch);
int nn_wait(nn_device *dev, uint32_t timeout_us);

const nn_stats *nn_get_stats(const nn_device *dev);
void nn_reset_stats(nn_device *dev);

/* Never NULL; a static English message. */
const char *nn_strerror(int status);

/* The checksum mode 1 returns, over the raw 32-bit words (shared with the HLS
 * top and the generator): a = sum(w), b = sum of running a, both mod 2^32;
 * result = a ^ rotl32(b, 16). */
uint32_t nn_weight_checksum(const uint32_t *words, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_DRIVER_H */
