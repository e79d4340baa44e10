// nngen inspect-hwh and nngen verify, run as a user would (build/bin/nngen):
// verify passes on a .hwh made from a generated project, fails with both maps
// on every real fixture and on each broken variant, and keeps its exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "hwh_maker.h"
#include "hwh_test_util.h"
#include "nndriver/nn_model_text.h"

using namespace hwhtest;
namespace fs = std::filesystem;

namespace {

struct Result {
  int code;
  std::string out;  // stdout and stderr
};

std::string q(const fs::path& p) {
  std::string s = "'";
  for (char c : p.string()) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

Result nngen(const std::string& args) {
  Result r{-1, {}};
  FILE* p = popen((std::string(NNGEN_PATH) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The digits fixture generated once per process (generate only: verify needs no build).
const fs::path& project() {
  static const fs::path prj = [] {
    const fs::path p = work_dir() / "digits";
    const Result r = nngen(
        "generate " + q(fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/digits/model.onnx") +
        " -o " + q(p) + " --name digits");
    if (r.code != 0) ADD_FAILURE() << r.out;
    return p;
  }();
  return prj;
}

nn_model_text project_desc() {
  const std::string text = slurp(project() / "nnaccel-model.desc");
  nn_model_text m{};
  char err[256] = "";
  if (nn_model_text_parse(text.data(), text.size(), &m, err, sizeof err) != 0) ADD_FAILURE() << err;
  m.desc.name = m.name;
  return m;
}

fs::path write_hwh(const std::string& name, const HwhSpec& s) {
  const fs::path p = work_dir() / name;
  write_file(p, make_hwh(s));
  return p;
}

void expect_line(const std::string& out, const std::string& line) {
  EXPECT_NE(out.find(line), std::string::npos) << "missing: " << line << "\n" << out;
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(HwhCli, VerifyPassesOnTheProjectsOwnDesign) {
  const nn_model_text m = project_desc();
  EXPECT_STREQ(m.vlnv, "nnaccel.org:hls:digits_accel:1.0");
  for (bool zynqmp : {false, true}) {
    HwhSpec s = spec_from_desc(m);
    s.zynqmp = zynqmp;
    const fs::path hwh = write_hwh(zynqmp ? "own-zynqmp.hwh" : "own.hwh", s);
    const Result r = nngen("verify " + q(project()) + " --hwh " + q(hwh));
    EXPECT_EQ(r.code, 0) << r.out;
    expect_line(r.out, "IP digits_accel_0 (nnaccel.org:hls:digits_accel:1.0)");
    expect_line(r.out, "OK   in_lo      project 0x18   .hwh in_r_1 0x18");
    expect_line(r.out, "MATCH: all 19 checks passed");
    EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
  }
  // Found by the top's name when the VLNV differs (e.g. exported with another vendor).
  HwhSpec s = spec_from_desc(m);
  s.vlnv = "user.org:hls:digits_accel:2.0";
  const Result r = nngen("verify " + q(project()) + " --hwh " + q(write_hwh("vendor.hwh", s)));
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST(HwhCli, VerifyFailsTheRightCheckOnDerivedDesigns) {
  const nn_model_text m = project_desc();
  struct Case {
    const char* name;
    void (*change)(HwhSpec&);
    const char* fail;
  } cases[] = {
      {"offset.hwh", [](HwhSpec& s) { s.offset_override["weights_1"] = 0x2C; },
       "FAIL weights_lo project 0x30   .hwh weights_1 0x2C: offsets differ"},
      {"no-irq.hwh", [](HwhSpec& s) { s.irq_connected = false; },
       "FAIL interrupt: port 'interrupt' is not connected"},
      {"width32.hwh", [](HwhSpec& s) { s.m_axi_addr_width = 32; },
       "FAIL m_axi address width: project 64 bits, .hwh m_axi_gmem_io 32, m_axi_gmem_w 32"},
  };
  for (const Case& c : cases) {
    HwhSpec s = spec_from_desc(m);
    c.change(s);
    const Result r = nngen("verify " + q(project()) + " --hwh " + q(write_hwh(c.name, s)));
    EXPECT_EQ(r.code, 1) << c.name << "\n" << r.out;
    expect_line(r.out, c.fail);
    EXPECT_EQ(count(r.out, "\nFAIL"), 1) << c.name << "\n" << r.out;
    expect_line(r.out, "Both maps by offset");
    expect_line(r.out, "MISMATCH: 1 of 19 checks failed");
  }
}

TEST(HwhCli, VerifyShowsBothMapsOnEveryRealFixture) {
  const char* files[] = {
      "pynq-z2_hls_m_axi_vivado2020.1.hwh", "pynq-z2_resizer_axis_dma_vivado2019.1.hwh",
      "zcu104_resizer_axis_dma_vivado2019.1.hwh", "kv260_conv_kernel_vivado2022.1.hwh"};
  const char* hls_ip[] = {"example_0", "resize_accel_0", "resize_accel_0", "conv_kernel_0"};
  for (int i = 0; i < 4; ++i) {
    const Result r = nngen("verify " + q(project()) + " --hwh " + q(fixture(files[i])));
    EXPECT_EQ(r.code, 1) << files[i] << "\n" << r.out;
    expect_line(r.out,
                "FAIL IP: no IP with VLNV nnaccel.org:hls:digits_accel:1.0 or name digits_accel");
    expect_line(r.out, std::string("Compared with the design's HLS IP ") + hls_ip[i]);
    expect_line(r.out, "Both maps by offset");
    expect_line(r.out, std::string("   offset  project      ") + hls_ip[i]);
    expect_line(r.out, "weights_lo");  // the project's side
    expect_line(r.out, "MISMATCH: the design does not contain this project's IP");
  }
}

TEST(HwhCli, VerifyExitCodes) {
  const fs::path own = write_hwh("codes.hwh", spec_from_desc(project_desc()));
  // 2: usage
  EXPECT_EQ(nngen("verify " + q(project())).code, 2);
  EXPECT_EQ(nngen("verify --hwh " + q(own)).code, 2);
  EXPECT_EQ(nngen("verify '' --hwh " + q(own)).code, 2);
  // 3: unreadable or invalid inputs, each named
  Result r = nngen("verify " + q(work_dir() / "nope") + " --hwh " + q(own));
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "nnaccel-model.desc");
  r = nngen("verify " + q(project()) + " --hwh " + q(work_dir() / "missing.hwh"));
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "missing.hwh: cannot open");
  const fs::path cut = work_dir() / "cut.hwh";
  const std::string text = slurp(own);
  write_file(cut, text.substr(0, text.size() / 2));
  r = nngen("verify " + q(project()) + " --hwh " + q(cut));
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, cut.string() + ":");
  expect_line(r.out, "not well-formed XML");
  const fs::path bad_desc = work_dir() / "bad-desc";
  fs::create_directories(bad_desc);
  write_file(bad_desc / "nnaccel-model.desc", "nnaccel-model 1\nname digits\nbogus 1\n");
  r = nngen("verify " + q(bad_desc) + " --hwh " + q(own));
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "nnaccel-model.desc: line 3");
}

TEST(HwhCli, InspectText) {
  const fs::path f = fixture("pynq-z2_hls_m_axi_vivado2020.1.hwh");
  Result r = nngen("inspect-hwh " + q(f));
  EXPECT_EQ(r.code, 0) << r.out;
  expect_line(r.out, "Vivado 2020.1, zynq 7z020 clg400 -1, board tul.com.tw:pynq-z2:part0:1.0");
  expect_line(r.out, "processing system: processing_system7_0 (processing_system7)");
  expect_line(r.out, "6 IPs:");
  expect_line(r.out,
              "  example_0  Xilinx:HLS:example:1.0  0x44A00000 size 0x10000 via M_AXI_GP0  8 "
              "registers (s_axi_control)  irq: example_0.interrupt -> axi_intc_0.intr; "
              "axi_intc_0.irq -> processing_system7_0.IRQ_F2P[0]");

  r = nngen("inspect-hwh " + q(f) + " --ip example_0");
  EXPECT_EQ(r.code, 0) << r.out;
  expect_line(r.out, "IP example_0 (Xilinx:HLS:example:1.0, example, line ");
  expect_line(r.out, "  CPU address: 0x44A00000, 0x10000 bytes, PS port M_AXI_GP0");
  expect_line(r.out, "    0x1C  length_r             32 bits  write-only");
  expect_line(r.out,
              "  master m_axi_gmem: address width 64, cache 0011, user 0x00000000, reaches PS "
              "S_AXI_HP0 at 0x0-0x1FFFFFFF");
  EXPECT_EQ(r.out.find("axi_intc_0  xilinx"), std::string::npos);  // only the one IP

  r = nngen("inspect-hwh " + q(f) + " --ip nothing_0");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "no IP 'nothing_0' (instances: axi_intc_0, axi_mem_intercon, example_0");
  EXPECT_EQ(nngen("inspect-hwh").code, 2);
  r = nngen("inspect-hwh " + q(work_dir()));
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "not a regular file");
}

TEST(HwhCli, InspectJson) {
  const fs::path f = fixture("kv260_conv_kernel_vivado2022.1.hwh");
  const Result r = nngen("inspect-hwh " + q(f) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["file"], f.string());
  EXPECT_EQ(j["system"]["vivado_version"], "2022.1");
  EXPECT_EQ(j["system"]["arch"], "zynquplus");
  EXPECT_EQ(j["system"]["device"], "xck26");
  ASSERT_EQ(j["ips"].size(), 5u);
  const auto& ip = j["ips"][1];
  EXPECT_EQ(ip["name"], "conv_kernel_0");
  EXPECT_EQ(ip["vlnv"], "xilinx.com:hls:conv_kernel:1.0");
  EXPECT_EQ(ip["base"], "0xA0000000");
  EXPECT_EQ(ip["range"], "0x10000");
  EXPECT_EQ(ip["ps_master"], "M_AXI_HPM1_FPD");
  ASSERT_EQ(ip["registers"].size(), 18u);
  EXPECT_EQ(ip["registers"][4]["name"], "act_mem_1");
  EXPECT_EQ(ip["registers"][4]["offset"], "0x10");
  EXPECT_EQ(ip["registers"][4]["size"], 32);
  EXPECT_EQ(ip["irq"]["port"], "interrupt");
  EXPECT_EQ(ip["irq"]["connected"], false);
  EXPECT_EQ(ip["irq"]["reaches_ps"], false);
  ASSERT_EQ(ip["m_axi"].size(), 1u);
  EXPECT_EQ(ip["m_axi"][0]["interface"], "m_axi_gmem0");
  EXPECT_EQ(ip["m_axi"][0]["addr_width"], 64);
  EXPECT_EQ(ip["m_axi"][0]["ps_slave_port"], "S_AXI_HP0_FPD");
  EXPECT_EQ(ip["m_axi"][0]["windows"][2]["base"], "0x800000000");
  // IPs the PS does not map: null base and range; no interrupt port: null irq.
  EXPECT_TRUE(j["ips"][0]["base"].is_null());
  EXPECT_TRUE(j["ips"][0]["range"].is_null());
  EXPECT_TRUE(j["ips"][0]["irq"].is_null());

  const Result one = nngen("inspect-hwh " + q(f) + " --json --ip conv_kernel");
  ASSERT_EQ(one.code, 0) << one.out;
  const auto k = nlohmann::json::parse(one.out);
  ASSERT_EQ(k["ips"].size(), 1u);
  EXPECT_EQ(k["ips"][0], ip);
}
