// Escaping of untrusted text (model names, doc strings, paths, the command
// line) for the generated files, so that such text is always data and never
// code in the language of the file it lands in (docs/nngen.md "Untrusted text
// in generated files").
#pragma once

#include <string>
#include <string_view>

namespace nngen {

// One line of text safe inside a comment of every language nngen writes: C and
// C++ `//` and `/* */` comments, CMake, Tcl and shell `#` comments. Printable
// ASCII is kept; every other byte (newlines, control characters, DEL, bytes
// >= 0x80 whether valid UTF-8 or not) and the backslash become `\xNN`, so the
// result is one line, never ends in a line continuation and is reversible.
// The sequences that open or close a C comment (`/*`, `*/`) and trigraphs
// (`??`) are broken by escaping their second character.
std::string comment_text(std::string_view s);

// A C/C++ string literal, quotes included: `"` `\` and `?` (trigraphs) are
// backslash-escaped, bytes outside printable ASCII become 3-digit octal
// escapes (which, unlike \x, cannot swallow a following character).
std::string c_string_literal(std::string_view s);

// Device tree source (dtc). A DTS string literal, quotes included: `"` and `\` are
// backslash-escaped, bytes outside printable ASCII become `\xNN` (dtc reads at most two hex
// digits, so a following character is never swallowed).
std::string dts_string_literal(std::string_view s);
// A DTS node name derived from `s`: lower-case [a-z0-9,._+-] only (upper case is folded, every
// other byte becomes '-'), starting with a letter (else "n" is prepended), at most 31 characters
// (the Devicetree Specification's limit). Never empty.
std::string dts_node_name(std::string_view s);
// A DTS label derived from `s`: [a-z0-9_] only (upper case folded, every other byte becomes
// '_'), starting with a letter or '_' (else '_' is prepended), at most 31 characters. Never empty.
std::string dts_label(std::string_view s);

// A Tcl word in double quotes that Tcl reads back as exactly `s`: `"` `\` `$` `[` `]` are
// backslash-escaped (no substitution can happen), bytes outside printable ASCII become 3-digit
// octal escapes (Tcl's \ooo reads at most three digits, so a following digit is never swallowed;
// \x is greedy in Tcl 8.5). Braces are kept: inside double quotes they are plain characters.
std::string tcl_quoted(std::string_view s);

}  // namespace nngen
