#include "frontend/onnx_loader.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <set>

#include "support/error.h"
#include "support/hash.h"
#include "support/output_tree.h"

namespace nngen::frontend {
namespace {

// The ONNX opset range whose semantics of our ops we implement (Gemm, MatMul,
// Softmax axis handling and Reshape/Dropout inputs changed before 11).
constexpr int64_t kMinOpset = 11;
constexpr int64_t kMaxOpset = 18;

std::string elem_type_name(int32_t t) {
  if (onnx::TensorProto_DataType_IsValid(t)) {
    std::string n = onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(t));
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n;
  }
  return "type#" + std::to_string(t);
}

template <class T>
T read_le(const unsigned char* b) {
  uint64_t bits = 0;
  for (size_t i = 0; i < sizeof(T); ++i) bits |= uint64_t(b[i]) << (8 * i);
  T v;
  if constexpr (sizeof(T) == 4) {
    uint32_t b32 = static_cast<uint32_t>(bits);
    std::memcpy(&v, &b32, 4);
  } else if constexpr (sizeof(T) == 8) {
    std::memcpy(&v, &bits, 8);
  } else {
    v = static_cast<T>(bits);
  }
  return v;
}

// The values of a constant tensor as float (weights are float32; shapes and
// flags come as int64/bool and are small integers, exact in float).
std::vector<float> tensor_values(const onnx::TensorProto& t, const std::string& where) {
  using TP = onnx::TensorProto;
  if (t.data_location() == TP::EXTERNAL || t.external_data_size() > 0) {
    fail_input(where + ": tensor '" + t.name() +
               "' stores its data in an external file; re-export with the weights inside the model "
               "(onnx.save(model, path, save_as_external_data=False))");
  }
  // Untrusted sizes: bound the element count before anything is allocated.
  constexpr int64_t kMaxElements = int64_t{1} << 28;  // 1 GiB of float32
  int64_t n = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) fail_input(where + ": tensor '" + t.name() + "' has a negative dimension");
    if (d > 0 && n > kMaxElements / d) {
      fail_input(where + ": tensor '" + t.name() + "' declares more than 2^28 elements; nnaccel refuses it");
    }
    n *= d;
  }
  const size_t count = static_cast<size_t>(n);
  size_t elem = 0;
  switch (t.data_type()) {
    case TP::FLOAT: case TP::INT32: elem = 4; break;
    case TP::DOUBLE: case TP::INT64: elem = 8; break;
    case TP::BOOL: case TP::UINT8: case TP::INT8: elem = 1; break;
    default:
      fail_input(where + ": tensor '" + t.name() + "' has element type " + elem_type_name(t.data_type()) +
                 "; nnaccel reads float32 weights (and int64/bool shape and flag constants)");
  }
  if (!t.raw_data().empty()) {
    std::vector<float> v(t.raw_data().size() == count * elem ? count : 0);
    if (t.raw_data().size() != count * elem) {
      fail_input(where + ": tensor '" + t.name() + "' holds " + std::to_string(t.raw_data().size()) +
                 " bytes of raw data, its shape needs " + std::to_string(count * elem));
    }
    // raw_data is little-endian (onnx.proto); decode bytewise to be host-independent.
    const auto* b = reinterpret_cast<const unsigned char*>(t.raw_data().data());
    for (size_t i = 0; i < count; ++i) {
      const unsigned char* p = b + i * elem;
      switch (t.data_type()) {
        case TP::FLOAT: v[i] = read_le<float>(p); break;
        case TP::DOUBLE: v[i] = static_cast<float>(read_le<double>(p)); break;
        case TP::INT32: v[i] = static_cast<float>(static_cast<int32_t>(read_le<uint32_t>(p))); break;
        case TP::INT64: v[i] = static_cast<float>(static_cast<int64_t>(read_le<uint64_t>(p))); break;
        case TP::INT8: v[i] = static_cast<float>(static_cast<int8_t>(p[0])); break;
        default: v[i] = static_cast<float>(p[0]); break;
      }
    }
    return v;
  }
  std::vector<float> v;
  size_t have = 0;
  switch (t.data_type()) {
    case TP::FLOAT: have = static_cast<size_t>(t.float_data_size()); break;
    case TP::DOUBLE: have = static_cast<size_t>(t.double_data_size()); break;
    case TP::INT64: have = static_cast<size_t>(t.int64_data_size()); break;
    default: have = static_cast<size_t>(t.int32_data_size()); break;  // int32, bool, (u)int8
  }
  if (have != count) {
    fail_input(where + ": tensor '" + t.name() + "' holds " + std::to_string(have) + " values, its shape needs " +
               std::to_string(count));
  }
  v.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const int k = static_cast<int>(i);
    switch (t.data_type()) {
      case TP::FLOAT: v[i] = t.float_data(k); break;
      case TP::DOUBLE: v[i] = static_cast<float>(t.double_data(k)); break;
      case TP::INT64: v[i] = static_cast<float>(t.int64_data(k)); break;
      default: v[i] = static_cast<float>(t.int32_data(k)); break;
    }
  }
  return v;
}

ir::Tensor tensor_from_value_info(const onnx::ValueInfoProto& vi, const std::string& where,
                                  ir::BatchDim* batch) {
  ir::Tensor t;
  t.name = vi.name();
  if (!vi.type().has_tensor_type()) fail_input(where + ": '" + vi.name() + "' is not a tensor");
  const auto& tt = vi.type().tensor_type();
  t.elem_type = elem_type_name(tt.elem_type());
  if (!tt.has_shape()) fail_input(where + ": '" + vi.name() + "' has no shape; export with a static shape");
  for (int i = 0; i < tt.shape().dim_size(); ++i) {
    const auto& d = tt.shape().dim(i);
    if (d.has_dim_value()) {
      t.shape.push_back(d.dim_value());
      if (i == 0 && batch) *batch = ir::BatchDim{false, "", d.dim_value()};
    } else {
      t.shape.push_back(ir::kUnknownDim);
      if (i == 0 && batch) *batch = ir::BatchDim{true, d.dim_param(), 0};
    }
  }
  return t;
}

ir::AttrValue attr_value(const onnx::AttributeProto& a, const std::string& where) {
  using A = onnx::AttributeProto;
  switch (a.type()) {
    case A::TENSOR: return tensor_values(a.t(), where);
    case A::INT: return a.i();
    case A::FLOAT: return a.f();
    case A::STRING: return a.s();
    case A::INTS: return std::vector<int64_t>(a.ints().begin(), a.ints().end());
    case A::FLOATS: return std::vector<float>(a.floats().begin(), a.floats().end());
    default:
      fail_input(where + ": attribute '" + a.name() + "' has a type nnaccel does not read (" +
                 A::AttributeType_Name(a.type()) + ")");
  }
}

}  // namespace

ir::Graph load_onnx(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) fail_io("model '" + file + "' does not exist");
  std::string bytes = read_file(path);
  onnx::ModelProto model;
  if (bytes.empty() || !model.ParseFromString(bytes)) {
    fail_input(file + ": not a valid ONNX model (the protobuf could not be parsed)");
  }
  if (!model.has_graph() || model.graph().node_size() == 0) {
    fail_input(file + ": the ONNX model has no graph or an empty graph");
  }
  ir::Graph g;
  g.source = file;
  g.source_crc = crc32_ieee(bytes.data(), bytes.size());
  g.producer = model.producer_name() + (model.producer_version().empty() ? "" : " " + model.producer_version());
  for (const auto& os : model.opset_import()) {
    if (os.domain().empty() || os.domain() == "ai.onnx") g.opset = os.version();
  }
  if (g.opset == 0) fail_input(file + ": no opset_import for the default ONNX domain");
  if (g.opset < kMinOpset || g.opset > kMaxOpset) {
    fail_input(file + ": opset " + std::to_string(g.opset) + " is not supported (nnaccel reads opsets " +
               std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset) +
               "; re-export with e.g. opset_version=13)");
  }
  const auto& graph = model.graph();
  for (const auto& init : graph.initializer()) {
    ir::Tensor t;
    t.name = init.name();
    t.shape.assign(init.dims().begin(), init.dims().end());
    t.elem_type = elem_type_name(init.data_type());
    t.is_constant = true;
    t.data = tensor_values(init, file);
    g.tensors[t.name] = std::move(t);
  }
  std::vector<std::string> data_inputs;
  for (const auto& in : graph.input()) {
    if (g.has_tensor(in.name())) continue;  // older exporters list initializers as inputs too
    data_inputs.push_back(in.name());
    g.tensors[in.name()] = tensor_from_value_info(in, file + ": graph input", &g.batch);
  }
  if (data_inputs.size() != 1) {
    fail_input(file + ": the graph has " + std::to_string(data_inputs.size()) +
               " data inputs; nnaccel accelerates models with exactly one input");
  }
  if (graph.output_size() != 1) {
    fail_input(file + ": the graph has " + std::to_string(graph.output_size()) +
               " outputs; nnaccel accelerates models with exactly one output");
  }
  g.input = data_inputs[0];
  g.output = graph.output(0).name();
  const ir::Tensor& in = g.tensor(g.input);
  if (in.elem_type != "float") {
    fail_input(file + ": input '" + g.input + "' has element type " + in.elem_type +
               "; nnaccel models take float32 input");
  }
  if (in.shape.size() < 2) {
    fail_input(file + ": input '" + g.input + "' has rank " + std::to_string(in.shape.size()) +
               "; expected [batch, features...]");
  }
  for (size_t i = 1; i < in.shape.size(); ++i) {
    if (in.shape[i] <= 0) {
      fail_input(file + ": input '" + g.input + "' dimension " + std::to_string(i) +
                 " is symbolic; only the first (batch) dimension may be");
    }
    g.input_sample_shape.push_back(in.shape[i]);
  }
  for (const auto& vi : graph.value_info()) {
    if (!g.has_tensor(vi.name()) && vi.type().has_tensor_type()) {
      g.tensors[vi.name()] = tensor_from_value_info(vi, file + ": value_info", nullptr);
    }
  }
  {
    ir::Tensor out = tensor_from_value_info(graph.output(0), file + ": graph output", nullptr);
    if (out.elem_type != "float") {
      fail_input(file + ": output '" + g.output + "' has element type " + out.elem_type +
                 "; nnaccel models produce float32 output");
    }
    if (!g.has_tensor(out.name)) g.tensors[out.name] = out;
  }
  std::set<std::string> defined;
  for (const auto& [name, t] : g.tensors) {
    if (t.is_constant || name == g.input) defined.insert(name);
  }
  int index = 0;
  for (const auto& np : graph.node()) {
    ir::Node n;
    n.op = np.op_type();
    n.name = np.name().empty() ? np.op_type() + "_" + std::to_string(index) : np.name();
    if (!np.domain().empty() && np.domain() != "ai.onnx") {
      fail_input(file + ": " + n.label() + " is from operator domain '" + np.domain() +
                 "'; nnaccel supports the default ONNX domain only");
    }
    for (const auto& i : np.input()) {
      n.inputs.push_back(i);
      if (!i.empty() && !defined.count(i)) {
        fail_input(file + ": " + n.label() + " reads '" + i +
                   "', which no earlier node produces (the graph must be topologically sorted)");
      }
    }
    for (const auto& o : np.output()) {
      n.outputs.push_back(o);
      defined.insert(o);
      if (!g.has_tensor(o)) g.tensors[o] = ir::Tensor{o, {}, "float", false, {}};
    }
    for (const auto& a : np.attribute()) {
      n.attrs[a.name()] = attr_value(a, file + ": " + n.label());
      if (a.type() == onnx::AttributeProto::TENSOR) {
        n.attrs[a.name() + "_shape"] = std::vector<int64_t>(a.t().dims().begin(), a.t().dims().end());
      }
    }
    g.nodes.push_back(std::move(n));
    ++index;
  }
  if (!defined.count(g.output)) fail_input(file + ": no node produces the graph output '" + g.output + "'");
  return g;
}

}  // namespace nngen::frontend
