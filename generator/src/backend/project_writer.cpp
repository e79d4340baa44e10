#include "backend/project_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "backend/dt_overlay_writer.h"
#include "backend/hls_writer.h"
#include "backend/manifest.h"
#include "backend/model_desc_writer.h"
#include "backend/nnw_writer.h"
#include "backend/register_map.h"
#include "backend/report_writer.h"
#include "backend/sdk_location.h"
#include "backend/testbench_writer.h"
#include "backend/vivado_writer.h"
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

// Embedded files that go into every project: the HLS layer library (Vitis HLS compiles the
// project's hls/ folder alone, so it needs its own copy). The driver, the HALs and the virtual
// board's runtime are not copied: the project links them from the SDK (docs/sdk.md).
const std::vector<std::pair<std::string, std::string>> kRuntimeLayout = {
    {"generator/hlslib/", "hls/lib/"},
};

// `text` as a CMake bracket argument: no escape sequence or variable reference is read inside
// it, so any path is data (the closing bracket gets as many '=' as needed to be unique).
std::string cmake_bracket(const std::string& text) {
  std::string eq;
  while (text.find("]" + eq + "]") != std::string::npos || text.ends_with("]" + eq)) eq += "=";
  return "[" + eq + "[" + text + "]" + eq + "]";
}

std::string sim_cmake(const std::string& name, const std::string& ban) {
  std::string s =
      ban +
      R"cmake(# Builds the virtual board of this accelerator from what depends on the model - the
# generated HLS top (hls/) and its board glue (sim/) - linked with the prebuilt nnaccel SDK
# (docs/sdk.md): the real driver, the register-accurate mock HAL and the simulation runtime.
#   build/@NAME@-sim            runs .npy data through the virtual board
#   build/lib@NAME@-device.so   the same device for `nn-run --hal sim` (one exported symbol)
#   hls/@NAME@_tb_expected.h    the C-simulation testbench's expected outputs
#   build/@NAME@-profile        on request: @NAME@-sim with FIFO profiling (docs/cnn.md)
cmake_minimum_required(VERSION 3.20)
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
# C++ only: the C parts (driver, HALs) come prebuilt (and one compiler check less to wait for).
project(@NAME@_virtual_board LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)  # the fixed-point emulation is much faster optimized
endif()
option(NNACCEL_WERROR "Treat warnings as errors" OFF)
# Compiling the top is most of the time to a first prediction. Measured (docs/virtual-board.md
# "Time to first prediction"): -O1 compiles in about half the time of -O3 and simulates about 10%
# slower, with bit-identical results; -O0 would simulate ten times slower.
set(NNACCEL_ACCEL_OPT "-O1" CACHE STRING "Optimization of the generated top in Release builds")

# The SDK of the nngen that wrote this project comes first; -Dnnaccel_DIR=<an SDK build tree or
# PREFIX/lib/cmake/nnaccel> chooses another. The generated code and the runtime change together,
# hence the exact version.
set(nn_sdk_hint @SDK_HINT@)
set(nn_sdk_dir "${nnaccel_DIR}")
if(nn_sdk_dir)
  # Given (or found by an earlier run): only there, so a wrong -Dnnaccel_DIR is an error, not a
  # silent fallback to another SDK.
  find_package(nnaccel @VERSION@ EXACT CONFIG QUIET PATHS "${nn_sdk_dir}" NO_DEFAULT_PATH)
else()
  find_package(nnaccel @VERSION@ EXACT CONFIG QUIET HINTS "${nn_sdk_hint}")
endif()
if(NOT nnaccel_FOUND)
  set(nn_seen "")
  foreach(nn_cfg nn_ver IN ZIP_LISTS nnaccel_CONSIDERED_CONFIGS nnaccel_CONSIDERED_VERSIONS)
    string(APPEND nn_seen " '${nn_cfg}' (version ${nn_ver})")
  endforeach()
  if(nn_seen)
    set(nn_seen "; found only${nn_seen}")
  endif()
  message(FATAL_ERROR "the nnaccel SDK @VERSION@ (driver, HALs, simulation runtime) was not found "
    "(nnaccel_DIR was '${nn_sdk_dir}', the SDK of the nngen that wrote this project is "
    "'${nn_sdk_hint}'${nn_seen}): build or install nnaccel @VERSION@ and pass "
    "-Dnnaccel_DIR=<its build tree or PREFIX/lib/cmake/nnaccel>")
endif()

# The generated top, compiled once for the host (bit-exact emulation) and shared by the
# programs and the device library below (hence PIC, with hidden symbols).
add_library(@NAME@_accel OBJECT hls/@NAME@_accel.cpp)
target_include_directories(@NAME@_accel PRIVATE hls hls/lib)
# The model's binding to the virtual board, and the weight file @NAME@-sim loads by default.
add_library(@NAME@_board OBJECT sim/@NAME@_board.cpp)
target_include_directories(@NAME@_board PRIVATE hls driver)
target_link_libraries(@NAME@_board PRIVATE nnaccel::simrt)
set_target_properties(@NAME@_accel @NAME@_board PROPERTIES POSITION_INDEPENDENT_CODE ON
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
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
target_compile_definitions(@NAME@_board PRIVATE "NN_DEFAULT_WEIGHTS=\"${nn_weights}\"")

set(nn_targets @NAME@_accel @NAME@_board)
# main() comes from the SDK (nnaccel::sim_main: absent from an SDK built without zlib).
if(TARGET nnaccel::sim_main)
  add_executable(@NAME@-sim $<TARGET_OBJECTS:@NAME@_accel> $<TARGET_OBJECTS:@NAME@_board>)
  target_link_libraries(@NAME@-sim PRIVATE nnaccel::sim_main)
  set_target_properties(@NAME@-sim PROPERTIES LINKER_LANGUAGE CXX
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
endif()
# FIFO profiling (docs/cnn.md "FIFO depths"): the same program with the timed stream model of
# hls/lib/nnfixed/nnfixed_fifo_profile.h, built only on request (target @NAME@-profile;
# `nngen generate --fifo-depths auto` builds and runs it). It counts the writes that would block
# with the depths of the top's STREAM pragmas, read here (a regenerated top reconfigures).
if(TARGET nnaccel::sim_main)
  set(nn_pragma_re "^[ \t]*#pragma HLS STREAM variable = ([A-Za-z_][A-Za-z0-9_]*) depth = ([0-9]+)[ \t]*$")
  file(STRINGS hls/@NAME@_accel.cpp nn_pragmas REGEX "${nn_pragma_re}")
  set(nn_depths "")
  foreach(nn_p IN LISTS nn_pragmas)
    string(REGEX REPLACE "${nn_pragma_re}" "\\1:\\2" nn_e "${nn_p}")
    list(APPEND nn_depths "${nn_e}")
  endforeach()
  string(REPLACE ";" "," nn_depths "${nn_depths}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS hls/@NAME@_accel.cpp)
  add_executable(@NAME@-profile EXCLUDE_FROM_ALL hls/@NAME@_accel.cpp $<TARGET_OBJECTS:@NAME@_board>)
  target_include_directories(@NAME@-profile PRIVATE hls hls/lib)
  target_compile_definitions(@NAME@-profile PRIVATE NNACCEL_FIFO_PROFILE NNACCEL_FORCE_EMULATION
    "NNACCEL_FIFO_DEPTH_TABLE=\"${nn_depths}\"")
  target_compile_options(@NAME@-profile PRIVATE -Wall -Wextra -Wno-unknown-pragmas
    -Wno-unused-label $<$<CONFIG:Release>:${NNACCEL_ACCEL_OPT}>)
  target_link_libraries(@NAME@-profile PRIVATE nnaccel::sim_main)
  set_target_properties(@NAME@-profile PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
endif()
add_library(@NAME@-device SHARED $<TARGET_OBJECTS:@NAME@_accel> $<TARGET_OBJECTS:@NAME@_board>)
target_link_libraries(@NAME@-device PRIVATE nnaccel::sim_plugin)
set_target_properties(@NAME@-device PROPERTIES LINKER_LANGUAGE CXX
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# The C-simulation testbench (hls/@NAME@_tb.cpp) compares the top's outputs with
# those of this host simulation: the build writes them to
# hls/@NAME@_tb_expected.h, which Vitis HLS csim then compiles with the testbench.
# (Not in a cross build: the program runs on the build machine.)
if(NOT CMAKE_CROSSCOMPILING)
  add_executable(@NAME@-tb-expected sim/@NAME@_tb_expected.cpp $<TARGET_OBJECTS:@NAME@_accel>)
  target_include_directories(@NAME@-tb-expected PRIVATE hls)
  list(APPEND nn_targets @NAME@-tb-expected)
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
endif()

foreach(t ${nn_targets})
  target_compile_options(${t} PRIVATE -Wall -Wextra)
  if(NNACCEL_WERROR)
    target_compile_options(${t} PRIVATE -Werror)
  endif()
endforeach()
# HLS pragmas and loop labels are meant for Vitis HLS; the host compiler skips them.
target_compile_options(@NAME@_accel PRIVATE -Wno-unknown-pragmas -Wno-unused-label
  $<$<CONFIG:Release>:${NNACCEL_ACCEL_OPT}>)
)cmake";
  const std::filesystem::path sdk = sdk_config_dir();
  s = replace_all(s, "@SDK_HINT@", cmake_bracket(sdk.empty() ? "" : sdk.string()));
  s = replace_all(s, "@VERSION@", NNACCEL_VERSION);
  return replace_all(s, "@NAME@", name);
}

std::string board_glue(const std::string& name, const std::string& ban) {
  return ban + "// Binds this model to the virtual board runtime (nnaccel::simrt).\n#include \"" +
         name + "_accel.h\"\n#include \"" + name +
         "_config.h\"\n#include \"virtual_board.h\"\n\n#ifndef NN_DEFAULT_WEIGHTS\n#error "
         "\"NN_DEFAULT_WEIGHTS must name the project's weight file (CMakeLists.txt)\"\n#endif\n\n"
         "extern \"C\" const nn_vboard_model nn_vboard_this_model = {&" +
         name + "_model, " + name +
         "_accel};\nextern \"C\" const char nn_vboard_default_weights[] = NN_DEFAULT_WEIGHTS;\n";
}

}  // namespace

bool dma_port_is_coherent(const std::string& dma_port) {
  return dma_port == "hpc" || dma_port == "acp";
}

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
  s += "#define " + N + "_WEIGHT_WORDS " + std::to_string(d.weight_words) + "u\n";
  s += "/* 1: the m_axi masters use a coherent PS port (nngen --dma-port " + spec.dma_port +
       "): set nn_options.coherent\n * to this value so the driver skips cache maintenance. */\n";
  s += "#define " + N + "_COHERENT " + (dma_port_is_coherent(spec.dma_port) ? "1" : "0") + "\n\n";
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
  for (const auto& [file, content] : write_dt_overlay(d, spec)) tree.write(file, content);
  for (const auto& [f, c] : write_vivado(spec, describe_model(d, spec)))
    tree.write("vivado/" + f, c);
  tree.write("weights/" + name + ".nnw", nnw_bytes(d));
  tree.write("sim/" + name + "_board.cpp", board_glue(name, cban));
  tree.write("CMakeLists.txt", sim_cmake(name, hban));
  for (const auto& [file, content] : write_report(d, spec)) tree.write(file, content);
  for (const auto& [from, to] : kRuntimeLayout) {
    for (const Resource* r : resources_under(from)) {
      tree.write(to + std::string(r->path).substr(from.size()), r->text());
    }
  }

  Manifest m;
  m.generator = NNACCEL_VERSION;
  m.name = name;
  m.board = spec.board.id;
  m.board_custom = spec.board.custom;
  m.part = spec.board.part;
  m.dma_port = spec.dma_port;
  m.precision = spec.precision_text;
  m.io = d.options.io;
  m.auto_precision = d.options.auto_precision;
  m.input_type = d.input_type.cpp();
  for (const ir::Node& n : d.graph.nodes) {
    for (const auto& [key, t] : n.types) m.layer_types[n.name][key] = t.cpp();
  }
  m.fifo_depths = d.options.fifo_depths;
  // Measured depths are recorded as configured ones: `nngen weights` recompiles from this
  // manifest (without the profile) and must find the same architecture (the depths are in it).
  for (const passes::Fifo& f : d.fifos) {
    if (f.rule == "measured") m.fifo_depths[f.stream] = f.depth;
  }
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
