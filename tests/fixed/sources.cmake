# The nnfixed test sources, shared by the host build and the ARM sub-build.
set(NNFIXED_TEST_SOURCES
  test_known_answers.cpp
  test_arith_exhaustive.cpp
  test_convert_exhaustive.cpp
  test_wide_random.cpp
)
