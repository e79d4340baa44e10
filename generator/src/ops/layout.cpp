// Ops that only relabel a sample's data (Identity, Dropout, Flatten, Reshape, Squeeze,
// Unsqueeze, Transpose): no layer; the activation's logical shape and element map follow
// (ops/op.h Activation). Also Constant, which only defines a constant tensor.
#include <cmath>

#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

bool batch_is_one(const ir::Graph& g) { return !g.batch.symbolic && g.batch.fixed == 1; }

// The output relabels the input's data: same stream and order, another logical shape (which
// keeps the row-major order of the logical elements).
void relabel(LowerContext& ctx, const ir::Node& node, std::vector<int64_t> shape) {
  Activation a = ctx.act(node, 0);
  a.shape = std::move(shape);
  a.onnx_tensor = node.outputs.at(0);
  ctx.alias(node.outputs.at(0), std::move(a));
}

void lower_identity(LowerContext& ctx, const ir::Node& node) {
  relabel(ctx, node, ctx.act(node, 0).shape);
}

void lower_dropout(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
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
  relabel(ctx, node, ctx.act(node, 0).shape);
}

void lower_flatten(LowerContext& ctx, const ir::Node& node) {
  const std::vector<int64_t> shape = ctx.act(node, 0).shape;
  const int64_t rank = static_cast<int64_t>(shape.size()) + 1;
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
    keeps_batch = shape[static_cast<size_t>(d - 1)] == 1;
  if (!keeps_batch) {
    fail_input(ctx.graph.source + ": " + node.label() + " with axis " +
               std::to_string(node.attr_int("axis", 1)) +
               " folds the batch dimension into the features");
  }
  relabel(ctx, node, {product(shape)});
}

const ir::Tensor& constant_shape(const LowerContext& ctx, const ir::Node& node, size_t index,
                                 const char* what) {
  if (index >= node.inputs.size() || !ctx.graph.has_tensor(node.inputs[index]) ||
      !ctx.graph.tensor(node.inputs[index]).is_constant) {
    fail_input(ctx.graph.source + ": " + node.label() + ": its " + what +
               " is computed at run time or missing; nnaccel needs a constant (export with a fixed "
               "reshape, e.g. torch.flatten or x.view(-1, n))");
  }
  return ctx.graph.tensor(node.inputs[index]);
}

std::vector<int64_t> int_values(const LowerContext& ctx, const ir::Node& node,
                                const ir::Tensor& t) {
  std::vector<int64_t> v;
  for (float f : t.data) {
    // Shape constants arrive as floats (exact below 2^24); anything else is no dimension, and
    // converting it to an integer would be undefined.
    if (!(f >= -float{1 << 24} && f <= float{1 << 24}) || f != std::trunc(f)) {
      fail_input(ctx.graph.source + ": " + node.label() + ": '" + t.name + "' holds " +
                 std::to_string(f) + ", which is not a dimension or axis (an integer below 2^24)");
    }
    v.push_back(static_cast<int64_t>(f));
  }
  return v;
}

void lower_reshape(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  const std::vector<int64_t> current = ctx.act(node, 0).shape;
  const ir::Tensor& st = constant_shape(ctx, node, 1, "shape");
  std::vector<int64_t> target = int_values(ctx, node, st);
  for (int64_t v : target) {
    if (v < -1) {
      fail_input(src + ": " + node.label() + ": shape '" + st.name + "' holds " +
                 std::to_string(v) + ", which is not a dimension (-1, 0 or a size below 2^24)");
    }
  }
  if (target.empty()) fail_input(src + ": " + node.label() + " reshapes to a scalar");
  const int64_t per_sample = product(current);
  // Reshape keeps the row-major data order; the batch must stay the first dim.
  std::vector<int64_t> sample(target.begin() + 1, target.end());
  int64_t known = 1, infer_at = -1;
  for (size_t i = 0; i < sample.size(); ++i) {
    if (sample[i] == 0 && node.attr_int("allowzero", 0) == 0) {
      sample[i] = i < current.size() ? current[i] : 0;
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
    fail_input(src + ": " + node.label() + " reshapes a sample of shape " + shape_str(current) +
               " to " + shape_str(target) +
               ", which does not keep the batch as the first dimension");
  }
  relabel(ctx, node, sample);
}

// Squeeze / Unsqueeze (axes as an input since opset 13): per-sample dims of 1 removed/added.
void lower_squeeze(LowerContext& ctx, const ir::Node& node) {
  const bool unsqueeze = node.op == "Unsqueeze";
  std::vector<int64_t> full = {1};  // the batch (its size does not matter here)
  const std::vector<int64_t> current = ctx.act(node, 0).shape;
  full.insert(full.end(), current.begin(), current.end());
  std::vector<int64_t> axes;
  if (node.inputs.size() > 1 && !node.inputs[1].empty()) {
    axes = int_values(ctx, node, constant_shape(ctx, node, 1, "axes"));
  } else if (unsqueeze) {
    fail_input(ctx.graph.source + ": " + node.label() + " has no axes");
  } else {
    for (size_t i = 1; i < full.size(); ++i) {
      if (full[i] == 1) axes.push_back(static_cast<int64_t>(i));
    }
  }
  const int64_t rank =
      static_cast<int64_t>(full.size()) + (unsqueeze ? static_cast<int64_t>(axes.size()) : 0);
  std::vector<bool> marked(static_cast<size_t>(rank), false);
  for (int64_t a : axes) {
    const int64_t k = a < 0 ? a + rank : a;
    if (k <= 0 || k >= rank || marked[static_cast<size_t>(k)]) {
      fail_input(ctx.graph.source + ": " + node.label() + ": axis " + std::to_string(a) +
                 (k == 0 ? " is the batch dimension" : " is out of range or repeated"));
    }
    marked[static_cast<size_t>(k)] = true;
  }
  std::vector<int64_t> out;
  if (unsqueeze) {
    size_t next = 1;
    for (int64_t k = 1; k < rank; ++k)
      out.push_back(marked[static_cast<size_t>(k)] ? 1 : full[next++]);
  } else {
    for (int64_t k = 1; k < rank; ++k) {
      if (!marked[static_cast<size_t>(k)]) {
        out.push_back(full[static_cast<size_t>(k)]);
      } else if (full[static_cast<size_t>(k)] != 1) {
        fail_input(ctx.graph.source + ": " + node.label() + ": axis " + std::to_string(k) +
                   " has size " + std::to_string(full[static_cast<size_t>(k)]) + ", not 1");
      }
    }
  }
  relabel(ctx, node, out);
}

// A Transpose changes only which logical element sits where; the stream stays as it is and the
// map follows (a layer that needs another order gets a reorder in front of it).
void lower_transpose(LowerContext& ctx, const ir::Node& node) {
  const Activation in = ctx.act(node, 0);
  std::vector<int64_t> full = {1};
  full.insert(full.end(), in.shape.begin(), in.shape.end());
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
  // The batch must stay first, unless it is 1 and the dimension that comes first is 1 too.
  if (perm[0] != 0 && !(batch_is_one(ctx.graph) && full[static_cast<size_t>(perm[0])] == 1)) {
    fail_input(ctx.graph.source + ": " + node.label() + " moves the batch dimension (perm " +
               shape_str(perm) + "); nnaccel needs the batch first");
  }
  const size_t r = full.size();
  std::vector<int64_t> out_full(r), in_stride(r, 1);
  for (size_t j = 0; j < r; ++j) out_full[j] = full[static_cast<size_t>(perm[j])];
  for (size_t k = r - 1; k > 0; --k) in_stride[k - 1] = in_stride[k] * full[k];
  const int64_t n = product(in.shape);
  std::vector<int64_t> map(static_cast<size_t>(n));
  std::vector<int64_t> idx(r, 0);  // multi-index over out_full
  for (int64_t o = 0; o < n; ++o) {
    int64_t src = 0;
    for (size_t j = 0; j < r; ++j) src += idx[j] * in_stride[static_cast<size_t>(perm[j])];
    map[static_cast<size_t>(o)] = in.map.empty() ? src : in.map[static_cast<size_t>(src)];
    for (size_t j = r; j-- > 0;) {
      if (++idx[j] < out_full[j]) break;
      idx[j] = 0;
    }
  }
  Activation a = in;
  a.shape.assign(out_full.begin() + 1, out_full.end());
  a.map = std::move(map);
  a.onnx_tensor = node.outputs.at(0);
  ctx.alias(node.outputs.at(0), std::move(a));
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
          {"Transpose", lower_transpose}, {"Constant", lower_constant},
          {"Squeeze", lower_squeeze},     {"Unsqueeze", lower_squeeze}};
}

}  // namespace nngen::ops
