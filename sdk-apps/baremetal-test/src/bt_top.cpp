// bt_top.cpp - the generated accelerator top, compiled for this CPU (the
// nnfixed emulation, freestanding), given C linkage for the sim HAL's device
// model. Only the sim HAL calls it; with the baremetal HAL the PL does the work.
#include <stdint.h>

#define BT_CAT2(a, b) a##b
#define BT_CAT(a, b) BT_CAT2(a, b)
#define BT_STR2(a) #a
#define BT_STR(a) BT_STR2(a)

#include BT_STR(BT_CAT(NN_MODEL, _accel.h))

extern "C" uint32_t bt_top(const float *in, float *out, const uint32_t *weights, uint32_t batch,
                           uint32_t mode) {
  return BT_CAT(NN_MODEL, _accel)(in, out, weights, batch, mode);
}
