// Whole-file reads and crash-safe whole-file writes, with errors that name the file.
#ifndef NNNPY_FILE_IO_H_
#define NNNPY_FILE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace nnnpy {
namespace detail {

// The whole content of `path`. Throws Error("<path>: cannot open/read ...: <reason>").
std::vector<std::uint8_t> read_file(const std::string& path);

// Writes `bytes` to a fresh temporary file next to `path` and renames it over `path`, so readers
// see either the old file or the complete new one, never a partial one. On any failure the
// temporary file is removed and Error is thrown; `path` is untouched.
void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace detail
}  // namespace nnnpy

#endif  // NNNPY_FILE_IO_H_
