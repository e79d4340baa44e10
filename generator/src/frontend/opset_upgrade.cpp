#include "frontend/opset_upgrade.h"

#include <onnx/version_converter/convert.h>

#include <optional>
#include <set>

#include "frontend/graph_checks.h"
#include "frontend/shape_info.h"
#include "support/error.h"

namespace nngen::frontend {
namespace {

bool is_default_domain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

// The converter's reason, or nothing when it converts `model` (into `*converted` if given). The
// library reports failures as exceptions of several types (assert_error, InferenceError, ...).
std::optional<std::string> conversion_failure(const onnx::ModelProto& model,
                                              onnx::ModelProto* converted = nullptr) {
  try {
    onnx::ModelProto m =
        onnx::version_conversion::ConvertVersion(model, static_cast<int>(kCanonicalOpset));
    if (converted) *converted = std::move(m);
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string("unknown error in the ONNX version converter");
  }
}

// A model of only node `index` of `model`, its inputs and outputs typed as `typed` (the model
// after shape inference) knows them, so that the converter meets the node as in the model.
onnx::ModelProto single_node_model(const onnx::ModelProto& model, const onnx::GraphProto& typed,
                                   int index) {
  const auto& node = model.graph().node(index);
  onnx::ModelProto m;
  m.set_ir_version(model.ir_version());
  *m.mutable_opset_import() = model.opset_import();
  auto* g = m.mutable_graph();
  g->set_name("node");
  *g->add_node() = node;
  auto find_info = [&](const std::string& name) -> const onnx::ValueInfoProto* {
    for (const auto* list : {&typed.input(), &typed.value_info(), &typed.output()}) {
      for (const auto& vi : *list) {
        if (vi.name() == name) return &vi;
      }
    }
    return nullptr;
  };
  std::set<std::string> seen;
  for (const auto& in : node.input()) {
    if (in.empty() || !seen.insert(in).second) continue;
    bool is_initializer = false;
    for (const auto& init : model.graph().initializer()) {
      if (init.name() != in) continue;
      *g->add_initializer() = init;
      is_initializer = true;
    }
    const auto* vi = find_info(in);
    if (vi) {
      *g->add_input() = *vi;
    } else if (!is_initializer || m.ir_version() < 4) {  // IR < 4 lists initializers as inputs
      g->add_input()->set_name(in);
    }
  }
  for (const auto& out : node.output()) {
    if (out.empty()) continue;
    const auto* vi = find_info(out);
    if (vi) {
      *g->add_output() = *vi;
    } else {
      g->add_output()->set_name(out);
    }
  }
  return m;
}

// "node 'x' (Op)" of the first node the converter refuses on its own, or "" if none does.
std::string failing_node(const onnx::ModelProto& model, std::string& reason) {
  for (int i = 0; i < model.graph().node_size(); ++i) {
    if (auto why = conversion_failure(single_node_model(model, model.graph(), i))) {
      reason = *why;
      return node_label(model.graph().node(i), i);
    }
  }
  return "";
}

// The library's assertion text starts with its source location and condition: keep the reason.
std::string library_reason(const std::string& what) {
  std::string why = what.substr(0, what.find('\n'));
  const size_t failed = why.find("failed: ");
  return failed == std::string::npos ? why : why.substr(failed + 8);
}

}  // namespace

int64_t default_opset(const onnx::ModelProto& model, const std::string& file) {
  int64_t opset = 0;
  for (const auto& os : model.opset_import()) {
    if (is_default_domain(os.domain())) opset = os.version();
  }
  if (opset == 0) fail_input(file + ": no opset_import for the default ONNX domain");
  if (opset < kOldestOpset || opset > kNewestOpset) {
    fail_input(file + ": opset " + std::to_string(opset) +
               " is not supported (nnaccel reads opsets " + std::to_string(kOldestOpset) + " to " +
               std::to_string(kNewestOpset) + "; re-export with e.g. opset_version=13)");
  }
  return opset;
}

int64_t upgrade_opset(onnx::ModelProto& model, int64_t opset, const std::string& file) {
  if (opset >= kCanonicalOpset) return opset;
  // Adapters such as Softmax 12->13 need the shapes of intermediate tensors, and the converter
  // does not infer them itself.
  infer_shapes(model, file);
  std::optional<std::string> reason = conversion_failure(model, &model);
  if (!reason) return kCanonicalOpset;
  // The library's messages rarely say which node failed: find it.
  const std::string node = failing_node(model, *reason);
  const std::string why = library_reason(*reason);
  fail_input(file + ": " + (node.empty() ? "the model" : node) +
             " cannot be converted from opset " + std::to_string(opset) + " to " +
             std::to_string(kCanonicalOpset) + " by the ONNX version converter: " + why);
}

}  // namespace nngen::frontend
