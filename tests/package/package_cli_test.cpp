// nngen package on a generated project, run as a user would: the archive of a matching design
// holds exactly the expected files, its checksums pass `sha256sum -c`, it is byte-identical when
// made again, and the overlay is compiled when dtc is on PATH; a failing design is refused with
// nothing written; usage and unreadable inputs give clear errors and write nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_util.h"
#include "hwh_maker.h"
#include "hwh_test_util.h"

using namespace pkgtest;
namespace fs = std::filesystem;

namespace {

constexpr const char* kOverlay =
    "/dts-v1/;\n/plugin/;\n\n/ {\n  fragment@0 {\n    target-path = \"/\";\n    __overlay__ {\n"
    "      digits_accel@43c00000 {\n        compatible = \"generic-uio\";\n"
    "        reg = <0x43c00000 0x10000>;\n      };\n    };\n  };\n};\n";

// A copy of the generated project whose linux/ folder the test decides: absent, or one overlay.
fs::path project_copy(const std::string& name, const char* overlay) {
  const fs::path p = hwhtest::work_dir() / name;
  fs::remove_all(p);
  fs::copy(project(), p, fs::copy_options::recursive);
  fs::remove_all(p / "linux");
  if (overlay) {
    fs::create_directories(p / "linux");
    hwhtest::write_file(p / "linux" / "digits.dtso", overlay);
  }
  return p;
}

const fs::path& matching_hwh() {
  static const fs::path f = [] {
    const fs::path p = hwhtest::work_dir() / "design_1.hwh";
    hwhtest::write_file(p, hwhtest::make_hwh(hwhtest::spec_from_desc(project_desc())));
    return p;
  }();
  return f;
}

const fs::path& fake_bit() {
  static const fs::path f = [] {
    const fs::path p = hwhtest::work_dir() / "design_1.bit";
    std::string bits = "not a real bitstream\n";
    for (int i = 0; i < 5000; ++i) bits += static_cast<char>(i * 37);
    hwhtest::write_file(p, bits);
    return p;
  }();
  return f;
}

Result package(const fs::path& prj, const fs::path& hwh, const fs::path& out,
               const std::string& env = "") {
  return sh(env + std::string(NNGEN_PATH) + " package " + q(prj) + " --bit " + q(fake_bit()) +
            " --hwh " + q(hwh) + " -o " + q(out));
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    v.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return v;
}

std::vector<std::string> listing(const fs::path& tgz) {
  const Result r = sh(std::string(TAR_PATH) + " -tzf " + q(tgz));
  EXPECT_EQ(r.code, 0) << r.out;
  return lines(r.out);
}

std::vector<std::string> expected(bool overlay, bool dtbo) {
  std::vector<std::string> v = {"digits.bit",         "digits.hwh",
                                "nnaccel-model.desc", "nnaccel-project.json",
                                "weights/digits.nnw", "driver/digits_config.h"};
  if (overlay) v.push_back("linux/digits.dtso");
  if (dtbo) v.push_back("linux/digits.dtbo");
  v.push_back("README.txt");
  v.push_back("MANIFEST.sha256");
  for (auto& s : v) s = "digits-package/" + s;
  return v;
}

// Unpacks `tgz` into a fresh folder and runs sha256sum -c there; returns the package folder.
fs::path unpack_and_check(const fs::path& tgz, const std::string& name) {
  const fs::path dir = hwhtest::work_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  Result r = sh(std::string(TAR_PATH) + " -xzf " + q(tgz) + " -C " + q(dir));
  EXPECT_EQ(r.code, 0) << r.out;
  r = sh("cd " + q(dir / "digits-package") + " && " + SHA256SUM_PATH +
         " --strict -c MANIFEST.sha256");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(count(r.out, ": OK"),
            static_cast<int>(lines(hwhtest::slurp(dir / "digits-package/MANIFEST.sha256")).size()) -
                count(hwhtest::slurp(dir / "digits-package/MANIFEST.sha256"), "# "))
      << r.out;
  return dir / "digits-package";
}

bool dir_is_empty(const fs::path& d) { return fs::is_empty(d); }

}  // namespace

TEST(PackageCli, PackagesAMatchingDesign) {
  const bool have_dtc =
      std::string(DTC_PATH).find("NOTFOUND") == std::string::npos && !std::string(DTC_PATH).empty();
  const fs::path prj = project_copy("with-linux", kOverlay);
  const fs::path out = hwhtest::work_dir() / "out1" / "digits.tar.gz";
  fs::create_directories(out.parent_path());
  const Result r = package(prj, matching_hwh(), out);
  ASSERT_EQ(r.code, 0) << r.out;
  expect_line(r.out, "MATCH: all 19 checks passed");
  expect_line(r.out, "wrote " + out.string());
  EXPECT_EQ(listing(out), expected(true, have_dtc));
  // Exactly the package in the destination folder: no temporary file left.
  EXPECT_EQ(std::distance(fs::directory_iterator(out.parent_path()), fs::directory_iterator()), 1);

  const fs::path pkg = unpack_and_check(out, "x1");
  EXPECT_EQ(hwhtest::slurp(pkg / "digits.bit"), hwhtest::slurp(fake_bit()));
  EXPECT_EQ(hwhtest::slurp(pkg / "digits.hwh"), hwhtest::slurp(matching_hwh()));
  EXPECT_EQ(hwhtest::slurp(pkg / "weights/digits.nnw"), hwhtest::slurp(prj / "weights/digits.nnw"));
  EXPECT_EQ(hwhtest::slurp(pkg / "linux/digits.dtso"), kOverlay);
  if (have_dtc) {
    const std::string dtbo = hwhtest::slurp(pkg / "linux/digits.dtbo");
    ASSERT_GE(dtbo.size(), 4u);
    EXPECT_EQ(dtbo.substr(0, 4), std::string("\xd0\x0d\xfe\xed", 4));  // FDT magic
  }
  // The board descriptor: the project's without the host-only sim_library line.
  const std::string desc = hwhtest::slurp(pkg / "nnaccel-model.desc");
  EXPECT_EQ(desc.find("sim_library"), std::string::npos);
  EXPECT_NE(hwhtest::slurp(prj / "nnaccel-model.desc").find("sim_library"), std::string::npos);
  expect_line(desc, "weights weights/digits.nnw");
  const std::string readme = hwhtest::slurp(pkg / "README.txt");
  expect_line(readme, "nn-run --project . --hal uio --uio digits_accel --hwh digits.hwh");
  // Fixed metadata.
  const Result v = sh(std::string(TAR_PATH) + " --numeric-owner -tvzf " + q(out));
  EXPECT_EQ(count(v.out, " 0/0 "), static_cast<int>(expected(true, have_dtc).size())) << v.out;
  EXPECT_EQ(count(v.out, "1970-01-01"), static_cast<int>(expected(true, have_dtc).size())) << v.out;

  // Deterministic: the same inputs again give the same bytes.
  const fs::path again = hwhtest::work_dir() / "out1" / "again.tar.gz";
  ASSERT_EQ(package(prj, matching_hwh(), again).code, 0);
  EXPECT_EQ(hwhtest::slurp(again), hwhtest::slurp(out));
}

TEST(PackageCli, WithoutDtcTheOverlayIsSourceOnlyAndSaidSo) {
  const fs::path prj = project_copy("no-dtc", kOverlay);
  const fs::path out = hwhtest::work_dir() / "nodtc.tar.gz";
  const Result r = package(prj, matching_hwh(), out, "PATH=/nonexistent ");
  ASSERT_EQ(r.code, 0) << r.out;
  expect_line(r.out, "note: dtc was not on PATH");
  EXPECT_EQ(listing(out), expected(true, false));
  const fs::path pkg = unpack_and_check(out, "x2");
  expect_line(hwhtest::slurp(pkg / "MANIFEST.sha256"), "# dtc was not on PATH when packaging");
  expect_line(hwhtest::slurp(pkg / "README.txt"), "NOTE: dtc was not on PATH");
}

TEST(PackageCli, WithoutLinuxFolderTheManifestSaysSo) {
  const fs::path prj = project_copy("no-linux", nullptr);
  const fs::path out = hwhtest::work_dir() / "nolinux.tar.gz";
  const Result r = package(prj, matching_hwh(), out);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(listing(out), expected(false, false));
  const fs::path pkg = unpack_and_check(out, "x3");
  const std::string manifest = hwhtest::slurp(pkg / "MANIFEST.sha256");
  EXPECT_EQ(manifest.rfind("# the project has no linux/ folder", 0), 0u) << manifest;
}

TEST(PackageCli, RefusesAFailingDesignAndWritesNothing) {
  const fs::path prj = project_copy("refuse", kOverlay);
  const fs::path dir = hwhtest::work_dir() / "refused";
  fs::create_directories(dir);
  // A real design of another IP.
  Result r = package(prj, hwhtest::fixture("kv260_conv_kernel_vivado2022.1.hwh"), dir / "p.tar.gz");
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL IP: no IP with VLNV nnaccel.org:hls:digits_accel:1.0");
  expect_line(r.out, "REFUSED: nngen package writes nothing");
  EXPECT_TRUE(dir_is_empty(dir));
  // Our IP with one moved register.
  hwhtest::HwhSpec s = hwhtest::spec_from_desc(project_desc());
  s.offset_override["mode"] = 0x48;
  const fs::path moved = hwhtest::work_dir() / "moved.hwh";
  hwhtest::write_file(moved, hwhtest::make_hwh(s));
  r = package(prj, moved, dir / "p.tar.gz");
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL mode");
  EXPECT_TRUE(dir_is_empty(dir));
  // An existing package is left as it was.
  hwhtest::write_file(dir / "p.tar.gz", "old");
  r = package(prj, moved, dir / "p.tar.gz");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(hwhtest::slurp(dir / "p.tar.gz"), "old");
  fs::remove(dir / "p.tar.gz");
  // A failing --hw-header refuses too, even with a matching .hwh.
  r = sh(std::string(NNGEN_PATH) + " package " + q(prj) + " --bit " + q(fake_bit()) + " --hwh " +
         q(matching_hwh()) + " --hw-header " +
         q(fs::path(HLS_FIXTURE_DIR) / "vitis_hls_2022.1_xconv_kernel_hw.h") + " -o " +
         q(dir / "p.tar.gz"));
  EXPECT_EQ(r.code, 1) << r.out;
  expect_line(r.out, "FAIL top: header XCONV_KERNEL_CONTROL_*");
  EXPECT_TRUE(dir_is_empty(dir));
}

TEST(PackageCli, UsageErrors) {
  const std::string prj = q(project()), hwh = q(matching_hwh()), bit = q(fake_bit());
  const std::string out = q(hwhtest::work_dir() / "usage.tar.gz");
  Result r = nngen("package " + prj + " --hwh " + hwh + " -o " + out);
  EXPECT_EQ(r.code, 2) << r.out;
  expect_line(r.out, "--bit");
  EXPECT_EQ(nngen("package " + prj + " --bit " + bit + " -o " + out).code, 2);
  EXPECT_EQ(nngen("package " + prj + " --bit " + bit + " --hwh " + hwh).code, 2);
  EXPECT_EQ(nngen("package --bit " + bit + " --hwh " + hwh + " -o " + out).code, 2);
  EXPECT_EQ(nngen("package " + prj + " --bit '' --hwh " + hwh + " -o " + out).code, 2);
  EXPECT_FALSE(fs::exists(hwhtest::work_dir() / "usage.tar.gz"));
}

TEST(PackageCli, UnreadableInputsAreClearErrorsAndWriteNothing) {
  const fs::path prj = project_copy("unreadable", kOverlay);
  const fs::path dir = hwhtest::work_dir() / "unreadable-out";
  fs::create_directories(dir);
  const std::string hwh = q(matching_hwh()), out = q(dir / "p.tar.gz");
  auto run_bit = [&](const fs::path& bit) {
    return nngen("package " + q(prj) + " --bit " + q(bit) + " --hwh " + hwh + " -o " + out);
  };
  Result r = run_bit(hwhtest::work_dir() / "missing.bit");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "missing.bit");
  r = run_bit(hwhtest::work_dir());
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "directory");
  const fs::path empty = hwhtest::work_dir() / "empty.bit";
  hwhtest::write_file(empty, "");
  r = run_bit(empty);
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "empty.bit: empty file");
  r = package(prj, hwhtest::work_dir() / "missing.hwh", dir / "p.tar.gz");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "missing.hwh");
  r = package(hwhtest::work_dir() / "no-project", matching_hwh(), dir / "p.tar.gz");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "nnaccel-model.desc");
  EXPECT_TRUE(dir_is_empty(dir));

  // A project missing its weight file.
  const fs::path noweights = project_copy("no-weights", kOverlay);
  fs::remove(noweights / "weights/digits.nnw");
  r = package(noweights, matching_hwh(), dir / "p.tar.gz");
  EXPECT_EQ(r.code, 3) << r.out;
  expect_line(r.out, "weights/digits.nnw");
  EXPECT_TRUE(dir_is_empty(dir));

  // An overlay dtc rejects (only when dtc is here to reject it).
  if (std::string(DTC_PATH).find("NOTFOUND") == std::string::npos) {
    const fs::path bad = project_copy("bad-overlay", "/dts-v1/;\n/plugin/;\n/ { broken\n");
    r = package(bad, matching_hwh(), dir / "p.tar.gz");
    EXPECT_EQ(r.code, 3) << r.out;
    expect_line(r.out, "digits.dtso: dtc -@ -I dts -O dtb failed");
    EXPECT_TRUE(dir_is_empty(dir));
  }

  // A destination folder that does not exist: I/O error, exit 5.
  r = package(prj, matching_hwh(), hwhtest::work_dir() / "no-such-dir" / "p.tar.gz");
  EXPECT_EQ(r.code, 5) << r.out;
  expect_line(r.out, "no-such-dir");
}

// The project exactly as nngen generate wrote it: every file of its linux/ folder is packaged in
// name order, each overlay followed by its compiled blob when dtc is here.
TEST(PackageCli, PackagesTheGeneratedLinuxFolder) {
  const bool have_dtc =
      std::string(DTC_PATH).find("NOTFOUND") == std::string::npos && !std::string(DTC_PATH).empty();
  const fs::path prj = project_copy("generated", nullptr);
  fs::copy(project() / "linux", prj / "linux", fs::copy_options::recursive);
  std::vector<fs::path> linux_files;
  for (const auto& e : fs::directory_iterator(prj / "linux")) linux_files.push_back(e.path());
  std::sort(linux_files.begin(), linux_files.end());
  ASSERT_FALSE(linux_files.empty()) << "nngen generate wrote no linux/ folder";
  std::vector<std::string> want = expected(false, false);
  want.resize(want.size() - 2);  // README.txt and MANIFEST.sha256 come after linux/
  int overlays = 0;
  for (const fs::path& f : linux_files) {
    want.push_back("digits-package/linux/" + f.filename().string());
    if (f.extension() == ".dtso") {
      ++overlays;
      if (have_dtc) want.push_back("digits-package/linux/" + f.stem().string() + ".dtbo");
    }
  }
  EXPECT_GE(overlays, 1);
  want.push_back("digits-package/README.txt");
  want.push_back("digits-package/MANIFEST.sha256");
  const fs::path out = hwhtest::work_dir() / "generated.tar.gz";
  const Result r = package(prj, matching_hwh(), out);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(listing(out), want);
  const fs::path pkg = unpack_and_check(out, "x4");
  const std::string readme = hwhtest::slurp(pkg / "README.txt");
  expect_line(readme,
              "cat linux/digits.dtbo > /sys/kernel/config/device-tree/overlays/digits/dtbo");
  if (!have_dtc) expect_line(readme, "dtc -@ -I dts -O dtb -o linux/digits.dtbo linux/digits.dtso");
}

// Each real .hwh fixture (another design) fails verify with a per-check report: the missing IP,
// then, compared with the design's HLS IP, which checks pass and which fail.
TEST(VerifyCli, RealHwhFixturesNameEachFailingCheck) {
  struct Case {
    const char* file;
    std::vector<std::string> ok, fail;
    int failures;
  } cases[] = {
      {"kv260_conv_kernel_vivado2022.1.hwh",
       {"OK   m_axi address width", "OK   m_axi_gmem0 reaches the PS at S_AXI_HP0_FPD",
        "OK   control window: 0xA0000000"},
       {"FAIL interrupt: port 'interrupt' is not connected", "FAIL 14 registers the project"},
       12},
      {"pynq-z2_hls_m_axi_vivado2020.1.hwh",
       {"OK   interrupt: example_0.interrupt -> axi_intc_0", "OK   m_axi address width",
        "OK   control window: 0x44A00000"},
       {"FAIL 4 registers the project does not know: a_1 0x10"},
       11},
      {"pynq-z2_resizer_axis_dma_vivado2019.1.hwh",
       {"OK   control block s_axi_AXILiteS", "OK   control window: 0x43C00000"},
       {"FAIL m_axi address width: the IP has no m_axi port", "FAIL interrupt"},
       13},
      {"zcu104_resizer_axis_dma_vivado2019.1.hwh",
       {"OK   control block s_axi_AXILiteS", "OK   control window: 0xA0010000"},
       {"FAIL m_axi address width: the IP has no m_axi port", "FAIL interrupt"},
       13},
  };
  for (const Case& c : cases) {
    const Result r = nngen("verify " + q(project()) + " --hwh " + q(hwhtest::fixture(c.file)));
    EXPECT_EQ(r.code, 1) << c.file << "\n" << r.out;
    expect_line(r.out, "FAIL IP: no IP with VLNV nnaccel.org:hls:digits_accel:1.0");
    for (const char* reg : {"OK   ap_ctrl", "OK   gie", "OK   ier", "OK   isr"})
      expect_line(r.out, reg);
    for (const char* reg :
         {"FAIL ap_return", "FAIL in_lo", "FAIL in_hi", "FAIL out_lo", "FAIL out_hi",
          "FAIL weights_lo", "FAIL weights_hi", "FAIL batch", "FAIL mode"})
      expect_line(r.out, reg);
    for (const auto& s : c.ok) expect_line(r.out, s);
    for (const auto& s : c.fail) expect_line(r.out, s);
    EXPECT_EQ(count(r.out, "\nFAIL "), c.failures) << c.file << "\n" << r.out;
  }
}
