// nngen build-hw: runs the vendor flow of a generated project - Vitis HLS on hls/build_hls.tcl,
// then Vivado on vivado/build_vivado.tcl - and stops at the first failure (docs/hardware-flow.md).
// Before anything runs, every tool the requested steps need must be on PATH.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

// Exit codes beyond nngen's common ones (2 usage, 5 I/O).
inline constexpr int kBuildHwToolMissing = 6;  // vitis_hls or vivado not on PATH
inline constexpr int kBuildHwStepFailed = 7;   // a tool returned non-zero

struct BuildHwOptions {
  std::string project;
  std::string steps = "hls,vivado";
  int jobs = 2;
};

// Runs the steps; returns 0 or throws nngen::Error (kUsage for bad steps, kIo for a project
// without the scripts, and the two codes above, carried as ExitCode values).
int run_build_hw(const BuildHwOptions& o);

// The steps of a --steps value, validated and in flow order (hls before vivado).
std::vector<std::string> parse_build_steps(const std::string& steps);

CLI::App* add_build_hw_command(CLI::App& app, BuildHwOptions& o, const CLI::Validator& non_empty);

}  // namespace nngen::cli
