# Cross check of NNFIXED_FREESTANDING (label `cross`): generates a project from each of MODELS with
# the built nngen, compiles its top (hls/net_accel.cpp, with the layer library nngen copied into
# hls/lib) with a bare-metal toolchain as an image build does, compiles freestanding_api.cpp (the
# rest of the emulation's API) with the first project's hls/lib, and checks with
# check_symbols.cmake that the objects reference only the C library and libgcc. Run with cmake -P:
#   -DNNGEN=<nngen> "-DMODELS=<dir with model.onnx;...>" -DWORK=<dir> -DCXX=<g++> -DNM=<nm>
#   "-DFLAGS=<flag;flag;...>" [-DCC=<gcc> "-DLINK_FLAGS=<flag;...>" "-DLINK_C=<file.c;...>"]
# With CC, the first top, the API object and freestanding_link_main.cpp are also linked into a
# program by the C driver (no libstdc++ on the link line: any reference to it fails the link);
# LINK_C are C files compiled into it (hooks the C library expects from the application).
foreach(v NNGEN MODELS WORK CXX NM FLAGS)
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
set(common ${FLAGS} -DNNFIXED_FREESTANDING -DNNACCEL_FORCE_EMULATION -fno-exceptions -fno-rtti
    -Wall -Wextra -Werror -Wno-unknown-pragmas -Wno-unused-label)
set(objects "")
set(first_lib "")
foreach(model ${MODELS})
  get_filename_component(name ${model} NAME)
  set(prj ${WORK}/${name})
  step("nngen generate (${name})" ${NNGEN} generate ${model}/model.onnx -o ${prj} --name net)
  set(obj ${WORK}/${name}_net_accel.o)
  step("compiling the generated ${name} top with ${CXX}"
       ${CXX} ${common} -I${prj}/hls -I${prj}/hls/lib -c ${prj}/hls/net_accel.cpp -o ${obj})
  list(APPEND objects ${obj})
  if(NOT first_lib)
    set(first_lib ${prj}/hls/lib)
  endif()
endforeach()
set(obj ${WORK}/freestanding_api.o)
step("compiling freestanding_api.cpp with ${CXX}"
     ${CXX} ${common} -I${first_lib} -c ${CMAKE_CURRENT_LIST_DIR}/freestanding_api.cpp -o ${obj})
list(APPEND objects ${obj})
step("checking the undefined symbols"
     ${CMAKE_COMMAND} -DNM=${NM} "-DOBJECTS=${objects}" -P ${CMAKE_CURRENT_LIST_DIR}/check_symbols.cmake)
if(CC)
  list(GET objects 0 top)
  list(GET MODELS 0 first)
  get_filename_component(first ${first} NAME)
  set(link_objects ${top} ${obj})
  set(main ${WORK}/link_main.o)
  step("compiling freestanding_link_main.cpp"
       ${CXX} ${common} -I${WORK}/${first}/hls -c ${CMAKE_CURRENT_LIST_DIR}/freestanding_link_main.cpp
       -o ${main})
  list(APPEND link_objects ${main})
  foreach(c ${LINK_C})
    get_filename_component(cname ${c} NAME_WE)
    step("compiling ${cname}.c" ${CC} ${LINK_FLAGS} -O2 -Wall -Wextra -Werror -c ${c}
         -o ${WORK}/${cname}.o)
    list(APPEND link_objects ${WORK}/${cname}.o)
  endforeach()
  step("linking a program without libstdc++ (${CC})"
       ${CC} ${LINK_FLAGS} ${link_objects} -lm -o ${WORK}/freestanding.elf)
endif()
message(STATUS "${CXX}: the generated tops and the API compile freestanding and reference only "
               "the C library and libgcc")
