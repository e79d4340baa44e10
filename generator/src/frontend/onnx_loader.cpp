#include "frontend/onnx_loader.h"

#include <onnx/onnx_pb.h>

#include <set>

#include "frontend/graph_checks.h"
#include "frontend/opset_upgrade.h"
#include "frontend/shape_info.h"
#include "frontend/tensor_values.h"
#include "support/error.h"
#include "support/hash.h"
#include "support/output_tree.h"

namespace nngen::frontend {
namespace {

// `batch` (graph input only) receives what the first dimension is. Intermediate tensors may
// have no shape (inference could not tell); graph inputs and outputs must have one.
ir::Tensor tensor_from_value_info(const onnx::ValueInfoProto& vi, const std::string& where,
                                  ir::BatchDim* batch, bool shape_required = true) {
  ir::Tensor t;
  t.name = vi.name();
  if (!vi.type().has_tensor_type()) fail_input(where + ": '" + vi.name() + "' is not a tensor");
  const auto& tt = vi.type().tensor_type();
  t.elem_type = elem_type_name(tt.elem_type());
  if (!tt.has_shape()) {
    if (!shape_required) return t;
    fail_input(where + ": '" + vi.name() + "' has no shape; export with a static shape");
  }
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
    case A::TENSOR:
      return tensor_values(a.t(), where);
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
      fail_input(where + ": attribute '" + a.name() + "' has a type nnaccel does not read (" +
                 A::AttributeType_Name(a.type()) + ")");
  }
}

// Adds the graph's initializers that `g` does not hold as constants yet (read before the
// upgrade, and again after it: the converter may add some, e.g. Pad's pads since opset 11).
void read_initializers(const onnx::GraphProto& graph, const std::string& file, ir::Graph& g) {
  for (const auto& init : graph.initializer()) {
    if (g.has_tensor(init.name()) && g.tensor(init.name()).is_constant) continue;
    ir::Tensor t;
    t.name = init.name();
    t.shape.assign(init.dims().begin(), init.dims().end());
    t.elem_type = elem_type_name(init.data_type());
    t.is_constant = true;
    t.data = tensor_values(init, file);
    g.tensors[t.name] = std::move(t);
  }
}

}  // namespace

ir::Graph load_onnx(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) fail_io("model '" + file + "' does not exist");
  std::string bytes = read_file(path, kMaxModelBytes, "ONNX models");
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
  g.producer = model.producer_name() +
               (model.producer_version().empty() ? "" : " " + model.producer_version());
  // Before any ONNX library routine sees the model: they trust their input, and their
  // messages about a wrong input or output type are less clear than ours below.
  const int64_t source_opset = default_opset(model, file);
  check_graph(model, source_opset, file);
  // Re-read after the upgrade: the converter replaces the whole model.
  const onnx::GraphProto* graph = &model.graph();
  read_initializers(*graph, file, g);
  std::vector<std::string> data_inputs;
  for (const auto& in : graph->input()) {
    if (g.has_tensor(in.name())) continue;  // older exporters list initializers as inputs too
    data_inputs.push_back(in.name());
    g.tensors[in.name()] = tensor_from_value_info(in, file + ": graph input", &g.batch);
  }
  if (data_inputs.size() != 1) {
    fail_input(file + ": the graph has " + std::to_string(data_inputs.size()) +
               " data inputs; nnaccel accelerates models with exactly one input");
  }
  if (graph->output_size() != 1) {
    fail_input(file + ": the graph has " + std::to_string(graph->output_size()) +
               " outputs; nnaccel accelerates models with exactly one output");
  }
  g.input = data_inputs[0];
  g.output = graph->output(0).name();
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
  // The driver and the accelerator count a sample's values in 32 bits; a model declaring more
  // than a tensor may hold (2^28, as for initializers) is refused before any shape arithmetic.
  int64_t per_sample = 1;
  for (int64_t d : g.input_sample_shape) {
    if (d > (int64_t{1} << 28) / per_sample) {
      fail_input(file + ": input '" + g.input +
                 "' declares more than 2^28 values per sample; nnaccel refuses it");
    }
    per_sample *= d;
  }
  if (graph->output_size() == 1 && graph->output(0).type().has_tensor_type() &&
      graph->output(0).type().tensor_type().elem_type() != onnx::TensorProto::FLOAT) {
    fail_input(file + ": output '" + g.output + "' has element type " +
               elem_type_name(graph->output(0).type().tensor_type().elem_type()) +
               "; nnaccel models produce float32 output");
  }
  g.opset = upgrade_opset(model, source_opset, file);
  infer_shapes(model, file);
  graph = &model.graph();
  read_initializers(*graph, file, g);
  for (const auto& vi : graph->value_info()) {
    if (!g.has_tensor(vi.name()) && vi.type().has_tensor_type()) {
      g.tensors[vi.name()] = tensor_from_value_info(vi, file + ": value_info", nullptr, false);
    }
  }
  {
    // Its element type was checked before the upgrade; its shape may come from inference.
    ir::Tensor out = tensor_from_value_info(graph->output(0), file + ": graph output", nullptr);
    if (!g.has_tensor(out.name)) g.tensors[out.name] = out;
  }
  // check_graph has made sure every node reads only what is defined before it and that the
  // graph output is defined.
  for (int index = 0; index < graph->node_size(); ++index) {
    const auto& np = graph->node(index);
    ir::Node n;
    n.op = np.op_type();
    n.name = node_name(np, index);
    n.inputs.assign(np.input().begin(), np.input().end());
    for (const auto& o : np.output()) {
      n.outputs.push_back(o);
      if (!g.has_tensor(o)) g.tensors[o] = ir::Tensor{o, {}, "float", false, {}};
    }
    for (const auto& a : np.attribute()) {
      n.attrs[a.name()] = attr_value(a, file + ": " + n.label());
      if (a.type() == onnx::AttributeProto::TENSOR) {
        n.attrs[a.name() + "_shape"] =
            std::vector<int64_t>(a.t().dims().begin(), a.t().dims().end());
      }
    }
    g.nodes.push_back(std::move(n));
  }
  return g;
}

}  // namespace nngen::frontend
