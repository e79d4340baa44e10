// fuzz_check.h - the harnesses' invariant check. A broken invariant is a finding like a crash:
// print what broke and abort, so libFuzzer saves the input as a crash artifact.
#ifndef TESTS_FUZZ_FUZZ_CHECK_H
#define TESTS_FUZZ_FUZZ_CHECK_H

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                     \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: invariant broken: %s (%s)\n", __FILE__, __LINE__, what, #cond); \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)

#endif  // TESTS_FUZZ_FUZZ_CHECK_H
