// nngen eval on the command line: a run that writes the reference outputs, and each error (bad
// .npy, wrong per-sample shape, unsupported op, missing file, bad --batch) with its message, its
// exit code and no output file left behind.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "npy.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int code;
  std::string output;  // stdout and stderr
};

Result run(const std::string& cmd) {
  Result r{-1, ""};
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path tmp(const std::string& name) {
  const fs::path d =
      fs::path(EVAL_TEST_TMP) / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::create_directories(d);
  return d / name;
}

const fs::path kDigits = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/digits";

std::string eval_cmd(const fs::path& model, const fs::path& x, const fs::path& y) {
  return std::string(NNGEN_PATH) + " eval " + q(model) + " --input " + q(x) + " --output " + q(y);
}

void expect_error(const Result& r, int code, const std::string& text, const fs::path& out) {
  EXPECT_EQ(r.code, code) << r.output;
  EXPECT_NE(r.output.find("nngen: error: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(text), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out)) << "an output file was left behind";
  // Nor a temporary file next to it.
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    EXPECT_EQ(e.path().filename().string().find("y.npy"), std::string::npos) << e.path();
  }
}

}  // namespace

TEST(EvalCli, WritesTheReferenceOutputs) {
  const fs::path y = tmp("y.npy");
  const Result r = run(eval_cmd(kDigits / "model.onnx", kDigits / "X_test.npy", y));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("nngen eval: 360 samples of"), std::string::npos) << r.output;
  const auto got = nnnpy::read_npy(y.string());
  const auto want = nnnpy::read_npy((kDigits / "y_ref.npy").string());
  ASSERT_EQ(got.shape, want.shape);
  for (size_t i = 0; i < want.data.size(); ++i) ASSERT_NEAR(got.data[i], want.data[i], 1e-4) << i;
  // Chunks of 7 samples give the same file.
  const fs::path y7 = tmp("y7.npy");
  ASSERT_EQ(run(eval_cmd(kDigits / "model.onnx", kDigits / "X_test.npy", y7) + " --batch 7").code,
            0);
  EXPECT_EQ(nnnpy::read_npy(y7.string()).data, got.data);
}

TEST(EvalCli, OneSampleWithoutBatchDimension) {
  const auto x = nnnpy::read_npy((kDigits / "X_test.npy").string());
  nnnpy::Array one{{1, 8, 8}, std::vector<float>(x.data.begin(), x.data.begin() + 64)};
  const fs::path xin = tmp("x1.npy"), y = tmp("y.npy");
  nnnpy::write_npy(xin.string(), one);
  const Result r = run(eval_cmd(kDigits / "model.onnx", xin, y));
  ASSERT_EQ(r.code, 0) << r.output;
  const auto got = nnnpy::read_npy(y.string());
  EXPECT_EQ(got.shape, (std::vector<size_t>{1, 10}));
  const auto want = nnnpy::read_npy((kDigits / "y_ref.npy").string());
  for (size_t i = 0; i < 10; ++i) EXPECT_NEAR(got.data[i], want.data[i], 1e-4);
}

TEST(EvalCli, BadNpyIsRefused) {
  const fs::path x = tmp("bad.npy"), y = tmp("y.npy");
  std::ofstream(x) << "not a numpy file";
  expect_error(run(eval_cmd(kDigits / "model.onnx", x, y)), 3, "bad.npy", y);
}

TEST(EvalCli, WrongPerSampleShapeIsRefused) {
  const fs::path x = tmp("x.npy"), y = tmp("y.npy");
  nnnpy::write_npy(x.string(), nnnpy::Array{{2, 64}, std::vector<float>(128)});
  expect_error(run(eval_cmd(kDigits / "model.onnx", x, y)), 3,
               "shape (2, 64) is neither (N, 1, 8, 8) nor one sample (1, 8, 8)", y);
}

TEST(EvalCli, UnsupportedOpIsRefused) {
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.add_opset_import()->set_version(13);
  auto* g = m.mutable_graph();
  g->set_name("softplus");
  for (auto* v : {g->add_input(), g->add_output()}) {
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    t->mutable_shape()->add_dim()->set_dim_param("N");
    t->mutable_shape()->add_dim()->set_dim_value(4);
  }
  g->mutable_input(0)->set_name("x");
  g->mutable_output(0)->set_name("y");
  auto* n = g->add_node();
  n->set_op_type("Softplus");
  n->set_name("sp");
  n->add_input("x");
  n->add_output("y");
  const fs::path model = tmp("softplus.onnx"), x = tmp("x.npy"), y = tmp("y.npy");
  std::ofstream f(model, std::ios::binary);
  ASSERT_TRUE(m.SerializeToOstream(&f));
  f.close();
  nnnpy::write_npy(x.string(), nnnpy::Array{{3, 4}, std::vector<float>(12)});
  expect_error(run(eval_cmd(model, x, y)), 3,
               "softplus.onnx: node 'sp' (Softplus): the float reference executor does not "
               "implement Softplus",
               y);
}

TEST(EvalCli, MissingFilesAreIoErrors) {
  const fs::path y = tmp("y.npy");
  expect_error(run(eval_cmd(tmp("none.onnx"), kDigits / "X_test.npy", y)), 5, "does not exist", y);
  expect_error(run(eval_cmd(kDigits / "model.onnx", tmp("none.npy"), y)), 5, "none.npy", y);
}

TEST(EvalCli, OutputInMissingFolderIsAnIoError) {
  const fs::path y = tmp("no/such/dir/y.npy");
  const Result r = run(eval_cmd(kDigits / "model.onnx", kDigits / "X_test.npy", y));
  EXPECT_EQ(r.code, 5) << r.output;
  EXPECT_FALSE(fs::exists(y));
}

TEST(EvalCli, BadBatchIsAUsageError) {
  const fs::path y = tmp("y.npy");
  expect_error(run(eval_cmd(kDigits / "model.onnx", kDigits / "X_test.npy", y) + " --batch -1"), 2,
               "--batch must be a positive number", y);
}

TEST(EvalCli, FixedBatchModelRunsOneBatchAtATime) {
  // iris_sigmoid was exported with batch 1: its 30 test samples run one by one.
  const fs::path d = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/iris_sigmoid";
  const fs::path y = tmp("y.npy");
  const Result r = run(eval_cmd(d / "model.onnx", d / "X_test.npy", y));
  ASSERT_EQ(r.code, 0) << r.output;
  const auto got = nnnpy::read_npy(y.string());
  const auto want = nnnpy::read_npy((d / "y_ref.npy").string());
  ASSERT_EQ(got.shape, want.shape);
  for (size_t i = 0; i < want.data.size(); ++i) ASSERT_NEAR(got.data[i], want.data[i], 1e-4) << i;
  fs::remove(y);
  expect_error(run(eval_cmd(d / "model.onnx", d / "X_test.npy", y) + " --batch 5"), 2,
               "fixes its batch dimension to 1", y);
}
