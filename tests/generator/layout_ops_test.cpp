// Lowering of ops that must leave a sample's data order unchanged, and the
// chain/bias rules, on tiny graphs.
#include <gtest/gtest.h>

#include <cmath>

#include "graph_builder.h"
#include "layer_eval.h"
#include "support/error.h"

using gentest::GraphBuilder;
using nngen::passes::lower_to_layers;

namespace {

std::string lower_error(GraphBuilder& b) {
  try {
    lower_to_layers(b.d);
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kBadInput);
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Lowering, TransposeOfUnitDimsAndReshapeAreRemoved) {
  GraphBuilder b({1, 4});
  b.node("Transpose", {"x"}, "t").attrs["perm"] =
      std::vector<int64_t>{0, 2, 1};  // [N,1,4] -> [N,4,1]
  b.constant("shape", {2}, {0, -1});
  b.node("Reshape", {"t", "shape"}, "r");
  b.node("Identity", {"r"}, "i");
  b.gemm("i", "y", 4, 3);
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 1u);
  EXPECT_EQ(b.d.graph.nodes[0].op, "Dense");
  EXPECT_EQ(b.d.input_size, 4u);
  EXPECT_EQ(b.d.output_size, 3u);
}

// A Transpose that reorders data costs nothing before a Dense: its weight columns are permuted
// to the order the data arrives in.
TEST(Lowering, TransposeThatReordersDataPermutesTheDenseWeights) {
  GraphBuilder b({2, 3});
  b.node("Transpose", {"x"}, "t").attrs["perm"] = std::vector<int64_t>{0, 2, 1};  // [3,2]
  b.node("Flatten", {"t"}, "f");
  b.constant("W", {1, 6}, {1, 10, 100, 1000, 10000, 100000});
  b.node("Gemm", {"f", "W"}, "y").attrs["transB"] = int64_t{1};
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 1u);
  // Flattened transpose element k = (j, i) reads x[i][j] (stream position i*3 + j).
  EXPECT_EQ(b.d.graph.tensor("dense0/weight").data,
            (std::vector<float>{1, 100, 10000, 10, 1000, 100000}));
  EXPECT_EQ(gentest::eval_float(b.d, {1, 2, 3, 4, 5, 6})[0],
            1 * 1 + 10 * 4 + 100 * 2 + 1000 * 5 + 10000 * 3 + 100000 * 6);
}

TEST(Lowering, TransposeOfTheOutputIsReorderedInHardware) {
  GraphBuilder b({2, 3});
  b.node("Relu", {"x"}, "r");
  b.node("Transpose", {"r"}, "y").attrs["perm"] = std::vector<int64_t>{0, 2, 1};
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 2u);
  EXPECT_EQ(b.d.graph.nodes[1].op, "Transpose2d");
  EXPECT_EQ(gentest::eval_float(b.d, {1, 2, 3, 4, 5, 6}), (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(Lowering, TransposeMovingTheBatchIsRefused) {
  GraphBuilder b({4});
  b.node("Transpose", {"x"}, "t");  // default perm reverses: batch last
  EXPECT_NE(lower_error(b).find("moves the batch dimension (perm [1,0])"), std::string::npos);
}

TEST(Lowering, TransposeMovingTheBatchBehindUnitDimsIsRefused) {
  // [N,1,3] -> [1,N,3]: the bytes stay, but axis 1 would then be the batch.
  GraphBuilder b({1, 3});
  b.node("Transpose", {"x"}, "t").attrs["perm"] = std::vector<int64_t>{1, 0, 2};
  EXPECT_NE(lower_error(b).find("moves the batch dimension"), std::string::npos);
}

TEST(Lowering, MalformedPermAndAxisAreNamed) {
  GraphBuilder b({2, 3});
  b.node("Transpose", {"x"}, "t").attrs["perm"] = std::vector<int64_t>{0, 1, 1};
  EXPECT_NE(lower_error(b).find("perm [0,1,1] is not a permutation"), std::string::npos);
  GraphBuilder f({2, 3});
  f.node("Flatten", {"x"}, "t").attrs["axis"] = int64_t{7};
  EXPECT_NE(lower_error(f).find("axis 7 is out of range for a rank-3 tensor"), std::string::npos);
  GraphBuilder s({4});
  s.node("Softmax", {"x"}, "t").attrs["axis"] = int64_t{5};
  EXPECT_NE(lower_error(s).find("axis 5 is out of range"), std::string::npos);
}

TEST(Lowering, ReshapeWithTwoInferredDimsIsRefused) {
  GraphBuilder b({2, 4});
  b.constant("shape", {3}, {-1, -1, 2});
  b.node("Reshape", {"x", "shape"}, "r");
  EXPECT_NE(lower_error(b).find("does not keep the batch as the first dimension"),
            std::string::npos);
}

TEST(Lowering, NonFiniteWeightsAreRefused) {
  GraphBuilder b({2});
  b.constant("W", {1, 2}, {1.f, std::nanf("")});
  b.node("Gemm", {"x", "W"}, "y").attrs["transB"] = int64_t{1};
  EXPECT_NE(lower_error(b).find("weight 'W' element 1 is NaN"), std::string::npos);
}

TEST(Lowering, DeclaredOutputShapeMustMatch) {
  GraphBuilder b({4});
  b.gemm("x", "y", 4, 3);
  b.d.graph.tensors["y"].shape = {-1, 5};
  EXPECT_NE(lower_error(b).find("declared with [5] per sample, but the layers produce [3]"),
            std::string::npos);
}

TEST(Lowering, ReshapeIntoTheBatchIsRefused) {
  GraphBuilder b({2, 4});
  b.constant("shape", {2}, {-1, 4});  // [N*2, 4]
  b.node("Reshape", {"x", "shape"}, "r");
  EXPECT_NE(lower_error(b).find("does not keep the batch as the first dimension"),
            std::string::npos);
}

TEST(Lowering, ReshapeWithComputedShapeIsRefused) {
  GraphBuilder b({4});
  b.d.graph.tensors["dyn"] = {"dyn", {2}, "int64", false, {}};
  b.node("Reshape", {"x", "dyn"}, "r");
  EXPECT_NE(lower_error(b).find("is computed at run time"), std::string::npos);
}

TEST(Lowering, DropoutInTrainingModeIsRefused) {
  GraphBuilder b({4});
  b.constant("ratio", {}, {0.5f});
  b.constant("train", {}, {1.f});
  b.node("Dropout", {"x", "ratio", "train"}, "d");
  EXPECT_NE(lower_error(b).find("is in training mode"), std::string::npos);
}

TEST(Lowering, MatMulThenAddFoldsTheBias) {
  GraphBuilder b({3});
  b.constant("W", {3, 2}, {1, 2, 3, 4, 5, 6});
  b.constant("B", {2}, {0.5f, -0.5f});
  b.node("MatMul", {"x", "W"}, "m");
  b.node("Add", {"m", "B"}, "y");
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 1u);
  // Stored [n_out][n_in]: the transpose of the MatMul weight.
  EXPECT_EQ(b.d.graph.tensor("dense0/weight").data, (std::vector<float>{1, 3, 5, 2, 4, 6}));
  EXPECT_EQ(b.d.graph.tensor("dense0/bias").data, (std::vector<float>{0.5f, -0.5f}));
  EXPECT_EQ(b.d.graph.nodes[0].attr_string("bias_name", ""), "B");
}

TEST(Lowering, AddOfTwoActivationsIsAResidualAdd) {
  GraphBuilder b({3});
  b.node("Relu", {"x"}, "r");
  b.node("Add", {"r", "x"}, "y");
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 2u);
  EXPECT_EQ(b.d.graph.nodes[1].op, "Add");
  EXPECT_EQ(b.d.graph.nodes[1].inputs, (std::vector<std::string>{"relu0", "input"}));
  EXPECT_EQ(gentest::eval_float(b.d, {-1, 2, -3}), (std::vector<float>{-1, 4, -3}));
}

TEST(Lowering, AddOfActivationsOfDifferentShapesIsRefused) {
  GraphBuilder b({4});
  b.constant("W", {2, 4}, std::vector<float>(8, 1.f));
  b.node("Gemm", {"x", "W"}, "g").attrs["transB"] = int64_t{1};
  b.node("Add", {"g", "x"}, "y");
  EXPECT_NE(lower_error(b).find("adds activations of shapes [2] and [4]"), std::string::npos);
}

TEST(Lowering, DeadBranchesAreDropped) {
  GraphBuilder b({3});
  b.node("Relu", {"x"}, "a");     // nobody reads it
  b.node("Sigmoid", {"x"}, "y");
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 1u);
  EXPECT_EQ(b.d.graph.nodes[0].op, "Sigmoid");
}

TEST(Lowering, GemmWeightOfWrongShapeIsNamed) {
  GraphBuilder b({5});
  b.constant("W", {3, 4}, std::vector<float>(12, 0.f));
  b.node("Gemm", {"x", "W"}, "y").attrs["transB"] = int64_t{1};
  EXPECT_NE(
      lower_error(b).find("weight 'W' [3,4] (transB=1) expects 4 input features, the layer gets 5"),
      std::string::npos);
}

TEST(Lowering, FlattenKeepingTheBatchIsRemoved) {
  GraphBuilder b({1, 8, 8});
  b.node("Flatten", {"x"}, "f");  // default axis 1
  b.gemm("f", "y", 64, 10);
  lower_to_layers(b.d);
  ASSERT_EQ(b.d.graph.nodes.size(), 1u);
  EXPECT_EQ(b.d.graph.nodes[0].attr_int("n_in", 0), 64);
}

// Found by fuzzing (UBSan: 4 * INT64_MAX in the shape product): hostile shapes are refused with
// a message instead of overflowing.
TEST(Lowering, ShapesPastInt64AreRefused) {
  GraphBuilder b({4});
  b.gemm("x", "y", 4, 3);
  b.d.graph.tensors["y"].shape = {-1, 4, INT64_MAX};
  EXPECT_NE(lower_error(b).find("has more elements than nnaccel can count"), std::string::npos);
}

TEST(Lowering, ReshapeToAHugeOrNonIntegralDimensionIsRefused) {
  for (float v : {1e30f, -2.f, 2.5f, std::nanf("")}) {
    SCOPED_TRACE(v);
    GraphBuilder b({2, 4});
    b.constant("shape", {2}, {0, v});
    b.node("Reshape", {"x", "shape"}, "r");
    EXPECT_NE(lower_error(b).find("which is not a dimension"), std::string::npos);
  }
  GraphBuilder b({2, 4});
  b.constant("shape", {4}, {0, 16777216, 16777216, -1});  // 2^48 elements known: fine so far
  b.node("Reshape", {"x", "shape"}, "r");
  EXPECT_NE(lower_error(b).find("does not keep the batch"), std::string::npos);
  GraphBuilder c({2, 4});
  c.constant("shape", {5}, {0, 16777216, 16777216, 16777216, -1});  // 2^72: past int64
  c.node("Reshape", {"x", "shape"}, "r");
  EXPECT_NE(lower_error(c).find("has more elements than nnaccel can count"), std::string::npos);
}
