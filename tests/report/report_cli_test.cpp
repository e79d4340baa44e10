// OUT/report.md and OUT/report.json of a generated project, and `nngen report OUT [--json]`:
// the JSON carries the same numbers as the markdown, the command prints both, and refuses a
// directory that is not a project and a missing, oversized, unparsable or foreign report.json
// with a message naming the file and a non-zero exit code (docs/cost-model.md).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "backend/report_writer.h"
#include "support/error.h"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

struct Result {
  int code;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path tmp_dir() {
  const fs::path d =
      fs::path(REPORT_TEST_TMP) / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

Result run(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string(NNGEN_PATH) + " " + args + " >" + q(out) + " 2>" + q(err);
  const int st = std::system(cmd.c_str());
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(out), slurp(err)};
}

const fs::path kModels = fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models";

// Generates cnn_bn (calibrated, stream form) into dir/proj once per test.
fs::path generate(const fs::path& dir, const std::string& extra = "") {
  const fs::path proj = dir / "proj";
  const Result r = run("generate " + q(kModels / "cnn_bn/model.onnx") + " -o " + q(proj) +
                           " --calibrate " + q(kModels / "cnn_bn/X_calib.npy") + " " + extra,
                       dir);
  EXPECT_EQ(r.code, 0) << r.err;
  return proj;
}

std::string n(const json& j, const char* k) { return std::to_string(j.at(k).get<int64_t>()); }

TEST(Report, JsonAndMarkdownCarryTheSameNumbers) {
  const fs::path dir = tmp_dir();
  const fs::path proj = generate(dir, "--reuse 4");  // 85 DSPs: fits pynq-z2
  const std::string md = slurp(proj / "report.md");
  const json j = json::parse(slurp(proj / "report.json"));
  EXPECT_EQ(j.at("format").get<std::string>(), "nnaccel-report");
  EXPECT_TRUE(j.at("estimate").get<bool>());
  EXPECT_NE(md.find("# Cost estimate: model on pynq-z2"), std::string::npos) << md;
  EXPECT_NE(md.find("Estimate, not a synthesis result"), std::string::npos);
  EXPECT_NE(md.find("docs/cost-model.md"), std::string::npos);
  // Every layer row of the markdown is made of the JSON's numbers.
  const json& layers = j.at("layers");
  ASSERT_EQ(layers.size(), 6u);  // Conv, Relu, Pool, Conv, Relu, Dense
  int64_t macs = 0, dsp = 0, mult = 0, bw = 0, bb = 0;
  for (const json& l : layers) {
    std::string shape;
    for (const auto& v : l.at("output_shape"))
      shape += (shape.empty() ? "" : " x ") + std::to_string(v.get<int64_t>());
    const std::string row = "| " + l.at("name").get<std::string>() + " | " +
                            l.at("op").get<std::string>() + " | " + shape + " | " + n(l, "macs") +
                            " | " + n(l, "multipliers") + " | " + n(l, "dsp") + " | " +
                            n(l, "bram18k_weights") + " | " + n(l, "bram18k_buffers") + " | " +
                            n(l, "latency_cycles") + " | " + n(l, "ii_cycles") + " | ";
    EXPECT_NE(md.find(row), std::string::npos) << row << "\n" << md;
    macs += l.at("macs").get<int64_t>();
    dsp += l.at("dsp").get<int64_t>();
    mult += l.at("multipliers").get<int64_t>();
    bw += l.at("bram18k_weights").get<int64_t>();
    bb += l.at("bram18k_buffers").get<int64_t>();
  }
  const json& t = j.at("totals");
  EXPECT_EQ(t.at("macs").get<int64_t>(), 4608 + 18432 + 2560);
  EXPECT_EQ(t.at("macs").get<int64_t>(), macs);
  EXPECT_EQ(t.at("dsp").get<int64_t>(), dsp);
  EXPECT_EQ(t.at("multipliers").get<int64_t>(), mult);
  int64_t fifo_bram = 0;
  for (const json& f : j.at("fifos")) fifo_bram += f.at("bram18k").get<int64_t>();
  EXPECT_EQ(t.at("bram18k").get<int64_t>(), bw + bb + fifo_bram);
  EXPECT_EQ(t.at("bram18k_fifos").get<int64_t>(), fifo_bram);
  EXPECT_NE(md.find("| DSP slices | " + n(t, "dsp") + " | 220 | "), std::string::npos) << md;
  EXPECT_NE(md.find("| BRAM-18K (weights " + n(t, "bram18k_weights") + ", buffers " +
                    n(t, "bram18k_buffers") + ", FIFOs " + n(t, "bram18k_fifos") + ") | " +
                    n(t, "bram18k") + " | 280 | "),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| MACs per sample | " + n(t, "macs") + " |"), std::string::npos);
  EXPECT_NE(md.find("| latency per sample (cycles) | " + n(t, "latency_cycles") + " ("),
            std::string::npos);
  EXPECT_NE(md.find("| interval between samples (cycles) | " + n(t, "ii_cycles") + " ("),
            std::string::npos);
  const json& wl = j.at("weight_load");
  EXPECT_EQ(wl.at("words").get<int64_t>(), 3818);  // as the generate summary says for cnn_bn
  EXPECT_EQ(wl.at("bus_cycles").get<int64_t>(), 1909);
  EXPECT_EQ(wl.at("cycles").get<int64_t>(), 3818);
  EXPECT_NE(md.find("| weight load (cycles) | 3818 (38.18 us)"), std::string::npos) << md;
  // Precision rows (one per layer with a chosen type) and FIFO rows (input + one per layer).
  for (const json& p : j.at("precision")) {
    EXPECT_NE(md.find("| " + p.at("layer").get<std::string>() + " | "), std::string::npos);
    EXPECT_NE(md.find("`" + p.at("type").get<std::string>() + "`"), std::string::npos);
  }
  ASSERT_EQ(j.at("fifos").size(), 7u);
  for (const json& f : j.at("fifos")) {
    EXPECT_NE(md.find("| " + f.at("stream").get<std::string>() + " | " + n(f, "depth") + " | " +
                      n(f, "element_bits") + " | " + n(f, "elements") + " | "),
              std::string::npos)
        << f.dump();
  }
  EXPECT_EQ(md.find("WARNING"), std::string::npos) << "cnn_bn fits pynq-z2";
  // Rendering the JSON again gives the same markdown.
  EXPECT_EQ(nngen::backend::report_markdown(j), md);
}

TEST(Report, NngenReportPrintsMarkdownAndJson) {
  const fs::path dir = tmp_dir();
  const fs::path proj = generate(dir);
  const Result md = run("report " + q(proj), dir);
  EXPECT_EQ(md.code, 0) << md.err;
  EXPECT_EQ(md.out, slurp(proj / "report.md"));
  const Result js = run("report " + q(proj) + " --json", dir);
  EXPECT_EQ(js.code, 0) << js.err;
  EXPECT_EQ(js.out, slurp(proj / "report.json"));
  EXPECT_EQ(json::parse(js.out), json::parse(slurp(proj / "report.json")));
}

TEST(Report, OverBudgetWarnsOnGenerateAndInTheReport) {
  // cnn_bn at reuse 1: 9 + 72 + 256 multipliers of 16 x 16 bits, one DSP48E1 each: 337 DSP
  // slices, over pynq-z2's 220.
  const fs::path dir = tmp_dir();
  const fs::path proj = generate(dir);
  const Result again =
      run("generate " + q(kModels / "cnn_bn/model.onnx") + " -o " + q(dir / "p2"), dir);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(
      again.err.find("nngen: warning: the cost estimate needs 337 DSP slices, board 'pynq-z2' "
                     "has 220; raise --reuse"),
      std::string::npos)
      << again.err;
  const json j = json::parse(slurp(proj / "report.json"));
  EXPECT_TRUE(j.at("budget").at("dsp").at("over").get<bool>());
  EXPECT_FALSE(j.at("budget").at("bram18k").at("over").get<bool>());
  EXPECT_EQ(j.at("totals").at("dsp").get<int64_t>(), 337);
  const std::string md = slurp(proj / "report.md");
  EXPECT_NE(md.find("WARNING: the estimate needs 337 DSP slices, the board has 220."),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("WARNING: the estimate needs " + n(j.at("totals"), "bram18k")),
            std::string::npos);
  bool listed = false;
  for (const json& w : j.at("warnings")) {
    listed = listed || w.get<std::string>().find("337 DSP slices") != std::string::npos;
  }
  EXPECT_TRUE(listed);
  // On zcu102 (2520 DSPs) the same model fits: no warning.
  const Result big = run(
      "generate " + q(kModels / "cnn_bn/model.onnx") + " -o " + q(dir / "p3") + " --board zcu102",
      dir);
  ASSERT_EQ(big.code, 0) << big.err;
  EXPECT_EQ(big.err.find("cost estimate"), std::string::npos) << big.err;
  EXPECT_EQ(slurp(dir / "p3/report.md").find("WARNING"), std::string::npos);
}

void expect_refused(const Result& r, int code, const std::string& text) {
  EXPECT_EQ(r.code, code) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("nngen: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
}

TEST(Report, RefusesWhatIsNotAProjectOrNotAReport) {
  const fs::path dir = tmp_dir();
  expect_refused(run("report " + q(dir / "nowhere"), dir), 5,
                 "is not a project generated by nngen");
  fs::create_directories(dir / "empty");
  expect_refused(run("report " + q(dir / "empty"), dir), 5, "no nnaccel-project.json");
  const fs::path proj = generate(dir);
  const fs::path rj = proj / "report.json";
  const std::string good = slurp(rj);

  fs::remove(rj);
  expect_refused(run("report " + q(proj), dir), 5, "report.json is missing");
  expect_refused(run("report " + q(proj) + " --json", dir), 5, "report.json is missing");

  std::ofstream(rj) << good.substr(0, good.size() / 2);  // truncated
  expect_refused(run("report " + q(proj), dir), 3, "report.json is not valid JSON");

  std::ofstream(rj) << "{\"format\": \"something-else\"}";
  expect_refused(run("report " + q(proj) + " --json", dir), 3, "format is 'something-else'");

  json j = json::parse(good);
  j["format_version"] = 99;
  std::ofstream(rj) << j.dump();
  expect_refused(run("report " + q(proj), dir), 3, "format_version 99");

  j = json::parse(good);
  j["layers"][0].erase("dsp");
  std::ofstream(rj) << j.dump();
  expect_refused(run("report " + q(proj), dir), 3, "'dsp'");

  j = json::parse(good);
  j["totals"]["macs"] = "many";
  std::ofstream(rj) << j.dump();
  expect_refused(run("report " + q(proj), dir), 3, "not an nnaccel report");

  {
    std::ofstream big(rj);
    big << "[" << std::string((16u << 20) + 16, ' ') << "]";  // over the 16 MiB bound
  }
  expect_refused(run("report " + q(proj), dir), 3, "report.json");

  fs::remove(rj);
  fs::create_directory(rj);
  expect_refused(run("report " + q(proj), dir), 5, "report.json");

  fs::remove(rj);
  std::ofstream(rj) << good;  // restored: accepted again
  EXPECT_EQ(run("report " + q(proj), dir).code, 0);
}

TEST(Report, ParallelFormAndCustomPart) {
  const fs::path dir = tmp_dir();
  const fs::path proj = generate(dir, "--io parallel --part xc7z020clg400-1");
  const json j = json::parse(slurp(proj / "report.json"));
  EXPECT_EQ(j.at("io").get<std::string>(), "parallel");
  EXPECT_TRUE(j.at("fifos").empty());
  EXPECT_EQ(j.at("board").at("dsp").get<int64_t>(), 0);
  EXPECT_EQ(j.at("totals").at("latency_cycles").get<int64_t>(),
            j.at("totals").at("ii_cycles").get<int64_t>());
  const std::string md = slurp(proj / "report.md");
  EXPECT_NE(md.find("None (parallel form"), std::string::npos) << md;
  EXPECT_NE(md.find("resources are unknown (custom part): no budget check"), std::string::npos)
      << md;
  EXPECT_NE(md.find("| DSP slices | " + n(j.at("totals"), "dsp") + " | unknown | unknown |"),
            std::string::npos)
      << md;
}

}  // namespace
