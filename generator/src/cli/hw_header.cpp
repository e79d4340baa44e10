#include "cli/hw_header.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <vector>

#include "nndriver/nn_model_text.h"
#include "support/error.h"
#include "support/file_read.h"

namespace nngen::cli {
namespace {

// Vitis HLS lines are under 100 characters; a longer one is not from it.
constexpr size_t kMaxLine = 4096;

std::string at(const std::string& file, long line) { return file + ":" + std::to_string(line); }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool is_ident(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// "0x1c" or "64" (nothing else: Vitis HLS writes only these); false when malformed or > 2^32.
bool parse_number(const std::string& s, std::uint64_t* v) {
  const bool hexa = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  const std::string digits = hexa ? s.substr(2) : s;
  if (digits.empty() || digits.size() > 10) return false;
  std::uint64_t r = 0;
  for (char c : digits) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (hexa ? !std::isxdigit(u) : !std::isdigit(u)) return false;
    r = r * (hexa ? 16 : 10) +
        static_cast<std::uint64_t>(std::isdigit(u) ? u - '0' : std::tolower(u) - 'a' + 10);
  }
  if (r > 0xFFFFFFFFu) return false;
  *v = r;
  return true;
}

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Define {
  std::string name;
  std::uint64_t value;
  long line;
};

std::string hex(std::uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%02llX", static_cast<unsigned long long>(v));
  return b;
}

std::string pad(std::string s, size_t n) {
  if (s.size() < n) s.append(n - s.size(), ' ');
  return s;
}

}  // namespace

HwHeader parse_hw_header(const std::string& file, const std::string& text) {
  if (text.empty()) fail_input(file + ": empty file (not a Vitis HLS register map header)");
  HwHeader h;
  h.file = file;
  std::vector<Define> defines;
  long line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    ++line_no;
    const size_t nl = text.find('\n', pos);
    if (nl == std::string::npos)
      fail_input(at(file, line_no) + ": the last line has no newline (is the file cut short?)");
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.size() > kMaxLine)
      fail_input(at(file, line_no) + ": line longer than " + std::to_string(kMaxLine) +
                 " characters");
    for (char c : line) {
      if (c == '\0') fail_input(at(file, line_no) + ": NUL byte (not a text file)");
      if (c == '\r') fail_input(at(file, line_no) + ": CR line ending (expected LF only)");
    }
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (line.rfind("//", 0) == 0) continue;  // comments: the tool's prose, never parsed
    // Non-ASCII outside comments cannot be from the tool.
    for (char c : line)
      if (static_cast<unsigned char>(c) >= 0x80 ||
          (static_cast<unsigned char>(c) < 0x20 && c != '\t'))
        fail_input(at(file, line_no) + ": non-ASCII or control byte outside a comment");
    const size_t comment = line.find("//");
    const std::vector<std::string> tok =
        split_ws(comment == std::string::npos ? line : line.substr(0, comment));
    if (tok.empty()) continue;
    if (tok[0] == "#ifndef" || tok[0] == "#endif" || tok[0] == "#pragma") continue;  // guards
    if (tok[0] != "#define")
      fail_input(at(file, line_no) + ": expected a #define or a // comment, found '" +
                 tok[0].substr(0, 40) + "'");
    if (tok.size() < 2 || !is_ident(tok[1]))
      fail_input(at(file, line_no) + ": #define without a valid name");
    const bool reg =
        tok[1].find("_ADDR_") != std::string::npos || tok[1].find("_BITS_") != std::string::npos;
    if (tok.size() == 2) {
      // An include guard may have no value; a register define must.
      if (reg) fail_input(at(file, line_no) + ": #define " + tok[1] + " has no value");
      continue;
    }
    std::uint64_t v = 0;
    if (tok.size() != 3 || !parse_number(tok[2], &v)) {
      if (reg)
        fail_input(at(file, line_no) + ": #define " + tok[1] +
                   ": value is not one hexadecimal (0x..) or decimal number below 2^32");
      continue;  // another macro of the file: not ours to judge
    }
    defines.push_back({tok[1], v, line_no});
  }

  const std::string kCtrl = "_ADDR_AP_CTRL";
  for (const Define& d : defines) {
    if (d.name.size() <= kCtrl.size() ||
        d.name.compare(d.name.size() - kCtrl.size(), kCtrl.size(), kCtrl) != 0)
      continue;
    if (!h.prefix.empty())
      fail_input(at(file, d.line) + ": a second " + kCtrl + " (" + d.name +
                 "): one header describes one s_axilite control bundle");
    h.prefix = d.name.substr(0, d.name.size() - kCtrl.size());
  }
  if (h.prefix.empty())
    fail_input(file +
               ": no '#define X<TOP>_CONTROL_ADDR_AP_CTRL': not a Vitis HLS register map "
               "header (x<top>_hw.h)");
  for (const Define& d : defines) {
    for (const auto& [kind, map] :
         {std::pair{std::string("_ADDR_"), &h.addr}, std::pair{std::string("_BITS_"), &h.bits}}) {
      const std::string lead = h.prefix + kind;
      if (d.name.rfind(lead, 0) != 0 || d.name.size() == lead.size()) continue;
      const std::string reg = d.name.substr(lead.size());
      const auto [it, fresh] = map->emplace(reg, HwHeader::Value{d.value, d.line});
      if (!fresh)
        fail_input(at(file, d.line) + ": " + d.name + " defined twice (first on line " +
                   std::to_string(it->second.line) + ")");
      if (kind == "_ADDR_" && (d.value > 0xFFFF || d.value % 4 != 0))
        fail_input(at(file, d.line) + ": " + d.name + " = " + hex(d.value) +
                   " is not a register offset (a multiple of 4 below 0x10000)");
      if (kind == "_BITS_" && (d.value == 0 || d.value > 4096))
        fail_input(at(file, d.line) + ": " + d.name + " = " + std::to_string(d.value) +
                   " is not a data width (1..4096 bits)");
    }
  }
  return h;
}

HwHeader load_hw_header(const std::string& file) {
  std::string text;
  try {
    text = read_file(file, kMaxHwHeaderBytes, "register map headers");
  } catch (const Error& e) {
    fail_input(e.what());  // unreadable input is exit 3 for verify, whatever the cause
  }
  return parse_hw_header(file, text);
}

namespace {

struct Ctx {
  const HwHeader& h;
  std::set<std::string> used;  // ADDR names a check accounted for
  int checks = 0, failed = 0;
  std::string out;
  void line(bool ok, const std::string& text) {
    ++checks;
    if (!ok) ++failed;
    out += (ok ? "OK   " : "FAIL ") + text + "\n";
  }
  const HwHeader::Value* addr(const std::string& reg) {
    const auto it = h.addr.find(reg);
    if (it == h.addr.end()) return nullptr;
    used.insert(reg);
    return &it->second;
  }
  const HwHeader::Value* bits(const std::string& reg) const {
    const auto it = h.bits.find(reg);
    return it == h.bits.end() ? nullptr : &it->second;
  }
};

std::string off(std::uint32_t v) { return v == NN_REG_NONE ? std::string("none") : hex(v); }

void field(Ctx& c, const char* name, std::uint32_t want, const std::string& reg,
           const HwHeader::Value* got, std::uint64_t delta, const std::string& what) {
  const std::string head = pad(name, 10) + " project " + pad(off(want), 6) + " header ";
  if (!got) {
    c.line(want == NN_REG_NONE, head + (want == NN_REG_NONE ? "none" : "-: " + what));
    return;
  }
  const std::uint64_t v = got->value + delta;
  const std::string shown = reg + (delta ? "+" + std::to_string(delta) : "") + " " + hex(v);
  if (want == NN_REG_NONE) {
    c.line(false, head + shown + ": the project has no such register (" + std::to_string(32) +
                      "-bit m_axi addresses)");
    return;
  }
  c.line(v == want, head + shown + (v == want ? "" : ": offsets differ"));
}

// The header's name for an argument: Vitis HLS renames C keywords (in -> in_r) and older HLS
// versions add _V to arbitrary-precision types (docs/hwh.md, the names accepted).
std::vector<std::string> arg_names(const std::string& arg) {
  const std::string a = upper(arg);
  return {a, a + "_R", a + "_V", a + "_R_V"};
}

struct Pointer {
  const HwHeader::Value* lo = nullptr;
  const HwHeader::Value* hi = nullptr;
  std::string lo_name, hi_name;
  std::uint64_t hi_delta = 0;
  std::uint64_t lo_bits = 0, hi_bits = 0;  // 0 = no BITS define
};

Pointer find_pointer(Ctx& c, const std::string& arg) {
  Pointer p;
  for (const std::string& n : arg_names(arg)) {
    if (const HwHeader::Value* d = c.addr(n + "_DATA")) {
      // One _DATA register for the whole pointer; a 64-bit one has its high word 4 bytes on.
      p.lo = d;
      p.lo_name = n + "_DATA";
      const HwHeader::Value* b = c.bits(n + "_DATA");
      p.lo_bits = b ? b->value : 0;
      if (p.lo_bits == 64) {
        p.hi = d;
        p.hi_name = p.lo_name;
        p.hi_delta = 4;
      }
      return p;
    }
    const HwHeader::Value* d1 = c.addr(n + "_1_DATA");
    const HwHeader::Value* d2 = c.addr(n + "_2_DATA");
    if (d1 || d2) {
      // The two-word naming (like the .hwh's <arg>_1 / <arg>_2).
      p.lo = d1;
      p.hi = d2;
      p.lo_name = n + "_1_DATA";
      p.hi_name = n + "_2_DATA";
      const HwHeader::Value* b1 = c.bits(p.lo_name);
      const HwHeader::Value* b2 = c.bits(p.hi_name);
      p.lo_bits = b1 ? b1->value : 0;
      p.hi_bits = b2 ? b2->value : 0;
      return p;
    }
  }
  return p;
}

const HwHeader::Value* find_scalar(Ctx& c, const std::string& arg, std::string* name) {
  for (const std::string& n : arg_names(arg))
    if (const HwHeader::Value* d = c.addr(n + "_DATA")) {
      *name = n + "_DATA";
      return d;
    }
  return nullptr;
}

}  // namespace

HeaderCheck check_hw_header(const HwHeader& h, const nn_model_text& m) {
  Ctx c{h, {}, 0, 0, {}};
  const nn_reg_map& r = m.desc.regs;
  const std::string want_prefix = "X" + upper(m.top) + "_CONTROL";
  c.line(h.prefix == want_prefix,
         "top: header " + h.prefix + "_*, project " + want_prefix + "_*" +
             (h.prefix == want_prefix ? "" : " (the header is for another top or bundle)"));

  const struct {
    const char* field;
    std::uint32_t want;
    const char* reg;
  } block[] = {{"ap_ctrl", r.ap_ctrl, "AP_CTRL"},
               {"gie", r.gie, "GIE"},
               {"ier", r.ier, "IER"},
               {"isr", r.isr, "ISR"},
               {"ap_return", r.ap_return, "AP_RETURN"}};
  for (const auto& b : block)
    field(c, b.field, b.want, b.reg, c.addr(b.reg), 0, "no " + std::string(b.reg) + " define");

  std::vector<std::string> width_errors;
  int widths_seen = 0;
  auto want_bits = [&](const std::string& reg, std::uint64_t have, std::uint64_t want) {
    ++widths_seen;
    if (have != want)
      width_errors.push_back(reg + " " + (have ? std::to_string(have) : std::string("no BITS")) +
                             " (project " + std::to_string(want) + ")");
  };
  if (c.addr("AP_RETURN")) {
    const HwHeader::Value* b = c.bits("AP_RETURN");
    want_bits("AP_RETURN", b ? b->value : 0, 32);
  }

  const struct {
    const char* arg;
    const char* lo_field;
    const char* hi_field;
    std::uint32_t lo, hi;
  } ptrs[] = {{"in", "in_lo", "in_hi", r.in_lo, r.in_hi},
              {"out", "out_lo", "out_hi", r.out_lo, r.out_hi},
              {"weights", "weights_lo", "weights_hi", r.weights_lo, r.weights_hi}};
  for (const auto& p : ptrs) {
    const Pointer got = find_pointer(c, p.arg);
    const std::string what = "no " + upper(p.arg) + "_DATA (or " + upper(p.arg) + "_R_DATA)";
    field(c, p.lo_field, p.lo, got.lo_name, got.lo, 0, what);
    field(c, p.hi_field, p.hi, got.hi_name, got.hi, got.hi_delta,
          got.lo ? got.lo_name + " is " + std::to_string(got.lo_bits ? got.lo_bits : 32) +
                       "-bit: no high word"
                 : what);
    if (!got.lo && !got.hi) continue;
    if (got.hi_delta || got.hi_name.empty() || got.hi_name == got.lo_name)
      want_bits(got.lo_name, got.lo_bits, m.m_axi_addr_width);
    else {
      if (got.lo) want_bits(got.lo_name, got.lo_bits, 32);
      if (got.hi) want_bits(got.hi_name, got.hi_bits, 32);
      if (m.m_axi_addr_width != 64)
        width_errors.push_back(upper(p.arg) + " has two 32-bit words (project " +
                               std::to_string(m.m_axi_addr_width) + "-bit pointers)");
    }
  }
  for (const auto& s : {std::pair{"batch", r.batch}, std::pair{"mode", r.mode}}) {
    std::string name;
    const HwHeader::Value* got = find_scalar(c, s.first, &name);
    field(c, s.first, s.second, name, got, 0, "no " + upper(s.first) + "_DATA");
    if (got) {
      const HwHeader::Value* b = c.bits(name);
      want_bits(name, b ? b->value : 0, 32);
    }
  }
  if (!widths_seen)
    c.line(false, "data widths: none of the project's registers is in the header");
  else if (width_errors.empty())
    c.line(true, "data widths: pointers " + std::to_string(m.m_axi_addr_width) +
                     "-bit, batch/mode/ap_return 32-bit");
  else {
    std::string s;
    for (const auto& e : width_errors) s += (s.empty() ? "" : ", ") + e;
    c.line(false, "data widths: " + s);
  }

  std::string unknown;
  for (const auto& [reg, v] : h.addr)
    if (!c.used.count(reg)) unknown += (unknown.empty() ? "" : ", ") + reg + " " + hex(v.value);
  c.line(unknown.empty(), unknown.empty() ? std::string("unknown registers: none")
                                          : "unknown registers: " + unknown +
                                                " (another argument list means another top)");

  HeaderCheck res;
  res.match = c.failed == 0;
  res.report = c.out;
  if (!res.match) {
    std::vector<std::pair<std::uint64_t, std::string>> rows;
    for (const auto& [reg, v] : h.addr) {
      const HwHeader::Value* b = c.bits(reg);
      rows.push_back(
          {v.value, h.prefix + "_ADDR_" + reg +
                        (b ? " (" + std::to_string(b->value) + " bits)" : std::string())});
    }
    std::sort(rows.begin(), rows.end());
    res.report += "Header map (" + h.file + "):\n";
    for (const auto& [o, n] : rows) res.report += "   " + pad(hex(o), 8) + n + "\n";
    res.report += "MISMATCH: " + std::to_string(c.failed) + " of " + std::to_string(c.checks) +
                  " header checks failed\n";
  } else {
    res.report += "MATCH: all " + std::to_string(c.checks) + " header checks passed\n";
  }
  return res;
}

}  // namespace nngen::cli
