// Where the bare-metal source kit is: the tree holding sdk-apps/baremetal-test, the board layer
// (boards/baremetal), the driver and HAL sources and the layer library, which `nngen qemu`
// compiles into a test image with a cross compiler (docs/baremetal.md).
#pragma once

#include <filesystem>
#include <string>

namespace nngen::backend {

// The file that marks a kit folder.
inline constexpr const char* kKitMarker = "sdk-apps/baremetal-test/CMakeLists.txt";

// From the running executable's own location: a build-tree nngen (bin/nngen with
// nnaccelConfig.cmake one level up) uses the source tree it was built from; an installed one
// <prefix>/share/nnaccel/kit. Empty when neither holds the kit (an nngen copied elsewhere, a
// source tree that moved): the caller then needs --kit. `searched` (may be null) receives the
// folders looked at, for the error message.
std::filesystem::path kit_dir(std::string* searched = nullptr);

// The same search from a given executable path and source tree (tests).
std::filesystem::path kit_dir_for(const std::filesystem::path& executable,
                                  const std::filesystem::path& source_dir, std::string* searched);

// The install's kit folder relative to its bin/, e.g. "../share/nnaccel/kit".
const char* kit_from_bin();

}  // namespace nngen::backend
