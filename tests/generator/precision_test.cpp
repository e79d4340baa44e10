// Accumulator sizing: a dense layer cannot overflow its accumulator.
#include <gtest/gtest.h>

#include <cmath>

#include "graph_builder.h"
#include "support/error.h"

using gentest::GraphBuilder;

namespace {

nngen::ir::FixedType accum_for(int64_t n_in, const std::string& precision) {
  GraphBuilder b({n_in});
  b.d.options.data_type = nngen::ir::FixedType::parse(precision, "AP_RND_CONV", "AP_SAT");
  b.gemm("x", "y", n_in, 2);
  nngen::passes::lower_to_layers(b.d);
  nngen::passes::assign_precision(b.d);
  return b.d.graph.nodes[0].types.at("accum");
}

}  // namespace

TEST(Precision, AccumulatorHoldsTheWorstCaseSum) {
  for (int64_t n : {1, 2, 3, 64, 100, 1000, 4096}) {
    const auto acc = accum_for(n, "ap_fixed<16,6>");
    // Worst case: every product at its most negative (-32 * -32 = 1024 = 2^10)
    // plus the largest bias (< 32): needs n*1024 + 32 < 2^(I_acc - 1).
    const double worst = static_cast<double>(n) * 1024.0 + 32.0;
    EXPECT_LT(worst, std::ldexp(1.0, acc.int_bits - 1)) << n;
    EXPECT_EQ(acc.frac_bits(), 20) << n;  // exact products: 10 + 10 fraction bits
    EXPECT_EQ(acc.overflow, "AP_WRAP");   // wrap can never happen
  }
}

TEST(Precision, WideTypesDropFractionNotIntegerBits) {
  const auto acc = accum_for(1000, "ap_fixed<32,16>");
  EXPECT_EQ(acc.width, 64);
  EXPECT_EQ(acc.int_bits, 32 + 10);
}

TEST(Precision, ImpossibleAccumulatorIsAnError) {
  try {
    accum_for(4, "ap_fixed<64,40>");
    ADD_FAILURE() << "accepted";
  } catch (const nngen::Error& e) {
    EXPECT_NE(std::string(e.what()).find("overflow-free accumulator"), std::string::npos) << e.what();
  }
}
