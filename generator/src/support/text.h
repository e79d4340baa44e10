// Small text helpers shared by the writers and commands.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nngen {

std::string to_upper(std::string s);
// "0x0000ABCDu" (C literal) or "0x0000abcd" (display).
std::string hex32_literal(uint32_t v);
std::string hex32(uint32_t v);
std::vector<std::string> split_lines(const std::string& text);
// Letters, digits and '_', not starting with a digit, non-empty.
bool is_c_identifier(const std::string& s);
std::string replace_all(std::string s, const std::string& from, const std::string& to);

}  // namespace nngen
