// virtual_board.h - the device model of the virtual board: when the mock HAL
// accepts ap_start, the shared device model (nnhal/nn_devmodel.h, also behind
// the sim HAL) decodes the argument registers exactly as the IP would, turns
// the bus addresses into host pointers into simulated DDR and calls the
// generated top compiled for the host.
#ifndef NNACCEL_VIRTUAL_BOARD_H
#define NNACCEL_VIRTUAL_BOARD_H

#include <stdint.h>

#include "nndriver/nn_model.h"
#include "nnhal/nn_devmodel.h"  // nn_top_fn, the decoding shared with the sim HAL
#include "nnhal/nn_hal_mock.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nn_vboard_model {
  const nn_model_desc *desc;
  nn_top_fn top;
} nn_vboard_model;

// Returned when the driver programmed an address outside every DMA buffer
// (the mock also counts a bus fault); real hardware would corrupt memory.
#define NN_VBOARD_BUS_FAULT NN_DEVMODEL_BUS_FAULT

// nn_mock_device_fn for a model; ctx is a const nn_vboard_model*.
uint32_t nn_vboard_device(void *ctx, nn_mock *mock);

// Defined by the generated <name>_board.cpp.
extern const nn_vboard_model nn_vboard_this_model;
// The project's weight file (absolute path), loaded by <name>-sim unless --weights is given.
// Also from <name>_board.cpp: sim_main.cpp is prebuilt in the SDK, the path is the project's.
extern const char nn_vboard_default_weights[];

#ifdef __cplusplus
}
#endif

#endif
