// Checksums nngen writes into artefacts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nngen {

// FNV-1a, 32 bit: the model signature is this hash of the architecture text
// (docs/signature.md). Chosen because the same few lines reproduce it anywhere.
uint32_t fnv1a32(std::string_view text);

// CRC-32 (IEEE 802.3) as zlib computes it; the .nnw checks use it.
uint32_t crc32_ieee(const void* data, std::size_t size);

}  // namespace nngen
