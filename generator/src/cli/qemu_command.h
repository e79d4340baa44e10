// nngen qemu: builds the bare-metal test image (sdk-apps/baremetal-test) of a generated project
// for an emulated Zynq-7000 (zynq) or Zynq UltraScale+ (zynqmp), boots it in qemu-system-*,
// streams its UART report to stdout and returns its verdict (docs/baremetal.md).
#pragma once

#include <string>

#include "cli/commands.h"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

// Exit codes of `nngen qemu` beyond nngen's common ones (2 usage, 3 bad input, 5 I/O, 70
// internal); docs/baremetal.md. 0, 1 and 2 are the image's own status (PASS, FAIL, error).
inline constexpr int kQemuPass = 0;
inline constexpr int kQemuFail = 1;         // the image found a mismatch
inline constexpr int kQemuImageError = 2;   // the image reported an error (a driver call failed)
inline constexpr int kQemuToolMissing = 6;  // cross compiler, picolibc, qemu-system-* or cmake
inline constexpr int kQemuBuildFailed = 7;  // configuring or building the image (or board) failed
inline constexpr int kQemuNoVerdict = 8;    // QEMU ended without a status matching PASS/FAIL
inline constexpr int kQemuTimeout = 124;    // killed after --timeout seconds (as timeout(1))

struct QemuOptions {
  std::string project, machine;
  std::string input, key, labels, reference;  // test data to embed (nngen embed)
  std::string data;                           // or a ready header written by nngen embed
  std::string build_dir, kit, hal = "sim";
  long samples = 0;  // 0: all of --input, at most 32
  int timeout = 120;
  int batch = 8;
  bool dump_outputs = false;
  std::string command_line;
  Warn warn;
};

// Runs the whole flow and returns the exit code (the image's status: 0 PASS, 1 FAIL, 2 error, or
// kQemuNoVerdict/kQemuTimeout); progress and build output go to stderr, the UART to stdout.
// Failures before QEMU runs are nngen::Error (with the codes above for missing tools and builds).
int run_qemu(const QemuOptions& o);

// The subcommand on `app`, parsing into `o`.
CLI::App* add_qemu_command(CLI::App& app, QemuOptions& o, const CLI::Validator& non_empty);

}  // namespace nngen::cli
