// ONNX opsets 6 to 21: the same network written at six opsets (tests/fixtures/models/opsets,
// made by make_opset_fixtures.py) compiles to the same accelerator and computes the float
// reference; models outside the range or that the ONNX converter cannot upgrade are refused
// naming the node and the reason.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "layer_eval.h"
#include "npy.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& file) {
  return (fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/opsets" / file).string();
}

nngen::ops::BuildOptions options() {
  nngen::ops::BuildOptions o;
  o.data_type = nngen::ir::FixedType::parse("ap_fixed<16,6>", "AP_RND_CONV", "AP_SAT");
  o.max_batch = 64;
  return o;
}

// The error compile_model throws for `file` (fails the test if it is accepted).
nngen::Error refusal(const std::string& file) {
  try {
    nngen::passes::compile_model(fixture(file), options());
  } catch (const nngen::Error& e) {
    return e;
  }
  ADD_FAILURE() << file << " was accepted";
  return nngen::Error(nngen::ExitCode::kOk, "");
}

void expect_refused(const std::string& file, const std::string& text) {
  SCOPED_TRACE(file);
  const nngen::Error e = refusal(file);
  EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);  // exit code 3
  EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
}

}  // namespace

TEST(Opsets, SameNetworkAtOpsets7To21GivesTheSameAcceleratorAndOutputs) {
  const auto x = nnnpy::read_array(fixture("X.npy"));
  const auto y = nnnpy::read_array(fixture("y_ref.npy"));
  ASSERT_EQ(x.shape.size(), 3u);
  const size_t samples = x.shape[0];
  std::string reference_architecture;
  for (int opset : {7, 9, 11, 13, 18, 21}) {
    SCOPED_TRACE("opset " + std::to_string(opset));
    const auto d = nngen::passes::compile_model(
        fixture("chain_opset" + std::to_string(opset) + ".onnx"), options());
    EXPECT_EQ(d.graph.opset, std::max(opset, 13));
    ASSERT_EQ(d.input_size, 6u);
    ASSERT_EQ(d.output_size, 6u);
    // Dense, Relu, Dense, Softmax whatever the opset: the layout ops and the converter's
    // Flatten/Reshape around an old Softmax are removed.
    if (reference_architecture.empty()) reference_architecture = d.architecture;
    EXPECT_EQ(d.architecture, reference_architecture);
    for (size_t s = 0; s < samples; ++s) {
      const std::vector<float> in(x.data.begin() + static_cast<long>(s * 6),
                                  x.data.begin() + static_cast<long>((s + 1) * 6));
      const auto out = gentest::eval_float(d, in);
      for (size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(out[i], y.data[s * 6 + i], 1e-5) << "sample " << s << " output " << i;
      }
    }
  }
}

TEST(Opsets, OutsideSixTo21AreRefused) {
  expect_refused("opset22.onnx", "opset 22 is not supported (nnaccel reads opsets 6 to 21");
}

// Opset 6 (the opset of the backend tests in pytorch-converted/) goes through the converter
// like the others; the converter's own limits are reported naming the node.
TEST(Opsets, OpsetSixGoesThroughTheConverter) {
  expect_refused("opset6.onnx",
                 "node 'fc' (Gemm) cannot be converted from opset 6 to 13 by the ONNX version "
                 "converter");
}

TEST(Opsets, ConverterFailureNamesTheNodeAndTheReason) {
  expect_refused("bn_spatial0_opset8.onnx",
                 "node 'bn' (BatchNormalization) cannot be converted from opset 8 to 13 by the "
                 "ONNX version converter: Attribute spatial must have value 1");
}

TEST(Opsets, BatchNormalizationIsFoldedAfterConversion) {
  const auto d = nngen::passes::compile_model(fixture("bn_opset7.onnx"), options());
  for (const auto& n : d.graph.nodes) EXPECT_NE(n.op, "ScaleShift") << "not folded";
}

// Found by fuzzing: libonnx's version converter dereferenced the producer of every graph output
// and crashed on one that no node writes; the front end refuses it before the converter runs.
TEST(Opsets, UndefinedGraphOutputIsRefusedBeforeTheConverterRuns) {
  expect_refused("undefined_output_opset9.onnx", "no node produces the graph output 'y'");
}

// A sample of more than 2^28 values (here 2^32) is refused before any shape arithmetic; the
// driver counts a sample's values in 32 bits.
TEST(Opsets, HugeInputSampleIsRefused) {
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.add_opset_import()->set_version(13);
  auto* g = m.mutable_graph();
  g->set_name("huge");
  for (auto* v : {g->add_input(), g->add_output()}) {
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    t->mutable_shape()->add_dim()->set_dim_param("N");
    t->mutable_shape()->add_dim()->set_dim_value(65536);
    t->mutable_shape()->add_dim()->set_dim_value(65536);
  }
  g->mutable_input(0)->set_name("x");
  g->mutable_output(0)->set_name("y");
  auto* relu = g->add_node();
  relu->set_op_type("Relu");
  relu->add_input("x");
  relu->add_output("y");
  const fs::path path = fs::temp_directory_path() / "nnaccel_huge_input.onnx";
  {
    std::ofstream f(path, std::ios::binary);
    m.SerializeToOstream(&f);
  }
  try {
    nngen::passes::compile_model(path.string(), options());
    ADD_FAILURE() << "accepted";
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);
    EXPECT_NE(std::string(e.what()).find("declares more than 2^28 values per sample"),
              std::string::npos)
        << e.what();
  }
  fs::remove(path);
}
