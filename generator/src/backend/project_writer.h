// Writes a whole accelerator project (docs/design.md, "What a generated project contains"):
//   hls/        the HLS sources, the layer library in hls/lib, build_hls.tcl, testbench
//   driver/     <name>_config.h: the model descriptor for libnndriver
//   weights/    <name>.nnw
//   runtime/    libnndriver, the mock HAL and the virtual-board runtime
//   sim/        <name>_board.cpp binding the model to the virtual board
//   CMakeLists.txt  builds build/<name>-sim
//   nnaccel-project.json  the manifest `nngen weights` and `nngen embed` read
#pragma once

#include <filesystem>
#include <string>

#include "backend/banner.h"
#include "backend/board_db.h"
#include "passes/pipeline.h"

namespace nngen::backend {

struct ProjectSpec {
  std::string name;
  Board board;
  std::string precision_text;  // as given to --precision (or its default)
  Provenance provenance;
  // PS slave port of the m_axi masters (nngen generate --dma-port): "hp" (default, not coherent:
  // the driver does cache maintenance), "hpc" (ZynqMP only) or "acp" (Zynq-7000 only); the last
  // two are coherent because the Vivado script sets the masters' AxCACHE/AxPROT/AxUSER for it.
  std::string dma_port = "hp";
};

// True for "hpc" and "acp": the driver may skip cache maintenance.
bool dma_port_is_coherent(const std::string& dma_port);

// All or nothing: on any error nothing is left at `out`.
void write_project(const passes::Design& d, const ProjectSpec& spec,
                   const std::filesystem::path& out);

// The descriptor header alone (also used by tests).
std::string driver_config_header(const passes::Design& d, const ProjectSpec& spec);

}  // namespace nngen::backend
