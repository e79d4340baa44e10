#include "npy_test_util.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include "npy.h"

namespace npytest {
namespace {

void put(Bytes& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i)
    out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}
void put16(Bytes& out, std::uint64_t value) { put(out, value, 2); }
void put32(Bytes& out, std::uint64_t value) { put(out, value, 4); }
void put64(Bytes& out, std::uint64_t value) { put(out, value, 8); }
void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }
void append(Bytes& out, const std::string& more) {
  out.insert(out.end(), more.begin(), more.end());
}

}  // namespace

Bytes npy_bytes(const std::string& dict, const Bytes& data, int major) {
  const std::size_t prelude = major == 1 ? 10 : 12;
  std::string header = dict;
  while ((prelude + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  Bytes out = {0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(major), 0};
  put(out, header.size(), prelude - 8);
  append(out, header);
  append(out, data);
  return out;
}

Bytes f32_bytes(const std::vector<float>& values) {
  Bytes out;
  for (const float value : values) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, 4);
    put32(out, bits);
  }
  return out;
}

Bytes le_bytes(const std::vector<std::uint64_t>& values, std::size_t width) {
  Bytes out;
  for (const std::uint64_t value : values) put(out, value, width);
  return out;
}

Bytes raw_deflate(const Bytes& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  Bytes out(deflateBound(&stream, data.size()));
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

std::uint32_t crc32_of(const Bytes& data) {
  return static_cast<std::uint32_t>(
      crc32(crc32(0L, Z_NULL, 0), data.data(), static_cast<uInt>(data.size())));
}

Bytes build_zip(const std::vector<ZipEntry>& entries, const ZipOptions& options) {
  Bytes out;
  Bytes central;
  for (const ZipEntry& entry : entries) {
    const Bytes payload = entry.payload_override
                              ? *entry.payload_override
                              : (entry.method == 8 ? raw_deflate(entry.data) : entry.data);
    const std::uint32_t crc = entry.crc_override.value_or(crc32_of(entry.data));
    const std::uint64_t usize = entry.uncompressed_size_override.value_or(entry.data.size());
    const std::uint64_t csize = payload.size();
    const std::uint64_t offset = out.size();
    const std::uint16_t flags = entry.flags | (entry.data_descriptor ? 0x0008 : 0);
    const std::uint16_t version = entry.zip64_central || entry.zip64_local_extra ? 45 : 20;

    // Local file header (APPNOTE 4.3.7).
    put32(out, 0x04034b50);
    put16(out, version);
    put16(out, flags);
    put16(out, entry.method);
    put16(out, 0);       // time
    put16(out, 0x0021);  // date: 1980-01-01
    put32(out, entry.data_descriptor ? 0 : crc);
    put32(out, entry.data_descriptor ? 0 : csize);
    put32(out, entry.data_descriptor ? 0 : usize);
    put16(out, entry.name.size());
    put16(out, entry.zip64_local_extra ? 20 : 0);
    append(out, entry.name);
    if (entry.zip64_local_extra) {
      put16(out, 0x0001);
      put16(out, 16);
      put64(out, usize);
      put64(out, csize);
    }
    append(out, payload);
    if (entry.data_descriptor) {  // APPNOTE 4.3.9, with the optional signature
      put32(out, 0x08074b50);
      put32(out, crc);
      put32(out, csize);
      put32(out, usize);
    }

    // Central directory header (APPNOTE 4.3.12).
    const std::uint64_t central_offset = offset + options.local_offset_shift.value_or(0);
    put32(central, 0x02014b50);
    put16(central, version);
    put16(central, version);
    put16(central, flags);
    put16(central, entry.method);
    put16(central, 0);
    put16(central, 0x0021);
    put32(central, crc);
    put32(central, entry.zip64_central ? 0xffffffff : csize);
    put32(central, entry.zip64_central ? 0xffffffff : usize);
    put16(central, entry.name.size());
    put16(central, entry.zip64_central ? 28 : 0);
    put16(central, 0);  // comment length
    put16(central, 0);  // disk number start
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, entry.zip64_central ? 0xffffffff : central_offset);
    append(central, entry.name);
    if (entry.zip64_central) {  // APPNOTE 4.5.3: original size, compressed size, offset
      put16(central, 0x0001);
      put16(central, 24);
      put64(central, usize);
      put64(central, csize);
      put64(central, central_offset);
    }
  }
  const std::uint64_t cd_offset = out.size();
  append(out, central);
  const std::uint64_t count = options.entry_count_override.value_or(entries.size());

  if (options.zip64_end) {
    const std::uint64_t record_offset = out.size();
    put32(out, 0x06064b50);  // zip64 end of central directory record (APPNOTE 4.3.14)
    put64(out, 44);          // size of the rest of the record
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, count);
    put64(out, count);
    put64(out, central.size());
    put64(out, cd_offset);
    put32(out, 0x07064b50);  // zip64 end of central directory locator (APPNOTE 4.3.15)
    put32(out, 0);
    put64(out, record_offset);
    put32(out, 1);
  }
  put32(out, 0x06054b50);  // end of central directory record (APPNOTE 4.3.16)
  put16(out, options.disk_number.value_or(0));
  put16(out, 0);
  put16(out, options.zip64_end ? 0xffff : count);
  put16(out, options.zip64_end ? 0xffff : count);
  put32(out, options.zip64_end ? 0xffffffff : central.size());
  put32(out, options.zip64_end ? 0xffffffff : cd_offset);
  put16(out, options.comment.size());
  append(out, options.comment);
  return out;
}

ScratchDir::ScratchDir() {
  std::random_device device;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto candidate = base / ("nnnpy-test-" + std::to_string(device()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a scratch directory");
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDir::write(const std::string& name, const Bytes& bytes) const {
  const std::string target = file(name);
  std::ofstream stream(target, std::ios::binary | std::ios::trunc);
  stream.write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw std::runtime_error("cannot write " + target);
  return target;
}

std::vector<std::string> ScratchDir::listing() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(path_)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Bytes read_bytes(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot open " + path);
  return Bytes(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const nnnpy::Error& error) {
    return error.what();
  }
  return "<no error>";
}

}  // namespace npytest
