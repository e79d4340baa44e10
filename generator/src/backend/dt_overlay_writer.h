// OUT/linux/: the Linux device-tree overlay of a project (docs/linux.md "Device tree"):
//   <name>.dtso                  the overlay: the accelerator's UIO node and its u-dma-buf
//   <name>-reserved-memory.dtsi  optional base-tree addition: a CMA pool for the u-dma-buf
//   README.md                    how to compile and load them
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "backend/board_db.h"
#include "backend/project_writer.h"

namespace nngen::backend {

// The u-dma-buf must hold the driver's three buffers for max_batch samples (docs/linux.md
// "Sizing the u-dma-buf"), each rounded up to the 64-byte allocation granule of the uio HAL.
struct DmaBufferSize {
  uint64_t input = 0;    // round64(max_batch * input_size * 4)
  uint64_t output = 0;   // round64(max_batch * output_size * 4)
  uint64_t weights = 0;  // round64(weight_words * 4)
  uint64_t needed = 0;   // input + output + weights
  uint64_t size = 0;     // needed + 1/8 margin (at least one page), rounded up to 4 KiB
};
DmaBufferSize dma_buffer_size(uint64_t max_batch, uint64_t input_size, uint64_t output_size,
                              uint64_t weight_words);

// What the overlay depends on (tests build it directly, hostile names included).
struct DtOverlaySpec {
  std::string name;  // the project's name (untrusted: escaped for DTS everywhere)
  Board board;
  std::string dma_port = "hp";  // "hp" | "hpc" | "acp": dma-coherent for the last two
  uint64_t max_batch = 1, input_size = 0, output_size = 0, weight_words = 0;
  Provenance provenance;
};

// The UIO node's name: /sys/class/uio/uioN/name, what `nn-run --uio` takes.
std::string dt_uio_name(const std::string& name);
// The u-dma-buf's device name (/dev/<it>, /sys/class/u-dma-buf/<it>): the uio HAL's default.
inline constexpr const char* kDtUdmabufName = "udmabuf0";

// with_pool: the u-dma-buf takes its memory from the pool of <name>-reserved-memory.dtsi.
std::string dt_overlay_text(const DtOverlaySpec& s, bool with_pool = false);
std::string dt_reserved_memory_text(const DtOverlaySpec& s);
std::string dt_readme_text(const DtOverlaySpec& s);

// The files under linux/ for write_project: {path relative to OUT, content}.
std::vector<std::pair<std::string, std::string>> write_dt_overlay(const passes::Design& d,
                                                                  const ProjectSpec& spec);

}  // namespace nngen::backend
