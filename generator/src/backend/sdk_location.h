// Where the nnaccel SDK of this nngen is: the package folder holding nnaccelConfig.cmake, which
// generated projects use as their default hint for find_package(nnaccel) (docs/sdk.md).
#pragma once

#include <filesystem>

namespace nngen::backend {

// From the running executable's own location: its build tree (bin/nngen with
// nnaccelConfig.cmake one level up) or its install prefix (bin/nngen with
// <libdir>/cmake/nnaccel/nnaccelConfig.cmake). Empty when neither holds the file (an nngen
// copied elsewhere): the project then needs -Dnnaccel_DIR.
std::filesystem::path sdk_config_dir();

// The same search from a given executable path (tests).
std::filesystem::path sdk_config_dir_for(const std::filesystem::path& executable);

// The install's package folder relative to its bin/, e.g. "../lib/cmake/nnaccel".
const char* sdk_config_from_bin();

}  // namespace nngen::backend
