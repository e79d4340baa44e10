// nn-run and the Linux runtime end to end: a generated digits project, its device library
// (build/libnet-device.so), `nn-run --hal sim` against the project's own net-sim, every
// documented error with its exit code, --json, and the runtime's thread rules.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "e2e_util.h"
#include "nndriver/nn_runtime.h"

namespace fs = std::filesystem;

namespace {

// Commands run and quoted as in the end-to-end tests (tests/e2e/e2e_util).
using e2e::expect_error;
using e2e::q;
using e2e::Result;
using e2e::run;

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& p, const std::string& b) {
  std::ofstream f(p, std::ios::binary);
  f.write(b.data(), std::streamsize(b.size()));
}

fs::path fixture(const std::string& file) {
  return fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/digits" / file;
}

fs::path work() {
  static const fs::path w = [] {
    fs::path d = fs::path(NNRUN_WORK_DIR);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return w;
}

// The digits project, generated and built once per process, plus weights from model_b.onnx.
const fs::path& project() {
  static const fs::path prj = [] {
    const fs::path p = work() / "prj";
    Result g = run(std::string(NNGEN_PATH) + " generate " + q(fixture("model.onnx")) + " -o " +
                   q(p) + " --name net");
    EXPECT_EQ(g.code, 0) << g.output;
    Result c = run("cmake -S " + q(p) + " -B " + q(p / "build") + " -G Ninja -DNNACCEL_WERROR=ON");
    EXPECT_EQ(c.code, 0) << c.output;
    Result b = run("cmake --build " + q(p / "build") + " -j2");
    EXPECT_EQ(b.code, 0) << b.output;
    Result w = run(std::string(NNGEN_PATH) + " weights " + q(fixture("model_b.onnx")) +
                   " --project " + q(p) + " -o " + q(work() / "b.nnw"));
    EXPECT_EQ(w.code, 0) << w.output;
    return p;
  }();
  return prj;
}

std::string nnrun() { return NNRUN_PATH; }

// net-sim's output on X_test (the reference nn-run must match byte for byte).
std::string sim_output(const std::string& extra = "", const std::string& tag = "a") {
  const fs::path out = work() / ("sim_" + tag + ".npy");
  if (!fs::exists(out)) {
    Result r = run(q(project() / "build/net-sim") + " --input " + q(fixture("X_test.npy")) +
                   " --output " + q(out) + " --quiet" + extra);
    EXPECT_EQ(r.code, 0) << r.output;
  }
  return read_bytes(out);
}

std::string run_args(const std::string& args) {
  return nnrun() + " --project " + q(project()) + " --input " + q(fixture("X_test.npy")) + " " +
         args;
}

TEST(NnRun, ProjectHasDescriptorAndDeviceLibrary) {
  EXPECT_TRUE(fs::exists(project() / "nnaccel-model.desc"));
  EXPECT_TRUE(fs::exists(project() / "build/libnet-device.so"));
  // The library exports exactly one dynamic symbol of its own: the plugin entry.
  Result r = run("nm -D --defined-only " + q(project() / "build/libnet-device.so"));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find(" T nn_sim_plugin_entry"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" T nn_open"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" T nn_mock_create"), std::string::npos) << r.output;
}

TEST(NnRun, SimOutputIsByteIdenticalToNameSim) {
  const std::string ref = sim_output();
  ASSERT_FALSE(ref.empty());
  for (const std::string args : {"", "--batch 7 --repeat 3", "--batch 1", "--batch 1024"}) {
    SCOPED_TRACE(args);
    const fs::path out = work() / "y.npy";
    fs::remove(out);
    Result r = run(run_args("--output " + q(out) + " " + args));
    ASSERT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("latency per call:  min"), std::string::npos) << r.output;
    EXPECT_TRUE(read_bytes(out) == ref) << "nn-run output differs from net-sim's";
  }
  // The input as [N, input_size] gives the same bytes.
  Result r = run(run_args("--output " + q(work() / "flat.npy") + " --quiet"));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(r.output.empty()) << r.output;
}

TEST(NnRun, OtherWeightsMatchNameSimWithThem) {
  const std::string ref = sim_output(" --weights " + q(work() / "b.nnw"), "b");
  ASSERT_NE(ref, sim_output());
  const fs::path out = work() / "yb.npy";
  Result r = run(run_args("--output " + q(out) + " --weights " + q(work() / "b.nnw")));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(read_bytes(out) == ref);
}

TEST(NnRun, JsonParses) {
  const fs::path out = work() / "j.npy";
  Result r = run(run_args("--output " + q(out) + " --json --batch 50 --repeat 2") + " 2>/dev/null");
  ASSERT_EQ(r.code, 0) << r.output;
  const nlohmann::json j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j.at("model"), "net");
  EXPECT_EQ(j.at("hal"), "sim");
  EXPECT_EQ(j.at("samples"), 360);
  EXPECT_EQ(j.at("batch"), 50);
  EXPECT_EQ(j.at("repeat"), 2);
  EXPECT_EQ(j.at("predict_calls"), 16);  // ceil(360 / 50) = 8, twice
  const auto& l = j.at("latency_us");
  EXPECT_GT(l.at("min").get<double>(), 0.0);
  EXPECT_LE(l.at("min").get<double>(), l.at("median").get<double>());
  EXPECT_LE(l.at("median").get<double>(), l.at("p99").get<double>());
  EXPECT_LE(l.at("p99").get<double>(), l.at("max").get<double>());
  EXPECT_GT(j.at("throughput_samples_per_s").get<double>(), 0.0);
  // The lean path (docs/driver.md): a steady-state predict is the ap_start write and the
  // ap_return read. On top of the 16 x 2: batch and mode once after the weight load, and batch
  // again at each change 50 -> 10 -> 50 -> 10: 37 accesses. The sim HAL waits on its
  // interrupt, so the wait makes no poll.
  EXPECT_NEAR(j.at("mmio_per_predict").get<double>(), 37.0 / 16.0, 0.006);
  EXPECT_EQ(j.at("wait_polls_per_predict").get<double>(), 0.0);
  EXPECT_EQ(j.at("output"), out.string());
  EXPECT_EQ(j.at("output_shape"), nlohmann::json::array({360, 10}));
  EXPECT_EQ(j.at("signature").get<std::string>().substr(0, 2), "0x");
}

TEST(NnRun, UsageErrorsExit2) {
  const std::string o = " --output " + q(work() / "u.npy");
  expect_error(run(nnrun()), 2, "--project is required");
  expect_error(run(nnrun() + " --project " + q(project()) + o), 2, "--input is required");
  expect_error(run(run_args("")), 2, "--output is required");
  expect_error(run(run_args(o + " --bogus 1")), 2, "unknown option '--bogus'");
  expect_error(run(run_args(o + " --batch")), 2, "option --batch needs a value");
  expect_error(run(run_args(o + " --batch 0")), 2, "--batch needs a number in 1..1048576");
  expect_error(run(run_args(o + " --batch 12x")), 2, "got '12x'");
  expect_error(run(run_args(o + " --batch 2000")), 2,
               "--batch 2000 exceeds the project's maximum batch of 1024");
  expect_error(run(run_args(o + " --repeat -1")), 2, "--repeat needs a number");
  expect_error(run(run_args(o + " --batch 1 --repeat 1000000")), 2,
               "360000000 predict calls (360 samples / batch 1 x repeat 1000000) are more than");
  expect_error(run(run_args(o + " --hal fpga")), 2, "--hal must be sim, uio or devmem");
  expect_error(run(run_args(o + " --carveout 0x1000")), 2, "--carveout needs BASE:SIZE");
  expect_error(run(run_args(o + " --carveout 0x70000000:0x100000")), 2,
               "--carveout only applies to --hal devmem");
  expect_error(run(run_args(o + " --uio accel")), 2, "only apply to --hal uio");
  expect_error(run(run_args(o + " --ctrl-base 0x43c00000")), 2,
               "--ctrl-base only applies to --hal uio or devmem");
  expect_error(run(run_args(o + " --hal devmem")), 2, "--hal devmem needs the control base");
  expect_error(run(run_args(o + " --hal devmem --ctrl-base 0x43c00000")), 2,
               "needs a reserved-memory carve-out");
  expect_error(run(run_args(o + " --hal uio")), 2, "--hal uio needs the device");
  expect_error(run(run_args(o + " --hal uio --sim-library x.so")), 2,
               "--sim-library only applies to --hal sim");
  Result help = run(nnrun() + " --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.output.find("exit codes: 0 ok, 2 usage"), std::string::npos) << help.output;
}

// A copy of the project's descriptor (and what it points to) with one line changed.
fs::path project_copy(const std::string& name, const std::string& from, const std::string& to) {
  const fs::path d = work() / name;
  fs::remove_all(d);
  fs::create_directories(d / "weights");
  fs::create_directories(d / "build");
  std::string desc = read_bytes(project() / "nnaccel-model.desc");
  if (!from.empty()) {
    const size_t at = desc.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    desc.replace(at, from.size(), to);
  }
  write_bytes(d / "nnaccel-model.desc", desc);
  fs::copy_file(project() / "weights/net.nnw", d / "weights/net.nnw");
  fs::copy_file(project() / "build/libnet-device.so", d / "build/libnet-device.so");
  return d;
}

std::string run_in(const fs::path& prj, const std::string& input, const std::string& extra = "") {
  return nnrun() + " --project " + q(prj) + " --input " + q(input) + " --output " +
         q(work() / "e.npy") + " " + extra;
}

std::string npy_header(const std::string& descr, const std::string& shape) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + dict.size() + 1) % 64) dict += ' ';
  dict += '\n';
  std::string s = "\x93NUMPY\x01";
  s += '\0';
  s += char(dict.size());
  s += char(dict.size() >> 8);
  return s + dict;
}

TEST(NnRun, InputAndProjectErrorsExit3) {
  const std::string x = fixture("X_test.npy").string();
  // no descriptor
  const fs::path empty = work() / "empty";
  fs::create_directories(empty);
  expect_error(run(run_in(empty, x)), 3, "empty/nnaccel-model.desc: cannot open");
  // a bad descriptor line names its line
  const fs::path bad = project_copy("bad_desc", "input_size 64", "input_size 64 65");
  expect_error(run(run_in(bad, x)), 3, "nnaccel-model.desc: line 9: 'input_size' takes 1 value(s)");
  const fs::path unknown = project_copy("unknown_key", "bus_format float32", "bus_width 32");
  expect_error(run(run_in(unknown, x)), 3, "line 8: unknown key 'bus_width'");
  // inputs
  expect_error(run(run_in(project(), (work() / "missing.npy").string())), 3,
               "missing.npy: cannot open");
  const fs::path wrong_shape = work() / "shape.npy";
  write_bytes(wrong_shape, npy_header("<f4", "(2, 63)") + std::string(2 * 63 * 4, '\0'));
  expect_error(run(run_in(project(), wrong_shape)), 3,
               "input has shape (2, 63), model 'net' expects (N, 1, 8, 8) or (N, 64)");
  const fs::path rank1 = work() / "rank1.npy";
  write_bytes(rank1, npy_header("<f4", "(64,)") + std::string(64 * 4, '\0'));
  expect_error(run(run_in(project(), rank1)), 3, "input has shape (64,)");
  const fs::path none = work() / "none.npy";
  write_bytes(none, npy_header("<f4", "(0, 64)"));
  expect_error(run(run_in(project(), none)), 3, "holds no samples");
  const fs::path f64 = work() / "f64.npy";
  write_bytes(f64, npy_header("<f8", "(2, 64)") + std::string(2 * 64 * 8, '\0'));
  expect_error(run(run_in(project(), f64)), 3, "dtype '<f8', but nn-run needs float32");
  const fs::path trunc = work() / "trunc.npy";
  const std::string whole = read_bytes(x);
  write_bytes(trunc, whole.substr(0, whole.size() - 3));
  expect_error(run(run_in(project(), trunc)), 3,
               "truncated: shape (360, 1, 8, 8) needs 92160 data bytes, the file holds 92157");
  const fs::path npz = work() / "x.npz";
  write_bytes(npz, std::string("PK\x03\x04", 4) + std::string(100, 'z'));
  expect_error(run(run_in(project(), npz)), 3, "is a .npz archive");
  // weights that cannot be read
  expect_error(run(run_in(project(), x, "--weights " + q(work() / "nope.nnw"))), 3,
               "weight file " + (work() / "nope.nnw").string() + ": cannot open");
  // an output that cannot be written
  expect_error(run(nnrun() + " --project " + q(project()) + " --input " + q(x) +
                   " --output /nonexistent-dir/y.npy"),
               3, "/nonexistent-dir/y.npy");
}

TEST(NnRun, NonFiniteInputWarnsAndRuns) {
  std::vector<float> v(3 * 64, 0.5f);
  v[2 * 64 + 7] = std::numeric_limits<float>::quiet_NaN();
  v[2 * 64 + 9] = std::numeric_limits<float>::infinity();
  const fs::path nan = work() / "nan.npy";
  write_bytes(nan, npy_header("<f4", "(3, 64)") +
                       std::string(reinterpret_cast<const char*>(v.data()), v.size() * 4));
  Result r = run(run_in(project(), nan.string(), "--quiet"));
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(
      r.output.find("nan.npy: 2 non-finite value(s) (NaN or infinity), the first in sample 2"),
      std::string::npos)
      << r.output;
}

TEST(NnRun, DriverAndLibraryErrorsExit4) {
  const std::string x = fixture("X_test.npy").string();
  // a weight file of another model: the driver's own words
  const fs::path other = work() / "other";
  Result g = run(std::string(NNGEN_PATH) + " generate " +
                 q(fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/iris_sigmoid/model.onnx") +
                 " -o " + q(other) + " --name iris");
  ASSERT_EQ(g.code, 0) << g.output;
  expect_error(run(run_in(project(), x, "--weights " + q(other / "weights/iris.nnw"))), 4,
               "nn_load_weights: weight file was made for another model");
  // a corrupted weight file
  std::string w = read_bytes(project() / "weights/net.nnw");
  w[w.size() - 5] ^= 0x40;
  write_bytes(work() / "corrupt.nnw", w);
  expect_error(run(run_in(project(), x, "--weights " + q(work() / "corrupt.nnw"))), 4,
               "corrupt.nnw: nn_load_weights: weight file is corrupt (CRC mismatch");
  // missing device library
  const fs::path nolib = project_copy("nolib", "", "");
  fs::remove(nolib / "build/libnet-device.so");
  expect_error(run(run_in(nolib, x)), 4,
               "cannot load the device library " + (nolib / "build/libnet-device.so").string());
  // the descriptor names no sim library
  const fs::path pkg = project_copy("package", "sim_library build/libnet-device.so\n", "");
  expect_error(run(run_in(pkg, x)), 2, "names no sim_library");
  // libraries of another ABI, without the entry, or built for another model
  expect_error(run(run_in(project(), x, "--sim-library " + q(FAKE_ABI_LIB))), 4,
               "device library ABI 99, this program needs ABI 1");
  expect_error(run(run_in(project(), x, "--sim-library " + q(FAKE_NOENTRY_LIB))), 4,
               "is not an nnaccel device library (no nn_sim_plugin_entry");
  expect_error(run(run_in(project(), x, "--sim-library " + q(FAKE_MODEL_LIB))), 4,
               "was built for model 'other' (signature 0x12345678)");
  // a library of this project with a descriptor that was changed afterwards
  const fs::path stale = project_copy("stale", "reg mode 0x44", "reg mode 0x48");
  expect_error(run(run_in(stale, x)), 4, "register map differs");
}

TEST(NnRun, HwhOfAnotherDesignExits5) {
  const fs::path hwh =
      fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/hwh/pynq-z2_hls_m_axi_vivado2020.1.hwh";
  if (!fs::exists(hwh)) GTEST_SKIP() << "no .hwh fixture";
  Result r = run(run_args("--output " + q(work() / "h.npy") + " --hwh " + q(hwh)));
  if (r.output.find("no .hwh reader") != std::string::npos) GTEST_SKIP() << r.output;
  expect_error(r, 5, "no IP 'nnaccel.org:hls:net_accel:1.0' (or 'net_accel') in this design");
  expect_error(
      run(run_args("--output " + q(work() / "h.npy") + " --hwh " + q(work() / "missing.hwh"))), 3,
      "missing.hwh");
}

// ---- the runtime API: devices and threads ----

struct Data {
  std::vector<float> x;
  size_t n = 0;
};

// X_test.npy as floats (written by numpy: 128-byte header, '<f4').
Data load_x() {
  const std::string b = read_bytes(fixture("X_test.npy"));
  Data d;
  const size_t header = 10 + (size_t(uint8_t(b[8])) | size_t(uint8_t(b[9])) << 8);
  d.x.resize((b.size() - header) / 4);
  std::memcpy(d.x.data(), b.data() + header, d.x.size() * 4);
  d.n = d.x.size() / 64;
  return d;
}

std::vector<float> sim_floats(const std::string& extra, const std::string& tag) {
  const std::string b = sim_output(extra, tag);
  const size_t header = 10 + (size_t(uint8_t(b[8])) | size_t(uint8_t(b[9])) << 8);
  std::vector<float> y((b.size() - header) / 4);
  std::memcpy(y.data(), b.data() + header, y.size() * 4);
  return y;
}

nn_rt_device* open_device(const std::string& weights = "") {
  nn_rt_options opt;
  nn_rt_options_init(&opt);
  nn_rt_device* dev = nullptr;
  char err[1024] = "";
  EXPECT_EQ(nn_rt_open(&dev, project().c_str(), &opt, err, sizeof err), NN_OK) << err;
  if (!dev) return nullptr;
  EXPECT_STREQ(nn_rt_hal_name(dev), "sim");
  EXPECT_EQ(nn_rt_load_weights_file(dev, weights.empty() ? nullptr : weights.c_str()), NN_OK)
      << nn_rt_last_error(dev);
  return dev;
}

TEST(NnRuntime, TwoDevicesWithTheirOwnWeightsInTwoThreads) {
  const Data d = load_x();
  const std::vector<float> ref_a = sim_floats("", "a");
  const std::vector<float> ref_b = sim_floats(" --weights " + q(work() / "b.nnw"), "b");
  ASSERT_EQ(ref_a.size(), d.n * 10);
  nn_rt_device* a = open_device();
  nn_rt_device* b = open_device((work() / "b.nnw").string());
  ASSERT_TRUE(a && b);
  // Both devices share one loaded library, whose top keeps weights in static storage: each must
  // still compute with its own weights while the other runs in between.
  auto worker = [&](nn_rt_device* dev, const std::vector<float>* ref, int* mismatches) {
    std::vector<float> y(d.n * 10);
    for (int round = 0; round < 20; ++round) {
      for (size_t s = 0; s < d.n; s += 9) {
        const uint32_t batch = uint32_t(std::min<size_t>(9, d.n - s));
        if (nn_rt_predict(dev, d.x.data() + s * 64, y.data() + s * 10, batch) != NN_OK) {
          ++*mismatches;
          return;
        }
      }
      if (std::memcmp(y.data(), ref->data(), y.size() * 4) != 0) ++*mismatches;
    }
  };
  int bad_a = 0, bad_b = 0;
  std::thread ta(worker, a, &ref_a, &bad_a), tb(worker, b, &ref_b, &bad_b);
  ta.join();
  tb.join();
  EXPECT_EQ(bad_a, 0);
  EXPECT_EQ(bad_b, 0);
  nn_stats st;
  nn_rt_get_stats(a, &st);
  EXPECT_EQ(st.samples, 20 * d.n);
  nn_rt_close(a);
  nn_rt_close(b);
}

TEST(NnRuntime, StartAndWaitFromDifferentThreads) {
  const Data d = load_x();
  const std::vector<float> ref = sim_floats("", "a");
  nn_rt_device* dev = open_device();
  ASSERT_TRUE(dev);
  std::vector<float> y(d.n * 10);
  // Nothing in flight yet.
  EXPECT_EQ(nn_rt_wait(dev, y.data(), 0), NN_E_STATE);
  EXPECT_NE(std::string(nn_rt_last_error(dev)).find("no job in flight"), std::string::npos);
  for (size_t s = 0; s < d.n; s += 40) {
    const uint32_t batch = uint32_t(std::min<size_t>(40, d.n - s));
    ASSERT_EQ(nn_rt_start(dev, d.x.data() + s * 64, batch), NN_OK) << nn_rt_last_error(dev);
    // One job in flight per device: everything else is refused until it is collected.
    EXPECT_EQ(nn_rt_start(dev, d.x.data(), 1), NN_E_BUSY);
    float tmp[10];
    EXPECT_EQ(nn_rt_predict(dev, d.x.data(), tmp, 1), NN_E_BUSY);
    EXPECT_NE(std::string(nn_rt_last_error(dev)).find("in flight"), std::string::npos);
    int rc = -1;
    std::thread waiter([&] { rc = nn_rt_wait(dev, y.data() + s * 10, 0); });
    waiter.join();
    ASSERT_EQ(rc, NN_OK) << nn_rt_last_error(dev);
  }
  EXPECT_EQ(0, std::memcmp(y.data(), ref.data(), y.size() * 4));
  // batch beyond the buffer capacity
  EXPECT_EQ(nn_rt_start(dev, d.x.data(), 5000), NN_E_BATCH);
  nn_rt_close(dev);
}

TEST(NnRuntime, ZeroCopyBuffersStartInPlaceAndWaitWithoutCopy) {
  const Data d = load_x();
  const std::vector<float> ref = sim_floats("", "a");
  nn_rt_device* dev = open_device();
  ASSERT_TRUE(dev);
  uint32_t capacity = 0;
  float* in = nn_rt_input_buffer(dev, &capacity);
  const float* out = nn_rt_output_buffer(dev);
  ASSERT_TRUE(in != nullptr && out != nullptr);
  ASSERT_GE(capacity, 40u);
  for (size_t s = 0; s < d.n; s += 40) {
    const uint32_t batch = uint32_t(std::min<size_t>(40, d.n - s));
    std::memcpy(in, d.x.data() + s * 64, batch * 64 * sizeof(float));
    ASSERT_EQ(nn_rt_start_in_place(dev, batch), NN_OK) << nn_rt_last_error(dev);
    EXPECT_EQ(nn_rt_start_in_place(dev, 1), NN_E_BUSY);
    ASSERT_EQ(nn_rt_wait(dev, nullptr, 0), NN_OK) << nn_rt_last_error(dev);  // results stay put
    EXPECT_EQ(0, std::memcmp(out, ref.data() + s * 10, batch * 10 * sizeof(float))) << s;
  }
  EXPECT_EQ(nn_rt_start_in_place(dev, 0), NN_E_BATCH);
  EXPECT_EQ(nn_rt_start_in_place(dev, capacity + 1), NN_E_BATCH);
  EXPECT_NE(std::string(nn_rt_last_error(dev)).find("nn_start_in_place"), std::string::npos);
  // The copying form still wants its input.
  EXPECT_EQ(nn_rt_start(dev, nullptr, 1), NN_E_INVAL);
  EXPECT_NE(std::string(nn_rt_last_error(dev)).find("in is NULL"), std::string::npos);
  nn_rt_close(dev);
}

TEST(NnRuntime, StrerrorAndAbiSizes) {
  EXPECT_STREQ(nn_rt_strerror(NN_E_WEIGHTS_MODEL), nn_strerror(NN_E_WEIGHTS_MODEL));
  for (int code : {NN_RT_E_USAGE, NN_RT_E_FILE, NN_RT_E_LIBRARY, NN_RT_E_HAL, NN_RT_E_HWH}) {
    EXPECT_STRNE(nn_rt_strerror(code), nn_strerror(code)) << code;  // not "unknown nn_status"
  }
  EXPECT_STREQ(nn_rt_strerror(-12345), nn_strerror(-12345));
  size_t opt = 0, stats = 0, desc = 0;
  nn_rt_abi_sizes(&opt, &stats, &desc);
  EXPECT_EQ(opt, sizeof(nn_rt_options));
  EXPECT_EQ(stats, sizeof(nn_stats));
  EXPECT_EQ(desc, sizeof(nn_model_desc));
  nn_rt_abi_sizes(nullptr, nullptr, nullptr);
}

TEST(NnRuntime, ManyThreadsOnOneDeviceAreSerialized) {
  const Data d = load_x();
  const std::vector<float> ref = sim_floats("", "a");
  nn_rt_device* dev = open_device();
  ASSERT_TRUE(dev);
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<float> y(10);
      for (size_t s = size_t(t); s < d.n; s += 4) {
        if (nn_rt_predict(dev, d.x.data() + s * 64, y.data(), 1) != NN_OK ||
            std::memcmp(y.data(), ref.data() + s * 10, 40) != 0)
          ++bad[size_t(t)];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(bad[size_t(t)], 0) << "thread " << t;
  nn_rt_close(dev);
}

TEST(NnRuntime, OpenErrorsNameTheirCause) {
  nn_rt_options opt;
  nn_rt_options_init(&opt);
  nn_rt_device* dev = nullptr;
  char err[1024] = "";
  opt.hal = "fpga";
  EXPECT_EQ(nn_rt_open(&dev, project().c_str(), &opt, err, sizeof err), NN_RT_E_USAGE);
  EXPECT_NE(std::string(err).find("unknown HAL 'fpga'"), std::string::npos) << err;
  EXPECT_EQ(dev, nullptr);
  nn_rt_options_init(&opt);
  opt.sim_library = FAKE_ABI_LIB;
  EXPECT_EQ(nn_rt_open(&dev, project().c_str(), &opt, err, sizeof err), NN_RT_E_LIBRARY);
  EXPECT_NE(std::string(err).find(FAKE_ABI_LIB), std::string::npos) << err;
  EXPECT_EQ(nn_rt_open(&dev, (work() / "nowhere").c_str(), nullptr, err, sizeof err), NN_RT_E_FILE);
  EXPECT_NE(std::string(err).find("nowhere/nnaccel-model.desc: cannot open"), std::string::npos)
      << err;
}

}  // namespace
