// Reading a .hwh as untrusted input: byte-order mark, multi-MB files, and a
// clear "<file>:<line>: <what>" for every way a file can be wrong.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "hwh_maker.h"
#include "hwh_test_util.h"

using namespace hwhtest;
namespace fs = std::filesystem;

namespace {

const char* kPynq = "pynq-z2_hls_m_axi_vivado2020.1.hwh";

std::string fixture_text(const char* name = kPynq) { return slurp(fixture(name)); }

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in text: " + from);
  return s.replace(at, from.size(), to);
}

// Expects a load failure whose message starts with "<name>:<line>: " and holds `what`.
void expect_error_at(const std::string& name, const std::string& text, long line,
                     const std::string& what) {
  std::string err;
  EXPECT_FALSE(load_text(name, text, &err));
  EXPECT_EQ(err.rfind(name + ":" + std::to_string(line) + ": ", 0), 0u) << err;
  EXPECT_NE(err.find(what), std::string::npos) << err;
}

uint64_t example_offset(const nn_hwh* h, const char* reg) {
  const nn_hwh_reg* r = nn_hwh_find_reg(nn_hwh_find_ip(h, "example_0"), reg);
  return r ? r->offset : ~0ull;
}

}  // namespace

TEST(HwhLoad, ByteOrderMarkIsOptional) {
  const std::string with = fixture_text();
  ASSERT_EQ(with.compare(0, 3, "\xEF\xBB\xBF"), 0);  // Vivado wrote one
  const std::string without = with.substr(3);
  const HwhPtr a = load_text("with-bom.hwh", with);
  const HwhPtr b = load_text("without-bom.hwh", without);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(nn_hwh_ip_count(a.get()), nn_hwh_ip_count(b.get()));
  EXPECT_EQ(nn_hwh_find_ip(b.get(), "example_0")->base, 0x44A00000u);
  // Line numbers are those of the file either way.
  EXPECT_EQ(nn_hwh_find_ip(a.get(), "example_0")->line,
            line_of(with, "<MODULE COREREVISION=\"2110052110\""));
  EXPECT_EQ(nn_hwh_find_ip(b.get(), "example_0")->line, nn_hwh_find_ip(a.get(), "example_0")->line);
}

TEST(HwhLoad, MultiMegabyteFileWithMoreThan65535Lines) {
  // Padding (comments, a long attribute) before <MODULES>: ~12 MB, 200k lines.
  std::string pad;
  for (int i = 0; i < 200000; ++i)
    pad += "  <!-- padding line " + std::to_string(i) + ": the design is unchanged -->\n";
  pad += "  <EXTERNALINTERFACES NOTE=\"" + std::string(2 << 20, 'x') + "\"/>\n";
  const std::string text = replace_once(fixture_text(), "  <MODULES>\n", pad + "  <MODULES>\n");
  ASSERT_GT(text.size(), 10u << 20);
  const fs::path p = work_dir() / "big.hwh";
  write_file(p, text);
  std::string err;
  const HwhPtr h = load(p, &err);
  ASSERT_TRUE(h) << err;
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "example_0");
  ASSERT_TRUE(ip);
  EXPECT_EQ(ip->base, 0x44A00000u);
  EXPECT_EQ(example_offset(h.get(), "value_r"), 36u);
  // Lines past 65535 are exact (libxml2 alone stores 65535 for them).
  EXPECT_EQ(ip->line, line_of(text, "<MODULE COREREVISION=\"2110052110\""));
  EXPECT_GT(ip->line, 200000);

  // Cut near the end: the error names the big file's last line.
  const std::string cut = text.substr(0, text.size() - 5000);
  long lines = 1;
  for (char c : cut) lines += c == '\n';
  const fs::path q = work_dir() / "big-truncated.hwh";
  write_file(q, cut);
  EXPECT_FALSE(load(q, &err));
  EXPECT_EQ(err, q.string() + ":" + std::to_string(lines) +
                     ": not well-formed XML: " + err.substr(err.find("XML: ") + 5));
  EXPECT_GT(err.size(), err.find("XML: ") + 5) << err;  // libxml2's reason follows
  fs::remove(p);  // 13 MB each: do not pile up in the build tree across runs
  fs::remove(q);
}

TEST(HwhLoad, TruncatedFileNamesFileAndLine) {
  const std::string cut = fixture_text().substr(0, 150000);
  long lines = 1;
  for (char c : cut) lines += c == '\n';
  const fs::path p = work_dir() / "truncated.hwh";
  write_file(p, cut);
  std::string err;
  EXPECT_FALSE(load(p, &err));
  EXPECT_EQ(err.rfind(p.string() + ":" + std::to_string(lines) + ": not well-formed XML: ", 0), 0u)
      << err;
}

TEST(HwhLoad, NonXmlFilesNameFileAndLine) {
  expect_error_at("notes.hwh", "this is not a hardware handoff\n", 1, "not well-formed XML");
  expect_error_at("binary.hwh", std::string("\x00\x01\x02\x03garbage", 11), 1,
                  "not well-formed XML");
  expect_error_at("mismatch.hwh",
                  "<?xml version=\"1.0\"?>\n<EDKSYSTEM>\n<SYSTEMINFO>\n</EDKSYSTEM>\n", 4,
                  "not well-formed XML");
  // An undeclared entity is an error, not a silent substitution.
  expect_error_at("entity.hwh", "<?xml version=\"1.0\"?>\n<EDKSYSTEM A=\"&x;\"/>\n", 2,
                  "not well-formed XML");
  expect_error_at("other-root.hwh", "<?xml version=\"1.0\"?>\n\n<design/>\n", 3,
                  "root element is <design>, expected <EDKSYSTEM>");
  expect_error_at("no-modules.hwh",
                  "<?xml version=\"1.0\"?>\n<EDKSYSTEM VIVADOVERSION=\"2022.1\">\n"
                  "<SYSTEMINFO ARCH=\"zynq\"/>\n</EDKSYSTEM>\n",
                  2, "no <MODULES>");
}

TEST(HwhLoad, DoctypeIsRefusedBeforeParsing) {
  // A DTD could declare entities that expand exponentially ("billion laughs").
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE EDKSYSTEM [\n <!ENTITY a \"aaaa\">\n";
  for (int i = 1; i < 12; ++i)
    laughs += " <!ENTITY a" + std::to_string(i) + " \"&a" + (i > 1 ? std::to_string(i - 1) : "") +
              ";&a" + (i > 1 ? std::to_string(i - 1) : "") + ";\">\n";
  laughs += "]>\n<EDKSYSTEM VIVADOVERSION=\"&a11;\"/>\n";
  expect_error_at("laughs.hwh", laughs, 2, "DOCTYPE declarations are refused");
  expect_error_at("external.hwh",
                  "<?xml version=\"1.0\"?>\n\n<!DOCTYPE EDKSYSTEM SYSTEM \"http://example.com/x\">"
                  "\n<EDKSYSTEM/>\n",
                  3, "DOCTYPE declarations are refused");
}

// The byte scan above cannot see a DOCTYPE spelled in UTF-16 (or UTF-7); the
// parser's own DOCTYPE callback must refuse it too, before any entity is used.
namespace {
// UTF-16LE with its byte-order mark: ASCII characters become "c\0".
std::string utf16le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char ch : ascii) {
    out += ch;
    out += '\0';
  }
  return out;
}
}  // namespace

TEST(HwhLoad, DoctypeInAnotherEncodingIsRefused) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE EDKSYSTEM [\n";
  const std::string body = "<SYSTEMINFO ARCH=\"zynq\"/><MODULES/></EDKSYSTEM>\n";
  // An entity the design would otherwise show as its Vivado version (such a
  // file used to load, with "injected" as the version).
  const std::string entity =
      utf16le(head + " <!ENTITY v \"injected\">\n]>\n<EDKSYSTEM VIVADOVERSION=\"&v;\">" + body);
  ASSERT_EQ(entity.find("<!DOCTYPE"), std::string::npos);  // invisible to the byte scan
  expect_error_at("utf16.hwh", entity, 2, "DOCTYPE declarations are refused");
  // Billion laughs in UTF-16: refused as a DOCTYPE, before libxml2's own
  // amplification guard would have to catch it.
  std::string laughs = head + " <!ENTITY a \"aaaa\">\n";
  for (int i = 1; i < 12; ++i)
    laughs += " <!ENTITY a" + std::to_string(i) + " \"&a" + (i > 1 ? std::to_string(i - 1) : "") +
              ";&a" + (i > 1 ? std::to_string(i - 1) : "") + ";\">\n";
  laughs += "]>\n<EDKSYSTEM VIVADOVERSION=\"&a11;\">" + body;
  expect_error_at("laughs16.hwh", utf16le(laughs), 2, "DOCTYPE declarations are refused");
}

TEST(HwhLoad, FileLevelErrors) {
  std::string err;
  const fs::path empty = work_dir() / "empty.hwh";
  write_file(empty, "");
  EXPECT_FALSE(load(empty, &err));
  EXPECT_EQ(err, empty.string() + ": empty file: not a .hwh");

  const fs::path missing = work_dir() / "missing.hwh";
  EXPECT_FALSE(load(missing, &err));
  EXPECT_EQ(err, missing.string() + ": cannot open: No such file or directory");

  EXPECT_FALSE(load(work_dir(), &err));
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;

  const fs::path fifo = work_dir() / "fifo.hwh";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(load(fifo, &err));  // refused, does not block
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;

  // A sparse file over the limit is refused by its size, before any read.
  const fs::path huge = work_dir() / "huge.hwh";
  write_file(huge, "");
  fs::resize_file(huge, NN_HWH_MAX_FILE_BYTES + 1ull);
  EXPECT_FALSE(load(huge, &err));
  EXPECT_NE(err.find("larger than the 256 MiB limit"), std::string::npos) << err;
  fs::remove(huge);
}

// A PS window over all 2^64 bytes has no 64-bit size (it wrapped to a range of 0).
TEST(HwhLoad, WholeAddressSpaceMemrangeIsRefused) {
  const std::string text = replace_once(
      fixture_text(),
      "BASEVALUE=\"0x44A00000\" HIGHNAME=\"C_S_AXI_CONTROL_HIGHADDR\" HIGHVALUE=\"0x44A0FFFF\"",
      "BASEVALUE=\"0x0\" HIGHNAME=\"C_S_AXI_CONTROL_HIGHADDR\" HIGHVALUE=\"0xFFFFFFFFFFFFFFFF\"");
  expect_error_at("whole.hwh", text, 5042,
                  "MEMRANGE 0x0-0xFFFFFFFFFFFFFFFF covers the whole 64-bit address space");
}

TEST(HwhLoad, AddressOffsetDecimalOrHex) {
  const std::string text = fixture_text();
  // HLS IP writes decimal; the same register written as Xilinx IP does (hex) reads the same.
  const std::string hex =
      replace_once(replace_once(text, "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"28\"/>",
                                "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"0x1C\"/>"),
                   "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"36\"/>",
                   "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"0x24\"/>");
  const HwhPtr h = load_text("hex.hwh", hex);
  ASSERT_TRUE(h);
  EXPECT_EQ(example_offset(h.get(), "length_r"), 28u);
  EXPECT_EQ(example_offset(h.get(), "value_r"), 36u);
  EXPECT_EQ(example_offset(h.get(), "a_2"), 20u);

  // Anything else is an error at the PROPERTY's line.
  for (const char* bad : {"1C", "0x", "-4", " 28", "28 ", "0x1G", "99999999999"}) {
    const std::string from = "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"28\"/>";
    const std::string to = std::string("<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"") + bad + "\"/>";
    const std::string t = replace_once(text, from, to);
    expect_error_at("bad-offset.hwh", t, line_of(t, to),
                    std::string("ADDRESS_OFFSET of REGISTER 'length_r' is '") + bad + "'");
  }
  // A register without ADDRESS_OFFSET: the REGISTER's line.
  const std::string from = "<PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"28\"/>";
  const std::string t = replace_once(text, from, "");
  expect_error_at("no-offset.hwh", t, line_of(t, "<REGISTER NAME=\"length_r\">"),
                  "REGISTER 'length_r' has no ADDRESS_OFFSET property");
}

TEST(HwhLoad, ElementErrorsNameTheElementLine) {
  const std::string text = fixture_text();
  const std::string mr = "BASEVALUE=\"0x44A00000\"";
  std::string t = replace_once(text, mr, "BASEVALUE=\"0x44A0000G\"");
  expect_error_at("bad-base.hwh", t, line_of(t, "0x44A0000G"),
                  "MEMRANGE BASEVALUE '0x44A0000G' is not a number");
  t = replace_once(text, "HIGHVALUE=\"0x44A0FFFF\"", "HIGHVALUE=\"0x40000000\"");
  expect_error_at("low-high.hwh", t, line_of(t, "HIGHVALUE=\"0x40000000\""), "below its BASEVALUE");
  t = replace_once(text, "INSTANCE=\"rst_ps7_0_100M\" IPTYPE", "INSTANCE=\"example_0\" IPTYPE");
  expect_error_at("duplicate.hwh", t, line_of(t, "FULLNAME=\"/rst_ps7_0_100M\""),
                  "MODULE INSTANCE 'example_0' appears twice");
  t = replace_once(text, "INSTANCE=\"rst_ps7_0_100M\" IPTYPE", "IPTYPE");
  expect_error_at("no-instance.hwh", t, line_of(t, "FULLNAME=\"/rst_ps7_0_100M\""),
                  "<MODULE> without an INSTANCE name");
  t = replace_once(text, "<PARAMETER NAME=\"C_M_AXI_GMEM_ADDR_WIDTH\" VALUE=\"64\"/>",
                   "<PARAMETER NAME=\"C_M_AXI_GMEM_ADDR_WIDTH\" VALUE=\"65\"/>");
  expect_error_at("width.hwh", t, line_of(t, "FULLNAME=\"/example_0\""),
                  "address width '65' of m_axi_gmem is not a number from 0 to 64");
}

TEST(HwhLoad, SecondProcessingSystemIsRefused) {
  const std::string text = fixture_text();
  const std::string t =
      replace_once(text, "MODTYPE=\"proc_sys_reset\"", "MODTYPE=\"zynq_ultra_ps_e\"");
  std::string err;
  EXPECT_FALSE(load_text("two-ps.hwh", t, &err));
  EXPECT_NE(err.find("a second processing system"), std::string::npos) << err;
}

TEST(HwhLoad, DesignWithoutProcessingSystemHasNoCpuAddresses) {
  // E.g. a MicroBlaze design: its MEMRANGEs are the MicroBlaze's, never Linux CPU addresses.
  const std::string t =
      "<?xml version=\"1.0\"?>\n<EDKSYSTEM VIVADOVERSION=\"2022.1\">\n"
      "<SYSTEMINFO ARCH=\"artix7\" DEVICE=\"7a35t\"/>\n<MODULES>\n"
      "<MODULE INSTANCE=\"microblaze_0\" MODTYPE=\"microblaze\" "
      "VLNV=\"xilinx.com:ip:microblaze:11.0\">\n"
      "<MEMORYMAP><MEMRANGE BASEVALUE=\"0x44A00000\" HIGHVALUE=\"0x44A0FFFF\" INSTANCE=\"acc_0\" "
      "MASTERBUSINTERFACE=\"M_AXI_DP\" SLAVEBUSINTERFACE=\"s_axi_control\"/></MEMORYMAP>\n"
      "</MODULE>\n<MODULE INSTANCE=\"acc_0\" MODTYPE=\"acc\" VLNV=\"nnaccel.org:hls:acc:1.0\"/>\n"
      "</MODULES>\n</EDKSYSTEM>\n";
  const HwhPtr h = load_text("microblaze.hwh", t);
  ASSERT_TRUE(h);
  EXPECT_EQ(nn_hwh_ps(h.get()), nullptr);
  EXPECT_FALSE(nn_hwh_find_ip(h.get(), "acc_0")->has_base);
}

TEST(HwhLoad, InterruptThroughConcatAndController) {
  HwhSpec s;
  s.regs = reg_map_64();
  s.irq_via_concat = true;
  HwhPtr h = load_text("concat.hwh", make_hwh(s));
  ASSERT_TRUE(h);
  const nn_hwh_irq* q = nn_hwh_find_ip(h.get(), "net_accel_0")->irq;
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->reaches_ps);
  EXPECT_STREQ(q->ps_port, "IRQ_F2P");
  EXPECT_EQ(q->ps_irq_index, 2);  // In2 after two 1-bit inputs
  EXPECT_EQ(q->intc, nullptr);
  EXPECT_STREQ(q->path,
               "net_accel_0.interrupt -> xlconcat_0.In2; xlconcat_0.dout -> "
               "processing_system7_0.IRQ_F2P[2]");

  s.irq_via_concat = false;
  s.irq_via_intc = true;
  s.zynqmp = true;
  h = load_text("intc.hwh", make_hwh(s));
  ASSERT_TRUE(h);
  q = nn_hwh_find_ip(h.get(), "net_accel_0")->irq;
  EXPECT_TRUE(q->reaches_ps);
  EXPECT_STREQ(q->ps_port, "pl_ps_irq0");
  EXPECT_EQ(q->ps_irq_index, 0);
  EXPECT_STREQ(q->intc, "axi_intc_0");
  EXPECT_EQ(q->intc_input, 0);

  s.irq_via_intc = false;
  h = load_text("direct.hwh", make_hwh(s));
  q = nn_hwh_find_ip(h.get(), "net_accel_0")->irq;
  EXPECT_TRUE(q->reaches_ps);
  EXPECT_STREQ(q->path, "net_accel_0.interrupt -> zynq_ultra_ps_e_0.pl_ps_irq0[0]");

  // Wired to something that is not the PS: connected, but reaches nothing.
  std::string t = make_hwh(s);
  t = replace_once(t, "<CONNECTION INSTANCE=\"zynq_ultra_ps_e_0\" PORT=\"pl_ps_irq0\"/>",
                   "<CONNECTION INSTANCE=\"zynq_ultra_ps_e_0\" PORT=\"pl_resetn0\"/>");
  h = load_text("elsewhere.hwh", t);
  q = nn_hwh_find_ip(h.get(), "net_accel_0")->irq;
  EXPECT_TRUE(q->connected);
  EXPECT_FALSE(q->reaches_ps);
  EXPECT_STREQ(q->path, "net_accel_0.interrupt -> zynq_ultra_ps_e_0.pl_resetn0");
}

TEST(HwhLoad, InterruptLoopIsBounded) {
  // Two concatenators feeding each other: the walk stops instead of recursing forever.
  const std::string t =
      "<?xml version=\"1.0\"?>\n<EDKSYSTEM><SYSTEMINFO/><MODULES>\n"
      "<MODULE INSTANCE=\"ip\" MODTYPE=\"ip\"><PORTS><PORT DIR=\"O\" NAME=\"interrupt\" "
      "SIGIS=\"INTERRUPT\"><CONNECTIONS><CONNECTION INSTANCE=\"c0\" PORT=\"In0\"/></CONNECTIONS>"
      "</PORT></PORTS></MODULE>\n"
      "<MODULE INSTANCE=\"c0\" MODTYPE=\"xlconcat\"><PORTS><PORT DIR=\"O\" NAME=\"dout\">"
      "<CONNECTIONS><CONNECTION INSTANCE=\"c1\" PORT=\"In0\"/><CONNECTION INSTANCE=\"c1\" "
      "PORT=\"In1\"/></CONNECTIONS></PORT></PORTS></MODULE>\n"
      "<MODULE INSTANCE=\"c1\" MODTYPE=\"xlconcat\"><PORTS><PORT DIR=\"O\" NAME=\"dout\">"
      "<CONNECTIONS><CONNECTION INSTANCE=\"c0\" PORT=\"In0\"/><CONNECTION INSTANCE=\"c0\" "
      "PORT=\"In1\"/></CONNECTIONS></PORT></PORTS></MODULE>\n"
      "</MODULES></EDKSYSTEM>\n";
  const HwhPtr h = load_text("loop.hwh", t);
  ASSERT_TRUE(h);
  const nn_hwh_irq* q = nn_hwh_find_ip(h.get(), "ip")->irq;
  EXPECT_TRUE(q->connected);
  EXPECT_FALSE(q->reaches_ps);
}
