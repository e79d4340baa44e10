/*
 * nn_crc32.c - CRC-32 (IEEE 802.3), four bits per step.
 *
 * A 16-entry table (64 bytes of const data) instead of zlib's 1 KiB table or a
 * table built at run time: no writable state, small enough for any bare-metal
 * image, and ~8x faster than the bit-at-a-time loop. Verified against zlib's
 * crc32() in tests/driver.
 */
#include "nn_crc32.h"

/* kNibble[n] = CRC register after shifting the 4-bit value n through the
 * reflected polynomial 0xEDB88320 four times. */
static const uint32_t kNibble[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
    0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};

uint32_t nn_crc32(uint32_t crc, const void *data, size_t len) {
  const unsigned char *p = (const unsigned char *)data;
  crc = ~crc;
  for (size_t i = 0; i < len; ++i) {
    crc ^= p[i];
    crc = (crc >> 4) ^ kNibble[crc & 0xFu];
    crc = (crc >> 4) ^ kNibble[crc & 0xFu];
  }
  return ~crc;
}
