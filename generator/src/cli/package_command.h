// nngen package: checks a built design against a project (the same checks as nngen verify) and,
// only when every check passes, writes one deterministic .tar.gz with what a board needs to run
// the model (bitstream, .hwh, weights, descriptors, device-tree overlay, README, SHA-256
// manifest); docs/package.md.
#pragma once

#include <string>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

// Input limits (a Zynq UltraScale+ bitstream is under 100 MiB; the .hwh reader's own limit).
inline constexpr unsigned long long kMaxBitBytes = 256ull << 20;
inline constexpr unsigned long long kMaxPackageHwhBytes = 256ull << 20;

struct PackageOptions {
  std::string project, bit, hwh, hw_header, out;
};
struct PackageResult {
  bool written = false;  // false: refused, nothing written (report says why)
  std::string report;    // verify's report (refused), or the summary of what was written
};
// Error(kBadInput) when an input cannot be read or is invalid, Error(kIo) when the package
// cannot be written. A package is written whole (temporary file, then rename) or not at all.
PackageResult run_package(const PackageOptions& o);

CLI::App* add_package_command(CLI::App& app, PackageOptions& o, const CLI::Validator& non_empty);

}  // namespace nngen::cli
