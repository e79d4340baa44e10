#include "support/escape.h"

#include <cstdio>

namespace nngen {
namespace {

bool printable_ascii(unsigned char c) { return c >= 0x20 && c < 0x7F; }

std::string hex_escape(unsigned char c) {
  char b[8];
  std::snprintf(b, sizeof b, "\\x%02x", c);
  return b;
}

std::string octal_escape(unsigned char c) {
  char b[8];
  std::snprintf(b, sizeof b, "\\%03o", c);
  return b;
}

// A double-quoted string literal: each character of `specials` gets a backslash, other printable
// ASCII stays as it is, everything else is written by `escape` (the language's numeric escape).
std::string quoted_literal(std::string_view s, std::string_view specials,
                           std::string (*escape)(unsigned char)) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (specials.find(ch) != std::string_view::npos) {
      out += '\\';
      out += ch;
    } else if (printable_ascii(c)) {
      out += ch;
    } else {
      out += escape(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string comment_text(std::string_view s) {
  std::string out;
  char prev = 0;  // the previous character of the input
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    // The second character of "/*", "*/" and "??" is escaped: the first one
    // alone opens no comment, closes none and starts no trigraph.
    const bool breaks_pair =
        (prev == '/' && ch == '*') || (prev == '*' && ch == '/') || (prev == '?' && ch == '?');
    if (!printable_ascii(c) || ch == '\\' || breaks_pair) {
      out += hex_escape(c);
      prev = 0;  // an escape ends in a hex digit, which pairs with nothing
    } else {
      out += ch;
      prev = ch;
    }
  }
  return out;
}

std::string c_string_literal(std::string_view s) {
  return quoted_literal(s, "\"\\?", octal_escape);
}

std::string tcl_quoted(std::string_view s) { return quoted_literal(s, "\"\\$[]", octal_escape); }

std::string dts_string_literal(std::string_view s) { return quoted_literal(s, "\"\\", hex_escape); }

namespace {

char lower_ascii(char ch) {
  return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
}
bool lower_alnum(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

// DTS names are limited to 31 characters (Devicetree Specification, "Node Names" and labels).
constexpr size_t kDtsNameMax = 31;

}  // namespace

std::string dts_node_name(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const char c = lower_ascii(ch);
    const bool ok = lower_alnum(c) || c == ',' || c == '.' || c == '_' || c == '+' || c == '-';
    out += ok ? c : '-';
  }
  if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z')) out = "n" + out;
  return out.substr(0, kDtsNameMax);
}

std::string dts_label(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const char c = lower_ascii(ch);
    out += (lower_alnum(c) || c == '_') ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "_" + out;
  return out.substr(0, kDtsNameMax);
}

}  // namespace nngen
