#include "file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Closes a file descriptor on scope exit.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() { ::close(fd_); }

 private:
  int fd_;
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

using detail::errno_text;
using detail::FdCloser;

std::string byte_size_text(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20, kGiB = std::uint64_t{1} << 30;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

template <typename Bytes>
Bytes read_whole_file(const std::string& path, std::uint64_t max_bytes, const std::string& kind) {
  using Reason = FileError::Reason;
  const auto not_regular = [&](const struct stat& info) {
    return S_ISDIR(info.st_mode)
               ? FileError(Reason::kNotRegular, path + ": is a directory, not a file")
               : FileError(
                     Reason::kNotRegular,
                     path + ": is not a regular file (a device, FIFO or socket); give a file");
  };
  // Open without blocking (opening a FIFO would wait for a writer), then look at what was opened,
  // not at the path again: a FIFO or device swapped in after a check by name is never read.
  errno = 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    struct stat info;
    if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) throw not_regular(info);
    throw FileError(Reason::kCannotOpen, path + ": cannot open for reading: " + errno_text(error));
  }
  const FdCloser closer(fd);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    throw FileError(Reason::kReadFailed, path + ": cannot read: " + errno_text(errno));
  }
  // A device such as /dev/zero has no end: only regular files are read.
  if (!S_ISREG(info.st_mode)) throw not_regular(info);
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    throw FileError(Reason::kReadFailed, path + ": cannot read: " + errno_text(errno));
  }
  auto too_large = [&](const std::string& size) {
    return FileError(Reason::kTooLarge, path + ": the file is " + size + ", over the " +
                                            byte_size_text(max_bytes) + " limit for " + kind);
  };
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > max_bytes) throw too_large(std::to_string(size) + " bytes");

  Bytes bytes;
  bytes.reserve(static_cast<std::size_t>(size));
  // The file may grow after fstat: never keep more than max_bytes.
  std::uint8_t chunk[1 << 16];
  for (;;) {
    errno = 0;
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw FileError(Reason::kReadFailed, path + ": cannot read: " + errno_text(errno));
    if (got == 0) break;
    if (bytes.size() + static_cast<std::uint64_t>(got) > max_bytes) {
      throw too_large("more than " + byte_size_text(max_bytes));
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  return bytes;
}

template std::string read_whole_file<std::string>(const std::string&, std::uint64_t,
                                                  const std::string&);
template std::vector<std::uint8_t> read_whole_file<std::vector<std::uint8_t>>(const std::string&,
                                                                              std::uint64_t,
                                                                              const std::string&);

}  // namespace nnnpy
