// Runtime files (HLS layer library, fixed-point emulation, driver, mock HAL,
// virtual-board runtime, board database) embedded into nngen at build time by
// generator/cmake/embed_resources.cmake, so generated projects are
// self-contained and nngen needs no install tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nngen {

struct Resource {
  const char* path;  // relative to the nnaccel source root, e.g. "driver/src/nn_run.c"
  const char* data;
  std::size_t size;
  std::string_view text() const { return {data, size}; }
};

const std::vector<Resource>& all_resources();

// The resource at `path`; throws Error(kInternal) if nngen was built without it.
const Resource& resource(std::string_view path);

// All resources whose path starts with `prefix`.
std::vector<const Resource*> resources_under(std::string_view prefix);

}  // namespace nngen
