/*
 * nn_crc32.h - CRC-32 as used by .nnw files: IEEE 802.3 polynomial
 * (reflected 0xEDB88320), initial value and final XOR 0xFFFFFFFF - the same
 * function as zlib's crc32(). Own implementation because bare-metal targets
 * have no zlib (see docs/nnw-format.md).
 */
#ifndef NNDRIVER_NN_CRC32_H
#define NNDRIVER_NN_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Chains like zlib: crc = nn_crc32(0, a, n); crc = nn_crc32(crc, b, m);
 * gives the CRC of a followed by b. `data` may be unaligned; NULL with len 0 is
 * allowed. */
uint32_t nn_crc32(uint32_t crc, const void *data, size_t len);

#endif /* NNDRIVER_NN_CRC32_H */
