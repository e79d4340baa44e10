// The three nngen subcommands. Each takes parsed options, does its job
// through the library (frontend/passes/backend) and returns a summary to
// print; failures are nngen::Error, reported by main.
#pragma once

#include <functional>
#include <string>

namespace nngen::cli {

// Receives warnings (main prints them on stderr); may be empty.
using Warn = std::function<void(const std::string&)>;

struct GenerateOptions {
  // precision empty: auto (width and modes of ap_fixed<16,6>, integer bits per layer).
  std::string model, out, name, precision;
  std::string io = "stream";  // --io stream|parallel
  std::string calibrate;      // --calibrate X.npy (float32 samples)
  std::string config;         // --config F.json
  std::string fifo_depths = "sample";  // --fifo-depths sample|auto (docs/cnn.md "FIFO depths")
  std::string board;  // empty: pynq-z2, or a custom board when `part` is given
  std::string part;   // --part: a custom board alone, or another part for --board (a warning)
  std::string dma_port = "hp";  // --dma-port hp|hpc|acp
  int reuse = 1;
  int max_batch = 1024;
  std::string print_ir_after;
  std::string command_line;
  bool force = false;  // generate even when the weights cannot fit the board's block RAM
  Warn warn;
};
std::string run_generate(const GenerateOptions& o);

struct WeightsOptions {
  std::string model, project, out, command_line;
  Warn warn;
};
std::string run_weights(const WeightsOptions& o);

struct EmbedOptions {
  std::string input, key, labels, reference, project, out, command_line;
  long count = 0;
  Warn warn;
};
std::string run_embed(const EmbedOptions& o);

}  // namespace nngen::cli
