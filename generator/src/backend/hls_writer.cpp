#include "backend/hls_writer.h"

#include <algorithm>
#include <cstdio>

#include "nndriver/nn_model.h"
#include "ops/op.h"
#include "support/escape.h"
#include "support/text.h"

namespace nngen::backend {
namespace {

std::string accel_header(const passes::Design& d, const std::string& name, const std::string& ban) {
  const std::string N = to_upper(name);
  return ban + "#ifndef " + N + "_ACCEL_H\n#define " + N + "_ACCEL_H\n\n#include <stdint.h>\n\n" +
         "#define " + N + "_SIGNATURE " + hex32_literal(d.signature) + "\n" + "#define " + N +
         "_INPUT_SIZE " + std::to_string(d.input_size) + "u\n" + "#define " + N + "_OUTPUT_SIZE " +
         std::to_string(d.output_size) + "u\n" + "#define " + N + "_WEIGHT_WORDS " +
         std::to_string(d.weight_words) + "u\n" + "#define " + N + "_MAX_BATCH " +
         std::to_string(d.options.max_batch) + "u\n" +
         "\n// Statuses of a refused call (docs/nngen.md \"Top status codes\"): the top\n"
         "// returns them without touching memory. Mode 0 returns at most " +
         N +
         "_MAX_BATCH\n"
         "// when it runs, so they cannot be mistaken for a sample count.\n" +
         "#define " + N + "_BAD_MODE " + hex32_literal(NN_TOP_BAD_MODE) + " /* unknown mode */\n" +
         "#define " + N + "_BAD_BATCH " + hex32_literal(NN_TOP_BAD_BATCH) +
         " /* mode 0 with batch 0 or above " + N + "_MAX_BATCH */\n\n" +
         "// mode 0: infer `batch` samples (1.." + N +
         "_MAX_BATCH), returns batch\n"
         "// mode 1: load the weight image, returns its checksum (any value)\n"
         "// mode 2: identify, returns " +
         N + "_SIGNATURE\n" + "uint32_t " + name +
         "_accel(const float *in, float *out, const uint32_t *weights, uint32_t batch,\n" +
         std::string(name.size() + 16, ' ') + "uint32_t mode);\n\n#endif\n";
}

}  // namespace

std::map<std::string, std::string> write_hls(const passes::Design& d, const std::string& name,
                                             const Provenance& prov) {
  const std::string ban = banner(prov, "//");
  const std::string N = to_upper(name);
  const auto& layers = d.graph.nodes;
  std::string configs, storage, pragmas, streams, calls;
  for (size_t i = 0; i < layers.size(); ++i) {
    const ir::Node& n = layers[i];
    const std::string in_s = "s" + std::to_string(i), out_s = "s" + std::to_string(i + 1);
    ops::HlsCode c = ops::layer_op(n).emit_hls(d.graph, n, in_s, out_s, d.options);
    configs += c.config + "\n";
    storage += c.storage;
    pragmas += c.pragmas;
    const std::string cfg = ops::layer_name(n) + "_cfg";
    if (i == 0) streams += "  hls::stream<" + cfg + "::in_t> s0(\"s0\");\n";
    streams += "  hls::stream<" + cfg + "::out_t> " + out_s + "(\"" + out_s + "\");\n";
    calls += "  " + c.call + "\n";
  }
  const std::string first_cfg = ops::layer_name(layers.front()) + "_cfg";
  const std::string last_cfg = ops::layer_name(layers.back()) + "_cfg";
  const std::string last_s = "s" + std::to_string(layers.size());

  std::map<std::string, std::string> files;
  files[name + "_accel.h"] = accel_header(d, name, ban);
  files[name + "_layers.h"] =
      ban + "// Per-layer configuration: sizes and fixed-point types chosen by nngen.\n#ifndef " +
      N + "_LAYERS_H\n#define " + N + "_LAYERS_H\n\n#include \"nn_hls.h\"\n\n" + configs +
      "#endif\n";

  std::string load;
  for (const auto& w : d.weights) {
    const std::string shape =
        w.dims.size() == 2 ? "load_matrix<" + w.element_type + ", " + std::to_string(w.dims[0]) +
                                 ", " + std::to_string(w.dims[1])
                           : "load_tensor<" + w.element_type + ", " + std::to_string(w.count);
    load += "  nnhls::" + shape + ">(weights, " + std::to_string(w.offset) + ", " + w.storage +
            ", sum);  // " + comment_text(w.name) + "\n";
  }
  std::string cpp = ban;
  cpp += "#include \"" + name + "_accel.h\"\n\n#include \"" + name + "_layers.h\"\n";
  cpp +=
      "#include \"nn_activation.h\"\n#include \"nn_bus_io.h\"\n#include \"nn_dense.h\"\n#include "
      "\"nn_softmax.h\"\n\n";
  cpp +=
      "// On-chip weights: written by mode 1, kept across calls (and across\n// inferences) until "
      "the next load.\n";
  cpp += storage + "\n";
  cpp += "static uint32_t " + name +
         "_load_weights(const uint32_t *weights) {\n  nnhls::weight_checksum sum;\n" + load +
         "  return sum.value();\n}\n\n";
  cpp += "static void " + name +
         "_infer(const float *in, float *out, unsigned batch) {\n#pragma HLS DATAFLOW\n" + streams;
  cpp += "  nnhls::read_input<" + first_cfg + "::in_t, " + N + "_INPUT_SIZE, " + N +
         "_MAX_BATCH>(in, s0, batch);\n";
  cpp += calls;
  cpp += "  nnhls::write_output<" + last_cfg + "::out_t, " + N + "_OUTPUT_SIZE, " + N +
         "_MAX_BATCH>(" + last_s + ", out, batch);\n}\n\n";
  const std::string in_depth =
      std::to_string(static_cast<uint64_t>(d.input_size) * d.options.max_batch);
  const std::string out_depth =
      std::to_string(static_cast<uint64_t>(d.output_size) * d.options.max_batch);
  cpp += "uint32_t " + name +
         "_accel(const float *in, float *out, const uint32_t *weights, uint32_t batch,\n" +
         std::string(name.size() + 16, ' ') + "uint32_t mode) {\n";
  cpp +=
      "  // accelerator contract (docs/register-map.md): data on one m_axi bundle, weights on\n"
      "  // their own, every scalar and pointer offset on the `control` s_axilite.\n";
  cpp +=
      "#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem_io depth = " + in_depth +
      "\n";
  cpp += "#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem_io depth = " +
         out_depth + "\n";
  cpp += "#pragma HLS INTERFACE m_axi port = weights offset = slave bundle = gmem_w depth = " +
         std::to_string(std::max<uint32_t>(d.weight_words, 1)) + "\n";
  for (const char* p : {"in", "out", "weights", "batch", "mode", "return"}) {
    cpp += std::string("#pragma HLS INTERFACE s_axilite port = ") + p + " bundle = control\n";
  }
  cpp += pragmas;
  cpp += "  if (mode == 2u) return " + N + "_SIGNATURE;\n";
  cpp += "  if (mode == 1u) return " + name + "_load_weights(weights);\n";
  // The top is a bus master: it checks its arguments itself, whatever the
  // driver does, so a wrong batch can never walk the masters past the buffers.
  cpp += "  if (mode != 0u) return " + N + "_BAD_MODE;\n";
  cpp += "  if (batch == 0u || batch > " + N + "_MAX_BATCH) return " + N + "_BAD_BATCH;\n";
  cpp += "  " + name + "_infer(in, out, batch);\n  return batch;\n}\n";
  files[name + "_accel.cpp"] = cpp;
  return files;
}

}  // namespace nngen::backend
