// OUT/report.md and OUT/report.json: the cost estimate (passes/estimate_cost.cpp), the
// precision chosen per layer, the FIFOs and the warnings of a generated project
// (docs/cost-model.md "Reading the report"). The markdown is rendered from the JSON, here and
// by `nngen report`, so the two always carry the same numbers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "backend/project_writer.h"
#include "passes/pipeline.h"

namespace nngen::backend {

inline constexpr const char* kReportJson = "report.json";
inline constexpr const char* kReportMarkdown = "report.md";
inline constexpr int kReportFormatVersion = 1;

nlohmann::ordered_json report_json(const passes::Design& d, const ProjectSpec& spec);

// The markdown of a report.json document. Error(kBadInput) naming the field when `j` is not
// a report of this format (a missing member, a wrong type, another format_version).
std::string report_markdown(const nlohmann::ordered_json& j);

// {path in the project, content} of report.md and report.json.
std::vector<std::pair<std::string, std::string>> write_report(const passes::Design& d,
                                                              const ProjectSpec& spec);

}  // namespace nngen::backend
