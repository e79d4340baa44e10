#include "support/hash.h"

#include <zlib.h>

namespace nngen {

uint32_t fnv1a32(std::string_view text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

uint32_t crc32_ieee(const void* data, std::size_t size) {
  // zlib takes uInt lengths; feed large buffers in pieces.
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* p = static_cast<const Bytef*>(data);
  while (size > 0) {
    uInt n = size > 0x40000000u ? 0x40000000u : static_cast<uInt>(size);
    crc = crc32(crc, p, n);
    p += n;
    size -= n;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace nngen
