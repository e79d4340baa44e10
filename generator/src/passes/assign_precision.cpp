// Pass assign-precision: chooses every layer's types. With an explicit --precision (the
// default when auto precision is off) every activation, weight and bias uses that one type.
// With auto precision the width and modes of --precision are kept and the integer bits of each
// output, weight tensor and the input follow from the range it must hold:
//  - an activation: the largest |value| seen on the --calibrate samples times a margin of 2
//    (one spare integer bit); without samples the default type, with the worst-case bound
//    propagated through each layer's weights (LayerOp::bound) reported as a saturation risk;
//  - a weight tensor: its largest |value| times 2 (room for retrained weights, nngen weights).
// --config types override both. Each op then derives its internal types (accumulators...)
// from its input and output types (ops/*.cpp). docs/precision.md.
#include <cmath>

#include "ops/op.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace nngen::passes {
namespace {

constexpr double kCalibrationMargin = 2.0;
// Weights are known exactly, but the project must also hold retrained weights loaded later
// (nngen weights): one spare integer bit lets them grow to twice the current largest value.
constexpr double kWeightMargin = 2.0;

// Integer bits for a signed type that holds |v| <= range: 2^(I-1) > range.
ir::FixedType type_for(const ir::FixedType& base, double range, bool* overflows) {
  int i = range > 0 ? static_cast<int>(std::floor(std::log2(range))) + 2 : 1;
  i = std::max(i, 2 - base.width / 2);  // keep some integer range for tiny values
  *overflows = i > base.width;
  i = std::min(i, base.width);
  ir::FixedType t = base;
  t.int_bits = i;
  return t;
}

}  // namespace

void assign_precision(Design& d) {
  ir::Graph& g = d.graph;
  const ops::BuildOptions& opt = d.options;
  const bool calibrated = !d.observed.empty();
  std::map<std::string, ir::FixedType> stream_type;
  std::map<std::string, double> stream_range;
  // The input.
  double in_range = calibrated ? d.observed.at(g.input) * kCalibrationMargin
                               : std::ldexp(1.0, opt.data_type.int_bits - 1);
  bool overflow = false;
  d.input_type = opt.input_type                     ? *opt.input_type
                 : opt.auto_precision && calibrated ? type_for(opt.data_type, in_range, &overflow)
                                                    : opt.data_type;
  stream_type["input"] = d.input_type;
  stream_range["input"] = std::ldexp(1.0, d.input_type.int_bits - 1);
  d.precision.clear();
  for (ir::Node& n : g.nodes) {
    const ops::LayerOp& op = ops::layer_op(n);
    const ops::LayerConfig* cfg = ops::find_layer_config(opt, n);
    std::vector<ir::FixedType> in_types;
    std::vector<double> in_ranges;
    for (const std::string& s : n.inputs) {
      if (!stream_type.count(s))
        fail_internal(n.label() + " reads stream '" + s + "' before it is written");
      in_types.push_back(stream_type.at(s));
      in_ranges.push_back(stream_range.at(s));
    }
    // Weight tensors first: the op's types depend on them.
    n.types.clear();
    for (const ops::WeightTensor& w : op.weights(g, n)) {
      bool over = false;
      ir::FixedType t =
          opt.auto_precision
              ? type_for(opt.data_type, ops::max_abs(*w.values) * kWeightMargin, &over)
              : opt.data_type;
      if (cfg && cfg->types.count(w.type_key)) t = cfg->types.at(w.type_key);
      n.types[w.type_key] = t;
    }
    LayerPrecision p;
    p.layer = n.name;
    const std::string onnx_tensor = n.attr_string("onnx_tensor", "");
    if (calibrated && d.observed.count(onnx_tensor)) {
      p.range = d.observed.at(onnx_tensor);
      p.range_source = "calibration";
    } else {
      p.range = op.bound(g, n, in_ranges);
      p.range_source = "bound";
    }
    ir::FixedType proposed = opt.data_type;
    // Activations follow the calibration; without data they keep the default type: worst-case
    // bounds compound layer after layer (Σ|w| per layer) and would leave deep models almost no
    // fraction bits. The bound is still reported, as the risk of saturation it shows.
    if (opt.auto_precision && calibrated) {
      proposed = type_for(opt.data_type,
                          p.range * (p.range_source == "calibration" ? kCalibrationMargin : 1.0),
                          &p.overflows);
    }
    if (cfg && cfg->types.count("out")) proposed = cfg->types.at("out");
    if (!opt.auto_precision || (cfg && cfg->types.count("out")))
      p.range_source += ", explicit type";
    op.assign_types(n, in_types, proposed, opt);
    p.out = n.types.at("out");
    // The output may be exact in the input type (relu, max pool) rather than the proposal.
    p.overflows = p.range >= std::ldexp(1.0, p.out.int_bits - 1);
    if (p.overflows && p.range_source.starts_with("calibration")) {
      d.warnings.push_back(n.label() + ": values up to " + std::to_string(p.range) +
                           " were seen, " + p.out.cpp() + " saturates at " +
                           std::to_string(std::ldexp(1.0, p.out.int_bits - 1)) +
                           "; use a wider type (--precision or --config)");
    }
    for (const std::string& o : n.outputs) {
      stream_type[o] = n.types.at("out");
      // Downstream bounds: what this output can hold at most.
      stream_range[o] =
          std::min(p.range_source.starts_with("bound") ? p.range : p.range * kCalibrationMargin,
                   std::ldexp(1.0, n.types.at("out").int_bits - 1));
    }
    d.precision.push_back(p);
  }
}

}  // namespace nngen::passes
