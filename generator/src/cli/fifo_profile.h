// `nngen generate --fifo-depths auto`: FIFO depths of a stream design from a profiled C
// simulation (docs/cnn.md "FIFO depths").
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "backend/project_writer.h"
#include "passes/pipeline.h"

namespace nngen::cli {

// Exit codes of the profiling step (the same as `nngen qemu`'s for the same failures).
inline constexpr int kFifoToolMissing = 6;  // cmake or a C++ compiler is not on PATH
inline constexpr int kFifoBuildFailed = 7;  // configuring/building NAME-profile, or its run, failed

// What one run of NAME-profile recorded for a stream (nnfixed_fifo_profile.h).
struct StreamProfile {
  int64_t max_occupancy = 0, depth = 0, blocked_writes = 0, writes = 0;
};

struct FifoProfile {
  std::map<std::string, StreamProfile> streams;  // by stream name
};

// Parses the JSON NAME-profile writes; throws Error naming `what` if it is malformed.
FifoProfile parse_fifo_profile(const std::string& json, const std::string& what);

// Builds a temporary project of `d` (stream mode) with its NAME-profile target and runs it on
// `calibration_npy`: measured() holds the maximum occupancy of each stream. check() runs the same
// program against the depths of the design finally chosen. Throws Error (kFifoToolMissing,
// kFifoBuildFailed, kIo, kBadInput) on failure; the temporary folder is removed, except after a
// failed build (kept for inspection, its path is in the message).
class FifoProfiler {
 public:
  FifoProfiler(const passes::Design& d, const backend::ProjectSpec& spec,
               std::string calibration_npy);
  ~FifoProfiler();
  FifoProfiler(const FifoProfiler&) = delete;
  FifoProfiler& operator=(const FifoProfiler&) = delete;

  // Occupancies measured with the first design's program, by stream name.
  const FifoProfile& measured() const { return measured_; }
  // Runs the same program against the depths of `final_design` (its code differs only in the
  // STREAM pragmas, which the host build ignores).
  FifoProfile check(const passes::Design& final_design);

 private:
  FifoProfile run(const std::string& tag, const std::string& depths_file);

  std::string dir_, program_, calibration_;
  bool keep_ = false;
  FifoProfile measured_;
};

// The report printed by `nngen generate --fifo-depths auto`: each FIFO's depth, the occupancy it
// came from, the one-sample depth it replaces, and the blocked writes of the check run.
std::string fifo_report(const passes::Design& d, const FifoProfile& measured,
                        const FifoProfile& final_run);

}  // namespace nngen::cli
