#include "support/output_tree.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
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

// Tests set NNGEN_TEST_KILL_AT=<point> to have the process killed (SIGKILL, as a user or the OOM
// killer would) at that point of commit(), then check what the next run finds.
void kill_point(std::string_view point) {
  const char* wanted = std::getenv("NNGEN_TEST_KILL_AT");
  if (wanted != nullptr && point == wanted) std::raise(SIGKILL);
}

// "out/", "out/." and "out" are the same directory: normalize so the staging directory is always
// a sibling of the project, never inside it. Symbolic links are resolved, so that when OUT is a
// link to a folder elsewhere (often on another file system) staging happens beside that folder
// and every move is a rename within one file system.
fs::path normalized(const fs::path& p) {
  if (p.empty()) fail_usage("the output path is empty");
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (!ec) a = fs::weakly_canonical(a, ec).lexically_normal();
  if (ec) fail_io("cannot resolve the output path '" + p.string() + "': " + ec.message());
  if (a.filename().empty()) a = a.parent_path();
  return a;
}

// Why a rename failed. EXDEV gets words of its own: it means a folder inside the project is on
// another file system (a mount point or a link to elsewhere), which renames cannot cross.
std::string rename_failure(const std::error_code& ec, const fs::path& to) {
  if (ec == std::errc::cross_device_link) {
    return "'" + to.parent_path().string() +
           "' is on another file system than the staging folder (a mount point or a link to "
           "elsewhere inside the project?), and files cannot be renamed across file systems";
  }
  return ec.message();
}

// nngen's own folders of a project: replaced whole, never merged.
const std::vector<fs::path>& owned_folders() {
  static const std::vector<fs::path> folders = {"runtime", "hls/lib"};
  return folders;
}

std::string staging_prefix(const fs::path& root) {
  return "." + root.filename().string() + ".nngen-";
}

// Creates `dir` (fresh) with its marker, locked; returns the lock's file descriptor. The marker
// is locked under a temporary name and only then renamed into place, so no other run ever sees an
// unlocked marker of a live run.
int make_locked_dir(const fs::path& dir, const fs::path& root) {
  std::error_code ec;
  if (!fs::create_directory(dir, ec) || ec) {
    fail_io("cannot create '" + dir.string() + "': " + (ec ? ec.message() : "it exists"));
  }
  const fs::path tmp = dir / (std::string(kStagingMarker) + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (fd >= 0) ::close(fd);
    fs::remove_all(dir, ec);
    fail_io("cannot create and lock the marker in '" + dir.string() + "'");
  }
  const std::string text = "nngen staging folder of '" + root.string() + "', process " +
                           std::to_string(::getpid()) + "; removed by the next run if left\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  fs::rename(tmp, dir / kStagingMarker, ec);
  if (!written || ec) {
    ::close(fd);
    fs::remove_all(dir, ec);
    fail_io("cannot write the marker in '" + dir.string() + "'");
  }
  return fd;
}

// Opens a staging folder's marker for locking: a descriptor, or -1 when there is no such regular
// file. Non-blocking, so that a FIFO named like the marker does not wait for a writer; a FIFO,
// device or link there means the folder is not ours.
int open_marker(const fs::path& marker) {
  const int fd = ::open(marker.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return -1;
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Releases the lock of a folder made by make_locked_dir and removes the folder.
void remove_locked_dir(const fs::path& dir, int& fd) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void move_into_place(const fs::path& from, const fs::path& to, const fs::path& root) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (!ec) fs::rename(from, to, ec);
  if (ec) {
    const std::string why = rename_failure(ec, to);
    fail_io("cannot move '" + fs::relative(to, root, ec).string() + "' into '" + root.string() +
            "': " + why + "; the project is partly regenerated, run nngen generate again");
  }
}

}  // namespace

OutputTree::OutputTree(fs::path root) : root_(normalized(root)) {
  std::error_code ec;
  if (root_.parent_path() == root_) fail_io("refusing to write a project at the file system root");
  if (fs::exists(root_, ec)) {
    if (!fs::is_directory(root_, ec)) {
      fail_io("output '" + root_.string() + "' exists and is not a directory");
    }
    const bool empty = fs::is_empty(root_, ec);
    if (!empty && !fs::exists(root_ / kProjectManifest, ec)) {
      fail_io("output directory '" + root_.string() +
              "' is not empty and is not an nngen project; refusing to overwrite it");
    }
  }
  fs::path parent = root_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) fail_io("cannot create '" + parent.string() + "': " + ec.message());
  staging_ = parent / (staging_prefix(root_) + unique_suffix());
  staging_lock_ = make_locked_dir(staging_, root_);
  try {
    notes_ = clean_interrupted_runs(root_, staging_);
  } catch (...) {
    remove_locked_dir(staging_, staging_lock_);
    throw;
  }
}

OutputTree::~OutputTree() {
  if (!committed_) remove_locked_dir(staging_, staging_lock_);
  if (staging_lock_ >= 0) ::close(staging_lock_);
}

std::vector<std::string> clean_interrupted_runs(const fs::path& out, const fs::path& own) {
  const fs::path root = normalized(out);
  const std::string prefix = staging_prefix(root);
  std::vector<std::string> notes;
  std::error_code ec;
  std::vector<fs::path> candidates;
  for (auto it = fs::directory_iterator(root.parent_path(), ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (p != own && p.filename().string().starts_with(prefix) && !it->is_symlink(type_ec) &&
        it->is_directory(type_ec)) {
      candidates.push_back(p);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  for (const fs::path& dir : candidates) {
    // The marker, or the temporary one of a run killed before it renamed it into place.
    int fd = open_marker(dir / kStagingMarker);
    if (fd < 0) fd = open_marker(dir / (std::string(kStagingMarker) + ".tmp"));
    if (fd < 0) {
      // An empty folder is one a run made and was killed before it created its marker: rmdir
      // removes only an empty folder, so nothing of anyone's is lost.
      if (fs::is_empty(dir, ec) && !ec && fs::remove(dir, ec) && !ec) {
        notes.push_back("removed '" + dir.string() + "', left by an interrupted nngen run");
        continue;
      }
      notes.push_back("left '" + dir.string() +
                      "' alone: it is named like an nngen staging folder but has no " +
                      kStagingMarker + " marker file; remove it yourself if it is not yours");
      continue;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      fail_io("another nngen run is writing '" + root.string() + "' right now (its folder '" +
              dir.string() + "' is in use); wait for it to finish");
    }
    fs::remove_all(dir, ec);
    ::close(fd);
    notes.push_back(ec ? "could not remove '" + dir.string() +
                             "', left by an interrupted nngen run: " + ec.message()
                       : "removed '" + dir.string() + "', left by an interrupted nngen run");
  }
  return notes;
}

void OutputTree::write(const std::string& relative, std::string_view content) {
  fs::path p = staging_ / relative;
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) fail_io("cannot create '" + p.parent_path().string() + "': " + ec.message());
  write_plain(p, content);
}

void OutputTree::commit() {
  kill_point("staged");
  std::error_code ec;
  if (!fs::exists(root_, ec)) {
    fs::rename(staging_, root_, ec);
    if (ec) {
      fail_io("cannot move the project into '" + root_.string() +
              "': " + rename_failure(ec, root_));
    }
    committed_ = true;
    fs::remove(root_ / kStagingMarker, ec);
    ::close(staging_lock_);
    staging_lock_ = -1;
    return;
  }
  replace_existing_project();
  committed_ = true;
}

void OutputTree::replace_existing_project() {
  // What moves in: nngen's own folders whole, every other new file on its own.
  std::vector<fs::path> units;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(staging_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), staging_);
    const bool owned =
        std::find(owned_folders().begin(), owned_folders().end(), rel) != owned_folders().end();
    if (owned) {
      units.push_back(rel);
      it.disable_recursion_pending();
    } else if (it->is_regular_file(ec) && rel != kStagingMarker) {
      units.push_back(rel);
    }
  }
  if (ec) fail_io("cannot list '" + staging_.string() + "': " + ec.message());
  // The manifest last: until then the old one keeps the folder a recognizable project.
  std::stable_partition(units.begin(), units.end(),
                        [](const fs::path& rel) { return rel != kProjectManifest; });

  // The old versions of nngen's own folders go to a locked backup (only generated files).
  const fs::path backup = root_.parent_path() / (staging_prefix(root_) + "old-" + unique_suffix());
  int backup_lock = make_locked_dir(backup, root_);
  try {
    for (const fs::path& folder : owned_folders()) {
      if (fs::exists(root_ / folder, ec)) move_into_place(root_ / folder, backup / folder, backup);
    }
    kill_point("old-moved");
    for (size_t i = 0; i < units.size(); ++i) {
      move_into_place(staging_ / units[i], root_ / units[i], root_);
      if (i == units.size() / 2) kill_point("half-moved");
    }
  } catch (...) {
    // The backup stays, unlocked, like one of a killed run: the next run removes and reports it.
    ::close(backup_lock);
    throw;
  }
  kill_point("moved");
  fs::remove(root_ / kStagingMarker, ec);  // a marker left by a fresh run killed right after it
  remove_locked_dir(backup, backup_lock);
  remove_locked_dir(staging_, staging_lock_);
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  if (path.empty()) fail_usage("the output file name is empty");
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    fail_io("directory '" + dir.string() + "' of '" + path.string() + "' does not exist");
  }
  if (fs::is_directory(path, ec)) fail_io("'" + path.string() + "' is a directory, not a file");
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

}  // namespace nngen
