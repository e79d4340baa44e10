// nnw_builder.h - builds .nnw blobs for tests, following
// nndriver/nn_nnw_format.h, with zlib's crc32 (an implementation independent
// of the driver's nn_crc32), plus helpers to patch fields of a built blob.
#ifndef TESTS_DRIVER_NNW_BUILDER_H
#define TESTS_DRIVER_NNW_BUILDER_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnw_test {

struct Tensor {
  std::string name;           // < 64 bytes
  uint32_t offset = 0;        // first word in the payload
  uint32_t count = 0;         // words
  std::vector<uint32_t> dims; // rank = dims.size() (<= 4)
};

struct Spec {
  uint16_t version_major = 1;
  uint16_t version_minor = 0;
  uint32_t signature = 0;
  uint32_t bus_format = 0;
  std::vector<Tensor> tensors;
  std::vector<uint32_t> payload; // raw words, written little-endian
};

// A valid blob for `spec` (payload_offset = table end rounded up to 64).
std::vector<uint8_t> Build(const Spec& spec);

// A spec with one tensor "w" covering `words` words of distinct, finite float
// values derived from `seed`.
Spec MakeSpec(uint32_t signature, uint32_t words, uint32_t seed = 1);

uint32_t GetU32(const std::vector<uint8_t>& blob, size_t off);
void PutU32(std::vector<uint8_t>& blob, size_t off, uint32_t v);
void PutU16(std::vector<uint8_t>& blob, size_t off, uint16_t v);

// Recompute the CRC fields after patching (header CRC covers the payload CRC
// field, so refresh the payload CRC first).
void RefreshPayloadCrc(std::vector<uint8_t>& blob);
void RefreshHeaderCrc(std::vector<uint8_t>& blob);

}  // namespace nnw_test

#endif  // TESTS_DRIVER_NNW_BUILDER_H
