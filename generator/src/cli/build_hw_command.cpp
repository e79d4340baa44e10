#include "cli/build_hw_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "support/error.h"

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

struct Step {
  const char* name;
  const char* tool;    // program looked up on PATH
  const char* folder;  // working directory inside the project
  const char* script;  // in that folder
  const char* how_to_get;
};

// Flow order. The settings script puts the tool on PATH; both ship with the AMD Vitis / Vivado
// installation (Vitis HLS is part of Vitis, or of Vivado up to 2024.1's "Vitis HLS" component).
constexpr Step kSteps[] = {
    {"hls", "vitis_hls", "hls", "build_hls.tcl",
     "install AMD Vitis (or Vitis HLS) and run `source <install>/Vitis/<version>/settings64.sh` "
     "(older releases: <install>/Vitis_HLS/<version>/settings64.sh)"},
    {"vivado", "vivado", "vivado", "build_vivado.tcl",
     "install AMD Vivado and run `source <install>/Vivado/<version>/settings64.sh`"},
};

const Step& step_named(const std::string& name) {
  for (const Step& s : kSteps)
    if (name == s.name) return s;
  fail_usage("unknown step '" + name + "' in --steps (valid steps: hls, vivado)");
}

fs::path find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path p = fs::path(dir.empty() ? "." : dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

// Runs argv in `cwd`, output passed through; returns the exit status (128+N for signal N, -1 if
// it could not be started).
int run_in(const fs::path& cwd, std::vector<std::string> argv) {
  std::cerr << "nngen build-hw: (in " << cwd.string() << ")";
  for (const auto& a : argv) std::cerr << " " << a;
  std::cerr << "\n";
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) {
      std::fprintf(stderr, "nngen build-hw: cannot enter %s: %s\n", cwd.c_str(),
                   std::strerror(errno));
      ::_exit(127);
    }
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "nngen build-hw: cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace

std::vector<std::string> parse_build_steps(const std::string& steps) {
  std::vector<std::string> wanted;
  std::stringstream in(steps);
  std::string word;
  while (std::getline(in, word, ',')) {
    if (word.empty())
      fail_usage("--steps '" + steps + "' has an empty step (valid steps: hls, vivado)");
    step_named(word);  // throws for an unknown one
    wanted.push_back(word);
  }
  if (wanted.empty()) fail_usage("--steps is empty (valid steps: hls, vivado)");
  std::vector<std::string> ordered;
  for (const Step& s : kSteps)
    for (const auto& w : wanted)
      if (w == s.name) {
        ordered.push_back(s.name);
        break;
      }
  return ordered;
}

int run_build_hw(const BuildHwOptions& o) {
  if (o.jobs < 1) fail_usage("--jobs must be at least 1");
  const std::vector<std::string> steps = parse_build_steps(o.steps);
  const fs::path project = fs::absolute(o.project);

  // Everything is checked before the first tool runs: a missing Vivado must not be found out
  // after an hour of HLS.
  std::string missing;
  for (const auto& name : steps) {
    const Step& s = step_named(name);
    const fs::path script = project / s.folder / s.script;
    std::error_code ec;
    if (!fs::is_regular_file(script, ec))
      fail_io("step " + name + ": " + script.string() + " not found: is " + project.string() +
              " a project written by `nngen generate`?");
    if (find_on_path(s.tool).empty())
      missing += std::string(missing.empty() ? "" : "\n") + "step " + name + " needs `" + s.tool +
                 "`, which is not on PATH: " + s.how_to_get;
  }
  if (!missing.empty())
    throw Error(static_cast<ExitCode>(kBuildHwToolMissing),
                missing + "\n(or leave the step out with --steps)");

  for (const auto& name : steps) {
    const Step& s = step_named(name);
    std::vector<std::string> argv;
    if (name == "hls") {
      argv = {s.tool, "-f", s.script};
    } else {
      argv = {s.tool,   "-mode",    "batch",  "-source",
              s.script, "-tclargs", "--jobs", std::to_string(o.jobs)};
    }
    const int rc = run_in(project / s.folder, argv);
    if (rc != 0)
      throw Error(static_cast<ExitCode>(kBuildHwStepFailed),
                  "step " + name + ": `" + s.tool + "` failed (exit status " + std::to_string(rc) +
                      ") in " + (project / s.folder).string() + "; later steps not run");
  }
  std::cout << "nngen build-hw: done; artefacts in " << (project / "vivado" / "output").string()
            << " (bit, hwh, xsa)\n";
  return 0;
}

CLI::App* add_build_hw_command(CLI::App& app, BuildHwOptions& o, const CLI::Validator& non_empty) {
  auto* c = app.add_subcommand(
      "build-hw",
      "Run Vitis HLS and Vivado on a generated project (needs the AMD tools on PATH); bitstream, "
      ".hwh and .xsa land in OUT/vivado/output");
  c->add_option("project", o.project, "Project generated by 'nngen generate'")
      ->required()
      ->check(non_empty);
  c->add_option("--jobs", o.jobs, "Parallel jobs for Vivado synthesis and implementation")
      ->capture_default_str();
  c->add_option("--steps", o.steps, "Comma-separated steps: hls, vivado (run in that order)")
      ->capture_default_str();
  return c;
}

}  // namespace nngen::cli
