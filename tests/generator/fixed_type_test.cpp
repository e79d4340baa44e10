#include <gtest/gtest.h>

#include "ir/fixed_type.h"
#include "support/error.h"

using nngen::ir::FixedType;

TEST(FixedType, ParsesWithDefaultModes) {
  const auto t = FixedType::parse(" ap_fixed< 16 , 6 > ", "AP_RND_CONV", "AP_SAT");
  EXPECT_EQ(t.cpp(), "ap_fixed<16,6,AP_RND_CONV,AP_SAT>");
  EXPECT_EQ(t.frac_bits(), 10);
  EXPECT_EQ(FixedType::parse("ap_ufixed<8,0,AP_TRN,AP_WRAP>", "AP_RND", "AP_SAT").cpp(), "ap_ufixed<8,0,AP_TRN,AP_WRAP>");
}

TEST(FixedType, RejectsBadTypesWithReasons) {
  const std::pair<const char*, const char*> cases[] = {
      {"float", "is not an ap_fixed/ap_ufixed type"},
      {"ap_fixed<16,6", "lacks the closing '>'"},
      {"ap_fixed<16,6,AP_RND>", "needs 2 or 4 parameters"},
      {"ap_fixed<x,6>", "width W 'x' is not an integer"},
      {"ap_fixed<1,1>", "width must be 2..64"},
      {"ap_fixed<16,6,AP_RND,AP_CLAMP>", "unknown overflow mode 'AP_CLAMP'"},
  };
  for (const auto& [text, msg] : cases) {
    try {
      FixedType::parse(text, "AP_RND_CONV", "AP_SAT");
      ADD_FAILURE() << text << " accepted";
    } catch (const nngen::Error& e) {
      EXPECT_EQ(e.code(), nngen::ExitCode::kUsage);
      EXPECT_NE(std::string(e.what()).find(msg), std::string::npos) << e.what();
    }
  }
}
