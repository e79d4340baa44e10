// nn_weight_checksum as documented in nn_driver.h: a = sum(w), b = sum of
// running a (mod 2^32), result = a ^ rotl32(b, 16).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "nndriver/nn_driver.h"

namespace {

// Independent restatement of the documented formula.
uint32_t Reference(const std::vector<uint32_t>& w) {
  uint64_t a = 0, b = 0;
  for (uint32_t x : w) {
    a = (a + x) % (1ull << 32);
    b = (b + a) % (1ull << 32);
  }
  uint32_t b32 = uint32_t(b);
  uint32_t rot = (b32 << 16) | (b32 >> 16);
  return uint32_t(a) ^ rot;
}

TEST(WeightChecksum, EmptyIsZero) { EXPECT_EQ(nn_weight_checksum(nullptr, 0), 0u); }

TEST(WeightChecksum, HandComputed) {
  // w = {1, 2}: a = 3, b = 1 + 3 = 4, rotl(4, 16) = 0x40000 -> 0x40003.
  const uint32_t w[] = {1, 2};
  EXPECT_EQ(nn_weight_checksum(w, 2), 0x00040003u);
}

TEST(WeightChecksum, MatchesFormulaWithWraparound) {
  std::mt19937 rng(99);
  for (size_t n : {1u, 5u, 1000u, 65537u}) {
    std::vector<uint32_t> w(n);
    for (auto& x : w) x = uint32_t(rng()) | 0x80000000u;  // forces mod-2^32 wrap
    EXPECT_EQ(nn_weight_checksum(w.data(), n), Reference(w)) << n;
  }
}

TEST(WeightChecksum, SensitiveToOrderAndSingleBits) {
  const uint32_t a[] = {10, 20, 30};
  const uint32_t b[] = {30, 20, 10};
  EXPECT_NE(nn_weight_checksum(a, 3), nn_weight_checksum(b, 3));
  uint32_t c[] = {10, 20, 30};
  for (int bit = 0; bit < 32; ++bit) {
    c[1] = 20u ^ (1u << bit);
    EXPECT_NE(nn_weight_checksum(a, 3), nn_weight_checksum(c, 3)) << bit;
  }
}

}  // namespace
