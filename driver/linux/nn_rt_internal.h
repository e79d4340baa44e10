/* nn_rt_internal.h - private pieces of the Linux runtime layer (nn_runtime.h). */
#ifndef NNDRIVER_NN_RT_INTERNAL_H
#define NNDRIVER_NN_RT_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#include "nndriver/nn_runtime.h"

/* A created HAL and how to dispose of it. */
typedef struct nn_rt_backend {
  const char *name; /* "sim", "uio", "devmem" */
  nn_hal hal;
  void *state; /* backend object (plugin instance, nn_uio, nn_devmem) */
  void (*close)(struct nn_rt_backend *b);
  void *lib;          /* sim: dlopen handle */
  const void *plugin; /* sim: const nn_sim_plugin * */
} nn_rt_backend;

/* Where the accelerator sits, from options and/or the .hwh. */
typedef struct nn_rt_place {
  uint64_t base;  /* 0: unknown */
  uint64_t range; /* 0: unknown */
} nn_rt_place;

struct nn_rt_device {
  pthread_mutex_t lock;
  nn_model_text model; /* model.desc is what nn_open got */
  nn_rt_backend be;
  nn_device dev;
  int opened;       /* nn_open succeeded */
  int busy;         /* a job from nn_rt_start is in flight */
  uint32_t pending; /* its batch */
  nn_log_fn user_log;
  void *user_log_user;
  char dir[4096];
  char driver_msg[256]; /* last error-level message of the driver's log hook */
  char last_error[2048];
};

/* snprintf into err (err may be NULL). */
void nn_rt_errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* DIR + "/" + rel into out; NN_RT_E_USAGE if it does not fit. */
int nn_rt_join(char *out, size_t cap, const char *dir, const char *rel, char *err, size_t errlen);

/* Backends: fill *b or return an NN_RT_E_* code with a message. */
int nn_rt_sim_create(const nn_model_text *m, const char *dir, const nn_rt_options *opt,
                     nn_rt_backend *b, char *err, size_t errlen);
int nn_rt_uio_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                     nn_rt_backend *b, char *err, size_t errlen);
int nn_rt_devmem_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                        nn_rt_backend *b, char *err, size_t errlen);

/* Checks the descriptor's IP in the .hwh and reports where it sits.
 * NN_RT_E_HWH with the per-check report on a mismatch; NN_RT_E_USAGE when
 * this build has no .hwh reader. */
int nn_rt_hwh_place(const nn_model_text *m, const char *hwh_path, nn_rt_place *place, char *err,
                    size_t errlen);

#endif /* NNDRIVER_NN_RT_INTERNAL_H */
