# build_vivado.tcl of a generated project, per board of boards.json and per --dma-port (hp, and
# the board's coherent port), run under tclsh against tests/tcl/vivado_stubs.tcl; the expected
# values come from boards.json. Included from tests/tcl/CMakeLists.txt (needs boards_json,
# last_board, TCLSH, TCL_TESTS_DIR, TCL_WORK_DIR).
set(VIVADO_MODEL ${PROJECT_SOURCE_DIR}/tests/fixtures/models/iris_sigmoid/model.onnx)

function(vivado_tcl_test name)
  add_test(NAME ${name} COMMAND ${TCLSH} ${TCL_TESTS_DIR}/run_build_vivado.tcl
    --nngen $<TARGET_FILE:nngen> --model ${VIVADO_MODEL} --workdir ${TCL_WORK_DIR}/${name} ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS e2e TIMEOUT 120)
endfunction()

foreach(b RANGE ${last_board})
  string(JSON board GET "${boards_json}" boards ${b} id)
  set(args --board ${board})
  foreach(pair "part;part" "board-part;board_part" "ps-ip;ps;ip" "control-port;control;ps_master_port"
      "irq-port;interrupt;ps_irq_port" "pl-clock;pl_clock;ps_output"
      "accel-base;control;default_accel_base" "accel-span;control;accel_span")
    list(POP_FRONT pair flag)
    string(JSON value GET "${boards_json}" boards ${b} ${pair})
    list(APPEND args --${flag} "${value}")
  endforeach()
  string(JSON ndd LENGTH "${boards_json}" boards ${b} ddr)
  math(EXPR lastd "${ndd} - 1")
  set(ddr "")
  foreach(d RANGE ${lastd})
    foreach(f name base size)
      string(JSON v GET "${boards_json}" boards ${b} ddr ${d} ${f})
      string(APPEND ddr " ${v}")
    endforeach()
  endforeach()
  string(STRIP "${ddr}" ddr)
  list(APPEND args --ddr "${ddr}")
  string(JSON hp GET "${boards_json}" boards ${b} memory hp_slave_port)
  string(JSON coh GET "${boards_json}" boards ${b} memory coherent_slave_port)
  string(JSON ps GET "${boards_json}" boards ${b} ps ip)
  if(ps STREQUAL "processing_system7")
    set(coherent acp)
  else()
    set(coherent hpc)
  endif()
  vivado_tcl_test(build_vivado_${board}_hp ${args} --dma-port hp --slave-port ${hp})
  vivado_tcl_test(build_vivado_${board}_${coherent} ${args} --dma-port ${coherent} --slave-port ${coh})
endforeach()

# The stubs reject a command they do not know (a misspelt one here), and a failed run stops the
# script with exit 1.
string(JSON board GET "${boards_json}" boards 0 id)
vivado_tcl_test(build_vivado_stub_rejects_unknown_command --board ${board} --dma-port hp --typo)
vivado_tcl_test(build_vivado_failed_synthesis_exits_1 --board ${board} --dma-port hp
  --fail-run synth_1 --expect-error "synthesis failed")

# nngen build-hw with fake vitis_hls / vivado on PATH, and without them.
add_test(NAME build_hw_command COMMAND ${TCLSH} ${TCL_TESTS_DIR}/run_build_hw.tcl
  $<TARGET_FILE:nngen> ${TCL_WORK_DIR}/build_hw_command)
set_tests_properties(build_hw_command PROPERTIES LABELS unit TIMEOUT 60)
