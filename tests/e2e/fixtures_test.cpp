// Every fixture model: ONNX -> project -> virtual board -> outputs that agree
// with the framework's float outputs (argmax >= 99 %, default precision).
#include <gtest/gtest.h>

#include "e2e_util.h"
#include "metrics.h"

using namespace e2e;

namespace {

nnmetrics::Metrics run_fixture(const std::string& model) {
  const auto prj = built_project(model);
  const auto y = work_dir(model) / "y_accel.npy";
  Result r = run(q(sim(prj)) + " --input " + q(fixture(model, "X_test.npy")) + " --output " + q(y));
  EXPECT_EQ(r.code, 0) << r.output;
  for (const char* field : {"samples:", "wall time:", "samples/s:", "MMIO per predict:"}) {
    EXPECT_NE(r.output.find(field), std::string::npos) << "sim summary lacks '" << field << "':\n" << r.output;
  }
  auto m = nnmetrics::compare(nnnpy::read_array(y.string()), nnnpy::read_array(fixture(model, "y_ref.npy").string()),
                              nnnpy::read_int_array(fixture(model, "y_test.npy").string()).data);
  std::cout << model << ":\n" << nnmetrics::format(m);
  return m;
}

}  // namespace

TEST(Fixtures, Digits) { EXPECT_GE(run_fixture("digits").argmax_agreement, 0.99); }
TEST(Fixtures, IrisSigmoid) { EXPECT_GE(run_fixture("iris_sigmoid").argmax_agreement, 0.99); }
TEST(Fixtures, WineTanh) { EXPECT_GE(run_fixture("wine_tanh").argmax_agreement, 0.99); }
TEST(Fixtures, CancerKeras) { EXPECT_GE(run_fixture("cancer_keras").argmax_agreement, 0.99); }

// Real PyTorch exports at opset_version 7, 8 and 9 (make_opset_fixtures.py): the front end
// upgrades them to opset 13 with the ONNX version converter.
TEST(Fixtures, OpsetWine7) { EXPECT_GE(run_fixture("wine_opset7").argmax_agreement, 0.99); }
TEST(Fixtures, OpsetIris8) { EXPECT_GE(run_fixture("iris_opset8").argmax_agreement, 0.99); }
TEST(Fixtures, OpsetDigits9) { EXPECT_GE(run_fixture("digits_opset9").argmax_agreement, 0.99); }
