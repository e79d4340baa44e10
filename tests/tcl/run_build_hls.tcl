# run_build_hls.tcl - runs a generated build_hls.tcl under tclsh with the
# recording Vitis HLS stubs (vitis_hls_stubs.tcl) and checks what it asked
# the tool to do. Exit status 0 when every check holds, 1 otherwise (each
# failed check is printed as "FAIL: ..."), 2 on a usage error.
#
# Usage:
#   tclsh run_build_hls.tcl [options] <build_hls.tcl> <expected_top> <expected_part> [steps...]
#
# The steps are handed to the script the way "vitis_hls -f build_hls.tcl
# -tclargs <steps>" does (in ::argv). Without steps the script must run its
# default steps csim csynth export.
#
# Options:
#   --simulate-outputs      let the stubs create the files Vitis HLS writes
#                           (only for throw-away projects: it creates
#                           prj_<name>/ next to the script) and check that the
#                           register-map header is copied next to the script
#   --header-location L     misc (default): the simulated header appears after
#                           csynth; ip: only after export
#   --expect-clock NS       the create_clock period must be NS
#   --env-steps "S ..."     run with NNACCEL_HLS_STEPS set (vitis-run style)
#   --argv-with-f           put "-f <script>" in front of the steps in ::argv,
#                           as some tool releases do
#   --expect-error REGEX    the script must stop by itself (exit with a
#                           non-zero code, before open_project) and print a
#                           message matching REGEX
#
# Checking a real generated project (writes nothing):
#   tclsh tests/tcl/run_build_hls.tcl OUT/hls/build_hls.tcl net_accel xc7z020clg400-1

set here [file dirname [file normalize [info script]]]

proc usage {message} {
    puts stderr "run_build_hls.tcl: $message"
    puts stderr "usage: tclsh run_build_hls.tcl \[--simulate-outputs\] \[--header-location misc|ip\]\
        \[--expect-clock NS\] \[--env-steps STEPS\] \[--argv-with-f\] \[--expect-error REGEX\]\
        <build_hls.tcl> <expected_top> <expected_part> \[steps...\]"
    exit 2
}

# ---------------------------------------------------------------- arguments
set opt(simulate) 0
set opt(header_location) misc
set opt(expect_clock) {}
set opt(env_steps) {}
set opt(has_env_steps) 0
set opt(argv_with_f) 0
set opt(expect_error) {}
set opt(has_expect_error) 0

set rest $argv
while {[llength $rest] > 0 && [string match --* [lindex $rest 0]]} {
    set rest [lassign $rest flag]
    switch -exact -- $flag {
        --simulate-outputs { set opt(simulate) 1 }
        --argv-with-f { set opt(argv_with_f) 1 }
        --header-location - --expect-clock - --env-steps - --expect-error {
            if {[llength $rest] == 0} {
                usage "option $flag needs a value"
            }
            set rest [lassign $rest value]
            switch -exact -- $flag {
                --header-location {
                    if {$value ni {misc ip}} {
                        usage "--header-location must be misc or ip, not '$value'"
                    }
                    set opt(header_location) $value
                }
                --expect-clock {
                    if {![string is double -strict $value] || $value <= 0} {
                        usage "--expect-clock needs a positive number, not '$value'"
                    }
                    set opt(expect_clock) $value
                }
                --env-steps {
                    set opt(env_steps) $value
                    set opt(has_env_steps) 1
                }
                --expect-error {
                    if {[catch {regexp -- $value ""} problem]} {
                        usage "--expect-error: bad regular expression: $problem"
                    }
                    set opt(expect_error) $value
                    set opt(has_expect_error) 1
                }
            }
        }
        -- { break }
        default { usage "unknown option '$flag'" }
    }
}
if {[llength $rest] < 3} {
    usage "expected <build_hls.tcl> <expected_top> <expected_part>"
}
set steps_given [lassign $rest script expected_top expected_part]
set script [file normalize $script]
if {![file isfile $script]} {
    usage "no such script: $script"
}
if {![regexp {^([A-Za-z_][A-Za-z0-9_]*)_accel$} $expected_top -> model_name]} {
    usage "expected top '$expected_top' does not have the form <name>_accel"
}
set script_dir [file dirname $script]

# ---------------------------------------------------------------- expectations
# The step rules of the generated script, restated from its specification:
# no steps -> csim csynth export; cosim/export add csynth; fixed order.
proc expected_steps {words} {
    set canonical {csim csynth cosim export}
    if {[llength $words] == 0} {
        return {csim csynth export}
    }
    if {("cosim" in $words || "export" in $words) && "csynth" ni $words} {
        lappend words csynth
    }
    set steps {}
    foreach step $canonical {
        if {$step in $words} {
            lappend steps $step
        }
    }
    return $steps
}

set step_words $steps_given
if {[llength $step_words] == 0 && $opt(has_env_steps)} {
    set step_words [lsearch -all -inline -not -exact [split [string trim $opt(env_steps)]] {}]
}

# ---------------------------------------------------------------- run
set header_name "x[string tolower $expected_top]_hw.h"
if {$opt(simulate)} {
    # A stale copy from an earlier run would hide a missing copy step.
    file delete -force [file join $script_dir $header_name]
}

if {$opt(has_env_steps)} {
    set ::env(NNACCEL_HLS_STEPS) $opt(env_steps)
} elseif {[info exists ::env(NNACCEL_HLS_STEPS)]} {
    unset ::env(NNACCEL_HLS_STEPS)
}

set child [interp create]
set script_argv $steps_given
if {$opt(argv_with_f)} {
    set script_argv [concat [list -f $script] $steps_given]
}
$child eval [list set ::argv $script_argv]
$child eval [list set ::argc [llength $script_argv]]
$child eval [list set ::argv0 $script]
$child eval [list source [file join $here vitis_hls_stubs.tcl]]
$child eval [list set ::hlsstub::simulate_outputs $opt(simulate)]
$child eval [list set ::hlsstub::header_location $opt(header_location)]
# Keep what the script prints (stdout and stderr) for the message checks,
# and still show it.
$child eval {
    set ::hlsstub::output {}
    rename puts ::hlsstub::real_puts
    proc puts {args} {
        set words $args
        set newline 1
        if {[lindex $words 0] eq "-nonewline"} {
            set newline 0
            set words [lrange $words 1 end]
        }
        if {[llength $words] == 1} {
            set channel stdout
            set text [lindex $words 0]
        } elseif {[llength $words] == 2} {
            lassign $words channel text
        } else {
            return -code error {wrong # args: should be "puts ?-nonewline? ?channelId? string"}
        }
        if {$channel in {stdout stderr}} {
            append ::hlsstub::output $text [expr {$newline ? "\n" : ""}]
        }
        ::hlsstub::real_puts {*}$args
    }
}

set saved_dir [pwd]
set status [catch {$child eval [list source $script]} result options]
cd $saved_dir

set log [$child eval {set ::hlsstub::log}]
set exit_code [$child eval {set ::hlsstub::exit_code}]
set output [$child eval {set ::hlsstub::output}]
interp delete $child

# ---------------------------------------------------------------- checks
set failures {}
proc check {condition message} {
    if {![uplevel 1 [list expr $condition]]} {
        lappend ::failures $message
    }
}

proc finish {summary} {
    if {[llength $::failures] > 0} {
        foreach failure $::failures {
            puts stderr "FAIL: $failure"
        }
        puts stderr "run_build_hls.tcl: [llength $::failures] check(s) failed for $::script"
        exit 1
    }
    puts "PASS: $summary"
    exit 0
}

set stopped_by_exit [expr {$status == 1
    && [lrange [dict get $options -errorcode] 0 1] eq {HLSSTUB EXIT}}]
if {$status == 1 && !$stopped_by_exit} {
    lappend failures "the script raised a Tcl error (Vitis HLS would abort here): $result\n[dict get $options -errorinfo]"
    finish ""
}
if {$status != 1} {
    lappend failures "the script returned without calling exit (Vitis HLS would stay at its prompt)"
    finish ""
}

set commands {}
foreach record $log {
    lappend commands [lindex $record 0]
}

if {$opt(has_expect_error)} {
    check {$exit_code != 0} "expected a non-zero exit code, got $exit_code"
    check {[regexp -- $opt(expect_error) $output]} \
        "expected a message matching /$opt(expect_error)/; the script printed:\n$output"
    check {"open_project" ni $commands} \
        "the script opened the project before failing: $commands"
    finish "the script stopped with exit $exit_code and the expected message"
}

check {$exit_code == 0} "the script exited with code $exit_code; it printed:\n$output"
if {$exit_code != 0} {
    finish ""
}

set steps [expected_steps $step_words]
set step_commands [dict create csim csim_design csynth csynth_design cosim cosim_design export export_design]
set expected_commands {open_project set_top add_files add_files open_solution set_part create_clock config_interface}
foreach step $steps {
    lappend expected_commands [dict get $step_commands $step]
}
lappend expected_commands close_project exit
check {$commands eq $expected_commands} \
    "command sequence\n  got:      $commands\n  expected: $expected_commands"

# First record of a command, as {options positionals cwd}; empty if absent.
proc first {command {index 0}} {
    set matches [lsearch -all -inline -index 0 -exact $::log $command]
    return [lrange [lindex $matches $index] 1 end]
}

proc option_value {options name} {
    if {[dict exists $options $name]} {
        return [dict get $options $name]
    }
    return {}
}

set lib_dir [file join $script_dir lib]

lassign [first open_project] options positionals cwd
check {[option_value $options -reset] eq "1"} "open_project is not called with -reset"
check {$positionals eq [list prj_$model_name]} \
    "project name is '$positionals', expected 'prj_$model_name'"
check {[file normalize $cwd] eq $script_dir} \
    "the project is opened in '$cwd', not next to the script ($script_dir)"

lassign [first set_top] options positionals
check {$positionals eq [list $expected_top]} "top function is '$positionals', expected '$expected_top'"

proc check_cflags_include {what cflags dir} {
    check {[lsearch -exact $cflags "-I$dir"] >= 0} "$what -cflags '$cflags' lacks -I$dir"
}

lassign [first add_files 0] options positionals
set design [file join $script_dir ${model_name}_accel.cpp]
check {![dict exists $options -tb]} "the first add_files (the design) is marked -tb"
check {[llength $positionals] == 1 && [file normalize [lindex $positionals 0]] eq $design} \
    "design file is '$positionals', expected '$design'"
check {[file isfile $design]} "design file $design does not exist"
check {[file isdirectory $lib_dir]} "include directory $lib_dir does not exist"
check_cflags_include "design" [option_value $options -cflags] $lib_dir

lassign [first add_files 1] options positionals
set testbench [file join $script_dir ${model_name}_tb.cpp]
check {[option_value $options -tb] eq "1"} "the second add_files (the testbench) lacks -tb"
check {[llength $positionals] == 1 && [file normalize [lindex $positionals 0]] eq $testbench} \
    "testbench file is '$positionals', expected '$testbench'"
check {[file isfile $testbench]} "testbench file $testbench does not exist"
check_cflags_include "testbench" [option_value $options -cflags] $lib_dir
check_cflags_include "testbench" [option_value $options -cflags] $script_dir

lassign [first open_solution] options positionals
check {[option_value $options -reset] eq "1"} "open_solution is not called with -reset"
check {[option_value $options -flow_target] eq "vivado"} \
    "open_solution -flow_target is '[option_value $options -flow_target]', expected 'vivado'"
check {$positionals eq "sol1"} "solution name is '$positionals', expected 'sol1'"

lassign [first set_part] options positionals
check {$positionals eq [list $expected_part]} "part is '$positionals', expected '$expected_part'"

lassign [first create_clock] options positionals
set period [option_value $options -period]
check {[string is double -strict $period] && $period > 0} "clock period '$period' is not a positive number of ns"
check {[option_value $options -name] eq "default"} "create_clock is not named 'default'"
if {$opt(expect_clock) ne "" && [string is double -strict $period]} {
    check {$period == $opt(expect_clock)} "clock period is $period ns, expected $opt(expect_clock) ns"
}

lassign [first config_interface] options positionals
check {[string is true -strict [option_value $options -m_axi_addr64]]} \
    "config_interface does not enable -m_axi_addr64 (options: $options)"

if {"export" in $steps} {
    lassign [first export_design] options positionals
    foreach {name value} {-format ip_catalog -rtl verilog -vendor nnaccel.org -library hls -version 1.0} {
        check {[option_value $options $name] eq $value} \
            "export_design $name is '[option_value $options $name]', expected '$value'"
    }
}

check {[regexp {done \(} $output]} "the script did not report completion"

if {$opt(simulate) && "csynth" in $steps} {
    set copied [file join $script_dir $header_name]
    set header_expected [expr {$opt(header_location) eq "misc" || "export" in $steps}]
    if {$header_expected} {
        check {[file isfile $copied]} "register-map header $copied was not copied next to the script"
        check {[regexp {register map: } $output]} "the script did not report the register-map header"
    } else {
        check {![file isfile $copied]} "register-map header $copied appeared without a source"
        check {[regexp {WARNING: .*_hw\.h not found} $output]} \
            "the script did not warn that the register-map header is missing"
    }
    if {"export" in $steps} {
        check {[regexp {IP repository \(add to Vivado ip_repo_paths\): } $output]} \
            "the script did not report the IP repository"
        check {[regexp {IP archive: .*\.zip} $output]} "the script did not report the IP archive"
    }
}

finish "$expected_top for $expected_part, steps: $steps"
