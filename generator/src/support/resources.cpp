#include "support/resources.h"

#include "support/error.h"

namespace nngen {

const Resource& resource(std::string_view path) {
  for (const Resource& r : all_resources()) {
    if (path == r.path) return r;
  }
  fail_internal("nngen was built without the runtime file '" + std::string(path) + "'");
}

std::vector<const Resource*> resources_under(std::string_view prefix) {
  std::vector<const Resource*> out;
  for (const Resource& r : all_resources()) {
    if (std::string_view(r.path).starts_with(prefix)) out.push_back(&r);
  }
  return out;
}

}  // namespace nngen
