#include "cli/package_command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "backend/tar_gz.h"
#include "cli/hw_header.h"
#include "cli/hwh_commands.h"
#include "nndriver/nn_model_text.h"
#include "support/error.h"
#include "support/file_read.h"
#include "support/output_tree.h"
#include "support/sha256.h"

extern char** environ;

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

constexpr std::uint64_t kMaxSmallBytes = 16ull << 20;  // the driver config header
constexpr std::uint64_t kMaxDtsoBytes = 1ull << 20;    // each file of OUT/linux/
constexpr std::size_t kMaxLinuxFiles = 64;
constexpr const char* kPlainNameChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
// A weight image holds at most 2^28 32-bit words (docs/model-desc.md) plus its header.
constexpr std::uint64_t kMaxWeightBytes = (1ull << 30) + (1ull << 20);

// Every unreadable input is exit 3 for package, as for verify (docs/package.md).
std::string read_input(const fs::path& p, std::uint64_t max, const std::string& kind) {
  try {
    return read_file(p, max, kind);
  } catch (const Error& e) {
    fail_input(e.what());
  }
}

nn_model_text parse_desc(const fs::path& path, const std::string& text) {
  nn_model_text m{};
  char err[512] = "";
  if (nn_model_text_parse(text.data(), text.size(), &m, err, sizeof err) != 0)
    fail_input(path.string() + ": " + err);
  m.desc.name = m.name;
  return m;
}

// The packaged descriptor: the project's without `sim_library` (the host device library is not
// in a board package; nn-run's sim HAL is for the host).
std::string board_descriptor(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size() - 1;
    const std::string line = text.substr(pos, nl - pos + 1);
    if (line.rfind("sim_library", 0) != 0) out += line;
    pos = nl + 1;
  }
  return out;
}

std::string find_on_path(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t end = dirs.find(':', pos);
    if (end == std::string::npos) end = dirs.size();
    const fs::path cand = fs::path(end > pos ? dirs.substr(pos, end - pos) : ".") / tool;
    if (::access(cand.c_str(), X_OK) == 0) return cand.string();
    pos = end + 1;
  }
  return {};
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "nngen-package-XXXXXX").string();
    if (!::mkdtemp(t.data()))
      fail_io(std::string("cannot create a temporary folder: ") + std::strerror(errno));
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// `dtc -@ -I dts -O dtb` of `source` (the overlay text); the blob, or Error naming `name` with
// dtc's messages.
std::string compile_overlay(const std::string& dtc, const std::string& name,
                            const std::string& source) {
  TempDir tmp;
  const fs::path in = tmp.path / "overlay.dtso", out = tmp.path / "overlay.dtbo",
                 log = tmp.path / "dtc.log";
  write_file_atomic(in, source);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<std::string> args = {dtc,   "-@", "-I",         "dts",      "-O",
                                   "dtb", "-o", out.string(), in.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, dtc.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) fail_io("cannot run " + dtc + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string msg;
  try {
    msg = read_file(log, 64 << 10, "dtc messages");
  } catch (const Error&) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    fail_input(name + ": dtc -@ -I dts -O dtb failed:\n" + msg);
  return read_input(out, kMaxDtsoBytes, "compiled overlays");
}

std::string readme(const nn_model_text& m, const std::string& top_dir, const std::string& bit,
                   const std::string& hwh, const std::vector<std::string>& dtso,
                   const std::vector<std::string>& notes) {
  std::string s;
  s += "nnaccel board package: model " + std::string(m.name) + ", accelerator " + m.top + " (" +
       m.vlnv + ")\n\n";
  s += "Checked by nngen package: the .hwh's IP has the project's register map (nngen verify).\n";
  for (const auto& n : notes) s += "NOTE: " + n + "\n";
  s += "\nFiles (checksums in MANIFEST.sha256: `sha256sum -c MANIFEST.sha256` in this folder):\n";
  s += "  " + bit + ", " + hwh +
       "   bitstream and its hardware handoff (same stem: PYNQ wants the\n"
       "      .hwh next to the .bit)\n";
  s += "  nnaccel-model.desc       what nn-run reads: sizes, register map, weight file\n";
  s += "  nnaccel-project.json     how the project was generated\n";
  s += "  " + std::string(m.weights_path) + "   the weights (nn-run loads them at run time)\n";
  s += "  driver/" + std::string(m.name) + "_config.h   the same descriptor for compiled-in use\n";
  for (const auto& d : dtso) s += "  " + d + "\n";
  s += "\nOn the board (PYNQ or PetaLinux; nnaccel's docs/linux.md explains each step):\n";
  s += "  1. Unpack: tar xzf PACKAGE.tar.gz && cd " + top_dir + "\n";
  s += "  2. Load the bitstream. PYNQ: python3 -c \"from pynq import Overlay; Overlay('" + bit +
       "')\"\n     PetaLinux: convert to .bit.bin (bootgen) and fpgautil -b " + bit + ".bin\n";
  const std::string overlay = "linux/" + std::string(m.name) + ".dtso";
  if (std::find(dtso.begin(), dtso.end(), overlay) != dtso.end()) {
    const std::string blob = "linux/" + std::string(m.name) + ".dtbo";
    s += "  3. Apply the device-tree overlay (UIO node and u-dma-buf), as root:\n";
    if (std::find(dtso.begin(), dtso.end(), blob) == dtso.end())
      s += "       dtc -@ -I dts -O dtb -o " + blob + " " + overlay + "\n";
    s += "       mkdir /sys/kernel/config/device-tree/overlays/" + std::string(m.name) + "\n";
    s += "       cat " + blob + " > /sys/kernel/config/device-tree/overlays/" + m.name + "/dtbo\n";
    s += "     (linux/README.md, when present, describes the other files of linux/)\n";
  } else {
    s += "  3. Write and apply a device-tree overlay by hand as docs/linux.md shows.\n";
  }
  s += "  4. Check: grep . /sys/class/uio/*/name lists " + std::string(m.top) + "\n";
  s += "  5. Run (nn-run built for the board, docs/nn-run.md):\n";
  s += "       nn-run --project . --hal uio --uio " + std::string(m.top) + " --hwh " + hwh +
       " \\\n              --input X.npy --output Y.npy\n";
  return s;
}

}  // namespace

PackageResult run_package(const PackageOptions& o) {
  PackageResult res;
  // 1. The design files, read once: what verify checks is exactly what is bundled.
  const fs::path prj(o.project);
  const fs::path desc_path = prj / "nnaccel-model.desc";
  std::string desc_text;
  try {
    desc_text = read_file(desc_path, kMaxDescBytes, "model descriptors");
  } catch (const Error& e) {
    fail_input(std::string(e.what()) + " (is '" + o.project +
               "' a project written by nngen generate?)");
  }
  const std::string hwh = read_input(o.hwh, kMaxPackageHwhBytes, ".hwh files");
  std::string header;
  if (!o.hw_header.empty()) header = read_input(o.hw_header, kMaxHwHeaderBytes, "headers");

  // 2. The same checks as nngen verify; any failure refuses before anything is written.
  VerifyOptions v;
  v.project = o.project;
  v.hwh = o.hwh;
  v.hw_header = o.hw_header;
  v.desc_data = &desc_text;
  v.hwh_data = &hwh;
  v.hw_header_data = o.hw_header.empty() ? nullptr : &header;
  const VerifyResult vr = run_verify(v);
  if (!vr.match) {
    res.report = vr.report + "REFUSED: nngen package writes nothing for a design that fails a " +
                 "check (" + o.out + " not written)\n";
    return res;
  }

  // 3. The other inputs, each bounded.
  const nn_model_text m = parse_desc(desc_path, desc_text);
  const std::string name = m.name;
  const std::string top_dir = name + "-package";
  const std::string bit = read_input(o.bit, kMaxBitBytes, "bitstreams");
  if (bit.empty()) fail_input(o.bit + ": empty file (not a bitstream)");
  const std::string manifest =
      read_input(prj / kProjectManifest, kMaxManifestBytes, "project manifests");
  const std::string weights = read_input(prj / m.weights_path, kMaxWeightBytes, "weight files");
  const std::string config_rel = "driver/" + name + "_config.h";
  const std::string config = read_input(prj / config_rel, kMaxSmallBytes, "driver headers");
  const std::string packaged_desc = board_descriptor(desc_text);
  parse_desc(desc_path, packaged_desc);  // still a valid descriptor

  std::vector<backend::TarEntry> files;
  files.push_back({name + ".bit", bit, false});
  files.push_back({name + ".hwh", hwh, false});
  files.push_back({"nnaccel-model.desc", packaged_desc, false});
  files.push_back({kProjectManifest, manifest, false});
  files.push_back({m.weights_path, weights, false});
  files.push_back({config_rel, config, false});

  // 4. OUT/linux/ as nngen generate wrote it (overlays, base-tree fragment, README), each
  // overlay also compiled when dtc is here.
  std::vector<std::string> notes, dt_files;
  const fs::path linux_dir = prj / "linux";
  std::error_code ec;
  if (!fs::is_directory(linux_dir, ec)) {
    notes.push_back("the project has no linux/ folder: no device-tree overlay in this package");
  } else {
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(linux_dir, ec)) entries.push_back(e.path());
    if (ec) fail_input(linux_dir.string() + ": cannot list: " + ec.message());
    std::sort(entries.begin(), entries.end());  // directory order is not reproducible
    if (entries.size() > kMaxLinuxFiles)
      fail_input(linux_dir.string() + ": more than " + std::to_string(kMaxLinuxFiles) +
                 " entries (nngen writes a handful)");
    const bool any_dtso = std::any_of(entries.begin(), entries.end(),
                                      [](const fs::path& p) { return p.extension() == ".dtso"; });
    if (!any_dtso)
      notes.push_back("the project's linux/ folder has no .dtso: no device-tree overlay");
    const std::string dtc = find_on_path("dtc");
    if (any_dtso && dtc.empty())
      notes.push_back(
          "dtc was not on PATH when packaging: the overlay is included as source "
          "only (compile it with dtc -@ -I dts -O dtb)");
    for (const fs::path& src : entries) {
      const std::string fname = src.filename().string();
      if (!fs::is_regular_file(src, ec)) {
        notes.push_back("linux/" + fname + " is not a regular file: not packaged");
        continue;
      }
      // Archive paths stay plain and fit ustar (NAME-package/linux/<file>).
      if (fname.size() > 100 || fname.find_first_not_of(kPlainNameChars) != std::string::npos)
        fail_input(src.string() + ": file name is not 1-100 characters of [A-Za-z0-9._-]");
      const std::string text = read_input(src, kMaxDtsoBytes, "device-tree files");
      const std::string rel = "linux/" + fname;
      files.push_back({rel, text, false});
      dt_files.push_back(rel);
      if (src.extension() == ".dtso" && !dtc.empty()) {
        const std::string rel_bin = "linux/" + src.stem().string() + ".dtbo";
        files.push_back({rel_bin, compile_overlay(dtc, src.string(), text), false});
        dt_files.push_back(rel_bin);
      }
    }
  }
  files.push_back(
      {"README.txt", readme(m, top_dir, name + ".bit", name + ".hwh", dt_files, notes), false});

  // 5. MANIFEST.sha256 over every file, in sha256sum's format ('#' lines are comments to it).
  std::string sums;
  for (const auto& n : notes) sums += "# " + n + "\n";
  for (const auto& f : files) sums += sha256_hex(f.data) + "  " + f.path + "\n";
  files.push_back({"MANIFEST.sha256", sums, false});
  for (auto& f : files) f.path = top_dir + "/" + f.path;

  // 6. Written whole or not at all (temporary file in the destination folder, then rename).
  write_file_atomic(o.out, backend::gzip(backend::make_tar(files)));
  res.written = true;
  res.report = vr.report + "wrote " + o.out + " (" + std::to_string(files.size()) +
               " files under " + top_dir + "/)\n";
  for (const auto& n : notes) res.report += "note: " + n + "\n";
  return res;
}

CLI::App* add_package_command(CLI::App& app, PackageOptions& o, const CLI::Validator& non_empty) {
  auto* p = app.add_subcommand(
      "package",
      "Verify a built design against a project, then bundle what the board needs (.tar.gz)");
  p->add_option("project", o.project, "Project generated by 'nngen generate'")
      ->required()
      ->check(non_empty);
  p->add_option("--bit", o.bit, "The bitstream (.bit)")->required()->check(non_empty);
  p->add_option("--hwh", o.hwh, "The design's .hwh (verified first)")->required()->check(non_empty);
  p->add_option("--hw-header", o.hw_header, "Also verify the IP's x<top>_hw.h")->check(non_empty);
  p->add_option("-o,--out", o.out, "Package to write (.tar.gz)")->required()->check(non_empty);
  return p;
}

}  // namespace nngen::cli
