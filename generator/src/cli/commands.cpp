#include "cli/commands.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "backend/data_header_writer.h"
#include "cli/config_file.h"
#include "cli/fifo_profile.h"
#include "backend/manifest.h"
#include "backend/nnw_writer.h"
#include "backend/project_writer.h"
#include "npy.h"
#include "passes/onchip_memory.h"
#include "support/error.h"
#include "support/file_read.h"
#include "support/hash.h"
#include "support/output_tree.h"
#include "support/text.h"

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

// The default rounding/overflow modes when --precision names none: round to
// nearest even and saturate, so an out-of-range value clips instead of
// wrapping to a wrong sign (docs/precision.md).
constexpr const char* kDefaultQuant = "AP_RND_CONV";
constexpr const char* kDefaultOverflow = "AP_SAT";

void check_name(const std::string& name) {
  static const std::array<const char*, 12> reserved = {"int",  "float", "double", "char",
                                                       "void", "const", "static", "return",
                                                       "if",   "for",   "while",  "struct"};
  bool ok = name.size() <= 32 && is_c_identifier(name);
  for (const char* r : reserved) ok = ok && name != r;
  if (!ok) {
    fail_usage(
        "--name '" + name +
        "' must be a C identifier of at most 32 characters (letters, digits, '_'; not a keyword)");
  }
}

std::string default_name(const std::string& model) {
  std::string stem = fs::path(model).stem().string(), s;
  for (char c : stem)
    s += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = "net_" + s;
  return s.substr(0, 32);
}

// The type --precision defaults to; with no --precision its width and modes are kept and the
// integer bits are chosen per layer (docs/precision.md).
constexpr const char* kDefaultPrecision = "ap_fixed<16,6>";

ops::BuildOptions build_options(const std::string& precision, int reuse, int max_batch,
                                const std::string& io) {
  if (reuse < 1 || reuse > 4096)
    fail_usage("--reuse must be 1..4096, got " + std::to_string(reuse));
  if (max_batch < 1 || max_batch > 1 << 20)
    fail_usage("--max-batch must be 1..1048576, got " + std::to_string(max_batch));
  if (io != "stream" && io != "parallel") fail_usage("--io must be stream or parallel, got '" + io + "'");
  const std::string text = precision.empty() ? kDefaultPrecision : precision;
  ir::FixedType t = ir::FixedType::parse(text, kDefaultQuant, kDefaultOverflow);
  if (!t.is_signed) {
    fail_usage(
        "--precision '" + precision +
        "': an unsigned type cannot hold negative weights, biases or activations; use ap_fixed");
  }
  ops::BuildOptions o;
  o.data_type = t;
  o.auto_precision = precision.empty();
  o.reuse = reuse;
  o.max_batch = max_batch;
  o.io = io;
  return o;
}

// The options a project was generated with, with every type fixed as the manifest records
// it, so that a new model gets exactly the project's architecture (no calibration needed).
ops::BuildOptions project_options(const backend::Manifest& m) {
  ops::BuildOptions o = build_options(m.auto_precision ? "" : m.precision, m.reuse, m.max_batch, m.io);
  if (m.auto_precision) o.data_type = ir::FixedType::parse(m.precision.empty() ? kDefaultPrecision : m.precision, kDefaultQuant, kDefaultOverflow);
  o.auto_precision = false;
  if (!m.input_type.empty()) o.input_type = ir::FixedType::parse(m.input_type, kDefaultQuant, kDefaultOverflow);
  for (const auto& [layer, types] : m.layer_types) {
    for (const auto& [key, t] : types) {
      o.layers[layer].types[key] = ir::FixedType::parse(t, kDefaultQuant, kDefaultOverflow);
    }
  }
  o.fifo_depths = m.fifo_depths;
  return o;
}

// --calibrate: float32 samples with the model's per-sample size (at most 1024 are used).
std::vector<float> read_calibration(const std::string& path, const std::string& model) {
  if (path.empty()) return {};
  nnnpy::Array x;
  try {
    x = nnnpy::read_array(path);
  } catch (const nnnpy::FileError& e) {
    fail_file(e);
  } catch (const nnnpy::Error& e) {
    fail_input(e.what());
  }
  if (x.shape.empty() || x.data.empty()) fail_input(path + ": --calibrate holds no samples");
  const size_t n = std::min<size_t>(x.shape[0], 1024);
  const size_t per = x.data.size() / x.shape[0];
  for (size_t i = 0; i < n * per; ++i) {
    if (!std::isfinite(x.data[i])) {
      fail_input(path + ": --calibrate value " + std::to_string(i) + " is not finite");
    }
  }
  (void)model;
  return std::vector<float>(x.data.begin(), x.data.begin() + static_cast<std::ptrdiff_t>(n * per));
}

void warn(const Warn& w, const std::string& message) {
  if (w) w(message);
}

// Refuses (or, with --force, warns about) weights that certainly cannot fit the board's block
// RAM, before anything is written; warns when they fit only if synthesis packs arrays more densely
// than it usually does. UltraRAM is not counted: the generated code does not bind arrays to it.
void check_fits_on_chip(const passes::Design& d, const backend::Board& board,
                        const GenerateOptions& o) {
  if (board.custom) return;  // the part's block RAM is unknown (said in the --part warning)
  const passes::OnchipEstimate e = passes::estimate_onchip_memory(d);
  const uint64_t have = static_cast<uint64_t>(board.bram36);
  if (e.bram36 <= have) return;
  const std::string need =
      o.model + ": the weights and biases need " +
      (e.bram36_bound > have ? "at least " + std::to_string(e.bram36_bound)
                             : std::to_string(e.bram36) + " (at least " +
                                   std::to_string(e.bram36_bound) + " if packed densely)") +
      " BRAM36 blocks of on-chip memory (" + std::to_string(e.bits) + " bits at " + o.precision +
      "), but board '" + board.id + "' (" + board.part + ") has " + std::to_string(have);
  if (e.bram36_bound <= have) {
    warn(o.warn, need + "; it may not fit: check the utilization report of Vitis HLS");
    return;
  }
  std::string bigger;
  for (const std::string& id : backend::board_ids()) {
    const backend::Board b = backend::find_board(id);
    if (static_cast<uint64_t>(b.bram36) >= e.bram36_bound) {
      bigger += (bigger.empty() ? "" : ", ") + id + " (" + std::to_string(b.bram36) + ")";
    }
  }
  const std::string message =
      need + "; use --precision with fewer bits, " +
      (bigger.empty() ? std::string("a bigger board")
                      : "a board with more block RAM (--board " + bigger + ")") +
      ", or --force to generate anyway";
  if (!o.force) fail_input(message);
  warn(o.warn, message + " (--force: generated anyway; it will not fit this part as generated)");
}

// The board of --board / --part: a boards.json entry, a custom board from the part's family
// defaults (--part alone), or an entry with another part (--part with --board). Every value that
// is assumed rather than known is named in one warning.
backend::Board resolve_board(const GenerateOptions& o) {
  if (o.part.empty()) return backend::find_board(o.board.empty() ? "pynq-z2" : o.board);
  std::vector<std::string> assumed;
  if (o.board.empty()) {
    backend::Board b = backend::custom_board(o.part, &assumed);
    std::string m =
        "--part " + o.part + " without --board: generating for a custom board; assumed:";
    for (const std::string& a : assumed) m += "\n  " + a;
    warn(o.warn, m);
    return b;
  }
  backend::Board b = backend::find_board(o.board);
  if (o.part == b.part) return b;
  const backend::Board family = backend::custom_board(o.part, nullptr);  // validates the part
  if (family.ps_ip != b.ps_ip) {
    fail_usage("--part " + o.part + " has a " + family.ps_ip + ", but board '" + b.id + "' has a " +
               b.ps_ip + " (part " + b.part + "); use --part without --board for a custom board");
  }
  warn(o.warn, "--part " + o.part + " overrides the part of board '" + b.id + "' (" + b.part +
                   "); the board's other values are kept, its Vivado board file (" + b.board_part +
                   ") is not used (it is for the board's own part), and the block-RAM fit check "
                   "is skipped (the part's on-chip memory is unknown)");
  b.part = o.part;
  b.board_part.clear();
  b.bram36 = 0;
  b.uram288 = 0;
  b.dsp = b.lut = b.ff = 0;  // the part's logic is unknown too: no cost-estimate check
  b.custom = true;
  return b;
}

}  // namespace

namespace {

// --fifo-depths: true for auto (checked before anything is written).
bool check_fifo_depths_option(const GenerateOptions& o, const ops::BuildOptions& opt) {
  if (o.fifo_depths == "sample") return false;
  if (o.fifo_depths != "auto")
    fail_usage("--fifo-depths must be sample or auto, got '" + o.fifo_depths + "'");
  if (opt.io != "stream")
    fail_usage("--fifo-depths auto sizes the FIFOs of --io stream; --io " + opt.io + " has none");
  if (o.calibrate.empty())
    fail_usage("--fifo-depths auto needs --calibrate X.npy: the profiled C simulation runs those "
               "samples");
  return true;
}

// Measures the FIFO occupancies of `d` (cli/fifo_profile.h), compiles the design again with
// depths from them, checks that design against the same simulation and returns it.
passes::Design profile_fifo_depths(const GenerateOptions& o, ops::BuildOptions opt,
                                   const backend::ProjectSpec& spec, passes::Design d,
                                   std::string& summary) {
  FifoProfiler profiler(d, spec, o.calibrate);
  for (const passes::Fifo& f : d.fifos) {
    if (!opt.fifo_depths.count(f.stream))  // configured depths stay as configured
      opt.fifo_occupancy[f.stream] = profiler.measured().streams.at(f.stream).max_occupancy;
  }
  passes::Design final_design =
      passes::compile_model(o.model, opt, "", {}, read_calibration(o.calibrate, o.model));
  const FifoProfile check = profiler.check(final_design);
  summary = fifo_report(final_design, profiler.measured(), check);
  return final_design;
}

}  // namespace

std::string run_generate(const GenerateOptions& o) {
  const std::string name = o.name.empty() ? default_name(o.model) : o.name;
  check_name(name);
  backend::ProjectSpec spec{name, resolve_board(o), o.precision.empty() ? kDefaultPrecision : o.precision, {}};
  backend::dma_slave_port(spec.board, o.dma_port);  // refuses a port the PS does not have
  spec.dma_port = o.dma_port;
  ops::BuildOptions opt = build_options(o.precision, o.reuse, o.max_batch, o.io);
  if (!o.config.empty()) apply_config_file(o.config, opt);
  opt.target = {spec.board.id, spec.board.hwh_arch, spec.board.dsp, 2 * int64_t{spec.board.bram36},
                spec.board.lut, spec.board.ff, spec.board.clock_period_ns};
  const bool profile_fifos = check_fifo_depths_option(o, opt);
  std::vector<float> calibration = read_calibration(o.calibrate, o.model);
  if (!o.calibrate.empty() && !opt.auto_precision) {
    warn(o.warn, "--calibrate has no effect with an explicit --precision (one type for every layer)");
  }
  // Only a valid command line may remove anything, even leftovers of killed runs.
  for (const std::string& note : clean_interrupted_runs(o.out)) warn(o.warn, note);
  passes::Design d = passes::compile_model(
      o.model, opt, o.print_ir_after, [](const std::string& ir) { std::cout << ir << std::flush; },
      std::move(calibration));
  for (const std::string& w : d.warnings) warn(o.warn, w);
  check_fits_on_chip(d, spec.board, o);
  spec.provenance = {o.model, d.graph.source_crc, o.command_line};
  std::string fifo_summary;
  if (profile_fifos) d = profile_fifo_depths(o, opt, spec, std::move(d), fifo_summary);
  backend::write_project(d, spec, o.out);
  std::string s = "generated project '" + o.out + "' for model '" + name + "' (board " +
                  spec.board.id +
                  (spec.board.custom ? ", custom, part " + spec.board.part : std::string()) +
                  ", DMA port " + backend::dma_slave_port(spec.board, spec.dma_port) + ")\n";
  s += "  layers:    " + std::to_string(d.graph.nodes.size()) + " (";
  for (size_t i = 0; i < d.graph.nodes.size(); ++i) s += (i ? ", " : "") + d.graph.nodes[i].op;
  s += ")\n  input:     " + std::to_string(d.input_size) +
       " values/sample, output: " + std::to_string(d.output_size) + "\n";
  s += "  weights:   " + std::to_string(d.weight_words) + " words in " + o.out + "/weights/" +
       name + ".nnw\n";
  s += "  precision: " +
       (opt.auto_precision ? "per layer, width " + std::to_string(opt.data_type.width) + " (" +
                                 (o.calibrate.empty()
                                      ? "weights from their values, activations " +
                                            opt.data_type.cpp() +
                                            " without --calibrate X.npy data"
                                      : "calibrated") +
                                 "; OUT/report.md)"
                           : opt.data_type.cpp()) +
       ", io " + opt.io + ", signature " + hex32(d.signature) + "\n";
  s += fifo_summary;
  s += "  next:      cmake -S " + o.out + " -B " + o.out + "/build && cmake --build " + o.out +
       "/build\n";
  return s;
}

std::string run_weights(const WeightsOptions& o) {
  const backend::Manifest m = backend::read_manifest(o.project);
  const ops::BuildOptions opt = project_options(m);
  passes::Design d = passes::compile_model(o.model, opt);
  if (d.signature != m.signature) {
    const std::vector<std::string> lines = split_lines(d.architecture);
    size_t k = 0;
    while (k < lines.size() && k < m.architecture.size() && lines[k] == m.architecture[k]) ++k;
    const std::string have = k < m.architecture.size() ? m.architecture[k] : "(end)";
    const std::string got = k < lines.size() ? lines[k] : "(end)";
    fail_mismatch(o.model + " does not have the architecture project '" + o.project +
                  "' was generated for (signature " + hex32(d.signature) + ", project " +
                  hex32(m.signature) + "); first difference, line " + std::to_string(k + 1) +
                  ":\n  project: " + have + "\n  model:   " + got);
  }
  // The project's types were chosen for the weights it was generated with; larger ones saturate.
  for (const ir::Node& n : d.graph.nodes) {
    for (const ops::WeightTensor& w : ops::layer_op(n).weights(d.graph, n)) {
      const ir::FixedType& t = n.types.at(w.type_key);
      const double top = std::ldexp(1.0, t.int_bits - 1), m = ops::max_abs(*w.values);
      if (m >= top) {
        warn(o.warn, o.model + ": " + w.type_key + " '" + w.name + "' of layer " + n.name +
                         " reaches " + std::to_string(m) + ", beyond what the project's " + t.cpp() +
                         " holds (+-" + std::to_string(top) +
                         "): those values saturate; regenerate the project for this model (or widen "
                         "the type with --config)");
      }
    }
  }
  write_file_atomic(o.out, backend::nnw_bytes(d));
  return "wrote " + o.out + ": " + std::to_string(d.weight_words) + " weight words for '" + m.name +
         "' (signature " + hex32(d.signature) + ")\n";
}

namespace {

size_t per_sample(const std::vector<size_t>& shape) {
  size_t n = 1;
  for (size_t i = 1; i < shape.size(); ++i) n *= shape[i];
  return n;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

std::string run_embed(const EmbedOptions& o) {
  const backend::Manifest m = backend::read_manifest(o.project);
  const fs::path sim = fs::path(o.project) / "build" / (m.name + "-sim");
  std::error_code ec;
  if (!fs::exists(sim, ec)) {
    fail_io("the virtual board of '" + o.project + "' is not built (" + sim.string() +
            " is missing); run: cmake -S " + o.project + " -B " + o.project +
            "/build && cmake --build " + o.project + "/build");
  }
  if (o.count <= 0) fail_usage("-n must be a positive number of samples");
  nnnpy::Array x;
  nnnpy::IntArray labels;
  nnnpy::Array ref;
  try {
    x = nnnpy::read_array(o.input, o.key);
    if (!o.labels.empty()) labels = nnnpy::read_int_array(o.labels);
    if (!o.reference.empty()) ref = nnnpy::read_array(o.reference);
  } catch (const nnnpy::FileError& e) {
    fail_file(e);  // the same exit codes as for the model: a directory or device is I/O (5)
  } catch (const nnnpy::Error& e) {
    fail_input(e.what());
  }
  if (x.shape.size() < 2 || per_sample(x.shape) != m.input_size) {
    fail_input(o.input + ": shape " + nnnpy::shape_to_string(x.shape) +
               " does not hold samples of " + std::to_string(m.input_size) + " values for model '" +
               m.name + "'");
  }
  // Asking for more samples than there are is refused rather than clamped: a header with fewer
  // samples than the command line says would surprise the application that includes it.
  if (static_cast<size_t>(o.count) > x.shape[0]) {
    fail_usage("-n " + std::to_string(o.count) + " asks for more samples than " + o.input +
               " holds (" + std::to_string(x.shape[0]) + ")");
  }
  const size_t n = static_cast<size_t>(o.count);
  if (!o.labels.empty() && labels.data.size() < n) {
    fail_input(o.labels + ": holds " + std::to_string(labels.data.size()) + " labels, need " +
               std::to_string(n));
  }
  for (size_t i = 0; i < n && !o.labels.empty(); ++i) {
    if (labels.data[i] < 0 || labels.data[i] >= static_cast<int64_t>(m.output_size)) {
      fail_input(o.labels + ": label " + std::to_string(labels.data[i]) + " at index " +
                 std::to_string(i) + " is outside the model's classes [0, " +
                 std::to_string(m.output_size) + ") of '" + m.name + "'");
    }
  }
  const nnnpy::NonFinite bad = nnnpy::find_non_finite(x, n * m.input_size);
  if (bad.count > 0) {
    warn(o.warn, nnnpy::non_finite_warning(o.input, bad, n * m.input_size, m.input_size));
  }
  if (!o.reference.empty() &&
      (ref.shape.empty() || ref.shape[0] < n || per_sample(ref.shape) != m.output_size)) {
    fail_input(o.reference + ": shape " + nnnpy::shape_to_string(ref.shape) +
               ", need [>=" + std::to_string(n) + ", " + std::to_string(m.output_size) + "]");
  }
  // The accelerator's expected outputs come from the project's own virtual board.
  std::string tmpl = (fs::temp_directory_path() / "nngen-embed-XXXXXX").string();
  if (!::mkdtemp(tmpl.data()))
    fail_io("cannot create a temporary directory in " + fs::temp_directory_path().string());
  const fs::path tmp = tmpl;
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(p, e);
    }
  } cleanup{tmp};
  nnnpy::Array head{{n, m.input_size},
                    std::vector<float>(x.data.begin(), x.data.begin() + n * m.input_size)};
  try {
    nnnpy::write_npy((tmp / "x.npy").string(), head);
  } catch (const nnnpy::Error& e) {
    fail_io(e.what());
  }
  const std::string cmd = shell_quote(sim.string()) + " --quiet --input " +
                          shell_quote((tmp / "x.npy").string()) + " --output " +
                          shell_quote((tmp / "y.npy").string()) + " --batch " +
                          std::to_string(std::min<size_t>(n, static_cast<size_t>(m.max_batch)));
  const int rc = std::system(cmd.c_str());
  if (rc != 0)
    fail_io("the virtual board failed (" + cmd + ", status " + std::to_string(WEXITSTATUS(rc)) +
            ")");
  nnnpy::Array y;
  try {
    y = nnnpy::read_npy((tmp / "y.npy").string());
  } catch (const nnnpy::Error& e) {
    fail_io(e.what());
  }
  if (y.shape.size() != 2 || y.shape[0] != n || y.shape[1] != m.output_size) {
    fail_mismatch(
        "the virtual board " + sim.string() + " returned " + nnnpy::shape_to_string(y.shape) +
        ", expected [" + std::to_string(n) + ", " + std::to_string(m.output_size) +
        "]; it was built for another model: rebuild it (cmake --build " + o.project + "/build)");
  }

  backend::DataHeaderSpec data{m.name,       m.signature,   o.command_line, n,
                               m.input_size, m.output_size, head.data,      {},
                               {},           y.data};
  if (!o.labels.empty()) data.labels.assign(labels.data.begin(), labels.data.begin() + n);
  if (!o.reference.empty())
    data.reference.assign(ref.data.begin(), ref.data.begin() + n * m.output_size);
  const std::string h = backend::data_header(data);
  write_file_atomic(o.out, h);
  return "wrote " + o.out + ": " + std::to_string(n) + " samples for '" + m.name + "'\n";
}

}  // namespace nngen::cli
