// <name>-sim: runs a data set through the virtual board.
//
//   <name>-sim --input X.npy --output Y.npy [--key K] [--weights W.nnw]
//              [--limit N] [--batch B] [--quiet] [--fault hang|flip-weight|wrong-signature]
//
// The path is the product's real one: libnndriver -> mock HAL (register file
// with HLS control semantics, simulated DDR with a CPU cache view) -> device
// model -> the generated accelerator top compiled for this host.
// Exit codes: 0 ok, 2 usage, 3 bad input file, 4 driver/device error.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "file_io.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_mock.h"
#include "npy.h"
#include "virtual_board.h"

namespace {

struct Args {
  std::string input, output, key, weights = nn_vboard_default_weights;
  long limit = -1;
  long batch = 0;
  bool quiet = false;
  unsigned faults = NN_MOCK_FAULT_NONE;
};

void usage(const char *argv0) {
  std::fprintf(
      stderr,
      "usage: %s --input X.npy|X.npz --output Y.npy [--key NAME] [--weights W.nnw]\n"
      "          [--limit N] [--batch B] [--quiet]\n"
      "  --input    float32 samples [N, ...] (C order); .npz needs --key unless it has one array\n"
      "  --output   float32 results [N, outputs] (written atomically)\n"
      "  --weights  weight file to load (default: the project's %s)\n"
      "  --limit    use only the first N samples\n"
      "  --batch    samples per nn_predict() call (default: the driver's buffer capacity)\n"
      "  --fault    inject a device fault to see how the driver reports it:\n"
      "             hang, flip-weight (one weight bit flips on the bus), wrong-signature\n",
      argv0, nn_vboard_default_weights);
}

[[noreturn]] void die(int code, const std::string &msg) {
  std::fprintf(stderr, "error: %s\n", msg.c_str());
  std::exit(code);
}

long parse_count(const std::string &flag, const char *v) {
  char *end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (!*v || *end || n <= 0 || n > 0x7FFFFFFFL)
    die(2, flag + " needs a positive integer below 2^31, got '" + v + "'");
  return n;
}

Args parse(int argc, char **argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string f = argv[i];
    if (f == "-h" || f == "--help") {
      usage(argv[0]);
      std::exit(0);
    }
    if (f == "--quiet") {
      a.quiet = true;
      continue;
    }
    if (i + 1 >= argc) die(2, "option " + f + " needs a value (see --help)");
    const char *v = argv[++i];
    if (f == "--input")
      a.input = v;
    else if (f == "--output")
      a.output = v;
    else if (f == "--key")
      a.key = v;
    else if (f == "--weights")
      a.weights = v;
    else if (f == "--limit")
      a.limit = parse_count(f, v);
    else if (f == "--batch")
      a.batch = parse_count(f, v);
    else if (f == "--fault") {
      const std::string k = v;
      if (k == "hang")
        a.faults |= NN_MOCK_FAULT_HANG;
      else if (k == "flip-weight")
        a.faults |= NN_MOCK_FAULT_FLIP_WEIGHT_WORD;
      else if (k == "wrong-signature")
        a.faults |= NN_MOCK_FAULT_WRONG_SIGNATURE;
      else
        die(2, "--fault must be hang, flip-weight or wrong-signature, got '" + k + "'");
    } else
      die(2, "unknown option '" + f + "' (see --help)");
  }
  const std::pair<const char *, const std::string *> paths[] = {
      {"--input", &a.input}, {"--output", &a.output}, {"--weights", &a.weights}};
  for (const auto &[flag, value] : paths) {
    if (value->empty()) {
      usage(argv[0]);
      die(2, std::string(flag) + " is required and must not be empty");
    }
  }
  return a;
}

std::string model_shape(const nn_model_desc &d) {
  std::string r = "[N";
  for (uint32_t i = 0; i < d.input_rank; ++i) r += ", " + std::to_string(d.input_shape[i]);
  return r + "]";
}

// Accepts [N, <model input shape>] or [N, input_size].
void check_input_shape(const Args &a, const nnnpy::Array &x, const nn_model_desc &d) {
  bool ok = x.shape.size() >= 2;
  if (ok) {
    size_t per = 1;
    for (size_t i = 1; i < x.shape.size(); ++i) per *= x.shape[i];
    bool exact = x.shape.size() == d.input_rank + 1;
    for (uint32_t i = 0; exact && i < d.input_rank; ++i) exact = x.shape[i + 1] == d.input_shape[i];
    ok = exact || (x.shape.size() == 2 && per == d.input_size);
  }
  if (!ok) {
    die(3, a.input + ": input has shape " + nnnpy::shape_to_string(x.shape) + ", model '" + d.name +
               "' expects " + model_shape(d) + " or [N, " + std::to_string(d.input_size) + "]");
  }
}

// A weight file for this model is its payload (4 bytes per weight word) plus the header and the
// tensor table, which stay far below 1 MiB for any model nngen writes; anything larger is not
// this model's weight file and is refused before it is read (docs/virtual-board.md).
std::vector<unsigned char> read_weights(const std::string &path, const nn_model_desc &d) {
  const std::uint64_t limit = std::uint64_t{d.weight_words} * 4 + (std::uint64_t{1} << 20);
  try {
    return nnnpy::read_whole_file<std::vector<unsigned char>>(
        path, limit, "weight files of model '" + std::string(d.name) + "'");
  } catch (const nnnpy::Error &e) {
    die(3, std::string("weight file ") + e.what());
  }
}

}  // namespace

int main(int argc, char **argv) {
  const Args args = parse(argc, argv);
  const nn_vboard_model &model = nn_vboard_this_model;
  const nn_model_desc &desc = *model.desc;
  // A usage error is reported before a (possibly large) input is read.
  if (args.batch > 0 && uint64_t(args.batch) > desc.max_batch) {
    die(2, "--batch " + std::to_string(args.batch) + " exceeds the project's maximum batch of " +
               std::to_string(desc.max_batch) +
               " (nngen generate --max-batch sizes the buffers); use --batch " +
               std::to_string(desc.max_batch) + " or less");
  }

  nnnpy::Array x;
  try {
    x = nnnpy::read_array(args.input, args.key);
  } catch (const std::exception &e) {
    die(3, e.what());
  }
  check_input_shape(args, x, desc);
  size_t n = x.shape[0];
  if (args.limit > 0 && size_t(args.limit) < n) n = size_t(args.limit);
  if (n == 0) die(3, args.input + ": holds no samples");
  const nnnpy::NonFinite bad = nnnpy::find_non_finite(x, n * desc.input_size);
  if (bad.count > 0) {
    std::fprintf(
        stderr, "warning: %s\n",
        nnnpy::non_finite_warning(args.input, bad, n * desc.input_size, desc.input_size).c_str());
  }

  nn_mock_config mc;
  nn_mock_config_init(&mc);
  mc.regs = &desc.regs;
  mc.weight_words = desc.weight_words;
  mc.device = nn_vboard_device;
  mc.device_ctx = const_cast<nn_vboard_model *>(&model);
  nn_mock *mock = nn_mock_create(&mc);
  if (!mock) die(4, "cannot create the virtual board (out of memory?)");
  nn_hal hal = nn_mock_hal(mock);
  nn_mock_set_faults(mock, args.faults);

  nn_options opt;
  nn_options_init(&opt);
  if (args.batch > 0) opt.max_batch = uint32_t(args.batch);
  nn_device dev;
  int rc = nn_open(&dev, &desc, &hal, &opt);
  if (rc != NN_OK) die(4, std::string("nn_open: ") + nn_strerror(rc));
  const std::vector<unsigned char> blob = read_weights(args.weights, desc);
  rc = nn_load_weights(&dev, blob.data(), blob.size());
  if (rc != NN_OK) die(4, "nn_load_weights(" + args.weights + "): " + nn_strerror(rc));

  uint32_t capacity = 0;
  if (!nn_input_buffer(&dev, &capacity) || capacity == 0) die(4, "the driver has no input buffer");
  const size_t chunk = args.batch > 0 ? std::min<size_t>(size_t(args.batch), capacity) : capacity;
  nnnpy::Array y;
  y.shape = {n, desc.output_size};
  y.data.resize(n * desc.output_size);
  nn_reset_stats(&dev);
  const auto t0 = std::chrono::steady_clock::now();
  for (size_t s = 0; s < n; s += chunk) {
    const uint32_t b = uint32_t(std::min(chunk, n - s));
    rc = nn_predict(&dev, x.data.data() + s * desc.input_size, y.data.data() + s * desc.output_size,
                    b);
    if (rc != NN_OK)
      die(4, "nn_predict (samples " + std::to_string(s) + ".." + std::to_string(s + b - 1) +
                 "): " + nn_strerror(rc));
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const nn_stats st = *nn_get_stats(&dev);
  nn_close(&dev);
  nn_mock_destroy(mock);
  try {
    nnnpy::write_npy(args.output, y);
  } catch (const std::exception &e) {
    die(3, e.what());
  }
  if (!args.quiet) {
    const double mmio =
        st.predict_calls ? double(st.mmio_reads + st.mmio_writes) / double(st.predict_calls) : 0.0;
    std::printf("model:            %s (signature 0x%08x)\n", desc.name, desc.signature);
    std::printf("samples:          %zu in %llu predict calls (batch <= %zu)\n", n,
                (unsigned long long)st.predict_calls, chunk);
    std::printf("wall time:        %.3f s\n", secs);
    std::printf("samples/s:        %.1f\n", secs > 0 ? double(n) / secs : 0.0);
    std::printf("MMIO per predict: %.1f register accesses\n", mmio);
    std::printf("output:           %s %s\n", args.output.c_str(),
                nnnpy::shape_to_string(y.shape).c_str());
  }
  return 0;
}
