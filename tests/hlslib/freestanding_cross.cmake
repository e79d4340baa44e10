# Cross check of NNFIXED_FREESTANDING (label `cross`): generates a project from MODEL with the
# built nngen, compiles its top (hls/NAME_accel.cpp, with the layer library nngen copied into
# hls/lib) with a bare-metal toolchain exactly as an image build does, and checks with
# check_symbols.cmake that the object references only the C library and libgcc. Run with cmake -P:
#   -DNNGEN=<nngen> -DMODEL=<dir with model.onnx> -DWORK=<dir> -DCXX=<g++> -DNM=<nm>
#   "-DFLAGS=<flag;flag;...>"
foreach(v NNGEN MODEL WORK CXX NM FLAGS)
  if(NOT ${v})
    message(FATAL_ERROR "freestanding_cross.cmake: -D${v}=... is required")
  endif()
endforeach()

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "${what} failed (${rc}):\n${cmd}\n${out}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(prj ${WORK}/prj)
step("nngen generate" ${NNGEN} generate ${MODEL}/model.onnx -o ${prj} --name net)
set(obj ${WORK}/net_accel.o)
step("compiling the generated top with ${CXX}"
     ${CXX} ${FLAGS} -DNNFIXED_FREESTANDING -DNNACCEL_FORCE_EMULATION -fno-exceptions -fno-rtti
     -Wall -Wextra -Werror -Wno-unknown-pragmas -Wno-unused-label
     -I${prj}/hls -I${prj}/hls/lib -c ${prj}/hls/net_accel.cpp -o ${obj})
step("checking the undefined symbols of ${obj}"
     ${CMAKE_COMMAND} -DNM=${NM} -DOBJECTS=${obj} -P ${CMAKE_CURRENT_LIST_DIR}/check_symbols.cmake)
message(STATUS "${CXX}: the generated top compiles freestanding and links only C library/libgcc")
