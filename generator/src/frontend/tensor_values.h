// Decoding ONNX TensorProtos (initializers, tensor attributes) into floats,
// with every size taken from the untrusted file checked before anything is
// allocated.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

namespace nngen::frontend {

// "float", "int64", ... (or "type#N" for an invalid code), for messages and ir::Tensor.
std::string elem_type_name(int32_t type);

// Checks that `t` is stored inside the model, has an element type nnaccel reads, at most 2^28
// elements and exactly as much data as its shape needs. Returns the element count. Throws
// Error(kBadInput) naming `where` and the tensor.
size_t checked_element_count(const onnx::TensorProto& t, const std::string& where);

// The values of a constant tensor as float (weights are float32; shapes and flags come as
// int64/bool and are small integers, exact in float). Checks as checked_element_count.
std::vector<float> tensor_values(const onnx::TensorProto& t, const std::string& where);

}  // namespace nngen::frontend
