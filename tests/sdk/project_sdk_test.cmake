# How a generated project finds the SDK (docs/sdk.md), with cmake -P:
#   cmake -DNNGEN=<nngen> -DMODEL=<fixture folder> -DWORK=<scratch> -P project_sdk_test.cmake
# 1. the default: the SDK of the nngen that wrote the project (its build tree) is found;
# 2. -Dnnaccel_DIR=<a folder without the SDK> stops with the error naming that folder and the
#    nngen's SDK (no silent fallback to the default);
# 3. -Dnnaccel_DIR=<the SDK> works.
foreach(v NNGEN MODEL WORK)
  if(NOT ${v})
    message(FATAL_ERROR "project_sdk_test.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/nowhere)
execute_process(COMMAND ${NNGEN} generate ${MODEL}/model.onnx -o ${WORK}/prj --name net
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nngen generate failed:\n${out}")
endif()

function(configure build expect_ok)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${WORK}/prj -B ${WORK}/${build} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(expect_ok AND NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring ${build} failed:\n${out}")
  elseif(NOT expect_ok AND rc EQUAL 0)
    message(FATAL_ERROR "configuring ${build} succeeded, expected the SDK error:\n${out}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

configure(default TRUE)
file(STRINGS ${WORK}/default/CMakeCache.txt found REGEX "^nnaccel_DIR:")
string(REGEX REPLACE "^nnaccel_DIR:[A-Z]+=" "" sdk "${found}")
get_filename_component(nngen_dir ${NNGEN} DIRECTORY)
get_filename_component(expected ${nngen_dir}/.. ABSOLUTE)
file(REAL_PATH "${sdk}" sdk_real)
file(REAL_PATH "${expected}" expected_real)
if(NOT sdk_real STREQUAL expected_real)
  message(FATAL_ERROR "the default configure used the SDK '${sdk}', expected the build tree of "
                      "${NNGEN}: '${expected}'")
endif()
message(STATUS "default SDK: ${sdk} (nngen in ${nngen_dir})")

configure(wrong FALSE -Dnnaccel_DIR=${WORK}/nowhere)
string(REPLACE "\n" " " flat "${out}")
string(REGEX REPLACE " +" " " flat "${flat}")
foreach(text "the nnaccel SDK" "was not found" "${WORK}/nowhere" "-Dnnaccel_DIR=")
  string(FIND "${flat}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the SDK error does not say '${text}':\n${out}")
  endif()
endforeach()

configure(given TRUE -Dnnaccel_DIR=${sdk})
