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

}  // namespace nngen
