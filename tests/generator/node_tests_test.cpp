// The ONNX backend node tests Debian ships (libonnx-testdata): each model is
// run through nngen's front end and lowering, then evaluated in float and
// compared with the test's reference output. The node tests pass weights as
// graph inputs; the harness turns them into initializers, as exporters do.
// Models nnaccel must refuse are checked for their message.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "layer_eval.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace fs = std::filesystem;

namespace {

onnx::TensorProto read_tensor(const fs::path& p) {
  onnx::TensorProto t;
  std::ifstream f(p, std::ios::binary);
  EXPECT_TRUE(t.ParseFromIstream(&f)) << p;
  return t;
}

std::vector<float> floats(const onnx::TensorProto& t) {
  std::vector<float> v(static_cast<size_t>(t.float_data_size()));
  for (int i = 0; i < t.float_data_size(); ++i) v[static_cast<size_t>(i)] = t.float_data(i);
  if (v.empty() && !t.raw_data().empty()) {
    v.resize(t.raw_data().size() / 4);
    std::memcpy(v.data(), t.raw_data().data(), t.raw_data().size());
  }
  return v;
}

// Writes the node test's model with inputs 1.. as initializers; returns its path.
fs::path as_exported_model(const std::string& test) {
  const fs::path dir = fs::path(ONNX_NODE_TESTS) / test;
  onnx::ModelProto m;
  std::ifstream f(dir / "model.onnx", std::ios::binary);
  EXPECT_TRUE(m.ParseFromIstream(&f));
  auto* g = m.mutable_graph();
  while (g->input_size() > 1) {
    const int k = g->input_size() - 1;
    onnx::TensorProto t = read_tensor(dir / "test_data_set_0" / ("input_" + std::to_string(k) + ".pb"));
    t.set_name(g->input(k).name());
    *g->add_initializer() = t;
    g->mutable_input()->RemoveLast();
  }
  fs::create_directories(GEN_TEST_TMP);
  const fs::path out = fs::path(GEN_TEST_TMP) / (test + ".onnx");
  std::ofstream o(out, std::ios::binary);
  m.SerializeToOstream(&o);
  return out;
}

nngen::ops::BuildOptions options() {
  return {nngen::ir::FixedType::parse("ap_fixed<16,6>", "AP_RND_CONV", "AP_SAT"), 1, 64};
}

void expect_matches_reference(const std::string& test) {
  SCOPED_TRACE(test);
  const auto d = nngen::passes::compile_model(as_exported_model(test).string(), options());
  const fs::path data = fs::path(ONNX_NODE_TESTS) / test / "test_data_set_0";
  const onnx::TensorProto x = read_tensor(data / "input_0.pb");
  const std::vector<float> xs = floats(x), ys = floats(read_tensor(data / "output_0.pb"));
  const size_t batch = static_cast<size_t>(x.dims(0));
  ASSERT_EQ(xs.size(), batch * d.input_size);
  ASSERT_EQ(ys.size(), batch * d.output_size);
  for (size_t s = 0; s < batch; ++s) {
    std::vector<float> in(xs.begin() + static_cast<long>(s * d.input_size),
                          xs.begin() + static_cast<long>((s + 1) * d.input_size));
    const auto y = gentest::eval_float(d, in);
    for (size_t i = 0; i < d.output_size; ++i) {
      const float want = ys[s * d.output_size + i];
      EXPECT_NEAR(y[i], want, 1e-4 * std::max(1.f, std::fabs(want))) << "sample " << s << " output " << i;
    }
  }
}

void expect_refused(const std::string& test, const std::string& message) {
  SCOPED_TRACE(test);
  try {
    nngen::passes::compile_model(as_exported_model(test).string(), options());
    ADD_FAILURE() << "accepted";
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(OnnxNodeTests, GemmVariantsExportersProduce) {
  for (const char* t : {"test_gemm_alpha", "test_gemm_beta", "test_gemm_default_no_bias", "test_gemm_default_scalar_bias",
                        "test_gemm_default_single_elem_vector_bias", "test_gemm_default_vector_bias",
                        "test_gemm_default_zero_bias", "test_gemm_transposeB"}) {
    expect_matches_reference(t);
  }
}

TEST(OnnxNodeTests, GemmFormsThatMixBatchAndFeaturesAreRefused) {
  expect_refused("test_gemm_transposeA", "transA=1 on the activation");
  expect_refused("test_gemm_all_attributes", "transA=1 on the activation");
  expect_refused("test_gemm_default_matrix_bias", "bias 'c' has shape [3,4], expected [4] or a scalar");
}

TEST(OnnxNodeTests, MatMulAndActivations) {
  for (const char* t : {"test_matmul_2d", "test_relu", "test_sigmoid", "test_tanh", "test_softmax_example"}) {
    if (!fs::exists(fs::path(ONNX_NODE_TESTS) / t)) continue;  // names differ across onnx releases
    expect_matches_reference(t);
  }
}

TEST(OnnxNodeTests, SoftmaxAndFlattenAcrossTheBatchAreRefused) {
  expect_refused("test_softmax_axis_0", "would normalize across the batch");
  expect_refused("test_softmax_axis_1", "normalizes groups within a sample");
  expect_refused("test_softmax_axis_2", "normalizes groups within a sample");
  expect_refused("test_softmax_default_axis", "over axis 2 of per-sample shape [4,5] normalizes groups");
  expect_refused("test_flatten_axis0", "folds the batch dimension into the features");
  expect_refused("test_flatten_axis2", "folds the batch dimension into the features");
}

TEST(OnnxNodeTests, ModelWithoutLayersIsRefused) {
  // Flatten alone is accepted (it keeps the batch first) but leaves nothing to accelerate.
  expect_refused("test_flatten_axis1", "the model has no layer to accelerate");
  expect_refused("test_flatten_default_axis", "the model has no layer to accelerate");
}

TEST(OnnxNodeTests, UnsupportedOpsNameTheNode) {
  expect_refused("test_leakyrelu", "(LeakyRelu) is not supported by nnaccel; supported ops: Add, Constant");
  expect_refused("test_basic_conv_with_padding", "(Conv) is not supported");
}
