// SHA-256 (generator/src/support/sha256.*): the FIPS 180-4 example vectors, every padding
// boundary against coreutils' sha256sum, and incremental updates.
#include "support/sha256.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

using nngen::sha256_hex;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& d) {
  std::string s;
  char b[3];
  for (auto x : d) {
    std::snprintf(b, sizeof b, "%02x", x);
    s += b;
  }
  return s;
}

}  // namespace

TEST(Sha256, Fips180_4Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(
      sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklm"
                 "nopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7 + 3);
  for (size_t step : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 127u}) {
    nngen::Sha256 s;
    for (size_t at = 0; at < data.size(); at += step)
      s.update(std::string_view(data).substr(at, step));
    EXPECT_EQ(hex(s.finish()), sha256_hex(data)) << "step " << step;
  }
}

// Lengths 0..200 cover every padding case (length mod 64 below, at and above 55/56); coreutils'
// sha256sum is the independent reference.
TEST(Sha256, PaddingBoundariesMatchSha256sum) {
  const std::string file = ::testing::TempDir() + "/sha256_boundary.bin";
  for (size_t n = 0; n <= 200; ++n) {
    std::string data;
    for (size_t i = 0; i < n; ++i) data += static_cast<char>((i * 131 + n) & 0xFF);
    FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_TRUE(f);
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
    FILE* p = popen(("sha256sum '" + file + "'").c_str(), "r");
    ASSERT_TRUE(p);
    char line[256] = "";
    ASSERT_TRUE(std::fgets(line, sizeof line, p));
    ASSERT_EQ(pclose(p), 0);
    EXPECT_EQ(std::string(line, 64), sha256_hex(data)) << "length " << n;
  }
}
