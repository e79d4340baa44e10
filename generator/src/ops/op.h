// What an op knows, in one place per op family (ops/*.cpp):
//  - OnnxOp: how an ONNX node of this type is checked and lowered into layer
//    nodes (or folded into the layer before it, or removed when it only
//    relabels the data);
//  - LayerOp: for a layer node, how its types are chosen, how it is described
//    in the architecture text (signature), how large its output can get, how
//    its HLS code is emitted, and which weight tensors it loads, in on-chip order.
// Layers form a DAG: a layer reads one or more activation streams (its
// `inputs`, named after the layer or graph input producing them) and writes
// one (`outputs[0]`). Data inside the accelerator is channel-last
// (docs/cnn.md "Layout").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace nngen::ops {

// Per-layer settings from --config (keys: layer name or ONNX node name).
struct LayerConfig {
  // Explicit types by key: "out" (the layer's output), and its weight tensors' keys
  // ("weight", "bias", "scale", "shift", "slope").
  std::map<std::string, ir::FixedType> types;
  std::optional<int> reuse;
};

// The device the cost estimate is made for (passes/estimate_cost.cpp, docs/cost-model.md);
// nngen generate fills it from the board. It does not shape the accelerator.
struct CostTarget {
  std::string board;          // board id; empty: no board (nngen weights, tests)
  std::string arch = "zynq";  // "zynq" (DSP48E1, 25x18) or "zynquplus" (DSP48E2, 27x18)
  int64_t dsp = 0, bram18k = 0, lut = 0, ff = 0;  // resources of the part; 0: unknown
  double clock_period_ns = 10;
};

// Options that shape the accelerator (not the model).
struct BuildOptions {
  ir::FixedType data_type;      // the default type: its width and modes are used everywhere
  bool auto_precision = false;  // choose integer bits per layer from ranges (docs/precision.md)
  std::optional<ir::FixedType> input_type;  // the input's type (default: data_type, or auto)
  int reuse = 1;                            // II of each dense/conv layer's output loop
  // "latency": --reuse as given; "resource": layers without their own reuse take one
  // multiplier (reuse = products per output), trading cycles for DSPs (docs/cnn.md).
  std::string strategy = "latency";
  int max_batch = 1024;       // m_axi depth / driver buffer capacity
  std::string io = "stream";  // "stream" (DATAFLOW + hls::stream) or "parallel" (arrays)
  std::map<std::string, LayerConfig> layers;
  // FIFO depths of stream mode, by stream name (from --fifo-depths auto or the config);
  // a stream without an entry gets the default rule (docs/cnn.md "FIFO depths").
  std::map<std::string, int64_t> fifo_depths;
  // Maximum occupancies measured by profiling a C simulation (--fifo-depths auto), by stream
  // name; turned into depths by the safety rule of passes/assign_fifo_depths.cpp.
  std::map<std::string, int64_t> fifo_occupancy;
  CostTarget target;  // for the cost estimate only
};

// An activation tensor reached by the lowering: where its data is and in which order.
struct Activation {
  std::string stream;          // the layer output (or graph input) holding the data
  std::vector<int64_t> shape;  // logical per-sample shape (ONNX order, batch excluded)
  // map[i] = position in the stream of logical element i (row-major over `shape`);
  // empty = identity. Transposes and flattens only change this map; a layer that needs
  // another order gets a reorder layer inserted in front of it.
  std::vector<int64_t> map;
  std::string onnx_tensor;  // the ONNX tensor whose values these are (for ranges)
};

// State of the lowering walk over the ONNX nodes (topological order).
struct LowerContext {
  ir::Graph& graph;
  std::map<std::string, Activation> acts;  // by ONNX tensor name
  std::vector<ir::Node> layers;            // what has been lowered so far
  int next_id = 0;

  bool is_activation(const std::string& tensor) const { return acts.count(tensor) != 0; }
  // The activation feeding input `index` of `node`; Error naming the node if it is not one.
  const Activation& act(const ir::Node& node, size_t index) const;
  // A new layer (op, name prefix), reading `inputs` (streams), producing ONNX tensor `onnx_out`
  // with logical shape `shape` in channel-last order when `channel_last`, else row-major.
  ir::Node& add_layer(const std::string& op, const std::string& prefix, const ir::Node& from,
                      std::vector<std::string> inputs, const std::string& onnx_out,
                      std::vector<int64_t> shape, bool channel_last);
  // The layer producing `stream` (nullptr for the graph input).
  ir::Node* producer(const std::string& stream);
  // Number of ONNX nodes (and the graph output) reading ONNX tensor `t`.
  int onnx_uses(const std::string& t) const { return graph.use_count(t); }
  void alias(const std::string& onnx_out, Activation a);
  // `a` in channel-last order (spatial logical shape [C, ...]), inserting a reorder if needed.
  Activation channel_last(const ir::Node& node, const Activation& a);
  // `a` with identity map (row-major logical order), inserting a reorder if needed.
  Activation row_major(const ir::Node& node, const Activation& a);
};

// The stream position of each logical element of shape [C, S...] stored channel-last.
std::vector<int64_t> channel_last_map(const std::vector<int64_t>& shape);

struct OnnxOp {
  std::string_view op_type;
  // Checks `node` (attributes, shapes, constants) and appends layer nodes to
  // ctx.layers or folds into one. Throws Error(kBadInput) naming the node.
  void (*lower)(LowerContext& ctx, const ir::Node& node);
};

// A weight tensor as the accelerator stores it.
struct WeightTensor {
  std::string name;           // the ONNX initializer(s) it came from
  std::string storage;        // the HLS array holding it, e.g. "dense0_w"
  std::string type_key;       // key into node.types: "weight", "bias", ...
  std::vector<int64_t> dims;  // on-chip order
  const std::vector<float>* values;
};

// Pieces of HLS code a layer contributes to the generated top.
struct HlsCode {
  std::string config;    // struct <layer>_cfg {...}; in <name>_layers.h
  std::string storage;   // definitions in <name>_accel.cpp (tables)
  std::string function;  // e.g. "nnhls::conv2d"; the array form is function + "_array"
  std::string pragmas;   // pragmas on the layer's weight arrays, placed in the top function
};

// Estimated cost of one layer per sample (docs/cost-model.md gives every formula).
struct LayerCost {
  int64_t macs = 0;             // multiply-accumulates of the layer (dense, conv); 0 otherwise
  int64_t multipliers = 0;      // hardware multipliers: ceil(products per output / reuse)
  int64_t dsp = 0;              // DSP slices of those multipliers (0: products in LUTs)
  int64_t bram18k_weights = 0;  // BRAM-18K of the weight arrays (per bank, LUTRAM under 1 Kbit)
  int64_t bram18k_buffers = 0;  // BRAM-18K of line buffers, sample buffers and tables
  int64_t latency_cycles = 0;   // first input to last output of one sample
  int64_t ii_cycles = 0;        // cycles between samples when the layer runs back to back
  std::string note;             // what the numbers assume (shown in the report)
};

struct LayerOp {
  std::string_view op;
  // Sets node.types from the types of its inputs and the output type the precision pass
  // proposes (an op whose output is exact in its input type may keep that instead).
  void (*assign_types)(ir::Node& node, const std::vector<ir::FixedType>& in,
                       const ir::FixedType& out, const BuildOptions& opt);
  // One line of the architecture text: all that affects the bitstream.
  std::string (*describe)(const ir::Node& node);
  // Largest |output| given the largest |input| of each input (worst case, from the weights).
  double (*bound)(const ir::Graph& g, const ir::Node& node, const std::vector<double>& in);
  HlsCode (*emit_hls)(const ir::Graph& g, const ir::Node& node, const BuildOptions& opt);
  std::vector<WeightTensor> (*weights)(const ir::Graph& g, const ir::Node& node);
  // The layer's estimated resources and cycles (ops/cost.h has the shared formulas).
  LayerCost (*cost)(const ir::Graph& g, const ir::Node& node, const BuildOptions& opt);
};

const OnnxOp* find_onnx_op(std::string_view op_type);
const LayerOp& layer_op(const ir::Node& node);  // Error(kInternal) if unknown
// "Add, AveragePool, ..." for messages.
std::string supported_onnx_ops();

// Per-op registries, defined in each op family's file.
std::vector<OnnxOp> dense_onnx_ops();
std::vector<OnnxOp> conv_onnx_ops();
std::vector<OnnxOp> pool_onnx_ops();
std::vector<OnnxOp> affine_onnx_ops();
std::vector<OnnxOp> merge_onnx_ops();
std::vector<OnnxOp> activation_onnx_ops();
std::vector<OnnxOp> softmax_onnx_ops();
std::vector<OnnxOp> layout_onnx_ops();
std::vector<LayerOp> dense_layer_ops();
std::vector<LayerOp> conv_layer_ops();
std::vector<LayerOp> pool_layer_ops();
std::vector<LayerOp> affine_layer_ops();
std::vector<LayerOp> merge_layer_ops();
std::vector<LayerOp> activation_layer_ops();
std::vector<LayerOp> softmax_layer_ops();
std::vector<LayerOp> reorder_layer_ops();

// Add of two activations (residual), in ops/merge.cpp; Add of a constant is ops/affine.cpp's.
void lower_residual_add(LowerContext& ctx, const ir::Node& node);

// Helpers shared by op files.
int64_t product(const std::vector<int64_t>& shape);
std::string shape_str(const std::vector<int64_t>& shape);
std::string layer_name(const ir::Node& node);  // C identifier of the layer
// Emits a double so that parsing it back gives exactly the same value.
std::string exact_double(double v);
// Smallest b with 2^b >= v (v >= 1).
int ceil_log2(int64_t v);
// For layers without weights.
std::vector<WeightTensor> no_weights(const ir::Graph& g, const ir::Node& node);
// "// <describe>\nstruct <layer>_cfg {\n" + max_batch, in_size, out_size, in_t, out_t members.
std::string config_head(const ir::Node& n, const BuildOptions& opt);
// "  static const unsigned <name> = <v>;\n"
std::string cfg_uint(const std::string& name, int64_t v);
std::string cfg_type(const std::string& name, const ir::FixedType& t);
// The ARRAY_PARTITION pragma giving each of the ceil(n_in / reuse) multipliers of a layer its
// own bank of the [n_out][n_in] weight array (empty when one bank suffices).
std::string weight_bank_pragma(const ir::Node& n, int64_t n_in);
// Element counts the lowering stored on the node.
int64_t in_size(const ir::Node& n);
int64_t out_size(const ir::Node& n);
// A constant input of `node` (an initializer or folded constant); Error naming the node and
// `role` otherwise.
const ir::Tensor& constant_input(const ir::Graph& g, const ir::Node& node, size_t index,
                                 const char* role);
// A NaN or infinite parameter would saturate silently in hardware: refused naming it.
void check_finite(const ir::Graph& g, const ir::Node& node, const std::vector<float>& v,
                  const std::string& what);
// The --config entry for this layer (by layer name, then ONNX node name), or nullptr.
const LayerConfig* find_layer_config(const BuildOptions& opt, const ir::Node& n);
// The reuse factor of a layer with `n_in` products per output: --config, else --reuse, at most
// n_in.
int64_t layer_reuse(const BuildOptions& opt, const ir::Node& n, int64_t n_in);
// The exact accumulator of `n_in` products in*weight plus a bias (docs/precision.md).
ir::FixedType exact_accumulator(const ir::Node& n, const ir::FixedType& in,
                                const ir::FixedType& weight, const ir::FixedType& bias,
                                int64_t n_in);
// LayerOp::bound of a layer whose output o is b[o] + sum_i w[o][i] * x_i, with weights in
// `<name>/weight` ([rows][n_in]) and biases in `<name>/bias` ([rows]): Dense and Conv.
double weight_row_bound(const ir::Graph& g, const ir::Node& n, const std::vector<double>& in);
// Largest |v|.
double max_abs(const std::vector<float>& v);

}  // namespace nngen::ops
