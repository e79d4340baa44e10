// The .npy container: magic, version, header length, header, raw C-order data.
// Layout per NumPy's format specification (numpy/lib/format.py, "NEP 1"):
//   bytes 0-5  "\x93NUMPY"
//   bytes 6-7  major, minor version (1.0; 2.0 and 3.0 widen the length field to 4 bytes, 3.0 makes
//              the header UTF-8)
//   then       header length (uint16 LE for 1.0, uint32 LE for 2.0/3.0), header text, data.
#include "npy.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "byte_order.h"
#include "file_io.h"
#include "npy_header.h"

namespace nnnpy {
namespace {

using detail::Dtype;
using detail::NpyHeader;

constexpr std::uint8_t kMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
constexpr std::size_t kPreludeV1 = 10;  // magic + version + uint16 length
constexpr std::size_t kPreludeV2 = 12;  // magic + version + uint32 length
// NumPy pads magic + length + header to a multiple of 64 bytes so the data can be memory-mapped
// aligned (numpy/lib/format.py, ARRAY_ALIGN).
constexpr std::size_t kArrayAlign = 64;

std::string escape_bytes(const std::uint8_t* bytes, std::size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    if (bytes[i] >= 0x20 && bytes[i] < 0x7f && bytes[i] != '\\') {
      out += static_cast<char>(bytes[i]);
    } else {
      out += "\\x";
      out += kHex[bytes[i] >> 4];
      out += kHex[bytes[i] & 15];
    }
  }
  return out;
}

// A parsed .npy: the header and where the data lies in the caller's buffer.
struct NpyView {
  NpyHeader header;
  const std::uint8_t* data;
  std::size_t data_size;
};

// The fixed part before the header: magic, version and header length.
struct Prelude {
  std::size_t size;          // bytes before the header
  std::uint64_t header_len;  // bytes of the header
};

Prelude parse_prelude(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (size < sizeof kMagic || std::memcmp(bytes, kMagic, sizeof kMagic) != 0) {
    const std::size_t shown = size < sizeof kMagic ? size : sizeof kMagic;
    const bool zip =
        size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    throw Error(name + ": not a .npy file (bad magic: expected \"\\x93NUMPY\", found \"" +
                escape_bytes(bytes, shown) + "\")" +
                (zip ? "; it looks like a .npz (zip) archive" : ""));
  }
  if (size < 8) throw Error(name + ": truncated .npy file: it ends inside the version field");
  const unsigned major = bytes[6], minor = bytes[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0) {
    throw Error(name + ": unsupported .npy format version " + std::to_string(major) + "." +
                std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)");
  }
  const std::size_t prelude = major == 1 ? kPreludeV1 : kPreludeV2;
  if (size < prelude) {
    throw Error(name + ": truncated .npy file: it ends inside the header length field");
  }
  const std::uint64_t header_len =
      major == 1 ? detail::load_le16(bytes + 8) : detail::load_le32(bytes + 8);
  if (header_len > kMaxHeaderBytes) {
    throw Error(name + ": the .npy header length field says " + std::to_string(header_len) +
                " bytes, over the " + byte_size_text(kMaxHeaderBytes) +
                " limit for a header (np.save writes a few hundred bytes)");
  }
  return {prelude, header_len};
}

NpyView parse_container(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const Prelude p = parse_prelude(bytes, size, name);
  const std::size_t prelude = p.size;
  const std::uint64_t header_len = p.header_len;
  if (header_len > size - prelude) {
    throw Error(name + ": truncated .npy header: the header length field says " +
                std::to_string(header_len) + " bytes, but only " + std::to_string(size - prelude) +
                " follow");
  }
  const auto header_size = static_cast<std::size_t>(header_len);
  const std::string text(reinterpret_cast<const char*>(bytes + prelude), header_size);
  NpyView view{detail::parse_header_dict(text, name), bytes + prelude + header_size,
               size - prelude - header_size};
  if (view.header.fortran_order) {
    throw Error(name +
                ": 'fortran_order' is True: only C-order arrays are supported; save "
                "np.ascontiguousarray(X) instead");
  }
  return view;
}

[[noreturn]] void throw_big_endian(const std::string& name, const std::string& descr,
                                   const std::string& wanted) {
  throw Error(name + ": dtype " + detail::describe_descr(descr) +
              " is big-endian; only little-endian data is supported: convert with X.astype('" +
              wanted + "')");
}

[[noreturn]] void throw_no_byte_order(const std::string& name, const std::string& descr) {
  throw Error(name + ": dtype " + detail::describe_descr(descr) +
              " does not say little-endian ('<'); np.save never writes this, re-save the array "
              "with np.save");
}

// Checks that the data holds exactly shape-product elements of `item_size` bytes.
std::size_t checked_count(const NpyView& view, std::size_t item_size, const std::string& name) {
  const std::size_t count = element_count(view.header.shape, name);
  if (count > std::numeric_limits<std::size_t>::max() / item_size) {
    throw Error(name + ": 'shape' " + shape_to_string(view.header.shape) +
                " is too large: its size in bytes overflows");
  }
  const std::size_t expected = count * item_size;
  if (view.data_size != expected) {
    throw Error(name + (view.data_size < expected ? ": truncated data" : ": extra data") +
                ": expected " + std::to_string(expected) + " bytes for 'shape' " +
                shape_to_string(view.header.shape) + " of dtype '" + view.header.descr +
                "', found " + std::to_string(view.data_size));
  }
  return count;
}

}  // namespace

std::string shape_to_string(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

std::size_t element_count(const std::vector<std::size_t>& shape, const std::string& name) {
  // A zero anywhere makes an empty (valid) array, whatever the other dimensions are.
  for (const std::size_t dim : shape) {
    if (dim == 0) return 0;
  }
  std::size_t count = 1;
  for (const std::size_t dim : shape) {
    if (count > std::numeric_limits<std::size_t>::max() / dim) {
      throw Error(name + ": 'shape' " + shape_to_string(shape) +
                  " has too many elements (the product overflows)");
    }
    count *= dim;
  }
  return count;
}

namespace detail {

std::uint64_t npy_file_size(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                            std::uint64_t* more_needed) {
  *more_needed = 0;
  const Prelude p = parse_prelude(bytes, size, name);
  const std::uint64_t header_end = p.size + p.header_len;
  if (size < header_end) {
    *more_needed = header_end;
    return 0;
  }
  const std::string text(reinterpret_cast<const char*>(bytes + p.size),
                         static_cast<std::size_t>(p.header_len));
  const NpyHeader header = parse_header_dict(text, name);
  Dtype dtype;
  if (!parse_descr(header.descr, &dtype) || dtype.item_size == 0) return 0;
  const std::size_t count = element_count(header.shape, name);
  if (count > (std::numeric_limits<std::uint64_t>::max() - header_end) / dtype.item_size) {
    throw Error(name + ": 'shape' " + shape_to_string(header.shape) +
                " is too large: its size in bytes overflows");
  }
  return header_end + std::uint64_t{count} * dtype.item_size;
}

}  // namespace detail

NonFinite find_non_finite(const Array& array, std::size_t count) {
  NonFinite found;
  const std::size_t n = count < array.data.size() ? count : array.data.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(array.data[i])) continue;
    if (found.count == 0) found.first = i;
    ++found.count;
  }
  return found;
}

std::string non_finite_warning(const std::string& name, const NonFinite& found, std::size_t total,
                               std::size_t values_per_sample) {
  if (found.count == 0) return "";
  const std::size_t per = values_per_sample == 0 ? 1 : values_per_sample;
  return name + ": " + std::to_string(found.count) + " of " + std::to_string(total) +
         " input values are NaN or infinite (the first at flat index " +
         std::to_string(found.first) + ", sample " + std::to_string(found.first / per) +
         "); the fixed-point accelerator saturates infinities and its result for NaN is undefined";
}

Array parse_npy(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const NpyView view = parse_container(bytes, size, name);
  const std::string& descr = view.header.descr;
  Dtype dtype;
  if (!detail::parse_descr(descr, &dtype) || dtype.kind != 'f' || dtype.item_size != 4) {
    throw Error(name + ": dtype " + detail::describe_descr(descr) +
                " is not supported: float32 ('<f4') is required; convert with "
                "X.astype(np.float32)");
  }
  if (dtype.byte_order == '>') throw_big_endian(name, descr, "<f4");
  if (dtype.byte_order != '<') throw_no_byte_order(name, descr);
  const std::size_t count = checked_count(view, 4, name);
  Array array;
  array.shape = view.header.shape;
  array.data.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t bits = detail::load_le32(view.data + 4 * i);
    std::memcpy(&array.data[i], &bits, 4);
  }
  return array;
}

IntArray parse_npy_int(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const NpyView view = parse_container(bytes, size, name);
  const std::string& descr = view.header.descr;
  Dtype dtype;
  const bool simple = detail::parse_descr(descr, &dtype);
  const bool integer = simple && (dtype.kind == 'i' || dtype.kind == 'u') &&
                       (dtype.item_size == 1 || dtype.item_size == 2 || dtype.item_size == 4 ||
                        dtype.item_size == 8);
  if (!integer) {
    throw Error(name + ": dtype " + detail::describe_descr(descr) +
                " is not an integer type: labels must be int64, int32, uint8 or another "
                "integer type; convert with y.astype(np.int64)");
  }
  // One-byte types have no byte order; NumPy writes '|' for them.
  if (dtype.item_size > 1 && dtype.byte_order == '>') {
    throw_big_endian(name, descr, std::string("<") + dtype.kind + std::to_string(dtype.item_size));
  }
  if (dtype.item_size > 1 ? dtype.byte_order != '<' : dtype.byte_order == '=') {
    throw_no_byte_order(name, descr);
  }
  const std::size_t width = dtype.item_size;
  const std::size_t count = checked_count(view, width, name);
  IntArray array;
  array.shape = view.header.shape;
  array.data.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t raw = detail::load_le(view.data + width * i, width);
    if (dtype.kind == 'i' && width < 8) {
      // Sign extension without implementation-defined shifts: (raw ^ sign) - sign maps the
      // two's-complement pattern of `width` bytes onto its value.
      const std::uint64_t sign = std::uint64_t{1} << (8 * width - 1);
      array.data[i] = static_cast<std::int64_t>(raw ^ sign) - static_cast<std::int64_t>(sign);
    } else if (dtype.kind == 'i') {
      std::memcpy(&array.data[i], &raw, 8);  // same two's-complement bits
    } else {
      if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        throw Error(name + ": element " + std::to_string(i) + " of the uint64 array is " +
                    std::to_string(raw) + ", which does not fit in int64");
      }
      array.data[i] = static_cast<std::int64_t>(raw);
    }
  }
  return array;
}

std::vector<std::uint8_t> encode_npy(const Array& array, const std::string& name) {
  const std::size_t count = element_count(array.shape, name);
  if (array.data.size() != count) {
    throw Error(name + ": the array has " + std::to_string(array.data.size()) +
                " values but its shape " + shape_to_string(array.shape) + " needs " +
                std::to_string(count));
  }
  if (count > (std::numeric_limits<std::size_t>::max() - (1u << 20)) / 4) {
    throw Error(name + ": the array is too large to write");
  }
  std::string header = detail::format_header_dict("<f4", array.shape);
  // Like np.save: version 1.0 unless the header outgrows its 16-bit length field. The padding is
  // 1..64 spaces (never 0: NumPy adds a full 64 when already aligned) and then '\n'.
  std::size_t prelude = kPreludeV1;
  std::uint8_t major = 1;
  std::size_t padding = kArrayAlign - (prelude + header.size() + 1) % kArrayAlign;
  if (header.size() + padding + 1 > 0xffff) {
    prelude = kPreludeV2;
    major = 2;
    padding = kArrayAlign - (prelude + header.size() + 1) % kArrayAlign;
  }
  header.append(padding, ' ');
  header += '\n';
  if (header.size() > kMaxHeaderBytes) {  // the readers would refuse the file
    throw Error(name + ": 'shape' has " + std::to_string(array.shape.size()) +
                " dimensions: its .npy header would be " + std::to_string(header.size()) +
                " bytes, over the " + byte_size_text(kMaxHeaderBytes) + " limit for a header");
  }

  std::vector<std::uint8_t> bytes(prelude + header.size() + 4 * count);
  std::memcpy(bytes.data(), kMagic, sizeof kMagic);
  bytes[6] = major;
  bytes[7] = 0;
  detail::store_le(bytes.data() + 8, header.size(), prelude - 8);
  std::memcpy(bytes.data() + prelude, header.data(), header.size());
  std::uint8_t* out = bytes.data() + prelude + header.size();
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &array.data[i], 4);
    detail::store_le(out + 4 * i, bits, 4);
  }
  return bytes;
}

Array read_npy(const std::string& path) {
  const std::vector<std::uint8_t> bytes = detail::read_file(path);
  return parse_npy(bytes.data(), bytes.size(), path);
}

IntArray read_npy_int(const std::string& path) {
  const std::vector<std::uint8_t> bytes = detail::read_file(path);
  return parse_npy_int(bytes.data(), bytes.size(), path);
}

void write_npy(const std::string& path, const Array& array) {
  detail::write_file_atomically(path, encode_npy(array, path));
}

}  // namespace nnnpy
