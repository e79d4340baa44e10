// The register-map header Vitis HLS writes next to an exported IP's driver
// (`x<top>_hw.h`, `#define X<TOP>_CONTROL_ADDR_<REG> 0x..` and `_BITS_<REG>`),
// read as untrusted input, and compared with a project's register map
// (docs/hwh.md, "nngen verify --hw-header").
#pragma once

#include <cstdint>
#include <map>
#include <string>

struct nn_model_text;

namespace nngen::cli {

// Headers are a few KiB; anything near this is not one.
inline constexpr std::uint64_t kMaxHwHeaderBytes = std::uint64_t{1} << 20;

struct HwHeader {
  std::string file;
  // Everything before `_ADDR_AP_CTRL`, e.g. "XCONV_KERNEL_CONTROL": names the top and the bundle.
  std::string prefix;
  struct Value {
    std::uint64_t value;
    long line;
  };
  std::map<std::string, Value> addr;  // `<REG>` of <prefix>_ADDR_<REG> -> offset
  std::map<std::string, Value> bits;  // `<REG>` of <prefix>_BITS_<REG> -> data width
};

// Parses `text` (the content of `file`). Error(kBadInput) naming file:line for anything that is
// not such a header: non-ASCII or NUL bytes, CR line endings, an overlong line, a malformed or
// repeated #define, a last line without its newline (a cut file), no `_ADDR_AP_CTRL`.
HwHeader parse_hw_header(const std::string& file, const std::string& text);
// Reads (bounded, regular files only) and parses `file`.
HwHeader load_hw_header(const std::string& file);

struct HeaderCheck {
  bool match = false;
  std::string report;  // one OK/FAIL line per check, then MATCH/MISMATCH
};
// The checks: the header's top, every nn_reg_map offset, data widths, no unknown register.
HeaderCheck check_hw_header(const HwHeader& h, const nn_model_text& m);

}  // namespace nngen::cli
