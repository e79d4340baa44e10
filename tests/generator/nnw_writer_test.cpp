// The .nnw writer against the format header, field by field.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>

#include "backend/nnw_writer.h"
#include "graph_builder.h"
#include "nndriver/nn_nnw_format.h"

namespace {

uint32_t u32(const std::string& b, size_t at) {
  return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 | uint32_t(uint8_t(b[at + 2])) << 16 |
         uint32_t(uint8_t(b[at + 3])) << 24;
}

}  // namespace

TEST(NnwWriter, HeaderTableAndPayload) {
  gentest::GraphBuilder b({3});
  b.constant("W", {2, 3}, {1, 2, 3, 4, 5, 6});
  b.constant("C", {2}, {7, 8});
  auto& g = b.node("Gemm", {"x", "W", "C"}, "y");
  g.attrs["transB"] = int64_t{1};
  g.attrs["alpha"] = 2.0f;
  nngen::passes::run_pipeline(b.d, "", {});
  const std::string f = nngen::backend::nnw_bytes(b.d);
  ASSERT_GE(f.size(), NNW_HEADER_SIZE);
  EXPECT_EQ(f.substr(0, 4), "NNWF");
  EXPECT_EQ(u32(f, NNW_OFF_SIGNATURE), b.d.signature);
  EXPECT_EQ(u32(f, NNW_OFF_TENSOR_COUNT), 2u);
  const uint32_t payload = u32(f, NNW_OFF_PAYLOAD_OFFSET), size = u32(f, NNW_OFF_PAYLOAD_SIZE);
  EXPECT_EQ(payload % 64, 0u);
  EXPECT_EQ(size, 8u * 4);
  EXPECT_EQ(f.size(), payload + size);
  EXPECT_EQ(u32(f, NNW_OFF_PAYLOAD_CRC), crc32(0, reinterpret_cast<const Bytef*>(f.data()) + payload, size));
  std::string head = f.substr(0, payload);
  for (int i = 0; i < 4; ++i) head[NNW_OFF_HEADER_CRC + i] = 0;
  EXPECT_EQ(u32(f, NNW_OFF_HEADER_CRC), crc32(0, reinterpret_cast<const Bytef*>(head.data()), payload));
  EXPECT_EQ(std::string(&f[NNW_HEADER_SIZE]), "W");
  EXPECT_EQ(std::string(&f[NNW_HEADER_SIZE + NNW_ENTRY_SIZE]), "C");
  // alpha folded into the weights; payload order = on-chip order.
  std::vector<float> values(8);
  std::memcpy(values.data(), f.data() + payload, 32);
  EXPECT_EQ(values, (std::vector<float>{2, 4, 6, 8, 10, 12, 7, 8}));
}
