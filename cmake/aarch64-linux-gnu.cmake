# Toolchain file: 64-bit ARM Linux (ZynqMP's Cortex-A53), Debian's
# gcc-aarch64-linux-gnu / g++-aarch64-linux-gnu. Used for the cross-built SDK
# and the test suites that run under qemu-aarch64 (label `cross`, docs/sdk.md).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# BOTH, not ONLY: an SDK installed for this target (e.g. into a test's build
# tree) is found through CMAKE_PREFIX_PATH/nnaccel_DIR outside the sysroot.
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
