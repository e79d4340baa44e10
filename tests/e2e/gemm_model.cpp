#include "gemm_model.h"

#include <fstream>

namespace e2e {

std::filesystem::path write_gemm_model(const std::filesystem::path& path, const GemmModel& spec) {
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.add_opset_import()->set_version(spec.opset);
  auto* g = m.mutable_graph();
  g->set_name("t");
  auto add_io = [](onnx::ValueInfoProto* v, const char* name, int type, int features) {
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(type);
    t->mutable_shape()->add_dim()->set_dim_param("N");
    t->mutable_shape()->add_dim()->set_dim_value(features);
  };
  add_io(g->add_input(), "x", spec.input_type, spec.n_in);
  auto* w = g->add_initializer();
  w->set_name("W");
  w->set_data_type(onnx::TensorProto::FLOAT);
  w->add_dims(spec.n_out);
  w->add_dims(spec.n_in);
  for (int i = 0; i < spec.n_in * spec.n_out; ++i) {
    w->add_float_data(0.1f * static_cast<float>(i % 5) - 0.2f);
  }
  auto* gemm = g->add_node();
  gemm->set_op_type("Gemm");
  gemm->set_name("fc");
  gemm->add_input("x");
  gemm->add_input("W");
  gemm->add_output("h");
  auto* tb = gemm->add_attribute();
  tb->set_name("transB");
  tb->set_type(onnx::AttributeProto::INT);
  tb->set_i(1);
  auto* act = g->add_node();
  act->set_op_type(spec.activation);
  act->set_name("act");
  act->add_input("h");
  act->add_output("y");
  add_io(g->add_output(), "y", onnx::TensorProto::FLOAT, spec.n_out);
  std::ofstream f(path, std::ios::binary);
  m.SerializeToOstream(&f);
  return path;
}

}  // namespace e2e
