#include "file_io.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "npy.h"

namespace nnnpy {
namespace detail {
namespace {

namespace fs = std::filesystem;

std::string errno_text(int error) {
  return error != 0 ? std::string(std::strerror(error)) : std::string("unknown error");
}

// Closes the file on scope exit unless released; keeps every error path below leak-free.
class FileCloser {
 public:
  explicit FileCloser(std::FILE* file) : file_(file) {}
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;
  ~FileCloser() {
    if (file_ != nullptr) std::fclose(file_);
  }
  // Closes now and reports whether the close (which flushes buffered data) succeeded.
  bool close() {
    std::FILE* file = file_;
    file_ = nullptr;
    return file == nullptr || std::fclose(file) == 0;
  }

 private:
  std::FILE* file_;
};

// A name that no other writer picks: hidden, next to the target, with 64 random bits.
fs::path temporary_name_for(const fs::path& target) {
  static const char kHex[] = "0123456789abcdef";
  std::uint64_t bits =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  try {
    std::random_device device;
    bits ^= (static_cast<std::uint64_t>(device()) << 32) ^ device();
  } catch (const std::exception&) {
    // No entropy source: the clock alone still differs between calls; "x" mode catches clashes.
  }
  std::string suffix;
  for (int i = 0; i < 16; ++i) suffix += kHex[(bits >> (4 * i)) & 15];
  return target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
}

}  // namespace

std::vector<std::uint8_t> read_file(const std::string& path) {
  return read_whole_file<std::vector<std::uint8_t>>(path, kMaxFileBytes, ".npy/.npz files");
}

void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  const fs::path target(path);
  if (!target.has_filename()) throw Error(path + ": cannot write: the path names no file");

  // Exclusive creation ("x", C11 fopen) so an existing file of the same name is never reused.
  fs::path temporary;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 16 && file == nullptr; ++attempt) {
    temporary = temporary_name_for(target);
    errno = 0;
    file = std::fopen(temporary.string().c_str(), "wbx");
    if (file == nullptr && errno != EEXIST) {
      throw Error(path + ": cannot create temporary file '" + temporary.string() +
                  "': " + errno_text(errno));
    }
  }
  if (file == nullptr) {
    throw Error(path + ": cannot create a temporary file: every name tried already exists");
  }

  FileCloser closer(file);
  auto fail = [&](const std::string& what, int error) {
    closer.close();
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw Error(path + ": " + what + ": " + errno_text(error));
  };

  errno = 0;
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
    fail("cannot write", errno);
  }
  errno = 0;
  if (std::fflush(file) != 0) fail("cannot write", errno);
  errno = 0;
  if (!closer.close()) fail("cannot write (close failed)", errno);

  std::error_code rename_error;
  fs::rename(temporary, target, rename_error);
  if (rename_error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw Error(path + ": cannot replace with the new file: " + rename_error.message());
  }
}

}  // namespace detail

namespace fs = std::filesystem;
using detail::errno_text;
using detail::FileCloser;

std::string byte_size_text(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20, kGiB = std::uint64_t{1} << 30;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

template <typename Bytes>
Bytes read_whole_file(const std::string& path, std::uint64_t max_bytes, const std::string& kind) {
  using Reason = FileError::Reason;
  // Look before opening: opening a FIFO blocks until a writer appears, and a device such as
  // /dev/zero has no end. Only regular files (or links to them) are read.
  std::error_code status_error;
  const fs::file_status status = fs::status(path, status_error);
  if (fs::is_directory(status)) {
    throw FileError(Reason::kNotRegular, path + ": is a directory, not a file");
  }
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw FileError(Reason::kNotRegular,
                    path + ": is not a regular file (a device, FIFO or socket); give a file");
  }
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw FileError(Reason::kCannotOpen, path + ": cannot open for reading: " + errno_text(errno));
  }
  FileCloser closer(file);
  auto too_large = [&](const std::string& size) {
    return FileError(Reason::kTooLarge, path + ": the file is " + size + ", over the " +
                                            byte_size_text(max_bytes) + " limit for " + kind);
  };
  std::error_code size_error;
  const std::uintmax_t size = fs::file_size(path, size_error);
  if (!size_error && size > max_bytes) throw too_large(std::to_string(size) + " bytes");

  Bytes bytes;
  if (!size_error) bytes.reserve(static_cast<std::size_t>(size));
  // The file may grow after the size check: never keep more than max_bytes.
  std::uint8_t chunk[1 << 16];
  for (;;) {
    errno = 0;
    const std::size_t got = std::fread(chunk, 1, sizeof chunk, file);
    if (bytes.size() + got > max_bytes) throw too_large("more than " + byte_size_text(max_bytes));
    bytes.insert(bytes.end(), chunk, chunk + got);
    if (got < sizeof chunk) {
      if (std::ferror(file)) {
        throw FileError(Reason::kReadFailed, path + ": cannot read: " + errno_text(errno));
      }
      break;
    }
  }
  return bytes;
}

template std::string read_whole_file<std::string>(const std::string&, std::uint64_t,
                                                  const std::string&);
template std::vector<std::uint8_t> read_whole_file<std::vector<std::uint8_t>>(const std::string&,
                                                                              std::uint64_t,
                                                                              const std::string&);

}  // namespace nnnpy
