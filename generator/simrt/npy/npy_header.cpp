#include "npy_header.h"

#include <cstdint>
#include <limits>

#include "npy.h"

namespace nnnpy {
namespace detail {
namespace {

// NumPy leaves this many columns for the first dimension so that a writer can grow the array in
// place (numpy/lib/format.py, GROWTH_AXIS_MAX_DIGITS); we write the same bytes as np.save.
constexpr std::size_t kGrowthAxisMaxDigits = 21;

// Shown in messages: the header with non-printable bytes escaped, trailing padding dropped, and
// cut after a few hundred characters (a header can be 4 GiB in format 2.0).
std::string printable_header(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\0')) {
    --end;
  }
  constexpr std::size_t kMaxShown = 200;
  std::string out;
  for (std::size_t i = 0; i < end && i < kMaxShown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (end > kMaxShown) out += "...";
  return out;
}

// Recursive-descent parser over the few Python literals a .npy header dict can contain.
class DictParser {
 public:
  DictParser(const std::string& text, const std::string& name) : text_(text), name_(name) {}

  NpyHeader parse() {
    NpyHeader header;
    bool have_descr = false, have_fortran = false, have_shape = false;
    skip_space();
    expect('{');
    for (;;) {
      skip_space();
      if (peek() == '}') break;
      const std::size_t key_pos = pos_;
      const std::string key = parse_string();
      skip_space();
      expect(':');
      skip_space();
      if (key == "descr") {
        mark_once(&have_descr, key, key_pos);
        if (peek() == '[') fail("'descr' is a list: structured (record) dtypes are not supported");
        header.descr = parse_string();
      } else if (key == "fortran_order") {
        mark_once(&have_fortran, key, key_pos);
        header.fortran_order = parse_bool();
      } else if (key == "shape") {
        mark_once(&have_shape, key, key_pos);
        header.shape = parse_shape();
      } else {
        pos_ = key_pos;
        fail("unexpected key '" + key +
             "' (a .npy header has exactly 'descr', 'fortran_order' and 'shape')");
      }
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() != '}') fail("expected ',' or '}' after the value of '" + key + "'");
    }
    ++pos_;  // '}'
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the closing '}'");
    if (!have_descr) fail_missing("descr");
    if (!have_fortran) fail_missing("fortran_order");
    if (!have_shape) fail_missing("shape");
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(name_ + ": cannot parse .npy header \"" + printable_header(text_) + "\": " + what +
                " (at offset " + std::to_string(pos_) + ")");
  }
  [[noreturn]] void fail_missing(const std::string& key) const {
    throw Error(name_ + ": cannot parse .npy header \"" + printable_header(text_) +
                "\": missing key '" + key + "'");
  }
  void mark_once(bool* seen, const std::string& key, std::size_t key_pos) {
    if (*seen) {
      pos_ = key_pos;
      fail("key '" + key + "' appears twice");
    }
    *seen = true;
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= text_.size(); }

  // Python whitespace between tokens; NumPy pads with spaces and ends with '\n'.
  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++pos_;
    }
  }

  void expect(char c) {
    if (at_end()) fail(std::string("expected '") + c + "' but the header ended");
    if (peek() != c) fail(std::string("expected '") + c + "', found '" + peek() + "'");
    ++pos_;
  }

  // 'abc' or "abc". Escapes never occur in dtype strings or key names, so a backslash is refused
  // rather than half-interpreted.
  std::string parse_string() {
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail("expected a quoted string");
    ++pos_;
    std::string value;
    for (;;) {
      if (at_end()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == quote) return value;
      if (c == '\\') fail("escape sequences in strings are not supported");
      if (c == '\n') fail("unterminated string");
      value += c;
    }
  }

  bool parse_bool() {
    if (text_.compare(pos_, 4, "True") == 0) {
      pos_ += 4;
      return true;
    }
    if (text_.compare(pos_, 5, "False") == 0) {
      pos_ += 5;
      return false;
    }
    fail("'fortran_order' must be True or False");
  }

  // A Python tuple of integers: "()", "(3,)", "(2, 3)", "(2, 3,)". "(3)" is the integer 3, not a
  // tuple, and NumPy refuses it too.
  std::vector<std::size_t> parse_shape() {
    if (peek() != '(') fail("'shape' must be a tuple such as (2, 3) or (3,) or ()");
    ++pos_;
    std::vector<std::size_t> shape;
    skip_space();
    if (peek() == ')') {
      ++pos_;
      return shape;
    }
    for (;;) {
      shape.push_back(parse_dimension());
      skip_space();
      if (peek() == ',') {
        ++pos_;
        skip_space();
        if (peek() == ')') break;
        continue;
      }
      if (peek() == ')') {
        if (shape.size() == 1) fail("'shape' (n) is not a tuple; a 1-d shape is written (n,)");
        break;
      }
      fail("expected ',' or ')' in 'shape'");
    }
    ++pos_;  // ')'
    return shape;
  }

  std::size_t parse_dimension() {
    if (peek() == '-') fail("negative dimension in 'shape'");
    if (peek() < '0' || peek() > '9') fail("expected an integer in 'shape'");
    std::size_t value = 0;
    while (peek() >= '0' && peek() <= '9') {
      const auto digit = static_cast<std::size_t>(peek() - '0');
      if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) {
        fail("dimension in 'shape' is too large for this machine");
      }
      value = value * 10 + digit;
      ++pos_;
    }
    if (peek() == 'L') ++pos_;  // Python 2 long literal, written by NumPy under Python 2.
    return value;
  }

  const std::string& text_;
  const std::string& name_;
  std::size_t pos_ = 0;
};

}  // namespace

NpyHeader parse_header_dict(const std::string& text, const std::string& name) {
  return DictParser(text, name).parse();
}

std::string format_header_dict(const std::string& descr, const std::vector<std::size_t>& shape) {
  // Keys sorted, each "'key': repr(value), " then "}", as numpy/lib/format.py writes them.
  std::string dict = "{'descr': '" + descr +
                     "', 'fortran_order': False, 'shape': " + shape_to_string(shape) + ", }";
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(shape[0]).size();
    if (digits < kGrowthAxisMaxDigits) dict.append(kGrowthAxisMaxDigits - digits, ' ');
  }
  return dict;
}

bool parse_descr(const std::string& descr, Dtype* dtype) {
  if (descr.size() < 3) return false;
  const char order = descr[0];
  if (order != '<' && order != '>' && order != '|' && order != '=') return false;
  const char kind = descr[1];
  if (kind < 'a' || kind > 'z') return false;
  std::size_t size = 0;
  for (std::size_t i = 2; i < descr.size(); ++i) {
    if (descr[i] < '0' || descr[i] > '9' || size > 1000000) return false;
    size = size * 10 + static_cast<std::size_t>(descr[i] - '0');
  }
  if (size == 0) return false;
  dtype->byte_order = order;
  dtype->kind = kind;
  dtype->item_size = size;
  return true;
}

std::string describe_descr(const std::string& descr) {
  const std::string quoted = "'" + descr + "'";
  Dtype dtype;
  if (!parse_descr(descr, &dtype)) {
    if (descr.size() >= 2 && (descr[1] == 'U' || descr[1] == 'S')) return quoted + " (strings)";
    if (descr.size() >= 2 && descr[1] == 'O') return quoted + " (Python objects)";
    if (descr.size() >= 2 && (descr[1] == 'M' || descr[1] == 'm')) return quoted + " (date/time)";
    return quoted;
  }
  const std::string bits = std::to_string(dtype.item_size * 8);
  switch (dtype.kind) {
    case 'f':
      return quoted + " (float" + bits + ")";
    case 'i':
      return quoted + " (int" + bits + ")";
    case 'u':
      return quoted + " (uint" + bits + ")";
    case 'c':
      return quoted + " (complex" + bits + ")";
    case 'b':
      return dtype.item_size == 1 ? quoted + " (bool)" : quoted;
    default:
      return quoted;
  }
}

}  // namespace detail
}  // namespace nnnpy
