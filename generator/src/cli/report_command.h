// nngen report OUT [--json]: prints the cost estimate and precision report of a generated
// project (OUT/report.md, rendered from OUT/report.json; docs/cost-model.md).
#pragma once

#include <string>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace nngen::cli {

struct ReportOptions {
  std::string project;
  bool json = false;  // print report.json instead of the markdown
};

CLI::App* add_report_command(CLI::App& app, ReportOptions& o, const CLI::Validator& non_empty);

// The text to print. Error(kIo) when `project` is not a generated project or report.json is
// missing or unreadable, Error(kBadInput) when it is too large, not JSON or not a report.
std::string run_report(const ReportOptions& o);

}  // namespace nngen::cli
