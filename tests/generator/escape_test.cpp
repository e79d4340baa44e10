// Escaping of untrusted text for generated files (support/escape.h).
#include "support/escape.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "backend/manifest.h"

namespace {

using nngen::c_string_literal;
using nngen::comment_text;

// What must never appear in text that sits in a comment of a generated file.
void expect_inert_in_comments(const std::string& in) {
  const std::string out = comment_text(in);
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 && u < 0x7F) << "byte " << int(u) << " in '" << out << "'";
  }
  EXPECT_EQ(out.find("*/"), std::string::npos) << out;
  EXPECT_EQ(out.find("/*"), std::string::npos) << out;
  EXPECT_EQ(out.find("??"), std::string::npos) << out;
  if (!out.empty()) {
    EXPECT_NE(out.back(), '\\') << out;
  }
}

TEST(Escape, CommentTextKnownAnswers) {
  EXPECT_EQ(comment_text("plain name_1 (ok) [x] $y {z} \"q\" 'a'"),
            "plain name_1 (ok) [x] $y {z} \"q\" 'a'");
  EXPECT_EQ(comment_text("a\nb\r\tc"), "a\\x0ab\\x0d\\x09c");
  EXPECT_EQ(comment_text("x */ y /* z"), "x *\\x2f y /\\x2a z");
  EXPECT_EQ(comment_text("/*/"), "/\\x2a/");
  EXPECT_EQ(comment_text("**/"), "**\\x2f");
  EXPECT_EQ(comment_text("trailing\\"), "trailing\\x5c");
  EXPECT_EQ(comment_text("??"
                         "?/"),
            "?\\x3f?/");
  EXPECT_EQ(comment_text(std::string("nul\0byte", 8)), "nul\\x00byte");
  EXPECT_EQ(comment_text("\xff\xfe caf\xc3\xa9 \x7f"), "\\xff\\xfe caf\\xc3\\xa9 \\x7f");
}

TEST(Escape, CommentTextIsInertForEveryBytePair) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string s{static_cast<char>(a), static_cast<char>(b)};
      const std::string out = comment_text(s);
      ASSERT_EQ(out.find("*/"), std::string::npos) << a << " " << b;
      ASSERT_EQ(out.find("/*"), std::string::npos) << a << " " << b;
      ASSERT_EQ(out.find("??"), std::string::npos) << a << " " << b;
      ASSERT_EQ(out.find('\n'), std::string::npos) << a << " " << b;
      ASSERT_NE(out.back(), '\\') << a << " " << b;
    }
  }
  expect_inert_in_comments(
      "a*/*/b?"
      "?/\\\n\xff ${x} $(y) [z]\\");
}

TEST(Escape, CStringLiteral) {
  EXPECT_EQ(c_string_literal("net"), "\"net\"");
  EXPECT_EQ(c_string_literal("a\"b\\c?d\n\xff"), "\"a\\\"b\\\\c\\?d\\012\\377\"");
  EXPECT_EQ(c_string_literal("?"
                             "?/"),
            "\"\\?\\?/\"");
  // Three-digit octal: a following digit is never part of the escape.
  EXPECT_EQ(c_string_literal("\x01"
                             "7"),
            "\"\\0017\"");
  EXPECT_EQ(c_string_literal(""), "\"\"");
}

TEST(Escape, ManifestWithNonUtf8TextIsValidJson) {
  nngen::backend::Manifest m;
  m.name = "net";
  m.precision = "ap_fixed<16,6>\xff\xfe";
  m.architecture = {"line \xc3(", "ok"};
  std::string text;
  ASSERT_NO_THROW(text = nngen::backend::manifest_json(m));
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("options").at("precision").get<std::string>(),
            "ap_fixed<16,6>\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(j.at("architecture").at(1).get<std::string>(), "ok");
}

}  // namespace
