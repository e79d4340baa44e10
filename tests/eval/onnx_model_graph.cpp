#include "onnx_model_graph.h"

#include <cstring>
#include <fstream>

#include "frontend/tensor_values.h"

namespace evaltest {

using TP = onnx::TensorProto;

onnx::TensorProto read_tensor_file(const std::filesystem::path& p) {
  onnx::TensorProto t;
  std::ifstream f(p, std::ios::binary);
  if (!f || !t.ParseFromIstream(&f)) throw std::runtime_error("cannot parse " + p.string());
  return t;
}

std::optional<nngen::eval::Value> read_value(const TP& t, std::string* why) {
  nngen::eval::Value v;
  v.shape.assign(t.dims().begin(), t.dims().end());
  size_t n = 1;
  for (int64_t d : v.shape) n *= static_cast<size_t>(d);
  const std::string& raw = t.raw_data();
  auto from_raw = [&](size_t elem, auto decode) {
    if (raw.size() != n * elem) return false;
    for (size_t i = 0; i < n; ++i) v.data.push_back(decode(raw.data() + i * elem));
    return true;
  };
  bool ok = true;
  switch (t.data_type()) {
    case TP::FLOAT:
      if (!raw.empty()) {
        ok = from_raw(4, [](const char* p) {
          float f;
          std::memcpy(&f, p, 4);
          return double(f);
        });
      } else {
        v.data.assign(t.float_data().begin(), t.float_data().end());
      }
      break;
    case TP::DOUBLE:
      if (!raw.empty()) {
        ok = from_raw(8, [](const char* p) {
          double f;
          std::memcpy(&f, p, 8);
          return f;
        });
      } else {
        v.data.assign(t.double_data().begin(), t.double_data().end());
      }
      break;
    case TP::INT64:
      if (!raw.empty()) {
        ok = from_raw(8, [](const char* p) {
          int64_t f;
          std::memcpy(&f, p, 8);
          return double(f);
        });
      } else {
        for (int64_t x : t.int64_data()) v.data.push_back(double(x));
      }
      break;
    case TP::INT32:
      if (!raw.empty()) {
        ok = from_raw(4, [](const char* p) {
          int32_t f;
          std::memcpy(&f, p, 4);
          return double(f);
        });
      } else {
        for (int32_t x : t.int32_data()) v.data.push_back(double(x));
      }
      break;
    case TP::INT8:
    case TP::UINT8:
    case TP::BOOL: {
      const bool is_signed = t.data_type() == TP::INT8;
      if (!raw.empty()) {
        ok = from_raw(1, [is_signed](const char* p) {
          return is_signed ? double(int8_t(*p)) : double(uint8_t(*p));
        });
      } else {
        for (int32_t x : t.int32_data()) v.data.push_back(double(x));
      }
      break;
    }
    default:
      *why = "element type " + nngen::frontend::elem_type_name(t.data_type()) +
             ": the executor computes float32/float64 tensors (int32/int64 in shape arithmetic)";
      return std::nullopt;
  }
  if (!ok || v.data.size() != n) {
    *why = "tensor '" + t.name() + "' holds the wrong number of values";
    return std::nullopt;
  }
  return v;
}

namespace {

nngen::ir::AttrValue attr_value(const onnx::AttributeProto& a, const std::string& where) {
  using A = onnx::AttributeProto;
  switch (a.type()) {
    case A::TENSOR:
      return nngen::frontend::tensor_values(a.t(), where);
    case A::INT:
      return a.i();
    case A::FLOAT:
      return a.f();
    case A::STRING:
      return a.s();
    case A::INTS:
      return std::vector<int64_t>(a.ints().begin(), a.ints().end());
    case A::FLOATS:
      return std::vector<float>(a.floats().begin(), a.floats().end());
    default:
      throw std::runtime_error(where + ": attribute type not read by the test");
  }
}

void add_info(nngen::ir::Graph& g, const onnx::ValueInfoProto& vi) {
  if (g.has_tensor(vi.name()) || !vi.type().has_tensor_type()) return;
  nngen::ir::Tensor t;
  t.name = vi.name();
  t.elem_type = nngen::frontend::elem_type_name(vi.type().tensor_type().elem_type());
  g.tensors[t.name] = t;
}

}  // namespace

nngen::ir::Graph graph_of(const onnx::ModelProto& model, const std::string& source) {
  nngen::ir::Graph g;
  g.source = source;
  for (const auto& os : model.opset_import()) {
    if (os.domain().empty() || os.domain() == "ai.onnx") g.opset = os.version();
  }
  const auto& gp = model.graph();
  for (const auto& init : gp.initializer()) {
    nngen::ir::Tensor t;
    t.name = init.name();
    t.shape.assign(init.dims().begin(), init.dims().end());
    t.elem_type = nngen::frontend::elem_type_name(init.data_type());
    t.is_constant = true;
    t.data = nngen::frontend::tensor_values(init, source);
    g.tensors[t.name] = t;
  }
  for (const auto& vi : gp.input()) add_info(g, vi);
  for (const auto& vi : gp.output()) add_info(g, vi);
  for (const auto& vi : gp.value_info()) add_info(g, vi);
  for (int i = 0; i < gp.node_size(); ++i) {
    const auto& np = gp.node(i);
    nngen::ir::Node n;
    n.op = np.op_type();
    n.name = np.name().empty() ? np.op_type() + "_" + std::to_string(i) : np.name();
    n.inputs.assign(np.input().begin(), np.input().end());
    n.outputs.assign(np.output().begin(), np.output().end());
    for (const auto& a : np.attribute()) {
      n.attrs[a.name()] = attr_value(a, source);
      if (a.type() == onnx::AttributeProto::TENSOR) {
        n.attrs[a.name() + "_shape"] =
            std::vector<int64_t>(a.t().dims().begin(), a.t().dims().end());
      }
    }
    g.nodes.push_back(n);
  }
  return g;
}

}  // namespace evaltest
