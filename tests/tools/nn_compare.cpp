// nn-compare: prints how accelerator outputs agree with a float reference.
//   nn-compare --output Y.npy --reference R.npy [--labels y.npy] [--min-agreement 0.99]
// Exit 0, or 1 if agreement is below --min-agreement, 2 on bad usage/files.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "metrics.h"

int main(int argc, char** argv) {
  std::string out, ref, labels;
  double min_agreement = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string f = argv[i];
    if (f == "--output") out = argv[i + 1];
    else if (f == "--reference") ref = argv[i + 1];
    else if (f == "--labels") labels = argv[i + 1];
    else if (f == "--min-agreement") min_agreement = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "nn-compare: unknown option '%s'\n", f.c_str());
      return 2;
    }
  }
  if (out.empty() || ref.empty() || argc % 2 == 0) {
    std::fprintf(stderr, "usage: nn-compare --output Y.npy --reference R.npy [--labels y.npy] [--min-agreement F]\n");
    return 2;
  }
  try {
    nnnpy::Array y = nnnpy::read_array(out), r = nnnpy::read_array(ref);
    std::vector<int64_t> l;
    if (!labels.empty()) l = nnnpy::read_int_array(labels).data;
    const nnmetrics::Metrics m = nnmetrics::compare(y, r, l);
    std::fputs(nnmetrics::format(m).c_str(), stdout);
    if (m.argmax_agreement < min_agreement) {
      std::fprintf(stderr, "nn-compare: agreement %.4f is below %.4f\n", m.argmax_agreement, min_agreement);
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nn-compare: %s\n", e.what());
    return 2;
  }
  return 0;
}
