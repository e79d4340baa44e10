// nngen generate: the errors a user meets with bad models and options, each
// with its message and exit code, and nothing left behind.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>

#include "e2e_util.h"
#include "gemm_model.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

// A small dense model: input [batch, 4] -> Gemm(4->3) -> <op> -> output.
fs::path write_model(const std::string& file, const std::string& op,
                     int input_type = onnx::TensorProto::FLOAT, int opset = 13) {
  return write_gemm_model(work_dir("generate") / file, {4, 3, op, input_type, opset});
}

Result generate(const fs::path& model, const fs::path& out, const std::string& extra = "") {
  return run(nngen() + " generate " + q(model) + " -o " + q(out) + extra);
}

}  // namespace

TEST(Generate, SmallModelWorks) {
  const auto out = work_dir("generate") / "ok";
  Result r = generate(write_model("relu.onnx", "Relu"), out);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f :
       {"hls/relu_accel.cpp", "hls/build_hls.tcl", "driver/relu_config.h", "weights/relu.nnw",
        "CMakeLists.txt", "nnaccel-project.json", "hls/lib/nnfixed/nnfixed.h"}) {
    EXPECT_TRUE(fs::exists(out / f)) << f;
  }
}

TEST(Generate, ReuseSetsTheNeuronLoopIIAndWeightBanks) {
  const auto out = work_dir("generate") / "reuse";
  Result r = generate(write_model("reuse.onnx", "Relu"), out, " --name r --reuse 3");
  ASSERT_EQ(r.code, 0) << r.output;
  std::ifstream f(out / "hls/r_accel.cpp"), l(out / "hls/r_layers.h");
  const std::string cpp((std::istreambuf_iterator<char>(f)), {}),
      layers((std::istreambuf_iterator<char>(l)), {});
  // n_in = 4, II 3: ceil(4/3) = 2 multipliers, so 2 banks along the inputs.
  EXPECT_NE(cpp.find("#pragma HLS ARRAY_PARTITION variable = dense0_w cyclic factor = 2 dim = 2"),
            std::string::npos)
      << cpp;
  EXPECT_NE(layers.find("static const unsigned reuse = 3;"), std::string::npos) << layers;
}

TEST(Generate, UnsupportedOpIsNamedWithTheSupportedList) {
  const auto out = work_dir("generate") / "unsupported";
  Result r = generate(write_model("erf.onnx", "Erf"), out);
  expect_error(r, 3, "node 'act' (Erf) is not supported");
  expect_error(r, 3,
               "supported ops: Add, AveragePool, BatchNormalization, Clip, Concat, Constant, Conv, "
               "Div, Dropout, Elu, Flatten, Gemm, GlobalAveragePool, GlobalMaxPool, HardSigmoid, "
               "Identity, LeakyRelu, MatMul, MaxPool, Mul, PRelu, Pad, Relu, Reshape, Selu, "
               "Sigmoid, Softmax, Squeeze, Sub, Tanh, Transpose, Unsqueeze");
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(work_dir("generate")), fs::directory_iterator()),
            std::count_if(fs::directory_iterator(work_dir("generate")), fs::directory_iterator(),
                          [](const fs::directory_entry& e) {
                            return e.path().filename().string()[0] != '.';
                          }))
      << "a staging directory was left behind";
}

TEST(Generate, MalformedOnnx) {
  const auto bad = work_dir("generate") / "garbage.onnx";
  std::ofstream(bad) << "this is not a protobuf \x01\x02\x03";
  const auto out = work_dir("generate") / "malformed";
  expect_error(generate(bad, out), 3, "garbage.onnx: not a valid ONNX model");
  EXPECT_FALSE(fs::exists(out));
  expect_error(generate(work_dir("generate") / "missing.onnx", out), 5,
               "missing.onnx' does not exist");
}

TEST(Generate, WrongInputTypeAndOldOpset) {
  const auto out = work_dir("generate") / "types";
  expect_error(generate(write_model("int_in.onnx", "Relu", onnx::TensorProto::INT64), out), 3,
               "input 'x' has element type int64");
  expect_error(generate(write_model("old.onnx", "Relu", onnx::TensorProto::FLOAT, 5), out), 3,
               "opset 5 is not supported (nnaccel reads opsets 6 to 21");
  EXPECT_FALSE(fs::exists(out));
}

TEST(Generate, BadOptions) {
  const auto model = write_model("opts.onnx", "Sigmoid");
  const auto out = work_dir("generate") / "opts";
  expect_error(generate(model, out, " --board zedboard"), 2,
               "unknown board 'zedboard' (known boards: pynq-z2");
  expect_error(generate(model, out, " --precision 'ap_fixed<16>'"), 2, "needs 2 or 4 parameters");
  expect_error(generate(model, out, " --precision 'ap_fixed<16,6,AP_FOO,AP_SAT>'"), 2,
               "unknown quantization mode 'AP_FOO'");
  expect_error(generate(model, out, " --precision 'ap_fixed<80,6>'"), 2, "width must be 2..64");
  expect_error(generate(model, out, " --precision 'ap_ufixed<16,6>'"), 2,
               "an unsigned type cannot hold negative");
  expect_error(generate(model, out, " --name 'my-net'"), 2, "must be a C identifier");
  expect_error(generate(model, out, " --reuse 0"), 2, "--reuse must be");
  expect_error(generate(model, out, " --print-ir-after nosuch"), 2, "no pass named 'nosuch'");
  EXPECT_FALSE(fs::exists(out));
  // Something that is not an nngen project is never overwritten.
  const auto foreign = work_dir("generate") / "foreign";
  fs::create_directories(foreign);
  std::ofstream(foreign / "thesis.tex") << "precious";
  expect_error(generate(model, foreign), 5, "is not empty and is not an nngen project");
  EXPECT_TRUE(fs::exists(foreign / "thesis.tex"));
}

TEST(Generate, RegeneratingKeepsTheUsersFiles) {
  const auto model = write_model("regen.onnx", "Relu");
  const auto prj = work_dir("generate") / "regen";
  ASSERT_EQ(run(nngen() + " generate " + q(model) + " -o " + q(prj) + "/ --name r").code,
            0);  // trailing slash
  fs::create_directories(prj / "build");
  fs::create_directories(prj / "hls/prj_r");
  std::ofstream(prj / "build/cache") << "user";
  std::ofstream(prj / "hls/prj_r/run.log") << "synthesis";
  // Projects of nngen 0.1 before the SDK held a copy of the runtime here; nngen still owns it.
  fs::create_directories(prj / "runtime");
  std::ofstream(prj / "runtime/stale.c") << "from an older nngen";
  Result r = run(nngen() + " generate " + q(model) + " -o " + q(prj) + "/ --name r");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(fs::exists(prj / "build/cache"));
  EXPECT_TRUE(fs::exists(prj / "hls/prj_r/run.log"));
  EXPECT_FALSE(fs::exists(prj / "runtime/stale.c")) << "nngen-owned folders are replaced";
  EXPECT_TRUE(fs::exists(prj / "hls/r_accel.cpp"));
  for (const auto& e : fs::directory_iterator(work_dir("generate"))) {
    EXPECT_NE(e.path().filename().string()[0], '.') << "left behind: " << e.path();
  }
}

TEST(Generate, HugeDeclaredTensorIsRefusedBeforeAllocating) {
  onnx::ModelProto m;
  std::ifstream in(write_model("huge_base.onnx", "Relu"), std::ios::binary);
  ASSERT_TRUE(m.ParseFromIstream(&in));
  auto* w = m.mutable_graph()->mutable_initializer(0);
  w->clear_dims();
  w->add_dims(int64_t{1} << 40);
  w->add_dims(int64_t{1} << 40);
  const auto p = work_dir("generate") / "huge.onnx";
  {
    std::ofstream o(p, std::ios::binary);
    m.SerializeToOstream(&o);
  }
  expect_error(generate(p, work_dir("generate") / "huge"), 3,
               "tensor 'W' declares more than 2^28 elements");
}

TEST(Generate, OutputIsByteStable) {
  const auto model = write_model("stable.onnx", "Tanh");
  const auto a = work_dir("generate") / "stable_a", b = work_dir("generate") / "stable_b";
  ASSERT_EQ(run(nngen() + " generate " + q(model) + " -o " + q(a) + " --name s").code, 0);
  ASSERT_EQ(run(nngen() + " generate " + q(model) + " -o " + q(b) + " --name s").code, 0);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(a)) {
    if (!e.is_regular_file()) continue;
    const auto rel = fs::relative(e.path(), a);
    std::ifstream fa(e.path(), std::ios::binary), fb(b / rel, std::ios::binary);
    std::string sa((std::istreambuf_iterator<char>(fa)), {}),
        sb((std::istreambuf_iterator<char>(fb)), {});
    // Only the command line in the banner names the output directory.
    size_t pos;
    while ((pos = sb.find("stable_b")) != std::string::npos) sb.replace(pos, 8, "stable_a");
    EXPECT_EQ(sa, sb) << rel;
    ++files;
  }
  EXPECT_GT(files, 10u);
  // Regenerating into an existing project replaces it.
  ASSERT_EQ(run(nngen() + " generate " + q(model) + " -o " + q(a) + " --name s").code, 0);
}

TEST(Generate, PrintIrAfterAPass) {
  Result r = run(nngen() + " generate " + q(write_model("ir.onnx", "Relu")) + " -o " +
                 q(work_dir("generate") / "ir") +
                 " --precision 'ap_fixed<16,6>' --print-ir-after assign-precision");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("dense0 = Dense(input)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("n_in=4 n_out=3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("accum:ap_fixed<35,15,AP_TRN,AP_WRAP>"), std::string::npos) << r.output;
}

// --io, --calibrate and --config: every refusal names the option, file or field, nothing is
// written.
TEST(Generate, BadCnnOptionsAndConfigFiles) {
  const auto model = write_model("cfg.onnx", "Relu");
  const auto dir = work_dir("generate");
  const auto out = dir / "cfg";
  expect_error(generate(model, out, " --io systolic"), 2,
               "--io must be stream or parallel, got 'systolic'");
  std::ofstream(dir / "notnpy.npy") << "nothing";
  expect_error(generate(model, out, " --calibrate " + q(dir / "notnpy.npy")), 3, "notnpy.npy");
  const std::pair<const char*, const char*> bad[] = {
      {"[1, 2]", "the configuration must be a JSON object"},
      {"{\"reuse\": 0}", "field 'reuse' must be an integer 1..4096"},
      {"{\"strategy\": \"fast\"}", "field 'strategy' must be \"latency\" or \"resource\""},
      {"{\"io\": 3}", "field 'io' must be \"stream\" or \"parallel\""},
      {"{\"fifo_depths\": {\"s_x\": 0}}", "field 'fifo_depths.s_x' must be an integer 1..16777216"},
      {"{\"layers\": {\"dense0\": {\"colour\": \"red\"}}}",
       "field 'layers.dense0.colour' is not one of"},
      {"{\"layers\": {\"dense0\": {\"precision\": \"ap_fixed<99,6>\"}}}",
       "field 'layers.dense0.precision'"},
      {"{\"speed\": 1}", "unknown field 'speed'"},
      {"{not json", "not valid JSON"}};
  for (const auto& [text, message] : bad) {
    SCOPED_TRACE(text);
    std::ofstream(dir / "bad.json") << text;
    expect_error(generate(model, out, " --config " + q(dir / "bad.json")), 3, message);
    EXPECT_FALSE(fs::exists(out));
  }
}
