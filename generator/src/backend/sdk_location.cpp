#include "backend/sdk_location.h"

#include <system_error>

#ifndef NNACCEL_SDK_CONFIG_FROM_BIN
#error \
    "NNACCEL_SDK_CONFIG_FROM_BIN: the package folder relative to the install's bin/ (cmake/nnaccel_sdk.cmake)"
#endif

namespace fs = std::filesystem;

namespace nngen::backend {

const char* sdk_config_from_bin() { return NNACCEL_SDK_CONFIG_FROM_BIN; }

fs::path sdk_config_dir_for(const fs::path& executable) {
  const fs::path bin = executable.parent_path();
  for (const fs::path& dir : {bin.parent_path(), (bin / NNACCEL_SDK_CONFIG_FROM_BIN)}) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "nnaccelConfig.cmake", ec)) return dir.lexically_normal();
  }
  return {};
}

fs::path sdk_config_dir() {
  // /proc/self/exe names the binary itself, whatever argv[0] or PATH said, with symbolic links
  // resolved (a link to nngen in ~/bin still finds its SDK).
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return sdk_config_dir_for(exe);
}

}  // namespace nngen::backend
