/*
 * nn_checksum.h - incremental form of nn_weight_checksum() (nn_driver.h), so
 * the driver can checksum a little-endian payload while decoding it byte by
 * byte, without an aligned copy.
 */
#ifndef NNDRIVER_NN_CHECKSUM_H
#define NNDRIVER_NN_CHECKSUM_H

#include <stdint.h>

typedef struct nn_checksum_state {
  uint32_t a; /* sum of the words, mod 2^32 */
  uint32_t b; /* sum of the running values of a, mod 2^32 */
} nn_checksum_state;

static inline void nn_checksum_init(nn_checksum_state *s) {
  s->a = 0u;
  s->b = 0u;
}

static inline void nn_checksum_add(nn_checksum_state *s, uint32_t word) {
  s->a += word;
  s->b += s->a;
}

static inline uint32_t nn_checksum_result(const nn_checksum_state *s) {
  /* rotl32(b, 16); a rotation by exactly half the width has no UB edge. */
  return s->a ^ ((s->b << 16) | (s->b >> 16));
}

#endif /* NNDRIVER_NN_CHECKSUM_H */
