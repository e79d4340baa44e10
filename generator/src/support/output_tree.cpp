#include "support/output_tree.h"

#include <fstream>
#include <random>
#include <sstream>
#include <system_error>
#include <vector>

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

namespace {

// "out/", "out/." and "out" are the same directory: normalize so the staging
// directory is always a sibling of the project, never inside it.
fs::path normalized(const fs::path& p) {
  fs::path a = fs::absolute(p).lexically_normal();
  if (a.filename().empty()) a = a.parent_path();
  return a;
}

// Paths of an old project that are nngen's own: replaced, never carried over.
bool owned_by_nngen(const fs::path& rel) {
  const std::string s = rel.generic_string();
  return s.starts_with("runtime") || s.starts_with("hls/lib") || s == kProjectManifest;
}

}  // namespace

OutputTree::OutputTree(fs::path root) : root_(normalized(root)) {
  std::error_code ec;
  if (root_.parent_path() == root_) fail_io("refusing to write a project at the file system root");
  if (fs::exists(root_, ec)) {
    if (!fs::is_directory(root_, ec)) fail_io("output '" + root_.string() + "' exists and is not a directory");
    const bool empty = fs::is_empty(root_, ec);
    if (!empty && !fs::exists(root_ / kProjectManifest, ec)) {
      fail_io("output directory '" + root_.string() +
              "' is not empty and is not an nngen project; refusing to overwrite it");
    }
  }
  fs::path parent = root_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) fail_io("cannot create '" + parent.string() + "': " + ec.message());
  staging_ = parent / ("." + root_.filename().string() + ".nngen-" + unique_suffix());
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
  if (!fs::exists(root_, ec)) {
    fs::rename(staging_, root_, ec);
    if (ec) fail_io("cannot move the project into '" + root_.string() + "': " + ec.message());
    committed_ = true;
    return;
  }
  // Regenerating an existing project: swap the old one out, the new one in,
  // then carry over what is the user's (build/, Vitis HLS runs in hls/prj_*,
  // result files): every old path nngen did not just write and does not own.
  // Until the swap succeeds the old project is untouched.
  const fs::path backup = root_.parent_path() / ("." + root_.filename().string() + ".nngen-old-" + unique_suffix());
  fs::rename(root_, backup, ec);
  if (ec) fail_io("cannot replace '" + root_.string() + "': " + ec.message());
  fs::rename(staging_, root_, ec);
  if (ec) {
    std::error_code ignore;
    fs::rename(backup, root_, ignore);  // roll back
    fail_io("cannot move the project into '" + root_.string() + "': " + ec.message());
  }
  committed_ = true;
  std::vector<fs::path> keep;  // top-most user paths, collected before moving anything
  for (auto it = fs::recursive_directory_iterator(backup, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), backup);
    if (owned_by_nngen(rel)) {
      it.disable_recursion_pending();
    } else if (!fs::exists(root_ / rel)) {
      keep.push_back(rel);
      it.disable_recursion_pending();
    }
  }
  for (const fs::path& rel : keep) {
    fs::create_directories((root_ / rel).parent_path(), ec);
    if (!ec) fs::rename(backup / rel, root_ / rel, ec);
    if (ec) {
      fail_io("the project was regenerated, but '" + rel.string() + "' of the previous one could not be kept (" +
              ec.message() + "); the previous project is in '" + backup.string() + "'");
    }
  }
  fs::remove_all(backup, ec);
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
