// Robustness against damaged input: thousands of seeded random corruptions of valid .npy and .npz
// bytes must each either parse or throw nnnpy::Error — never crash, hang, read out of bounds (run
// under -DNNACCEL_SANITIZE=ON to check that), or throw anything else.
#include <gtest/gtest.h>

#include <random>

#include "npy.h"
#include "npy_test_util.h"

namespace {

using ::npytest::Bytes;

Bytes sample_npy() {
  return npytest::npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }",
                            Bytes(48, 0x3f));
}
Bytes sample_labels() {
  return npytest::npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }",
                            npytest::le_bytes({1, 2, 3, 4}, 8));
}

// One random corruption: flip a byte, truncate, duplicate a slice, or overwrite with 0xff/0x00.
Bytes mutate(Bytes bytes, std::mt19937& rng) {
  const int kind = static_cast<int>(rng() % 4);
  if (bytes.empty()) return bytes;
  const std::size_t at = rng() % bytes.size();
  switch (kind) {
    case 0:
      bytes[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
      break;
    case 1:
      bytes.resize(at);
      break;
    case 2: {
      const std::size_t len = std::min<std::size_t>(rng() % 16 + 1, bytes.size() - at);
      bytes.insert(bytes.begin() + static_cast<long>(at), bytes.begin() + static_cast<long>(at),
                   bytes.begin() + static_cast<long>(at + len));
      break;
    }
    default:
      for (std::size_t i = at; i < bytes.size() && i < at + 4; ++i)
        bytes[i] = (rng() & 1) ? 0xff : 0;
      break;
  }
  return bytes;
}

template <typename Parse>
int count_parsed(const Bytes& original, int iterations, std::uint32_t seed, Parse parse) {
  std::mt19937 rng(seed);
  int parsed = 0;
  for (int i = 0; i < iterations; ++i) {
    Bytes bytes = mutate(original, rng);
    if (rng() % 3 == 0) bytes = mutate(bytes, rng);  // sometimes two faults at once
    try {
      parse(bytes);
      ++parsed;
    } catch (const nnnpy::Error& error) {
      EXPECT_NE(std::string(error.what()).find("mutant"), std::string::npos) << error.what();
    }
  }
  return parsed;
}

TEST(NpyMutationTest, DamagedNpyOnlyEverThrowsError) {
  const int parsed = count_parsed(sample_npy(), 3000, 1, [](const Bytes& b) {
    nnnpy::parse_npy(b.data(), b.size(), "mutant.npy");
  });
  // Flips inside the float data leave a valid file; most other damage does not.
  EXPECT_GT(parsed, 0);
  EXPECT_LT(parsed, 3000);
  count_parsed(sample_labels(), 2000, 2,
               [](const Bytes& b) { nnnpy::parse_npy_int(b.data(), b.size(), "mutant.npy"); });
}

TEST(NpyMutationTest, DamagedNpzOnlyEverThrowsError) {
  for (std::uint16_t method : {0, 8}) {
    npytest::ZipEntry x;
    x.name = "x.npy";
    x.data = sample_npy();
    x.method = method;
    x.zip64_local_extra = true;
    npytest::ZipEntry y = x;
    y.name = "y.npy";
    y.data = sample_labels();
    const Bytes zip = npytest::build_zip({x, y});
    const int parsed = count_parsed(zip, 3000, 3 + method, [](const Bytes& b) {
      nnnpy::parse_npz(b.data(), b.size(), "mutant.npz", "x");
    });
    EXPECT_LT(parsed, 3000);  // the CRC catches nearly every change to the member data
  }
}

}  // namespace
