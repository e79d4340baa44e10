// Pass estimate-cost: the resources and cycles of the generated accelerator, estimated per layer
// by each op (LayerOp::cost) and summed here with the FIFOs and the weight load
// (docs/cost-model.md). An estimate from the loop structure of the layer library, not a
// synthesis result; a warning when it exceeds the board's DSPs or block RAM.
#include <algorithm>
#include <map>

#include "ops/cost.h"
#include "ops/op.h"
#include "passes/pipeline.h"

namespace nngen::passes {
namespace {

// build_vivado.tcl.in configures the PS slave port of the m_axi masters 64 bits wide.
constexpr int64_t kBusBits = 64;

// The per-sample output shape of layer `n`, from its geometry or, for a layer that keeps its
// input's layout (element-wise), its first input's shape.
std::vector<int64_t> out_shape(const ir::Node& n,
                               const std::map<std::string, std::vector<int64_t>>& shapes) {
  const int64_t size = ops::out_size(n);
  auto input_shape = [&](size_t i) -> std::vector<int64_t> {
    if (i >= n.inputs.size()) return {};
    auto it = shapes.find(n.inputs[i]);
    return it == shapes.end() ? std::vector<int64_t>{} : it->second;
  };
  if (n.op == "Conv" || n.op == "Pool" || n.op == "ZeroPad") {
    const int64_t ch = n.op == "Conv" ? n.attr_int("ch_out", 0) : n.attr_int("ch", 0);
    const int64_t h = n.attr_int("out_h", 1), w = n.attr_int("out_w", 1);
    return n.attr_int("in_h", 1) == 1 && n.attr_int("k_h", 1) == 1 ? std::vector<int64_t>{w, ch}
                                                                   : std::vector<int64_t>{h, w, ch};
  }
  if (n.op == "Dense" || n.op == "GlobalPool" || n.op == "Softmax") return {size};
  if (n.op == "Concat") {
    std::vector<int64_t> s = input_shape(0);
    if (!s.empty()) s.back() = n.attr_int("ch0", 0) + n.attr_int("ch1", 0);
    if (ops::product(s) == size) return s;
    return {size};
  }
  if (n.op == "Transpose2d") {
    // [rows][cols] written as [cols][rows]: NCHW [C, H, W] becomes channel-last [H, W, C].
    const std::vector<int64_t> in = input_shape(0);
    const int64_t rows = n.attr_int("rows", 0);
    if (in.size() >= 2 && in[0] == rows && ops::product(in) == size) {
      std::vector<int64_t> s(in.begin() + 1, in.end());
      s.push_back(rows);
      return s;
    }
    return {n.attr_int("cols", 0), rows};
  }
  std::vector<int64_t> s = input_shape(0);  // element-wise: same layout as its input
  return ops::product(s) == size && !s.empty() ? s : std::vector<int64_t>{size};
}

void add_to(ops::LayerCost& t, const ops::LayerCost& c) {
  t.macs += c.macs;
  t.multipliers += c.multipliers;
  t.dsp += c.dsp;
  t.bram18k_weights += c.bram18k_weights;
  t.bram18k_buffers += c.bram18k_buffers;
}

}  // namespace

void estimate_cost(Design& d) {
  CostEstimate e;
  e.target = d.options.target;
  e.bus_bits = kBusBits;
  const bool stream = d.options.io == "stream";
  std::map<std::string, std::vector<int64_t>> shapes;
  shapes[d.graph.input] = d.graph.input_sample_shape;
  int64_t sum_latency = 0, max_ii = 0;
  for (const ir::Node& n : d.graph.nodes) {
    const ops::LayerOp& op = ops::layer_op(n);
    LayerCostRow row{n.name, n.op, out_shape(n, shapes), op.cost(d.graph, n, d.options)};
    for (const std::string& o : n.outputs) shapes[o] = row.out_shape;
    add_to(e.total, row.cost);
    sum_latency += row.cost.latency_cycles;
    max_ii = std::max(max_ii, row.cost.ii_cycles);
    e.layers.push_back(std::move(row));
  }
  for (const Fifo& f : d.fifos) {
    // Under 1 Kbit a FIFO is shift registers (SRL), otherwise block RAM.
    e.fifo_bram18k.push_back(ops::cost::bram18k(f.depth, f.element_bits));
    e.bram18k_fifos += e.fifo_bram18k.back();
  }
  // The top reads the input and writes the output at one value per cycle. Stream: the layers
  // overlap (DATAFLOW), so a sample's latency is at most the sum and samples follow each other
  // at the slowest stage's interval; parallel: one sample at a time through every layer.
  const int64_t io = static_cast<int64_t>(d.input_size) + static_cast<int64_t>(d.output_size);
  e.total.latency_cycles = sum_latency + io;
  e.total.ii_cycles = stream ? std::max({max_ii, static_cast<int64_t>(d.input_size),
                                         static_cast<int64_t>(d.output_size)})
                             : e.total.latency_cycles;
  e.bram18k_total = e.total.bram18k_weights + e.total.bram18k_buffers + e.bram18k_fifos;
  // Weight load (mode 1): the bus delivers bus_bits / 32 words per cycle, the load loop takes
  // one word per cycle (II = 1, nn_bus_io.h); the slower of the two bounds it.
  e.weight_load_bus_cycles = ops::cost::ceil_div(d.weight_words, kBusBits / 32);
  e.weight_load_cycles = std::max<int64_t>(e.weight_load_bus_cycles, d.weight_words);
  e.over_dsp = e.target.dsp > 0 && e.total.dsp > e.target.dsp;
  e.over_bram = e.target.bram18k > 0 && e.bram18k_total > e.target.bram18k;
  const std::string board = e.target.board.empty() ? "the board" : "board '" + e.target.board + "'";
  if (e.over_dsp) {
    d.warnings.push_back("the cost estimate needs " + std::to_string(e.total.dsp) +
                         " DSP slices, " + board + " has " + std::to_string(e.target.dsp) +
                         "; raise --reuse (or set reuse per layer in --config) or use fewer bits "
                         "(OUT/report.md lists the DSPs per layer)");
  }
  if (e.over_bram) {
    d.warnings.push_back("the cost estimate needs " + std::to_string(e.bram18k_total) +
                         " BRAM-18K blocks, " + board + " has " + std::to_string(e.target.bram18k) +
                         "; use fewer bits or a smaller model (OUT/report.md lists the BRAM per "
                         "layer and FIFO)");
  }
  d.cost = std::move(e);
}

}  // namespace nngen::passes
