#include "cli/eval_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "eval/executor.h"
#include "frontend/onnx_loader.h"
#include "npy.h"
#include "support/error.h"
#include "support/file_read.h"

namespace nngen::cli {
namespace {

// Samples per graph run when the model's batch is symbolic: bounds the executor's memory (every
// intermediate tensor of a run is kept) without making small inputs slow.
constexpr int64_t kDefaultChunk = 64;

std::string dims_text(const std::vector<int64_t>& s) {
  std::string t = "(";
  for (size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + (s.size() == 1 ? ",)" : ")");
}

}  // namespace

CLI::App* add_eval_command(CLI::App& app, EvalOptions& o, const CLI::Validator& non_empty) {
  auto* c = app.add_subcommand(
      "eval", "Run an ONNX model in double precision (the float reference) and write its outputs");
  c->add_option("model", o.model, "ONNX model")->required()->check(non_empty);
  c->add_option("--input", o.input, "Inputs: float32 .npy, [N, per-sample shape...] or one sample")
      ->required()
      ->check(non_empty);
  c->add_option("--output", o.output, "Outputs to write: float32 .npy [N, ...]")
      ->required()
      ->check(non_empty);
  c->add_option("--batch", o.batch,
                "Samples per run of the graph (default: the model's fixed batch, else 64)");
  return c;
}

std::string run_eval(const EvalOptions& o) {
  const ir::Graph g = frontend::load_onnx(o.model);
  nnnpy::Array x;
  try {
    x = nnnpy::read_npy(o.input);
  } catch (const nnnpy::FileError& e) {
    fail_file(e);
  } catch (const nnnpy::Error& e) {
    fail_input(e.what());
  }
  const std::vector<int64_t>& sample = g.input_sample_shape;
  std::vector<int64_t> xs(x.shape.begin(), x.shape.end());
  int64_t n = 0;
  if (xs == sample) {
    n = 1;  // one sample without its batch dimension
  } else if (xs.size() == sample.size() + 1 &&
             std::equal(sample.begin(), sample.end(), xs.begin() + 1)) {
    n = xs[0];
  } else {
    std::string batched = "(N";
    for (int64_t d : sample) batched += ", " + std::to_string(d);
    fail_input(o.input + ": shape " + dims_text(xs) + " is neither " + batched +
               ") nor one sample " + dims_text(sample) + " of the input '" + g.input + "' of " +
               o.model);
  }
  if (n == 0) fail_input(o.input + ": holds no samples");
  int64_t chunk = o.batch > 0 ? o.batch : kDefaultChunk;
  if (o.batch < 0) fail_usage("--batch must be a positive number of samples");
  if (!g.batch.symbolic) {
    if (o.batch > 0 && o.batch != g.batch.fixed) {
      fail_usage("--batch " + std::to_string(o.batch) + ": " + o.model +
                 " fixes its batch dimension to " + std::to_string(g.batch.fixed));
    }
    chunk = g.batch.fixed;
    if (chunk <= 0 || n % chunk != 0) {
      fail_input(o.input + ": " + std::to_string(n) + " samples; " + o.model +
                 " takes batches of exactly " + std::to_string(g.batch.fixed));
    }
  }
  const int64_t per_sample = n == 0 ? 0 : static_cast<int64_t>(x.data.size()) / n;
  nnnpy::Array y;
  std::vector<int64_t> out_sample;
  for (int64_t first = 0; first < n; first += chunk) {
    const int64_t m = std::min(chunk, n - first);
    eval::Value in;
    in.shape = {m};
    in.shape.insert(in.shape.end(), sample.begin(), sample.end());
    in.data.assign(x.data.begin() + first * per_sample, x.data.begin() + (first + m) * per_sample);
    const eval::Value out = eval::run_graph(g, in).at(g.output);
    // The batch must stay the first dimension, otherwise chunks cannot be stacked.
    if (out.shape.empty() || out.shape[0] != m) {
      fail_input(o.model + ": the output '" + g.output + "' has shape " + dims_text(out.shape) +
                 " for a batch of " + std::to_string(m) + "; nngen eval needs the batch first");
    }
    const std::vector<int64_t> rest(out.shape.begin() + 1, out.shape.end());
    if (first == 0) {
      out_sample = rest;
    } else if (rest != out_sample) {
      fail_input(o.model + ": the output's per-sample shape changes with the batch");
    }
    for (double v : out.data) y.data.push_back(static_cast<float>(v));
  }
  y.shape = {static_cast<size_t>(n)};
  for (int64_t d : out_sample) y.shape.push_back(static_cast<size_t>(d));
  try {
    nnnpy::write_npy(o.output, y);  // temporary file + rename: nothing is left on failure
  } catch (const nnnpy::Error& e) {
    fail_io(e.what());
  }
  std::vector<int64_t> ys(y.shape.begin(), y.shape.end());
  return "nngen eval: " + std::to_string(n) + " sample" + (n == 1 ? "" : "s") + " of " + o.model +
         " -> " + o.output + " " + dims_text(ys) + "\n";
}

}  // namespace nngen::cli
