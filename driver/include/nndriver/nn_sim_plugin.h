/*
 * nn_sim_plugin.h - the interface of a generated project's device library
 * (build/libNAME-device.so): the virtual board of one model as a plugin, so a
 * program that is not compiled for the model (nn-run --hal sim, the Linux
 * runtime) can load it with dlopen() and drive it with the real driver.
 *
 * The library exports exactly one symbol, nn_sim_plugin_entry. It holds the
 * generated accelerator top compiled for the host, the virtual board's device
 * model and the register-accurate mock HAL, set up exactly as NAME-sim does,
 * so results are bit-identical to NAME-sim's.
 *
 * Threads: instances are independent devices; each may be used from its own
 * thread. The generated top keeps its weights in static storage (on-chip
 * memory in hardware), shared by every instance of one loaded library: the
 * library serializes device runs and restores an instance's weights when
 * another instance ran in between, so each behaves like its own accelerator.
 */
#ifndef NNDRIVER_NN_SIM_PLUGIN_H
#define NNDRIVER_NN_SIM_PLUGIN_H

#include <stdint.h>

#include "nndriver/nn_model.h"
#include "nnhal/nn_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever nn_sim_plugin or the meaning of its members changes; a
 * loader refuses a library built for another ABI. */
#define NN_SIM_PLUGIN_ABI 1u

/* The name of the one exported symbol, for dlsym(). */
#define NN_SIM_PLUGIN_ENTRY "nn_sim_plugin_entry"

typedef struct nn_sim_plugin {
  uint32_t abi;                     /* NN_SIM_PLUGIN_ABI */
  const nn_model_desc *model;       /* the descriptor compiled into the library */
  void *(*create)(nn_hal *hal_out); /* new device model + mock HAL; NULL on failure */
  void (*destroy)(void *instance);  /* the HAL from create() is invalid afterwards */
} nn_sim_plugin;

typedef const nn_sim_plugin *(*nn_sim_plugin_entry_fn)(void);

/* The one exported symbol of libNAME-device.so; never NULL. */
const nn_sim_plugin *nn_sim_plugin_entry(void);

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_SIM_PLUGIN_H */
