// nn_hwh_check_ip: a .hwh made for the project matches; each way a design can
// differ fails exactly its own check, and the report then lists both maps.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "hwh_maker.h"
#include "hwh_test_util.h"

using namespace hwhtest;

namespace {

struct Checked {
  int rc = -1;
  std::string report;
  std::vector<std::string> fails;  // the FAIL lines
};

Checked check(const std::string& text, const nn_reg_map& regs, uint32_t width,
              const char* ip = "net_accel_0") {
  Checked c;
  std::string err;
  const HwhPtr h = load_text("made.hwh", text, &err);
  if (!h) {
    ADD_FAILURE() << err;
    return c;
  }
  const nn_hwh_ip* found = nn_hwh_find_ip(h.get(), ip);
  if (!found) {
    ADD_FAILURE() << "no IP " << ip;
    return c;
  }
  std::vector<char> buf(64 * 1024);
  c.rc = nn_hwh_check_ip(found, &regs, width, buf.data(), buf.size());
  c.report = buf.data();
  std::istringstream in(c.report);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("FAIL", 0) == 0) c.fails.push_back(line);
  return c;
}

HwhSpec spec64() {
  HwhSpec s;
  s.regs = reg_map_64();
  return s;
}

void expect_one_fail(const Checked& c, const std::string& start) {
  EXPECT_EQ(c.rc, 1) << c.report;
  ASSERT_EQ(c.fails.size(), 1u) << c.report;
  EXPECT_EQ(c.fails[0].rfind("FAIL " + start, 0), 0u) << c.fails[0];
  EXPECT_NE(c.report.find("Both maps by offset"), std::string::npos) << c.report;
  EXPECT_NE(c.report.find("MISMATCH: 1 of "), std::string::npos) << c.report;
}

}  // namespace

TEST(HwhCheck, MadeForTheProjectMatches) {
  for (bool zynqmp : {false, true})
    for (bool concat : {false, true}) {
      HwhSpec s = spec64();
      s.zynqmp = zynqmp;
      s.irq_via_concat = concat;
      const Checked c = check(make_hwh(s), s.regs, 64);
      EXPECT_EQ(c.rc, 0) << c.report;
      EXPECT_TRUE(c.fails.empty()) << c.report;
      EXPECT_NE(c.report.find("OK   in_lo      project 0x18   .hwh in_r_1 0x18"), std::string::npos)
          << c.report;
      EXPECT_NE(c.report.find("MATCH: all 19 checks passed"), std::string::npos) << c.report;
      EXPECT_EQ(c.report.find("Both maps"), std::string::npos);  // only on a mismatch
    }
}

TEST(HwhCheck, ThirtyTwoBitLayoutMatches) {
  HwhSpec s;
  s.regs = reg_map_32();
  s.m_axi_addr_width = 32;
  const Checked c = check(make_hwh(s), s.regs, 32);
  EXPECT_EQ(c.rc, 0) << c.report;
  EXPECT_NE(c.report.find("OK   in_hi      project none   .hwh none"), std::string::npos)
      << c.report;
}

TEST(HwhCheck, VivadoHlsRenamesMatch) {
  // Vivado HLS appends _V to ap_uint arguments and names the bundle AXILiteS.
  std::string t = make_hwh(spec64());
  for (const char* from : {"NAME=\"batch\"", "NAME=\"mode\""}) {
    const std::string f(from);
    const std::string to = f.substr(0, f.size() - 1) + "_V\"";
    for (size_t at; (at = t.find(f)) != std::string::npos;) t.replace(at, f.size(), to);
  }
  const Checked c = check(t, reg_map_64(), 64);
  EXPECT_EQ(c.rc, 0) << c.report;
  EXPECT_NE(c.report.find(".hwh batch_V 0x3C"), std::string::npos) << c.report;
}

TEST(HwhCheck, OneOffsetChanged) {
  HwhSpec s = spec64();
  s.offset_override["batch"] = 0x40;
  const Checked c = check(make_hwh(s), s.regs, 64);
  expect_one_fail(c, "batch      project 0x3C   .hwh batch 0x40: offsets differ");
  // Side by side: the project's batch at 0x3C has no register there, the .hwh's at 0x40.
  EXPECT_NE(c.report.find(" * 0x3C    batch        -\n"), std::string::npos) << c.report;
  EXPECT_NE(c.report.find(" * 0x40    -            batch\n"), std::string::npos) << c.report;
  EXPECT_NE(c.report.find("   0x18    in_lo        in_r_1\n"), std::string::npos) << c.report;
}

TEST(HwhCheck, InterruptUnconnected) {
  HwhSpec s = spec64();
  s.irq_connected = false;
  const Checked c = check(make_hwh(s), s.regs, 64);
  expect_one_fail(c, "interrupt: port 'interrupt' is not connected");
}

TEST(HwhCheck, InterruptNotReachingThePs) {
  std::string t = make_hwh(spec64());
  const std::string from = "<CONNECTION INSTANCE=\"processing_system7_0\" PORT=\"IRQ_F2P\"/>";
  t.replace(t.find(from), from.size(),
            "<CONNECTION INSTANCE=\"processing_system7_0\" PORT=\"FCLK_RESET0_N\"/>");
  const Checked c = check(t, reg_map_64(), 64);
  expect_one_fail(c, "interrupt: port 'interrupt' does not reach a PS interrupt input");
}

TEST(HwhCheck, ThirtyTwoBitMaxiWidth) {
  HwhSpec s = spec64();
  s.m_axi_addr_width = 32;  // registers still 64-bit pairs: only the width differs
  const Checked c = check(make_hwh(s), s.regs, 64);
  expect_one_fail(c,
                  "m_axi address width: project 64 bits, .hwh m_axi_gmem_io 32, m_axi_gmem_w 32");
}

TEST(HwhCheck, PointerWidthsDiffer) {
  // The IP has 64-bit pointers (in_r_1/in_r_2...), the project was generated for 32-bit.
  const std::string t = make_hwh(spec64());
  const Checked c = check(t, reg_map_32(), 64);
  EXPECT_EQ(c.rc, 1);
  bool saw_hi = false, saw_lo = false;
  for (const std::string& f : c.fails) {
    saw_hi |= f.find("in_hi      project none   .hwh in_r_2 0x1C: the IP has 64-bit") !=
              std::string::npos;
    // Same offset, but in_r_1 is the low half of a pair, not a 32-bit pointer.
    saw_lo |= f.find(
                  "in_lo      project 0x18   .hwh has in_r_1 0x18 instead: the pointer "
                  "widths differ") != std::string::npos;
  }
  EXPECT_TRUE(saw_hi) << c.report;
  EXPECT_TRUE(saw_lo) << c.report;
  EXPECT_NE(c.report.find("FAIL out_lo     project 0x20   .hwh has out_r_1 0x24 instead"),
            std::string::npos)
      << c.report;
}

TEST(HwhCheck, ExtraRegisterAndUnmappedIp) {
  HwhSpec s = spec64();
  s.extra_register = "scale";
  Checked c = check(make_hwh(s), s.regs, 64);
  expect_one_fail(c, "1 register the project does not know: scale 0x80");

  s = spec64();
  s.ps_maps_ip = false;
  c = check(make_hwh(s), s.regs, 64);
  expect_one_fail(c, "control window: the PS maps no address range to net_accel_0");
}

TEST(HwhCheck, RealFixturesAreOtherDesigns) {
  const struct {
    const char* file;
    const char* ip;
  } cases[] = {{"pynq-z2_hls_m_axi_vivado2020.1.hwh", "example_0"},
               {"pynq-z2_resizer_axis_dma_vivado2019.1.hwh", "resize_accel_0"},
               {"zcu104_resizer_axis_dma_vivado2019.1.hwh", "resize_accel_0"},
               {"kv260_conv_kernel_vivado2022.1.hwh", "conv_kernel_0"}};
  for (const auto& k : cases) {
    const Checked c = check(slurp(fixture(k.file)), reg_map_64(), 64, k.ip);
    EXPECT_EQ(c.rc, 1) << k.file;
    EXPECT_FALSE(c.fails.empty());
    // Both maps: the project's fields and the IP's registers.
    EXPECT_NE(c.report.find("Both maps by offset"), std::string::npos) << c.report;
    EXPECT_NE(c.report.find("weights_hi"), std::string::npos) << c.report;
    EXPECT_NE(c.report.find("   0x00    ap_ctrl      CTRL\n"), std::string::npos) << c.report;
  }
  const Checked kv = check(slurp(fixture("kv260_conv_kernel_vivado2022.1.hwh")), reg_map_64(), 64,
                           "conv_kernel_0");
  EXPECT_NE(kv.report.find(" * 0x10    ap_return    act_mem_1\n"), std::string::npos) << kv.report;
  EXPECT_NE(kv.report.find("OK   control window: 0xA0000000, 0x10000 bytes via M_AXI_HPM1_FPD"),
            std::string::npos)
      << kv.report;
}

TEST(HwhCheck, ReportTruncatesSafely) {
  HwhSpec s = spec64();
  s.offset_override["mode"] = 0x48;
  const HwhPtr h = load_text("t.hwh", make_hwh(s));
  ASSERT_TRUE(h);
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "net_accel_0");
  char small[64];
  memset(small, 'z', sizeof small);
  EXPECT_EQ(nn_hwh_check_ip(ip, &s.regs, 64, small, sizeof small), 1);
  EXPECT_EQ(std::strlen(small), sizeof small - 1);
  EXPECT_EQ(std::string(small).substr(sizeof small - 5), "...\n");
  EXPECT_EQ(nn_hwh_check_ip(ip, &s.regs, 64, nullptr, 0), 1);  // result without a report
  const nn_reg_map ok = reg_map_64();
  EXPECT_EQ(
      nn_hwh_check_ip(nn_hwh_find_ip(load_text("u.hwh", make_hwh(spec64())).get(), "net_accel_0"),
                      &ok, 64, nullptr, 0),
      0);
  EXPECT_EQ(nn_hwh_check_ip(nullptr, &ok, 64, small, sizeof small), 1);
}

// A register the project has none of (ap_return none) is not a pointer-width
// problem: the report says what differs.
TEST(HwhCheck, RegisterTheProjectHasNoneOfIsNamedAsSuch) {
  const HwhSpec s = spec64();
  nn_reg_map regs = s.regs;
  regs.ap_return = NN_REG_NONE;
  const Checked c = check(make_hwh(s), regs, 64);
  expect_one_fail(c,
                  "ap_return  project none   .hwh ap_return 0x10: the IP has this register, "
                  "the project none");
  EXPECT_EQ(c.report.find("64-bit m_axi addresses"), std::string::npos) << c.report;
}
