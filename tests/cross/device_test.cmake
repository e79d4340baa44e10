# One step of the cross tests (tests/cross/CMakeLists.txt), run with cmake -P:
#
#   STEP=native  generate MODEL's project into WORK/prj, build it natively against this build
#                tree's SDK (the nngen's default) and write the reference WORK/y_native.npy with
#                NAME-sim
#   STEP=cross   generate the same project into WORK/prj, cross-build it with TOOLCHAIN against
#                the installed target SDK (SDK = its prefix) into WORK/prj/build, check that its
#                device library exports only nn_sim_plugin_entry, and - when the SDK has nn-run -
#                run `nn-run --project WORK/prj --hal sim` under EMULATOR and compare its output
#                with REFERENCE/y_native.npy byte for byte
# Any failure stops with FATAL_ERROR naming the step and its output.
foreach(v STEP NNGEN MODEL WORK)
  if(NOT ${v})
    message(FATAL_ERROR "device_test.cmake: -D${v}=... is required")
  endif()
endforeach()

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(prj ${WORK}/prj)
step("nngen generate" ${NNGEN} generate ${MODEL}/model.onnx -o ${prj} --name net)

if(STEP STREQUAL "native")
  step("configuring the native project" ${CMAKE_COMMAND} -S ${prj} -B ${prj}/build -G Ninja
       -DNNACCEL_WERROR=ON)
  step("building net-sim" ${CMAKE_COMMAND} --build ${prj}/build --target net-sim -j2)
  step("running net-sim" ${prj}/build/net-sim --quiet --input ${MODEL}/X_test.npy
       --output ${WORK}/y_native.npy)
  return()
endif()

foreach(v SDK TOOLCHAIN EMULATOR REFERENCE)
  if(NOT ${v})
    message(FATAL_ERROR "device_test.cmake: STEP=cross needs -D${v}=...")
  endif()
endforeach()
file(GLOB config_dirs ${SDK}/lib*/cmake/nnaccel ${SDK}/lib/*/cmake/nnaccel)
if(NOT config_dirs)
  message(FATAL_ERROR "no nnaccelConfig.cmake under '${SDK}': was nnaccel_sdk_* built and installed?")
endif()
list(GET config_dirs 0 config_dir)
# The nngen's own (native) SDK is the project's default: nnaccel_DIR must win over it.
step("configuring the cross project" ${CMAKE_COMMAND} -S ${prj} -B ${prj}/build -G Ninja
     -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN} -Dnnaccel_DIR=${config_dir} -DNNACCEL_WERROR=ON)
step("cross-building the device library" ${CMAKE_COMMAND} --build ${prj}/build -j2)
set(lib ${prj}/build/libnet-device.so)
if(NOT EXISTS ${lib})
  message(FATAL_ERROR "the cross build made no ${lib}")
endif()

# The device library exports one symbol, nn_sim_plugin_entry (docs/nn-run.md; readelf reads any
# ELF machine).
step("readelf" readelf --dyn-syms -W ${lib})
string(REPLACE "\n" ";" lines "${step_output}")
set(exported)
foreach(line ${lines})
  if(line MATCHES " (GLOBAL|WEAK) +DEFAULT +[0-9]+ +([^ ]+)$")
    list(APPEND exported ${CMAKE_MATCH_2})
  endif()
endforeach()
if(NOT exported STREQUAL "nn_sim_plugin_entry")
  message(FATAL_ERROR "${lib} exports '${exported}', expected only nn_sim_plugin_entry")
endif()
# Say which machine the library was built for (readelf: binutils comes with every compiler;
# `file` is not on a minimal system).
step("readelf -h" readelf -h ${lib})
if(step_output MATCHES "Machine: *([^\n]+)")
  message(STATUS "${lib}: ${CMAKE_MATCH_1}")
endif()

# The Python binding's library is in the SDK for the board's CPU and exports the runtime API.
file(GLOB pylib ${SDK}/lib/libnnaccel.so ${SDK}/lib/*/libnnaccel.so)
if(NOT pylib)
  message(FATAL_ERROR "the SDK under '${SDK}' has no lib/libnnaccel.so (target nnaccel_py)")
endif()
step("readelf libnnaccel.so" readelf --dyn-syms -W ${pylib})
foreach(sym nn_rt_open nn_rt_predict nn_rt_abi_sizes nn_rt_start_in_place nn_rt_strerror)
  if(NOT step_output MATCHES " GLOBAL +DEFAULT +[0-9]+ +${sym}\n")
    message(FATAL_ERROR "${pylib} does not export ${sym}")
  endif()
endforeach()
if(step_output MATCHES " GLOBAL +DEFAULT +[0-9]+ +nn_open\n")
  message(FATAL_ERROR "${pylib} exports the driver's internals (nn_open): version script not applied")
endif()

if(NOT EXISTS ${SDK}/bin/nn-run)
  message(STATUS "the SDK has no bin/nn-run: device library checked, nothing to run")
  return()
endif()
step("nn-run --hal sim under ${EMULATOR}" ${EMULATOR} ${SDK}/bin/nn-run --project ${prj}
     --hal sim --input ${MODEL}/X_test.npy --output ${WORK}/y_cross.npy)
message(STATUS "${step_output}")
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${REFERENCE}/y_native.npy
                ${WORK}/y_cross.npy RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "nn-run under ${EMULATOR} wrote ${WORK}/y_cross.npy, which differs from "
                      "the native net-sim's ${REFERENCE}/y_native.npy")
endif()
