// Bounded whole-file reads and crash-safe whole-file writes, with errors that name the file.
#ifndef NNNPY_FILE_IO_H_
#define NNNPY_FILE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace nnnpy {

// The whole content of the regular file `path`, at most `max_bytes` long, as std::string or
// std::vector<std::uint8_t>. Throws FileError naming the file: cannot open (missing, no
// permission), not a regular file (a directory, device, FIFO or socket: the path is opened
// non-blocking and what was opened is checked with fstat before a byte is read, so /dev/zero or a
// pipe, even one swapped in for the file, never blocks or fills memory), larger than `max_bytes`
// (`kind` names what the limit is for, e.g. "weight files"; checked from the size and again while
// reading a growing file), or a read error. Also used by nngen and the virtual board for their
// files.
template <typename Bytes>
Bytes read_whole_file(const std::string& path, std::uint64_t max_bytes, const std::string& kind);

// "2 GiB", "16 MiB", "1000 bytes": how limits are spelled in messages.
std::string byte_size_text(std::uint64_t bytes);

namespace detail {

// A .npy or .npz file: read_whole_file with kMaxFileBytes.
std::vector<std::uint8_t> read_file(const std::string& path);

// Writes `bytes` to a fresh temporary file next to `path` and renames it over `path`, so readers
// see either the old file or the complete new one, never a partial one. On any failure the
// temporary file is removed and Error is thrown; `path` is untouched.
void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace detail
}  // namespace nnnpy

#endif  // NNNPY_FILE_IO_H_
