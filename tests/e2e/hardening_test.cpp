// Issue 6 items 3 and 7 end to end: untrusted text (model names, doc strings,
// paths, the command line) stays data in every generated file; the generated
// top refuses bad batches and modes without touching memory; the C-simulation
// testbench compares numbers bit for bit and fails on a one-bit difference.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <csignal>
#include <fstream>
#include <map>

#include "e2e_util.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Flags of the host build of the HLS sources, as Vitis HLS csim would compile
// them (C++14, the testbench's include folders), warnings as errors.
// The top needs C++17 on the host (the emulation, nnfixed); the testbench
// alone is compiled as C++14, the language Vitis HLS csim uses.
std::string hls_cxx(const fs::path& prj, const char* std = "c++17") {
  return std::string(E2E_CXX) + " -std=" + std +
         " -O1 -DNNACCEL_FORCE_EMULATION -Wall -Wextra -Werror " +
         "-Wno-unknown-pragmas -Wno-unused-label -I" + q(prj / "hls") + " -I" + q(prj / "hls/lib");
}

// The generated top of a built project, compiled once per process.
fs::path accel_object(const fs::path& prj) {
  static std::map<fs::path, fs::path> made;
  auto it = made.find(prj);
  if (it != made.end()) return it->second;
  const fs::path o = prj.parent_path() / "net_accel.o";
  Result r = run(hls_cxx(prj) + " -c " + q(prj / "hls/net_accel.cpp") + " -o " + q(o));
  EXPECT_EQ(r.code, 0) << r.output;
  return made[prj] = o;
}

// Compiles hls/net_tb.cpp (from `tb_dir`, whose own headers win) with the top.
Result build_and_run_testbench(const fs::path& prj, const fs::path& tb_dir, const fs::path& exe) {
  Result c = run(hls_cxx(prj, "c++14") + " -c " + q(tb_dir / "net_tb.cpp") + " -o " +
                 q(exe.string() + ".o"));
  if (c.code != 0) return c;
  c = run(std::string(E2E_CXX) + " " + q(exe.string() + ".o") + " " + q(accel_object(prj)) +
          " -o " + q(exe));
  if (c.code != 0) return c;
  return run(q(exe));
}

}  // namespace

TEST(Testbench, PassesOnTheHostEmulation) {
  const auto prj = built_project("iris_sigmoid");
  ASSERT_TRUE(fs::exists(prj / "hls/net_tb_expected.h"))
      << "the project build did not write the expected outputs";
  Result r = build_and_run_testbench(prj, prj / "hls", work_dir("tb") / "tb");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("PASS: 0 error(s)"), std::string::npos) << r.output;
}

TEST(Testbench, FailsWhenOneExpectedBitChanges) {
  const auto prj = built_project("iris_sigmoid");
  const auto dir = work_dir("tb_flip");
  for (const char* f : {"net_tb.cpp", "net_tb_data.h", "net_accel.h"})
    fs::copy_file(prj / "hls" / f, dir / f);
  // Sample 5, output 1: flip the lowest bit of its expected float.
  std::string h = read_bytes(prj / "hls/net_tb_expected.h");
  size_t at = h.find("// sample 5");
  ASSERT_NE(at, std::string::npos) << h;
  at = h.find("0x", h.find("0x", at) + 2);  // the second word of sample 5
  ASSERT_NE(at, std::string::npos);
  const size_t last = at + 9;  // 0xXXXXXXXX: last hex digit
  const char flipped = "1032547698BADCFE"[std::stoi(h.substr(last, 1), nullptr, 16)];
  h[last] = flipped;
  write_bytes(dir / "net_tb_expected.h", h);
  Result r = build_and_run_testbench(prj, dir, dir / "tb");
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("sample 5 output 1: got"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FAIL: 3 error(s)"), std::string::npos)
      << r.output;  // once per batch size
}

TEST(Testbench, TopRefusesBadBatchAndModeWithoutTouchingMemory) {
  const auto prj = built_project("iris_sigmoid");
  const auto exe = work_dir("guard") / "top_guard";
  Result c = run(hls_cxx(prj) + " " + q(fs::path(NNACCEL_SOURCE_DIR) / "tests/e2e/top_guard.cpp") +
                 " " + q(accel_object(prj)) + " -o " + q(exe));
  ASSERT_EQ(c.code, 0) << c.output;
  const std::string max_plus_1 =
      std::to_string(1024 + 1);  // generated with the default --max-batch
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"0 0", "0xFFFFFFFE"},          {max_plus_1 + " 0", "0xFFFFFFFE"},
      {"0xFFFFFFFF 0", "0xFFFFFFFE"}, {"1 3", "0xFFFFFFFF"},
      {"1 0xFFFFFFFF", "0xFFFFFFFF"}, {"0xFFFFFFFF 0xFFFFFFFF", "0xFFFFFFFF"}};
  for (const auto& [args, status] : refused) {
    Result r = run(q(exe) + " " + args + " " + status);
    EXPECT_EQ(r.code, 0) << args << ": " << r.output;
  }
  // The guard is real: a valid batch reads its input and is killed.
  Result valid = run(q(exe) + " 1 0 1");
  EXPECT_EQ(valid.code, 128 + SIGSEGV) << valid.output;  // as the shell reports it
}

namespace {

// Text that is code in every language nngen writes, if it ever escapes its
// comment or string: a newline then a Tcl, a CMake and a C command, comment
// delimiters, a trailing backslash (line continuation), quotes, shell and CMake
// expansions, Tcl command substitution, a trigraph and bytes that are not UTF-8.
const std::string kHostile =
    "h\nexit 7\nmessage(FATAL_ERROR injected)\n#error injected\n*/ #error x /* \" ' $(exit 9) "
    "${HOME} "
    "[exit 8] ?"
    "?/ \xff\xfe\xc3(";

// iris_sigmoid with every graph, node and tensor name, doc string and the
// producer replaced by hostile text (distinct per name).
fs::path hostile_model(const fs::path& file) {
  onnx::ModelProto m;
  std::ifstream in(fixture("iris_sigmoid", "model.onnx"), std::ios::binary);
  EXPECT_TRUE(m.ParseFromIstream(&in));
  std::map<std::string, std::string> renamed;
  auto rename = [&](std::string* name) {
    auto it = renamed.find(*name);
    if (it == renamed.end())
      it = renamed.emplace(*name, kHostile + std::to_string(renamed.size()) + "\\").first;
    *name = it->second;
  };
  m.set_producer_name(kHostile + "\\");
  m.set_doc_string(kHostile + "\\");
  onnx::GraphProto& g = *m.mutable_graph();
  g.set_name(kHostile + "\\");
  g.set_doc_string(kHostile + "\\");
  for (auto& t : *g.mutable_initializer()) rename(t.mutable_name());
  for (auto& v : *g.mutable_input()) rename(v.mutable_name());
  for (auto& v : *g.mutable_output()) rename(v.mutable_name());
  for (auto& v : *g.mutable_value_info()) rename(v.mutable_name());
  int k = 0;
  for (auto& n : *g.mutable_node()) {
    n.set_name(kHostile + "node" + std::to_string(k++) + "\\");
    n.set_doc_string(kHostile + "\\");
    for (auto& s : *n.mutable_input()) rename(&s);
    for (auto& s : *n.mutable_output()) rename(&s);
  }
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  EXPECT_TRUE(m.SerializeToOstream(&out));
  return file;
}

}  // namespace

TEST(Injection, NamesAndPathsAreDataInEveryGeneratedFile) {
  const auto plain = built_project("iris_sigmoid");
  const auto dir = work_dir("hostile");
  // The model's path may hold anything a file name can; the project's only
  // what CMake can build from (not '\', a newline, "$(" or ';': docs/nngen.md).
  const fs::path model = hostile_model(dir / ("m " + kHostile + "\\") / ("model\n*/\\.onnx"));
  const fs::path prj = dir /
                       "o d 'q' \"dq\" $x ${y} [exit 8] #h %p ?"
                       "?/ \xff\xfe a*" /
                       "b" / "* c" / "prj";  // */ and /* (Ninja fails on "*/*")
  const fs::path build = dir / "build";      // CMake cannot build in a folder named with '"'
  Result g = run(nngen() + " generate " + q(model) + " -o " + q(prj) + " --name net");
  ASSERT_EQ(g.code, 0) << g.output;
  Result c = run("cmake -S " + q(prj) + " -B " + q(build) + " -G Ninja -DNNACCEL_WERROR=ON");
  ASSERT_EQ(c.code, 0) << c.output;
  Result b = run("cmake --build " + q(build) + " -j2");
  ASSERT_EQ(b.code, 0) << b.output;

  // Same outputs, byte for byte, as the same model with plain names (the
  // .nnw differs: it records the tensor names); the default weight file is
  // found through the hostile path.
  const auto x = fixture("iris_sigmoid", "X_test.npy");
  Result rh =
      run(q(build / "net-sim") + " --quiet --input " + q(x) + " --output " + q(dir / "yh.npy"));
  ASSERT_EQ(rh.code, 0) << rh.output;
  Result rp = run(q(sim(plain)) + " --quiet --input " + q(x) + " --output " + q(dir / "yp.npy"));
  ASSERT_EQ(rp.code, 0) << rp.output;
  EXPECT_EQ(read_bytes(dir / "yh.npy"), read_bytes(dir / "yp.npy"));

  // The testbench compiles and passes from the hostile folder.
  ASSERT_TRUE(fs::exists(prj / "hls/net_tb_expected.h"));
  Result tb = run(hls_cxx(prj, "c++14") + " -c " + q(prj / "hls/net_tb.cpp") + " -o " +
                  q(dir / "tb.o") + " && " + hls_cxx(prj) + " " + q(dir / "tb.o") + " " +
                  q(prj / "hls/net_accel.cpp") + " -o " + q(dir / "tb") + " && " + q(dir / "tb"));
  EXPECT_EQ(tb.code, 0) << tb.output;

  // build_hls.tcl parses and runs under tclsh up to its own argument check:
  // nothing from the banner ran (no exit 7/8).
  // (Run from its folder: tclsh cannot open a path that is not UTF-8.)
  Result t = run("cd " + q(prj / "hls") + " && tclsh build_hls.tcl bogus");
  EXPECT_EQ(t.code, 1) << t.output;
  EXPECT_NE(t.output.find("unknown step 'bogus'"), std::string::npos) << t.output;

  // The manifest parses: `nngen weights` reads it and rebuilds the same file.
  Result w =
      run(nngen() + " weights " + q(model) + " --project " + q(prj) + " -o " + q(dir / "w.nnw"));
  ASSERT_EQ(w.code, 0) << w.output;
  EXPECT_EQ(read_bytes(dir / "w.nnw"), read_bytes(prj / "weights/net.nnw"));

  // `nngen embed`'s header: its banner holds the command line (hostile input
  // and output paths); it compiles as strict C11 with trigraphs.
  const fs::path hx = dir / ("x " + kHostile + ".npy");
  fs::create_directories(hx.parent_path());
  fs::copy_file(x, hx);
  const fs::path data_h = prj.parent_path() / ("data */ " + kHostile + ".h");
  fs::create_directories(data_h.parent_path());
  Result e =
      run(nngen() + " embed --input " + q(hx) + " --project " + q(plain) + " -n 4 -o " + q(data_h));
  ASSERT_EQ(e.code, 0) << e.output;
  Result cc =
      run("cc -x c -std=c11 -trigraphs -Wall -Wextra -Werror -Wno-unused-const-variable "
          "-fsyntax-only " +
          q(data_h));
  EXPECT_EQ(cc.code, 0) << cc.output;
}
