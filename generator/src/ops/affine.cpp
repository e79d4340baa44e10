// Per-channel affine ops: BatchNormalization, and Add / Sub / Mul / Div with a constant that
// varies at most along the channels (or the features of a vector). Each becomes
// y = x * scale[c] + shift[c], folded into the Dense or Conv (or ScaleShift) layer that
// produces x when nothing else reads x, otherwise a ScaleShift layer of its own. PRelu
// (a per-channel slope) is a layer of its own. The per-channel values are weights: they are
// in the weight image, so folding stays reprogrammable (`nngen weights` folds again).
#include <cmath>

#include "ops/cost.h"
#include "ops/op.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// Values of constant `c` broadcast (numpy rules) to the sample shape [1] + shape; Error naming
// the node if they do not broadcast or vary along the batch.
std::vector<float> broadcast_to_sample(const LowerContext& ctx, const ir::Node& node,
                                       const ir::Tensor& c, const std::vector<int64_t>& shape) {
  std::vector<int64_t> full = {1};
  full.insert(full.end(), shape.begin(), shape.end());
  if (c.shape.size() > full.size()) {
    fail_input(ctx.graph.source + ": " + node.label() + ": constant '" + c.name + "' of shape " +
               shape_str(c.shape) + " has more dimensions than the activation " + shape_str(shape) +
               " with its batch");
  }
  const size_t off = full.size() - c.shape.size();
  std::vector<int64_t> cstride(c.shape.size(), 1);
  for (size_t k = c.shape.size(); k-- > 1;) cstride[k - 1] = cstride[k] * c.shape[k];
  for (size_t k = 0; k < c.shape.size(); ++k) {
    if (c.shape[k] != 1 && c.shape[k] != full[off + k]) {
      fail_input(ctx.graph.source + ": " + node.label() + ": constant '" + c.name + "' of shape " +
                 shape_str(c.shape) + " does not broadcast to the activation [batch]" +
                 shape_str(shape).substr(0) + "");
    }
  }
  if (static_cast<int64_t>(c.data.size()) != product(c.shape)) {
    fail_input(ctx.graph.source + ": " + node.label() + ": constant '" + c.name + "' holds " +
               std::to_string(c.data.size()) + " values for shape " + shape_str(c.shape));
  }
  const int64_t n = product(shape);
  std::vector<float> v(static_cast<size_t>(n));
  std::vector<int64_t> idx(full.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t ci = 0;
    for (size_t k = 0; k < c.shape.size(); ++k) {
      if (c.shape[k] != 1) ci += idx[off + k] * cstride[k];
    }
    v[static_cast<size_t>(i)] = c.data[static_cast<size_t>(ci)];
    for (size_t k = full.size(); k-- > 0;) {
      if (++idx[k] < full[k]) break;
      idx[k] = 0;
    }
  }
  return v;
}

bool is_spatial(const Activation& a) {
  return a.shape.size() >= 2 && product(a.shape) != (a.shape.empty() ? 1 : a.shape[0]);
}

// Per-channel parameters in the order a layer applies them (stream position % ch).
struct ChannelParams {
  Activation act;  // the input, reordered channel-last if it is spatial
  int64_t ch = 0;
  std::vector<float> per_element;  // logical order (from the constant)
};

// `values` (one per logical element of a.shape) as per-channel parameters in stream order.
std::vector<float> to_channels(const LowerContext&, const ir::Node&, const Activation& a,
                               const std::vector<float>& values, const std::string&, int64_t* ch) {
  const int64_t n = product(a.shape);
  if (is_spatial(a)) {
    const int64_t c_count = a.shape[0], spatial = n / c_count;
    std::vector<float> p(static_cast<size_t>(c_count));
    bool per_channel = true;
    for (int64_t c = 0; c < c_count && per_channel; ++c) {
      p[static_cast<size_t>(c)] = values[static_cast<size_t>(c * spatial)];
      for (int64_t s = 1; s < spatial && per_channel; ++s) {
        per_channel = values[static_cast<size_t>(c * spatial + s)] == p[static_cast<size_t>(c)];
      }
    }
    if (per_channel) {
      *ch = c_count;
      return p;
    }
    // Values that vary within a channel: one parameter per element (stream order below).
  }
  std::vector<float> p(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    p[static_cast<size_t>(a.map.empty() ? i : a.map[static_cast<size_t>(i)])] =
        values[static_cast<size_t>(i)];
  }
  *ch = n;
  return p;
}

// The layer `a` can be folded into: the Dense/Conv/ScaleShift writing a.stream, when only this
// node reads its output and the output arrives unchanged (no relabelling in between).
ir::Node* foldable_producer(LowerContext& ctx, const Activation& a) {
  ir::Node* p = ctx.producer(a.stream);
  if (!p || (p->op != "Dense" && p->op != "Conv" && p->op != "ScaleShift")) return nullptr;
  if (p->attr_string("onnx_tensor", "") != a.onnx_tensor) return nullptr;
  if (ctx.onnx_uses(a.onnx_tensor) != 1 || a.onnx_tensor == ctx.graph.output) return nullptr;
  return p;
}

// y = x * scale[c] + shift[c], with c indexing the output channels (stream order).
void apply_affine(LowerContext& ctx, const ir::Node& node, const Activation& a_in,
                  const std::vector<float>& scale_logical, const std::vector<float>& shift_logical,
                  const std::string& what, const std::string& param_name) {
  Activation a = is_spatial(a_in) ? ctx.channel_last(node, a_in) : a_in;
  int64_t ch = 0;
  std::vector<float> scale = to_channels(ctx, node, a, scale_logical, what, &ch);
  std::vector<float> shift = to_channels(ctx, node, a, shift_logical, what, &ch);
  check_finite(ctx.graph, node, scale, what + " (scale)");
  check_finite(ctx.graph, node, shift, what + " (shift)");
  if (ir::Node* p = foldable_producer(ctx, a)) {
    std::vector<float>* w = nullptr;
    std::vector<float>* b = nullptr;
    if (p->op == "ScaleShift") {
      w = &ctx.graph.tensor(p->name + "/scale").data;
      b = &ctx.graph.tensor(p->name + "/shift").data;
    } else {
      w = &ctx.graph.tensor(p->name + "/weight").data;
      b = &ctx.graph.tensor(p->name + "/bias").data;
    }
    const int64_t outs = static_cast<int64_t>(b->size());
    if (outs == ch) {
      const int64_t per = static_cast<int64_t>(w->size()) / outs;
      for (int64_t o = 0; o < outs; ++o) {
        const float s = scale[static_cast<size_t>(o)];
        for (int64_t i = 0; i < per; ++i) (*w)[static_cast<size_t>(o * per + i)] *= s;
        (*b)[static_cast<size_t>(o)] =
            (*b)[static_cast<size_t>(o)] * s + shift[static_cast<size_t>(o)];
      }
      check_finite(ctx.graph, node, *w, "folded weight");
      check_finite(ctx.graph, node, *b, "folded bias");
      const std::string key = p->op == "ScaleShift" ? "scale_name" : "weight_name";
      const std::string bkey = p->op == "ScaleShift" ? "shift_name" : "bias_name";
      const bool scales = node.op != "Add" && node.op != "Sub";
      if (scales) p->attrs[key] = p->attr_string(key, "") + "*" + param_name;
      const std::string prev = p->attr_string(bkey, "");
      p->attrs[bkey] = prev.ends_with("(zero)") ? param_name : prev + "+" + param_name;
      p->attrs["onnx_tensor"] = node.outputs.at(0);
      Activation out = a;
      out.onnx_tensor = node.outputs.at(0);
      ctx.alias(node.outputs.at(0), std::move(out));
      return;
    }
  }
  ir::Node& l =
      ctx.add_layer("ScaleShift", "scale", node, {a.stream}, node.outputs.at(0), a.shape, false);
  l.attrs["n"] = product(a.shape);
  l.attrs["ch"] = ch;
  l.attrs["scale_name"] = param_name + ".scale";
  l.attrs["shift_name"] = param_name + ".shift";
  ctx.graph.tensors[l.name + "/scale"] = ir::Tensor{l.name + "/scale", {ch}, "float", true, scale};
  ctx.graph.tensors[l.name + "/shift"] = ir::Tensor{l.name + "/shift", {ch}, "float", true, shift};
  ctx.acts[node.outputs.at(0)].map = a.map;  // same order as the input
}

void lower_batchnorm(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  const Activation a = ctx.act(node, 0);
  if (node.attr_int("training_mode", 0) != 0 ||
      (node.outputs.size() > 1 && ctx.onnx_uses(node.outputs[1]) > 0)) {
    fail_input(src + ": " + node.label() +
               " is in training mode; export the model for inference (model.eval())");
  }
  if (node.inputs.size() != 5) fail_input(src + ": " + node.label() + " needs 5 inputs");
  const int64_t c_count = a.shape.empty() ? 1 : a.shape[0];
  const char* roles[] = {"", "scale", "B", "mean", "var"};
  std::vector<const ir::Tensor*> p(5);
  for (size_t k = 1; k < 5; ++k) {
    p[k] = &constant_input(ctx.graph, node, k, roles[k]);
    if (static_cast<int64_t>(p[k]->data.size()) != c_count) {
      fail_input(src + ": " + node.label() + ": " + roles[k] + " '" + p[k]->name + "' has " +
                 std::to_string(p[k]->data.size()) + " values for " + std::to_string(c_count) +
                 " channels");
    }
  }
  const double eps = node.attr_float("epsilon", 1e-5f);
  const int64_t n = product(a.shape), spatial = n / std::max<int64_t>(c_count, 1);
  std::vector<float> scale(static_cast<size_t>(n)), shift(static_cast<size_t>(n));
  for (int64_t c = 0; c < c_count; ++c) {
    const double var = p[4]->data[static_cast<size_t>(c)];
    if (!(var + eps > 0)) {
      fail_input(src + ": " + node.label() + ": var '" + p[4]->name +
                 "' + epsilon is not positive at channel " + std::to_string(c));
    }
    const double s = p[1]->data[static_cast<size_t>(c)] / std::sqrt(var + eps);
    const double t = p[2]->data[static_cast<size_t>(c)] - p[3]->data[static_cast<size_t>(c)] * s;
    for (int64_t k = 0; k < spatial; ++k) {
      scale[static_cast<size_t>(c * spatial + k)] = static_cast<float>(s);
      shift[static_cast<size_t>(c * spatial + k)] = static_cast<float>(t);
    }
  }
  apply_affine(ctx, node, a, scale, shift, "batch normalization", node.name);
}

// Add / Sub / Mul / Div where one side is a constant.
void lower_binary(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() != 2) fail_input(src + ": " + node.label() + " needs two inputs");
  const bool act0 = ctx.is_activation(node.inputs[0]), act1 = ctx.is_activation(node.inputs[1]);
  if (act0 && act1) {
    if (node.op == "Add") return lower_residual_add(ctx, node);
    fail_input(src + ": " + node.label() +
               " combines two activations; nnaccel supports that only for Add (residual)");
  }
  const size_t ai = act0 ? 0 : 1;
  const Activation a = ctx.act(node, ai);
  const ir::Tensor& c = constant_input(ctx.graph, node, 1 - ai, "constant operand");
  const std::vector<float> v = broadcast_to_sample(ctx, node, c, a.shape);
  const size_t n = v.size();
  std::vector<float> scale(n, 1.f), shift(n, 0.f);
  for (size_t i = 0; i < n; ++i) {
    if (node.op == "Add") {
      shift[i] = v[i];
    } else if (node.op == "Sub") {
      if (ai == 0)
        shift[i] = -v[i];
      else
        scale[i] = -1.f, shift[i] = v[i];
    } else if (node.op == "Mul") {
      scale[i] = v[i];
    } else {  // Div
      if (ai == 1) {
        fail_input(src + ": " + node.label() +
                   " divides a constant by an activation; not supported");
      }
      if (v[i] == 0.f)
        fail_input(src + ": " + node.label() + ": divides by zero (constant '" + c.name + "')");
      scale[i] = 1.f / v[i];
    }
  }
  apply_affine(ctx, node, a, scale, shift, "constant '" + c.name + "'", c.name);
}

void lower_prelu(LowerContext& ctx, const ir::Node& node) {
  if (node.inputs.size() != 2)
    fail_input(ctx.graph.source + ": " + node.label() + " needs two inputs");
  const Activation in = ctx.act(node, 0);
  const Activation a = is_spatial(in) ? ctx.channel_last(node, in) : in;
  const ir::Tensor& slope = constant_input(ctx.graph, node, 1, "slope");
  int64_t ch = 0;
  std::vector<float> p = to_channels(ctx, node, a, broadcast_to_sample(ctx, node, slope, a.shape),
                                     "slope '" + slope.name + "'", &ch);
  check_finite(ctx.graph, node, p, "slope '" + slope.name + "'");
  ir::Node& l =
      ctx.add_layer("PRelu", "prelu", node, {a.stream}, node.outputs.at(0), a.shape, false);
  l.attrs["n"] = product(a.shape);
  l.attrs["ch"] = ch;
  l.attrs["slope_name"] = slope.name;
  ctx.graph.tensors[l.name + "/slope"] = ir::Tensor{l.name + "/slope", {ch}, "float", true, p};
  ctx.acts[node.outputs.at(0)].map = a.map;
}

// ---- layer ops

void assign_scale(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                  const BuildOptions& opt) {
  const ir::FixedType s = n.types.count("scale") ? n.types.at("scale") : opt.data_type;
  const ir::FixedType t = n.types.count("shift") ? n.types.at("shift") : opt.data_type;
  n.types = {{"in", in.at(0)},
             {"scale", s},
             {"shift", t},
             {"accum", exact_accumulator(n, in.at(0), s, t, 1)},
             {"out", out}};
}

std::string describe_scale(const ir::Node& n) {
  return "scale_shift n=" + std::to_string(n.attr_int("n", 0)) +
         " ch=" + std::to_string(n.attr_int("ch", 0)) + " in=" + n.types.at("in").cpp() +
         " scale=" + n.types.at("scale").cpp() + " shift=" + n.types.at("shift").cpp() +
         " accum=" + n.types.at("accum").cpp() + " out=" + n.types.at("out").cpp();
}

double bound_scale(const ir::Graph& g, const ir::Node& n, const std::vector<double>& in) {
  return in.at(0) * max_abs(g.tensor(n.name + "/scale").data) +
         max_abs(g.tensor(n.name + "/shift").data);
}

HlsCode emit_scale(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n", n.attr_int("n", 0)) +
             cfg_uint("ch", n.attr_int("ch", 0)) + cfg_type("scale_t", n.types.at("scale")) +
             cfg_type("shift_t", n.types.at("shift")) + cfg_type("accum_t", n.types.at("accum")) +
             "};\n";
  c.function = "nnhls::scale_shift";
  return c;
}

std::vector<WeightTensor> scale_weights(const ir::Graph& g, const ir::Node& n) {
  const std::string l = layer_name(n);
  const int64_t ch = n.attr_int("ch", 0);
  return {{n.attr_string("scale_name", ""),
           l + "_scale",
           "scale",
           {ch},
           &g.tensor(n.name + "/scale").data},
          {n.attr_string("shift_name", ""),
           l + "_shift",
           "shift",
           {ch},
           &g.tensor(n.name + "/shift").data}};
}

void assign_prelu(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                  const BuildOptions& opt) {
  const ir::FixedType s = n.types.count("slope") ? n.types.at("slope") : opt.data_type;
  const ir::FixedType zero{true, 1, 1, "AP_TRN", "AP_WRAP"};
  n.types = {{"in", in.at(0)},
             {"slope", s},
             {"accum", exact_accumulator(n, in.at(0), s, zero, 1)},
             {"out", out}};
}

std::string describe_prelu(const ir::Node& n) {
  return "prelu n=" + std::to_string(n.attr_int("n", 0)) +
         " ch=" + std::to_string(n.attr_int("ch", 0)) + " in=" + n.types.at("in").cpp() +
         " slope=" + n.types.at("slope").cpp() + " accum=" + n.types.at("accum").cpp() +
         " out=" + n.types.at("out").cpp();
}

double bound_prelu(const ir::Graph& g, const ir::Node& n, const std::vector<double>& in) {
  return in.at(0) * std::max(1.0, max_abs(g.tensor(n.name + "/slope").data));
}

HlsCode emit_prelu(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n", n.attr_int("n", 0)) +
             cfg_uint("ch", n.attr_int("ch", 0)) + cfg_type("slope_t", n.types.at("slope")) +
             cfg_type("accum_t", n.types.at("accum")) + "};\n";
  c.function = "nnhls::prelu";
  return c;
}

std::vector<WeightTensor> prelu_weights(const ir::Graph& g, const ir::Node& n) {
  return {{n.attr_string("slope_name", ""),
           layer_name(n) + "_slope",
           "slope",
           {n.attr_int("ch", 0)},
           &g.tensor(n.name + "/slope").data}};
}

// nn_scale.h: one value per cycle through one multiplier (x * scale[c], x * slope[c]).
LayerCost scale_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  LayerCost c = cost::elementwise(opt, n.attr_int("n", 0), 1, n.types.at("in").width,
                                  n.types.at("scale").width);
  const int64_t ch = n.attr_int("ch", 0);
  c.bram18k_weights =
      cost::bram18k(ch, n.types.at("scale").width) + cost::bram18k(ch, n.types.at("shift").width);
  return c;
}

LayerCost prelu_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  LayerCost c = cost::elementwise(opt, n.attr_int("n", 0), 1, n.types.at("in").width,
                                  n.types.at("slope").width);
  c.bram18k_weights = cost::bram18k(n.attr_int("ch", 0), n.types.at("slope").width);
  return c;
}

}  // namespace

std::vector<OnnxOp> affine_onnx_ops() {
  return {{"BatchNormalization", lower_batchnorm},
          {"Add", lower_binary},
          {"Sub", lower_binary},
          {"Mul", lower_binary},
          {"Div", lower_binary},
          {"PRelu", lower_prelu}};
}

std::vector<LayerOp> affine_layer_ops() {
  return {
      {"ScaleShift", assign_scale, describe_scale, bound_scale, emit_scale, scale_weights,
       scale_cost},
      {"PRelu", assign_prelu, describe_prelu, bound_prelu, emit_prelu, prelu_weights, prelu_cost}};
}

}  // namespace nngen::ops
