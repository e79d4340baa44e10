// The pass pipeline: an ordered list of small named passes that take the
// ONNX-level graph to a Design the writers serialize. Each pass lives in its
// own file; `--print-ir-after NAME` prints the IR after that pass.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"
#include "ops/op.h"

namespace nngen::passes {

// One tensor of the weight image, in load order.
struct WeightEntry {
  std::string name;           // ONNX initializer name (table entry of the .nnw)
  std::string storage;        // on-chip array
  std::string element_type;   // C++ type of the array elements
  std::vector<int64_t> dims;  // on-chip order
  uint32_t offset = 0;        // first word in the image
  uint32_t count = 0;
  const std::vector<float>* values = nullptr;
};

// How a layer's output type was chosen (OUT/report.md).
struct LayerPrecision {
  std::string layer;
  double range = 0;          // |value| the type must hold
  std::string range_source;  // "calibration", "bound" (worst case from weights), "explicit"
  ir::FixedType out;
  bool overflows = false;  // the range exceeds what the type can hold
};

// A FIFO of the stream architecture (passes/assign_fifo_depths.cpp).
struct Fifo {
  std::string stream;      // e.g. "s_conv0"
  int64_t depth = 0;       // in the STREAM pragma
  int64_t elements = 0;    // per sample (the default depth)
  int element_bits = 0;    // width of one element
  int64_t occupancy = -1;  // measured maximum occupancy (-1: not measured)
  std::string rule;        // how the depth was chosen: "one sample", "measured", "configured"
};

// One layer's row of the cost estimate.
struct LayerCostRow {
  std::string layer;
  std::string op;
  std::vector<int64_t> out_shape;  // channel-last [H, W, C] for spatial outputs, else [N]
  ops::LayerCost cost;
};

// The cost estimate (passes/estimate_cost.cpp, docs/cost-model.md): per layer and in total.
struct CostEstimate {
  std::vector<LayerCostRow> layers;
  std::vector<int64_t> fifo_bram18k;  // per entry of Design::fifos
  ops::LayerCost total;               // sums; latency/II of the whole accelerator per sample
  int64_t bram18k_fifos = 0;
  int64_t bram18k_total = 0;           // weights + buffers + FIFOs
  int64_t bus_bits = 0;                // data width of the weight master's PS port
  int64_t weight_load_cycles = 0;      // max(bus-limited, load-loop-limited) cycles
  int64_t weight_load_bus_cycles = 0;  // weight words / (bus_bits / 32)
  ops::CostTarget target;              // the board's resources (0: unknown)
  bool over_dsp = false, over_bram = false;
};

// Everything the writers need; nothing in it is decided by a writer.
struct Design {
  ir::Graph graph;  // after lowering: graph.nodes are layer nodes
  ops::BuildOptions options;
  uint32_t input_size = 0;  // elements per sample
  uint32_t output_size = 0;
  std::vector<int64_t> output_sample_shape;
  std::string output_stream;  // the layer output the top writes to the bus
  ir::FixedType input_type;   // what the input is converted to
  // Calibration samples (float32, [N, per-sample shape]) and what they showed: the largest
  // |value| of every ONNX tensor (passes/calibrate.cpp).
  std::vector<float> calibration;
  std::map<std::string, double> observed;
  std::vector<LayerPrecision> precision;
  std::vector<std::string> warnings;  // printed by the CLI
  std::vector<Fifo> fifos;            // stream mode: every FIFO, in dataflow order
  std::vector<WeightEntry> weights;
  uint32_t weight_words = 0;
  CostEstimate cost;         // passes/estimate_cost.cpp
  std::string architecture;  // the text the signature hashes (docs/signature.md)
  uint32_t signature = 0;
};

struct Pass {
  std::string_view name;
  std::function<void(Design&)> run;
};

const std::vector<Pass>& default_pipeline();
std::vector<std::string> pass_names();

// Runs the pipeline. `print_after` (may be empty) names a pass after which
// `printer` receives the IR text; an unknown name is Error(kUsage).
void run_pipeline(Design& design, const std::string& print_after,
                  const std::function<void(const std::string&)>& printer);

// Loads an ONNX file and runs the whole pipeline.
// `calibration`: samples for --calibrate (may be empty).
Design compile_model(const std::string& onnx_path, const ops::BuildOptions& options,
                     const std::string& print_after = "",
                     const std::function<void(const std::string&)>& printer = {},
                     std::vector<float> calibration = {});

// The weight image as the bus carries it: float32 bit patterns in load order.
std::vector<uint32_t> weight_image_words(const Design& d);

// Per-pass entry points (passes/*.cpp).
void calibrate(Design& d);
void lower_to_layers(Design& d);
void insert_splits(Design& d);
void assign_precision(Design& d);
void layout_weights(Design& d);
void assign_fifo_depths(Design& d);
void estimate_cost(Design& d);
void compute_signature(Design& d);

// Stable text form of the IR, for --print-ir-after and tests.
std::string print_ir(const Design& d);

}  // namespace nngen::passes
