// Pooling: MaxPool and AveragePool (1-D, 2-D) become a `Pool` layer, GlobalAveragePool and
// GlobalMaxPool a `GlobalPool` layer, both on channel-last inputs (nn_pool.h).
#include <cmath>

#include "ops/cost.h"
#include "ops/op.h"
#include "ops/spatial.h"
#include "support/error.h"

namespace nngen::ops {
namespace {

void lower_pool(LowerContext& ctx, const ir::Node& node) {
  const auto& src = ctx.graph.source;
  const bool is_max = node.op == "MaxPool";
  if (is_max && node.outputs.size() > 1 && !node.outputs[1].empty() &&
      ctx.onnx_uses(node.outputs[1]) > 0) {
    fail_input(src + ": " + node.label() + ": its Indices output is used; not supported");
  }
  if (node.attr_int("storage_order", 0) != 0) {
    fail_input(src + ": " + node.label() + ": storage_order 1 is not supported");
  }
  const Activation a = ctx.channel_last(node, ctx.act(node, 0));
  Window g = input_geometry(ctx, node, a);
  const std::vector<int64_t> kernel = node.attr_ints("kernel_shape");
  if (kernel.empty()) fail_input(src + ": " + node.label() + " has no kernel_shape");
  const bool ceil_mode = node.attr_int("ceil_mode", 0) != 0;
  resolve_window(ctx, node, g, kernel, ceil_mode);
  const bool include_pad = !is_max && node.attr_int("count_include_pad", 0) != 0;
  if (include_pad && ceil_mode &&
      ((g.out_h - 1) * g.stride_h + g.k_h > g.in_h + g.pad_top + g.pad_bottom ||
       (g.out_w - 1) * g.stride_w + g.k_w > g.in_w + g.pad_left + g.pad_right)) {
    fail_input(src + ": " + node.label() +
               ": ceil_mode with count_include_pad makes windows that reach past the padding; "
               "how they are counted differs between frameworks, so nnaccel refuses it");
  }
  ir::Node& l = ctx.add_layer("Pool", is_max ? "maxpool" : "avgpool", node, {a.stream},
                              node.outputs.at(0), output_shape(g, g.ch), true);
  set_window_attrs(l, g);
  l.attrs["ch"] = g.ch;
  l.attrs["is_max"] = static_cast<int64_t>(is_max);
  l.attrs["count_include_pad"] = static_cast<int64_t>(include_pad);
}

void lower_global_pool(LowerContext& ctx, const ir::Node& node) {
  const Activation a = ctx.channel_last(node, ctx.act(node, 0));
  if (a.shape.size() < 2) {
    fail_input(ctx.graph.source + ": " + node.label() +
               " needs a tensor with spatial dimensions; it gets " + shape_str(a.shape));
  }
  std::vector<int64_t> shape(a.shape.size(), 1);
  shape[0] = a.shape[0];
  ir::Node& l = ctx.add_layer("GlobalPool", node.op == "GlobalMaxPool" ? "gmaxpool" : "gavgpool",
                              node, {a.stream}, node.outputs.at(0), shape, true);
  l.attrs["n_pix"] = product(a.shape) / a.shape[0];
  l.attrs["ch"] = a.shape[0];
  l.attrs["is_max"] = static_cast<int64_t>(node.op == "GlobalMaxPool");
}

// The sum of a window (average pooling) is exact in accum_t; one rounding at the end.
ir::FixedType sum_type(const ir::FixedType& in, int64_t count) {
  const int grow = ceil_log2(count);
  return ir::FixedType{true, std::min(in.width + grow, ir::kMaxFixedWidth), in.int_bits + grow,
                       "AP_TRN", "AP_WRAP"};
}

void assign_pool(ir::Node& n, const std::vector<ir::FixedType>& in, const ir::FixedType& out,
                 const BuildOptions&) {
  const bool is_max = n.attr_int("is_max", 0) != 0;
  const int64_t count =
      n.op == "GlobalPool" ? n.attr_int("n_pix", 1) : n.attr_int("k_h", 1) * n.attr_int("k_w", 1);
  // The maximum of values of the input type is exact in it.
  n.types = {
      {"in", in.at(0)}, {"accum", sum_type(in.at(0), count)}, {"out", is_max ? in.at(0) : out}};
}

std::string describe_pool(const ir::Node& n) {
  return std::string(n.attr_int("is_max", 0) ? "max_pool" : "avg_pool") +
         " ch=" + std::to_string(n.attr_int("ch", 0)) + window_describe(n) +
         " count_include_pad=" + std::to_string(n.attr_int("count_include_pad", 0)) +
         " in=" + n.types.at("in").cpp() + " accum=" + n.types.at("accum").cpp() +
         " out=" + n.types.at("out").cpp();
}

std::string describe_global(const ir::Node& n) {
  return std::string(n.attr_int("is_max", 0) ? "global_max_pool" : "global_avg_pool") +
         " n_pix=" + std::to_string(n.attr_int("n_pix", 0)) +
         " ch=" + std::to_string(n.attr_int("ch", 0)) + " in=" + n.types.at("in").cpp() +
         " accum=" + n.types.at("accum").cpp() + " out=" + n.types.at("out").cpp();
}

double bound_pool(const ir::Graph&, const ir::Node&, const std::vector<double>& in) {
  return in.at(0);
}

std::string flags(const ir::Node& n) {
  return std::string("  static const bool is_max = ") +
         (n.attr_int("is_max", 0) ? "true" : "false") + ";\n";
}

HlsCode emit_pool(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + window_config(n) + cfg_uint("ch", n.attr_int("ch", 0)) +
             flags(n) + "  static const bool count_include_pad = " +
             (n.attr_int("count_include_pad", 0) ? "true" : "false") + ";\n" +
             cfg_type("accum_t", n.types.at("accum")) + "};\n";
  c.function = "nnhls::pool2d";
  return c;
}

HlsCode emit_global(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  HlsCode c;
  c.config = config_head(n, opt) + cfg_uint("n_pix", n.attr_int("n_pix", 0)) +
             cfg_uint("ch", n.attr_int("ch", 0)) + flags(n) +
             cfg_type("accum_t", n.types.at("accum")) + "};\n";
  c.function = "nnhls::global_pool";
  return c;
}

// nn_pool.h: the window of nn_window.h with ch outputs per pixel at II = 1; no multipliers (an
// average divides by a small count: one divider in LUTs).
LayerCost pool_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  LayerCost c;
  const int64_t ch = n.attr_int("ch", 0);
  cost::window_timing(c, n, opt, ch, ch, 1, n.types.at("in").width);
  const bool is_max = n.attr_int("is_max", 0) != 0, stream = opt.io == "stream";
  c.note = std::string(is_max ? "" : "divider in LUTs") + (!is_max && stream ? "; " : "") +
           (stream ? "line buffer" : "");
  return c;
}

// global_pool: n_pix * ch values read at II = 1, then ch results (stream form; the array form
// writes each result inside its channel loop).
LayerCost global_cost(const ir::Graph&, const ir::Node& n, const BuildOptions& opt) {
  const int64_t ch = n.attr_int("ch", 0), pixels = n.attr_int("n_pix", 0);
  LayerCost c = cost::elementwise(opt, pixels * ch + (opt.io == "stream" ? ch : 0), 0, 0, 0);
  if (opt.io == "stream") c.bram18k_buffers = cost::bram18k(ch, n.types.at("accum").width);
  if (!n.attr_int("is_max", 0)) c.note = "divider in LUTs";
  return c;
}

}  // namespace

std::vector<OnnxOp> pool_onnx_ops() {
  return {{"MaxPool", lower_pool},
          {"AveragePool", lower_pool},
          {"GlobalAveragePool", lower_global_pool},
          {"GlobalMaxPool", lower_global_pool}};
}

std::vector<LayerOp> pool_layer_ops() {
  return {{"Pool", assign_pool, describe_pool, bound_pool, emit_pool, no_weights, pool_cost},
          {"GlobalPool", assign_pool, describe_global, bound_pool, emit_global, no_weights,
           global_cost}};
}

}  // namespace nngen::ops
