#include "backend/hls_writer.h"

#include <algorithm>
#include <cstdio>

#include "nndriver/nn_model.h"
#include "ops/op.h"
#include "support/error.h"
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

namespace {

// Every stream / array: its C++ element type and its per-sample size, by name.
struct Buffers {
  std::map<std::string, std::string> type;
  std::map<std::string, int64_t> size;
};

Buffers buffers(const passes::Design& d, const std::string& name) {
  Buffers b;
  b.type["input"] = name + "_input_t";
  b.size["input"] = d.input_size;
  for (const ir::Node& n : d.graph.nodes) {
    for (const std::string& o : n.outputs) {
      b.type[o] = ops::layer_name(n) + "_cfg::out_t";
      b.size[o] = ops::out_size(n);
    }
  }
  return b;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// "[d0][d1]..." for an array declaration.
std::string array_dims(const std::vector<int64_t>& dims) {
  std::string s;
  for (int64_t k : dims) s += "[" + std::to_string(k) + "]";
  return s;
}

// FIFO depth of a stream (passes/assign_fifo_depths.cpp).
int64_t fifo_depth(const passes::Design& d, const std::string& stream) {
  for (const passes::Fifo& f : d.fifos) {
    if (f.stream == stream) return f.depth;
  }
  fail_internal("no FIFO depth for stream " + stream);
}

}  // namespace

std::map<std::string, std::string> write_hls(const passes::Design& d, const std::string& name,
                                             const Provenance& prov) {
  const std::string ban = banner(prov, "//");
  const std::string N = to_upper(name);
  const bool stream = d.options.io == "stream";
  const auto& layers = d.graph.nodes;
  const Buffers buf = buffers(d, name);
  std::string configs, storage, pragmas, decls, calls;
  std::vector<std::string> weight_params, weight_args;
  for (const ir::Node& n : layers) {
    const ops::LayerOp& op = ops::layer_op(n);
    ops::HlsCode c = op.emit_hls(d.graph, n, d.options);
    configs += c.config + "\n";
    storage += c.storage;
    pragmas += c.pragmas;
    const std::string l = ops::layer_name(n), cfg = l + "_cfg";
    std::vector<std::string> args;
    for (const std::string& in : n.inputs) args.push_back((stream ? "s_" : "a_") + in);
    for (const std::string& o : n.outputs) {
      args.push_back((stream ? "s_" : "a_") + o);
      if (stream) {
        decls += "  hls::stream<" + buf.type.at(o) + "> s_" + o + "(\"s_" + o + "\");\n";
        decls += "#pragma HLS STREAM variable = s_" + o +
                 " depth = " + std::to_string(fifo_depth(d, "s_" + o)) + "\n";
      } else {
        decls += "  " + buf.type.at(o) + " a_" + o + "[" + std::to_string(buf.size.at(o)) + "];\n";
        if (buf.size.at(o) <= 1024) {
          decls += "#pragma HLS ARRAY_PARTITION variable = a_" + o + " complete\n";
        }
      }
    }
    for (const ops::WeightTensor& w : op.weights(d.graph, n)) {
      const std::string dims = array_dims(w.dims);
      weight_params.push_back("const " + cfg + "::" + w.type_key + "_t " + w.storage + dims);
      weight_args.push_back(w.storage);
      args.push_back(w.storage);
    }
    if (stream) args.push_back("batch");
    if (stream) calls += "  NNHLS_DATAFLOW_PROCESS(\"" + l + "\");\n";
    calls += "  " + c.function + (stream ? "" : "_array") + "<" + cfg + ">(" + join(args) + ");\n";
  }
  const std::string out_type = buf.type.at(d.output_stream);

  std::map<std::string, std::string> files;
  files[name + "_accel.h"] = accel_header(d, name, ban);
  files[name + "_layers.h"] =
      ban + "// Per-layer configuration: sizes and fixed-point types chosen by nngen.\n#ifndef " +
      N + "_LAYERS_H\n#define " + N + "_LAYERS_H\n\n#include \"nn_hls.h\"\n\n" +
      "// What the input (float32 on the bus) is converted to.\ntypedef " + d.input_type.cpp() +
      " " + name + "_input_t;\n\n" + configs + "#endif\n";

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
  for (const char* h : {"nn_activation.h", "nn_bus_io.h", "nn_conv.h", "nn_dense.h", "nn_merge.h",
                        "nn_pad.h", "nn_pool.h", "nn_reorder.h", "nn_scale.h", "nn_softmax.h"}) {
    cpp += std::string("#include \"") + h + "\"\n";
  }
  cpp +=
      "\n// On-chip weights: written by mode 1, kept across calls (and across\n// inferences) "
      "until "
      "the next load.\n";
  cpp += storage;
  for (const ir::Node& n : layers) {
    for (const ops::WeightTensor& w : ops::layer_op(n).weights(d.graph, n)) {
      const std::string dims = array_dims(w.dims);
      cpp +=
          "static " + ops::layer_name(n) + "_cfg::" + w.type_key + "_t " + w.storage + dims + ";\n";
    }
  }
  cpp += "\nstatic uint32_t " + name +
         "_load_weights(const uint32_t *weights) {\n  nnhls::weight_checksum sum;\n" + load +
         "  return sum.value();\n}\n\n";
  // The weights enter the inference as arguments (the form for arrays read inside a dataflow
  // region: docs/hardware-notes.md "HLS coding rules"; source: UG1399), not as statics read from
  // inside it.
  std::string params = "const float *in, float *out, unsigned batch";
  for (const std::string& p : weight_params) params += ",\n    " + p;
  const std::string in_n = std::to_string(d.input_size), out_n = std::to_string(d.output_size);
  if (stream) {
    cpp += "static void " + name + "_infer(" + params + ") {\n#pragma HLS DATAFLOW\n";
    cpp += "  hls::stream<" + name + "_input_t> s_input(\"s_input\");\n";
    cpp += "#pragma HLS STREAM variable = s_input depth = " +
           std::to_string(fifo_depth(d, "s_input")) + "\n" + decls;
    cpp += "  NNHLS_DATAFLOW_PROCESS(\"read_input\");\n";
    cpp += "  nnhls::read_input<" + name + "_input_t, " + N + "_INPUT_SIZE, " + N +
           "_MAX_BATCH>(in, s_input, batch);\n";
    cpp += calls;
    cpp += "  NNHLS_DATAFLOW_PROCESS(\"write_output\");\n";
    cpp += "  nnhls::write_output<" + out_type + ", " + N + "_OUTPUT_SIZE, " + N +
           "_MAX_BATCH>(s_" + d.output_stream + ", out, batch);\n}\n\n";
  } else {
    cpp += "static void " + name + "_infer(" + params + ") {\nsample_loop:\n";
    cpp +=
        "  for (unsigned s = 0; s < batch; s++) {\n#pragma HLS LOOP_TRIPCOUNT min = 1 max = " + N +
        "_MAX_BATCH\n";
    cpp += "    " + name + "_input_t a_input[" + in_n + "];\n";
    cpp += "  read_loop:\n    for (unsigned i = 0; i < " + in_n +
           "u; i++) {\n#pragma HLS PIPELINE II = 1\n      a_input[i] = " + name +
           "_input_t(in[s * " + in_n + "u + i]);\n    }\n";
    std::string body = decls + calls;
    std::string indented;
    for (const std::string& line : split_lines(body))
      indented += (line.starts_with("#") ? "" : "  ") + line + "\n";
    cpp += indented;
    cpp += "  write_loop:\n    for (unsigned i = 0; i < " + out_n +
           "u; i++) {\n#pragma HLS PIPELINE II = 1\n      out[s * " + out_n + "u + i] = a_" +
           d.output_stream + "[i].to_float();\n    }\n  }\n}\n\n";
  }
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
  std::string call_args = "in, out, batch";
  for (const std::string& a : weight_args) call_args += ", " + a;
  cpp += "  " + name + "_infer(" + call_args + ");\n  return batch;\n}\n";
  files[name + "_accel.cpp"] = cpp;
  return files;
}

}  // namespace nngen::backend
