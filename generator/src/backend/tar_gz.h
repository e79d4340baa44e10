// A deterministic .tar.gz in memory: POSIX ustar entries with fixed metadata (mtime 0, uid/gid 0,
// owner "root", mode 0644 or 0755) and a gzip stream without a name or time, so the same inputs
// always give the same bytes (docs/package.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nngen::backend {

struct TarEntry {
  std::string path;  // relative, '/'-separated, no "..", at most 255 bytes (ustar name + prefix)
  std::string data;
  bool executable = false;
};

// The ustar archive of `entries` in order, ending with the two zero blocks.
// Error(kInternal) for a path ustar cannot hold (callers build the paths).
std::string make_tar(const std::vector<TarEntry>& entries);
// `data` gzip-compressed (zlib, level 9, header mtime 0, OS "unknown").
std::string gzip(std::string_view data);

}  // namespace nngen::backend
