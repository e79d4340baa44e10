#include "cli/fifo_profile.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "support/error.h"
#include "support/file_read.h"
#include "support/output_tree.h"
#include "support/process.h"

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

[[noreturn]] void fail(int code, const std::string& m) {
  throw Error(static_cast<ExitCode>(code), m);
}

void progress(const std::string& m) { std::cerr << "nngen: fifo profile: " << m << std::endl; }

int run_tool(std::vector<std::string> argv, const fs::path& cwd = {}) {
  std::string line;
  for (const std::string& a : argv) line += (line.empty() ? "" : " ") + a;
  progress("$ " + line);
  // The tools' stdout goes to our stderr: our stdout carries only the summary.
  return run_program(std::move(argv), {cwd, true, "nngen generate --fifo-depths auto"});
}

void check_tools() {
  std::vector<std::string> missing;
  if (find_program("cmake").empty())
    missing.push_back("cmake not found: install the Debian package cmake");
  const char* cxx = std::getenv("CXX");
  if ((cxx == nullptr || *cxx == '\0' || find_program(cxx).empty()) &&
      find_program("c++").empty() && find_program("g++").empty() &&
      find_program("clang++").empty()) {
    missing.push_back(
        "no C++ compiler (c++, g++, clang++ or $CXX) found: install the Debian package g++");
  }
  if (missing.empty()) return;
  std::string s = "--fifo-depths auto builds and runs a profiling C simulation of the design:";
  for (const std::string& m : missing) s += "\n  " + m;
  fail(kFifoToolMissing, s + "\n(scripts/install-deps installs them)");
}

// Sets an environment variable for the child processes started while it lives.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_)
      ::setenv(name_, old_.c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

int64_t count_of(const nlohmann::json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j.at(key).is_number_integer() || j.at(key).get<int64_t>() < 0)
    fail_input(where + ": field '" + key + "' must be a non-negative integer");
  return j.at(key).get<int64_t>();
}

}  // namespace

FifoProfile parse_fifo_profile(const std::string& text, const std::string& what) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail_input(what + " is not valid JSON: " + e.what());
  }
  if (!j.is_object()) fail_input(what + " must be a JSON object {stream: {...}}");
  FifoProfile p;
  for (const auto& [name, s] : j.items()) {
    const std::string where = what + " stream '" + name + "'";
    if (!s.is_object()) fail_input(where + " must be an object");
    StreamProfile sp;
    sp.max_occupancy = count_of(s, "max_occupancy", where);
    sp.depth = count_of(s, "depth", where);
    sp.blocked_writes = count_of(s, "blocked_writes", where);
    sp.writes = count_of(s, "writes", where);
    if (sp.max_occupancy > sp.writes) fail_input(where + ": max_occupancy exceeds writes");
    p.streams[name] = sp;
  }
  return p;
}

FifoProfiler::FifoProfiler(const passes::Design& d, const backend::ProjectSpec& spec,
                           std::string calibration_npy)
    : calibration_(fs::absolute(calibration_npy).string()) {
  if (d.options.io != "stream") fail_internal("FIFO profiling of a design without streams");
  check_tools();
  std::string tmpl = (fs::temp_directory_path() / "nngen-fifo-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr)
    fail_io("cannot create a temporary directory for the FIFO profile in " +
            fs::temp_directory_path().string());
  dir_ = tmpl;
  const fs::path project = fs::path(dir_) / "project", build = fs::path(dir_) / "build";
  backend::write_project(d, spec, project);
  const std::string target = spec.name + "-profile";
  std::vector<std::string> configure = {"cmake", "-S",           project.string(),
                                        "-B",    build.string(), "-DCMAKE_BUILD_TYPE=Release"};
  if (!find_program("ninja").empty()) configure.insert(configure.end(), {"-G", "Ninja"});
  progress("building " + target + " (the design's C simulation with timed FIFOs) in " + dir_);
  keep_ = true;  // a failed build stays for inspection
  if (run_tool(configure) != 0)
    fail(kFifoBuildFailed, "configuring the profiling build in " + build.string() +
                               " failed (see above; the folder is kept)");
  if (run_tool({"cmake", "--build", build.string(), "--target", target, "-j2"}) != 0)
    fail(kFifoBuildFailed, "building " + target + " in " + build.string() +
                               " failed (see above; the folder is kept)");
  keep_ = false;
  program_ = (build / target).string();
  measured_ = run("measure", "");
  for (const passes::Fifo& f : d.fifos) {
    if (!measured_.streams.count(f.stream))
      fail_internal("the FIFO profile has no stream '" + f.stream + "'");
  }
}

FifoProfiler::~FifoProfiler() {
  if (dir_.empty() || keep_) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

FifoProfile FifoProfiler::check(const passes::Design& final_design) {
  std::string depths = "# stream depth (the design nngen writes)\n";
  for (const passes::Fifo& f : final_design.fifos)
    depths += f.stream + " " + std::to_string(f.depth) + "\n";
  const fs::path file = fs::path(dir_) / "final-depths.txt";
  write_file_atomic(file, depths);
  return run("check", file.string());
}

FifoProfile FifoProfiler::run(const std::string& tag, const std::string& depths_file) {
  const fs::path out = fs::path(dir_) / (tag + "-profile.json");
  const fs::path y = fs::path(dir_) / (tag + "-outputs.npy");
  int rc;
  {
    ScopedEnv o("NNACCEL_FIFO_PROFILE_OUT", out.string());
    ScopedEnv dd("NNACCEL_FIFO_DEPTHS", depths_file);
    // One sample per accelerator call: the model's FIFOs are unbounded, so over a batch a
    // producer faster than its consumer runs ahead by a growing amount that a real FIFO of any
    // depth simply throttles (docs/cnn.md "FIFO depths"); one sample shows what a FIFO must hold.
    rc = run_tool(
        {program_, "--input", calibration_, "--output", y.string(), "--batch", "1", "--quiet"});
  }
  if (rc != 0)
    fail(kFifoBuildFailed, "the profiling run of " + program_ + " on " + calibration_ +
                               " failed with status " + std::to_string(rc) + " (see above)");
  return parse_fifo_profile(read_file(out, 64u << 20, "the FIFO profile"), out.string());
}

std::string fifo_report(const passes::Design& d, const FifoProfile& measured,
                        const FifoProfile& final_run) {
  std::string s =
      "  fifo depths: measured by a profiled C simulation (depth = occupancy + max(2, "
      "occupancy / 8), docs/cnn.md)\n";
  char line[256];
  std::snprintf(line, sizeof line, "    %-24s %10s %8s %12s %8s\n", "stream", "occupancy", "depth",
                "one sample", "blocked");
  s += line;
  int64_t blocked = 0;
  for (const passes::Fifo& f : d.fifos) {
    const auto m = measured.streams.find(f.stream);
    const auto c = final_run.streams.find(f.stream);
    const int64_t b = c == final_run.streams.end() ? -1 : c->second.blocked_writes;
    if (b > 0) blocked += b;
    // A measured depth is at least the occupancy, which the model's writes never exceed: a
    // block there is a bug. A configured depth may well be smaller (the report shows it).
    if (b != 0 && f.rule == "measured")
      fail_internal("the FIFO check run counted " + std::to_string(b) + " blocked write(s) on " +
                    f.stream + " with its measured depth " + std::to_string(f.depth));
    std::snprintf(
        line, sizeof line, "    %-24s %10lld %8lld %12lld %8lld%s\n", f.stream.c_str(),
        static_cast<long long>(m == measured.streams.end() ? f.occupancy : m->second.max_occupancy),
        static_cast<long long>(f.depth), static_cast<long long>(std::max<int64_t>(f.elements, 2)),
        static_cast<long long>(b), f.rule == "measured" ? "" : ("  (" + f.rule + ")").c_str());
    s += line;
  }
  s += "  fifo check:  the profiled run with these depths blocked " + std::to_string(blocked) +
       " write(s)\n";
  for (const passes::Fifo& f : d.fifos) {
    const auto m = measured.streams.find(f.stream);
    if (f.rule != "configured" || m == measured.streams.end() || m->second.max_occupancy <= f.depth)
      continue;
    s += "  fifo note:   " + f.stream + ": the configured depth " + std::to_string(f.depth) +
         " is below the measured occupancy " + std::to_string(m->second.max_occupancy) +
         ": its writer waits, which can deadlock the design where two paths join\n";
  }
  return s;
}

}  // namespace nngen::cli
