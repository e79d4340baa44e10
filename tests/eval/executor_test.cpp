// eval_node and run_graph on hand-made nodes: the error paths (each names the file, the node and
// the field) and the bounds on untrusted shapes.
#include "eval/executor.h"

#include <gtest/gtest.h>

#include "support/error.h"

using nngen::eval::Value;

namespace {

nngen::ir::Graph graph() {
  nngen::ir::Graph g;
  g.source = "m.onnx";
  g.opset = 13;
  return g;
}

nngen::ir::Node node(const std::string& op, int inputs) {
  nngen::ir::Node n;
  n.op = op;
  n.name = "n1";
  for (int i = 0; i < inputs; ++i) n.inputs.push_back("i" + std::to_string(i));
  n.outputs = {"y"};
  return n;
}

// The message of the Error eval_node throws (fails the test if it returns).
std::string refusal(const nngen::ir::Graph& g, const nngen::ir::Node& n,
                    std::vector<const Value*> in) {
  try {
    nngen::eval::eval_node(g, n, in);
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("m.onnx: node 'n1' (" + n.op + ")", 0), 0u) << m;
    return m;
  }
  ADD_FAILURE() << "accepted";
  return "";
}

#define EXPECT_HAS(s, part) EXPECT_NE((s).find(part), std::string::npos) << (s)

}  // namespace

TEST(EvalExecutor, UnsupportedOpListsWhatIsImplemented) {
  const auto m = refusal(graph(), node("Softplus", 1), {nullptr});
  EXPECT_HAS(m, "does not implement Softplus (it implements Add, AveragePool");
  EXPECT_FALSE(nngen::eval::supports("Softplus"));
  EXPECT_TRUE(nngen::eval::supports("Conv"));
}

TEST(EvalExecutor, GraphsBelowOpset13AreRefused) {
  auto g = graph();
  g.opset = 11;
  const Value x{{1}, {1}};
  EXPECT_HAS(refusal(g, node("Relu", 1), {&x}),
             "opset 11; the executor evaluates opset 13 or newer");
}

TEST(EvalExecutor, MissingInputIsNamed) {
  EXPECT_HAS(refusal(graph(), node("Add", 2), {nullptr, nullptr}), "input 0 (A) is missing");
}

TEST(EvalExecutor, ShapesThatDoNotBroadcastAreRefused) {
  const Value a{{2, 3}, std::vector<double>(6)}, b{{4}, std::vector<double>(4)};
  EXPECT_HAS(refusal(graph(), node("Add", 2), {&a, &b}), "shapes [2,3] and [4] do not broadcast");
}

TEST(EvalExecutor, BroadcastAddMatchesNumpy) {
  const Value a{{2, 1}, {1, 2}}, b{{3}, {10, 20, 30}};
  const auto y = nngen::eval::eval_node(graph(), node("Add", 2), {&a, &b});
  EXPECT_EQ(y[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(y[0].data, (std::vector<double>{11, 21, 31, 12, 22, 32}));
}

TEST(EvalExecutor, ConvGroupThatDoesNotDivideIsRefused) {
  auto n = node("Conv", 2);
  n.attrs["group"] = int64_t{2};
  const Value x{{1, 3, 4, 4}, std::vector<double>(48)}, w{{2, 3, 3, 3}, std::vector<double>(54)};
  EXPECT_HAS(refusal(graph(), n, {&x, &w}), "attribute 'group' = 2 does not fit X with 3 channels");
}

TEST(EvalExecutor, ConvWindowLargerThanInputIsRefused) {
  const Value x{{1, 1, 2, 2}, std::vector<double>(4)}, w{{1, 1, 3, 3}, std::vector<double>(9)};
  EXPECT_HAS(refusal(graph(), node("Conv", 2), {&x, &w}), "is larger than the padded input");
}

TEST(EvalExecutor, BadPadsAttributeIsRefused) {
  auto n = node("MaxPool", 1);
  n.attrs["kernel_shape"] = std::vector<int64_t>{2, 2};
  n.attrs["pads"] = std::vector<int64_t>{1, 1};
  const Value x{{1, 1, 4, 4}, std::vector<double>(16)};
  EXPECT_HAS(refusal(graph(), n, {&x}), "attribute 'pads' has 2 values; expected 4");
  n.attrs["pads"] = std::vector<int64_t>{0, 0, -1, 0};
  EXPECT_HAS(refusal(graph(), n, {&x}), "attribute 'pads' holds -1");
}

TEST(EvalExecutor, TensorsAbove2To28ElementsAreRefusedBeforeAllocation) {
  const Value x{{1, 1}, {0}}, pads{{4}, {0, 0, 65536, 65536}};
  EXPECT_HAS(refusal(graph(), node("Pad", 2), {&x, &pads}), "more than 2^28 elements");
  const Value shape{{2}, {65536, 65536}};
  EXPECT_HAS(refusal(graph(), node("Reshape", 2), {&x, &shape}), "more than 2^28 elements");
}

TEST(EvalExecutor, NonIntegerShapeValuesAreRefused) {
  const Value x{{2}, {0, 0}}, shape{{1}, {1.5}};
  EXPECT_HAS(refusal(graph(), node("Reshape", 2), {&x, &shape}), "input 1 (shape) holds 1.5");
}

TEST(EvalExecutor, IntegerOutputsOutsideShapeArithmeticAreRefused) {
  auto g = graph();
  g.tensors["y"] = nngen::ir::Tensor{"y", {}, "uint8", false, {}};
  const Value x{{1}, {1}};
  EXPECT_HAS(refusal(g, node("Relu", 1), {&x}), "output 'y' has element type uint8");
}

TEST(EvalExecutor, AttributeOfTheWrongTypeNamesTheFile) {
  auto n = node("LeakyRelu", 1);
  n.attrs["alpha"] = std::string("x");
  const Value x{{1}, {1}};
  EXPECT_HAS(refusal(graph(), n, {&x}), "attribute 'alpha' must be a float");
}

TEST(EvalExecutor, RunGraphChecksTheInputShape) {
  auto g = graph();
  g.input = "x";
  g.output = "y";
  g.input_sample_shape = {4};
  g.nodes.push_back(node("Relu", 0));
  g.nodes.back().inputs = {"x"};
  try {
    nngen::eval::run_graph(g, Value{{2, 3}, std::vector<double>(6)});
    ADD_FAILURE() << "accepted";
  } catch (const nngen::Error& e) {
    EXPECT_HAS(std::string(e.what()), "fed a tensor of shape [2,3], the model takes [-1,4]");
  }
  const auto v = nngen::eval::run_graph(g, Value{{1, 4}, {-1, 2, -3, 4}});
  EXPECT_EQ(v.at("y").data, (std::vector<double>{0, 2, 0, 4}));
}

TEST(EvalExecutor, NodesAbove2To38MultiplyAddsAreRefused) {
  // Small inputs, but M*N*K = 2^39 (and the output would be too large too: the work is checked
  // first, before anything is allocated).
  const Value a{{1 << 19, 1}, std::vector<double>(size_t{1} << 19)};
  const Value b{{1, 1 << 20}, std::vector<double>(size_t{1} << 20)};
  EXPECT_HAS(refusal(graph(), node("MatMul", 2), {&a, &b}),
             "the executor refuses nodes above 2^38");
}
