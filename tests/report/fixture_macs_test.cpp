// MAC counts of the cost estimate, exact, for every fixture model: the expected numbers come from
// the ONNX file itself (onnx shape inference for the convolution output sizes), by the textbook
// formulas, independently of nngen's lowering:
//   Conv:          prod(output spatial dims) * M * (C / group) * prod(kernel)   (W is [M, C/g,
//   k...]) Gemm, MatMul:  K * N of the 2-D weight
// Every other op has no MACs. Folding (BatchNormalization into Conv, Pad into Conv, bias Adds into
// Dense) must not change the count.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "passes/pipeline.h"

namespace fs = std::filesystem;

namespace {

const fs::path kModels = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models";

std::vector<int64_t> dims_of(const onnx::TypeProto& t) {
  std::vector<int64_t> d;
  for (const auto& x : t.tensor_type().shape().dim())
    d.push_back(x.has_dim_value() ? x.dim_value() : -1);
  return d;
}

int64_t prod(std::vector<int64_t>::const_iterator a, std::vector<int64_t>::const_iterator b) {
  int64_t p = 1;
  for (; a != b; ++a) p *= *a;
  return p;
}

// MACs of every Conv / Gemm / MatMul node of the model, sorted.
std::vector<int64_t> onnx_macs(const fs::path& path) {
  onnx::ModelProto m;
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(f && m.ParseFromIstream(&f)) << path;
  onnx::shape_inference::InferShapes(m);
  std::map<std::string, std::vector<int64_t>> shape;
  for (const auto& t : m.graph().initializer())
    shape[t.name()] = {t.dims().begin(), t.dims().end()};
  for (const auto* list : {&m.graph().input(), &m.graph().value_info(), &m.graph().output()}) {
    for (const auto& v : *list) {
      if (!shape.count(v.name())) shape[v.name()] = dims_of(v.type());
    }
  }
  std::vector<int64_t> macs;
  for (const auto& n : m.graph().node()) {
    if (n.op_type() == "Conv") {
      const std::vector<int64_t>& w = shape.at(n.input(1));
      const std::vector<int64_t>& y = shape.at(n.output(0));
      EXPECT_GE(y.size(), 3u) << n.name();
      EXPECT_TRUE(std::all_of(y.begin() + 1, y.end(), [](int64_t d) { return d > 0; })) << n.name();
      // W = [M, C/group, k...]: each output value takes C/group * prod(k) products.
      macs.push_back(prod(y.begin() + 2, y.end()) * w[0] * prod(w.begin() + 1, w.end()));
    } else if (n.op_type() == "Gemm" || n.op_type() == "MatMul") {
      const std::vector<int64_t>& w = shape.at(n.input(1));
      EXPECT_EQ(w.size(), 2u) << n.name();
      macs.push_back(w[0] * w[1]);
    }
  }
  std::sort(macs.begin(), macs.end());
  return macs;
}

class FixtureMacs : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureMacs, EstimateCountsExactlyTheModelsMacs) {
  const fs::path model = kModels / GetParam() / "model.onnx";
  const std::vector<int64_t> want = onnx_macs(model);
  ASSERT_FALSE(want.empty()) << "a fixture without Conv/Gemm/MatMul tests nothing here";
  nngen::ops::BuildOptions opt;
  opt.data_type = nngen::ir::FixedType::parse("ap_fixed<16,6>", "AP_RND_CONV", "AP_SAT");
  opt.max_batch = 64;
  for (const std::string io : {"stream", "parallel"}) {
    opt.io = io;
    const nngen::passes::Design d = nngen::passes::compile_model(model.string(), opt);
    std::vector<int64_t> got;
    int64_t total = 0, want_total = 0;
    for (const auto& row : d.cost.layers) {
      if (row.op == "Conv" || row.op == "Dense") {
        got.push_back(row.cost.macs);
      } else {
        EXPECT_EQ(row.cost.macs, 0) << row.layer << " (" << row.op << ")";
      }
      total += row.cost.macs;
    }
    for (int64_t v : want) want_total += v;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want) << io;
    EXPECT_EQ(d.cost.total.macs, want_total) << io;
    EXPECT_EQ(total, want_total) << io;
  }
}

INSTANTIATE_TEST_SUITE_P(Models, FixtureMacs,
                         ::testing::Values("digits", "iris_sigmoid", "wine_tanh", "cancer_keras",
                                           "cnn_bn", "cnn_residual", "cnn_dwsep", "cnn_concat",
                                           "conv1d", "cnn_keras_nhwc", "mnist-conv"),
                         [](const auto& info) {
                           std::string s = info.param;
                           std::replace(s.begin(), s.end(), '-', '_');
                           return s;
                         });

// The hand-derived numbers for two fixtures, as a check on the test's own formula:
//  cnn_bn: Conv 1->8, 3x3, pad 1 on 8x8: 8*8*8*9 = 4608; MaxPool 2 -> 4x4x8; Conv 8->16, 3x3,
//  pad 1: 4*4*16*72 = 18432; Dense 256 -> 10: 2560.
TEST(FixtureMacsByHand, CnnBn) {
  EXPECT_EQ(onnx_macs(kModels / "cnn_bn/model.onnx"), (std::vector<int64_t>{2560, 4608, 18432}));
}

}  // namespace
