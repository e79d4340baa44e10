// One generated and built project (digits), exercised the way a user would:
// weight reprogramming without rebuild, the field-update path, bad inputs to
// the virtual board, the test-data header and the HLS build script.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e_util.h"
#include "metrics.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

nnnpy::Array run_sim(const fs::path& prj, const std::string& extra, const fs::path& y) {
  Result r = run(q(sim(prj)) + " --quiet --input " + q(fixture("digits", "X_test.npy")) + " --output " + q(y) + extra);
  EXPECT_EQ(r.code, 0) << r.output;
  return nnnpy::read_array(y.string());
}

double agreement(const nnnpy::Array& y, const std::string& ref) {
  return nnmetrics::compare(y, nnnpy::read_array(fixture("digits", ref).string()), {}).argmax_agreement;
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace

TEST(Project, ReprogramWeightsWithoutRebuild) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  const auto binary_time = fs::last_write_time(sim(prj));

  // A: the weights the project was generated with.
  nnnpy::Array ya = run_sim(prj, "", dir / "ya.npy");
  EXPECT_GE(agreement(ya, "y_ref.npy"), 0.99);

  // B: a retrained model of the same architecture, through the field-update path.
  Result w = run(nngen() + " weights " + q(fixture("digits", "model_b.onnx")) + " --project " + q(prj) + " -o " +
              q(dir / "b.nnw"));
  ASSERT_EQ(w.code, 0) << w.output;
  nnnpy::Array yb = run_sim(prj, " --weights " + q(dir / "b.nnw"), dir / "yb.npy");
  EXPECT_GE(agreement(yb, "y_ref_b.npy"), 0.99);
  // B's outputs follow B's reference, not A's.
  const auto to_b = nnmetrics::compare(yb, nnnpy::read_array(fixture("digits", "y_ref_b.npy").string()), {});
  const auto to_a = nnmetrics::compare(yb, nnnpy::read_array(fixture("digits", "y_ref.npy").string()), {});
  EXPECT_LT(to_b.max_abs_error, 0.05);
  EXPECT_GT(to_a.max_abs_error, 0.1);

  // Back to A with the same binary: same bits as the first run.
  nnnpy::Array ya2 = run_sim(prj, " --weights " + q(prj / "weights/net.nnw"), dir / "ya2.npy");
  EXPECT_EQ(ya.data, ya2.data);
  EXPECT_EQ(fs::last_write_time(sim(prj)), binary_time) << "the virtual board was rebuilt";
}

TEST(Project, WeightsForAnotherArchitectureAreRefused) {
  const auto prj = built_project("digits");
  const auto out = work_dir("digits") / "wrong.nnw";
  Result w = run(nngen() + " weights " + q(fixture("wine_tanh", "model.onnx")) + " --project " + q(prj) + " -o " + q(out));
  EXPECT_EQ(w.code, 4) << w.output;
  EXPECT_NE(w.output.find("does not have the architecture"), std::string::npos) << w.output;
  EXPECT_NE(w.output.find("first difference, line"), std::string::npos) << w.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Project, SimRejectsWrongInputs) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  // float64 data: the dtype is named and the fix suggested.
  nnnpy::Array x = nnnpy::read_array(fixture("digits", "X_test.npy").string());
  {
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 64), }";
    while ((10 + header.size() + 1) % 64) header += ' ';
    header += '\n';
    std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xFF);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header + std::string(2 * 64 * 8, '\0');
    write_bytes(dir / "f64.npy", bytes);
  }
  Result r = run(q(sim(prj)) + " --input " + q(dir / "f64.npy") + " --output " + q(dir / "o1.npy"));
  EXPECT_EQ(r.code, 3) << r.output;
  EXPECT_NE(r.output.find("float32"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("f64.npy"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "o1.npy"));

  // Wrong per-sample shape: the expected shape is named.
  nnnpy::Array bad{{3, 10}, std::vector<float>(30, 0.f)};
  nnnpy::write_npy((dir / "bad_shape.npy").string(), bad);
  r = run(q(sim(prj)) + " --input " + q(dir / "bad_shape.npy") + " --output " + q(dir / "o2.npy"));
  EXPECT_EQ(r.code, 3) << r.output;
  EXPECT_NE(r.output.find("expects [N, 1, 8, 8] or [N, 64]"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "o2.npy"));

  // Not a number file at all.
  write_bytes(dir / "junk.npy", "hello");
  r = run(q(sim(prj)) + " --input " + q(dir / "junk.npy") + " --output " + q(dir / "o3.npy"));
  EXPECT_EQ(r.code, 3) << r.output;

  // Usage errors.
  r = run(q(sim(prj)) + " --input " + q(dir / "junk.npy"));
  EXPECT_EQ(r.code, 2) << r.output;
  r = run(q(sim(prj)) + " --input x --output y --batch 0");
  EXPECT_EQ(r.code, 2) << r.output;
}

TEST(Project, SimRejectsBadWeightFiles) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  const std::string good = read_bytes(prj / "weights/net.nnw");
  ASSERT_GT(good.size(), 256u);
  struct Case {
    const char* name;
    std::string bytes;
  };
  std::string flipped = good;
  flipped[flipped.size() - 5] ^= 0x10;  // one payload bit
  std::string foreign = good;
  foreign[0] = 'X';
  const Case cases[] = {{"truncated", good.substr(0, good.size() - 100)},
                        {"corrupt", flipped},
                        {"foreign", foreign},
                        {"empty", ""}};
  for (const Case& c : cases) {
    const auto w = dir / (std::string(c.name) + ".nnw");
    write_bytes(w, c.bytes);
    Result r = run(q(sim(prj)) + " --input " + q(fixture("digits", "X_test.npy")) + " --output " + q(dir / "o.npy") +
                " --weights " + q(w));
    EXPECT_EQ(r.code, 4) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find("nn_load_weights"), std::string::npos) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find(w.filename().string()), std::string::npos) << c.name << ": " << r.output;
    EXPECT_FALSE(fs::exists(dir / "o.npy")) << c.name;
  }
  // Weights of another model (valid file, other signature).
  const auto wine = built_project("wine_tanh");
  Result r = run(q(sim(prj)) + " --input " + q(fixture("digits", "X_test.npy")) + " --output " + q(dir / "o.npy") +
              " --weights " + q(wine / "weights/net.nnw"));
  EXPECT_EQ(r.code, 4) << r.output;
}

TEST(Project, EmbedWritesACompilableHeader) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  const auto h = dir / "digits_data.h";
  Result r = run(nngen() + " embed --input " + q(fixture("digits", "X_test.npy")) + " --labels " +
              q(fixture("digits", "y_test.npy")) + " --reference " + q(fixture("digits", "y_ref.npy")) + " --project " +
              q(prj) + " -n 16 -o " + q(h));
  ASSERT_EQ(r.code, 0) << r.output;
  const std::string text = read_bytes(h);
  for (const char* s : {"#define NET_DATA_COUNT 16u", "net_data_inputs[16][64]", "net_data_labels[16]",
                        "net_data_reference[16][10]", "net_data_expected[16][10]"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
  // The header is valid C11 for the bare-metal apps.
  write_bytes(dir / "use.c", "#include \"digits_data.h\"\nint main(void) { return (int)net_data_expected[0][0] + "
                             "(int)net_data_labels[0] + (int)net_data_inputs[0][0] + (int)net_data_reference[0][0]; }\n");
  Result cc = run("cc -std=c11 -Wall -Wextra -Werror -fsyntax-only -I" + q(dir) + " " + q(dir / "use.c"));
  EXPECT_EQ(cc.code, 0) << cc.output;
  // The expected outputs are the virtual board's: the same numbers as a sim run.
  Result s = run(q(sim(prj)) + " --quiet --limit 16 --input " + q(fixture("digits", "X_test.npy")) + " --output " +
              q(dir / "y16.npy"));
  ASSERT_EQ(s.code, 0) << s.output;
  nnnpy::Array y16 = nnnpy::read_array((dir / "y16.npy").string());
  char first[64];
  std::snprintf(first, sizeof first, "{%af", static_cast<double>(y16.data[0]));
  EXPECT_NE(text.find(std::string("net_data_expected[16][10] = {\n  ") + first), std::string::npos) << first;

  // Without a built project, embed says how to build it.
  Result bad = run(nngen() + " embed --input " + q(fixture("digits", "X_test.npy")) + " --project " +
                q(work_dir("digits") / "nope") + " -n 4 -o " + q(dir / "x.h"));
  EXPECT_NE(bad.code, 0);
  EXPECT_FALSE(fs::exists(dir / "x.h"));
}

TEST(Project, HlsScriptRunsUnderTclStubs) {
  const auto prj = built_project("digits");
  Result r = run("tclsh " + q(fs::path(NNACCEL_SOURCE_DIR) / "tests/tcl/run_build_hls.tcl") + " " +
              q(prj / "hls/build_hls.tcl") + " net_accel xc7z020clg400-1");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("PASS"), std::string::npos) << r.output;
}

TEST(Project, DeviceFaultsAreReportedNotHidden) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  struct Case {
    const char *fault, *where, *message;
  };
  const Case cases[] = {
      // The first device operation (identify, in nn_open) already times out.
      {"hang", "nn_open: ", "did not finish within the timeout"},
      {"flip-weight", "nn_load_weights(", "corrupted on the way to the accelerator"},
      {"wrong-signature", "nn_open: ", "built for another model"},
  };
  for (const auto& [fault, where, message] : cases) {
    Result r = run(q(sim(prj)) + " --input " + q(fixture("digits", "X_test.npy")) + " --output " + q(dir / "of.npy") +
                   " --fault " + fault);
    EXPECT_EQ(r.code, 4) << fault << ": " << r.output;
    EXPECT_NE(r.output.find(where), std::string::npos) << fault << ": " << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << fault << ": " << r.output;
    EXPECT_FALSE(fs::exists(dir / "of.npy")) << fault;
  }
  Result r = run(q(sim(prj)) + " --input x --output y --fault melt");
  EXPECT_EQ(r.code, 2) << r.output;
}

TEST(Project, WeightsCommandErrors) {
  const auto prj = built_project("digits");
  const auto dir = work_dir("digits");
  const auto out = dir / "w_err.nnw";
  Result r = run(nngen() + " weights " + q(fixture("digits", "model_b.onnx")) + " --project " + q(dir / "nowhere") +
                 " -o " + q(out));
  EXPECT_EQ(r.code, 5) << r.output;
  EXPECT_NE(r.output.find("is not an nngen project (no nnaccel-project.json)"), std::string::npos) << r.output;
  write_bytes(dir / "broken.onnx", "\x08\x07garbage");
  r = run(nngen() + " weights " + q(dir / "broken.onnx") + " --project " + q(prj) + " -o " + q(out));
  EXPECT_EQ(r.code, 3) << r.output;
  EXPECT_NE(r.output.find("broken.onnx: not a valid ONNX model"), std::string::npos) << r.output;
  r = run(nngen() + " weights --project " + q(prj) + " -o " + q(out));
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_FALSE(fs::exists(out));
}
