// Ops that do not change the order of a sample's data: they are checked and
// removed. Also Constant, which only defines a constant tensor.
#include <cmath>

#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

bool batch_is_one(const ir::Graph& g) { return !g.batch.symbolic && g.batch.fixed == 1; }

void alias_to_output(LowerContext& ctx, const ir::Node& node, std::vector<int64_t> shape) {
  ctx.current = node.outputs.at(0);
  ctx.current_shape = std::move(shape);
}

void lower_identity(LowerContext& ctx, const ir::Node& node) {
  expect_chain_input(ctx, node, node.inputs.at(0));
  alias_to_output(ctx, node, ctx.current_shape);
}

void lower_dropout(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  expect_chain_input(ctx, node, node.inputs.at(0));
  // opset 12+: optional inputs ratio and training_mode; only a constant false
  // (or absent) training_mode is inference.
  if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
    const ir::Tensor& t = ctx.graph.tensor(node.inputs[2]);
    if (!t.is_constant || t.data.size() != 1) {
      fail_input(src + ": " + node.label() + ": training_mode '" + t.name +
                 "' must be a constant; nnaccel runs inference only");
    }
    if (t.data[0] != 0.f) {
      fail_input(src + ": " + node.label() +
                 " is in training mode (training_mode=true); export the model for inference "
                 "(model.eval())");
    }
  }
  if (node.outputs.size() > 1 && !node.outputs[1].empty() &&
      ctx.graph.use_count(node.outputs[1]) > 0) {
    fail_input(src + ": " + node.label() +
               ": its mask output is used; nnaccel runs inference only");
  }
  alias_to_output(ctx, node, ctx.current_shape);
}

void lower_flatten(LowerContext& ctx, const ir::Node& node) {
  expect_chain_input(ctx, node, node.inputs.at(0));
  const int64_t rank = static_cast<int64_t>(ctx.current_shape.size()) + 1;
  int64_t axis = node.attr_int("axis", 1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank) {
    fail_input(ctx.graph.source + ": " + node.label() + ": axis " +
               std::to_string(node.attr_int("axis", 1)) + " is out of range for a rank-" +
               std::to_string(rank) + " tensor");
  }
  // Flatten never reorders data; the output [prod(d0..d_axis-1), rest] keeps
  // the batch first iff the dims folded into it are all 1 (axis 0 only when
  // the batch itself is 1).
  bool keeps_batch = axis >= 1 || batch_is_one(ctx.graph);
  for (int64_t d = 1; keeps_batch && d < axis; ++d)
    keeps_batch = ctx.current_shape[static_cast<size_t>(d - 1)] == 1;
  if (!keeps_batch) {
    fail_input(ctx.graph.source + ": " + node.label() + " with axis " +
               std::to_string(node.attr_int("axis", 1)) +
               " folds the batch dimension into the features");
  }
  alias_to_output(ctx, node, {product(ctx.current_shape)});
}

const ir::Tensor& constant_shape(const LowerContext& ctx, const ir::Node& node) {
  const ir::Tensor& s = ctx.graph.tensor(node.inputs.at(1));
  if (!s.is_constant) {
    fail_input(
        ctx.graph.source + ": " + node.label() + ": its shape '" + s.name +
        "' is computed at run time; nnaccel needs a constant shape (export with a fixed reshape, "
        "e.g. torch.flatten or x.view(-1, n))");
  }
  return s;
}

void lower_reshape(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  expect_chain_input(ctx, node, node.inputs.at(0));
  const ir::Tensor& st = constant_shape(ctx, node);
  std::vector<int64_t> target;
  for (float v : st.data) {
    // Shape constants arrive as floats (exact below 2^24); anything else is no dimension, and
    // converting it to an integer would be undefined.
    if (!(v >= -1.f && v <= float{1 << 24}) || v != std::trunc(v)) {
      fail_input(src + ": " + node.label() + ": shape '" + st.name + "' holds " +
                 std::to_string(v) + ", which is not a dimension (-1, 0 or a size below 2^24)");
    }
    target.push_back(static_cast<int64_t>(v));
  }
  if (target.empty()) fail_input(src + ": " + node.label() + " reshapes to a scalar");
  const int64_t per_sample = product(ctx.current_shape);
  // Reshape keeps the row-major data order; the batch must stay the first dim.
  std::vector<int64_t> sample(target.begin() + 1, target.end());
  int64_t known = 1, infer_at = -1;
  for (size_t i = 0; i < sample.size(); ++i) {
    if (sample[i] == 0 && node.attr_int("allowzero", 0) == 0) {
      sample[i] = i + 1 < ctx.current_shape.size() + 1 ? ctx.current_shape[i] : 0;
    }
    if (sample[i] == -1) {
      if (infer_at >= 0) fail_input(src + ": " + node.label() + " has two -1 dimensions");
      infer_at = static_cast<int64_t>(i);
    } else if (__builtin_mul_overflow(known, sample[i], &known)) {
      fail_input(src + ": " + node.label() + " reshapes to " + shape_str(target) +
                 ", which has more elements than nnaccel can count");
    }
  }
  if (infer_at >= 0) sample[static_cast<size_t>(infer_at)] = known > 0 ? per_sample / known : 0;
  // The first dimension must still be the batch: copied (0), inferred (-1,
  // with every other dimension known), or the fixed batch size itself.
  const bool first_ok = target[0] == 0 || (target[0] == -1 && infer_at < 0) ||
                        (!ctx.graph.batch.symbolic && target[0] == ctx.graph.batch.fixed);
  if (!first_ok || product(sample) != per_sample) {
    fail_input(src + ": " + node.label() + " reshapes a sample of shape " +
               shape_str(ctx.current_shape) + " to " + shape_str(target) +
               ", which does not keep the batch as the first dimension");
  }
  alias_to_output(ctx, node, sample);
}

void lower_transpose(LowerContext& ctx, const ir::Node& node) {
  expect_chain_input(ctx, node, node.inputs.at(0));
  std::vector<int64_t> full = {batch_is_one(ctx.graph) ? 1 : 2};  // 2: any size other than 1
  full.insert(full.end(), ctx.current_shape.begin(), ctx.current_shape.end());
  std::vector<int64_t> perm = node.attr_ints("perm");
  if (perm.empty()) {
    for (int64_t i = static_cast<int64_t>(full.size()) - 1; i >= 0; --i) perm.push_back(i);
  }
  std::vector<bool> seen(full.size(), false);
  bool valid = perm.size() == full.size();
  for (int64_t p : perm) {
    valid =
        valid && p >= 0 && p < static_cast<int64_t>(full.size()) && !seen[static_cast<size_t>(p)];
    if (valid) seen[static_cast<size_t>(p)] = true;
  }
  if (!valid) {
    fail_input(ctx.graph.source + ": " + node.label() + ": perm " + shape_str(perm) +
               " is not a permutation of the " + std::to_string(full.size()) + " dimensions");
  }
  // The batch must stay first (unless it is 1): moving it behind dims of size
  // 1 keeps the bytes in place but changes what later axes mean.
  if (perm[0] != 0 && !batch_is_one(ctx.graph)) {
    fail_input(ctx.graph.source + ": " + node.label() + " moves the batch dimension (perm " +
               shape_str(perm) + "); nnaccel needs the batch first");
  }
  // Data order is unchanged iff the dims that are not 1 keep their relative order.
  int64_t last = -1;
  std::vector<int64_t> out_shape;
  for (int64_t p : perm) {
    if (full[static_cast<size_t>(p)] != 1) {
      if (p < last) {
        fail_input(
            ctx.graph.source + ": " + node.label() + " reorders the data of shape " +
            shape_str(ctx.current_shape) +
            " (perm moves dimensions that are not 1); nnaccel supports only Transposes that leave "
            "the data order of a vector unchanged");
      }
      last = p;
    }
    out_shape.push_back(full[static_cast<size_t>(p)]);
  }
  out_shape.erase(out_shape.begin());
  alias_to_output(ctx, node, out_shape);
}

void lower_constant(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  ir::Tensor t;
  t.name = node.outputs.at(0);
  t.is_constant = true;
  t.elem_type = "float";
  if (node.has_attr("value_float")) {
    t.data = {node.attr_float("value_float", 0.f)};
  } else if (node.has_attr("value_int")) {
    t.data = {static_cast<float>(node.attr_int("value_int", 0))};
  } else if (node.has_attr("value_ints")) {
    for (int64_t v : node.attr_ints("value_ints")) t.data.push_back(static_cast<float>(v));
    t.shape = {static_cast<int64_t>(t.data.size())};
  } else if (auto it4 = node.attrs.find("value_floats"); it4 != node.attrs.end()) {
    if (!std::holds_alternative<std::vector<float>>(it4->second))
      fail_input(src + ": " + node.label() + ": bad value_floats");
    t.data = std::get<std::vector<float>>(it4->second);
    t.shape = {static_cast<int64_t>(t.data.size())};
  } else if (auto it5 = node.attrs.find("value"); it5 != node.attrs.end()) {
    // The front end turned a TensorProto attribute into its values.
    if (!std::holds_alternative<std::vector<float>>(it5->second))
      fail_input(src + ": " + node.label() + ": bad value");
    t.data = std::get<std::vector<float>>(it5->second);
    t.shape = node.attr_ints("value_shape");
  } else {
    fail_input(src + ": " + node.label() + " has no value nnaccel can read");
  }
  ctx.graph.tensors[t.name] = std::move(t);
}

}  // namespace

std::vector<OnnxOp> layout_onnx_ops() {
  return {{"Identity", lower_identity},   {"Dropout", lower_dropout},
          {"Flatten", lower_flatten},     {"Reshape", lower_reshape},
          {"Transpose", lower_transpose}, {"Constant", lower_constant}};
}

}  // namespace nngen::ops
