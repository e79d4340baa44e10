#include "backend/nnw_writer.h"

#include <algorithm>
#include <cstring>

#include "nndriver/nn_model.h"
#include "nndriver/nn_nnw_format.h"
#include "support/error.h"
#include "support/hash.h"

namespace nngen::backend {
namespace {

void put32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put16(std::string& b, size_t at, uint16_t v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>(v >> 8);
}

}  // namespace

std::string nnw_bytes(const passes::Design& d) {
  const size_t table_end = NNW_HEADER_SIZE + NNW_ENTRY_SIZE * d.weights.size();
  const size_t payload_offset = (table_end + 63) / 64 * 64;
  const size_t payload_size = static_cast<size_t>(d.weight_words) * 4;
  std::string b(payload_offset + payload_size, '\0');
  b[0] = NNW_MAGIC_0;
  b[1] = NNW_MAGIC_1;
  b[2] = NNW_MAGIC_2;
  b[3] = NNW_MAGIC_3;
  put16(b, NNW_OFF_VERSION_MAJOR, NNW_VERSION_MAJOR);
  put16(b, NNW_OFF_VERSION_MINOR, NNW_VERSION_MINOR);
  put32(b, NNW_OFF_HEADER_SIZE, NNW_HEADER_SIZE);
  put32(b, NNW_OFF_SIGNATURE, d.signature);
  put32(b, NNW_OFF_BUS_FORMAT, NN_BUS_FLOAT32);
  put32(b, NNW_OFF_TENSOR_COUNT, static_cast<uint32_t>(d.weights.size()));
  put32(b, NNW_OFF_ENTRY_SIZE, NNW_ENTRY_SIZE);
  put32(b, NNW_OFF_PAYLOAD_OFFSET, static_cast<uint32_t>(payload_offset));
  put32(b, NNW_OFF_PAYLOAD_SIZE, static_cast<uint32_t>(payload_size));
  const std::vector<uint32_t> words = passes::weight_image_words(d);
  for (size_t i = 0; i < words.size(); ++i) put32(b, payload_offset + 4 * i, words[i]);
  for (size_t t = 0; t < d.weights.size(); ++t) {
    const auto& w = d.weights[t];
    if (w.dims.size() > NNW_MAX_RANK) {
      fail_internal("weight tensor '" + w.name + "' has rank " + std::to_string(w.dims.size()) +
                    ", the .nnw table holds at most " + std::to_string(NNW_MAX_RANK));
    }
    const size_t e = NNW_HEADER_SIZE + NNW_ENTRY_SIZE * t;
    // Names longer than 63 bytes are cut; the table is informative, the
    // signature (not the names) ties the file to the model.
    std::memcpy(&b[e + NNW_ENT_OFF_NAME], w.name.data(), std::min<size_t>(w.name.size(), NNW_NAME_SIZE - 1));
    put32(b, e + NNW_ENT_OFF_OFFSET, w.offset);
    put32(b, e + NNW_ENT_OFF_COUNT, w.count);
    put32(b, e + NNW_ENT_OFF_RANK, static_cast<uint32_t>(w.dims.size()));
    for (size_t k = 0; k < w.dims.size(); ++k) {
      put32(b, e + NNW_ENT_OFF_DIMS + 4 * k, static_cast<uint32_t>(w.dims[k]));
    }
  }
  put32(b, NNW_OFF_PAYLOAD_CRC, crc32_ieee(b.data() + payload_offset, payload_size));
  put32(b, NNW_OFF_HEADER_CRC, crc32_ieee(b.data(), payload_offset));  // field is still zero here
  return b;
}

}  // namespace nngen::backend
