// OutputTree: writes a project all-or-nothing, and so that no kill at any instant loses or hides a
// user's file.
//
// Files are staged in a hidden sibling directory `.OUT.nngen-<random>` (OUT with symbolic links
// resolved, so staging shares OUT's file system and moves are renames); if anything fails before
// commit(), the destructor removes it. commit() moves a fresh project in with one rename. For an
// existing project it moves only generated files: nngen's own folders (runtime/, hls/lib/) go to a
// hidden backup `.OUT.nngen-old-<random>` and the new ones take their place, then each new file
// replaces its old version by rename (the manifest last, so the folder stays a recognizable
// project), then the backup and staging folders are removed. User files are never moved.
//
// Interrupted runs: every staging and backup folder holds a marker file (kStagingMarker) on which
// the running process holds an exclusive flock(2) until it is done; the kernel drops the lock when
// the process dies, even by SIGKILL. The next OutputTree for the same OUT removes each sibling that
// has our name pattern, has the marker (or only its temporary name, kStagingMarker + ".tmp") and
// whose lock it can take (its run is dead), or is empty; refuses to start while one is locked
// (another run is writing OUT); and leaves alone (but reports) a folder with our name pattern and
// no marker that is a regular file. docs/nngen.md, "Interrupted runs".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/file_read.h"

namespace nngen {

class OutputTree {
 public:
  // `root` is the final directory. If it exists it must be empty or an
  // earlier nngen project (marker file present); otherwise Error(kIo).
  // Leftovers of interrupted runs are cleaned here (see notes()).
  explicit OutputTree(std::filesystem::path root);
  ~OutputTree();
  OutputTree(const OutputTree&) = delete;
  OutputTree& operator=(const OutputTree&) = delete;

  // Writes `content` to `relative` inside the staging directory.
  void write(const std::string& relative, std::string_view content);
  void commit();

  const std::filesystem::path& root() const { return root_; }
  // One line per leftover of an interrupted run that the constructor removed or left alone.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  void replace_existing_project();

  std::filesystem::path root_;
  std::filesystem::path staging_;
  int staging_lock_ = -1;
  bool committed_ = false;
  std::vector<std::string> notes_;
};

// Removes the staging and backup folders of interrupted runs next to the project `out` (except
// `own`), as described above; returns one line per folder removed or left alone. Error(kIo) when
// a live run holds one (another nngen is writing `out`). `nngen generate` calls it first, to report
// what it cleaned; OutputTree calls it again once its own staging folder exists.
std::vector<std::string> clean_interrupted_runs(const std::filesystem::path& out,
                                                const std::filesystem::path& own = {});

// Writes one file atomically: temporary file in the same directory, then rename.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The marker file every generated project holds (also its manifest).
inline constexpr const char* kProjectManifest = "nnaccel-project.json";
// The marker file of a staging or backup folder, locked by the run that owns it.
inline constexpr const char* kStagingMarker = ".nngen-staging";

}  // namespace nngen
