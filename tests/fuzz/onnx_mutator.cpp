// onnx_mutator.cpp - the structure-aware half of fuzz_onnx_model: a libFuzzer custom mutator that
// parses the input as an onnx::ModelProto, changes one thing a model author (or an attacker)
// could write — an opset, an op type, an attribute, a dimension, a tensor name, the node order,
// an element type, the size of raw data — and serializes it again. Byte-level mutation can rarely
// keep a protobuf valid, so this one reaches the schema checks, the version converter, shape
// inference and the lowering passes with models that parse. Inputs that do not parse, and one
// mutation in four, go to libFuzzer's own byte mutator.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

using Rng = std::minstd_rand;

const char* const kOps[] = {"Gemm",     "MatMul",  "Add",      "Relu",      "Sigmoid",
                            "Tanh",     "Softmax", "Flatten",  "Reshape",   "Transpose",
                            "Identity", "Dropout", "Constant", "Conv",      "BatchNormalization",
                            "Mul",      "Sub",     "Squeeze",  "Unsqueeze", "LogSoftmax"};

const int64_t kInts[] = {0,
                         1,
                         -1,
                         2,
                         3,
                         4,
                         13,
                         -2,
                         1 << 20,
                         std::numeric_limits<int32_t>::max(),
                         std::numeric_limits<int64_t>::max(),
                         std::numeric_limits<int64_t>::min()};

size_t pick(Rng& rng, size_t n) { return n == 0 ? 0 : rng() % n; }
int64_t some_int(Rng& rng) { return kInts[pick(rng, std::size(kInts))]; }

// A name already used in the graph, so that renaming wires nodes together differently.
std::string some_name(const onnx::GraphProto& g, Rng& rng) {
  switch (pick(rng, 4)) {
    case 0:
      if (g.input_size()) return g.input(pick(rng, g.input_size())).name();
      break;
    case 1:
      if (g.initializer_size()) return g.initializer(pick(rng, g.initializer_size())).name();
      break;
    case 2:
      if (g.node_size()) {
        const auto& n = g.node(pick(rng, g.node_size()));
        if (n.output_size()) return n.output(pick(rng, n.output_size()));
      }
      break;
    default:
      break;
  }
  return pick(rng, 2) ? "" : "t" + std::to_string(pick(rng, 8));
}

void mutate_attribute(onnx::AttributeProto& a, Rng& rng) {
  switch (pick(rng, 4)) {
    case 0:
      a.set_i(some_int(rng));
      if (!a.has_type()) a.set_type(onnx::AttributeProto::INT);
      break;
    case 1:
      a.set_f(pick(rng, 2) ? -1.5f : std::numeric_limits<float>::infinity());
      break;
    case 2:
      if (a.ints_size()) {
        a.set_ints(static_cast<int>(pick(rng, a.ints_size())), some_int(rng));
      } else {
        a.add_ints(some_int(rng));
      }
      break;
    default:
      a.set_type(static_cast<onnx::AttributeProto::AttributeType>(pick(rng, 15)));
      break;
  }
}

void mutate_shape(onnx::TypeProto_Tensor& t, Rng& rng) {
  auto* shape = t.mutable_shape();
  switch (pick(rng, 4)) {
    case 0:
      if (shape->dim_size()) {
        shape->mutable_dim(static_cast<int>(pick(rng, shape->dim_size())))
            ->set_dim_value(some_int(rng));
      }
      break;
    case 1:
      if (shape->dim_size()) {
        shape->mutable_dim(static_cast<int>(pick(rng, shape->dim_size())))->set_dim_param("N");
      }
      break;
    case 2:
      shape->add_dim()->set_dim_value(some_int(rng));
      break;
    default:
      t.set_elem_type(static_cast<int32_t>(pick(rng, 17)));
      break;
  }
}

void mutate_initializer(onnx::TensorProto& t, Rng& rng) {
  switch (pick(rng, 4)) {
    case 0:
      if (t.dims_size()) t.set_dims(static_cast<int>(pick(rng, t.dims_size())), some_int(rng));
      break;
    case 1:
      t.add_dims(some_int(rng));
      break;
    case 2:
      t.set_data_type(static_cast<int32_t>(pick(rng, 17)));
      break;
    default: {
      std::string* raw = t.mutable_raw_data();
      raw->resize(pick(rng, 2) ? raw->size() / 2 : raw->size() + 4 * (1 + pick(rng, 8)), '\0');
      break;
    }
  }
}

void mutate_node(onnx::GraphProto& g, Rng& rng) {
  onnx::NodeProto& n = *g.mutable_node(static_cast<int>(pick(rng, g.node_size())));
  switch (pick(rng, 5)) {
    case 0:
      n.set_op_type(kOps[pick(rng, std::size(kOps))]);
      break;
    case 1:
      if (n.attribute_size()) {
        mutate_attribute(*n.mutable_attribute(static_cast<int>(pick(rng, n.attribute_size()))),
                         rng);
      }
      break;
    case 2:
      if (n.input_size()) {
        n.set_input(static_cast<int>(pick(rng, n.input_size())), some_name(g, rng));
      } else {
        n.add_input(some_name(g, rng));
      }
      break;
    case 3:
      if (n.output_size())
        n.set_output(static_cast<int>(pick(rng, n.output_size())), some_name(g, rng));
      break;
    default: {
      const char* names[] = {"axis", "transA", "transB", "perm", "alpha", "training_mode"};
      onnx::AttributeProto* a = n.add_attribute();
      a->set_name(names[pick(rng, std::size(names))]);
      mutate_attribute(*a, rng);
      break;
    }
  }
}

void mutate_graph_order(onnx::GraphProto& g, Rng& rng) {
  auto* nodes = g.mutable_node();
  const int i = static_cast<int>(pick(rng, nodes->size()));
  switch (pick(rng, 3)) {
    case 0:
      nodes->SwapElements(i, static_cast<int>(pick(rng, nodes->size())));
      break;
    case 1:
      nodes->DeleteSubrange(i, 1);
      break;
    default:
      *g.add_node() = g.node(i);
      break;
  }
}

void mutate(onnx::ModelProto& m, Rng& rng) {
  onnx::GraphProto& g = *m.mutable_graph();
  switch (pick(rng, 7)) {
    case 0: {
      auto* os = m.opset_import_size() ? m.mutable_opset_import(0) : m.add_opset_import();
      os->set_version(static_cast<int64_t>(pick(rng, 24)));
      break;
    }
    case 1:
      m.set_ir_version(static_cast<int64_t>(pick(rng, 11)));
      break;
    case 2:
      if (g.node_size()) mutate_node(g, rng);
      break;
    case 3:
      if (g.node_size()) mutate_graph_order(g, rng);
      break;
    case 4:
      if (g.initializer_size()) {
        mutate_initializer(
            *g.mutable_initializer(static_cast<int>(pick(rng, g.initializer_size()))), rng);
      }
      break;
    case 5: {
      auto* list = pick(rng, 2) ? g.mutable_input() : g.mutable_output();
      if (list->size()) {
        onnx::ValueInfoProto& vi = *list->Mutable(static_cast<int>(pick(rng, list->size())));
        if (pick(rng, 4) == 0) {
          vi.set_name(some_name(g, rng));
        } else {
          mutate_shape(*vi.mutable_type()->mutable_tensor_type(), rng);
        }
      }
      break;
    }
    default:
      if (g.node_size()) {
        // A node from the graph again under a new output name: longer chains, shared inputs.
        onnx::NodeProto copy = g.node(static_cast<int>(pick(rng, g.node_size())));
        if (copy.output_size()) copy.set_output(0, "t" + std::to_string(pick(rng, 8)));
        *g.add_node() = copy;
      }
      break;
  }
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  Rng rng(seed);
  onnx::ModelProto model;
  if (pick(rng, 4) == 0 || !model.ParseFromArray(data, static_cast<int>(size))) {
    return LLVMFuzzerMutate(data, size, max_size);
  }
  mutate(model, rng);
  std::string out;
  if (!model.SerializeToString(&out) || out.size() > max_size) {
    return LLVMFuzzerMutate(data, size, max_size);
  }
  std::memcpy(data, out.data(), out.size());
  return out.size();
}
