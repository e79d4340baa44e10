/*
 * nn_runtime.h - the Linux runtime layer (library nnruntime): opens a
 * generated project's or board package's accelerator from its model
 * descriptor file (nnaccel-model.desc, docs/model-desc.md) at run time, so one
 * program drives every model without being compiled for it.
 *
 * It creates the HAL by name ("sim": the project's device library through
 * dlopen; "uio"; "devmem"), optionally checks the accelerator in a Vivado
 * .hwh against the descriptor and takes its base address from it, opens the
 * libnndriver device and loads the weights.
 *
 * Threads: every function may be called from any thread. A device runs one
 * job at a time: a per-device mutex serializes predict / load_weights / start
 * / wait, and while a job started with nn_rt_start() is in flight every other
 * job on that device is refused with NN_E_BUSY until nn_rt_wait() collects it
 * (which any thread may do). Devices are independent: several per process,
 * each used by its own thread, run concurrently.
 *
 * Errors: functions return NN_OK (0), a negative nn_status from the driver,
 * or one of NN_RT_E_* below; a message naming the file, field or library is
 * written to `err` (or kept for nn_rt_last_error()).
 * Ownership: nn_rt_open() allocates the device; nn_rt_close() frees it, its
 * HAL and (for sim) unloads the library when its last device closes.
 */
#ifndef NNDRIVER_NN_RUNTIME_H
#define NNDRIVER_NN_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "nndriver/nn_driver.h"
#include "nndriver/nn_model_text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runtime errors (beyond the driver's nn_status values). */
#define NN_RT_E_USAGE (-100)   /* inconsistent or missing options */
#define NN_RT_E_FILE (-101)    /* descriptor/weights/.hwh file unreadable or malformed */
#define NN_RT_E_LIBRARY (-102) /* device library missing, not loadable, wrong ABI or model */
#define NN_RT_E_HAL (-103)     /* the HAL could not be created (device not found, mmap...) */
#define NN_RT_E_HWH (-104)     /* the .hwh does not match the descriptor (report in err) */

/* The descriptor file's name inside a project or package folder. */
#define NN_RT_DESC_FILE "nnaccel-model.desc"

/* Largest descriptor accepted (a real one is under 1 KiB). */
#define NN_RT_DESC_MAX_BYTES (64u * 1024u)

typedef struct nn_rt_options {
  const char *hal;         /* "sim" (default), "uio" or "devmem" */
  const char *sim_library; /* sim: library path (default: the descriptor's sim_library) */
  const char *hwh_path;    /* check the IP against this .hwh; base address from it (NULL: none) */
  /* uio */
  const char *uio_name;     /* /sys/class/uio/uioN/name; NULL: by address (--ctrl-base or .hwh) */
  const char *udmabuf_name; /* default "udmabuf0" */
  int uncached;             /* map the u-dma-buf uncached (O_SYNC) */
  /* devmem (and uio by address) */
  uint64_t ctrl_base;                    /* 0: from the .hwh */
  uint32_t ctrl_size;                    /* 0: the .hwh's range, else 64 KiB */
  uint64_t carveout_base, carveout_size; /* devmem DMA window */
  /* test hooks (NULL: the real /sys, /dev, /dev/mem) */
  const char *sysfs_root, *dev_root, *mem_path;
  /* driver */
  uint32_t max_batch;  /* buffer capacity in samples (0: the descriptor's max_batch) */
  uint32_t timeout_us; /* per device operation (0: the driver's default) */
  int use_irq;         /* default 1 */
  nn_log_fn log;       /* driver messages are also passed on here; may be NULL */
  void *log_user;
} nn_rt_options;

void nn_rt_options_init(nn_rt_options *opt);

/* Never NULL; a static English message for an NN_RT_E_* code or (through
 * nn_strerror) a driver nn_status. */
const char *nn_rt_strerror(int code);

/* Reads and parses DIR/nnaccel-model.desc (bounded, untrusted). */
int nn_rt_read_desc(const char *dir, nn_model_text *out, char *err, size_t errlen);

typedef struct nn_rt_device nn_rt_device;

/* Opens the accelerator described by DIR/nnaccel-model.desc (`dir` is a
 * project or package folder). No weights are loaded yet. */
int nn_rt_open(nn_rt_device **out, const char *dir, const nn_rt_options *opt, char *err,
               size_t errlen);
void nn_rt_close(nn_rt_device *dev);

/* The descriptor the device was opened with (valid until nn_rt_close). */
const nn_model_text *nn_rt_model(const nn_rt_device *dev);
/* The HAL that was created: "sim", "uio" or "devmem". */
const char *nn_rt_hal_name(const nn_rt_device *dev);

/* Loads a .nnw file (NULL: the descriptor's `weights`, relative to its folder). */
int nn_rt_load_weights_file(nn_rt_device *dev, const char *path);
int nn_rt_load_weights(nn_rt_device *dev, const void *nnw, size_t size);

/* Synchronous: batch samples of input_size floats in, output_size floats out. */
int nn_rt_predict(nn_rt_device *dev, const float *in, float *out, uint32_t batch);

/* Asynchronous: copies `in` and starts; NN_E_BUSY while another job is in flight. */
int nn_rt_start(nn_rt_device *dev, const float *in, uint32_t batch);
/* Waits for the job started by nn_rt_start or nn_rt_start_in_place (from any
 * thread) and copies its batch * output_size results to `out`; with out NULL
 * the results stay in nn_rt_output_buffer(). timeout_us 0: the device's
 * timeout. NN_E_STATE if nothing is in flight; after NN_E_TIMEOUT the job
 * stays in flight and nn_rt_wait may be called again. */
int nn_rt_wait(nn_rt_device *dev, float *out, uint32_t timeout_us);

/* Zero-copy: the driver's own DMA buffers (valid until nn_rt_close; NULL
 * before the device is open). Write up to *capacity_samples samples into
 * nn_rt_input_buffer(), nn_rt_start_in_place(batch), nn_rt_wait(dev, NULL, t),
 * then read batch * output_size floats from nn_rt_output_buffer(). The driver
 * does the cache maintenance; do not touch the buffers while a job is in flight. */
float *nn_rt_input_buffer(nn_rt_device *dev, uint32_t *capacity_samples);
const float *nn_rt_output_buffer(nn_rt_device *dev);
int nn_rt_start_in_place(nn_rt_device *dev, uint32_t batch);

/* A copy of the driver's statistics (taken under the device lock). */
void nn_rt_get_stats(nn_rt_device *dev, nn_stats *out);
void nn_rt_reset_stats(nn_rt_device *dev);

/* Message of the last failure on this device ("" if none); valid until the next call on it.
 * Includes the driver's own log line when it gave one. */
const char *nn_rt_last_error(const nn_rt_device *dev);

/* The sizes of the public structs as this library was compiled, so a binding
 * that mirrors them (python/nnaccel) can refuse a library from another version
 * instead of reading garbage. Any pointer may be NULL. */
void nn_rt_abi_sizes(size_t *options, size_t *stats, size_t *model_desc);

/* Bounded whole-file read (regular files only; at most `limit` bytes). The
 * buffer is malloc'ed and NUL-terminated (not counted in *size); free() it.
 * 0 or NN_RT_E_FILE with "PATH: reason" in err. */
int nn_rt_read_file(const char *path, size_t limit, char **data, size_t *size, char *err,
                    size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_RUNTIME_H */
