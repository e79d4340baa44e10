// The device-tree overlay writer (generator/src/backend/dt_overlay_writer.*) and the DTS escapers:
// sizes, names, and every overlay compiled by the real dtc and read back with fdtget.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "backend/board_db.h"
#include "backend/dt_overlay_writer.h"
#include "support/error.h"
#include "support/escape.h"

namespace fs = std::filesystem;
using nngen::backend::DtOverlaySpec;

namespace {

struct RunResult {
  int status;
  std::string out;  // stdout and stderr
};

RunResult run(const std::string& cmd) {
  RunResult r{-1, ""};
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  r.status = pclose(p);
  return r;
}

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(DT_TEST_TMP) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// dtc -@ -I dts -O dtb; the test fails on any message (a warning is a defect too).
fs::path compile(const fs::path& dts) {
  fs::path dtb = dts;
  dtb.replace_extension(".dtbo");
  const RunResult r =
      run(std::string(DTC) + " -@ -I dts -O dtb -o '" + dtb.string() + "' '" + dts.string() + "'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "") << "dtc printed messages for " << dts;
  return dtb;
}

// fdtget -l: the child nodes of `node`.
std::string fdtget_children(const fs::path& dtb, const std::string& node) {
  const RunResult r = run(std::string(FDTGET) + " -l '" + dtb.string() + "' '" + node + "'");
  if (r.status != 0) return "FAILED: " + r.out;
  std::string s = r.out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string fdtget_prop(const fs::path& dtb, const std::string& node, const std::string& prop,
                        const std::string& type = "") {
  const RunResult r = run(std::string(FDTGET) + (type.empty() ? "" : " -t " + type) + " '" +
                          dtb.string() + "' '" + node + "' '" + prop + "'");
  if (r.status != 0) return "FAILED: " + r.out;
  std::string s = r.out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

DtOverlaySpec digits_on(const std::string& board) {
  DtOverlaySpec s;
  s.name = "digits";
  s.board = nngen::backend::find_board(board);
  s.max_batch = 1024;
  s.input_size = 64;
  s.output_size = 10;
  s.weight_words = 2778;
  return s;
}

}  // namespace

TEST(DtSize, DigitsFixture) {
  // docs/linux.md "Sizing the u-dma-buf": 262144 + 40960 + 11136 = 314240.
  const auto z = nngen::backend::dma_buffer_size(1024, 64, 10, 2778);
  EXPECT_EQ(z.input, 262144u);
  EXPECT_EQ(z.output, 40960u);
  EXPECT_EQ(z.weights, 11136u);  // 11112 rounded up to 64
  EXPECT_EQ(z.needed, 314240u);
  // + 1/8 margin (39280) = 353520 -> 87 pages = 0x57000
  EXPECT_EQ(z.size, 0x57000u);
}

TEST(DtSize, EachBufferRoundedTo64AndAtLeastOnePageMargin) {
  const auto z = nngen::backend::dma_buffer_size(1, 1, 1, 0);
  EXPECT_EQ(z.input, 64u);
  EXPECT_EQ(z.output, 64u);
  EXPECT_EQ(z.weights, 0u);
  EXPECT_EQ(z.needed, 128u);
  EXPECT_EQ(z.size, 8192u);  // 128 + a 4096-byte minimum margin, in pages
  const auto e = nngen::backend::dma_buffer_size(3, 5, 7, 9);  // 60, 84, 36 bytes
  EXPECT_EQ(e.needed, 64u + 128 + 64);
}

TEST(DtSize, LargestDescriptorValuesDoNotOverflow) {
  const uint64_t mb = 1u << 20, big = 1u << 28;
  const auto z = nngen::backend::dma_buffer_size(mb, big, big, big);
  EXPECT_EQ(z.input, mb * big * 4);
  EXPECT_EQ(z.needed, 2 * mb * big * 4 + big * 4);
  EXPECT_GE(z.size, z.needed);
  EXPECT_EQ(z.size % 4096, 0u);
  EXPECT_THROW(nngen::backend::dma_buffer_size(mb + 1, 1, 1, 1), nngen::Error);
  EXPECT_THROW(nngen::backend::dma_buffer_size(1, big + 1, 1, 1), nngen::Error);
}

TEST(DtEscape, StringLiteral) {
  EXPECT_EQ(nngen::dts_string_literal("udmabuf0"), "\"udmabuf0\"");
  EXPECT_EQ(nngen::dts_string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(nngen::dts_string_literal(std::string("\n\x01\xff", 3)), "\"\\x0a\\x01\\xff\"");
  EXPECT_EQ(nngen::dts_string_literal(""), "\"\"");
}

TEST(DtEscape, NodeName) {
  EXPECT_EQ(nngen::dts_node_name("digits_accel"), "digits_accel");
  EXPECT_EQ(nngen::dts_node_name("MyNet_accel"), "mynet_accel");
  EXPECT_EQ(nngen::dts_node_name("a b@c/d{e};\"f"), "a-b-c-d-e---f");
  EXPECT_EQ(nngen::dts_node_name("9lives"), "n9lives");
  EXPECT_EQ(nngen::dts_node_name("_x"), "n_x");
  EXPECT_EQ(nngen::dts_node_name(""), "n");
  EXPECT_EQ(nngen::dts_node_name("a,b.c+d-e"), "a,b.c+d-e");
  EXPECT_EQ(nngen::dts_node_name(std::string(40, 'x')).size(), 31u);
}

TEST(DtEscape, Label) {
  EXPECT_EQ(nngen::dts_label("nnu_digits"), "nnu_digits");
  EXPECT_EQ(nngen::dts_label("Net-1.x"), "net_1_x");
  EXPECT_EQ(nngen::dts_label("1abc"), "_1abc");
  EXPECT_EQ(nngen::dts_label(""), "_");
  EXPECT_EQ(nngen::dts_label(std::string(40, 'y')).size(), 31u);
}

// Every board of boards.json: the overlay compiles without a message and the blob holds the
// board's values.
TEST(DtOverlay, EveryBoardCompilesWithItsValues) {
  const auto ids = nngen::backend::board_ids();
  ASSERT_GE(ids.size(), 6u);
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    const DtOverlaySpec s = digits_on(id);
    const auto& b = s.board;
    const fs::path dir = work_dir("board_" + id);
    write_file(dir / "digits.dtso", nngen::backend::dt_overlay_text(s));
    const fs::path dtb = compile(dir / "digits.dtso");
    char unit[32];
    std::snprintf(unit, sizeof unit, "%llx", static_cast<unsigned long long>(b.default_accel_base));
    const std::string node = std::string("/fragment@0/__overlay__/digits_accel@") + unit;
    const bool zynq7 = b.hwh_arch == "zynq";
    char reg[96];
    if (zynq7)
      std::snprintf(reg, sizeof reg, "%llx %llx", (unsigned long long)b.default_accel_base,
                    (unsigned long long)b.accel_span);
    else
      std::snprintf(reg, sizeof reg, "%llx %llx %llx %llx",
                    (unsigned long long)(b.default_accel_base >> 32),
                    (unsigned long long)(b.default_accel_base & 0xffffffffu),
                    (unsigned long long)(b.accel_span >> 32),
                    (unsigned long long)(b.accel_span & 0xffffffffu));
    EXPECT_EQ(fdtget_prop(dtb, node, "reg", "x"), reg);
    const int spi = zynq7 ? 29 : 89;  // IRQ_F2P[0] / pl_ps_irq0[0]
    EXPECT_EQ(b.first_pl_irq_gic_id - 32, spi);
    EXPECT_EQ(fdtget_prop(dtb, node, "interrupts"), "0 " + std::to_string(spi) + " 4");
    EXPECT_EQ(fdtget_prop(dtb, node, "compatible"), "generic-uio");
    // The interrupt parent and the target bus are references the base tree resolves.
    EXPECT_EQ(fdtget_prop(dtb, "/__fixups__", zynq7 ? "intc" : "gic"),
              node + ":interrupt-parent:0");
    EXPECT_EQ(fdtget_prop(dtb, "/__fixups__", "amba"), "/fragment@0:target:0");
    EXPECT_EQ(fdtget_prop(dtb, "/fragment@0/__overlay__", "#address-cells"), zynq7 ? "1" : "2");
    const std::string buf = "/fragment@1/__overlay__/udmabuf0";
    EXPECT_EQ(fdtget_prop(dtb, buf, "compatible"), "ikwzm,u-dma-buf");
    EXPECT_EQ(fdtget_prop(dtb, buf, "device-name"), "udmabuf0");
    EXPECT_EQ(fdtget_prop(dtb, buf, "size", "x"), "57000");
    EXPECT_TRUE(fdtget_prop(dtb, buf, "dma-coherent").starts_with("FAILED"));
    EXPECT_TRUE(fdtget_prop(dtb, buf, "memory-region").starts_with("FAILED"));

    // The pool variant references the reserved-memory node of the base-tree include, and that
    // include compiles inside a root with the board's cells.
    write_file(dir / "digits-pool.dtso", nngen::backend::dt_overlay_text(s, true));
    const fs::path pool = compile(dir / "digits-pool.dtso");
    EXPECT_EQ(fdtget_prop(pool, "/__fixups__", "nnp_digits"), buf + ":memory-region:0");
    write_file(dir / "digits-reserved-memory.dtsi", nngen::backend::dt_reserved_memory_text(s));
    const std::string c = zynq7 ? "1" : "2";
    write_file(dir / "base.dts", "/dts-v1/;\n/ {\n\t#address-cells = <" + c +
                                     ">;\n\t#size-cells = <" + c +
                                     ">;\n};\n/include/ \"digits-reserved-memory.dtsi\"\n");
    const fs::path base = compile(dir / "base.dts");
    const std::string rm = "/reserved-memory/nnaccel-pool-digits";
    EXPECT_EQ(fdtget_prop(base, rm, "compatible"), "shared-dma-pool");
    // CMA regions are whole 4 MiB pageblocks.
    EXPECT_EQ(fdtget_prop(base, rm, "size", "x"), zynq7 ? "400000" : "0 400000");
    EXPECT_EQ(fdtget_prop(base, rm, "alignment", "x"), zynq7 ? "400000" : "0 400000");
    EXPECT_EQ(fdtget_prop(base, "/__symbols__", "nnp_digits"), rm);
  }
}

TEST(DtOverlay, CoherentPortAddsDmaCoherent) {
  for (const auto& [id, port] : {std::pair{"pynq-z2", "acp"}, std::pair{"zcu104", "hpc"}}) {
    DtOverlaySpec s = digits_on(id);
    s.dma_port = port;
    const fs::path dir = work_dir(std::string("coherent_") + id);
    write_file(dir / "o.dtso", nngen::backend::dt_overlay_text(s));
    const fs::path dtb = compile(dir / "o.dtso");
    EXPECT_EQ(fdtget_prop(dtb, "/fragment@1/__overlay__/udmabuf0", "dma-coherent"), "") << id;
  }
}

// Names the CLI would refuse still give a compiling overlay: every use is escaped.
TEST(DtOverlay, HostileNamesStillCompile) {
  const std::string names[] = {
      "Evil\"; }; / { x = <1>; /* */ //",
      "a\nb\\c@d{e}&f",
      "9_@@UIO@@SIZE@",
      std::string("\xff\x01\x7f") + "*/ /include/ \"/etc/passwd\"",
      std::string(80, 'Q'),
  };
  int i = 0;
  for (const std::string& n : names) {
    SCOPED_TRACE(i);
    DtOverlaySpec s = digits_on("zcu102");
    s.name = n;
    const fs::path dir = work_dir("hostile_" + std::to_string(i++));
    write_file(dir / "o.dtso", nngen::backend::dt_overlay_text(s));
    const fs::path dtb = compile(dir / "o.dtso");
    const std::string uio = nngen::backend::dt_uio_name(n);
    EXPECT_EQ(fdtget_prop(dtb, "/fragment@0/__overlay__/" + uio + "@a0000000", "compatible"),
              "generic-uio");
    EXPECT_EQ(fdtget_children(dtb, "/fragment@0/__overlay__"), uio + "@a0000000");
    write_file(dir / "p.dtso", nngen::backend::dt_overlay_text(s, true));
    compile(dir / "p.dtso");
    write_file(dir / "r.dtsi", nngen::backend::dt_reserved_memory_text(s));
    write_file(dir / "base.dts",
               "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n};\n/include/ "
               "\"r.dtsi\"\n");
    compile(dir / "base.dts");
  }
}

// The checks above must be able to fail: a broken overlay is reported by dtc.
TEST(DtOverlay, CompileCheckCatchesBrokenSource) {
  const fs::path dir = work_dir("broken");
  write_file(dir / "b.dtso", "/dts-v1/;\n/plugin/;\n/ { x = \"unterminated; };\n");
  const RunResult r = run(std::string(DTC) + " -@ -I dts -O dtb -o '" + (dir / "b.dtbo").string() +
                          "' '" + (dir / "b.dtso").string() + "'");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out, "");
}

// Buffers beyond the board's memory: the overlay still compiles (64-bit size), the base-tree
// include says why it holds no pool instead of failing `nngen generate`.
TEST(DtOverlay, BuffersLargerThanTheBoardsMemory) {
  DtOverlaySpec s = digits_on("pynq-z2");  // 512 MiB of DDR
  s.max_batch = 1u << 20;
  s.input_size = 1u << 12;  // 16 GiB of inputs
  const fs::path dir = work_dir("huge");
  write_file(dir / "o.dtso", nngen::backend::dt_overlay_text(s));
  const fs::path dtb = compile(dir / "o.dtso");
  const auto z = nngen::backend::dma_buffer_size(s.max_batch, s.input_size, 10, 2778);
  char want[40];
  std::snprintf(want, sizeof want, "%llx %llx", (unsigned long long)(z.size >> 32),
                (unsigned long long)(z.size & 0xffffffffu));
  EXPECT_EQ(fdtget_prop(dtb, "/fragment@1/__overlay__/udmabuf0", "size", "x"), want);
  const std::string rm = nngen::backend::dt_reserved_memory_text(s);
  EXPECT_NE(rm.find("No reserved-memory pool"), std::string::npos) << rm;
  EXPECT_NE(rm.find("exceed the board's DDR window 'low' (536870912 bytes)"), std::string::npos);
  EXPECT_EQ(rm.find("reserved-memory {"), std::string::npos);
  write_file(dir / "r.dtsi", rm);
  write_file(dir / "base.dts",
             "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n};\n/include/ "
             "\"r.dtsi\"\n");
  compile(dir / "base.dts");
}

TEST(DtOverlay, UioNameIsWhatTheHalSearches) {
  EXPECT_EQ(nngen::backend::dt_uio_name("digits"), "digits_accel");
  EXPECT_EQ(nngen::backend::dt_uio_name("LeNet5"), "lenet5_accel");
}
