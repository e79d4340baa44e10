// nngen verify --hw-header: the real Vitis HLS header of another IP (mismatch, each failing check
// named), headers derived from a generated project in the same format (match, and single broken
// variants), malformed and cut headers (exit 3 with file:line), and --hwh together with it.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "cli_util.h"
#include "hwh_maker.h"
#include "hwh_test_util.h"

using namespace pkgtest;
namespace fs = std::filesystem;

namespace {

fs::path hls_fixture() { return fs::path(HLS_FIXTURE_DIR) / "vitis_hls_2022.1_xconv_kernel_hw.h"; }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct HeaderSpec {
  bool split_pointers = false;  // <ARG>_1_DATA / <ARG>_2_DATA instead of one 64-bit _DATA
  std::uint32_t pointer_bits = 64;
  std::map<std::string, std::uint32_t> offset_override;  // register -> ADDR written
  std::string extra;                                     // a line appended verbatim
};

// A header in the format of Vitis HLS 2022.1 (tests/fixtures/hls/...hw.h) for the project `m`.
std::string make_header(const nn_model_text& m, const HeaderSpec& s = {}) {
  const std::string p = "X" + upper(m.top) + "_CONTROL";
  const nn_reg_map& r = m.desc.regs;
  std::string t =
      "// ==============================================================\n"
      "// Vitis HLS - High-Level Synthesis from C, C++ and OpenCL v2022.1 (64-bit)\n"
      "// ==============================================================\n"
      "// control\n// 0x00 : Control signals\n//        bit 0  - ap_start (Read/Write/COH)\n\n";
  auto def = [&](const std::string& kind, const std::string& reg, std::uint32_t v) {
    const auto it = s.offset_override.find(reg);
    if (kind == "ADDR" && it != s.offset_override.end()) v = it->second;
    char b[160];
    std::snprintf(b, sizeof b,
                  kind == "ADDR" ? "#define %s_%s_%-20s 0x%02x\n" : "#define %s_%s_%-20s %u\n",
                  p.c_str(), kind.c_str(), reg.c_str(), v);
    t += b;
  };
  def("ADDR", "AP_CTRL", r.ap_ctrl);
  def("ADDR", "GIE", r.gie);
  def("ADDR", "IER", r.ier);
  def("ADDR", "ISR", r.isr);
  def("ADDR", "AP_RETURN", r.ap_return);
  def("BITS", "AP_RETURN", 32);
  const struct {
    const char* name;
    std::uint32_t lo;
  } ptrs[] = {{"IN_R", r.in_lo}, {"OUT_R", r.out_lo}, {"WEIGHTS", r.weights_lo}};
  for (const auto& x : ptrs) {
    if (s.split_pointers) {
      def("ADDR", std::string(x.name) + "_1_DATA", x.lo);
      def("BITS", std::string(x.name) + "_1_DATA", 32);
      def("ADDR", std::string(x.name) + "_2_DATA", x.lo + 4);
      def("BITS", std::string(x.name) + "_2_DATA", 32);
    } else {
      def("ADDR", std::string(x.name) + "_DATA", x.lo);
      def("BITS", std::string(x.name) + "_DATA", s.pointer_bits);
    }
  }
  def("ADDR", "BATCH_DATA", r.batch);
  def("BITS", "BATCH_DATA", 32);
  def("ADDR", "MODE_DATA", r.mode);
  def("BITS", "MODE_DATA", 32);
  return t + s.extra;
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path f = hwhtest::work_dir() / name;
  hwhtest::write_file(f, text);
  return f;
}

Result verify_header(const fs::path& h) {
  return nngen("verify " + q(project()) + " --hw-header " + q(h));
}

}  // namespace

TEST(HwHeaderCli, MatchesAHeaderDerivedFromTheProject) {
  const nn_model_text m = project_desc();
  const std::string text = make_header(m);
  const Result r = verify_header(write("own_hw.h", text));
  EXPECT_EQ(r.code, 0) << text << r.out;
  expect_line(r.out, "OK   top: header XDIGITS_ACCEL_CONTROL_*");
  expect_line(r.out, "OK   in_lo      project 0x18   header IN_R_DATA 0x18");
  expect_line(r.out, "OK   in_hi      project 0x1C   header IN_R_DATA+4 0x1C");
  expect_line(r.out, "OK   data widths: pointers 64-bit");
  expect_line(r.out, "OK   unknown registers: none");
  expect_line(r.out, "MATCH: all 16 header checks passed");
  EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
  // The two-word naming of a 64-bit pointer is the same map.
  HeaderSpec split;
  split.split_pointers = true;
  const Result r2 = verify_header(write("split_hw.h", make_header(m, split)));
  EXPECT_EQ(r2.code, 0) << r2.out;
  expect_line(r2.out, "OK   weights_hi project 0x34   header WEIGHTS_2_DATA 0x34");
}

TEST(HwHeaderCli, RealFixtureIsAnotherIpAndEachFailingCheckIsNamed) {
  const Result r = verify_header(hls_fixture());
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL top: header XCONV_KERNEL_CONTROL_*, project XDIGITS_ACCEL_CONTROL_*");
  for (const char* ok : {"OK   ap_ctrl", "OK   gie", "OK   ier", "OK   isr"})
    expect_line(r.out, ok);
  for (const char* f : {"FAIL ap_return", "FAIL in_lo", "FAIL in_hi", "FAIL out_lo", "FAIL out_hi",
                        "FAIL weights_lo", "FAIL weights_hi", "FAIL batch", "FAIL mode",
                        "FAIL data widths", "FAIL unknown registers: ACT_IN_DATA 0x1C"})
    expect_line(r.out, f);
  expect_line(r.out, "0x58    XCONV_KERNEL_CONTROL_ADDR_END_LAYER_DATA (64 bits)");
  expect_line(r.out, "MISMATCH: 12 of 16 header checks failed");
}

TEST(HwHeaderCli, BrokenDerivedHeadersFailTheRightChecks) {
  const nn_model_text m = project_desc();
  HeaderSpec moved;
  moved.offset_override["BATCH_DATA"] = 0x40;
  Result r = verify_header(write("moved_hw.h", make_header(m, moved)));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL batch      project 0x3C   header BATCH_DATA 0x40: offsets differ");
  EXPECT_EQ(count(r.out, "\nFAIL"), 1) << r.out;
  expect_line(r.out, "MISMATCH: 1 of 16 header checks failed");

  HeaderSpec narrow;
  narrow.pointer_bits = 32;
  r = verify_header(write("narrow_hw.h", make_header(m, narrow)));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL in_hi      project 0x1C   header -: IN_R_DATA is 32-bit: no high word");
  expect_line(r.out, "FAIL data widths: IN_R_DATA 32 (project 64)");
  expect_line(r.out, "MISMATCH: 4 of 16 header checks failed");

  HeaderSpec extra;
  extra.extra = "#define XDIGITS_ACCEL_CONTROL_ADDR_SCALE_DATA 0x4c\n";
  r = verify_header(write("extra_hw.h", make_header(m, extra)));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL unknown registers: SCALE_DATA 0x4C");
  EXPECT_EQ(count(r.out, "\nFAIL"), 1) << r.out;
}

TEST(HwHeaderCli, MalformedOrCutHeadersAreExit3WithFileAndLine) {
  const nn_model_text m = project_desc();
  const std::string good = make_header(m);
  const long ier_line = hwhtest::line_of(good, "_ADDR_IER");
  struct Case {
    const char* name;
    std::string text;
    std::string message;
  } cases[] = {
      // Cut inside a #define (no value, no newline), and cut after a complete line's value.
      {"cut1_hw.h", good.substr(0, good.find("_ADDR_IER") + 4),
       ":" + std::to_string(ier_line) + ": the last line has no newline"},
      {"cut2_hw.h", good.substr(0, good.find("_ADDR_IER") + 9) + "\n",
       ":" + std::to_string(ier_line) + ": #define XDIGITS_ACCEL_CONTROL_ADDR_IER has no value"},
      {"value_hw.h", good + "#define XDIGITS_ACCEL_CONTROL_BITS_MODE_X zz\n", "value is not one"},
      {"dup_hw.h", good + "#define XDIGITS_ACCEL_CONTROL_ADDR_GIE 0x04\n",
       "XDIGITS_ACCEL_CONTROL_ADDR_GIE defined twice (first on line"},
      {"odd_hw.h", good + "#define XDIGITS_ACCEL_CONTROL_ADDR_ODD_DATA 0x4e\n",
       "is not a register offset"},
      {"code_hw.h", good + "int x;\n", ": expected a #define or a // comment, found 'int'"},
      {"crlf_hw.h", "// x\r\n" + good, ":1: CR line ending"},
      {"noctrl_hw.h", "#define FOO 1\n", ": no '#define X<TOP>_CONTROL_ADDR_AP_CTRL'"},
      {"empty_hw.h", "", ": empty file"},
      {"nul_hw.h", std::string("// a\n#define A 1\0\n", 18), ":2: NUL byte"},
  };
  for (const Case& c : cases) {
    const fs::path f = write(c.name, c.text);
    const Result r = verify_header(f);
    EXPECT_EQ(r.code, 3) << c.name << "\n" << r.out;
    expect_line(r.out, f.string());
    expect_line(r.out, c.message);
  }
  Result r = verify_header(hwhtest::work_dir() / "missing_hw.h");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "missing_hw.h");
  r = verify_header(hwhtest::work_dir());  // a directory
  EXPECT_EQ(r.code, 3) << r.out;
  const fs::path big = write("big_hw.h", std::string(2 << 20, '/'));
  r = verify_header(big);
  EXPECT_EQ(r.code, 3) << r.out;
}

TEST(HwHeaderCli, WithHwhBothAreCheckedAndNeitherIsAUsageError) {
  const nn_model_text m = project_desc();
  const fs::path hwh = hwhtest::work_dir() / "both.hwh";
  hwhtest::write_file(hwh, hwhtest::make_hwh(hwhtest::spec_from_desc(m)));
  const fs::path own = write("both_hw.h", make_header(m));
  Result r = nngen("verify " + q(project()) + " --hwh " + q(hwh) + " --hw-header " + q(own));
  EXPECT_EQ(r.code, 0) << r.out;
  expect_line(r.out, "MATCH: all 19 checks passed");
  expect_line(r.out, "MATCH: all 16 header checks passed");
  r = nngen("verify " + q(project()) + " --hwh " + q(hwh) + " --hw-header " + q(hls_fixture()));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "MATCH: all 19 checks passed");
  expect_line(r.out, "MISMATCH: 12 of 16 header checks failed");
  // A matching header does not hide a failing .hwh (real fixture of another design).
  r = nngen("verify " + q(project()) + " --hwh " +
            q(hwhtest::fixture("kv260_conv_kernel_vivado2022.1.hwh")) + " --hw-header " + q(own));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "MISMATCH: the design does not contain this project's IP");
  expect_line(r.out, "MATCH: all 16 header checks passed");
  // An unreadable header is exit 3 even when the .hwh matches (no report).
  r = nngen("verify " + q(project()) + " --hwh " + q(hwh) + " --hw-header " +
            q(hwhtest::work_dir() / "nope_hw.h"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_EQ(r.out.find("MATCH"), std::string::npos) << r.out;
  r = nngen("verify " + q(project()));
  EXPECT_EQ(r.code, 2) << r.out;
  expect_line(r.out, "--hwh FILE.hwh and/or --hw-header");
  EXPECT_EQ(nngen("verify " + q(project()) + " --hw-header ''").code, 2);
}
