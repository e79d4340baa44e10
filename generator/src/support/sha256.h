// SHA-256 (FIPS 180-4) for the package's MANIFEST.sha256. None of nngen's dependencies (zlib,
// libxml2, protobuf, ONNX, nlohmann-json, CLI11) exports a SHA-256, and pulling in OpenSSL for
// one digest is not worth a new dependency (docs/package.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nngen {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  // The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void block(const std::uint8_t* p);

  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t total_ = 0;  // bytes
};

// Lower-case hexadecimal digest of `data`, as sha256sum prints it.
std::string sha256_hex(std::string_view data);

}  // namespace nngen
