// Writes OUT/vivado/build_vivado.tcl: the Vivado block design (PS with the board preset, the
// exported HLS IP, SmartConnects, interrupt, clock and reset, address map), implementation and
// export of .bit/.hwh/.xsa for the project's board and --dma-port (docs/hardware-flow.md).
#pragma once

#include <map>
#include <string>

#include "backend/model_desc_writer.h"
#include "backend/project_writer.h"

namespace nngen::backend {

// The m_axi bundles of the generated top (hls_writer.cpp's INTERFACE pragmas), in the order the
// script connects them to the data SmartConnect.
inline constexpr const char* kMaxiBundles[] = {"gmem_io", "gmem_w"};

// File name (relative to vivado/) -> content. Every board and model value is a quoted Tcl word
// (tcl_quoted). Throws Error(kUsage) if the board has no PS port for spec.dma_port.
std::map<std::string, std::string> write_vivado(const ProjectSpec& spec,
                                                const ModelDescription& desc);

}  // namespace nngen::backend
