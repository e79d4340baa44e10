#include "backend/kit_location.h"

#include <system_error>

#if !defined(NNACCEL_KIT_FROM_BIN) || !defined(NNACCEL_SOURCE_DIR)
#error \
    "NNACCEL_KIT_FROM_BIN (the kit relative to the install's bin/) and NNACCEL_SOURCE_DIR come from cmake/nnaccel_sdk.cmake"
#endif

namespace fs = std::filesystem;

namespace nngen::backend {
namespace {

bool holds_kit(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(dir / kKitMarker, ec);
}

}  // namespace

const char* kit_from_bin() { return NNACCEL_KIT_FROM_BIN; }

fs::path kit_dir_for(const fs::path& executable, const fs::path& source_dir,
                     std::string* searched) {
  const fs::path bin = executable.parent_path();
  std::error_code ec;
  // A build tree: its source tree is the kit (edits there are picked up without installing).
  if (fs::is_regular_file(bin.parent_path() / "nnaccelConfig.cmake", ec)) {
    if (searched) *searched += source_dir.string() + " (the source tree of this build)";
    if (holds_kit(source_dir)) return source_dir.lexically_normal();
  }
  const fs::path installed = (bin / NNACCEL_KIT_FROM_BIN).lexically_normal();
  if (searched) *searched += (searched->empty() ? "" : ", ") + installed.string();
  if (holds_kit(installed)) return installed;
  return {};
}

fs::path kit_dir(std::string* searched) {
  // /proc/self/exe: the binary itself, whatever argv[0] or PATH said (as sdk_config_dir()).
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return kit_dir_for(exe, NNACCEL_SOURCE_DIR, searched);
}

}  // namespace nngen::backend
