// Convolution (1-D and 2-D, groups 1 or depthwise) and zero Pad. A Conv becomes one `Conv`
// layer on a channel-last input; its weights are stored [ch_out][k_h*k_w*ch_in] with inner
// index (ky*k_w+kx)*ch_in+ci (depthwise: [ch][k_h*k_w]), the order nn_conv.h reads. A zero
// Pad read only by a Conv is folded into the Conv's padding; otherwise it is a ZeroPad layer.
#include <cmath>

#include "ops/cost.h"
#include "ops/op.h"
#include "ops/spatial.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

// The ZeroPad layer writing a.stream that only this Conv reads, or nullptr.
ir::Node* foldable_pad(LowerContext& ctx, const Activation& a) {
  ir::Node* p = ctx.producer(a.stream);
  if (!p || p->op != "ZeroPad" || p->attr_string("onnx_tensor", "") != a.onnx_tensor)
    return nullptr;
  if (ctx.onnx_uses(a.onnx_tensor) != 1 || a.onnx_tensor == ctx.graph.output) return nullptr;
  return p;
}

void lower_conv(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  if (node.inputs.size() < 2) fail_input(src + ": " + node.label() + " needs inputs X and W");
  Activation a = ctx.channel_last(node, ctx.act(node, 0));
  Window g = input_geometry(ctx, node, a);
  const ir::Tensor& w = constant_input(ctx.graph, node, 1, "weight W");
  const size_t d = static_cast<size_t>(g.dims);
  if (w.shape.size() != d + 2) {
    fail_input(src + ": " + node.label() + ": weight '" + w.name + "' has shape " +
               shape_str(w.shape) + ", expected [M, C/group" + (d == 2 ? ", kH, kW]" : ", k]"));
  }
  const int64_t m = w.shape[0], group = node.attr_int("group", 1);
  const std::vector<int64_t> kernel(w.shape.begin() + 2, w.shape.end());
  if (node.has_attr("kernel_shape") && node.attr_ints("kernel_shape") != kernel) {
    fail_input(src + ": " + node.label() + ": kernel_shape " +
               shape_str(node.attr_ints("kernel_shape")) + " does not match weight '" + w.name +
               "' " + shape_str(w.shape));
  }
  const bool depthwise = group != 1;
  if (depthwise && !(group == g.ch && m == g.ch && w.shape[1] == 1)) {
    fail_input(src + ": " + node.label() + ": group " + std::to_string(group) + " with " +
               std::to_string(g.ch) + " input and " + std::to_string(m) +
               " output channels; nnaccel supports group 1 and depthwise (group = input channels = "
               "output channels)");
  }
  if (!depthwise && w.shape[1] != g.ch) {
    fail_input(src + ": " + node.label() + ": weight '" + w.name + "' " + shape_str(w.shape) +
               " expects " + std::to_string(w.shape[1]) + " input channels, the input has " +
               std::to_string(g.ch));
  }
  // A zero Pad in front is folded into the padding, before the geometry is resolved.
  Window pad_extra;
  ir::Node* pad = foldable_pad(ctx, a);
  if (pad && node.attr_string("auto_pad", "NOTSET") == "NOTSET") {
    pad_extra.pad_top = pad->attr_int("pad_top", 0),
    pad_extra.pad_left = pad->attr_int("pad_left", 0);
    pad_extra.pad_bottom = pad->attr_int("pad_bottom", 0),
    pad_extra.pad_right = pad->attr_int("pad_right", 0);
    const std::string pad_in = pad->inputs.at(0);
    for (auto& [name, act] : ctx.acts) {
      if (act.stream == a.stream) act.stream = pad_in;  // nobody else reads it (checked above)
    }
    a.stream = pad_in;
    std::erase_if(ctx.layers, [&](const ir::Node& l) { return &l == pad; });
    g.in_h -= pad_extra.pad_top + pad_extra.pad_bottom;
    g.in_w -= pad_extra.pad_left + pad_extra.pad_right;
  }
  resolve_window(ctx, node, g, kernel, false);
  g.pad_top += pad_extra.pad_top, g.pad_left += pad_extra.pad_left;
  g.pad_bottom += pad_extra.pad_bottom, g.pad_right += pad_extra.pad_right;
  if (pad) {  // the output size with the folded pads
    g.out_h = (g.in_h + g.pad_top + g.pad_bottom - g.k_h) / g.stride_h + 1;
    g.out_w = (g.in_w + g.pad_left + g.pad_right - g.k_w) / g.stride_w + 1;
  }
  const int64_t window = g.k_h * g.k_w, n_in = depthwise ? window : window * g.ch;
  std::vector<float> wv(static_cast<size_t>(m * n_in));
  for (int64_t o = 0; o < m; ++o) {
    for (int64_t ci = 0; ci < (depthwise ? 1 : g.ch); ++ci) {
      for (int64_t k = 0; k < window; ++k) {
        const float v = w.data[static_cast<size_t>((o * (depthwise ? 1 : g.ch) + ci) * window + k)];
        wv[static_cast<size_t>(o * n_in + (depthwise ? k : k * g.ch + ci))] = v;
      }
    }
  }
  check_finite(ctx.graph, node, wv, "weight '" + w.name + "'");
  std::vector<float> bias(static_cast<size_t>(m), 0.f);
  std::string bias_name;
  if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
    const ir::Tensor& b = constant_input(ctx.graph, node, 2, "bias B");
    if (static_cast<int64_t>(b.data.size()) != m) {
      fail_input(src + ": " + node.label() + ": bias '" + b.name + "' has " +
                 std::to_string(b.data.size()) + " values for " + std::to_string(m) +
                 " output channels");
    }
    bias = b.data;
    bias_name = b.name;
    check_finite(ctx.graph, node, bias, "bias '" + b.name + "'");
  }
  ir::Node& l =
      ctx.add_layer("Conv", "conv", node, {a.stream}, node.outputs.at(0), output_shape(g, m), true);
  set_window_attrs(l, g);
  l.attrs["in_size"] = g.in_h * g.in_w * g.ch;
  l.attrs["ch_in"] = g.ch;
  l.attrs["ch_out"] = m;
  l.attrs["depthwise"] = static_cast<int64_t>(depthwise);
  l.attrs["n_in"] = n_in;
  l.attrs["weight_name"] = w.name;
  l.attrs["bias_name"] = bias_name.empty() ? l.name + ".bias(zero)" : bias_name;
  ctx.graph.tensors[l.name + "/weight"] =
      ir::Tensor{l.name + "/weight", {m, n_in}, "float", true, std::move(wv)};
  ctx.graph.tensors[l.name + "/bias"] =
      ir::Tensor{l.name + "/bias", {m}, "float", true, std::move(bias)};
}

void lower_pad(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  const std::string mode = node.attr_string("mode", "constant");
  if (mode != "constant") {
    fail_input(src + ": " + node.label() + ": mode '" + mode +
               "' is not supported (only constant zero padding)");
  }
  if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
    const ir::Tensor& v = constant_input(ctx.graph, node, 2, "constant_value");
    if (v.data.size() != 1 || v.data[0] != 0.f) {
      fail_input(src + ": " + node.label() + ": constant_value '" + v.name +
                 "' is not 0; only zero padding is supported");
    }
  }
  if (node.inputs.size() > 3 && !node.inputs[3].empty()) {
    fail_input(src + ": " + node.label() + ": the axes input is not supported");
  }
  const Activation a = ctx.channel_last(node, ctx.act(node, 0));
  Window g = input_geometry(ctx, node, a);
  const ir::Tensor* pads_t = node.inputs.size() > 1 && !node.inputs[1].empty()
                                 ? &ctx.graph.tensor(node.inputs[1])
                                 : nullptr;
  if (!pads_t || !pads_t->is_constant)
    fail_input(src + ": " + node.label() + ": pads must be a constant input");
  const size_t rank = a.shape.size() + 1;
  if (pads_t->data.size() != 2 * rank) {
    fail_input(src + ": " + node.label() + ": pads '" + pads_t->name + "' has " +
               std::to_string(pads_t->data.size()) + " values for a rank-" + std::to_string(rank) +
               " tensor");
  }
  std::vector<int64_t> p;
  for (float f : pads_t->data) {
    if (f != std::trunc(f) || f < 0 || f > 1024) {
      fail_input(src + ": " + node.label() + ": pads '" + pads_t->name +
                 "' must hold integers 0..1024 (negative pads crop: not supported)");
    }
    p.push_back(static_cast<int64_t>(f));
  }
  if (p[0] || p[1] || p[rank] || p[rank + 1]) {
    fail_input(src + ": " + node.label() +
               " pads the batch or channel dimension; only spatial padding is supported");
  }
  if (g.dims == 2) {
    g.pad_top = p[2], g.pad_left = p[3], g.pad_bottom = p[rank + 2], g.pad_right = p[rank + 3];
  } else {
    g.pad_left = p[2], g.pad_right = p[rank + 2];
  }
  g.out_h = g.in_h + g.pad_top + g.pad_bottom;
  g.out_w = g.in_w + g.pad_left + g.pad_right;
  ir::Node& l = ctx.add_layer("ZeroPad", "pad", node, {a.stream}, node.outputs.at(0),
                              output_shape(g, g.ch), true);
  set_window_attrs(l, g);
  l.attrs["ch"] = g.ch;
}

// ---- layer ops

void assign_conv(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                 const BuildOptions& opt) {
  const int64_t n_in = n.attr_int("n_in", 1);
  const ir::FixedType w = n.types.count("weight") ? n.types.at("weight") : opt.data_type;
  const ir::FixedType b = n.types.count("bias") ? n.types.at("bias") : opt.data_type;
  n.types = {{"in", in.at(0)},
             {"weight", w},
             {"bias", b},
             {"accum", exact_accumulator(n, in.at(0), w, b, n_in)},
             {"out", out}};
  n.attrs["reuse"] =
      layer_reuse(opt, n, n.attr_int("depthwise", 0) ? n.attr_int("ch_out", 1) : n_in);
}

std::string describe_conv(const ir::Node& n) {
  return std::string(n.attr_int("depthwise", 0) ? "conv_depthwise" : "conv") +
         " ch_in=" + std::to_string(n.attr_int("ch_in", 0)) +
         " ch_out=" + std::to_string(n.attr_int("ch_out", 0)) + window_describe(n) +
         " in=" + n.types.at("in").cpp() + " weight=" + n.types.at("weight").cpp() +
         " bias=" + n.types.at("bias").cpp() + " accum=" + n.types.at("accum").cpp() +
         " out=" + n.types.at("out").cpp() + " reuse=" + std::to_string(n.attr_int("reuse", 1));
}

HlsCode emit_conv(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config =
      config_head(n, opt) + window_config(n) + cfg_uint("ch_in", n.attr_int("ch_in", 0)) +
      cfg_uint("ch_out", n.attr_int("ch_out", 0)) + cfg_uint("reuse", n.attr_int("reuse", 1)) +
      "  static const bool depthwise = " + (n.attr_int("depthwise", 0) ? "true" : "false") + ";\n" +
      cfg_type("weight_t", n.types.at("weight")) + cfg_type("bias_t", n.types.at("bias")) +
      cfg_type("accum_t", n.types.at("accum")) + "};\n";
  c.function = "nnhls::conv2d";
  c.pragmas = weight_bank_pragma(n, n.attr_int("n_in", 1));
  return c;
}

std::vector<WeightTensor> conv_weights(const ir::Graph& g, const ir::Node& n) {
  const std::string l = layer_name(n);
  const int64_t m = n.attr_int("ch_out", 0), n_in = n.attr_int("n_in", 0);
  return {
      {n.attr_string("weight_name", ""),
       l + "_w",
       "weight",
       {m, n_in},
       &g.tensor(n.name + "/weight").data},
      {n.attr_string("bias_name", ""), l + "_b", "bias", {m}, &g.tensor(n.name + "/bias").data}};
}

void assign_pad(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType&,
                const BuildOptions&) {
  n.types = {{"in", in.at(0)}, {"out", in.at(0)}};  // zeros and copies: exact
}

std::string describe_pad(const ir::Node& n) {
  return "zero_pad ch=" + std::to_string(n.attr_int("ch", 0)) + window_describe(n) +
         " type=" + n.types.at("in").cpp();
}

double bound_pad(const ir::Graph&, const ir::Node&, const std::vector<double>& in) {
  return in.at(0);
}

HlsCode emit_pad(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + window_config(n) + cfg_uint("ch", n.attr_int("ch", 0)) + "};\n";
  c.function = "nnhls::zero_pad";
  return c;
}

// nn_conv.h: per output pixel the window is gathered, then ch_out channels at II = reuse, each
// an unrolled MAC of its weight row (ceil(row / reuse) multipliers).
LayerCost conv_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int64_t row = n.attr_int("n_in", 0), ch_out = n.attr_int("ch_out", 0);
  const int64_t reuse = n.attr_int("reuse", 1);
  LayerCost c;
  c.macs = n.attr_int("out_h", 1) * n.attr_int("out_w", 1) * ch_out * row;
  c.multipliers = cost::ceil_div(row, reuse);
  c.dsp = c.multipliers * cost::dsp_per_multiplier(n.types.at("in").width,
                                                   n.types.at("weight").width, opt.target.arch);
  c.bram18k_weights = cost::bram18k_banked(ch_out, row, n.types.at("weight").width, c.multipliers) +
                      cost::bram18k(ch_out, n.types.at("bias").width);
  cost::window_timing(c, n, opt, n.attr_int("ch_in", 0), ch_out, reuse, n.types.at("in").width);
  if (opt.io == "stream") c.note = "line buffer";
  return c;
}

LayerCost pad_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  return cost::elementwise(opt, out_size(n), 0, 0, 0);  // one output value per cycle
}

}  // namespace

std::vector<OnnxOp> conv_onnx_ops() { return {{"Conv", lower_conv}, {"Pad", lower_pad}}; }

std::vector<LayerOp> conv_layer_ops() {
  return {
      {"Conv", assign_conv, describe_conv, weight_row_bound, emit_conv, conv_weights, conv_cost},
      {"ZeroPad", assign_pad, describe_pad, bound_pad, emit_pad, no_weights, pad_cost}};
}

}  // namespace nngen::ops
