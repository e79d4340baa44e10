#include "cli/hwh_commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli/hw_header.h"
#include "nndriver/nn_model_text.h"
#include "nnhal/nn_hwh.h"
#include "support/error.h"
#include "support/file_read.h"

namespace fs = std::filesystem;

namespace nngen::cli {
namespace {

constexpr const char* kDescFile = "nnaccel-model.desc";

struct HwhFree {
  void operator()(nn_hwh* h) const { nn_hwh_free(h); }
};
using HwhPtr = std::unique_ptr<nn_hwh, HwhFree>;

HwhPtr load_hwh(const std::string& path, const std::string* data = nullptr) {
  nn_hwh* h = nullptr;
  char err[1024];
  // Every way a .hwh can be unusable (missing, not a file, too large, not XML,
  // not a Vivado design) is "invalid input", exit 3 (docs/hwh.md).
  const int rc =
      data ? nn_hwh_load_memory(path.c_str(), data->data(), data->size(), &h, err, sizeof err)
           : nn_hwh_load(path.c_str(), &h, err, sizeof err);
  if (rc != 0) fail_input(err);
  return HwhPtr(h);
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
  return buf;
}

std::string or_dash(const char* s) { return s && *s ? s : "-"; }

// ---- JSON ----

nlohmann::ordered_json json_window(const nn_hwh_window& w) {
  return {{"base", hex(w.base)},
          {"high", hex(w.high)},
          {"block", w.block},
          {"slave_port", w.slave_port},
          {"master_port", w.master_port}};
}

nlohmann::ordered_json json_str_or_null(const char* s) {
  return s ? nlohmann::ordered_json(s) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json json_irq(const nn_hwh_irq& q) {
  return {{"port", q.port},
          {"connected", q.connected != 0},
          {"reaches_ps", q.reaches_ps != 0},
          {"ps_port", json_str_or_null(q.ps_port)},
          {"ps_irq_index", q.ps_irq_index >= 0 ? nlohmann::ordered_json(q.ps_irq_index)
                                               : nlohmann::ordered_json(nullptr)},
          {"intc", json_str_or_null(q.intc)},
          {"intc_input", q.intc_input >= 0 ? nlohmann::ordered_json(q.intc_input)
                                           : nlohmann::ordered_json(nullptr)},
          {"path", q.path}};
}

nlohmann::ordered_json json_ip(const nn_hwh_ip& ip) {
  nlohmann::ordered_json j;
  j["name"] = ip.instance;
  j["fullname"] = ip.fullname;
  j["vlnv"] = ip.vlnv;
  j["modtype"] = ip.modtype;
  j["is_ps"] = ip.is_ps != 0;
  j["base"] = ip.has_base ? nlohmann::ordered_json(hex(ip.base)) : nlohmann::ordered_json(nullptr);
  j["range"] =
      ip.has_base ? nlohmann::ordered_json(hex(ip.range)) : nlohmann::ordered_json(nullptr);
  j["ps_master"] = json_str_or_null(ip.ps_master);
  j["windows"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < ip.n_windows; ++i) j["windows"].push_back(json_window(ip.windows[i]));
  j["control_interface"] = json_str_or_null(ip.ctrl_interface);
  j["registers"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < ip.n_regs; ++i) {
    const nn_hwh_reg& r = ip.regs[i];
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (size_t k = 0; k < r.n_fields; ++k)
      fields.push_back({{"name", r.fields[k].name},
                        {"bit_offset", r.fields[k].bit_offset},
                        {"bit_width", r.fields[k].bit_width}});
    j["registers"].push_back({{"name", r.name},
                              {"offset", hex(r.offset)},
                              {"size", r.size},
                              {"access", r.access},
                              {"description", r.description},
                              {"fields", fields}});
  }
  j["irq"] = ip.irq ? json_irq(*ip.irq) : nlohmann::ordered_json(nullptr);
  j["irqs"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < ip.n_irqs; ++i) j["irqs"].push_back(json_irq(ip.irqs[i]));
  j["m_axi"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < ip.n_m_axi; ++i) {
    const nn_hwh_maxi& m = ip.m_axi[i];
    nlohmann::ordered_json windows = nlohmann::ordered_json::array();
    for (size_t k = 0; k < m.n_windows; ++k) windows.push_back(json_window(m.windows[k]));
    j["m_axi"].push_back({{"interface", m.interface},
                          {"bundle", m.bundle},
                          {"addr_width", m.addr_width ? nlohmann::ordered_json(m.addr_width)
                                                      : nlohmann::ordered_json(nullptr)},
                          {"cache_value", json_str_or_null(m.cache_value)},
                          {"user_value", json_str_or_null(m.user_value)},
                          {"ps_slave_port", json_str_or_null(m.ps_slave_port)},
                          {"windows", windows}});
  }
  return j;
}

nlohmann::ordered_json json_system(const nn_hwh_system& s) {
  return {{"vivado_version", s.vivado_version},
          {"arch", s.arch},
          {"device", s.device},
          {"package", s.package},
          {"speed_grade", s.speed_grade},
          {"board", s.board},
          {"design", s.design}};
}

// ---- text ----

std::string system_line(const nn_hwh* h) {
  const nn_hwh_system* s = nn_hwh_system_info(h);
  std::ostringstream o;
  o << "Vivado " << or_dash(s->vivado_version) << ", " << or_dash(s->arch) << " "
    << or_dash(s->device) << " " << or_dash(s->package) << " " << or_dash(s->speed_grade)
    << ", board " << or_dash(s->board) << ", design " << or_dash(s->design);
  return o.str();
}

std::string irq_text(const nn_hwh_irq* q) {
  if (!q) return "no interrupt port";
  if (!q->connected) return std::string(q->port) + " not connected";
  if (!q->reaches_ps) return std::string(q->port) + " does not reach the PS (" + q->path + ")";
  return q->path;
}

std::string ip_summary(const nn_hwh_ip& ip) {
  std::ostringstream o;
  o << "  " << ip.instance << "  " << or_dash(ip.vlnv);
  if (ip.is_ps) o << "  (processing system)";
  if (ip.has_base)
    o << "  " << hex(ip.base) << " size " << hex(ip.range) << " via " << or_dash(ip.ps_master);
  if (ip.n_regs) o << "  " << ip.n_regs << " registers (" << ip.ctrl_interface << ")";
  if (ip.irq) o << "  irq: " << irq_text(ip.irq);
  o << "\n";
  return o.str();
}

std::string ip_detail(const nn_hwh_ip& ip) {
  std::ostringstream o;
  o << "IP " << ip.instance << " (" << or_dash(ip.vlnv) << ", " << or_dash(ip.modtype) << ", line "
    << ip.line << ")\n";
  if (ip.has_base)
    o << "  CPU address: " << hex(ip.base) << ", " << hex(ip.range) << " bytes, PS port "
      << or_dash(ip.ps_master) << "\n";
  else
    o << "  CPU address: none (the PS's MEMORYMAP does not map it)\n";
  for (size_t i = 0; i < ip.n_windows; ++i)
    o << "    window " << hex(ip.windows[i].base) << "-" << hex(ip.windows[i].high) << " "
      << ip.windows[i].slave_port << " via " << ip.windows[i].master_port << "\n";
  if (ip.n_regs) {
    o << "  registers (" << ip.ctrl_interface << "):\n";
    for (size_t i = 0; i < ip.n_regs; ++i) {
      const nn_hwh_reg& r = ip.regs[i];
      char line[200];
      std::snprintf(line, sizeof line, "    0x%02X  %-20s %2u bits  %s", r.offset, r.name, r.size,
                    r.access);
      o << line;
      for (size_t k = 0; k < r.n_fields; ++k)
        o << (k ? ", " : "  fields: ") << r.fields[k].name << "[" << r.fields[k].bit_offset
          << (r.fields[k].bit_width > 1
                  ? ":" + std::to_string(r.fields[k].bit_offset + r.fields[k].bit_width - 1)
                  : "")
          << "]";
      o << "\n";
    }
  } else {
    o << "  registers: none listed\n";
  }
  for (size_t i = 0; i < ip.n_irqs; ++i) o << "  interrupt: " << irq_text(&ip.irqs[i]) << "\n";
  for (size_t i = 0; i < ip.n_m_axi; ++i) {
    const nn_hwh_maxi& m = ip.m_axi[i];
    o << "  master " << m.interface << ": address width "
      << (m.addr_width ? std::to_string(m.addr_width) : "unknown") << ", cache "
      << or_dash(m.cache_value) << ", user " << or_dash(m.user_value) << ", reaches PS "
      << or_dash(m.ps_slave_port);
    for (size_t k = 0; k < m.n_windows; ++k)
      o << (k ? ", " : " at ") << hex(m.windows[k].base) << "-" << hex(m.windows[k].high);
    o << "\n";
  }
  return o.str();
}

std::string ip_names(const nn_hwh* h) {
  std::string s;
  for (size_t i = 0; i < nn_hwh_ip_count(h); ++i)
    s += (s.empty() ? "" : ", ") + std::string(nn_hwh_ip_at(h, i)->instance);
  return s;
}

const nn_hwh_ip* find_or_fail(const nn_hwh* h, const std::string& file, const std::string& ip) {
  const nn_hwh_ip* found = nn_hwh_find_ip(h, ip.c_str());
  if (!found) fail_input(file + ": no IP '" + ip + "' (instances: " + ip_names(h) + ")");
  return found;
}

// ---- verify ----

nn_model_text read_desc(const std::string& project, const std::string* data) {
  const fs::path path = fs::path(project) / kDescFile;
  std::string text;
  try {
    text = data ? *data : read_file(path, kMaxDescBytes, "model descriptors");
  } catch (const Error& e) {
    // Unreadable input is exit 3 for verify (docs/hwh.md), whatever the cause.
    fail_input(std::string(e.what()) + " (is '" + project +
               "' a project written by nngen generate?)");
  }
  nn_model_text m{};
  char err[512] = "";
  if (nn_model_text_parse(text.data(), text.size(), &m, err, sizeof err) != 0)
    fail_input(path.string() + ": " + err);
  m.desc.name = m.name;
  return m;
}

// An HLS IP that could be ours (when the descriptor's VLNV/top is not in the
// design, verify compares with each of these so both maps are shown).
bool is_hls_ip(const nn_hwh_ip& ip) {
  const std::string v = ip.vlnv;
  const auto a = v.find(':');
  const auto b = a == std::string::npos ? a : v.find(':', a + 1);
  std::string lib = b == std::string::npos ? "" : v.substr(a + 1, b - a - 1);
  for (char& c : lib) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lib == "hls" && ip.n_regs > 0;
}

std::string check(const nn_hwh_ip& ip, const nn_model_text& m, bool* ok) {
  std::vector<char> buf(256 * 1024);
  *ok = nn_hwh_check_ip(&ip, &m.desc.regs, m.m_axi_addr_width, buf.data(), buf.size()) == 0;
  return buf.data();
}

}  // namespace

std::string run_inspect_hwh(const InspectHwhOptions& o) {
  const HwhPtr h = load_hwh(o.hwh);
  const nn_hwh_ip* only = o.ip.empty() ? nullptr : find_or_fail(h.get(), o.hwh, o.ip);
  if (o.json) {
    nlohmann::ordered_json j;
    j["file"] = o.hwh;
    j["system"] = json_system(*nn_hwh_system_info(h.get()));
    j["ips"] = nlohmann::ordered_json::array();
    for (size_t i = 0; i < nn_hwh_ip_count(h.get()); ++i) {
      const nn_hwh_ip* ip = nn_hwh_ip_at(h.get(), i);
      if (!only || ip == only) j["ips"].push_back(json_ip(*ip));
    }
    return j.dump(2) + "\n";
  }
  std::string s = o.hwh + ": " + system_line(h.get()) + "\n";
  if (only) return s + ip_detail(*only);
  const nn_hwh_ip* ps = nn_hwh_ps(h.get());
  s += "processing system: " +
       (ps ? std::string(ps->instance) + " (" + ps->modtype + ")"
           : std::string("none (no CPU addresses in this design)")) +
       "\n";
  s += std::to_string(nn_hwh_ip_count(h.get())) + " IPs:\n";
  for (size_t i = 0; i < nn_hwh_ip_count(h.get()); ++i) s += ip_summary(*nn_hwh_ip_at(h.get(), i));
  s += "(--ip NAME shows one IP's registers, interrupt and masters; --json everything)\n";
  return s;
}

namespace {

std::string project_line(const VerifyOptions& o, const nn_model_text& m) {
  return "project " + o.project + ": top " + m.top + ", VLNV " + m.vlnv + ", " +
         std::to_string(m.m_axi_addr_width) + "-bit m_axi\n";
}

VerifyResult verify_hwh(const VerifyOptions& o, const nn_model_text& m) {
  const HwhPtr h = load_hwh(o.hwh, o.hwh_data);
  VerifyResult r;
  std::string& out = r.report;
  out += ".hwh    " + o.hwh + ": " + system_line(h.get()) + "\n";
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), m.vlnv);
  if (!ip) ip = nn_hwh_find_ip(h.get(), m.top);
  if (ip) {
    bool ok = false;
    out += check(*ip, m, &ok);
    r.match = ok;
    return r;
  }
  out += std::string("FAIL IP: no IP with VLNV ") + m.vlnv + " or name " + m.top +
         " in the .hwh (instances: " + ip_names(h.get()) + ")\n";
  int compared = 0;
  for (size_t i = 0; i < nn_hwh_ip_count(h.get()); ++i) {
    const nn_hwh_ip* cand = nn_hwh_ip_at(h.get(), i);
    if (!is_hls_ip(*cand)) continue;
    out += "\nCompared with the design's HLS IP " + std::string(cand->instance) + ":\n";
    bool ok = false;
    out += check(*cand, m, &ok);
    ++compared;
  }
  if (!compared) {
    // No HLS IP to set beside it: still show the project's map.
    nn_hwh_ip none{};
    none.instance = "(no HLS IP in the design)";
    none.vlnv = "";
    bool ok = false;
    out += "\n" + check(none, m, &ok);
  }
  out += "MISMATCH: the design does not contain this project's IP\n";
  r.match = false;
  return r;
}

}  // namespace

VerifyResult run_verify(const VerifyOptions& o) {
  if (o.hwh.empty() && o.hw_header.empty())
    fail_usage("verify needs --hwh FILE.hwh and/or --hw-header xNAME_hw.h");
  const nn_model_text m = read_desc(o.project, o.desc_data);
  // Both inputs are read before any check, so an unreadable one is exit 3 with no report.
  HwHeader header;
  if (!o.hw_header.empty())
    header = o.hw_header_data ? parse_hw_header(o.hw_header, *o.hw_header_data)
                              : load_hw_header(o.hw_header);
  VerifyResult r;
  r.match = true;
  r.report = project_line(o, m);
  if (!o.hwh.empty()) {
    const VerifyResult x = verify_hwh(o, m);
    r.report += x.report;
    r.match = x.match;
  }
  if (!o.hw_header.empty()) {
    const HeaderCheck x = check_hw_header(header, m);
    r.report += "header  " + o.hw_header + ": " + header.prefix + "_*, " +
                std::to_string(header.addr.size()) + " registers\n" + x.report;
    r.match = r.match && x.match;
  }
  return r;
}

void add_hwh_commands(CLI::App& app, HwhCommands& c, const CLI::Validator& non_empty) {
  c.inspect_cmd = app.add_subcommand(
      "inspect-hwh", "Show what a Vivado hardware handoff (.hwh) holds: IPs, addresses, registers");
  c.inspect_cmd->add_option("hwh", c.inspect.hwh, "The .hwh file")->required()->check(non_empty);
  c.inspect_cmd->add_option("--ip", c.inspect.ip, "Only this IP (instance, VLNV or VLNV name)")
      ->check(non_empty);
  c.inspect_cmd->add_flag("--json", c.inspect.json, "JSON instead of text");

  c.verify_cmd = app.add_subcommand(
      "verify",
      "Check a project's register map against the design's .hwh and/or the IP's x<top>_hw.h "
      "(exit 0 only on a match)");
  c.verify_cmd->add_option("project", c.verify.project, "Project generated by 'nngen generate'")
      ->required()
      ->check(non_empty);
  c.verify_cmd->add_option("--hwh", c.verify.hwh, "The design's .hwh file")->check(non_empty);
  c.verify_cmd
      ->add_option("--hw-header", c.verify.hw_header,
                   "The IP's register map header from Vitis HLS (x<top>_hw.h)")
      ->check(non_empty);
}

}  // namespace nngen::cli
