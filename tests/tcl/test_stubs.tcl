# test_stubs.tcl - checks that vitis_hls_stubs.tcl rejects the misuse the
# real tool rejects (so run_build_hls.tcl cannot pass a script that Vitis HLS
# would stop on) and records correct use faithfully.
#
# Usage: tclsh test_stubs.tcl <scratch directory>

if {[llength $argv] != 1} {
    puts stderr "usage: tclsh test_stubs.tcl <scratch directory>"
    exit 2
}
set here [file dirname [file normalize [info script]]]
set scratch [file normalize [lindex $argv 0]]
file delete -force $scratch
file mkdir $scratch
close [open [file join $scratch design.cpp] w]
close [open [file join $scratch tb.cpp] w]

set failures 0

# Runs "body" in a fresh interpreter with the stubs loaded, cwd = scratch.
# Returns {status result errorcode log exit_code}.
proc run_in_stubs {body} {
    global here scratch
    set child [interp create]
    $child eval [list source [file join $here vitis_hls_stubs.tcl]]
    set saved [pwd]
    cd $scratch
    set status [catch {$child eval $body} result options]
    cd $saved
    set errorcode [expr {$status == 1 ? [dict get $options -errorcode] : {}}]
    set log [$child eval {set ::hlsstub::log}]
    set exit_code [$child eval {set ::hlsstub::exit_code}]
    interp delete $child
    return [list $status $result $errorcode $log $exit_code]
}

proc expect_error {label body pattern} {
    lassign [run_in_stubs $body] status result
    if {$status != 1 || ![regexp -- $pattern $result]} {
        puts stderr "FAIL: $label: expected an error matching /$pattern/, got status $status: $result"
        incr ::failures
    } else {
        puts "ok: $label ($result)"
    }
}

proc expect_ok {label body} {
    lassign [run_in_stubs $body] status result
    if {$status != 0} {
        puts stderr "FAIL: $label: unexpected error: $result"
        incr ::failures
    } else {
        puts "ok: $label"
    }
}

set project {open_project -reset p}
set solution "$project; open_solution -reset s -flow_target vivado"
set ready "$solution; set_top t_accel; add_files design.cpp -cflags -Ilib; set_part xc7z020clg400-1; create_clock -period 10 -name default"

expect_error "set_top needs a project" {set_top t} {no project is open}
expect_error "open_project needs a name" {open_project -reset} {exactly one project name}
expect_error "unknown option" {open_project -bogus p} {unknown option '-bogus'}
expect_error "option twice" {open_project -reset -reset p} {given twice}
expect_error "add_files missing file" "$project; add_files missing.cpp" {does not exist}
expect_error "add_files no file" "$project; add_files -tb" {no file given}
expect_error "add_files -cflags needs a value" "$project; add_files design.cpp -cflags" {needs a value}
expect_error "flow target value" "$project; open_solution s -flow_target fpga" {must be one of}
expect_error "set_part needs a solution" "$project; set_part xc7z020clg400-1" {no solution is open}
expect_error "set_part empty" "$solution; set_part {}" {is empty}
expect_error "set_part not a part" "$solution; set_part pynq-z2" {does not look like an AMD part}
expect_error "create_clock needs -period" "$solution; create_clock -name default" {-period is required}
expect_error "create_clock negative" "$solution; create_clock -period -5" {neither a positive number}
expect_error "create_clock junk" "$solution; create_clock -period fast" {neither a positive number}
expect_error "config_interface empty" "$solution; config_interface" {no option given}
expect_error "config_interface bad boolean" "$solution; config_interface -m_axi_addr64=maybe" {takes true or false}
expect_error "config_interface unknown" "$solution; config_interface -m_axi_addr128" {unknown option}
expect_error "csynth needs a part" "$solution; set_top t; add_files design.cpp; create_clock -period 10; csynth_design" {no part}
expect_error "csynth needs a top" "$solution; add_files design.cpp; set_part xc7z020clg400-1; create_clock -period 10; csynth_design" {no top function}
expect_error "csim needs a testbench" "$ready; csim_design" {no testbench}
expect_error "export needs csynth" "$ready; export_design -format ip_catalog" {not been synthesized}
expect_error "cosim needs csynth" "$ready; add_files -tb tb.cpp; cosim_design" {not been synthesized}
expect_error "export version" "$ready; csynth_design; export_design -format ip_catalog -version 1" {not <major>.<minor>}
expect_error "export format" "$ready; csynth_design; export_design -format zip" {must be one of}
expect_error "re-opening the solution drops synthesis" \
    "$ready; csynth_design; open_solution -reset s; set_part xc7z020clg400-1; create_clock -period 10; export_design" \
    {not been synthesized}
expect_error "exit code must be an integer" {exit soon} {not an integer}

expect_ok "clock given as frequency" "$solution; create_clock -period 250MHz"
expect_ok "full flow" "$ready; add_files -tb tb.cpp -cflags {-I. -Ilib}; config_interface -m_axi_addr64;\
    csim_design; csynth_design; cosim_design -rtl verilog;\
    export_design -format ip_catalog -rtl verilog -vendor v.org -library hls -version 1.0; close_project"

# Records: command, options (flags as 1, -x=v as v), positionals, cwd.
lassign [run_in_stubs "$solution; config_interface -m_axi_addr64=false; create_clock -period 5 -name default"] \
    status result errorcode log
set expected [list \
    [list open_project {-reset 1} p $scratch] \
    [list open_solution {-reset 1 -flow_target vivado} s $scratch] \
    [list config_interface {-m_axi_addr64 false} {} $scratch] \
    [list create_clock {-period 5 -name default} {} $scratch]]
if {$status != 0 || $log ne $expected} {
    puts stderr "FAIL: recorded log\n  got:      $log\n  expected: $expected"
    incr failures
} else {
    puts "ok: records"
}

# exit unwinds the script, keeps the code and tags the error.
lassign [run_in_stubs {exit 3; set_top never_reached}] status result errorcode log exit_code
if {$status != 1 || $errorcode ne {HLSSTUB EXIT 3} || $exit_code != 3 || [llength $log] != 1} {
    puts stderr "FAIL: exit 3: status $status, errorcode '$errorcode', exit code '$exit_code', log $log"
    incr failures
} else {
    puts "ok: exit unwinds with HLSSTUB EXIT 3"
}

# Without simulate_outputs the stubs write nothing.
set before [lsort [glob -nocomplain -directory $scratch *]]
run_in_stubs "$ready; csynth_design; export_design -format ip_catalog"
set after [lsort [glob -nocomplain -directory $scratch *]]
if {$before ne $after} {
    puts stderr "FAIL: the stubs wrote files without simulate_outputs: $after"
    incr failures
} else {
    puts "ok: no files written by default"
}

if {$failures > 0} {
    puts stderr "test_stubs.tcl: $failures failure(s)"
    exit 1
}
puts "test_stubs.tcl: all checks passed"
