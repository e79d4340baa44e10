# ctest script: generate MODEL's project with NNGEN into WORK, build crosscheck/ against it and
# the SDK of this build (SDK_DIR), run it (the real top through the virtual board and the sim HAL,
# outputs compared bit for bit).
foreach(v NNGEN MODEL WORK SDK_DIR SRC)
  if(NOT ${v})
    message(FATAL_ERROR "crosscheck.cmake: -D${v}=... missing")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
  endif()
  message(STATUS "${what}: ok\n${out}")
endfunction()
step("nngen generate" ${NNGEN} generate ${MODEL}/model.onnx -o ${WORK}/prj --name net)
step("configure" ${CMAKE_COMMAND} -S ${SRC}/crosscheck -B ${WORK}/build -G Ninja
     -Dnnaccel_DIR=${SDK_DIR} -DNN_PROJECT=${WORK}/prj -DNN_NAME=net)
step("build" ${CMAKE_COMMAND} --build ${WORK}/build -j2)
step("crosscheck" ${WORK}/build/crosscheck)
