#include "backend/model_desc_writer.h"

#include <cstdio>

#include "backend/register_map.h"
#include "support/error.h"
#include "support/text.h"

namespace nngen::backend {
namespace {

std::string offset_text(uint32_t v) {
  if (v == NN_REG_NONE) return "none";
  char b[16];
  std::snprintf(b, sizeof b, "0x%02x", v);
  return b;
}

// The reader takes a path as one token of printable ASCII: refuse anything it
// could not read back rather than write a file that fails later, on the board.
void check_token(const char* key, const std::string& v) {
  bool ok = !v.empty();
  for (char c : v) ok = ok && c > ' ' && c < 0x7f;
  if (!ok)
    fail_internal(std::string(kModelDescFile) + ": " + key + " '" + v +
                  "' is not one token of printable ASCII");
}

}  // namespace

ModelDescription describe_model(const passes::Design& d, const ProjectSpec& spec) {
  ModelDescription m;
  m.name = spec.name;
  // build_hls.tcl: set_top <name>_accel; export_design -vendor nnaccel.org -library hls
  // -version 1.0
  m.top = spec.name + "_accel";
  m.vlnv = "nnaccel.org:hls:" + m.top + ":1.0";
  m.signature = d.signature;
  m.input_size = d.input_size;
  m.output_size = d.output_size;
  m.weight_words = d.weight_words;
  m.max_batch = static_cast<uint32_t>(d.options.max_batch);
  m.input_shape = d.graph.input_sample_shape;
  m.m_axi_addr_width = spec.board.m_axi_addr_bits == 64 ? 64 : 32;
  m.regs = compute_register_map(m.m_axi_addr_width == 64);
  m.coherent = dma_port_is_coherent(spec.dma_port);
  m.weights_path = "weights/" + spec.name + ".nnw";
  m.sim_library = "build/lib" + spec.name + "-device.so";
  return m;
}

std::string model_desc_text(const ModelDescription& m) {
  if (!is_c_identifier(m.name) || !is_c_identifier(m.top))
    fail_internal(std::string(kModelDescFile) + ": name '" + m.name + "' or top '" + m.top +
                  "' is not a C identifier");
  check_token("vlnv", m.vlnv);
  check_token("weights", m.weights_path);
  check_token("sim_library", m.sim_library);
  std::string s =
      "# nnaccel model descriptor - written by nngen; read by nn-run and nngen verify\n";
  s += "# Format: docs/model-desc.md. Keep it next to nnaccel-project.json.\n";
  s += "nnaccel-model 1\n";
  s += "name " + m.name + "\n";
  s += "top " + m.top + "\n";
  s += "vlnv " + m.vlnv + "\n";
  s += "signature " + hex32(m.signature) + "\n";
  s += "bus_format float32\n";
  s += "input_size " + std::to_string(m.input_size) + "\n";
  s += "output_size " + std::to_string(m.output_size) + "\n";
  s += "weight_words " + std::to_string(m.weight_words) + "\n";
  s += "max_batch " + std::to_string(m.max_batch) + "\n";
  s += "input_shape";
  for (int64_t v : m.input_shape) s += " " + std::to_string(v);
  s += "\n";
  s += "m_axi_addr_width " + std::to_string(m.m_axi_addr_width) + "\n";
  s += std::string("coherent ") + (m.coherent ? "1" : "0") + "\n";
  const nn_reg_map& r = m.regs;
  const std::pair<const char*, uint32_t> regs[] = {{"ap_ctrl", r.ap_ctrl},
                                                   {"gie", r.gie},
                                                   {"ier", r.ier},
                                                   {"isr", r.isr},
                                                   {"ap_return", r.ap_return},
                                                   {"in_lo", r.in_lo},
                                                   {"in_hi", r.in_hi},
                                                   {"out_lo", r.out_lo},
                                                   {"out_hi", r.out_hi},
                                                   {"weights_lo", r.weights_lo},
                                                   {"weights_hi", r.weights_hi},
                                                   {"batch", r.batch},
                                                   {"mode", r.mode}};
  for (const auto& [reg, off] : regs)
    s += std::string("reg ") + reg + " " + offset_text(off) + "\n";
  s += "weights " + m.weights_path + "\n";
  s += "sim_library " + m.sim_library + "\n";
  return s;
}

}  // namespace nngen::backend
