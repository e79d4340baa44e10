// Helpers for the nnnpy tests: hand-made .npy bytes, hand-made zip archives (zlib for deflate and
// CRC-32), a scratch directory, and capturing the message of an expected nnnpy::Error.
// The zip writer here is independent of the library's reader: it follows APPNOTE.TXT directly and
// can produce the variants (zip64, data descriptors, broken fields) the reader must handle.
#ifndef NNACCEL_TESTS_NPY_NPY_TEST_UTIL_H_
#define NNACCEL_TESTS_NPY_NPY_TEST_UTIL_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace npytest {

using Bytes = std::vector<std::uint8_t>;

// A .npy file with the given header dict text, padded like NumPy, followed by `data`.
// `major` 1 uses a 16-bit header length, 2 and 3 a 32-bit one.
Bytes npy_bytes(const std::string& dict, const Bytes& data, int major = 1);

// Little-endian encodings of values, for building data sections.
Bytes f32_bytes(const std::vector<float>& values);
Bytes le_bytes(const std::vector<std::uint64_t>& values, std::size_t width);

// Raw deflate (no zlib header), as zip method 8 stores it.
Bytes raw_deflate(const Bytes& data);
std::uint32_t crc32_of(const Bytes& data);

struct ZipEntry {
  std::string name;
  Bytes data;                // uncompressed content
  std::uint16_t method = 0;  // 0 stored, 8 deflate; any other value stores the bytes as they are
  std::uint16_t flags = 0;
  bool zip64_central = false;  // saturate sizes and offset in the central entry, use a zip64 extra
  bool zip64_local_extra = false;  // add a zip64 extra to the local header, as np.savez does
  bool data_descriptor = false;    // zero sizes/CRC in the local header, descriptor after the data
  std::optional<std::uint32_t> crc_override;
  std::optional<std::uint64_t> uncompressed_size_override;
  std::optional<Bytes> payload_override;  // the bytes actually stored, instead of (de)flated data
};

struct ZipOptions {
  bool zip64_end = false;  // zip64 end record + locator, saturated fields in the classic end record
  std::string comment;
  std::optional<std::uint16_t> disk_number;  // corrupts the classic end record's disk number
  std::optional<std::uint16_t> entry_count_override;
  std::optional<std::uint32_t> local_offset_shift;  // added to every central local-header offset
};

Bytes build_zip(const std::vector<ZipEntry>& entries, const ZipOptions& options = {});

// A fresh directory under the system temp dir, removed with its content on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const Bytes& bytes) const;
  // Names of all entries in the directory, sorted.
  std::vector<std::string> listing() const;

 private:
  std::filesystem::path path_;
};

Bytes read_bytes(const std::string& path);

// The message of the nnnpy::Error that `action` throws, or "<no error>" if it returns normally.
// Any other exception type propagates and fails the test.
std::string error_of(const std::function<void()>& action);

}  // namespace npytest

#endif  // NNACCEL_TESTS_NPY_NPY_TEST_UTIL_H_
