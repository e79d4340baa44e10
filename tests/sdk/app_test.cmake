# Builds tests/sdk/app outside the source tree against an installed nnaccel SDK, twice - with
# find_package(nnaccel) and with pkg-config - and runs both (under EMULATOR for a cross SDK).
#
#   cmake -DAPP=<tests/sdk/app> -DPREFIX=<SDK install prefix, or a folder under the scratch dir>
#         [-DINSTALL_FROM=<build tree to `cmake --install` into PREFIX first>]
#         [-DTOOLCHAIN=<toolchain file> -DCC=<target C compiler> -DEMULATOR="qemu-aarch64;-L;/usr/..."]
#         -P app_test.cmake
# The scratch folder is a fresh one under $TMPDIR (or /tmp), outside the source tree (which may
# hold the build tree); it is removed when everything passed. A relative PREFIX is taken in it.
# Any failure stops with FATAL_ERROR naming the step and its output.
foreach(v APP PREFIX)
  if(NOT ${v})
    message(FATAL_ERROR "app_test.cmake: -D${v}=... is required")
  endif()
endforeach()
if(NOT CC)
  set(CC cc)
endif()

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(tmp "$ENV{TMPDIR}")
if(NOT tmp)
  set(tmp /tmp)
endif()
string(RANDOM LENGTH 10 tag)
set(WORK ${tmp}/nnaccel-sdk-app-${tag})
file(MAKE_DIRECTORY ${WORK})
cmake_path(ABSOLUTE_PATH PREFIX BASE_DIRECTORY ${WORK})
if(INSTALL_FROM)
  step("cmake --install" ${CMAKE_COMMAND} --install ${INSTALL_FROM} --prefix ${PREFIX})
endif()
# The application as a user has it: a folder of its own, nothing pointing into this tree.
file(COPY ${APP}/ DESTINATION ${WORK}/app)

# 1. CMake: find_package(nnaccel) through CMAKE_PREFIX_PATH, like an application would.
set(configure ${CMAKE_COMMAND} -S ${WORK}/app -B ${WORK}/build -DCMAKE_PREFIX_PATH=${PREFIX}
    -DCMAKE_BUILD_TYPE=Release)
if(TOOLCHAIN)
  list(APPEND configure -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN})
endif()
step("configuring the application (find_package)" ${configure})
step("building the application (find_package)" ${CMAKE_COMMAND} --build ${WORK}/build)

# 2. pkg-config: the .pc files of the SDK only (PKG_CONFIG_LIBDIR hides the system's).
file(GLOB pcdirs ${PREFIX}/lib*/pkgconfig ${PREFIX}/lib/*/pkgconfig)
list(JOIN pcdirs ":" pcpath)
set(ENV{PKG_CONFIG_LIBDIR} "${pcpath}")
set(ENV{PKG_CONFIG_PATH} "")
step("pkg-config" pkg-config --cflags --libs libnndriver libnnhal_mock)
string(STRIP "${step_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
step("building the application (pkg-config)" ${CC} -std=c11 -Wall -Wextra -Werror
     ${WORK}/app/main.c ${flags} -o ${WORK}/sdk_app_pc)

foreach(exe ${WORK}/build/sdk_app ${WORK}/sdk_app_pc)
  step("running ${exe}" ${EMULATOR} ${exe})
  if(NOT step_output MATCHES "identified 0x5dc0ffee")
    message(FATAL_ERROR "${exe} printed:\n${step_output}")
  endif()
  message(STATUS "${exe}: ${step_output}")
endforeach()
file(REMOVE_RECURSE ${WORK})
