#include "backend/report_writer.h"

#include <cmath>
#include <cstdio>

#include "support/error.h"

namespace nngen::backend {
namespace {

using json = nlohmann::ordered_json;

json cost_json(const ops::LayerCost& c) {
  json j;
  j["macs"] = c.macs;
  j["multipliers"] = c.multipliers;
  j["dsp"] = c.dsp;
  j["bram18k_weights"] = c.bram18k_weights;
  j["bram18k_buffers"] = c.bram18k_buffers;
  j["latency_cycles"] = c.latency_cycles;
  j["ii_cycles"] = c.ii_cycles;
  return j;
}

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string num(const json& j, const char* key) { return std::to_string(j.at(key).get<int64_t>()); }

std::string shape_text(const json& s) {
  std::string t;
  for (const auto& v : s) t += (t.empty() ? "" : " x ") + std::to_string(v.get<int64_t>());
  return t;
}

// "12 %" of a budget, or "unknown" without one.
std::string share(int64_t need, int64_t have) {
  if (have <= 0) return "unknown";
  return fmt("%.1f %%", 100.0 * static_cast<double>(need) / static_cast<double>(have));
}

std::string markdown(const json& j) {
  if (j.at("format").get<std::string>() != "nnaccel-report") {
    fail_input("format is '" + j.at("format").get<std::string>() + "', expected 'nnaccel-report'");
  }
  if (j.at("format_version").get<int>() != kReportFormatVersion) {
    fail_input("format_version " + std::to_string(j.at("format_version").get<int>()) +
               " is not the version this nngen reads (" + std::to_string(kReportFormatVersion) +
               ")");
  }
  const json& b = j.at("board");
  const json& t = j.at("totals");
  const json& wl = j.at("weight_load");
  const double period = b.at("clock_period_ns").get<double>();
  auto us = [&](int64_t cycles) {
    return fmt("%.2f", static_cast<double>(cycles) * period / 1000.0);
  };
  std::string s = "# Cost estimate: " + j.at("model").get<std::string>() + " on " +
                  b.at("id").get<std::string>() + " (" + b.at("part").get<std::string>() + ")\n\n";
  s += "**Estimate, not a synthesis result.** nngen derives these numbers from the layer "
       "library's loop structure: multipliers = ceil(products per output / reuse) per layer, DSP "
       "slices per multiplier from its operand widths (" +
       std::string(b.at("arch").get<std::string>() == "zynquplus" ? "DSP48E2, 27 x 18"
                                                                  : "DSP48E1, 25 x 18") +
       " bits; products under 10 x 10 bits in LUTs), BRAM-18K from array sizes (arrays under "
       "1 Kbit in LUTRAM or shift registers), latency and initiation interval (II) in clock "
       "cycles from loop trip counts. Control logic, LUTs, flip-flops, routing and pipeline "
       "depths are not estimated. docs/cost-model.md gives every formula; Vitis HLS's "
       "synthesis report (OUT/hls) is the measurement.\n\n";
  s += "I/O form: " + j.at("io").get<std::string>() + "; clock period " + fmt("%g", period) +
       " ns; per sample unless stated.\n\n";

  s += "## Layers\n\n| layer | op | output | MACs | multipliers | DSP | BRAM-18K weights | "
       "BRAM-18K buffers | latency (cycles) | II (cycles) | note |\n"
       "|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n";
  for (const json& l : j.at("layers")) {
    s += "| " + l.at("name").get<std::string>() + " | " + l.at("op").get<std::string>() + " | " +
         shape_text(l.at("output_shape")) + " | " + num(l, "macs") + " | " + num(l, "multipliers") +
         " | " + num(l, "dsp") + " | " + num(l, "bram18k_weights") + " | " +
         num(l, "bram18k_buffers") + " | " + num(l, "latency_cycles") + " | " +
         num(l, "ii_cycles") + " | " + l.at("note").get<std::string>() + " |\n";
  }

  const json& bud = j.at("budget");
  const int64_t dsp = t.at("dsp").get<int64_t>(), bram = t.at("bram18k").get<int64_t>();
  const int64_t have_dsp = b.at("dsp").get<int64_t>(), have_bram = b.at("bram18k").get<int64_t>();
  s += "\n## Totals\n\n| | estimate | board | share |\n|---|--:|--:|--:|\n";
  s += "| DSP slices | " + std::to_string(dsp) + " | " +
       (have_dsp > 0 ? std::to_string(have_dsp) : "unknown") + " | " + share(dsp, have_dsp) +
       " |\n";
  s += "| BRAM-18K (weights " + num(t, "bram18k_weights") + ", buffers " +
       num(t, "bram18k_buffers") + ", FIFOs " + num(t, "bram18k_fifos") + ") | " +
       std::to_string(bram) + " | " + (have_bram > 0 ? std::to_string(have_bram) : "unknown") +
       " | " + share(bram, have_bram) + " |\n";
  s += "| MACs per sample | " + num(t, "macs") + " | | |\n";
  s += "| multipliers | " + num(t, "multipliers") + " | | |\n";
  const int64_t lat = t.at("latency_cycles").get<int64_t>(), ii = t.at("ii_cycles").get<int64_t>();
  s += "| latency per sample (cycles) | " + std::to_string(lat) + " (" + us(lat) + " us) | | |\n";
  s += "| interval between samples (cycles) | " + std::to_string(ii) + " (" + us(ii) +
       " us) | | |\n";
  s += "| weight load (cycles) | " + num(wl, "cycles") + " (" + us(wl.at("cycles").get<int64_t>()) +
       " us) | | |\n";
  s += "\nThe weight load moves " + num(wl, "words") + " 32-bit words: " + num(wl, "bus_cycles") +
       " cycles on the " + num(wl, "bus_bits") +
       "-bit bus, but the load loop stores one word per cycle, so it takes " + num(wl, "cycles") +
       " cycles. ";
  s += j.at("io").get<std::string>() == "stream"
           ? "Stream form: the layers run concurrently (DATAFLOW); the latency is the sum of the "
             "layers' latencies plus reading the input and writing the output (an upper bound), "
             "the interval the slowest stage's II. A batch of N takes about latency + (N - 1) x "
             "interval.\n"
           : "Parallel form: one sample at a time through every layer, so the interval is the "
             "latency. A batch of N takes about N x latency.\n";
  if (bud.at("dsp").at("over").get<bool>()) {
    s += "\nWARNING: the estimate needs " + std::to_string(dsp) + " DSP slices, the board has " +
         std::to_string(have_dsp) + ".\n";
  }
  if (bud.at("bram18k").at("over").get<bool>()) {
    s += "\nWARNING: the estimate needs " + std::to_string(bram) + " BRAM-18K, the board has " +
         std::to_string(have_bram) + ".\n";
  }
  if (have_dsp <= 0 || have_bram <= 0) {
    s += "\nThe board's resources are unknown (custom part): no budget check.\n";
  }

  s += "\n## Precision\n\n| layer | range | source | type | overflow |\n|---|--:|---|---|---|\n";
  for (const json& p : j.at("precision")) {
    const json& r = p.at("range");
    s += "| " + p.at("layer").get<std::string>() + " | " +
         (r.is_null() ? std::string("inf") : fmt("%.6g", r.get<double>())) + " | " +
         p.at("source").get<std::string>() + " | `" + p.at("type").get<std::string>() + "` | " +
         (!p.at("overflows").get<bool>()              ? "no"
          : p.at("source").get<std::string>().starts_with("bound")
              ? "possible: the worst-case bound exceeds the type (--calibrate tells)"
              : "YES: the range exceeds the type") +
         " |\n";
  }

  s += "\n## FIFOs\n\n";
  if (j.at("fifos").empty()) {
    s += "None (parallel form: layers pass arrays).\n";
  } else {
    s += "| stream | depth | element bits | elements per sample | occupancy | rule | BRAM-18K |\n"
         "|---|--:|--:|--:|--:|---|--:|\n";
    for (const json& f : j.at("fifos")) {
      const int64_t occ = f.at("occupancy").get<int64_t>();
      s += "| " + f.at("stream").get<std::string>() + " | " + num(f, "depth") + " | " +
           num(f, "element_bits") + " | " + num(f, "elements") + " | " +
           (occ < 0 ? std::string("not measured") : std::to_string(occ)) + " | " +
           f.at("rule").get<std::string>() + " | " + num(f, "bram18k") + " |\n";
    }
  }

  s += "\n## Warnings\n\n";
  if (j.at("warnings").empty()) s += "None.\n";
  for (const json& w : j.at("warnings")) s += "- " + w.get<std::string>() + "\n";
  return s;
}

}  // namespace

json report_json(const passes::Design& d, const ProjectSpec& spec) {
  const passes::CostEstimate& e = d.cost;
  json j;
  j["format"] = "nnaccel-report";
  j["format_version"] = kReportFormatVersion;
  j["estimate"] = true;  // every resource and cycle count below is estimated, not measured
  j["model"] = spec.name;
  j["board"] = {{"id", spec.board.id},
                {"part", spec.board.part},
                {"custom", spec.board.custom},
                {"arch", spec.board.hwh_arch},
                {"dsp", e.target.dsp},
                {"bram18k", e.target.bram18k},
                {"lut", e.target.lut},
                {"ff", e.target.ff},
                {"clock_period_ns", spec.board.clock_period_ns}};
  j["io"] = d.options.io;
  json layers = json::array();
  for (const passes::LayerCostRow& r : e.layers) {
    json l;
    l["name"] = r.layer;
    l["op"] = r.op;
    l["output_shape"] = r.out_shape;
    l.update(cost_json(r.cost));
    l["note"] = r.cost.note;
    layers.push_back(std::move(l));
  }
  j["layers"] = std::move(layers);
  json t = cost_json(e.total);
  t["bram18k_fifos"] = e.bram18k_fifos;
  t["bram18k"] = e.bram18k_total;
  j["totals"] = std::move(t);
  j["weight_load"] = {{"words", d.weight_words},
                      {"bus_bits", e.bus_bits},
                      {"bus_cycles", e.weight_load_bus_cycles},
                      {"cycles", e.weight_load_cycles}};
  j["budget"] = {
      {"dsp", {{"need", e.total.dsp}, {"have", e.target.dsp}, {"over", e.over_dsp}}},
      {"bram18k", {{"need", e.bram18k_total}, {"have", e.target.bram18k}, {"over", e.over_bram}}}};
  json prec = json::array();
  for (const passes::LayerPrecision& p : d.precision) {
    json r = std::isfinite(p.range) ? json(p.range) : json(nullptr);
    prec.push_back({{"layer", p.layer},
                    {"range", r},
                    {"source", p.range_source},
                    {"type", p.out.cpp()},
                    {"overflows", p.overflows}});
  }
  j["precision"] = std::move(prec);
  json fifos = json::array();
  for (size_t i = 0; i < d.fifos.size(); ++i) {
    const passes::Fifo& f = d.fifos[i];
    fifos.push_back({{"stream", f.stream},
                     {"depth", f.depth},
                     {"element_bits", f.element_bits},
                     {"elements", f.elements},
                     {"occupancy", f.occupancy},
                     {"rule", f.rule},
                     {"bram18k", i < e.fifo_bram18k.size() ? e.fifo_bram18k[i] : 0}});
  }
  j["fifos"] = std::move(fifos);
  j["warnings"] = d.warnings;
  return j;
}

std::string report_markdown(const json& j) {
  try {
    return markdown(j);
  } catch (const nlohmann::json::exception& e) {
    // at() names neither the object nor the path; the message of nlohmann names the key.
    fail_input("not an nnaccel report: " + std::string(e.what()));
  }
}

std::vector<std::pair<std::string, std::string>> write_report(const passes::Design& d,
                                                              const ProjectSpec& spec) {
  const json j = report_json(d, spec);
  return {{kReportMarkdown, report_markdown(j)}, {kReportJson, j.dump(2) + "\n"}};
}

}  // namespace nngen::backend
