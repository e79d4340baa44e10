#include "backend/project_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "backend/hls_writer.h"
#include "backend/manifest.h"
#include "backend/model_desc_writer.h"
#include "backend/nnw_writer.h"
#include "backend/register_map.h"
#include "backend/testbench_writer.h"
#include "nndriver/nn_driver.h"
#include "support/escape.h"
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
  std::string s =
      ban + R"cmake(# Builds the virtual board of this accelerator: build/@NAME@-sim runs the
# real driver (runtime/driver) against the generated HLS top (hls/) through the
# register-accurate mock HAL (runtime/hal/mock).
cmake_minimum_required(VERSION 3.16)
# CMake itself cannot build from a path that holds a newline, "$(" or ';' (it
# splits include directories at ';'), nor in a build tree whose path holds '"'
# (its own compiler checks fail): say so first, clearly. It reads a backslash
# in a path as a separator.
foreach(nn_dir IN ITEMS "${CMAKE_CURRENT_SOURCE_DIR}" "${CMAKE_CURRENT_BINARY_DIR}")
  if(nn_dir MATCHES "\n" OR nn_dir MATCHES "[$][(]" OR nn_dir MATCHES "[;]")
    message(FATAL_ERROR "the path '${nn_dir}' contains a newline, '$(' or ';', which CMake cannot build from; move the project")
  endif()
endforeach()
if(CMAKE_CURRENT_BINARY_DIR MATCHES "[\"]")
  message(FATAL_ERROR "the build directory '${CMAKE_CURRENT_BINARY_DIR}' contains '\"', which CMake cannot build in; choose another one (cmake -B)")
endif()
project(@NAME@_virtual_board C CXX)
set(CMAKE_C_STANDARD 11)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)  # the fixed-point emulation is much faster optimized
endif()
option(NNACCEL_WERROR "Treat warnings as errors" OFF)
find_package(ZLIB REQUIRED)

# Sources are listed, not globbed: a glob would read '[' ']' '*' '?' in the
# project's path as a pattern.
add_library(@NAME@_driver STATIC @DRIVER_SOURCES@)
target_include_directories(@NAME@_driver PUBLIC runtime/driver/include runtime/hal/include)

# The generated top, compiled once for the host (bit-exact emulation).
add_library(@NAME@_accel OBJECT hls/@NAME@_accel.cpp)
target_include_directories(@NAME@_accel PRIVATE hls hls/lib)

add_executable(@NAME@-sim
  runtime/simrt/sim_main.cpp runtime/simrt/virtual_board.cpp @NPY_SOURCES@
  $<TARGET_OBJECTS:@NAME@_accel> sim/@NAME@_board.cpp)
target_include_directories(@NAME@-sim PRIVATE hls hls/lib driver runtime/simrt runtime/simrt/npy)
target_link_libraries(@NAME@-sim PRIVATE @NAME@_driver ZLIB::ZLIB)
# The weight file's path becomes a C string literal on the compiler's command
# line. Every character that C, the CMake list syntax or the build tool's
# shell could read as syntax is written as a 3-digit octal escape (the
# backslash first, so the escapes added later stay intact).
set(nn_weights "${CMAKE_CURRENT_SOURCE_DIR}/weights/@NAME@.nnw")
string(REPLACE "\\" "\\134" nn_weights "${nn_weights}")
foreach(nn_pair "\";042" "';047" "$;044" "#;043" "%;045" "?;077" "`;140" "\n;012" "\r;015" "\t;011" " ;040")
  string(SUBSTRING "${nn_pair}" 0 1 nn_char)
  string(SUBSTRING "${nn_pair}" 2 3 nn_code)
  string(REPLACE "${nn_char}" "\\${nn_code}" nn_weights "${nn_weights}")
endforeach()
string(REPLACE ";" "\\073" nn_weights "${nn_weights}")
target_compile_definitions(@NAME@-sim PRIVATE "NN_DEFAULT_WEIGHTS=\"${nn_weights}\"")
set_target_properties(@NAME@-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# The C-simulation testbench (hls/@NAME@_tb.cpp) compares the top's outputs with
# those of this host simulation: the build writes them to
# hls/@NAME@_tb_expected.h, which Vitis HLS csim then compiles with the testbench.
add_executable(@NAME@-tb-expected sim/@NAME@_tb_expected.cpp $<TARGET_OBJECTS:@NAME@_accel>)
target_include_directories(@NAME@-tb-expected PRIVATE hls)
# The OUTPUT is a stamp in the build tree: CMake refuses some characters
# (e.g. '#') in an OUTPUT path, and the project's path may hold them.
add_custom_command(OUTPUT @NAME@_tb_expected.stamp
  COMMAND @NAME@-tb-expected @NAME@_tb_expected.h
  COMMAND ${CMAKE_COMMAND} -E touch "${CMAKE_CURRENT_BINARY_DIR}/@NAME@_tb_expected.stamp"
  WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/hls"
  DEPENDS @NAME@-tb-expected
  COMMENT "Computing the testbench's expected outputs (hls/@NAME@_tb_expected.h)"
  VERBATIM)
add_custom_target(@NAME@-tb-data ALL DEPENDS @NAME@_tb_expected.stamp)

foreach(t @NAME@_driver @NAME@_accel @NAME@-sim @NAME@-tb-expected)
  target_compile_options(${t} PRIVATE -Wall -Wextra)
  if(NNACCEL_WERROR)
    target_compile_options(${t} PRIVATE -Werror)
  endif()
endforeach()
# HLS pragmas and loop labels are meant for Vitis HLS; the host compiler skips them.
target_compile_options(@NAME@_accel PRIVATE -Wno-unknown-pragmas -Wno-unused-label)
)cmake";
  std::string driver, npy;
  for (const auto& [from, to] : kRuntimeLayout) {
    for (const Resource* r : resources_under(from)) {
      const std::string file = to + std::string(r->path).substr(from.size());
      const bool c_source = file.ends_with(".c");
      if (c_source &&
          (file.starts_with("runtime/driver/src/") || file.starts_with("runtime/hal/mock/"))) {
        driver += "\n  " + file;
      } else if (file.starts_with("runtime/simrt/npy/") && file.ends_with(".cpp")) {
        npy += "\n  " + file;
      }
    }
  }
  s = replace_all(s, "@DRIVER_SOURCES@", driver);
  s = replace_all(s, "@NPY_SOURCES@", npy);
  return replace_all(s, "@NAME@", name);
}

std::string board_glue(const std::string& name, const std::string& ban) {
  return ban + "// Binds this model to the virtual board runtime.\n#include \"" + name +
         "_accel.h\"\n#include \"" + name +
         "_config.h\"\n#include \"virtual_board.h\"\n\nextern \"C\" const nn_vboard_model "
         "nn_vboard_this_model = {&" +
         name + "_model, " + name + "_accel};\n";
}

}  // namespace

std::string driver_config_header(const passes::Design& d, const ProjectSpec& spec) {
  const std::string& name = spec.name;
  const std::string N = to_upper(name);
  const nn_reg_map r = compute_register_map(spec.board.m_axi_addr_bits == 64);
  std::string shape;
  const auto& in = d.graph.input_sample_shape;
  for (size_t i = 0; i < NN_MAX_RANK; ++i)
    shape += (i ? ", " : "") + std::to_string(i < in.size() ? in[i] : 0);
  std::string s = "/*\n" + banner(spec.provenance, " *") + " */\n";
  s += "/* Model descriptor for libnndriver: pass &" + name +
       "_model to nn_open(). Register offsets follow the\n"
       " * Vitis HLS s_axilite layout rules for this top (docs/register-map.md). */\n";
  s += "#ifndef " + N + "_CONFIG_H\n#define " + N +
       "_CONFIG_H\n\n#include \"nndriver/nn_model.h\"\n\n";
  s += "#define " + N + "_SIGNATURE " + hex32_literal(d.signature) + "\n";
  s += "#define " + N + "_INPUT_SIZE " + std::to_string(d.input_size) + "u\n";
  s += "#define " + N + "_OUTPUT_SIZE " + std::to_string(d.output_size) + "u\n";
  s += "#define " + N + "_WEIGHT_WORDS " + std::to_string(d.weight_words) + "u\n\n";
  s += "static const nn_model_desc " + name + "_model = {\n";
  s += "    NN_MODEL_DESC_VERSION,\n    " + c_string_literal(name) + ",\n    " +
       hex32_literal(d.signature) + ",\n    NN_BUS_FLOAT32,\n";
  s += "    " + std::to_string(d.input_size) + "u, /* input_size */\n";
  s += "    " + std::to_string(d.output_size) + "u, /* output_size */\n";
  s += "    " + std::to_string(d.weight_words) + "u, /* weight_words */\n";
  s += "    " + std::to_string(d.options.max_batch) + "u, /* max_batch */\n";
  s += "    " + std::to_string(in.size()) + "u, {" + shape + "}, /* per-sample input shape */\n";
  s += "    {/* ap_ctrl */ " + reg(r.ap_ctrl) + ", /* gie */ " + reg(r.gie) + ", /* ier */ " +
       reg(r.ier) + ", /* isr */ " + reg(r.isr) + ", /* ap_return */ " + reg(r.ap_return) + ",\n";
  s += "     /* in */ " + reg(r.in_lo) + ", " + reg(r.in_hi) + ", /* out */ " + reg(r.out_lo) +
       ", " + reg(r.out_hi) + ", /* weights */ " + reg(r.weights_lo) + ", " + reg(r.weights_hi) +
       ",\n";
  s += "     /* batch */ " + reg(r.batch) + ", /* mode */ " + reg(r.mode) + "}};\n\n#endif\n";
  return s;
}

void write_project(const passes::Design& d, const ProjectSpec& spec,
                   const std::filesystem::path& out) {
  const std::string& name = spec.name;
  OutputTree tree(out);
  const std::string cban = banner(spec.provenance, "//");
  const std::string hban = banner(spec.provenance, "#");

  for (const auto& [file, content] : write_hls(d, name, spec.provenance))
    tree.write("hls/" + file, content);
  for (const auto& [file, content] : write_testbench(d, name, spec.provenance))
    tree.write(file, content);

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
  tree.write(kModelDescFile, model_desc_text(describe_model(d, spec)));
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
