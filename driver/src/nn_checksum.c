/*
 * nn_checksum.c - the weight checksum shared with the HLS top (mode 1) and
 * the generator. A Fletcher-like pair of 32-bit sums: cheap in hardware (one
 * add per word each, II=1) and, unlike a plain sum, sensitive to word order.
 */
#include "nn_checksum.h"

#include "nndriver/nn_driver.h"

uint32_t nn_weight_checksum(const uint32_t *words, size_t count) {
  nn_checksum_state s;
  nn_checksum_init(&s);
  for (size_t i = 0; i < count; ++i) nn_checksum_add(&s, words[i]);
  return nn_checksum_result(&s);
}
