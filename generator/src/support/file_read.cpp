#include "support/file_read.h"

#include "file_io.h"
#include "support/error.h"

namespace nngen {

// One bounded reader for nngen and the virtual board: nnnpy's (it ships in every project).
std::string read_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                      const std::string& kind) {
  try {
    return nnnpy::read_whole_file<std::string>(path.string(), max_bytes, kind);
  } catch (const nnnpy::FileError& e) {
    fail_file(e);
  }
}

void fail_file(const nnnpy::FileError& e) {
  if (e.reason() == nnnpy::FileError::Reason::kTooLarge) fail_input(e.what());
  fail_io(e.what());
}

}  // namespace nngen
