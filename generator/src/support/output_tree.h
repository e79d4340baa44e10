// OutputTree: writes a set of files all-or-nothing. Files are staged in a
// sibling temporary directory and moved into place only by commit(); if
// anything fails before, the destructor removes the staging directory, so a
// failed run never leaves a half-written project or file behind.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace nngen {

class OutputTree {
 public:
  // `root` is the final directory. If it exists it must be empty or an
  // earlier nngen project (marker file present); otherwise Error(kIo).
  explicit OutputTree(std::filesystem::path root);
  ~OutputTree();
  OutputTree(const OutputTree&) = delete;
  OutputTree& operator=(const OutputTree&) = delete;

  // Writes `content` to `relative` inside the staging directory.
  void write(const std::string& relative, std::string_view content);
  void commit();

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

// Writes one file atomically: temporary file in the same directory, then rename.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

std::string read_file(const std::filesystem::path& path);

// The marker file every generated project holds (also its manifest).
inline constexpr const char* kProjectManifest = "nnaccel-project.json";

}  // namespace nngen
