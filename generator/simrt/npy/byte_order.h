// Little-endian loads and stores, independent of the host's byte order: both the .npy payload and
// every zip field are little-endian, and the library also runs on big-endian hosts unchanged.
// Compilers turn these byte loops into single loads/stores on little-endian targets.
#ifndef NNNPY_BYTE_ORDER_H_
#define NNNPY_BYTE_ORDER_H_

#include <cstddef>
#include <cstdint>

namespace nnnpy {
namespace detail {

inline std::uint64_t load_le(const std::uint8_t* p, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) value |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return value;
}
inline std::uint16_t load_le16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(load_le(p, 2));
}
inline std::uint32_t load_le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(load_le(p, 4));
}
inline std::uint64_t load_le64(const std::uint8_t* p) { return load_le(p, 8); }

inline void store_le(std::uint8_t* p, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) p[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace detail
}  // namespace nnnpy

#endif  // NNNPY_BYTE_ORDER_H_
