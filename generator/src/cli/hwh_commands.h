// nngen inspect-hwh and nngen verify: what a Vivado design (.hwh) holds, and
// whether our IP in it has the register map the project was generated for
// (docs/hwh.md). Failures to read an input are nngen::Error(kBadInput);
// a design that does not match is not an error but a VerifyResult.
#pragma once

#include <string>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

struct InspectHwhOptions {
  std::string hwh, ip;
  bool json = false;
};
// The limit verify (and package) reads a model descriptor with: one is a few hundred bytes.
inline constexpr unsigned long long kMaxDescBytes = 1ull << 20;

// Text (or JSON) describing the design, or only the IP `ip` (instance, VLNV or
// VLNV name); Error(kBadInput) if the file cannot be read or has no such IP.
std::string run_inspect_hwh(const InspectHwhOptions& o);

struct VerifyOptions {
  std::string project, hwh;
  std::string hw_header;  // x<top>_hw.h; at least one of hwh / hw_header (both: both checked)
  // Set by nngen package, so that the bytes it bundles are the bytes checked: the contents of
  // OUT/nnaccel-model.desc, the .hwh and the header, already read (null: verify reads the files).
  const std::string* desc_data = nullptr;
  const std::string* hwh_data = nullptr;
  const std::string* hw_header_data = nullptr;
};
struct VerifyResult {
  bool match = false;  // every check passed
  std::string report;  // one line per check; both maps on a mismatch
};
// Compares the project's nnaccel-model.desc with our IP in the .hwh (found by
// the descriptor's VLNV, then its top name) and/or with the register map
// header. Error(kBadInput) when the project or an input cannot be read,
// Error(kUsage) when neither input is named.
VerifyResult run_verify(const VerifyOptions& o);

// The two subcommands on `app`, parsing into the options.
struct HwhCommands {
  InspectHwhOptions inspect;
  VerifyOptions verify;
  CLI::App* inspect_cmd = nullptr;
  CLI::App* verify_cmd = nullptr;
};
void add_hwh_commands(CLI::App& app, HwhCommands& c, const CLI::Validator& non_empty);

}  // namespace nngen::cli
