// nnw_builder.cpp - see nnw_builder.h.
#include "nnw_builder.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

#include "nndriver/nn_nnw_format.h"

namespace nnw_test {

uint32_t GetU32(const std::vector<uint8_t>& b, size_t off) {
  if (off + 4 > b.size()) throw std::out_of_range("GetU32 past the end of the blob");
  return uint32_t(b[off]) | uint32_t(b[off + 1]) << 8 | uint32_t(b[off + 2]) << 16 |
         uint32_t(b[off + 3]) << 24;
}

void PutU32(std::vector<uint8_t>& b, size_t off, uint32_t v) {
  if (off + 4 > b.size()) throw std::out_of_range("PutU32 past the end of the blob");
  for (int i = 0; i < 4; ++i) b[off + i] = uint8_t(v >> (8 * i));
}

void PutU16(std::vector<uint8_t>& b, size_t off, uint16_t v) {
  if (off + 2 > b.size()) throw std::out_of_range("PutU16 past the end of the blob");
  b[off] = uint8_t(v);
  b[off + 1] = uint8_t(v >> 8);
}

static uint32_t Crc(const uint8_t* p, size_t n) {
  return uint32_t(crc32(crc32(0L, Z_NULL, 0), p, uInt(n)));
}

void RefreshPayloadCrc(std::vector<uint8_t>& b) {
  uint32_t off = GetU32(b, NNW_OFF_PAYLOAD_OFFSET);
  uint32_t size = GetU32(b, NNW_OFF_PAYLOAD_SIZE);
  if (size_t(off) + size > b.size()) throw std::out_of_range("payload past the end of the blob");
  PutU32(b, NNW_OFF_PAYLOAD_CRC, Crc(b.data() + off, size));
}

void RefreshHeaderCrc(std::vector<uint8_t>& b) {
  uint32_t off = GetU32(b, NNW_OFF_PAYLOAD_OFFSET);
  if (off > b.size() || off < NNW_HEADER_SIZE) throw std::out_of_range("bad payload_offset");
  PutU32(b, NNW_OFF_HEADER_CRC, 0);
  PutU32(b, NNW_OFF_HEADER_CRC, Crc(b.data(), off));
}

std::vector<uint8_t> Build(const Spec& s) {
  size_t table_end = NNW_HEADER_SIZE + NNW_ENTRY_SIZE * s.tensors.size();
  size_t payload_offset = (table_end + 63) / 64 * 64;
  size_t payload_size = 4 * s.payload.size();
  std::vector<uint8_t> b(payload_offset + payload_size, 0);

  b[NNW_OFF_MAGIC + 0] = NNW_MAGIC_0;
  b[NNW_OFF_MAGIC + 1] = NNW_MAGIC_1;
  b[NNW_OFF_MAGIC + 2] = NNW_MAGIC_2;
  b[NNW_OFF_MAGIC + 3] = NNW_MAGIC_3;
  PutU16(b, NNW_OFF_VERSION_MAJOR, s.version_major);
  PutU16(b, NNW_OFF_VERSION_MINOR, s.version_minor);
  PutU32(b, NNW_OFF_HEADER_SIZE, NNW_HEADER_SIZE);
  PutU32(b, NNW_OFF_SIGNATURE, s.signature);
  PutU32(b, NNW_OFF_BUS_FORMAT, s.bus_format);
  PutU32(b, NNW_OFF_TENSOR_COUNT, uint32_t(s.tensors.size()));
  PutU32(b, NNW_OFF_ENTRY_SIZE, NNW_ENTRY_SIZE);
  PutU32(b, NNW_OFF_PAYLOAD_OFFSET, uint32_t(payload_offset));
  PutU32(b, NNW_OFF_PAYLOAD_SIZE, uint32_t(payload_size));

  for (size_t i = 0; i < s.tensors.size(); ++i) {
    const Tensor& t = s.tensors[i];
    if (t.name.size() >= NNW_NAME_SIZE) throw std::invalid_argument("tensor name too long");
    if (t.dims.size() > NNW_MAX_RANK) throw std::invalid_argument("tensor rank > 4");
    size_t e = NNW_HEADER_SIZE + NNW_ENTRY_SIZE * i;
    std::memcpy(&b[e + NNW_ENT_OFF_NAME], t.name.data(), t.name.size());
    PutU32(b, e + NNW_ENT_OFF_OFFSET, t.offset);
    PutU32(b, e + NNW_ENT_OFF_COUNT, t.count);
    PutU32(b, e + NNW_ENT_OFF_RANK, uint32_t(t.dims.size()));
    for (size_t d = 0; d < t.dims.size(); ++d) PutU32(b, e + NNW_ENT_OFF_DIMS + 4 * d, t.dims[d]);
  }
  for (size_t i = 0; i < s.payload.size(); ++i) PutU32(b, payload_offset + 4 * i, s.payload[i]);
  RefreshPayloadCrc(b);
  RefreshHeaderCrc(b);
  return b;
}

Spec MakeSpec(uint32_t signature, uint32_t words, uint32_t seed) {
  Spec s;
  s.signature = signature;
  s.payload.resize(words);
  for (uint32_t i = 0; i < words; ++i) {
    float f = 0.25f * float((i * 7u + seed * 13u) % 97u) - 12.0f;
    std::memcpy(&s.payload[i], &f, 4);
  }
  s.tensors.push_back(Tensor{"w", 0, words, {words}});
  return s;
}

}  // namespace nnw_test
