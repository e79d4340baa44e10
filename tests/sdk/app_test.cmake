# Builds tests/sdk/app outside the source tree against an installed nnaccel SDK, twice - with
# find_package(nnaccel) and with pkg-config - and runs both (under EMULATOR for a cross SDK).
#
#   cmake -DAPP=<tests/sdk/app> -DPREFIX=<SDK install prefix, or a folder under the scratch dir>
#         [-DINSTALL_FROM=<build tree to `cmake --install` into PREFIX first>]
#         [-DMODEL=<fixture folder>: also generate its project with the installed nngen and
#          build and run its NAME-sim against the installed SDK, found by the nngen's default]
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

# 3. The installed nngen's projects use the installed SDK (found from nngen's own location).
if(MODEL)
  set(nngen ${PREFIX}/bin/nngen)
  step("installed nngen generate" ${nngen} generate ${MODEL}/model.onnx -o ${WORK}/prj --name net)
  step("configuring the project of the installed nngen" ${CMAKE_COMMAND} -S ${WORK}/prj
       -B ${WORK}/prj/build -DNNACCEL_WERROR=ON)
  file(STRINGS ${WORK}/prj/build/CMakeCache.txt found REGEX "^nnaccel_DIR:")
  string(REGEX REPLACE "^nnaccel_DIR:[A-Z]+=" "" sdk "${found}")
  file(REAL_PATH "${sdk}" sdk)
  file(REAL_PATH "${PREFIX}" prefix_real)
  string(FIND "${sdk}/" "${prefix_real}/" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "the installed nngen's project found the SDK in '${sdk}', not in ${PREFIX}")
  endif()
  step("building the project against the installed SDK" ${CMAKE_COMMAND} --build ${WORK}/prj/build)
  step("running its net-sim" ${WORK}/prj/build/net-sim --quiet --input ${MODEL}/X_test.npy
       --output ${WORK}/y.npy)
  message(STATUS "project of the installed nngen: SDK ${sdk}, net-sim ran")
endif()

foreach(exe ${WORK}/build/sdk_app ${WORK}/sdk_app_pc)
  step("running ${exe}" ${EMULATOR} ${exe})
  if(NOT step_output MATCHES "identified 0x5dc0ffee")
    message(FATAL_ERROR "${exe} printed:\n${step_output}")
  endif()
  message(STATUS "${exe}: ${step_output}")
endforeach()
file(REMOVE_RECURSE ${WORK})
