// nn_model_text_parse: the descriptor nngen writes reads back to the same values, and every
// malformed line is refused with its line number.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "backend/model_desc_writer.h"
#include "backend/register_map.h"
#include "nndriver/nn_driver.h"
#include "nndriver/nn_model_text.h"
#include "support/error.h"

namespace {

using nngen::backend::model_desc_text;
using nngen::backend::ModelDescription;

ModelDescription digits_like(bool addr64) {
  ModelDescription m;
  m.name = "digits";
  m.top = "digits_accel";
  m.vlnv = "nnaccel.org:hls:digits_accel:1.0";
  m.signature = 0xefc6184fu;
  m.input_size = 64;
  m.output_size = 10;
  m.weight_words = 2778;
  m.max_batch = 1024;
  m.input_shape = {1, 8, 8};
  m.m_axi_addr_width = addr64 ? 64 : 32;
  m.regs = nngen::backend::compute_register_map(addr64);
  m.weights_path = "weights/digits.nnw";
  m.sim_library = "build/libdigits-device.so";
  return m;
}

struct Parsed {
  int rc;
  nn_model_text t;
  std::string err;
};

Parsed parse(const std::string& text) {
  Parsed p{};
  char err[256];
  p.rc = nn_model_text_parse(text.data(), text.size(), &p.t, err, sizeof err);
  p.err = err;
  // The parser points desc.name into the struct it filled. Parsed values are copied around
  // (returned, assigned), and every copy must be re-pointed (see the header): the tests read
  // the name from t.name, or re-point their own copy as expect_same does.
  if (p.rc == NN_OK) {
    EXPECT_EQ(p.t.desc.name, static_cast<const char*>(p.t.name));
  }
  return p;
}

void expect_same(const ModelDescription& m, nn_model_text t) {
  t.desc.name = t.name;
  EXPECT_STREQ(t.desc.name, m.name.c_str());
  EXPECT_EQ(t.desc.desc_version, NN_MODEL_DESC_VERSION);
  EXPECT_STREQ(t.top, m.top.c_str());
  EXPECT_STREQ(t.vlnv, m.vlnv.c_str());
  EXPECT_EQ(t.desc.signature, m.signature);
  EXPECT_EQ(t.desc.bus_format, uint32_t{NN_BUS_FLOAT32});
  EXPECT_EQ(t.desc.input_size, m.input_size);
  EXPECT_EQ(t.desc.output_size, m.output_size);
  EXPECT_EQ(t.desc.weight_words, m.weight_words);
  EXPECT_EQ(t.desc.max_batch, m.max_batch);
  ASSERT_EQ(t.desc.input_rank, m.input_shape.size());
  for (size_t i = 0; i < m.input_shape.size(); ++i)
    EXPECT_EQ(t.desc.input_shape[i], uint32_t(m.input_shape[i]));
  EXPECT_EQ(t.m_axi_addr_width, m.m_axi_addr_width);
  EXPECT_EQ(t.coherent, m.coherent ? 1u : 0u);
  EXPECT_EQ(0, std::memcmp(&t.desc.regs, &m.regs, sizeof m.regs));
  EXPECT_STREQ(t.weights_path, m.weights_path.c_str());
  EXPECT_STREQ(t.sim_library, m.sim_library.c_str());
}

TEST(ModelText, RoundTripAddr64) {
  const ModelDescription m = digits_like(true);
  const Parsed p = parse(model_desc_text(m));
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  expect_same(m, p.t);
}

TEST(ModelText, RoundTripAddr32) {
  const ModelDescription m = digits_like(false);
  EXPECT_EQ(m.regs.in_hi, NN_REG_NONE);
  const std::string text = model_desc_text(m);
  EXPECT_NE(text.find("reg in_hi none\n"), std::string::npos) << text;
  const Parsed p = parse(text);
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  expect_same(m, p.t);
}

TEST(ModelText, RoundTripRank1AndRank4) {
  ModelDescription m = digits_like(true);
  m.input_shape = {64};
  Parsed p = parse(model_desc_text(m));
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  expect_same(m, p.t);
  m.input_shape = {2, 2, 4, 4};
  p = parse(model_desc_text(m));
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  expect_same(m, p.t);
}

// The example of docs/model-desc.md, byte for byte: the writer's format is the documented one.
TEST(ModelText, WriterMatchesTheDocumentedLayout) {
  const std::string text = model_desc_text(digits_like(true));
  const char* expected_tail =
      "nnaccel-model 1\nname digits\ntop digits_accel\nvlnv nnaccel.org:hls:digits_accel:1.0\n"
      "signature 0xefc6184f\nbus_format float32\ninput_size 64\noutput_size 10\n"
      "weight_words 2778\nmax_batch 1024\ninput_shape 1 8 8\nm_axi_addr_width 64\n"
      "coherent 0\nreg ap_ctrl 0x00\nreg gie 0x04\nreg ier 0x08\nreg isr 0x0c\nreg ap_return 0x10\n"
      "reg in_lo 0x18\nreg in_hi 0x1c\nreg out_lo 0x24\nreg out_hi 0x28\nreg weights_lo 0x30\n"
      "reg weights_hi 0x34\nreg batch 0x3c\nreg mode 0x44\nweights weights/digits.nnw\n"
      "sim_library build/libdigits-device.so\n";
  ASSERT_GE(text.size(), std::strlen(expected_tail));
  EXPECT_EQ(text.substr(text.size() - std::strlen(expected_tail)), expected_tail);
  EXPECT_EQ(text.rfind("# nnaccel model descriptor", 0), 0u);
}

TEST(ModelText, WriterRefusesWhatCannotBeReadBack) {
  ModelDescription m = digits_like(true);
  m.weights_path = "weights/a b.nnw";
  EXPECT_THROW(model_desc_text(m), nngen::Error);
  m = digits_like(true);
  m.sim_library = "build/lib\n.so";
  EXPECT_THROW(model_desc_text(m), nngen::Error);
  m = digits_like(true);
  m.name = "9lives";
  EXPECT_THROW(model_desc_text(m), nngen::Error);
}

TEST(ModelText, CommentsBlankLinesTabsAndNoFinalNewline) {
  std::string text = model_desc_text(digits_like(true));
  text = "\n# leading comment\n   \n" + text;
  text.insert(text.find("name digits"), "  # indented comment\n");
  text.replace(text.find("input_size 64"), 13, "input_size\t64");
  text.pop_back();  // no LF after the last line
  const Parsed p = parse(text);
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  expect_same(digits_like(true), p.t);
}

// --dma-port hpc/acp: the masters are coherent, and the flag reads back.
TEST(ModelText, CoherentRoundTrip) {
  ModelDescription m = digits_like(true);
  m.coherent = true;
  const std::string text = model_desc_text(m);
  EXPECT_NE(text.find("\ncoherent 1\n"), std::string::npos) << text;
  const Parsed p = parse(text);
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  EXPECT_EQ(p.t.coherent, 1u);
  expect_same(m, p.t);
}

// Descriptors written before --dma-port existed have no `coherent` line: not coherent.
TEST(ModelText, CoherentIsOptionalAndDefaultsToZero) {
  ModelDescription m = digits_like(true);
  m.coherent = true;
  std::string text = model_desc_text(m);
  text.erase(text.find("coherent 1\n"), std::strlen("coherent 1\n"));
  const Parsed p = parse(text);
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  EXPECT_EQ(p.t.coherent, 0u);
}

TEST(ModelText, SimLibraryIsOptional) {
  std::string text = model_desc_text(digits_like(true));
  text.erase(text.find("sim_library"));
  const Parsed p = parse(text);
  ASSERT_EQ(p.rc, NN_OK) << p.err;
  EXPECT_STREQ(p.t.sim_library, "");
}

// --- refusals: each names its line ---

std::string valid() { return model_desc_text(digits_like(true)); }

int line_of(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

void expect_refused(const std::string& text, int line, const std::string& what) {
  const Parsed p = parse(text);
  EXPECT_EQ(p.rc, NN_E_INVAL) << text;
  const std::string prefix = "line " + std::to_string(line) + ": ";
  EXPECT_EQ(p.err.rfind(prefix, 0), 0u) << "expected '" << prefix << "' first in: " << p.err;
  EXPECT_NE(p.err.find(what), std::string::npos) << "expected '" << what << "' in: " << p.err;
}

struct BadLine {
  const char* from;
  const char* to;
  const char* what;
};

TEST(ModelText, RefusesBadValues) {
  const BadLine cases[] = {
      {"name digits", "name 9digits", "is not a C identifier"},
      {"name digits", "name di-gits", "is not a C identifier"},
      {"top digits_accel", "top digits accel", "takes 1 value(s), got 2"},
      {"vlnv nnaccel.org:hls:digits_accel:1.0", "vlnv nnaccel.org:hls:digits_accel",
       "is not vendor:library:name:version"},
      {"vlnv nnaccel.org:hls:digits_accel:1.0", "vlnv a::b:c", "is not vendor:library"},
      {"signature 0xefc6184f", "signature 0x1efc6184f", "is not a 32-bit number"},
      {"signature 0xefc6184f", "signature -1", "is not a 32-bit number"},
      {"signature 0xefc6184f", "signature 0x", "is not a 32-bit number"},
      {"bus_format float32", "bus_format int8", "is not supported (this reader knows float32)"},
      {"input_size 64", "input_size 0", "is out of range 1..268435456"},
      {"input_size 64", "input_size 64x", "is not a 32-bit number"},
      {"input_size 64", "input_size 99999999999", "is not a 32-bit number"},
      {"output_size 10", "output_size 268435457", "is out of range 1..268435456"},
      {"weight_words 2778", "weight_words 268435457", "is out of range 0..268435456"},
      {"max_batch 1024", "max_batch 0", "is out of range 1..1048576"},
      {"max_batch 1024", "max_batch 1048577", "is out of range 1..1048576"},
      {"input_shape 1 8 8", "input_shape 1 8 0", "is out of range"},
      {"input_shape 1 8 8", "input_shape 1 1 1 8 8", "takes 1..4 value(s), got 5"},
      {"input_shape 1 8 8", "input_shape", "takes 1..4 value(s), got 0"},
      {"m_axi_addr_width 64", "m_axi_addr_width 48", "must be 32 or 64"},
      {"m_axi_addr_width 64", "m_axi_addr_width 128", "is out of range 32..64"},
      {"coherent 0", "coherent 2", "coherent '2' must be 0 or 1"},
      {"coherent 0", "coherent yes", "coherent 'yes' must be 0 or 1"},
      {"coherent 0", "coherent 0 1", "'coherent' takes 1 value(s), got 2"},
      {"reg ap_ctrl 0x00", "reg ap_ctrl none", "only the high address words may be absent"},
      {"reg batch 0x3c", "reg batch 0x3d", "is not a multiple of 4"},
      {"reg batch 0x3c", "reg batch 0x10000", "is out of range 0..65532"},
      {"reg batch 0x3c", "reg batch", "takes a register name and an offset"},
      {"reg batch 0x3c", "reg bitch 0x3c", "unknown register 'bitch'"},
      {"weights weights/digits.nnw", "weights /etc/passwd", "is an absolute path"},
      {"weights weights/digits.nnw", "weights ../x.nnw", "leaves the descriptor's folder"},
      {"weights weights/digits.nnw", "weights a/../../x.nnw", "leaves the descriptor's folder"},
      {"weights weights/digits.nnw", "weights weights/", "names a folder"},
      {"sim_library build/libdigits-device.so", "sim_library /tmp/evil.so", "is an absolute path"},
      {"nnaccel-model 1", "nnaccel-model 2", "unsupported descriptor format version '2'"},
      {"name digits", "colour blue", "unknown key 'colour'"},
  };
  for (const BadLine& c : cases) {
    SCOPED_TRACE(c.to);
    const std::string text = valid();
    expect_refused(replaced(text, c.from, c.to), line_of(text, c.from), c.what);
  }
}

TEST(ModelText, RefusesOverlongNames) {
  const std::string text = valid();
  expect_refused(replaced(text, "name digits", "name " + std::string(64, 'a')),
                 line_of(text, "name digits"), "name is longer than 63 characters");
  Parsed p = parse(replaced(text, "name digits", "name " + std::string(63, 'a')));
  EXPECT_EQ(p.rc, NN_OK) << p.err;
  EXPECT_EQ(std::string(p.t.name), std::string(63, 'a'));
  expect_refused(replaced(text, "top digits_accel", "top " + std::string(80, 't')),
                 line_of(text, "top "), "top is longer than 79 characters");
}

TEST(ModelText, RefusesDuplicates) {
  const std::string text = valid();
  const int name_line = line_of(text, "name digits");
  std::string dup = text + "name other\n";
  expect_refused(dup, line_of(dup, "name other"),
                 "duplicate 'name' (first on line " + std::to_string(name_line) + ")");
  dup = text + "coherent 1\n";
  expect_refused(
      dup, line_of(dup, "coherent 1"),
      "duplicate 'coherent' (first on line " + std::to_string(line_of(text, "coherent 0")) + ")");
  dup = text + "reg batch 0x60\n";
  expect_refused(
      dup, line_of(dup, "reg batch 0x60"),
      "duplicate 'reg batch' (first on line " + std::to_string(line_of(text, "reg batch")) + ")");
  dup = text + "nnaccel-model 1\n";
  expect_refused(dup, line_of(dup, "sim_library") + 1, "duplicate 'nnaccel-model'");
}

TEST(ModelText, RefusesMissingKeys) {
  const char* keys[] = {
      "name digits",       "top ",         "vlnv ",         "signature ", "bus_format ",
      "input_size ",       "output_size ", "weight_words ", "max_batch ", "input_shape ",
      "m_axi_addr_width ", "weights "};
  for (const char* k : keys) {
    SCOPED_TRACE(k);
    std::string text = valid();
    const size_t at = text.find(std::string("\n") + k) + 1;
    text.erase(at, text.find('\n', at) + 1 - at);
    const int lines = int(std::count(text.begin(), text.end(), '\n'));
    std::string key = k;
    if (key.back() == ' ') key.pop_back();
    if (key == "name digits") key = "name";
    expect_refused(text, lines, "required key '" + key + "' is missing");
  }
  std::string text = valid();
  text = replaced(text, "reg mode 0x44\n", "");
  expect_refused(text, int(std::count(text.begin(), text.end(), '\n')), "'reg mode' is missing");
}

TEST(ModelText, RefusesWhatIsNotADescriptor) {
  expect_refused("", 1, "no 'nnaccel-model 1' line");
  expect_refused("# only a comment\n", 1, "no 'nnaccel-model 1' line");
  expect_refused("name digits\nnnaccel-model 1\n", 1, "expected 'nnaccel-model 1' before 'name'");
  expect_refused("{\"format\": 1}\n", 1, "expected 'nnaccel-model 1'");
}

TEST(ModelText, RefusesBadBytesAndLongLines) {
  const std::string text = valid();
  const int l = line_of(text, "top ");
  expect_refused(replaced(text, "top digits_accel\n", "top digits_accel\r\n"), l,
                 "carriage return");
  expect_refused(replaced(text, "top digits_accel", std::string("top digits\0accel", 16)), l,
                 "byte 0x00 is not printable ASCII");
  expect_refused(replaced(text, "top digits_accel", "top digits\xc3\xa9"), l,
                 "byte 0xc3 is not printable ASCII");
  expect_refused(replaced(text, "top digits_accel", "# " + std::string(1023, 'x')), l,
                 "longer than 1024 characters");
  // exactly 1024 characters is fine (a comment)
  const Parsed p = parse(replaced(text, "\ntop digits_accel\n",
                                  "\ntop digits_accel\n# " + std::string(1022, 'x') + "\n"));
  EXPECT_EQ(p.rc, NN_OK) << p.err;
  expect_refused(replaced(text, "top digits_accel", "top a b c d e f g h i"), l, "too many values");
  const std::string long_path = "weights " + std::string(512, 'w');
  expect_refused(replaced(text, "weights weights/digits.nnw", long_path),
                 line_of(text, "weights weights"), "weights is longer than 511 characters");
}

TEST(ModelText, RefusesInconsistentMaps) {
  const std::string text = valid();
  expect_refused(replaced(text, "input_shape 1 8 8", "input_shape 1 8 9"),
                 line_of(text, "input_shape"),
                 "input_shape holds 72 values per sample but input_size");
  expect_refused(replaced(text, "reg gie 0x04", "reg gie 0x40"), line_of(text, "reg gie"),
                 "reg gie must be 0x04 (fixed by the HLS control block)");
  expect_refused(replaced(text, "reg in_hi 0x1c", "reg in_hi none"), line_of(text, "reg in_hi"),
                 "reg in_hi must be 0x1c (the word after in_lo) with m_axi_addr_width 64");
  expect_refused(replaced(text, "m_axi_addr_width 64", "m_axi_addr_width 32"),
                 line_of(text, "reg in_hi"), "reg in_hi must be none with m_axi_addr_width 32");
  expect_refused(replaced(text, "reg mode 0x44", "reg mode 0x3c"), line_of(text, "reg mode"),
                 "reg mode has the offset of reg batch");
}

TEST(ModelText, ErrorBufferIsBoundedAndOptional) {
  const std::string text = "name x\n";
  nn_model_text t;
  char small[8];
  EXPECT_EQ(nn_model_text_parse(text.data(), text.size(), &t, small, sizeof small), NN_E_INVAL);
  EXPECT_STREQ(small, "line 1:");
  EXPECT_EQ(nn_model_text_parse(text.data(), text.size(), &t, nullptr, 0), NN_E_INVAL);
  EXPECT_EQ(nn_model_text_parse(nullptr, 0, nullptr, nullptr, 0), NN_E_INVAL);
}

}  // namespace
