# Unit tests built for the target of a cross build (NNACCEL_RUNTIME_ONLY + NNACCEL_TARGET_TESTS,
# used by tests/cross): the suites that exercise code which differs per architecture and needs
# no host tool - the Linux HALs on their fake /sys + /dev tree (tests/hal_linux).
#
# They are gtest suites. No target has a gtest package, but Debian's libgtest-dev (installed for
# the native tests) ships gtest's sources in /usr/src/googletest: they are compiled here for the
# target (two files), so the very same test sources run natively and under qemu-user.
set(NNACCEL_GTEST_SOURCE_DIR /usr/src/googletest/googletest CACHE PATH
    "gtest sources (Debian libgtest-dev) compiled for the target's unit tests")
if(NOT EXISTS ${NNACCEL_GTEST_SOURCE_DIR}/src/gtest-all.cc)
  message(FATAL_ERROR "NNACCEL_TARGET_TESTS needs gtest's sources: ${NNACCEL_GTEST_SOURCE_DIR}/src/"
                      "gtest-all.cc is missing (Debian libgtest-dev, scripts/install-deps)")
endif()
find_package(Threads REQUIRED)
add_library(nnaccel_target_gtest STATIC ${NNACCEL_GTEST_SOURCE_DIR}/src/gtest-all.cc)
target_include_directories(nnaccel_target_gtest SYSTEM
  PUBLIC ${NNACCEL_GTEST_SOURCE_DIR}/include PRIVATE ${NNACCEL_GTEST_SOURCE_DIR})
target_link_libraries(nnaccel_target_gtest PUBLIC Threads::Threads)
add_library(nnaccel_target_gtest_main STATIC ${NNACCEL_GTEST_SOURCE_DIR}/src/gtest_main.cc)
target_link_libraries(nnaccel_target_gtest_main PUBLIC nnaccel_target_gtest)
add_library(GTest::gtest ALIAS nnaccel_target_gtest)
add_library(GTest::gtest_main ALIAS nnaccel_target_gtest_main)

# gtest_discover_tests (used by the suites) runs each binary once at build time: through
# CMAKE_CROSSCOMPILING_EMULATOR (qemu-user), which tests/cross passes in.
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  message(FATAL_ERROR "NNACCEL_TARGET_TESTS needs CMAKE_CROSSCOMPILING_EMULATOR (e.g. "
                      "\"qemu-aarch64;-L;/usr/aarch64-linux-gnu\") to list the tests")
endif()
enable_testing()
add_subdirectory(${PROJECT_SOURCE_DIR}/tests/hal_linux ${PROJECT_BINARY_DIR}/tests/hal_linux)

# Test code need not be fast, and the CI budget is tight: -O1 compiles gtest (one 10,000-line
# file) and the suites in a fraction of Release's -O3 time. The code under test keeps Release.
foreach(target nnaccel_target_gtest nnaccel_target_gtest_main hal_linux_test)
  if(TARGET ${target})
    target_compile_options(${target} PRIVATE -O1)
  endif()
endforeach()
