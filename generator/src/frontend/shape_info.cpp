#include "frontend/shape_info.h"

#include <onnx/shape_inference/implementation.h>

#include "support/error.h"

namespace nngen::frontend {

void infer_shapes(onnx::ModelProto& model, const std::string& file) {
  // check_type off and error_mode 0: a node the library cannot infer keeps the shapes the
  // model declares, and the lowering reports it in nnaccel's terms.
  const onnx::ShapeInferenceOptions options{false, 0, false};
  try {
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    const std::string why = e.what();
    fail_input(file + ": ONNX shape inference failed: " + why.substr(0, why.find('\n')));
  } catch (...) {
    fail_input(file + ": ONNX shape inference failed with an unknown error");
  }
}

}  // namespace nngen::frontend
