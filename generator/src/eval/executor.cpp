#include "eval/executor.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "eval/op_context.h"
#include "support/error.h"

namespace nngen::eval {
namespace {

struct OpEntry {
  const char* name;
  OpFn fn;
};

#define NNGEN_EVAL_ENTRY(op) {#op, &eval_##op},
constexpr OpEntry kOps[] = {NNGEN_EVAL_OPS(NNGEN_EVAL_ENTRY)};
#undef NNGEN_EVAL_ENTRY

OpFn find_op(std::string_view op) {
  for (const auto& e : kOps) {
    if (op == e.name) return e.fn;
  }
  return nullptr;
}

// Ops whose outputs may be int32/int64: those PyTorch and Keras exports use for shape
// arithmetic (Shape -> Gather -> Unsqueeze -> Concat -> Reshape, sometimes Mul/Div). Integer
// tensors elsewhere (uint8 images, int8 arithmetic with wrap-around) are refused.
const std::set<std::string, std::less<>> kIntegerOk = {
    "Shape",    "Gather",  "Concat",    "Squeeze", "Unsqueeze", "Reshape", "Identity", "Cast",
    "Constant", "Flatten", "Transpose", "Add",     "Sub",       "Mul",     "Div"};

// Ops that only move or select values: a bool tensor (Dropout's training_mode, its mask) may
// pass through them unchanged.
const std::set<std::string, std::less<>> kBoolOk = {"Constant",  "Identity", "Dropout", "Squeeze",
                                                    "Unsqueeze", "Reshape",  "Flatten", "Transpose",
                                                    "Concat",    "Gather"};

bool is_float_type(const std::string& t) { return t.empty() || t == "float" || t == "double"; }
bool is_index_type(const std::string& t) { return t == "int64" || t == "int32"; }

std::string with_source(const ir::Graph& g, const std::string& what) {
  return what.rfind(g.source + ": ", 0) == 0 ? what : g.source + ": " + what;
}

}  // namespace

void OpContext::fail(const std::string& what) const {
  fail_input(g_.source + ": " + n_.label() + ": " + what);
}

const Value& OpContext::input(size_t i, const std::string& role) const {
  if (i >= in_.size() || in_[i] == nullptr)
    fail("input " + std::to_string(i) + " (" + role + ") is missing");
  return *in_[i];
}

void OpContext::check_rank(const Value& v, const std::string& role, size_t lo, size_t hi) const {
  if (v.shape.size() < lo || v.shape.size() > hi) {
    std::string want =
        lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
    fail(role + " has rank " + std::to_string(v.shape.size()) + " (shape " + shape_text(v.shape) +
         "); expected rank " + want);
  }
}

int64_t OpContext::count(const std::vector<int64_t>& shape, const std::string& what) const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) fail(what + " would have the negative dimension " + std::to_string(d));
    if (d > 0 && n > kMaxElements / d) {
      fail(what + " (shape " + shape_text(shape) +
           ") would have more than 2^28 elements; the executor refuses it");
    }
    n *= d;
  }
  // A zero dimension makes the product 0 whatever follows; the rest was still range-checked.
  for (int64_t d : shape) {
    if (d == 0) return 0;
  }
  return n;
}

Value OpContext::make(const std::vector<int64_t>& shape, const std::string& what) const {
  Value v;
  v.data.assign(static_cast<size_t>(count(shape, what)), 0.0);
  v.shape = shape;
  return v;
}

void OpContext::check_work(std::initializer_list<int64_t> factors) const {
  long double work = 1;
  for (int64_t f : factors) work *= static_cast<long double>(f);
  if (work > static_cast<long double>(kMaxWork)) {
    fail("would need about " + std::to_string(static_cast<double>(work)) +
         " multiply-adds; the executor refuses nodes above 2^38");
  }
}

size_t OpContext::axis(int64_t a, size_t rank, const std::string& what) const {
  const int64_t r = static_cast<int64_t>(rank);
  if (a < -r || a >= r) {
    fail(what + " = " + std::to_string(a) + " is out of range for rank " + std::to_string(rank));
  }
  return static_cast<size_t>(a < 0 ? a + r : a);
}

std::vector<int64_t> OpContext::ints(const Value& v, const std::string& role) const {
  if (v.shape.size() > 1)
    fail(role + " must be a scalar or a 1-D tensor, not " + shape_text(v.shape));
  std::vector<int64_t> out;
  for (double d : v.data) {
    if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > 9.0e15) {
      fail(role + " holds " + std::to_string(d) + ", not an integer");
    }
    out.push_back(static_cast<int64_t>(d));
  }
  return out;
}

std::string OpContext::output_type(size_t i) const {
  if (i >= n_.outputs.size() || n_.outputs[i].empty() || !g_.has_tensor(n_.outputs[i])) return "";
  return g_.tensor(n_.outputs[i]).elem_type;
}

bool OpContext::output_is_integer(size_t i) const { return is_index_type(output_type(i)); }

std::vector<int64_t> strides_of(const std::vector<int64_t>& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) s[i - 1] = s[i] * shape[i];
  return s;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

bool supports(std::string_view op_type) { return find_op(op_type) != nullptr; }

std::vector<std::string> supported_ops() {
  std::vector<std::string> v;
  for (const auto& e : kOps) v.emplace_back(e.name);
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<Value> eval_node(const ir::Graph& g, const ir::Node& n,
                             const std::vector<const Value*>& inputs) {
  const OpContext c(g, n, inputs);
  const OpFn fn = find_op(n.op);
  if (!fn) {
    std::string list;
    for (const auto& s : supported_ops()) list += (list.empty() ? "" : ", ") + s;
    c.fail("the float reference executor does not implement " + n.op + " (it implements " + list +
           ")");
  }
  // The executor implements the operators as defined at opset 13 and later; load_onnx converts
  // older models, so an older graph here is a caller's mistake.
  if (g.opset != 0 && g.opset < 13) {
    c.fail("the graph is at opset " + std::to_string(g.opset) +
           "; the executor evaluates opset 13 or newer (load_onnx converts older models)");
  }
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    const std::string t = c.output_type(i);
    if (is_float_type(t) || (is_index_type(t) && kIntegerOk.count(n.op)) ||
        (t == "bool" && kBoolOk.count(n.op))) {
      continue;
    }
    c.fail("output '" + n.outputs[i] + "' has element type " + t +
           "; the executor computes float tensors (int32/int64 only in shape arithmetic, bool only "
           "passed through)");
  }
  try {
    return fn(c);
  } catch (const Error& e) {
    // Attribute accessors of ir::Node name the node but not the file.
    if (e.code() != ExitCode::kBadInput) throw;
    fail_input(with_source(g, e.what()));
  }
}

std::map<std::string, Value> run_graph(const ir::Graph& g, const Value& input) {
  std::map<std::string, Value> values;
  const std::string where = g.source + ": input '" + g.input + "'";
  if (input.shape.size() != g.input_sample_shape.size() + 1 ||
      !std::equal(g.input_sample_shape.begin(), g.input_sample_shape.end(),
                  input.shape.begin() + (input.shape.empty() ? 0 : 1))) {
    std::vector<int64_t> want{ir::kUnknownDim};
    want.insert(want.end(), g.input_sample_shape.begin(), g.input_sample_shape.end());
    fail_input(where + ": fed a tensor of shape " + shape_text(input.shape) + ", the model takes " +
               shape_text(want) + " (-1: any batch)");
  }
  if (!g.batch.symbolic && input.shape[0] != g.batch.fixed) {
    fail_input(where + ": the model's batch dimension is fixed to " +
               std::to_string(g.batch.fixed) + "; fed " + std::to_string(input.shape[0]) +
               " samples");
  }
  if (input.shape[0] < 0 || input.shape[0] > kMaxElements) {
    fail_input(where + ": a batch of " + std::to_string(input.shape[0]) + " samples");
  }
  // Both factors are at most 2^28 (the loader bounds the per-sample size).
  int64_t n = 1;
  for (int64_t d : input.shape) n *= d;
  if (input.data.size() != static_cast<size_t>(n)) {
    fail_input(where + ": " + std::to_string(input.data.size()) + " values for shape " +
               shape_text(input.shape));
  }
  values[g.input] = input;
  auto find = [&](const std::string& name) -> const Value* {
    auto it = values.find(name);
    if (it != values.end()) return &it->second;
    auto t = g.tensors.find(name);
    if (t == g.tensors.end() || !t->second.is_constant) return nullptr;
    Value v;
    v.shape = t->second.shape;
    v.data.assign(t->second.data.begin(), t->second.data.end());
    return &(values[name] = std::move(v));
  };
  for (const ir::Node& node : g.nodes) {
    std::vector<const Value*> in;
    for (const auto& name : node.inputs) {
      if (name.empty()) {
        in.push_back(nullptr);
        continue;
      }
      const Value* v = find(name);
      if (!v) {
        fail_input(g.source + ": " + node.label() + " reads '" + name +
                   "', which no earlier node computes");
      }
      in.push_back(v);
    }
    std::vector<Value> out = eval_node(g, node, in);
    for (size_t i = 0; i < node.outputs.size() && i < out.size(); ++i) {
      if (!node.outputs[i].empty()) values[node.outputs[i]] = std::move(out[i]);
    }
  }
  if (!values.count(g.output)) {
    fail_input(g.source + ": no node computes the graph output '" + g.output + "'");
  }
  return values;
}

}  // namespace nngen::eval
