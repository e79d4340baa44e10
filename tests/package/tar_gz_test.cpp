// The deterministic ustar + gzip writer (generator/src/backend/tar_gz.*): layout, checksums,
// long paths, fixed metadata, and that the gzip stream inflates back to the archive.
#include "backend/tar_gz.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "support/error.h"

using nngen::backend::gzip;
using nngen::backend::make_tar;
using nngen::backend::TarEntry;

namespace {

unsigned long octal(const std::string& block, size_t at, size_t width) {
  return std::stoul(block.substr(at, width - 1), nullptr, 8);
}

std::string gunzip(const std::string& gz) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

}  // namespace

TEST(TarGz, UstarLayoutAndFixedMetadata) {
  const std::string tar = make_tar({{"top/a.txt", "hello\n", false}, {"top/run.sh", "", true}});
  ASSERT_EQ(tar.size(), 512u * 3 + 512u * 2);  // header + 1 data block, header, 2 zero blocks
  const std::string h = tar.substr(0, 512);
  EXPECT_EQ(h.substr(0, 10), std::string("top/a.txt\0", 10));
  EXPECT_EQ(octal(h, 100, 8), 0644u);
  EXPECT_EQ(octal(h, 108, 8), 0u);
  EXPECT_EQ(octal(h, 116, 8), 0u);
  EXPECT_EQ(octal(h, 124, 12), 6u);
  EXPECT_EQ(octal(h, 136, 12), 0u);  // mtime
  EXPECT_EQ(h[156], '0');
  EXPECT_EQ(h.substr(257, 8), std::string("ustar\0"
                                          "00",
                                          8));
  // Checksum: the sum of the header bytes with the checksum field counted as blanks.
  std::string blanked = h;
  for (int i = 148; i < 156; ++i) blanked[i] = ' ';
  unsigned sum = 0;
  for (unsigned char c : blanked) sum += c;
  EXPECT_EQ(octal(h, 148, 7), sum);
  EXPECT_EQ(tar.substr(512, 6), "hello\n");
  EXPECT_EQ(tar.substr(518, 512 - 6), std::string(506, '\0'));
  EXPECT_EQ(octal(tar.substr(1024, 512), 100, 8), 0755u);
  EXPECT_EQ(tar.substr(1536), std::string(1024, '\0'));
}

TEST(TarGz, LongPathsUsePrefixAndTooLongIsRefused) {
  const std::string dir(120, 'd');
  const std::string tar = make_tar({{dir + "/file.bin", "x", false}});
  EXPECT_EQ(tar.substr(0, 9), std::string("file.bin\0", 9));
  EXPECT_EQ(tar.substr(345, 121), dir + '\0');
  EXPECT_THROW(make_tar({{std::string(200, 'd') + "/f", "", false}}), nngen::Error);
  EXPECT_THROW(make_tar({{"top/" + std::string(101, 'f'), "", false}}), nngen::Error);
  EXPECT_THROW(make_tar({{"../evil", "", false}}), nngen::Error);
  EXPECT_THROW(make_tar({{"/abs", "", false}}), nngen::Error);
}

TEST(TarGz, GzipIsDeterministicAndInflates) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>(i % 251);
  const std::string a = gzip(data), b = gzip(data);
  EXPECT_EQ(a, b);
  ASSERT_GT(a.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(a[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(a[1]), 0x8b);
  EXPECT_EQ(a.substr(4, 4), std::string(4, '\0'));   // no time stamp
  EXPECT_EQ(static_cast<unsigned char>(a[9]), 255);  // OS "unknown"
  EXPECT_EQ(gunzip(a), data);
  EXPECT_EQ(gunzip(gzip("")), "");
}
