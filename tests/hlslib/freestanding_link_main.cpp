// The entry of the link check in freestanding_cross.cmake: a program that calls a generated top
// (named net) and the API exerciser, linked by the C driver (gcc, so no libstdc++/libsupc++ is on
// the link line) against the toolchain's C library. It is only linked, never run.
#include <stdint.h>

#include "net_accel.h"

extern "C" uint64_t nnfs_api_digest(void);

int main(void) {
  static float in[NET_INPUT_SIZE], out[NET_OUTPUT_SIZE];
  static uint32_t weights[NET_WEIGHT_WORDS];
  uint32_t r = net_accel(in, out, weights, 0u, 1u);
  r += net_accel(in, out, weights, 1u, 0u);
  return static_cast<int>((nnfs_api_digest() ^ r) & 1u);
}
