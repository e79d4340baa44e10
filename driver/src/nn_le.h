/*
 * nn_le.h - little-endian decoding byte by byte: .nnw blobs may sit at any
 * address (a file read into a byte array) and the host may be big-endian, so
 * the reader never casts a blob pointer to a wider type.
 */
#ifndef NNDRIVER_NN_LE_H
#define NNDRIVER_NN_LE_H

#include <stdint.h>

static inline uint16_t nn_le16(const unsigned char *p) {
  return (uint16_t)((unsigned)p[0] | ((unsigned)p[1] << 8));
}

static inline uint32_t nn_le32(const unsigned char *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

#endif /* NNDRIVER_NN_LE_H */
