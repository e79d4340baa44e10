// FixedType: an ap_fixed/ap_ufixed type as the generator reasons about it
// (width, integer bits, rounding and overflow modes), with the exact C++
// spelling the HLS code uses. Parsing is where --precision is validated.
#pragma once

#include <string>
#include <string_view>

namespace nngen::ir {

struct FixedType {
  bool is_signed = true;
  int width = 16;     // W: total bits, 1..64
  int int_bits = 6;   // I: integer bits incl. sign; may be <= 0 or > W
  std::string quant = "AP_RND_CONV";
  std::string overflow = "AP_SAT";

  int frac_bits() const { return width - int_bits; }
  // e.g. "ap_fixed<16,6,AP_RND_CONV,AP_SAT>"
  std::string cpp() const;
  bool operator==(const FixedType&) const = default;

  // Parses "ap_fixed<W,I>" or "ap_fixed<W,I,Q,O>" (also ap_ufixed); omitted
  // modes take the defaults given. Throws Error(kUsage) naming the problem.
  static FixedType parse(std::string_view text, std::string_view default_quant,
                         std::string_view default_overflow);
};

inline constexpr int kMaxFixedWidth = 64;  // what nnfixed and our layers support

}  // namespace nngen::ir
