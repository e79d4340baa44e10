// A small Gemm model written with the ONNX protobuf API, for the tests of nngen's checks and
// errors: input [N, n_in] -> Gemm(transB, n_in -> n_out, "fc") -> activation ("act") -> output.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>

namespace e2e {

struct GemmModel {
  int n_in = 4;
  int n_out = 3;
  std::string activation = "Relu";  // any op type: unsupported ones test the refusals
  int input_type = onnx::TensorProto::FLOAT;
  int opset = 13;
};

// Writes the model to `path` (weights 0.1 * (i % 5) - 0.2, no bias) and returns `path`.
std::filesystem::path write_gemm_model(const std::filesystem::path& path, const GemmModel& spec);

}  // namespace e2e
