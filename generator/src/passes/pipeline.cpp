#include "passes/pipeline.h"

#include "frontend/onnx_loader.h"
#include "support/error.h"

namespace nngen::passes {

const std::vector<Pass>& default_pipeline() {
  static const std::vector<Pass> p = {
      {"calibrate", calibrate},           {"lower-to-layers", lower_to_layers},
      {"insert-splits", insert_splits},   {"assign-precision", assign_precision},
      {"layout-weights", layout_weights}, {"assign-fifo-depths", assign_fifo_depths},
      {"estimate-cost", estimate_cost},   {"compute-signature", compute_signature},
  };
  return p;
}

std::vector<std::string> pass_names() {
  std::vector<std::string> names;
  for (const Pass& p : default_pipeline()) names.emplace_back(p.name);
  return names;
}

void run_pipeline(Design& design, const std::string& print_after,
                  const std::function<void(const std::string&)>& printer) {
  if (!print_after.empty()) {
    bool known = false;
    for (const Pass& p : default_pipeline()) known = known || p.name == print_after;
    if (!known) {
      std::string all;
      for (const auto& n : pass_names()) all += (all.empty() ? "" : ", ") + n;
      fail_usage("--print-ir-after: no pass named '" + print_after + "' (passes: " + all + ")");
    }
  }
  for (const Pass& p : default_pipeline()) {
    p.run(design);
    if (p.name == print_after && printer) printer(print_ir(design));
  }
}

Design compile_model(const std::string& onnx_path, const ops::BuildOptions& options,
                     const std::string& print_after,
                     const std::function<void(const std::string&)>& printer,
                     std::vector<float> calibration) {
  Design d;
  d.graph = frontend::load_onnx(onnx_path);
  d.calibration = std::move(calibration);
  d.options = options;
  run_pipeline(d, print_after, printer);
  return d;
}

}  // namespace nngen::passes
