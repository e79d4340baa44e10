#include "ir/fixed_type.h"

#include <array>
#include <charconv>
#include <vector>

#include "support/error.h"

namespace nngen::ir {
namespace {

constexpr std::array<std::string_view, 7> kQuantModes = {
    "AP_RND", "AP_RND_ZERO", "AP_RND_MIN_INF", "AP_RND_INF", "AP_RND_CONV", "AP_TRN", "AP_TRN_ZERO"};
constexpr std::array<std::string_view, 5> kOverflowModes = {"AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM",
                                                            "AP_WRAP", "AP_WRAP_SM"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

template <size_t N>
bool one_of(std::string_view v, const std::array<std::string_view, N>& set) {
  for (auto s : set) {
    if (s == v) return true;
  }
  return false;
}

template <size_t N>
std::string join(const std::array<std::string_view, N>& set) {
  std::string out;
  for (auto s : set) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

int parse_int(std::string_view text, std::string_view field, std::string_view whole) {
  int v = 0;
  auto t = trim(text);
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) {
    fail_usage("precision '" + std::string(whole) + "': " + std::string(field) + " '" + std::string(t) +
               "' is not an integer");
  }
  return v;
}

}  // namespace

std::string FixedType::cpp() const {
  return std::string(is_signed ? "ap_fixed<" : "ap_ufixed<") + std::to_string(width) + "," +
         std::to_string(int_bits) + "," + quant + "," + overflow + ">";
}

FixedType FixedType::parse(std::string_view text, std::string_view default_quant,
                           std::string_view default_overflow) {
  const std::string whole(text);
  const std::string expected = " (expected e.g. ap_fixed<16,6> or ap_fixed<16,6,AP_RND_CONV,AP_SAT>)";
  auto t = trim(text);
  FixedType ft;
  if (t.starts_with("ap_fixed<")) {
    t.remove_prefix(9);
  } else if (t.starts_with("ap_ufixed<")) {
    ft.is_signed = false;
    t.remove_prefix(10);
  } else {
    fail_usage("precision '" + whole + "' is not an ap_fixed/ap_ufixed type" + expected);
  }
  if (t.empty() || t.back() != '>') fail_usage("precision '" + whole + "' lacks the closing '>'" + expected);
  t.remove_suffix(1);
  std::vector<std::string_view> parts;
  while (true) {
    auto comma = t.find(',');
    parts.push_back(trim(t.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    t.remove_prefix(comma + 1);
  }
  if (parts.size() != 2 && parts.size() != 4) {
    fail_usage("precision '" + whole + "' needs 2 or 4 parameters, has " + std::to_string(parts.size()) +
               expected);
  }
  ft.width = parse_int(parts[0], "width W", whole);
  ft.int_bits = parse_int(parts[1], "integer bits I", whole);
  if (ft.width < 2 || ft.width > kMaxFixedWidth) {
    fail_usage("precision '" + whole + "': width must be 2.." + std::to_string(kMaxFixedWidth));
  }
  if (ft.int_bits < -ft.width || ft.int_bits > 2 * ft.width) {
    fail_usage("precision '" + whole + "': integer bits out of the range nnaccel supports (-W..2W)");
  }
  ft.quant = parts.size() == 4 ? std::string(parts[2]) : std::string(default_quant);
  ft.overflow = parts.size() == 4 ? std::string(parts[3]) : std::string(default_overflow);
  if (!one_of(ft.quant, kQuantModes)) {
    fail_usage("precision '" + whole + "': unknown quantization mode '" + ft.quant + "' (one of " +
               join(kQuantModes) + ")");
  }
  if (!one_of(ft.overflow, kOverflowModes)) {
    fail_usage("precision '" + whole + "': unknown overflow mode '" + ft.overflow + "' (one of " +
               join(kOverflowModes) + ")");
  }
  return ft;
}

}  // namespace nngen::ir
