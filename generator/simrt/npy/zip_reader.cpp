#include "zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "byte_order.h"
#include "file_io.h"
#include "npy.h"

namespace nnnpy {
namespace detail {
namespace {

// Record signatures and fixed sizes (APPNOTE.TXT 4.3).
constexpr std::uint32_t kLocalHeaderSig = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSig = 0x02014b50;
constexpr std::uint32_t kEndRecordSig = 0x06054b50;
constexpr std::uint32_t kZip64EndRecordSig = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kZip64EndRecordSize = 56;
constexpr std::size_t kMaxCommentSize = 0xffff;
constexpr std::uint16_t kZip64ExtraTag = 0x0001;
constexpr std::uint16_t kFlagEncrypted = 0x0001;
constexpr std::uint16_t kFlagStrongEncryption = 0x0040;
constexpr std::uint16_t kMethodStored = 0;
constexpr std::uint16_t kMethodDeflate = 8;
// A 16/32-bit field holding all ones means "the real value is in the zip64 record" (4.4.1.4).
constexpr std::uint32_t kZip64Marker32 = 0xffffffff;
constexpr std::uint16_t kZip64Marker16 = 0xffff;

std::string method_name(std::uint16_t method) {
  switch (method) {
    case 1:
      return "shrink";
    case 6:
      return "implode";
    case 9:
      return "deflate64";
    case 12:
      return "bzip2";
    case 14:
      return "lzma";
    case 93:
      return "zstandard";
    case 95:
      return "xz";
    case 98:
      return "ppmd";
    case 99:
      return "aes-encrypted";
    default:
      return "unknown";
  }
}

std::string hex32(std::uint32_t value) {
  static const char kHex[] = "0123456789abcdef";
  std::string text = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) text += kHex[(value >> shift) & 15];
  return text;
}

// zlib takes lengths as uInt (32 bits); feed large buffers in slices no larger than this.
constexpr std::size_t kZlibSlice = std::size_t{1} << 30;

// Inflated output is appended in steps of at most this size (see MemberReader::read).
constexpr std::size_t kOutputStep = std::size_t{1} << 20;

// Deflate's largest expansion: a 258-byte match costs at least 2 bits (one for its length code,
// one for its distance code), so a stream of N bytes inflates to at most 8 * N / 2 * 258 =
// 1032 * N bytes (zlib's FAQ gives the same 1032:1 limit).
constexpr std::uint64_t kMaxDeflateRatio = 1032;

// crc32() continued over `size` more bytes, in slices zlib's 32-bit lengths can take.
uLong crc32_update(uLong crc, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    const std::size_t n = std::min(size, kZlibSlice);
    crc = crc32(crc, data, static_cast<uInt>(n));
    data += n;
    size -= n;
  }
  return crc;
}

}  // namespace

bool looks_like_zip(const std::uint8_t* bytes, std::size_t size) {
  return size >= 4 && (load_le32(bytes) == kLocalHeaderSig || load_le32(bytes) == kEndRecordSig);
}

ZipReader::ZipReader(const std::uint8_t* bytes, std::size_t size, std::string archive_name)
    : bytes_(bytes), size_(size), name_(std::move(archive_name)) {
  read_central_directory();
}

void ZipReader::corrupt(const std::string& what) const {
  throw Error(name_ + ": corrupt zip archive: " + what);
}

void ZipReader::read_central_directory() {
  // The end record sits at the very end, followed only by an archive comment of up to 64 KiB.
  // Scan backwards and accept the first signature whose comment length reaches exactly to the
  // end of the file, so that a signature-like byte pattern inside a comment is not taken.
  if (size_ < kEndRecordSize) corrupt("too short to hold an end of central directory record");
  std::size_t end_pos = size_;  // "not found"
  const std::size_t lowest =
      size_ - kEndRecordSize > kMaxCommentSize ? size_ - kEndRecordSize - kMaxCommentSize : 0;
  for (std::size_t pos = size_ - kEndRecordSize + 1; pos-- > lowest;) {
    if (load_le32(bytes_ + pos) == kEndRecordSig &&
        pos + kEndRecordSize + load_le16(bytes_ + pos + 20) == size_) {
      end_pos = pos;
      break;
    }
  }
  if (end_pos == size_) {
    corrupt("end of central directory record not found (truncated or not a zip file)");
  }
  const std::uint8_t* end = bytes_ + end_pos;
  std::uint64_t disk = load_le16(end + 4), cd_disk = load_le16(end + 6);
  std::uint64_t entries_here = load_le16(end + 8), entries = load_le16(end + 10);
  std::uint64_t cd_size = load_le32(end + 12), cd_offset = load_le32(end + 16);
  std::size_t cd_limit = end_pos;  // the central directory must end before this

  // Zip64: a locator right before the end record points at the zip64 end record, whose 64-bit
  // fields replace the saturated 16/32-bit ones (APPNOTE 4.3.14, 4.3.15).
  if (end_pos >= kZip64LocatorSize &&
      load_le32(bytes_ + end_pos - kZip64LocatorSize) == kZip64LocatorSig) {
    const std::uint8_t* locator = bytes_ + end_pos - kZip64LocatorSize;
    const std::uint64_t record_pos = load_le64(locator + 8);
    if (load_le32(locator + 4) != 0 || load_le32(locator + 16) > 1) {
      throw Error(name_ + ": multi-disk (split) zip archives are not supported");
    }
    if (record_pos > end_pos - kZip64LocatorSize ||
        end_pos - kZip64LocatorSize - record_pos < kZip64EndRecordSize ||
        load_le32(bytes_ + record_pos) != kZip64EndRecordSig) {
      corrupt("the zip64 end of central directory record is missing or misplaced");
    }
    const std::uint8_t* record = bytes_ + record_pos;
    disk = load_le32(record + 16);
    cd_disk = load_le32(record + 20);
    entries_here = load_le64(record + 24);
    entries = load_le64(record + 32);
    cd_size = load_le64(record + 40);
    cd_offset = load_le64(record + 48);
    cd_limit = static_cast<std::size_t>(record_pos);
  } else if (entries == kZip64Marker16 || cd_size == kZip64Marker32 ||
             cd_offset == kZip64Marker32) {
    corrupt("the end record refers to a zip64 record, but there is no zip64 locator");
  }
  if (disk != 0 || cd_disk != 0 || entries_here != entries) {
    throw Error(name_ + ": multi-disk (split) zip archives are not supported");
  }
  if (cd_offset > cd_limit || cd_size > cd_limit - cd_offset) {
    corrupt("the central directory (offset " + std::to_string(cd_offset) + ", " +
            std::to_string(cd_size) + " bytes) lies outside the archive");
  }
  // Each entry takes at least 46 bytes: a larger count is a lie, not a reason to allocate.
  if (entries > cd_size / kCentralHeaderSize) {
    corrupt("the end record lists " + std::to_string(entries) +
            " entries, more than the central directory can hold");
  }

  std::size_t pos = static_cast<std::size_t>(cd_offset);
  const std::size_t cd_end = pos + static_cast<std::size_t>(cd_size);
  for (std::uint64_t index = 0; index < entries; ++index) {
    const std::string entry = "central directory entry " + std::to_string(index);
    if (cd_end - pos < kCentralHeaderSize || load_le32(bytes_ + pos) != kCentralHeaderSig) {
      corrupt(entry + " is missing or truncated");
    }
    const std::uint8_t* h = bytes_ + pos;
    ZipMember member;
    member.flags = load_le16(h + 8);
    member.method = load_le16(h + 10);
    member.crc32 = load_le32(h + 16);
    member.compressed_size = load_le32(h + 20);
    member.uncompressed_size = load_le32(h + 24);
    const std::size_t name_len = load_le16(h + 28), extra_len = load_le16(h + 30),
                      comment_len = load_le16(h + 32);
    const std::uint16_t start_disk = load_le16(h + 34);
    member.local_header_offset = load_le32(h + 42);
    if (cd_end - pos - kCentralHeaderSize < name_len + extra_len + comment_len) {
      corrupt(entry + " runs past the end of the central directory");
    }
    member.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), name_len);

    // Zip64 extended information (APPNOTE 4.5.3): 8-byte values, in this fixed order, only for
    // the fields that hold the all-ones marker.
    const bool need_uncompressed = member.uncompressed_size == kZip64Marker32;
    const bool need_compressed = member.compressed_size == kZip64Marker32;
    const bool need_offset = member.local_header_offset == kZip64Marker32;
    if (need_uncompressed || need_compressed || need_offset) {
      const std::uint8_t* extra = h + kCentralHeaderSize + name_len;
      bool found = false;
      for (std::size_t e = 0; e + 4 <= extra_len;) {
        const std::uint16_t tag = load_le16(extra + e);
        const std::size_t len = load_le16(extra + e + 2);
        if (len > extra_len - e - 4) break;
        if (tag == kZip64ExtraTag) {
          std::size_t at = e + 4;
          auto next_value = [&]() {
            if (at + 8 > e + 4 + len) {
              corrupt(entry + " ('" + member.name + "'): zip64 field too short");
            }
            const std::uint64_t value = load_le64(extra + at);
            at += 8;
            return value;
          };
          if (need_uncompressed) member.uncompressed_size = next_value();
          if (need_compressed) member.compressed_size = next_value();
          if (need_offset) member.local_header_offset = next_value();
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) corrupt(entry + " ('" + member.name + "'): zip64 sizes missing");
    }
    if (start_disk != 0 && start_disk != kZip64Marker16) {
      throw Error(name_ + ": multi-disk (split) zip archives are not supported");
    }
    pos += kCentralHeaderSize + name_len + extra_len + comment_len;
    const bool directory = !member.name.empty() && member.name.back() == '/';
    if (!directory) members_.push_back(std::move(member));
  }
}

MemberReader::MemberReader(const ZipReader& zip, const ZipMember& member)
    : zip_(zip), member_(member), what_("member '" + member.name + "'") {
  const std::string& name = zip.name_;
  if ((member.flags & (kFlagEncrypted | kFlagStrongEncryption)) != 0) {
    throw Error(name + ": " + what_ + " is encrypted; encrypted archives are not supported");
  }
  if (member.method != kMethodStored && member.method != kMethodDeflate) {
    throw Error(name + ": " + what_ + " uses compression method " + std::to_string(member.method) +
                " (" + method_name(member.method) +
                "), which is not supported: only stored (0) and deflate (8) are, as written by "
                "np.savez and np.savez_compressed");
  }
  if (member.uncompressed_size > kMaxMemberBytes) {
    throw Error(name + ": " + what_ + " declares " + std::to_string(member.uncompressed_size) +
                " uncompressed bytes, over the " + byte_size_text(kMaxMemberBytes) +
                " limit for an array");
  }

  // The local header repeats the name and may carry a different extra field (np.savez writes a
  // zip64 one there only); the data starts right after both. Sizes come from the central
  // directory, which is authoritative when bit 3 (data descriptor) is set.
  const std::uint64_t offset = member.local_header_offset;
  const std::uint8_t* bytes = zip.bytes_;
  const std::size_t size = zip.size_;
  if (offset > size || size - offset < kLocalHeaderSize ||
      load_le32(bytes + offset) != kLocalHeaderSig) {
    zip.corrupt("no local header for " + what_ + " at offset " + std::to_string(offset));
  }
  const std::uint8_t* local = bytes + offset;
  const std::size_t name_len = load_le16(local + 26), extra_len = load_le16(local + 28);
  const std::uint64_t data_pos = offset + kLocalHeaderSize + name_len + extra_len;
  if (data_pos > size || member.compressed_size > size - data_pos) {
    zip.corrupt("the data of " + what_ + " runs past the end of the archive (truncated file?)");
  }
  if (name_len != member.name.size() ||
      std::memcmp(local + kLocalHeaderSize, member.name.data(), name_len) != 0) {
    zip.corrupt("the local header of " + what_ + " names a different file");
  }
  if (member.method == kMethodDeflate &&
      member.uncompressed_size > kMaxDeflateRatio * member.compressed_size) {
    // Both sizes are bounded here (2 GiB, the archive's size), so the product cannot overflow.
    zip.corrupt(what_ + " declares " + std::to_string(member.uncompressed_size) +
                " uncompressed bytes in " + std::to_string(member.compressed_size) +
                " compressed bytes, more than deflate can produce (at most " +
                std::to_string(kMaxDeflateRatio) + " bytes per compressed byte)");
  }
  data_ = bytes + data_pos;
  crc_ = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  if (member.method == kMethodStored) {
    if (member.compressed_size != member.uncompressed_size) {
      zip.corrupt(what_ + " is stored but its compressed and uncompressed sizes differ");
    }
    return;
  }
  // Raw deflate stream, no zlib header (APPNOTE 4.4.5; negative windowBits in zlib's manual).
  auto* stream = new z_stream;
  std::memset(stream, 0, sizeof *stream);
  if (inflateInit2(stream, -MAX_WBITS) != Z_OK) {
    delete stream;
    throw Error(name + ": " + what_ + ": cannot initialise zlib");
  }
  stream_ = stream;
  deflate_ = true;
}

MemberReader::~MemberReader() {
  if (stream_ != nullptr) {
    auto* stream = static_cast<z_stream*>(stream_);
    inflateEnd(stream);
    delete stream;
  }
}

void MemberReader::read(std::vector<std::uint8_t>& out, std::size_t count) {
  const std::size_t start = out.size();
  std::size_t got = 0;
  if (!deflate_) {
    // Stored data lies in the archive already (its size was checked against the archive's).
    got = static_cast<std::size_t>(
        std::min<std::uint64_t>(count, member_.compressed_size - produced_));
    out.insert(out.end(), data_ + produced_, data_ + produced_ + got);
  } else {
    const auto compressed_size = static_cast<std::size_t>(member_.compressed_size);
    auto* stream = static_cast<z_stream*>(stream_);
    while (got < count && !stream_end_) {
      // The buffer grows by at most one step ahead of what inflation has produced, never by the
      // declared size, which a hostile member can make far larger than its data.
      const std::size_t in_slice = std::min(compressed_size - in_done_, kZlibSlice);
      const std::size_t out_slice = std::min(count - got, kOutputStep);
      out.resize(start + got + out_slice);
      stream->next_in = const_cast<Bytef*>(data_ + in_done_);  // zlib's API is not const-correct
      stream->avail_in = static_cast<uInt>(in_slice);
      stream->next_out = out.data() + start + got;
      stream->avail_out = static_cast<uInt>(out_slice);
      const int status = inflate(stream, Z_NO_FLUSH);
      const std::size_t used = in_slice - stream->avail_in;
      const std::size_t made = out_slice - stream->avail_out;
      in_done_ += used;
      got += made;
      out.resize(start + got);
      if (status == Z_STREAM_END) {
        stream_end_ = true;
      } else if (status == Z_DATA_ERROR) {
        zip_.corrupt("the deflate data of " + what_ +
                     " is invalid (zlib: " + (stream->msg != nullptr ? stream->msg : "") + ")");
      } else if (status == Z_MEM_ERROR) {
        throw Error(zip_.name_ + ": " + what_ + ": out of memory");
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        zip_.corrupt("the deflate data of " + what_ + " cannot be inflated (zlib status " +
                     std::to_string(status) + ")");
      } else if (used == 0 && made == 0) {
        // No progress with all input given: the stream stops before its end.
        zip_.corrupt("the deflate data of " + what_ + " ends early (truncated file?)");
      }
    }
  }
  crc_ = static_cast<std::uint32_t>(crc32_update(crc_, out.data() + start, got));
  produced_ += got;
}

void MemberReader::finish() {
  const std::uint64_t expected = member_.uncompressed_size;
  if (produced_ < expected) {
    zip_.corrupt(what_ + " inflates to " + std::to_string(produced_) +
                 " bytes, but the central directory says " + std::to_string(expected));
  }
  if (deflate_ && !stream_end_) {
    std::vector<std::uint8_t> extra;
    read(extra, 1);
    if (!extra.empty()) {
      zip_.corrupt(what_ + " inflates to more than " + std::to_string(expected) +
                   " bytes, but the central directory says " + std::to_string(expected));
    }
  }
  if (crc_ != member_.crc32) {
    throw Error(zip_.name_ + ": " + what_ + ": CRC-32 mismatch (stored " + hex32(member_.crc32) +
                ", computed " + hex32(crc_) + "): the archive is corrupt");
  }
}

}  // namespace detail
}  // namespace nnnpy
