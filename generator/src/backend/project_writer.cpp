#include "backend/project_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "backend/hls_writer.h"
#include "backend/manifest.h"
#include "backend/nnw_writer.h"
#include "backend/register_map.h"
#include "nndriver/nn_driver.h"
#include "support/output_tree.h"
#include "support/resources.h"
#include "support/text.h"

namespace nngen::backend {
namespace {

std::string reg(uint32_t v) {
  if (v == NN_REG_NONE) return "NN_REG_NONE";
  char b[16];
  std::snprintf(b, sizeof b, "0x%02X", v);
  return b;
}

// Where each embedded runtime file goes inside the project.
const std::vector<std::pair<std::string, std::string>> kRuntimeLayout = {
    {"generator/hlslib/", "hls/lib/"},
    {"generator/simrt/", "runtime/simrt/"},
    {"driver/", "runtime/driver/"},
    {"hal/", "runtime/hal/"},
};

std::string sim_cmake(const std::string& name, const std::string& ban) {
  std::string s = ban + R"(# Builds the virtual board of this accelerator: build/@NAME@-sim runs the
# real driver (runtime/driver) against the generated HLS top (hls/) through the
# register-accurate mock HAL (runtime/hal/mock).
cmake_minimum_required(VERSION 3.16)
project(@NAME@_virtual_board C CXX)
set(CMAKE_C_STANDARD 11)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)  # the fixed-point emulation is much faster optimized
endif()
option(NNACCEL_WERROR "Treat warnings as errors" OFF)
find_package(ZLIB REQUIRED)

file(GLOB NN_DRIVER_SOURCES runtime/driver/src/*.c runtime/hal/mock/*.c)
add_library(@NAME@_driver STATIC ${NN_DRIVER_SOURCES})
target_include_directories(@NAME@_driver PUBLIC runtime/driver/include runtime/hal/include)

file(GLOB NN_NPY_SOURCES runtime/simrt/npy/*.cpp)
add_executable(@NAME@-sim
  runtime/simrt/sim_main.cpp runtime/simrt/virtual_board.cpp ${NN_NPY_SOURCES}
  hls/@NAME@_accel.cpp sim/@NAME@_board.cpp)
target_include_directories(@NAME@-sim PRIVATE hls hls/lib driver runtime/simrt runtime/simrt/npy)
target_link_libraries(@NAME@-sim PRIVATE @NAME@_driver ZLIB::ZLIB)
target_compile_definitions(@NAME@-sim PRIVATE
  NN_DEFAULT_WEIGHTS="${CMAKE_CURRENT_SOURCE_DIR}/weights/@NAME@.nnw")
set_target_properties(@NAME@-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
foreach(t @NAME@_driver @NAME@-sim)
  target_compile_options(${t} PRIVATE -Wall -Wextra)
  if(NNACCEL_WERROR)
    target_compile_options(${t} PRIVATE -Werror)
  endif()
endforeach()
# HLS pragmas and loop labels are meant for Vitis HLS; the host compiler skips them.
target_compile_options(@NAME@-sim PRIVATE -Wno-unknown-pragmas -Wno-unused-label)
)";
  return replace_all(s, "@NAME@", name);
}

std::string board_glue(const std::string& name, const std::string& ban) {
  return ban + "// Binds this model to the virtual board runtime.\n#include \"" + name + "_accel.h\"\n#include \"" +
         name + "_config.h\"\n#include \"virtual_board.h\"\n\nextern \"C\" const nn_vboard_model nn_vboard_this_model = {&" +
         name + "_model, " + name + "_accel};\n";
}

// C-simulation testbench for build_hls.tcl: checks the protocol of the three
// modes on the real weights (identify, load with checksum, infer of a ramp).
std::string testbench(const passes::Design& d, const std::string& name, const std::string& ban,
                      uint32_t checksum) {
  const std::string N = to_upper(name);
  std::string s = ban + "// Vitis HLS C-simulation testbench: identify, load weights (checksum), infer.\n";
  s += "#include <math.h>\n#include <stdio.h>\n\n#include \"" + name + "_accel.h\"\n#include \"" + name +
       "_tb_data.h\"\n\n";
  // C/RTL co-simulation sizes every m_axi buffer from its `depth`, so every
  // call passes buffers of the full depth, also for pointers a mode ignores.
  s += "static float in[" + N + "_MAX_BATCH * " + N + "_INPUT_SIZE], out[" + N + "_MAX_BATCH * " + N + "_OUTPUT_SIZE];\n\n";
  s += "int main() {\n  int errors = 0;\n";
  s += "  if (" + name + "_accel(in, out, " + name + "_tb_weights, 0, 2) != " + N +
       "_SIGNATURE) { printf(\"identify: wrong signature\\n\"); errors++; }\n";
  s += "  if (" + name + "_accel(in, out, " + name + "_tb_weights, 0, 1) != " + hex32_literal(checksum) +
       ") { printf(\"load weights: wrong checksum\\n\"); errors++; }\n";
  s += "  for (unsigned i = 0; i < 4 * " + N + "_INPUT_SIZE; i++) in[i] = (float)((int)(i % 17) - 8) / 8.0f;\n";
  s += "  if (" + name + "_accel(in, out, " + name + "_tb_weights, 4, 0) != 4) { printf(\"infer: wrong sample count\\n\"); errors++; }\n";
  s += "  for (unsigned i = 0; i < 4 * " + N + "_OUTPUT_SIZE; i++) if (!isfinite(out[i])) errors++;\n";
  s += "  if (" + name + "_accel(in, out, " + name + "_tb_weights, 0, 7) != " + N +
       "_BAD_MODE) { printf(\"bad mode accepted\\n\"); errors++; }\n";
  s += "  printf(\"%s: %d error(s)\\n\", errors ? \"FAIL\" : \"PASS\", errors);\n  return errors ? 1 : 0;\n}\n";
  (void)d;
  return s;
}

std::string testbench_data(const std::vector<uint32_t>& words, const std::string& name, const std::string& ban) {
  std::string s = ban + "// The project's weight image as the bus carries it (float32 bits).\n#include <stdint.h>\n";
  s += "static const uint32_t " + name + "_tb_weights[" + std::to_string(std::max<size_t>(words.size(), 1)) + "] = {";
  for (size_t k = 0; k < words.size(); ++k) {
    s += (k % 6 == 0 ? "\n  " : " ") + hex32_literal(words[k]) + ",";
  }
  return s + "\n};\n";
}

}  // namespace

std::string driver_config_header(const passes::Design& d, const ProjectSpec& spec) {
  const std::string& name = spec.name;
  const std::string N = to_upper(name);
  const nn_reg_map r = compute_register_map(spec.board.m_axi_addr_bits == 64);
  std::string shape;
  const auto& in = d.graph.input_sample_shape;
  for (size_t i = 0; i < NN_MAX_RANK; ++i) shape += (i ? ", " : "") + std::to_string(i < in.size() ? in[i] : 0);
  std::string s = "/*\n" + banner(spec.provenance, " *") + " */\n";
  s += "/* Model descriptor for libnndriver: pass &" + name + "_model to nn_open(). Register offsets follow the\n"
       " * Vitis HLS s_axilite layout rules for this top (docs/register-map.md). */\n";
  s += "#ifndef " + N + "_CONFIG_H\n#define " + N + "_CONFIG_H\n\n#include \"nndriver/nn_model.h\"\n\n";
  s += "#define " + N + "_SIGNATURE " + hex32_literal(d.signature) + "\n";
  s += "#define " + N + "_INPUT_SIZE " + std::to_string(d.input_size) + "u\n";
  s += "#define " + N + "_OUTPUT_SIZE " + std::to_string(d.output_size) + "u\n";
  s += "#define " + N + "_WEIGHT_WORDS " + std::to_string(d.weight_words) + "u\n\n";
  s += "static const nn_model_desc " + name + "_model = {\n";
  s += "    NN_MODEL_DESC_VERSION,\n    \"" + name + "\",\n    " + hex32_literal(d.signature) + ",\n    NN_BUS_FLOAT32,\n";
  s += "    " + std::to_string(d.input_size) + "u, /* input_size */\n";
  s += "    " + std::to_string(d.output_size) + "u, /* output_size */\n";
  s += "    " + std::to_string(d.weight_words) + "u, /* weight_words */\n";
  s += "    " + std::to_string(d.options.max_batch) + "u, /* max_batch */\n";
  s += "    " + std::to_string(in.size()) + "u, {" + shape + "}, /* per-sample input shape */\n";
  s += "    {/* ap_ctrl */ " + reg(r.ap_ctrl) + ", /* gie */ " + reg(r.gie) + ", /* ier */ " + reg(r.ier) +
       ", /* isr */ " + reg(r.isr) + ", /* ap_return */ " + reg(r.ap_return) + ",\n";
  s += "     /* in */ " + reg(r.in_lo) + ", " + reg(r.in_hi) + ", /* out */ " + reg(r.out_lo) + ", " + reg(r.out_hi) +
       ", /* weights */ " + reg(r.weights_lo) + ", " + reg(r.weights_hi) + ",\n";
  s += "     /* batch */ " + reg(r.batch) + ", /* mode */ " + reg(r.mode) + "}};\n\n#endif\n";
  return s;
}

void write_project(const passes::Design& d, const ProjectSpec& spec, const std::filesystem::path& out) {
  const std::string& name = spec.name;
  OutputTree tree(out);
  const std::string cban = banner(spec.provenance, "//");
  const std::string hban = banner(spec.provenance, "#");

  for (const auto& [file, content] : write_hls(d, name, spec.provenance)) tree.write("hls/" + file, content);
  const std::vector<uint32_t> words = passes::weight_image_words(d);
  const uint32_t checksum = nn_weight_checksum(words.data(), words.size());
  tree.write("hls/" + name + "_tb.cpp", testbench(d, name, cban, checksum));
  tree.write("hls/" + name + "_tb_data.h", testbench_data(words, name, cban));

  char clock[32];
  std::snprintf(clock, sizeof clock, "%g", spec.board.clock_period_ns);
  std::string tcl = std::string(resource("boards/templates/build_hls.tcl.in").text());
  tcl = replace_all(tcl, "@GENERATOR_BANNER@", hban.substr(0, hban.size() - 1));
  tcl = replace_all(tcl, "@NAME@", name);
  tcl = replace_all(tcl, "@PART@", spec.board.part);
  tcl = replace_all(tcl, "@CLOCK_NS@", clock);
  tcl = replace_all(tcl, "@CFLAGS@", "-std=c++14");
  tree.write("hls/build_hls.tcl", tcl);

  tree.write("driver/" + name + "_config.h", driver_config_header(d, spec));
  tree.write("weights/" + name + ".nnw", nnw_bytes(d));
  tree.write("sim/" + name + "_board.cpp", board_glue(name, cban));
  tree.write("CMakeLists.txt", sim_cmake(name, hban));
  for (const auto& [from, to] : kRuntimeLayout) {
    for (const Resource* r : resources_under(from)) {
      tree.write(to + std::string(r->path).substr(from.size()), r->text());
    }
  }

  Manifest m;
  m.generator = NNACCEL_VERSION;
  m.name = name;
  m.board = spec.board.id;
  m.precision = spec.precision_text;
  m.reuse = d.options.reuse;
  m.max_batch = d.options.max_batch;
  m.signature = d.signature;
  m.input_size = d.input_size;
  m.output_size = d.output_size;
  m.weight_words = d.weight_words;
  m.input_shape = d.graph.input_sample_shape;
  m.output_shape = d.output_sample_shape;
  m.architecture = split_lines(d.architecture);
  tree.write(kProjectManifest, manifest_json(m));
  tree.commit();
}

}  // namespace nngen::backend
