// nngen computes s_axilite offsets from the documented Vitis HLS rules; check
// the rule against register maps the vendor tools really produced.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "backend/register_map.h"

namespace fs = std::filesystem;
using nngen::backend::layout_register_args;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

const fs::path kVendor = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/vendor";

}  // namespace

TEST(RegisterMap, MatchesVitisHls2022GeneratedHeader) {
  // conv_kernel(act_mem, act_in, act_out, weight_mem, bn_weight_mem: 64-bit
  // pointers; start_layer, end_layer: 64-bit scalars), no return value.
  const auto args = layout_register_args({{"act_mem", 64}, {"act_in", 64}, {"act_out", 64}, {"weight_mem", 64},
                                          {"bn_weight_mem", 64}, {"start_layer", 64}, {"end_layer", 64}},
                                         false);
  const std::string header = slurp(kVendor / "vitis_hls_2022.1_xconv_kernel_hw.h");
  for (const auto& a : args) {
    std::string upper = a.name;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(header, m, std::regex("CONTROL_ADDR_" + upper + "_DATA\\s+(0x[0-9a-fA-F]+)")))
        << a.name;
    EXPECT_EQ(a.lo, std::stoul(m[1].str(), nullptr, 16)) << a.name;
    EXPECT_EQ(a.hi, a.lo + 4) << a.name;
  }
}

TEST(RegisterMap, MatchesVivado2020HwhRegisters) {
  // example(volatile int *a, int length, int value): a 64-bit pointer, two 32-bit scalars.
  const auto args = layout_register_args({{"a", 64}, {"length_r", 32}, {"value_r", 32}}, false);
  const std::string hwh = slurp(kVendor / "pynq-z2_hls_m_axi_vivado2020.1.hwh");
  auto offset = [&](const std::string& reg) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(hwh, m,
                                  std::regex("<REGISTER NAME=\"" + reg +
                                             "\">[^<]*<PROPERTY NAME=\"DESCRIPTION\"[^>]*>[^<]*<PROPERTY NAME=\"ADDRESS_OFFSET\" "
                                             "VALUE=\"([0-9]+)\"")))
        << reg;
    return static_cast<uint32_t>(std::stoul(m[1].str()));  // decimal in HLS IP (docs/hwh.md)
  };
  EXPECT_EQ(args[0].lo, offset("a_1"));
  EXPECT_EQ(args[0].hi, offset("a_2"));
  EXPECT_EQ(args[1].lo, offset("length_r"));
  EXPECT_EQ(args[2].lo, offset("value_r"));
}

TEST(RegisterMap, OurTopWithReturnValue) {
  const nn_reg_map r = nngen::backend::compute_register_map(true);
  EXPECT_EQ(r.ap_return, 0x10u);
  EXPECT_EQ(r.in_lo, 0x18u);
  EXPECT_EQ(r.in_hi, 0x1Cu);
  EXPECT_EQ(r.out_lo, 0x24u);
  EXPECT_EQ(r.out_hi, 0x28u);
  EXPECT_EQ(r.weights_lo, 0x30u);
  EXPECT_EQ(r.weights_hi, 0x34u);
  EXPECT_EQ(r.batch, 0x3Cu);
  EXPECT_EQ(r.mode, 0x44u);
  const nn_reg_map r32 = nngen::backend::compute_register_map(false);
  EXPECT_EQ(r32.in_hi, NN_REG_NONE);
  EXPECT_EQ(r32.out_lo, 0x20u);
  EXPECT_EQ(r32.mode, 0x38u);
}
