// The ONNX backend node tests Debian ships (libonnx-testdata, node/ and pytorch-converted/): every
// test whose nodes are all ops the executor implements is evaluated node by node, every graph
// input fed from test_data_set_0, and compared with its reference outputs (rtol 1e-4, atol
// 1e-5). Models older than opset 13 are converted first, as load_onnx does. A test the executor
// refuses must be one of the documented limits listed below (docs/eval.md), with its reason.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <onnx/version_converter/convert.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "eval/executor.h"
#include "frontend/shape_info.h"
#include "onnx_model_graph.h"
#include "support/error.h"

namespace fs = std::filesystem;
using nngen::eval::Value;

namespace {

// Each refusal and the words its reason must contain: deliberate limits, documented in
// docs/eval.md. Anything else refused is a failure, and so is a listed test that passes.
const std::map<std::string, std::string> kExpectedRefusals = {
    // Integer arithmetic with wrap-around is not reference material for a float model.
    {"test_add_uint8", "element type uint8"},
    {"test_sub_uint8", "element type uint8"},
    {"test_mul_uint8", "element type uint8"},
    {"test_div_uint8", "element type uint8"},
    {"test_clip_default_int8_inbounds", "element type int8"},
    {"test_clip_default_int8_max", "element type int8"},
    {"test_clip_default_int8_min", "element type int8"},
    {"test_maxpool_2d_uint8", "element type uint8"},
    // Reduced and non-numeric types.
    // (bfloat16 test data is stored as uint16.)
    {"test_cast_BFLOAT16_to_FLOAT", "element type uint16"},
    {"test_cast_DOUBLE_to_FLOAT16", "element type float16"},
    {"test_cast_FLOAT16_to_DOUBLE", "element type float16"},
    {"test_cast_FLOAT16_to_FLOAT", "element type float16"},
    {"test_cast_FLOAT_to_BFLOAT16", "element type bfloat16"},
    {"test_cast_FLOAT_to_FLOAT16", "element type float16"},
    {"test_cast_FLOAT_to_STRING", "element type string"},
    {"test_cast_STRING_to_FLOAT", "element type string"},
    {"test_castlike_BFLOAT16_to_FLOAT_expanded", "element type uint16"},
    {"test_castlike_DOUBLE_to_FLOAT16_expanded", "element type float16"},
    {"test_castlike_FLOAT16_to_DOUBLE_expanded", "element type float16"},
    {"test_castlike_FLOAT16_to_FLOAT_expanded", "element type float16"},
    {"test_castlike_FLOAT_to_BFLOAT16_expanded", "element type uint16"},
    {"test_castlike_FLOAT_to_FLOAT16_expanded", "element type float16"},
    {"test_castlike_FLOAT_to_STRING_expanded", "element type string"},
    {"test_castlike_STRING_to_FLOAT_expanded", "element type string"},
    // Sequence and optional values: the executor computes tensors.
    {"test_identity_opt", "not a tensor"},
    {"test_identity_sequence", "not a tensor"},
    // Training-mode outputs.
    {"test_batchnorm_epsilon_training_mode", "training"},
    {"test_batchnorm_example_training_mode", "training"},
    {"test_training_dropout", "training_mode"},
    {"test_training_dropout_default", "training_mode"},
    {"test_training_dropout_default_mask", "training_mode"},
    {"test_training_dropout_mask", "training_mode"},
    {"test_training_dropout_zero_ratio", "training_mode"},
    {"test_training_dropout_zero_ratio_mask", "training_mode"},
    // MaxPool's second output.
    {"test_maxpool_with_argmax_2d_precomputed_pads", "output 'z' has element type int64"},
    {"test_maxpool_with_argmax_2d_precomputed_strides", "output 'z' has element type int64"},
    // Pad modes other than constant (the node tests' edge/reflect data is int32).
    {"test_edge_pad", "element type int32"},
    {"test_reflect_pad", "element type int32"},
    {"test_ReflectionPad2d", "constant padding only"},
    {"test_ReplicationPad2d", "constant padding only"},
    // Opset 6 PRelu applied a slope of shape [C] per channel; from opset 7 it broadcasts (numpy),
    // and the version converter keeps the [C] slope, which no longer broadcasts to [N,C,...].
    {"test_PReLU_1d_multiparam", "do not broadcast"},
    {"test_PReLU_2d_multiparam", "do not broadcast"},
    {"test_PReLU_3d_multiparam", "do not broadcast"},
};

struct Outcome {
  bool in_scope = false;
  bool refused = false;
  std::string reason;
};

bool close(double got, double want) {
  if (std::isnan(want)) return std::isnan(got);
  if (std::isinf(want)) return got == want;
  return std::fabs(got - want) <= 1e-5 + 1e-4 * std::fabs(want);
}

int64_t default_opset(const onnx::ModelProto& m) {
  int64_t v = 0;
  for (const auto& os : m.opset_import()) {
    if (os.domain().empty() || os.domain() == "ai.onnx") v = os.version();
  }
  return v;
}

Outcome run_case(const fs::path& dir) {
  Outcome r;
  onnx::ModelProto m;
  {
    std::ifstream f(dir / "model.onnx", std::ios::binary);
    if (!m.ParseFromIstream(&f)) return r;
  }
  const int64_t opset = default_opset(m);
  if (opset == 0) return r;  // another domain only (ai.onnx.ml, preview.training)
  for (const auto& n : m.graph().node()) {
    if (!nngen::eval::supports(n.op_type()) || !(n.domain().empty() || n.domain() == "ai.onnx")) {
      return r;
    }
  }
  r.in_scope = true;
  const std::string name = dir.filename().string();
  SCOPED_TRACE(name);
  auto refuse = [&](const std::string& why) {
    r.refused = true;
    r.reason = why;
    return r;
  };
  // Inputs: the graph inputs that are not initializers (pytorch-converted lists weights as both).
  std::vector<std::string> data_inputs;
  for (const auto& in : m.graph().input()) {
    if (!in.type().has_tensor_type()) return refuse("input '" + in.name() + "' is not a tensor");
    bool init = false;
    for (const auto& i : m.graph().initializer()) init = init || i.name() == in.name();
    if (!init) data_inputs.push_back(in.name());
  }
  std::map<std::string, Value> values;
  for (size_t k = 0; k < data_inputs.size(); ++k) {
    const auto t = evaltest::read_tensor_file(dir / "test_data_set_0" /
                                              ("input_" + std::to_string(k) + ".pb"));
    std::string why;
    auto v = evaltest::read_value(t, &why);
    if (!v) return refuse(why);
    values[data_inputs[k]] = *v;
  }
  try {
    if (opset < 13) {
      nngen::frontend::infer_shapes(m, name);
      m = onnx::version_conversion::ConvertVersion(m, 13);
    }
    nngen::frontend::infer_shapes(m, name);
  } catch (const std::exception& e) {
    return refuse(std::string("the ONNX version converter: ") + e.what());
  }
  const nngen::ir::Graph g = evaltest::graph_of(m, (dir / "model.onnx").string());
  for (const auto& [tname, t] : g.tensors) {
    if (t.is_constant)
      values[tname] = Value{t.shape, std::vector<double>(t.data.begin(), t.data.end())};
  }
  try {
    for (const auto& n : g.nodes) {
      std::vector<const Value*> in;
      for (const auto& i : n.inputs) {
        if (i.empty()) {
          in.push_back(nullptr);
          continue;
        }
        auto it = values.find(i);
        if (it == values.end()) ADD_FAILURE() << n.label() << " reads undefined '" << i << "'";
        in.push_back(it == values.end() ? nullptr : &it->second);
      }
      auto out = nngen::eval::eval_node(g, n, in);
      EXPECT_GE(out.size(), std::count_if(n.outputs.begin(), n.outputs.end(),
                                          [](const std::string& s) { return !s.empty(); }));
      for (size_t i = 0; i < out.size() && i < n.outputs.size(); ++i) values[n.outputs[i]] = out[i];
    }
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);
    EXPECT_NE(std::string(e.what()).find(g.source), std::string::npos)
        << "names the file: " << e.what();
    return refuse(e.what());
  }
  for (int k = 0; k < m.graph().output_size(); ++k) {
    const std::string oname = m.graph().output(k).name();
    std::string why;
    const auto want =
        evaltest::read_value(evaltest::read_tensor_file(dir / "test_data_set_0" /
                                                        ("output_" + std::to_string(k) + ".pb")),
                             &why);
    if (!want) {
      ADD_FAILURE() << "reference output " << k << ": " << why;
      continue;
    }
    const Value& got = values[oname];
    EXPECT_EQ(got.shape, want->shape) << "output " << oname;
    if (got.data.size() != want->data.size()) {
      ADD_FAILURE() << "output " << oname << ": " << got.data.size() << " values, expected "
                    << want->data.size();
      continue;
    }
    int bad = 0;
    for (size_t i = 0; i < got.data.size(); ++i) {
      if (!close(got.data[i], want->data[i]) && ++bad <= 3) {
        ADD_FAILURE() << "output " << oname << "[" << i << "] = " << got.data[i] << ", expected "
                      << want->data[i];
      }
    }
  }
  return r;
}

void run_suite(const char* folder, int* passed, int* total, std::vector<std::string>* refused) {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(fs::path(ONNX_TEST_DATA) / folder))
    dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    const std::string name = dir.filename().string();
    const int failures_before =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    const Outcome o = run_case(dir);
    if (!o.in_scope) continue;
    ++*total;
    const auto it = kExpectedRefusals.find(name);
    if (o.refused) {
      refused->push_back(name + ": " + o.reason);
      if (it == kExpectedRefusals.end()) {
        ADD_FAILURE() << name << " is refused, which is not a documented limit: " << o.reason;
      } else {
        EXPECT_NE(o.reason.find(it->second), std::string::npos)
            << name << ": expected a refusal about '" << it->second << "', got: " << o.reason;
      }
      continue;
    }
    if (it != kExpectedRefusals.end()) {
      ADD_FAILURE() << name << " is listed as refused (" << it->second << ") but was evaluated";
    }
    const int failures_after =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    if (failures_after == failures_before) ++*passed;
  }
}

TEST(EvalNodeTests, EveryInScopeTestMatchesOrIsADocumentedRefusal) {
  int passed = 0, total = 0;
  std::vector<std::string> refused;
  run_suite("node", &passed, &total, &refused);
  run_suite("pytorch-converted", &passed, &total, &refused);
  std::cout << "eval node tests: " << passed << " of " << total << " passed\n";
  for (const auto& r : refused) std::cout << "  refused " << r << "\n";
  EXPECT_GT(total, 200);  // the suites are there and the scope filter works
  EXPECT_EQ(passed + static_cast<int>(refused.size()), total);
}

}  // namespace
