#include "backend/vivado_writer.h"

#include <cinttypes>
#include <cstdio>

#include "backend/banner.h"
#include "support/escape.h"
#include "support/resources.h"
#include "support/text.h"

namespace nngen::backend {
namespace {

std::string hex(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%" PRIX64, v);
  return b;
}

std::string variable(const std::string& name, const std::string& word) {
  return "    variable " + name + " " + word + "\n";
}

}  // namespace

std::map<std::string, std::string> write_vivado(const ProjectSpec& spec,
                                                const ModelDescription& desc) {
  const Board& b = spec.board;
  const std::string slave_port = dma_slave_port(b, spec.dma_port);  // throws for a bad port
  char clock[32];
  std::snprintf(clock, sizeof clock, "%g", b.clock_period_ns);

  // Lists are built from quoted words, so each element is one Tcl word whatever it holds.
  std::string ddr;
  for (const AddrWindow& w : b.ddr) {
    ddr += (ddr.empty() ? "" : " ") + std::string("[list ") + tcl_quoted(w.name) + " " +
           tcl_quoted(hex(w.base)) + " " + tcl_quoted(hex(w.size)) + "]";
  }
  std::string bundles;
  for (const char* bundle : kMaxiBundles)
    bundles += (bundles.empty() ? "" : " ") + tcl_quoted(bundle);

  std::string values;
  values += variable("name", tcl_quoted(spec.name));
  values += variable("top", tcl_quoted(desc.top));
  values += variable("vlnv", tcl_quoted(desc.vlnv));
  values += variable("board", tcl_quoted(b.id));
  values += variable("part", tcl_quoted(b.part));
  values += variable("board_part", tcl_quoted(b.board_part));
  values += variable("ps_ip", tcl_quoted(b.ps_ip));
  values += variable("clock_ns", tcl_quoted(clock));
  values += variable("pl_clock", tcl_quoted(b.pl_clock_output));
  values += variable("control_port", tcl_quoted(b.control_port));
  values += variable("accel_base", tcl_quoted(hex(b.default_accel_base)));
  values += variable("accel_span", tcl_quoted(hex(b.accel_span)));
  values += variable("irq_port", tcl_quoted(b.irq_port));
  values += variable("dma_port", tcl_quoted(spec.dma_port));
  values += variable("slave_port", tcl_quoted(slave_port));
  values += variable("bundles", "[list " + bundles + "]");
  values += variable("ddr", "[list " + ddr + "]");

  const std::string ban = banner(spec.provenance, "#");
  std::string tcl = std::string(resource("boards/templates/build_vivado.tcl.in").text());
  // The values first: the banner (the command line) is the only text that could hold a
  // placeholder's spelling, and nothing is replaced after it.
  tcl = replace_all(tcl, "@VALUES@\n", values);
  tcl = replace_all(tcl, "@GENERATOR_BANNER@", ban.substr(0, ban.size() - 1));
  return {{"build_vivado.tcl", tcl}};
}

}  // namespace nngen::backend
