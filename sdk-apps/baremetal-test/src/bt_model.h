/*
 * bt_model.h - binds the image to one generated model without naming it in
 * the sources: the build defines NN_MODEL (the name given to nngen, a C
 * identifier such as `iris`) and NN_MODEL_UC (the same in upper case), and
 * puts the generated project's driver/ folder and the data.h directory on the
 * include path. Everything model-specific is reached through the BT_* names.
 */
#ifndef BT_MODEL_H
#define BT_MODEL_H

#include <stdint.h>

#include "nndriver/nn_model.h"

#if !defined(NN_MODEL) || !defined(NN_MODEL_UC)
#error "define NN_MODEL and NN_MODEL_UC (the model's name, as given to nngen --name)"
#endif

#define BT_CAT2(a, b) a##b
#define BT_CAT(a, b) BT_CAT2(a, b)
#define BT_STR2(a) #a
#define BT_STR(a) BT_STR2(a)

/* <name>_config.h: the model descriptor, `static const nn_model_desc <name>_model`. */
#include BT_STR(BT_CAT(NN_MODEL, _config.h))
/* data.h from `nngen embed` (the file name is fixed by the build). */
#include "data.h"

#define BT_DESC (&BT_CAT(NN_MODEL, _model))
#define BT_COUNT BT_CAT(NN_MODEL_UC, _DATA_COUNT)
#define BT_DATA_SIGNATURE BT_CAT(NN_MODEL_UC, _DATA_SIGNATURE)
#define BT_HAS_LABELS BT_CAT(NN_MODEL_UC, _DATA_HAS_LABELS)
#define BT_HAS_REFERENCE BT_CAT(NN_MODEL_UC, _DATA_HAS_REFERENCE)
#define BT_INPUTS BT_CAT(NN_MODEL, _data_inputs)
#define BT_EXPECTED BT_CAT(NN_MODEL, _data_expected)
#define BT_LABELS BT_CAT(NN_MODEL, _data_labels)
#define BT_REFERENCE BT_CAT(NN_MODEL, _data_reference)

/* The per-sample sizes data.h was written for (checked against the descriptor at run time). */
#define BT_DATA_INPUT_SIZE (sizeof BT_INPUTS[0] / sizeof(float))
#define BT_DATA_OUTPUT_SIZE (sizeof BT_EXPECTED[0] / sizeof(float))

/* The generated top (C++), wrapped with C linkage by bt_top.cpp. */
uint32_t bt_top(const float *in, float *out, const uint32_t *weights, uint32_t batch,
                uint32_t mode);

/* The weight file linked into the image (bt_weights.S). */
extern const unsigned char bt_weights_start[];
extern const unsigned char bt_weights_end[];

#endif
