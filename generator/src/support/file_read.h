// Bounded reads of the files nngen is given. Every input has a size limit that fits its kind, and
// only regular files are read: a directory, a device (/dev/zero never ends) or a FIFO (opening it
// blocks) is refused before it is opened. The limits are documented in docs/nngen.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "npy.h"

namespace nngen {

// An ONNX model: 1 GiB. Protobuf refuses messages over 2 GiB; every tensor is also capped at 2^28
// elements, and no model anywhere near this size fits a board's on-chip memory.
inline constexpr std::uint64_t kMaxModelBytes = std::uint64_t{1} << 30;
// nnaccel-project.json: 16 MiB (a project's manifest is a few KiB; its architecture text has one
// line per layer).
inline constexpr std::uint64_t kMaxManifestBytes = std::uint64_t{16} << 20;

// The content of `path`. `kind` names what the limit is for in the message ("ONNX models").
// Error(kIo) for a missing, unreadable or non-regular file (naming a directory as such),
// Error(kBadInput) for a file over `max_bytes` (the message gives the size and the limit).
std::string read_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                      const std::string& kind);

// Throws the nngen::Error for a file nnnpy could not read, with the exit code read_file uses:
// kBadInput when it is too large, kIo otherwise.
[[noreturn]] void fail_file(const nnnpy::FileError& e);

}  // namespace nngen
