#include "backend/dt_overlay_writer.h"

#include <algorithm>
#include <cstdio>

#include "backend/banner.h"
#include "support/error.h"
#include "support/escape.h"

namespace nngen::backend {
namespace {

uint64_t round_up(uint64_t v, uint64_t to) { return (v + to - 1) / to * to; }

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

// Zynq-7000 trees use one address/size cell, ZynqMP trees two (zynq-7000.dtsi, zynqmp.dtsi).
bool two_cells(const Board& b) { return b.hwh_arch != "zynq"; }

// `v` as the cells of one address or size.
std::string cells(const Board& b, uint64_t v) {
  if (two_cells(b)) return hex(v >> 32) + " " + hex(v & 0xffffffffu);
  if (v > 0xffffffffu)
    fail_usage("address or size " + hex(v) + " does not fit the 32-bit cells of " + b.id);
  return hex(v);
}

// The interrupt controller's label in the kernel's SoC tree.
std::string gic_label(const Board& b) { return b.hwh_arch == "zynq" ? "intc" : "gic"; }

std::string label_uio(const std::string& n) { return dts_label("nnu_" + n); }
std::string label_buf(const std::string& n) { return dts_label("nnb_" + n); }
std::string label_pool(const std::string& n) { return dts_label("nnp_" + n); }

// The u-dma-buf `size`: one cell when it fits (what every u-dma-buf release reads), else 64 bits.
std::string size_property(uint64_t size) {
  if (size <= 0xffffffffu) return "<" + hex(size) + ">";
  return "/bits/ 64 <" + hex(size) + ">";
}

std::string header(const DtOverlaySpec& s, const std::string& what) {
  return "/*\n" + banner(s.provenance, " *") + " *\n * " + what + "\n * Model '" +
         comment_text(s.name) + "', board " + comment_text(s.board.id) +
         ". docs/linux.md explains every node.\n */\n";
}

}  // namespace

DmaBufferSize dma_buffer_size(uint64_t max_batch, uint64_t input_size, uint64_t output_size,
                              uint64_t weight_words) {
  // The descriptor bounds every factor (max_batch <= 2^20, sizes <= 2^28): no product overflows.
  if (max_batch > (1u << 20) || input_size > (1u << 28) || output_size > (1u << 28) ||
      weight_words > (1u << 28))
    fail_usage("model sizes out of range for the u-dma-buf computation");
  DmaBufferSize r;
  r.input = round_up(max_batch * input_size * 4, 64);
  r.output = round_up(max_batch * output_size * 4, 64);
  r.weights = round_up(weight_words * 4, 64);
  r.needed = r.input + r.output + r.weights;
  // Margin: the allocator pads each buffer to 64 bytes, and an application may keep one more
  // buffer (e.g. a second input) around; 1/8 and at least a page is cheap next to CMA's size.
  const uint64_t margin = std::max<uint64_t>(r.needed / 8, 4096);
  r.size = round_up(r.needed + margin, 4096);
  return r;
}

std::string dt_uio_name(const std::string& name) { return dts_node_name(name + "_accel"); }

std::string dt_overlay_text(const DtOverlaySpec& s, bool with_pool) {
  const Board& b = s.board;
  if (b.hwh_arch != "zynq" && b.hwh_arch != "zynquplus")
    fail_usage("no device-tree overlay for PS family '" + b.hwh_arch + "' of board " + b.id);
  const DmaBufferSize sz =
      dma_buffer_size(s.max_batch, s.input_size, s.output_size, s.weight_words);
  const std::string acells = two_cells(b) ? "2" : "1";
  char unit[24];
  std::snprintf(unit, sizeof unit, "%llx", static_cast<unsigned long long>(b.default_accel_base));
  const int spi = b.first_pl_irq_gic_id - 32;
  const bool coherent = dma_port_is_coherent(s.dma_port);

  // The placeholders are replaced in this body only; the header (which holds the model's name)
  // is added afterwards, so no name can inject a placeholder.
  std::string t = R"(
/ {
	/* The accelerator's control registers and interrupt, bound to uio_pdrv_genirq (kernel
	 * argument uio_pdrv_genirq.of_id=generic-uio). `amba` is the label of the PS bus in the
	 * kernel's SoC tree (zynq-7000.dtsi, zynqmp.dtsi: node /axi, /amba in older Xilinx trees), so
	 * the base tree must be compiled with symbols (dtc -@; PYNQ and PetaLinux images are). */
	fragment@0 {
		target = <&amba>;
		__overlay__ {
			#address-cells = <@CELLS@>;
			#size-cells = <@CELLS@>;
			/* The node name is /sys/class/uio/uioN/name: nn-run --uio @UIO@ */
			@LUIO@: @UIO@@@UNIT@ {
				compatible = "generic-uio";
				/* The board's default base for the first IP on @PORT@ and its span. The real base
				 * is in the design's .hwh: `nngen verify OUT --hwh F.hwh` checks it; change it
				 * here (and the unit address) if Vivado assigned another one. */
				reg = <@REG@>;
				interrupt-parent = <&@GIC@>;
				/* SPI @SPI@ = GIC ID @GICID@ = bit 0 of @IRQPORT@; 4 = level high */
				interrupts = <0 @SPI@ 4>;
			};
		};
	};

	/* The DMA buffer for inputs, outputs and weights (ikwzm u-dma-buf module): /dev/@BUF@. */
	fragment@1 {
		target-path = "/";
		__overlay__ {
			@LBUF@: @BUFNODE@ {
				compatible = "ikwzm,u-dma-buf";
				device-name = @BUFSTR@;
				/* max_batch @MB@: input @IN@ + output @OUT@ + weights @W@ = @NEED@ bytes,
				 * each rounded to 64 bytes, plus margin, in 4 KiB pages */
				size = @SIZE@;
)";
  if (with_pool) t += "\t\t\t\tmemory-region = <&" + label_pool(s.name) + ">;\n";
  if (coherent)
    t += "\t\t\t\t/* --dma-port " + s.dma_port +
         ": the masters reach a coherent PS port; no cache maintenance */\n\t\t\t\tdma-coherent;\n";
  t += "\t\t\t};\n\t\t};\n\t};\n};\n";

  const std::pair<const char*, std::string> subst[] = {
      {"@CELLS@", acells},
      {"@LUIO@", label_uio(s.name)},
      {"@UIO@", dt_uio_name(s.name)},
      {"@UNIT@", unit},
      {"@PORT@", comment_text(b.control_port)},
      {"@REG@", cells(b, b.default_accel_base) + " " + cells(b, b.accel_span)},
      {"@GIC@", gic_label(b)},
      {"@SPI@", std::to_string(spi)},
      {"@GICID@", std::to_string(b.first_pl_irq_gic_id)},
      {"@IRQPORT@", comment_text(b.irq_port)},
      {"@LBUF@", label_buf(s.name)},
      {"@BUFNODE@", dts_node_name(std::string(kDtUdmabufName))},
      {"@BUFSTR@", dts_string_literal(kDtUdmabufName)},
      {"@BUF@", kDtUdmabufName},
      {"@MB@", std::to_string(s.max_batch)},
      {"@IN@", std::to_string(sz.input)},
      {"@OUT@", std::to_string(sz.output)},
      {"@W@", std::to_string(sz.weights)},
      {"@NEED@", std::to_string(sz.needed)},
      {"@SIZE@", size_property(sz.size)},
  };
  for (const auto& [key, value] : subst) {
    for (size_t at = t.find(key); at != std::string::npos; at = t.find(key, at + value.size()))
      t.replace(at, std::string(key).size(), value);
  }
  return "/dts-v1/;\n/plugin/;\n\n" +
         header(s, with_pool ? "Linux device-tree overlay, u-dma-buf from the reserved pool of "
                               "the base tree (<name>-reserved-memory.dtsi)."
                             : "Linux device-tree overlay: the accelerator as a UIO device and "
                               "its DMA buffer (u-dma-buf).") +
         t;
}

std::string dt_reserved_memory_text(const DtOverlaySpec& s) {
  const Board& b = s.board;
  const DmaBufferSize sz =
      dma_buffer_size(s.max_batch, s.input_size, s.output_size, s.weight_words);
  if (b.ddr.empty()) fail_usage("board " + b.id + " has no DDR window");
  const std::string c = two_cells(b) ? "2" : "1";
  // The kernel refuses a CMA region whose size or base is not a multiple of its minimum CMA
  // alignment (kernel/dma/contiguous.c: a pageblock, 4 MiB with 4 KiB pages on both CPUs).
  const uint64_t cma_align = 4ull << 20;
  const uint64_t pool = round_up(sz.size, cma_align);
  if (pool > b.ddr[0].size) {
    // Not an error of `nngen generate`: the project stays useful with a smaller max_batch at run
    // time (nn_options.max_batch), for which the user sizes the pool by hand.
    return header(s, "No reserved-memory pool: the model's buffers for max_batch " +
                         std::to_string(s.max_batch) + " (" + std::to_string(pool) +
                         " bytes in 4 MiB pageblocks) exceed the board's DDR window '" +
                         comment_text(b.ddr[0].name) + "' (" + std::to_string(b.ddr[0].size) +
                         " bytes);\n * size a pool for a smaller nn_options.max_batch by hand "
                         "(docs/linux.md).");
  }
  std::string t = header(s,
                         "Optional addition to the BASE device tree (memory is reserved at boot; "
                         "an overlay is too late):\n * a CMA pool for the u-dma-buf, used by "
                         "the overlay variant with the -pool suffix.");
  t += "/ {\n\treserved-memory {\n\t\t#address-cells = <" + c + ">;\n\t\t#size-cells = <" + c +
       ">;\n\t\tranges;\n";
  t += "\t\t/* reusable: the kernel lends the pages to movable allocations until u-dma-buf takes "
       "them\n\t\t * (CMA), placed anywhere in the DDR window the PS ports reach. CMA regions are "
       "whole\n\t\t * 4 MiB pageblocks: " +
       std::to_string(sz.size) + " bytes rounded up. */\n";
  t += "\t\t" + label_pool(s.name) + ": " + dts_node_name("nnaccel-pool-" + s.name) + " {\n";
  t += "\t\t\tcompatible = " + dts_string_literal("shared-dma-pool") + ";\n\t\t\treusable;\n";
  t += "\t\t\tsize = <" + cells(b, pool) + ">;\n\t\t\talignment = <" + cells(b, cma_align) + ">;\n";
  t += "\t\t\talloc-ranges = <" + cells(b, b.ddr[0].base) + " " + cells(b, b.ddr[0].size) + ">;\n";
  t += "\t\t};\n\t};\n};\n";
  return t;
}

std::string dt_readme_text(const DtOverlaySpec& s) {
  const std::string n = s.name;
  const std::string uio = dt_uio_name(n);
  std::string t = "# Linux device tree for `" + n + "` on " + s.board.id + "\n\n";
  t += "Generated by nngen; `docs/linux.md` in the nnaccel sources explains each node (section "
       "\"Device tree\"), the kernel argument, the u-dma-buf module and the udev rule.\n\n";
  t += "| file | what |\n|---|---|\n";
  t += "| `" + n + ".dtso` | overlay: UIO node `" + uio +
       "` (registers + interrupt) and u-dma-buf `" + kDtUdmabufName + "` from the kernel's CMA |\n";
  t += "| `" + n + "-pool.dtso` | the same, with the u-dma-buf taken from the pool below |\n";
  t += "| `" + n +
       "-reserved-memory.dtsi` | base-tree addition: a reserved CMA pool sized for the "
       "model |\n\n";
  t += "```sh\ndtc -@ -I dts -O dtb -o " + n + ".dtbo " + n + ".dtso\n";
  t += "# configfs (PetaLinux, PYNQ): load the bitstream first, then\n";
  t += "mkdir /sys/kernel/config/device-tree/overlays/" + n + "\n";
  t += "cat " + n + ".dtbo > /sys/kernel/config/device-tree/overlays/" + n + "/dtbo\n";
  t += "# PYNQ alternative: pynq.DeviceTreeSegment('" + n + ".dtbo').insert()\n```\n\n";
  t += "Needs: kernel argument `uio_pdrv_genirq.of_id=generic-uio`, the u-dma-buf module loaded, a "
       "base tree built with `dtc -@`, and the udev rule of docs/linux.md for non-root use. Then "
       "`nn-run --hal uio --uio " +
       uio +
       "`. The `reg` base is the board's default; `nngen verify OUT --hwh F.hwh` tells "
       "whether the design's .hwh agrees.\n";
  return t;
}

std::vector<std::pair<std::string, std::string>> write_dt_overlay(const passes::Design& d,
                                                                  const ProjectSpec& spec) {
  DtOverlaySpec s;
  s.name = spec.name;
  s.board = spec.board;
  s.dma_port = spec.dma_port;
  s.max_batch = d.options.max_batch;
  s.input_size = d.input_size;
  s.output_size = d.output_size;
  s.weight_words = d.weight_words;
  s.provenance = spec.provenance;
  return {{"linux/" + s.name + ".dtso", dt_overlay_text(s)},
          {"linux/" + s.name + "-pool.dtso", dt_overlay_text(s, true)},
          {"linux/" + s.name + "-reserved-memory.dtsi", dt_reserved_memory_text(s)},
          {"linux/README.md", dt_readme_text(s)}};
}

}  // namespace nngen::backend
