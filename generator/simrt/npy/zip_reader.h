// A minimal zip reader for .npz archives held in memory: the central directory (with zip64
// extensions), and member extraction for the two methods np.savez / np.savez_compressed use,
// stored (0) and deflate (8), with a CRC-32 check of every member.
// Field layouts follow PKWARE's APPNOTE.TXT (sections 4.3.7 local header, 4.3.12 central
// directory header, 4.3.14-4.3.16 zip64 and end of central directory records, 4.5.3 zip64 extra).
#ifndef NNNPY_ZIP_READER_H_
#define NNNPY_ZIP_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnnpy {
namespace detail {

struct ZipMember {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;
};

// True when `bytes` starts like a zip archive (a local file header, or the end record of an
// empty archive).
bool looks_like_zip(const std::uint8_t* bytes, std::size_t size);

class ZipReader;

// The uncompressed bytes of one member, produced on demand: a caller reads only as many bytes as
// it needs (for a .npy member: the header first, then exactly the data its shape requires), so a
// member that inflates to far more than it should costs no more than what was asked for.
class MemberReader {
 public:
  MemberReader(const ZipReader& zip, const ZipMember& member);
  ~MemberReader();
  MemberReader(const MemberReader&) = delete;
  MemberReader& operator=(const MemberReader&) = delete;

  // Appends up to `count` more uncompressed bytes to `out`; fewer only when the member's data
  // ends. `out` grows with the bytes actually produced (in steps of at most 1 MiB), not by
  // `count` at once, so a stream that ends early costs only what it held. Throws Error for
  // invalid deflate data.
  void read(std::vector<std::uint8_t>& out, std::size_t count);
  // Bytes produced so far.
  std::uint64_t produced() const { return produced_; }
  // Checks that the member ends exactly here and that the CRC-32 of the bytes read matches;
  // Error otherwise (inflating at most one more byte to find out).
  void finish();

 private:
  const ZipReader& zip_;
  const ZipMember& member_;
  std::string what_;
  const std::uint8_t* data_;
  std::size_t in_done_ = 0;
  std::uint64_t produced_ = 0;
  std::uint32_t crc_ = 0;
  bool deflate_ = false;
  bool stream_end_ = false;
  void* stream_ = nullptr;  // z_stream, kept opaque so this header needs no zlib
};

class ZipReader {
 public:
  // Parses the central directory. `bytes` must stay alive and unchanged while the reader is
  // used; `archive_name` starts every error message.
  ZipReader(const std::uint8_t* bytes, std::size_t size, std::string archive_name);

  // Members in central-directory order, directories excluded.
  const std::vector<ZipMember>& members() const { return members_; }

  const std::string& name() const { return name_; }
  [[noreturn]] void corrupt(const std::string& what) const;

 private:
  friend class MemberReader;
  void read_central_directory();

  const std::uint8_t* bytes_;
  std::size_t size_;
  std::string name_;
  std::vector<ZipMember> members_;
};

}  // namespace detail
}  // namespace nnnpy

#endif  // NNNPY_ZIP_READER_H_
