// Hostile and careless inputs to nngen and the virtual board (issue 6, items 4-6): every case
// checks the exit code, the message, and that nothing is left behind.
//  - Bounded resources: devices, FIFOs, directories and oversized files given as files; weights
//    that cannot fit the board's block RAM (refused, or generated with --force).
//  - Errors that say what is wrong: empty paths, --batch over the project's maximum, an empty
//    weight file, embed labels outside the classes and -n over the data, NaN/Inf inputs.
//  - Interrupted runs: nngen killed (SIGKILL) at each step of a regeneration.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <sys/stat.h>

#include <cmath>
#include <fstream>

#include "e2e_util.h"
#include "gemm_model.h"
#include "npy.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

fs::path dense_model(const fs::path& p, int n_in, int n_out) {
  return write_gemm_model(p, {n_in, n_out});
}

// Nothing hidden (staging or backup folders, temporary files) is left in `dir`.
void expect_no_hidden(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_NE(e.path().filename().string()[0], '.') << "left behind: " << e.path();
  }
}

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// Every nngen run here is bounded in time, so a read that blocks (a FIFO) fails the test instead
// of hanging it.
std::string nngen_timed() { return "timeout 60 " + nngen(); }

}  // namespace

TEST(Hostile, ModelThatIsNotARegularFileIsRefused) {
  const fs::path dir = work_dir("not_regular");
  const fs::path out = dir / "out";
  const fs::path fifo = dir / "pipe.onnx";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Before: /dev/zero was read until memory ran out, a FIFO blocked forever, and a directory was
  // "not a valid ONNX model".
  expect_error(run(nngen_timed() + " generate /dev/zero -o " + q(out)), 5,
               "/dev/zero: is not a regular file (a device, FIFO or socket)");
  expect_error(run(nngen_timed() + " generate " + q(fifo) + " -o " + q(out)), 5,
               "pipe.onnx: is not a regular file");
  expect_error(run(nngen_timed() + " generate " + q(dir) + " -o " + q(out)), 5,
               "is a directory, not a file");
  EXPECT_FALSE(fs::exists(out));
  expect_no_hidden(dir);
}

TEST(Hostile, OversizedModelIsRefusedBeforeReading) {
  // A sparse file one byte over the 1 GiB model limit (before: read whole, then "not a valid
  // ONNX model").
  const fs::path dir = work_dir("oversized");
  const fs::path big = dir / "big.onnx";
  std::ofstream(big) << "x";
  fs::resize_file(big, (std::uintmax_t{1} << 30) + 1);
  expect_error(run(nngen_timed() + " generate " + q(big) + " -o " + q(dir / "out")), 3,
               "big.onnx: the file is 1073741825 bytes, over the 1 GiB limit for ONNX models");
  EXPECT_FALSE(fs::exists(dir / "out"));
  expect_no_hidden(dir);
}

TEST(Hostile, EmptyOutputPathIsAUsageError) {
  // Before: generate -o "" was an internal error (exit 70, "cannot make absolute path").
  const fs::path dir = work_dir("empty_path");
  const fs::path model = dense_model(dir / "m.onnx", 4, 3);
  expect_error(run(nngen() + " generate " + q(model) + " -o ''"), 2, "must not be empty");
  expect_error(run(nngen() + " generate '' -o " + q(dir / "out")), 2, "must not be empty");
  expect_error(run(nngen() + " weights " + q(model) + " --project " + q(dir) + " -o ''"), 2,
               "must not be empty");
  expect_error(run(nngen() + " weights " + q(model) + " --project '' -o " + q(dir / "w.nnw")), 2,
               "must not be empty");
  expect_error(run(nngen() + " embed --input " + q(model) + " --project " + q(dir) + " -n 1 -o ''"),
               2, "must not be empty");
  // An empty optional path is a mistake too, not "no labels".
  for (const char* opt : {"--labels", "--reference"}) {
    expect_error(run(nngen() + " embed --input " + q(model) + " --project " + q(dir) + " " + opt +
                     " '' -n 1 -o " + q(dir / "d.h")),
                 2, "must not be empty");
  }
  EXPECT_FALSE(fs::exists(dir / "out"));
  expect_no_hidden(dir);
}

TEST(Hostile, WeightsThatCannotFitTheBoardAreRefusedOrForced) {
  // 600 x 512 weights at 16 bits need 150 BRAM36 blocks (+1 for the bias); the PYNQ-Z2's
  // XC7Z020 has 140. Before: generated without a word.
  const fs::path dir = work_dir("onchip");
  const fs::path model = dense_model(dir / "wide.onnx", 600, 512);
  const fs::path out = dir / "prj";
  Result r = run(nngen() + " generate " + q(model) + " -o " + q(out));
  expect_error(r, 3, "the weights and biases need at least 151 BRAM36 blocks of on-chip memory");
  expect_error(r, 3, "board 'pynq-z2' (xc7z020clg400-1) has 140");
  expect_error(r, 3,
               "use --precision with fewer bits, a board with more block RAM (--board zcu102 "
               "(912), zcu104 (312), ultra96-v2 (216)), or --force");
  EXPECT_FALSE(fs::exists(out)) << "written before the check";
  expect_no_hidden(dir);

  // Each remedy works: fewer bits (8-bit weights pack 4096 to a block: 76), a bigger board,
  // --force.
  r = run(nngen() + " generate " + q(model) + " -o " + q(out) + " --precision 'ap_fixed<8,3>'");
  EXPECT_EQ(r.code, 0) << r.output;
  r = run(nngen() + " generate " + q(model) + " -o " + q(out) + " --board zcu102");
  EXPECT_EQ(r.code, 0) << r.output;
  r = run(nngen() + " generate " + q(model) + " -o " + q(out) + " --force");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("nngen: warning: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--force: generated anyway"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(out / "weights/wide.nnw"));
  expect_no_hidden(dir);

  // 570 x 500 weights take 140 blocks and the bias one more as separate arrays, but 140 if
  // packed densely: not certainly too big, so generated with a warning.
  const fs::path edge = dense_model(dir / "edge.onnx", 570, 500);
  r = run(nngen() + " generate " + q(edge) + " -o " + q(dir / "edge_prj"));
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("need 141 (at least 140 if packed densely) BRAM36 blocks"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("it may not fit"), std::string::npos) << r.output;
}

TEST(Hostile, KilledRegenerationKeepsUserFilesAndIsCleanedUp) {
  const fs::path dir = work_dir("killed");
  const fs::path model = dense_model(dir / "m.onnx", 4, 3);
  const fs::path prj = dir / "prj";
  for (const char* point : {"staged", "old-moved", "half-moved", "moved"}) {
    SCOPED_TRACE(point);
    ASSERT_EQ(run(nngen() + " generate " + q(model) + " -o " + q(prj) + " --name r").code, 0);
    fs::create_directories(prj / "build");
    std::ofstream(prj / "build/cache") << "user";
    fs::create_directories(prj / "hls/prj_r");
    std::ofstream(prj / "hls/prj_r/run.log") << "user";
    // Before: the kill point did not exist, so the run finished (exit 0).
    Result killed = run("NNGEN_TEST_KILL_AT=" + std::string(point) + " " + nngen() + " generate " +
                        q(model) + " -o " + q(prj) + " --name r");
    ASSERT_NE(killed.code, 0) << "nngen was not killed at '" << point << "': " << killed.output;
    // The user's files are where they were; the folder is still a project.
    EXPECT_EQ(read_text(prj / "build/cache"), "user");
    EXPECT_EQ(read_text(prj / "hls/prj_r/run.log"), "user");
    EXPECT_TRUE(fs::exists(prj / "nnaccel-project.json"));
    size_t leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().filename().string()[0] != '.') continue;
      ++leftovers;
      for (const auto& f : fs::recursive_directory_iterator(e.path())) {
        const std::string name = f.path().filename().string();
        EXPECT_TRUE(name != "cache" && name != "run.log") << "user file hidden in " << f.path();
      }
    }
    EXPECT_GE(leftovers, 1u);
    // The next run reports and removes every leftover, and regenerates completely.
    Result next = run(nngen() + " generate " + q(model) + " -o " + q(prj) + " --name r");
    ASSERT_EQ(next.code, 0) << next.output;
    EXPECT_NE(next.output.find("left by an interrupted nngen run"), std::string::npos)
        << next.output;
    expect_no_hidden(dir);
    EXPECT_EQ(read_text(prj / "build/cache"), "user");
    EXPECT_TRUE(fs::exists(prj / "hls/r_accel.cpp"));
    EXPECT_TRUE(fs::exists(prj / "sim/r_board.cpp"));
    EXPECT_TRUE(fs::exists(prj / "hls/lib"));
  }
}

TEST(Hostile, LookalikeStagingFolderIsReportedNotRemoved) {
  const fs::path dir = work_dir("lookalike");
  const fs::path model = dense_model(dir / "m.onnx", 4, 3);
  fs::create_directories(dir / ".prj.nngen-mine");
  std::ofstream(dir / ".prj.nngen-mine/notes.txt") << "mine";
  Result r = run(nngen() + " generate " + q(model) + " -o " + q(dir / "prj"));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("nngen: warning: left '"), std::string::npos) << r.output;
  EXPECT_EQ(read_text(dir / ".prj.nngen-mine/notes.txt"), "mine");
}

// ---- The virtual board and nngen embed, on the built digits project --------------------------

TEST(Hostile, SimBatchAboveTheProjectMaximumNamesTheLimit) {
  const fs::path prj = built_project("digits");
  const fs::path dir = work_dir("digits");
  // Before: nn_open failed with "invalid argument" (exit 4).
  expect_error(run(q(sim(prj)) + " --input " + q(fixture("digits", "X_test.npy")) + " --output " +
                   q(dir / "y.npy") + " --batch 5000"),
               2, "--batch 5000 exceeds the project's maximum batch of 1024");
  EXPECT_FALSE(fs::exists(dir / "y.npy"));
}

TEST(Hostile, SimEmptyWeightFileIsTruncated) {
  const fs::path prj = built_project("digits");
  const fs::path dir = work_dir("digits");
  std::ofstream(dir / "empty.nnw").close();
  // Before: "nn_load_weights(...): invalid argument" (the empty buffer was NULL).
  Result r = run(q(sim(prj)) + " --input " + q(fixture("digits", "X_test.npy")) + " --output " +
                 q(dir / "y.npy") + " --weights " + q(dir / "empty.nnw"));
  expect_error(r, 4, "empty.nnw): ");
  expect_error(r, 4, "truncated");
  EXPECT_FALSE(fs::exists(dir / "y.npy"));
}

TEST(Hostile, SimRefusesDevicesDirectoriesAndEmptyPaths) {
  const fs::path prj = built_project("digits");
  const fs::path dir = work_dir("digits");
  const std::string x = q(fixture("digits", "X_test.npy"));
  const std::string sim_cmd = "timeout 60 " + q(sim(prj));
  // Before: /dev/zero as weights was read until memory ran out; a directory was "invalid
  // argument"; --output '' was "--input and --output are required".
  expect_error(
      run(sim_cmd + " --input " + x + " --output " + q(dir / "y.npy") + " --weights /dev/zero"), 3,
      "weight file /dev/zero: is not a regular file");
  expect_error(
      run(sim_cmd + " --input " + x + " --output " + q(dir / "y.npy") + " --weights " + q(dir)), 3,
      "is a directory, not a file");
  expect_error(run(sim_cmd + " --input /dev/zero --output " + q(dir / "y.npy")), 3,
               "/dev/zero: is not a regular file");
  expect_error(run(sim_cmd + " --input " + q(dir) + " --output " + q(dir / "y.npy")), 3,
               "is a directory, not a file");
  expect_error(run(sim_cmd + " --input " + x + " --output ''"), 2,
               "--output is required and must not be empty");
  // A weight file larger than any weight file of this model is refused before it is read.
  const fs::path big = dir / "big.nnw";
  std::ofstream(big) << "x";
  fs::resize_file(big, std::uintmax_t{64} << 20);
  expect_error(
      run(sim_cmd + " --input " + x + " --output " + q(dir / "y.npy") + " --weights " + q(big)), 3,
      "over the");
  EXPECT_FALSE(fs::exists(dir / "y.npy"));
}

TEST(Hostile, NonFiniteInputsAreCountedAndWarned) {
  const fs::path prj = built_project("digits");
  const fs::path dir = work_dir("digits");
  nnnpy::Array x = nnnpy::read_array(fixture("digits", "X_test.npy").string());
  x.data[70] = std::nanf("");
  x.data[200] = INFINITY;
  x.data[201] = -INFINITY;
  nnnpy::write_npy((dir / "nan.npy").string(), x);
  // Before: no warning at all.
  Result r = run(q(sim(prj)) + " --quiet --input " + q(dir / "nan.npy") + " --output " +
                 q(dir / "y_nan.npy"));
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(
      r.output.find("warning: " + (dir / "nan.npy").string() + ": 3 of " +
                    std::to_string(x.data.size()) +
                    " input values are NaN or infinite (the first at flat index 70, sample 1)"),
      std::string::npos)
      << r.output;
  r = run(nngen() + " embed --input " + q(dir / "nan.npy") + " --project " + q(prj) + " -n 4 -o " +
          q(dir / "nan.h"));
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("nngen: warning: " + (dir / "nan.npy").string() +
                          ": 3 of 256 input values are NaN or infinite (the first at flat index "
                          "70, sample 1)"),
            std::string::npos)
      << r.output;
}

TEST(Hostile, EmbedRefusesLabelsOutsideTheClassesAndMoreSamplesThanTheData) {
  const fs::path prj = built_project("digits");
  const fs::path dir = work_dir("digits");
  const std::string x = q(fixture("digits", "X_test.npy"));
  const size_t samples = nnnpy::read_array(fixture("digits", "X_test.npy").string()).shape[0];
  // Before: -n was silently clamped to the data.
  expect_error(run(nngen() + " embed --input " + x + " --project " + q(prj) + " -n " +
                   std::to_string(samples + 1) + " -o " + q(dir / "h1.h")),
               2, "-n " + std::to_string(samples + 1) + " asks for more samples than");
  EXPECT_FALSE(fs::exists(dir / "h1.h"));
  // Before: "cannot read: Is a directory" as bad input (exit 3); now named, as for the model.
  expect_error(run(nngen() + " embed --input " + x + " --labels " + q(dir) + " --project " +
                   q(prj) + " -n 4 -o " + q(dir / "h1.h")),
               5, "is a directory, not a file");
  EXPECT_FALSE(fs::exists(dir / "h1.h"));
  // Before: label 10 of a 10-class model was written into the header.
  nnnpy::IntArray y = nnnpy::read_int_array(fixture("digits", "y_test.npy").string());
  ASSERT_GE(y.data.size(), 4u);
  y.data[2] = 10;
  {
    std::string dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" +
                       std::to_string(y.data.size()) + ",), }";
    while ((10 + dict.size() + 1) % 64) dict += ' ';
    dict += '\n';
    std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(dict.size() & 0xFF);
    bytes += static_cast<char>(dict.size() >> 8);
    bytes += dict;
    bytes.append(reinterpret_cast<const char*>(y.data.data()), y.data.size() * 8);
    std::ofstream(dir / "bad_labels.npy", std::ios::binary) << bytes;
  }
  expect_error(run(nngen() + " embed --input " + x + " --labels " + q(dir / "bad_labels.npy") +
                   " --project " + q(prj) + " -n 4 -o " + q(dir / "h2.h")),
               3, "bad_labels.npy: label 10 at index 2 is outside the model's classes [0, 10)");
  EXPECT_FALSE(fs::exists(dir / "h2.h"));
  expect_no_hidden(dir);
}
