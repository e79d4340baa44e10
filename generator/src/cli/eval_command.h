// nngen eval MODEL.onnx --input X.npy --output Y.npy [--batch N]: runs the model on X with the
// float reference executor (src/eval, double precision) and writes its outputs as float32, the
// reference the accelerator's fixed-point results are compared with (docs/eval.md).
#pragma once

#include <string>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

struct EvalOptions {
  std::string model;
  std::string input;
  std::string output;
  int batch = 0;  // samples per graph run; 0: the model's fixed batch, or 64
};

CLI::App* add_eval_command(CLI::App& app, EvalOptions& o, const CLI::Validator& non_empty);

// Writes o.output (whole or not at all); returns the summary line for stdout. Throws
// nngen::Error: kBadInput for a bad model or input file, kUsage for a bad --batch, kIo when a
// file cannot be read or written.
std::string run_eval(const EvalOptions& o);

}  // namespace nngen::cli
