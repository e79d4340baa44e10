#include "backend/tar_gz.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "support/error.h"

namespace nngen::backend {
namespace {

constexpr std::size_t kBlock = 512;

void put(char* field, std::size_t width, std::string_view s) {
  std::memcpy(field, s.data(), std::min(width, s.size()));
}

// An octal number right-aligned in width-1 digits and a NUL, as ustar writes them.
void put_octal(char* field, std::size_t width, unsigned long long v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llo", static_cast<int>(width - 1), v);
  if (std::strlen(buf) != width - 1) fail_internal("tar field too small for " + std::to_string(v));
  std::memcpy(field, buf, width);  // includes the NUL
}

std::string header(const TarEntry& e) {
  std::string name = e.path, prefix;
  if (name.empty() || name.find("..") != std::string::npos || name[0] == '/')
    fail_internal("bad tar path '" + e.path + "'");
  if (name.size() > 100) {
    // ustar splits a long path at a '/' into prefix (155) and name (100).
    const std::size_t cut = name.rfind('/', 155);
    if (cut == std::string::npos || name.size() - cut - 1 > 100 || cut == 0)
      fail_internal("path too long for ustar: '" + e.path + "'");
    prefix = name.substr(0, cut);
    name = name.substr(cut + 1);
  }
  std::string h(kBlock, '\0');
  char* p = h.data();
  put(p + 0, 100, name);
  put_octal(p + 100, 8, e.executable ? 0755 : 0644);
  put_octal(p + 108, 8, 0);  // uid
  put_octal(p + 116, 8, 0);  // gid
  put_octal(p + 124, 12, e.data.size());
  put_octal(p + 136, 12, 0);     // mtime: fixed, so the archive is reproducible
  std::memset(p + 148, ' ', 8);  // checksum counted as blanks
  p[156] = '0';                  // regular file
  put(p + 257, 6, std::string_view("ustar\0", 6));
  put(p + 263, 2, "00");
  put(p + 265, 32, "root");
  put(p + 297, 32, "root");
  put(p + 345, 155, prefix);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06o", sum);
  std::memcpy(p + 148, buf, 7);  // six digits, NUL, then the space that is already there
  return h;
}

}  // namespace

std::string make_tar(const std::vector<TarEntry>& entries) {
  std::string out;
  for (const TarEntry& e : entries) {
    out += header(e);
    out += e.data;
    out.append((kBlock - e.data.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail_internal("deflateInit2 failed");
  gz_header gh{};
  gh.os = 255;  // "unknown": the same bytes on every host
  deflateSetHeader(&z, &gh);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  if (data.size() != z.avail_in) {
    deflateEnd(&z);
    fail_internal("package larger than 4 GiB");
  }
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t n = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) fail_internal("deflate failed (" + std::to_string(rc) + ")");
  out.resize(n);
  return out;
}

}  // namespace nngen::backend
