#include "cli/qemu_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "backend/kit_location.h"
#include "backend/manifest.h"
#include "npy.h"
#include "support/error.h"
#include "support/process.h"
#include "support/file_read.h"

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

constexpr const char* kDescFile = "nnaccel-model.desc";
constexpr long kDefaultSamples = 32;

// What each --machine needs. The QEMU command line itself is read from the kit's
// boards/baremetal/qemu.cmake (one source of truth with the tests); `qemu` here only names the
// binary for the up-front check and its Debian package.
struct Machine {
  const char* id;        // --machine
  const char* board;     // boards/baremetal/<board>, toolchains/<board>.cmake
  const char* qemu_var;  // the list in qemu.cmake
  const char* compiler;  // on PATH
  const char* compiler_package;
  const char* qemu;  // on PATH
  const char* qemu_package;
  const char* libc_dir;  // must exist (empty: the compiler's own)
  const char* libc_package;
  // Image options QEMU needs: its Cortex-A9 global timer ticks at about 100 MHz (measured on
  // QEMU 7.2), not at half of a 666 MHz CPU clock, so times are only wall-clock with 200 MHz.
  const char* image_option;
};

const Machine kMachines[] = {
    {"zynq", "zynq-a9", "NN_QEMU_ZYNQ_A9_COMMAND", "arm-none-eabi-gcc", "gcc-arm-none-eabi",
     "qemu-system-arm", "qemu-system-arm", "", "", "-DNN_CPU_HZ=200000000"},
    {"zynqmp", "zynqmp-a53", "NN_QEMU_ZYNQMP_A53_COMMAND", "aarch64-linux-gnu-gcc",
     "gcc-aarch64-linux-gnu", "qemu-system-aarch64", "qemu-system-arm",
     "/usr/lib/picolibc/aarch64-linux-gnu", "picolibc-aarch64-linux-gnu", ""},
};

const Machine& find_machine(const std::string& id) {
  for (const Machine& m : kMachines)
    if (id == m.id) return m;
  fail_usage("--machine must be zynq or zynqmp, got '" + id + "'");
}

[[noreturn]] void fail(int code, const std::string& m) {
  throw Error(static_cast<ExitCode>(code), m);
}

void progress(const std::string& m) { std::cerr << "nngen qemu: " << m << std::endl; }

std::string quoted_command(const std::vector<std::string>& argv) {
  std::string s;
  for (const std::string& a : argv) {
    const bool plain = !a.empty() && a.find_first_of(" '\"\\$`;&|<>()*?") == std::string::npos;
    s += (s.empty() ? "" : " ") + (plain ? a : "'" + a + "'");
  }
  return s;
}

// Runs argv (PATH lookup) with its stdout sent to our stderr - stdout carries only the UART - and
// returns its exit status (-1: it could not be started, 128+N: killed by signal N).
int run_tool(std::vector<std::string> argv) {
  progress("$ " + quoted_command(argv));
  return run_program(std::move(argv), {{}, true, "nngen qemu"});
}

std::string jobs() {
  const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  return "-j" + std::to_string(n);
}

// ---- Checks ----------------------------------------------------------------------------------

backend::Manifest check_project(const fs::path& project) {
  // read_manifest names nnaccel-project.json when it is missing or malformed.
  const backend::Manifest m = backend::read_manifest(project);
  std::error_code ec;
  for (const fs::path& f : {project / kDescFile, project / "weights" / (m.name + ".nnw")}) {
    if (!fs::is_regular_file(f, ec)) {
      fail_io("'" + project.string() + "' is not a complete nngen project: " + f.string() +
              " is missing (regenerate it with nngen generate)");
    }
  }
  return m;
}

fs::path find_kit(const std::string& given) {
  fs::path kit;
  std::string searched;
  if (!given.empty()) {
    kit = fs::absolute(given).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(kit / backend::kKitMarker, ec))
      fail_io("--kit " + given + ": not an nnaccel kit (no " + backend::kKitMarker + ")");
  } else {
    kit = backend::kit_dir(&searched);
    if (kit.empty()) {
      fail_io("the bare-metal kit (" + std::string(backend::kKitMarker) +
              ") is not where this nngen expects it (looked in " + searched +
              "); pass --kit DIR: the nnaccel source tree or <prefix>/share/nnaccel/kit");
    }
  }
  return kit;
}

// Every missing tool in one message, each with the Debian package that has it.
void check_tools(const Machine& m) {
  std::vector<std::string> missing;
  auto need = [&](const std::string& program, const std::string& package) {
    if (find_program(program).empty())
      missing.push_back(program + " not found: install the Debian package " + package);
  };
  need("cmake", "cmake");
  need(m.compiler, m.compiler_package);
  std::error_code ec;
  if (*m.libc_dir && !fs::is_directory(m.libc_dir, ec)) {
    missing.push_back(std::string(m.libc_dir) + " not found: install the Debian package " +
                      m.libc_package);
  }
  need(m.qemu, m.qemu_package);
  if (missing.empty()) return;
  std::string s;
  for (const std::string& x : missing) s += (s.empty() ? "" : "; ") + x;
  fail(kQemuToolMissing, s + " (scripts/install-deps installs them all)");
}

// The image's build folder, created when something is first written there (not for a command
// that fails its checks).
void make_build_dir(const fs::path& build) {
  std::error_code ec;
  fs::create_directories(build, ec);
  if (ec) fail_io("cannot create " + build.string() + ": " + ec.message());
}

// ---- Test data ---------------------------------------------------------------------------------

// The header the image includes: a given one, one embedded from --input into the build folder,
// or the project's own data.h.
fs::path test_data(const QemuOptions& o, const fs::path& project, const backend::Manifest& m,
                   const fs::path& build) {
  const bool has_input = !o.input.empty();
  if (!has_input) {
    for (const auto& [name, value] : {std::pair<const char*, bool>{"--labels", !o.labels.empty()},
                                      {"--reference", !o.reference.empty()},
                                      {"--key", !o.key.empty()},
                                      {"--samples", o.samples != 0}}) {
      if (value) fail_usage(std::string(name) + " needs --input (the samples to embed)");
    }
  }
  if (has_input && !o.data.empty()) fail_usage("--input and --data exclude each other");
  if (!o.data.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(o.data, ec)) fail_io("--data " + o.data + ": no such file");
    return fs::absolute(o.data);
  }
  if (!has_input) {
    const fs::path own = project / "data.h";
    std::error_code ec;
    if (fs::is_regular_file(own, ec)) return fs::absolute(own);
    fail_usage("no test data: " + own.string() +
               " does not exist; pass --input X.npy [--labels y.npy] [--reference R.npy] "
               "[--samples N] (embedded like nngen embed), or --data FILE (a header nngen embed "
               "wrote)");
  }
  if (o.samples < 0) fail_usage("--samples must be a positive number of samples");

  // nngen embed runs the project's virtual board for the expected outputs: build it (configured
  // first if it never was), so that it is never older than the generated code it runs; an
  // up-to-date one costs one no-op build.
  const std::string out = project.string(), bdir = (project / "build").string();
  std::error_code ec;
  if ((!fs::exists(project / "build" / "CMakeCache.txt", ec) &&
       run_tool({"cmake", "-S", out, "-B", bdir}) != 0) ||
      run_tool({"cmake", "--build", bdir, "--target", m.name + "-sim", jobs()}) != 0) {
    fail(kQemuBuildFailed, "building the virtual board of '" + out +
                               "' failed (its output is above); the expected outputs come from it");
  }

  make_build_dir(build);
  EmbedOptions e;
  e.input = o.input;
  e.key = o.key;
  e.labels = o.labels;
  e.reference = o.reference;
  e.project = project.string();
  e.out = (build / "data.h").string();
  e.command_line = o.command_line;
  e.warn = o.warn;
  e.count = o.samples;
  if (e.count == 0) {
    // All samples, at most 32. An unreadable file gets its error from run_embed below, which
    // reads it again with the same messages and exit codes as nngen embed.
    e.count = 1;
    try {
      const nnnpy::Array x = nnnpy::read_array(o.input, o.key);
      if (!x.shape.empty() && x.shape[0] > 0)
        e.count = std::min<long>(kDefaultSamples, static_cast<long>(x.shape[0]));
    } catch (const nnnpy::Error&) {
    }
  }
  std::string said = run_embed(e);
  while (!said.empty() && said.back() == '\n') said.pop_back();
  progress(said);
  return e.out;
}

// ---- Image -------------------------------------------------------------------------------------

// The toolchain file a build folder was configured with, "" if none yet.
std::string cached_toolchain(const fs::path& build) {
  std::ifstream in(build / "CMakeCache.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("CMAKE_TOOLCHAIN_FILE:", 0) == 0) return line.substr(line.find('=') + 1);
  }
  return "";
}

fs::path build_image(const QemuOptions& o, const Machine& mach, const fs::path& kit,
                     const fs::path& project, const fs::path& data, const fs::path& build) {
  const fs::path toolchain =
      kit / "boards/baremetal/toolchains" / (std::string(mach.board) + ".cmake");
  std::error_code ec;
  if (!fs::is_regular_file(toolchain, ec)) fail_io("the kit has no " + toolchain.string());
  const bool configured = fs::exists(build / "CMakeCache.txt", ec);
  if (configured) {
    // CMake ignores a new toolchain file in a configured folder: say so instead of building for
    // the wrong CPU.
    const std::string had = cached_toolchain(build);
    if (!had.empty() && fs::path(had).lexically_normal() != toolchain.lexically_normal()) {
      fail_usage("build folder " + build.string() + " was configured with " + had + ", not " +
                 toolchain.string() + ": pass another --build-dir or remove it");
    }
  }
  make_build_dir(build);
  std::vector<std::string> configure = {"cmake", "-S", (kit / "sdk-apps/baremetal-test").string(),
                                        "-B", build.string()};
  if (!configured && !find_program("ninja").empty()) {
    configure.insert(configure.end(), {"-G", "Ninja"});
  }
  // Every option every time: a folder configured earlier keeps its cache otherwise.
  configure.insert(
      configure.end(),
      {"-DCMAKE_TOOLCHAIN_FILE=" + toolchain.string(), "-DNN_PROJECT=" + project.string(),
       "-DNN_DATA_H=" + data.string(), "-DNN_HAL=" + o.hal, "-DNN_BATCH=" + std::to_string(o.batch),
       "-DNN_SEMIHOSTING=ON", std::string("-DNN_DUMP_OUTPUTS=") + (o.dump_outputs ? "ON" : "OFF")});
  if (*mach.image_option) configure.push_back(mach.image_option);
  if (run_tool(configure) != 0)
    fail(kQemuBuildFailed, "configuring the image in " + build.string() + " failed (see above)");
  if (run_tool({"cmake", "--build", build.string(), jobs()}) != 0)
    fail(kQemuBuildFailed, "building the image in " + build.string() + " failed (see above)");
  const fs::path elf = build / "baremetal-test.elf";
  if (!fs::is_regular_file(elf, ec))
    fail(kQemuBuildFailed, "the image build made no " + elf.string());
  return elf;
}

// The QEMU command line of `mach` from the kit's qemu.cmake, with @IMAGE@ replaced.
std::vector<std::string> qemu_command(const Machine& mach, const fs::path& kit,
                                      const fs::path& build, const fs::path& elf) {
  const fs::path script = build / "nngen-qemu-command.cmake";
  const fs::path list = build / "nngen-qemu-command.txt";
  std::ofstream(script)
      << "# Written by nngen qemu: prints the QEMU command of one machine, one argument a line.\n"
         "include(\"${KIT}/boards/baremetal/qemu.cmake\")\n"
         "if(NOT DEFINED ${VAR})\n"
         "  message(FATAL_ERROR \"${KIT}/boards/baremetal/qemu.cmake does not set ${VAR}\")\n"
         "endif()\n"
         "set(text \"\")\n"
         "foreach(arg IN LISTS ${VAR})\n"
         "  string(APPEND text \"${arg}\\n\")\n"
         "endforeach()\n"
         "file(WRITE \"${OUT}\" \"${text}\")\n";
  std::error_code ec;
  fs::remove(list, ec);
  if (run_tool({"cmake", "-DKIT=" + kit.string(), std::string("-DVAR=") + mach.qemu_var,
                "-DOUT=" + list.string(), "-P", script.string()}) != 0) {
    fail_io(std::string("reading ") + mach.qemu_var + " from " +
            (kit / "boards/baremetal/qemu.cmake").string() + " failed (see above)");
  }
  std::ifstream in(list);
  std::vector<std::string> argv;
  std::string line;
  while (std::getline(in, line)) {
    for (size_t at; (at = line.find("@IMAGE@")) != std::string::npos;)
      line.replace(at, 7, elf.string());
    argv.push_back(line);
  }
  if (argv.empty()) fail_io(std::string(mach.qemu_var) + " in the kit's qemu.cmake is empty");
  if (find_program(argv[0]).empty()) {
    fail(kQemuToolMissing, argv[0] + " not found: install the Debian package " + mach.qemu_package +
                               " (scripts/install-deps)");
  }
  return argv;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

struct Boot {
  bool timed_out = false;
  int status = -1;  // exit status, or 128+signal
  bool pass = false, fail = false;
};

// Boots the image, copying the UART to stdout line by line as it arrives, and kills QEMU after
// `timeout` seconds.
Boot boot(std::vector<std::string> argv, int timeout) {
  progress("$ " + quoted_command(argv));
  int fds[2];
  if (::pipe(fds) != 0) fail_io(std::string("pipe: ") + std::strerror(errno));
  std::vector<char*> args = c_argv(argv);
  const pid_t pid = ::fork();
  if (pid < 0) fail_io(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // No terminal: QEMU must not read keystrokes meant for the shell or wait for input.
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "nngen qemu: cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(fds[1]);
  Boot b;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  std::string pending;
  auto emit = [&](std::string line) {
    line = trim_right(line);
    if (line == "PASS") b.pass = true;
    if (line == "FAIL") b.fail = true;
    std::cout << line << std::endl;
  };
  char buf[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      b.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // QEMU closed its output: it is ending
    pending.append(buf, static_cast<size_t>(n));
    for (size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
      emit(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
  }
  ::close(fds[0]);
  if (!pending.empty()) emit(pending);
  // Output closed: QEMU is ending, but the deadline still holds if it lingers.
  int status = 0;
  for (;;) {
    if (b.timed_out) {
      ::kill(pid, SIGKILL);  // our own child, by its id
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      b.timed_out = true;
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  b.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return b;
}

}  // namespace

int run_qemu(const QemuOptions& o) {
  const Machine& mach = find_machine(o.machine);
  if (o.timeout < 1) fail_usage("--timeout must be at least 1 second");
  if (o.hal != "sim") fail_usage("--hal must be sim (QEMU emulates no accelerator)");
  const fs::path project = fs::absolute(o.project).lexically_normal();
  const backend::Manifest m = check_project(project);
  if (o.batch < 1 || o.batch > m.max_batch) {
    fail_usage("--batch must be 1.." + std::to_string(m.max_batch) +
               " (the project's --max-batch), got " + std::to_string(o.batch));
  }
  const fs::path kit = find_kit(o.kit);
  check_tools(mach);

  const fs::path build = o.build_dir.empty() ? project / ("build-qemu-" + std::string(o.machine))
                                             : fs::absolute(o.build_dir).lexically_normal();
  const fs::path data = test_data(o, project, m, build);
  const fs::path elf = build_image(o, mach, kit, project, data, build);
  const std::vector<std::string> argv = qemu_command(mach, kit, build, elf);
  const Boot b = boot(argv, o.timeout);

  if (b.timed_out) {
    std::cerr << "nngen qemu: error: timed out after " << o.timeout
              << " s: QEMU was killed before the image finished (" << elf.string()
              << "); a larger --timeout for many samples, or see the report above\n";
    return kQemuTimeout;
  }
  if (b.status == kQemuPass && b.pass && !b.fail) return kQemuPass;
  if (b.status == kQemuFail && b.fail) {
    std::cerr << "nngen qemu: FAIL: the image's outputs differ from the virtual board's (the "
                 "mismatch lines above)\n";
    return kQemuFail;
  }
  if (b.status == kQemuImageError && !b.pass) {
    std::cerr << "nngen qemu: error: the image reported an error (the 'error:' line above)\n";
    return kQemuImageError;
  }
  std::cerr << "nngen qemu: error: QEMU ended with status " << b.status << " and the image printed "
            << (b.pass   ? "PASS"
                : b.fail ? "FAIL"
                         : "no verdict")
            << ": the image did not finish its report (QEMU's own messages, if any, are above)\n";
  return kQemuNoVerdict;
}

CLI::App* add_qemu_command(CLI::App& app, QemuOptions& o, const CLI::Validator& non_empty) {
  auto* q = app.add_subcommand(
      "qemu",
      "Build the bare-metal test image of a project and run it in QEMU (exit 0 only on PASS)");
  q->add_option("project", o.project, "Project generated by 'nngen generate'")
      ->required()
      ->check(non_empty);
  q->add_option("--machine", o.machine, "zynq (Zynq-7000, Cortex-A9) or zynqmp (ZynqMP, A53)")
      ->required()
      ->check(CLI::IsMember({"zynq", "zynqmp"}));
  q->add_option("--input", o.input, "Inputs to embed (.npy float32 [N,...] or .npz)")
      ->check(non_empty);
  q->add_option("--key", o.key, "Array name inside an .npz");
  q->add_option("--labels", o.labels, "Integer labels (.npy), for the accuracy line")
      ->check(non_empty);
  q->add_option("--reference", o.reference, "Float reference outputs (.npy)")->check(non_empty);
  q->add_option("--samples", o.samples, "Samples of --input to embed (default: all, at most 32)")
      ->check(CLI::PositiveNumber);
  q->add_option("--data", o.data, "A header written by 'nngen embed' (default: PROJECT/data.h)")
      ->check(non_empty);
  q->add_option("--batch", o.batch, "Samples per nn_predict call")->capture_default_str();
  q->add_option("--timeout", o.timeout, "Seconds before QEMU is killed")->capture_default_str();
  q->add_option("--hal", o.hal, "HAL of the image (sim: the device model on the CPU)")
      ->capture_default_str();
  q->add_option("--build-dir", o.build_dir,
                "Image build folder (default: PROJECT/build-qemu-MACHINE)")
      ->check(non_empty);
  q->add_option("--kit", o.kit,
                "The source kit (default: this nngen's source tree or <prefix>/share/nnaccel/kit)")
      ->check(non_empty);
  q->add_flag("--dump-outputs", o.dump_outputs,
              "The image prints every sample's outputs ('out <i> <hex> ...' lines)");
  return q;
}

}  // namespace nngen::cli
