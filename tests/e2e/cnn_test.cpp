// CNN fixtures end to end: ONNX -> project (--io stream and --io parallel, default precision
// calibrated on training samples) -> virtual board -> >= 99 % argmax agreement with the
// framework's float outputs on the test samples; mnist-conv from the model zoo reproduces its
// reference argmax; weights of a CNN are reprogrammed like those of a dense model.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "e2e_util.h"
#include "metrics.h"
#include "npy.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

std::string calibrated(const std::string& model, const std::string& io) {
  return " --io " + io + " --calibrate " + q(fixture(model, "X_calib.npy"));
}

nnnpy::Array run_sim(const fs::path& prj, const std::string& model, const std::string& extra,
                     const fs::path& out) {
  Result r = run(q(sim(prj)) + " --quiet --input " + q(fixture(model, "X_test.npy")) +
                 " --output " + q(out) + extra);
  EXPECT_EQ(r.code, 0) << r.output;
  return nnnpy::read_array(out.string());
}

double agreement(const std::string& model, const nnnpy::Array& y, const std::string& ref) {
  const auto m =
      nnmetrics::compare(y, nnnpy::read_array(fixture(model, ref).string()),
                         nnnpy::read_int_array(fixture(model, "y_test.npy").string()).data);
  std::cout << model << " vs " << ref << ":\n" << nnmetrics::format(m);
  return m.argmax_agreement;
}

void expect_agreement(const std::string& model, const std::string& io) {
  const fs::path prj = built_project(model, calibrated(model, io), io);
  const nnnpy::Array y = run_sim(prj, model, "", work_dir(model) / (io + "_y.npy"));
  EXPECT_GE(agreement(model, y, "y_ref.npy"), 0.99) << model << " --io " << io;
}

}  // namespace

#define CNN_FIXTURE(Name, model)                                 \
  TEST(Cnn, Name##Stream) { expect_agreement(model, "stream"); } \
  TEST(Cnn, Name##Parallel) { expect_agreement(model, "parallel"); }

CNN_FIXTURE(BatchNorm, "cnn_bn")
CNN_FIXTURE(Residual, "cnn_residual")
CNN_FIXTURE(DepthwiseSeparable, "cnn_dwsep")
CNN_FIXTURE(Concat, "cnn_concat")
CNN_FIXTURE(Conv1d, "conv1d")
CNN_FIXTURE(KerasNhwc, "cnn_keras_nhwc")

// The ONNX model zoo's MNIST CNN (CNTK, opset 8; SAME_UPPER padding, a weight reshaped by a
// graph node, logits in the thousands): calibrated on its one test digit, the argmax of the
// reference logits (2) comes out, in both architectures.
TEST(Cnn, MnistConvReproducesItsReference) {
  const fs::path dir = work_dir("mnist-conv");
  auto read_pb = [](const fs::path& p) {
    onnx::TensorProto t;
    std::ifstream f(p, std::ios::binary);
    EXPECT_TRUE(t.ParseFromIstream(&f)) << p;
    nnnpy::Array a;
    for (auto d : t.dims()) a.shape.push_back(static_cast<size_t>(d));
    a.data.resize(t.raw_data().size() / 4);
    std::memcpy(a.data.data(), t.raw_data().data(), a.data.size() * 4);
    if (a.data.empty()) a.data.assign(t.float_data().begin(), t.float_data().end());
    return a;
  };
  const nnnpy::Array x = read_pb(fixture("mnist-conv", "test_data_set_0/input_0.pb"));
  const nnnpy::Array ref = read_pb(fixture("mnist-conv", "test_data_set_0/output_0.pb"));
  ASSERT_EQ(ref.data.size(), 10u);
  nnnpy::write_npy((dir / "x.npy").string(), x);
  const size_t want =
      static_cast<size_t>(std::max_element(ref.data.begin(), ref.data.end()) - ref.data.begin());
  for (const char* io : {"stream", "parallel"}) {
    const fs::path prj = dir / io;
    Result g = run(nngen() + " generate " + q(fixture("mnist-conv", "model.onnx")) + " -o " +
                   q(prj) + " --name net --io " + io + " --calibrate " + q(dir / "x.npy"));
    ASSERT_EQ(g.code, 0) << g.output;
    Result b = run("cmake -S " + q(prj) + " -B " + q(prj / "build") +
                   " -G Ninja -DNNACCEL_WERROR=ON && cmake --build " + q(prj / "build") + " -j2");
    ASSERT_EQ(b.code, 0) << b.output;
    Result s =
        run(q(sim(prj)) + " --quiet --input " + q(dir / "x.npy") + " --output " + q(prj / "y.npy"));
    ASSERT_EQ(s.code, 0) << s.output;
    const nnnpy::Array y = nnnpy::read_array((prj / "y.npy").string());
    ASSERT_EQ(y.data.size(), 10u);
    const size_t got =
        static_cast<size_t>(std::max_element(y.data.begin(), y.data.end()) - y.data.begin());
    EXPECT_EQ(got, want) << io;
    // Logits of several thousand keep their value within a few units (16-bit types).
    for (size_t i = 0; i < 10; ++i)
      EXPECT_NEAR(y.data[i], ref.data[i], 8.0) << io << " logit " << i;
  }
}

// nngen weights + --weights: a retrained CNN (same architecture) runs on the same binary; the
// types recorded in the project (not a new calibration) make the architectures equal.
TEST(Cnn, ReprogramWeightsOfACnn) {
  for (const char* model : {"cnn_residual", "cnn_bn"}) {
    const fs::path prj = built_project(model, calibrated(model, "stream"), "stream");
    const fs::path dir = work_dir(model);
    const auto binary_time = fs::last_write_time(sim(prj));
    const nnnpy::Array ya = run_sim(prj, model, "", dir / "ya.npy");
    Result w = run(nngen() + " weights " + q(fixture(model, "model_b.onnx")) + " --project " +
                   q(prj) + " -o " + q(dir / "b.nnw"));
    ASSERT_EQ(w.code, 0) << w.output;
    const nnnpy::Array yb = run_sim(prj, model, " --weights " + q(dir / "b.nnw"), dir / "yb.npy");
    EXPECT_GE(agreement(model, yb, "y_ref_b.npy"), 0.99) << model;
    EXPECT_LT(agreement(model, yb, "y_ref.npy"), 0.99)
        << model << ": B's outputs follow A's reference";
    const nnnpy::Array ya2 =
        run_sim(prj, model, " --weights " + q(prj / "weights/net.nnw"), dir / "ya2.npy");
    EXPECT_EQ(ya.data, ya2.data) << model;
    EXPECT_EQ(fs::last_write_time(sim(prj)), binary_time) << "the virtual board was rebuilt";
  }
}
