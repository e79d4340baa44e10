// Builds small IR graphs directly (no protobuf) for pass tests.
#pragma once

#include <string>
#include <vector>

#include "passes/pipeline.h"

namespace gentest {

struct GraphBuilder {
  nngen::passes::Design d;

  explicit GraphBuilder(std::vector<int64_t> sample_shape, int64_t opset = 13) {
    auto& g = d.graph;
    g.source = "test.onnx";
    g.opset = opset;
    g.input = "x";
    g.input_sample_shape = sample_shape;
    g.batch = {true, "N", 0};
    g.tensors["x"] = {"x", {}, "float", false, {}};
    d.options.data_type = nngen::ir::FixedType::parse("ap_fixed<16,6>", "AP_RND_CONV", "AP_SAT");
    d.options.reuse = 1;
    d.options.max_batch = 64;
  }
  void constant(const std::string& name, std::vector<int64_t> shape, std::vector<float> data) {
    d.graph.tensors[name] = {name, std::move(shape), "float", true, std::move(data)};
  }
  nngen::ir::Node& node(const std::string& op, std::vector<std::string> in, const std::string& out) {
    nngen::ir::Node n;
    n.op = op;
    n.name = op + "_" + std::to_string(d.graph.nodes.size());
    n.inputs = std::move(in);
    n.outputs = {out};
    d.graph.tensors[out] = {out, {}, "float", false, {}};
    d.graph.nodes.push_back(std::move(n));
    d.graph.output = out;
    return d.graph.nodes.back();
  }
  // A [n_out x n_in] Gemm with transB=1 and ramp weights.
  void gemm(const std::string& in, const std::string& out, int64_t n_in, int64_t n_out) {
    std::vector<float> w(static_cast<size_t>(n_in * n_out));
    for (size_t i = 0; i < w.size(); ++i) w[i] = 0.01f * static_cast<float>(i % 7);
    constant(out + "_W", {n_out, n_in}, w);
    node("Gemm", {in, out + "_W"}, out).attrs["transB"] = int64_t{1};
  }
};

}  // namespace gentest
