#include "hwh_maker.h"

#include <cstdio>
#include <vector>

#include "nndriver/nn_model_text.h"

namespace hwhtest {
namespace {

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%08llX", static_cast<unsigned long long>(v));
  return b;
}

struct Reg {
  std::string name;
  uint32_t offset;
  const char* access;
};

// Vitis HLS register names for our top's arguments (docs/register-map.md).
std::vector<Reg> registers(const HwhSpec& s) {
  const nn_reg_map& r = s.regs;
  std::vector<Reg> v = {{"CTRL", r.ap_ctrl, "read-write"},
                        {"GIER", r.gie, "read-write"},
                        {"IP_IER", r.ier, "read-write"},
                        {"IP_ISR", r.isr, "read-write"},
                        {"ap_return", r.ap_return, "read-only"}};
  auto pointer = [&](const std::string& arg, uint32_t lo, uint32_t hi) {
    if (hi == NN_REG_NONE) {
      v.push_back({arg, lo, "write-only"});
    } else {
      v.push_back({arg + "_1", lo, "write-only"});
      v.push_back({arg + "_2", hi, "write-only"});
    }
  };
  pointer("in_r", r.in_lo, r.in_hi);
  pointer("out_r", r.out_lo, r.out_hi);
  pointer("weights", r.weights_lo, r.weights_hi);
  v.push_back({"batch", r.batch, "write-only"});
  v.push_back({"mode", r.mode, "write-only"});
  if (!s.extra_register.empty()) v.push_back({s.extra_register, 0x80, "write-only"});
  for (Reg& x : v) {
    const auto it = s.offset_override.find(x.name);
    if (it != s.offset_override.end()) x.offset = it->second;
  }
  return v;
}

std::string register_xml(const Reg& r) {
  const bool ctrl = r.name == "CTRL";
  std::string x = "            <REGISTER NAME=\"" + r.name + "\">\n";
  x += "              <PROPERTY NAME=\"DESCRIPTION\" VALUE=\"Data signal of " + r.name + "\"/>\n";
  x += "              <PROPERTY NAME=\"ADDRESS_OFFSET\" VALUE=\"" + std::to_string(r.offset) +
       "\"/>\n";
  x += "              <PROPERTY NAME=\"SIZE\" VALUE=\"32\"/>\n";
  x += std::string("              <PROPERTY NAME=\"ACCESS\" VALUE=\"") + r.access + "\"/>\n";
  x += "              <FIELDS>\n";
  if (ctrl) {
    const char* bits[] = {"AP_START", "AP_DONE", "AP_IDLE", "AP_READY"};
    for (int b = 0; b < 4; ++b)
      x += std::string("                <FIELD NAME=\"") + bits[b] +
           "\"><PROPERTY NAME=\"BIT_OFFSET\" VALUE=\"" + std::to_string(b) +
           "\"/><PROPERTY NAME=\"BIT_WIDTH\" VALUE=\"1\"/></FIELD>\n";
  } else {
    x += "                <FIELD NAME=\"" + r.name +
         "\"><PROPERTY NAME=\"BIT_OFFSET\" VALUE=\"0\"/><PROPERTY NAME=\"BIT_WIDTH\" "
         "VALUE=\"32\"/></FIELD>\n";
  }
  x += "              </FIELDS>\n            </REGISTER>\n";
  return x;
}

}  // namespace

HwhSpec spec_from_desc(const nn_model_text& m) {
  HwhSpec s;
  s.top = m.top;
  s.vlnv = m.vlnv;
  s.instance = std::string(m.top) + "_0";
  s.regs = m.desc.regs;
  s.m_axi_addr_width = m.m_axi_addr_width;
  return s;
}

std::string make_hwh(const HwhSpec& s) {
  const std::string ps = s.zynqmp ? "zynq_ultra_ps_e_0" : "processing_system7_0";
  const std::string ps_type = s.zynqmp ? "zynq_ultra_ps_e" : "processing_system7";
  const std::string ps_vlnv =
      s.zynqmp ? "xilinx.com:ip:zynq_ultra_ps_e:3.4" : "xilinx.com:ip:processing_system7:5.5";
  const std::string gp = s.zynqmp ? "M_AXI_HPM0_FPD" : "M_AXI_GP0";
  const std::string hp = s.zynqmp ? "S_AXI_HP0_FPD" : "S_AXI_HP0";
  const std::string irq_in = s.zynqmp ? "pl_ps_irq0" : "IRQ_F2P";
  const uint64_t ddr_high = s.zynqmp ? 0x7FFFFFFF : 0x1FFFFFFF;

  // Where the IP's interrupt line goes first.
  std::string irq_target_inst = ps, irq_target_port = irq_in;
  if (s.irq_via_concat) {
    irq_target_inst = "xlconcat_0";
    irq_target_port = "In2";
  } else if (s.irq_via_intc) {
    irq_target_inst = "axi_intc_0";
    irq_target_port = "intr";
  }

  std::string x = s.bom ? "\xEF\xBB\xBF" : "";
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n";
  x += "<EDKSYSTEM EDWVERSION=\"1.2\" TIMESTAMP=\"Thu Jan  1 00:00:00 2026\" "
       "VIVADOVERSION=\"2023.2\">\n\n";
  x += std::string("  <SYSTEMINFO ARCH=\"") + (s.zynqmp ? "zynquplus" : "zynq") + "\" DEVICE=\"" +
       (s.zynqmp ? "xck26" : "7z020") + "\" NAME=\"design_1\" PACKAGE=\"" +
       (s.zynqmp ? "sfvc784" : "clg400") + "\" SPEEDGRADE=\"" + (s.zynqmp ? "-2LV" : "-1") +
       "\"/>\n\n";
  x += "  <EXTERNALPORTS/>\n\n  <EXTERNALINTERFACES/>\n\n  <MODULES>\n";

  // Our IP.
  x += "    <MODULE FULLNAME=\"/" + s.instance + "\" HWVERSION=\"1.0\" INSTANCE=\"" + s.instance +
       "\" IPTYPE=\"PERIPHERAL\" IS_ENABLE=\"1\" MODCLASS=\"PERIPHERAL\" MODTYPE=\"" + s.top +
       "\" VLNV=\"" + s.vlnv + "\">\n";
  x += "      <DOCUMENTS/>\n      <ADDRESSBLOCKS>\n";
  x += "        <ADDRESSBLOCK ACCESS=\"read-write\" INTERFACE=\"s_axi_control\" NAME=\"Reg\" "
       "RANGE=\"65536\" USAGE=\"register\">\n          <REGISTERS>\n";
  for (const Reg& r : registers(s)) x += register_xml(r);
  x += "          </REGISTERS>\n        </ADDRESSBLOCK>\n      </ADDRESSBLOCKS>\n";
  x += "      <PARAMETERS>\n";
  x += "        <PARAMETER NAME=\"C_S_AXI_CONTROL_ADDR_WIDTH\" VALUE=\"7\"/>\n";
  for (const char* b : {"GMEM_IO", "GMEM_W"}) {
    x += std::string("        <PARAMETER NAME=\"C_M_AXI_") + b + "_ADDR_WIDTH\" VALUE=\"" +
         std::to_string(s.m_axi_addr_width) + "\"/>\n";
    x += std::string("        <PARAMETER NAME=\"C_M_AXI_") + b +
         "_CACHE_VALUE\" VALUE=\"&quot;0011&quot;\"/>\n";
    x += std::string("        <PARAMETER NAME=\"C_M_AXI_") + b +
         "_USER_VALUE\" VALUE=\"0x00000000\"/>\n";
  }
  x += "        <PARAMETER NAME=\"C_S_AXI_CONTROL_BASEADDR\" VALUE=\"" + hex(s.base) + "\"/>\n";
  x += "      </PARAMETERS>\n      <PORTS>\n";
  x += "        <PORT DIR=\"I\" NAME=\"ap_clk\" SIGIS=\"clk\" SIGNAME=\"" + ps + "_FCLK_CLK0\">\n";
  x += "          <CONNECTIONS>\n            <CONNECTION INSTANCE=\"" + ps +
       "\" PORT=\"FCLK_CLK0\"/>\n          </CONNECTIONS>\n        </PORT>\n";
  if (s.irq_connected) {
    x += "        <PORT DIR=\"O\" NAME=\"interrupt\" SENSITIVITY=\"LEVEL_HIGH\" "
         "SIGIS=\"INTERRUPT\" SIGNAME=\"" +
         s.instance +
         "_interrupt\">\n          <CONNECTIONS>\n            <CONNECTION INSTANCE=\"" +
         irq_target_inst + "\" PORT=\"" + irq_target_port +
         "\"/>\n          </CONNECTIONS>\n        </PORT>\n";
  } else {
    x += "        <PORT DIR=\"O\" NAME=\"interrupt\" SENSITIVITY=\"LEVEL_HIGH\" "
         "SIGIS=\"INTERRUPT\"/>\n";
  }
  x += "      </PORTS>\n      <BUSINTERFACES>\n";
  x += "        <BUSINTERFACE BUSNAME=\"axi_periph_M00_AXI\" DATAWIDTH=\"32\" "
       "NAME=\"s_axi_control\" TYPE=\"SLAVE\" VLNV=\"xilinx.com:interface:aximm:1.0\"/>\n";
  for (const char* b : {"gmem_io", "gmem_w"})
    x += std::string("        <BUSINTERFACE BUSNAME=\"") + s.instance + "_m_axi_" + b +
         "\" DATAWIDTH=\"32\" NAME=\"m_axi_" + b +
         "\" TYPE=\"MASTER\" VLNV=\"xilinx.com:interface:aximm:1.0\">\n"
         "          <PARAMETER NAME=\"ADDR_WIDTH\" VALUE=\"" +
         std::to_string(s.m_axi_addr_width) + "\"/>\n        </BUSINTERFACE>\n";
  x += "      </BUSINTERFACES>\n      <MEMORYMAP>\n";
  // The IP's own view: its masters reach the PS's DDR. Never CPU addresses.
  for (const char* b : {"gmem_io", "gmem_w"})
    x += "        <MEMRANGE ADDRESSBLOCK=\"HP0_DDR_LOWOCM\" BASENAME=\"C_BASEADDR\" "
         "BASEVALUE=\"0x00000000\" HIGHNAME=\"C_HIGHADDR\" HIGHVALUE=\"" +
         hex(ddr_high) + "\" INSTANCE=\"" + ps + "\" IS_DATA=\"TRUE\" IS_INSTRUCTION=\"TRUE\" " +
         "MASTERBUSINTERFACE=\"m_axi_" + b + "\" MEMTYPE=\"MEMORY\" SLAVEBUSINTERFACE=\"" + hp +
         "\"/>\n";
  x += "      </MEMORYMAP>\n      <PERIPHERALS>\n        <PERIPHERAL INSTANCE=\"" + ps +
       "\"/>\n      </PERIPHERALS>\n    </MODULE>\n";

  // Interrupt plumbing.
  if (s.irq_via_concat) {
    x += "    <MODULE FULLNAME=\"/xlconcat_0\" INSTANCE=\"xlconcat_0\" IPTYPE=\"PERIPHERAL\" "
         "MODTYPE=\"xlconcat\" VLNV=\"xilinx.com:ip:xlconcat:2.1\">\n      <PARAMETERS>\n"
         "        <PARAMETER NAME=\"NUM_PORTS\" VALUE=\"3\"/>\n      </PARAMETERS>\n"
         "      <PORTS>\n";
    for (int i = 0; i < 3; ++i)
      x +=
          "        <PORT DIR=\"I\" LEFT=\"0\" NAME=\"In" + std::to_string(i) + "\" RIGHT=\"0\"/>\n";
    x += "        <PORT DIR=\"O\" LEFT=\"2\" NAME=\"dout\" RIGHT=\"0\">\n          <CONNECTIONS>\n"
         "            <CONNECTION INSTANCE=\"" +
         ps + "\" PORT=\"" + irq_in +
         "\"/>\n          </CONNECTIONS>\n        </PORT>\n      </PORTS>\n    </MODULE>\n";
  }
  if (s.irq_via_intc) {
    x += "    <MODULE FULLNAME=\"/axi_intc_0\" INSTANCE=\"axi_intc_0\" IPTYPE=\"PERIPHERAL\" "
         "MODCLASS=\"INTERRUPT_CNTLR\" MODTYPE=\"axi_intc\" VLNV=\"xilinx.com:ip:axi_intc:4.1\">\n"
         "      <PORTS>\n        <PORT DIR=\"I\" LEFT=\"0\" NAME=\"intr\" RIGHT=\"0\" "
         "SIGIS=\"INTERRUPT\"/>\n        <PORT DIR=\"O\" NAME=\"irq\" SIGIS=\"INTERRUPT\">\n"
         "          <CONNECTIONS>\n            <CONNECTION INSTANCE=\"" +
         ps + "\" PORT=\"" + irq_in +
         "\"/>\n          </CONNECTIONS>\n        </PORT>\n      </PORTS>\n    </MODULE>\n";
  }

  // The processing system: its MEMORYMAP is the CPU's address map.
  x += "    <MODULE FULLNAME=\"/" + ps + "\" INSTANCE=\"" + ps +
       "\" IPTYPE=\"PERIPHERAL\" IS_ENABLE=\"1\" IS_PL=\"FALSE\" MODTYPE=\"" + ps_type +
       "\" VLNV=\"" + ps_vlnv + "\">\n      <PORTS>\n";
  const std::string irq_from = s.irq_via_concat ? "xlconcat_0"
                               : s.irq_via_intc ? "axi_intc_0"
                                                : s.instance;
  const std::string irq_from_port = s.irq_via_concat ? "dout"
                                    : s.irq_via_intc ? "irq"
                                                     : "interrupt";
  const std::string irq_bits = s.irq_via_concat ? "2" : "0";
  x += "        <PORT DIR=\"I\" LEFT=\"" + irq_bits + "\" NAME=\"" + irq_in +
       "\" RIGHT=\"0\" SENSITIVITY=\"LEVEL_HIGH\" SIGIS=\"INTERRUPT\">\n";
  if (s.irq_connected)
    x += "          <CONNECTIONS>\n            <CONNECTION INSTANCE=\"" + irq_from + "\" PORT=\"" +
         irq_from_port + "\"/>\n          </CONNECTIONS>\n";
  x += "        </PORT>\n      </PORTS>\n      <MEMORYMAP>\n";
  if (s.ps_maps_ip)
    x += "        <MEMRANGE ADDRESSBLOCK=\"Reg\" BASENAME=\"C_S_AXI_CONTROL_BASEADDR\" "
         "BASEVALUE=\"" +
         hex(s.base) + "\" HIGHNAME=\"C_S_AXI_CONTROL_HIGHADDR\" HIGHVALUE=\"" +
         hex(s.base + 0xFFFF) + "\" INSTANCE=\"" + s.instance +
         "\" IS_DATA=\"TRUE\" IS_INSTRUCTION=\"TRUE\" MASTERBUSINTERFACE=\"" + gp +
         "\" MEMTYPE=\"REGISTER\" SLAVEBUSINTERFACE=\"s_axi_control\"/>\n";
  x += "      </MEMORYMAP>\n    </MODULE>\n  </MODULES>\n\n</EDKSYSTEM>\n";
  return x;
}

}  // namespace hwhtest
