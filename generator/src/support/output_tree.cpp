#include "support/output_tree.h"

#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "support/error.h"

namespace fs = std::filesystem;

namespace nngen {
namespace {

std::string unique_suffix() {
  std::random_device rd;
  std::ostringstream s;
  s << std::hex << rd() << rd();
  return s.str();
}

void write_plain(const fs::path& path, std::string_view content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) fail_io("cannot create '" + path.string() + "'");
  f.write(content.data(), static_cast<std::streamsize>(content.size()));
  f.close();
  if (!f) fail_io("cannot write '" + path.string() + "' (disk full?)");
}

}  // namespace

OutputTree::OutputTree(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  if (fs::exists(root_, ec)) {
    if (!fs::is_directory(root_, ec)) fail_io("output '" + root_.string() + "' exists and is not a directory");
    const bool empty = fs::is_empty(root_, ec);
    if (!empty && !fs::exists(root_ / kProjectManifest, ec)) {
      fail_io("output directory '" + root_.string() +
              "' is not empty and is not an nngen project; refusing to overwrite it");
    }
  }
  fs::path parent = fs::absolute(root_).parent_path();
  fs::create_directories(parent, ec);
  if (ec) fail_io("cannot create '" + parent.string() + "': " + ec.message());
  staging_ = parent / ("." + fs::absolute(root_).filename().string() + ".nngen-" + unique_suffix());
  fs::create_directories(staging_, ec);
  if (ec) fail_io("cannot create '" + staging_.string() + "': " + ec.message());
}

OutputTree::~OutputTree() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void OutputTree::write(const std::string& relative, std::string_view content) {
  fs::path p = staging_ / relative;
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) fail_io("cannot create '" + p.parent_path().string() + "': " + ec.message());
  write_plain(p, content);
}

void OutputTree::commit() {
  std::error_code ec;
  // Keep a user's build directory of an earlier generation (it is re-configured
  // by cmake), replace everything nngen owns.
  if (fs::exists(root_, ec)) {
    fs::path old_build = root_ / "build";
    if (fs::exists(old_build, ec)) {
      fs::rename(old_build, staging_ / "build", ec);
      if (ec) fail_io("cannot keep '" + old_build.string() + "': " + ec.message());
    }
    fs::remove_all(root_, ec);
    if (ec) fail_io("cannot replace '" + root_.string() + "': " + ec.message());
  }
  fs::rename(staging_, root_, ec);
  if (ec) fail_io("cannot move the project into '" + root_.string() + "': " + ec.message());
  committed_ = true;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail_io("directory '" + dir.string() + "' of '" + path.string() + "' does not exist");
  fs::path tmp = dir / ("." + path.filename().string() + ".tmp-" + unique_suffix());
  try {
    write_plain(tmp, content);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail_io("cannot write '" + path.string() + "'");
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) fail_io("cannot open '" + path.string() + "'");
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace nngen
