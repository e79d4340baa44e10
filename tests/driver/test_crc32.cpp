// The driver's own CRC-32 must be zlib's crc32 (the .nnw writer uses zlib).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <random>
#include <vector>

extern "C" {
#include "nn_crc32.h"
}

namespace {

uint32_t ZlibCrc(const std::vector<uint8_t>& v, size_t off, size_t n) {
  return uint32_t(crc32(crc32(0L, Z_NULL, 0), v.data() + off, uInt(n)));
}

TEST(Crc32, KnownCheckValue) {
  // The standard check value of CRC-32/ISO-HDLC: crc("123456789").
  const char* s = "123456789";
  EXPECT_EQ(nn_crc32(0, s, 9), 0xCBF43926u);
  EXPECT_EQ(nn_crc32(0, nullptr, 0), 0u);
}

TEST(Crc32, MatchesZlibOnRandomData) {
  std::mt19937 rng(12345);
  for (size_t len : {1u, 2u, 3u, 63u, 64u, 65u, 1000u, 4097u, 100000u}) {
    std::vector<uint8_t> data(len + 3);
    for (auto& b : data) b = uint8_t(rng());
    // Also from unaligned starts.
    for (size_t off = 0; off < 3; ++off) {
      EXPECT_EQ(nn_crc32(0, data.data() + off, len), ZlibCrc(data, off, len))
          << "len " << len << " offset " << off;
    }
  }
}

TEST(Crc32, ChainsLikeZlib) {
  std::mt19937 rng(7);
  std::vector<uint8_t> data(777);
  for (auto& b : data) b = uint8_t(rng());
  for (size_t split : {0u, 1u, 100u, 776u, 777u}) {
    uint32_t c = nn_crc32(0, data.data(), split);
    c = nn_crc32(c, data.data() + split, data.size() - split);
    EXPECT_EQ(c, ZlibCrc(data, 0, data.size())) << "split " << split;
  }
}

}  // namespace
