// The executor on the committed fixture models, loaded by frontend::load_onnx as nngen eval does:
// each model's outputs on its test inputs equal the stored references (PyTorch / Keras float32,
// y_ref.npy, y_ref_b.npy for model_b.onnx), mnist-conv's test_data_set_0, and the opset fixtures'
// y_ref.npy.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "eval/executor.h"
#include "frontend/onnx_loader.h"
#include "npy.h"
#include "onnx_model_graph.h"

namespace fs = std::filesystem;
using nngen::eval::Value;

namespace {

const fs::path kModels = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models";

// Runs `model` on `x` (batch first) and compares with `want` (same layout): |d| <= tol*max(1,|w|).
void expect_reference(const fs::path& model, const std::vector<int64_t>& x_shape,
                      const std::vector<double>& x, const std::vector<int64_t>& y_shape,
                      const std::vector<double>& want, double tol) {
  SCOPED_TRACE(model.string());
  const nngen::ir::Graph g = nngen::frontend::load_onnx(model);
  // A model exported with a fixed batch runs in batches of that size.
  const int64_t n = x_shape[0], chunk = g.batch.symbolic ? n : g.batch.fixed;
  ASSERT_GT(chunk, 0);
  ASSERT_EQ(n % chunk, 0);
  const size_t per_sample = x.size() / static_cast<size_t>(n);
  Value y;
  for (int64_t first = 0; first < n; first += chunk) {
    std::vector<int64_t> shape = x_shape;
    shape[0] = chunk;
    const auto from = x.begin() + static_cast<long>(first) * static_cast<long>(per_sample);
    const auto values = nngen::eval::run_graph(
        g, Value{shape, std::vector<double>(from, from + chunk * static_cast<long>(per_sample))});
    const Value& part = values.at(g.output);
    y.shape = part.shape;
    y.data.insert(y.data.end(), part.data.begin(), part.data.end());
  }
  if (!y.shape.empty()) y.shape[0] = n;
  ASSERT_EQ(y.shape, y_shape);
  ASSERT_EQ(y.data.size(), want.size());
  double worst = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    const double err = std::fabs(y.data[i] - want[i]) / std::max(1.0, std::fabs(want[i]));
    worst = std::max(worst, err);
    if (err > tol) {
      ADD_FAILURE() << "output " << i << " = " << y.data[i] << ", reference " << want[i];
      return;
    }
  }
  std::cout << model.parent_path().filename().string() << "/" << model.filename().string() << ": "
            << want.size() << " outputs, worst relative difference " << worst << "\n";
}

std::vector<int64_t> shape_of(const nnnpy::Array& a) { return {a.shape.begin(), a.shape.end()}; }
std::vector<double> data_of(const nnnpy::Array& a) { return {a.data.begin(), a.data.end()}; }

}  // namespace

TEST(EvalFixtures, ModelsMatchTheirStoredReferences) {
  int checked = 0;
  for (const auto& e : fs::directory_iterator(kModels)) {
    const fs::path d = e.path();
    if (!fs::exists(d / "X_test.npy")) continue;
    const auto x = nnnpy::read_npy((d / "X_test.npy").string());
    for (const auto& [model, ref] :
         {std::pair{"model.onnx", "y_ref.npy"}, {"model_b.onnx", "y_ref_b.npy"}}) {
      if (!fs::exists(d / model) || !fs::exists(d / ref)) continue;
      const auto y = nnnpy::read_npy((d / ref).string());
      expect_reference(d / model, shape_of(x), data_of(x), shape_of(y), data_of(y), 1e-4);
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);  // digits, iris, wine, cancer in their variants
}

TEST(EvalFixtures, MnistConvMatchesItsTestDataSet) {
  const fs::path d = kModels / "mnist-conv";
  std::string why;
  const auto x =
      evaltest::read_value(evaltest::read_tensor_file(d / "test_data_set_0/input_0.pb"), &why);
  const auto y =
      evaltest::read_value(evaltest::read_tensor_file(d / "test_data_set_0/output_0.pb"), &why);
  ASSERT_TRUE(x && y) << why;
  expect_reference(d / "model.onnx", x->shape, x->data, y->shape, y->data, 1e-4);
}

TEST(EvalFixtures, OpsetFixturesMatchTheirReference) {
  const fs::path d = kModels / "opsets";
  const auto x = nnnpy::read_npy((d / "X.npy").string());
  const auto y = nnnpy::read_npy((d / "y_ref.npy").string());
  for (int opset : {7, 9, 11, 13, 18, 21}) {
    expect_reference(d / ("chain_opset" + std::to_string(opset) + ".onnx"), shape_of(x), data_of(x),
                     shape_of(y), data_of(y), 1e-5);
  }
}
