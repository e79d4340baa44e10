# selftest_case.tcl - one self-test of the build_hls.tcl template: builds a
# throw-away fake project (dummy <name>_accel.cpp, <name>_tb.cpp,
# <name>_tb_data.h, lib/), instantiates the template into
# <workdir>/hls/build_hls.tcl and runs run_build_hls.tcl on it.
#
# Usage:
#   tclsh selftest_case.tcl [case options] -- <run_build_hls.tcl arguments>
# Case options:
#   --template FILE        boards/templates/build_hls.tcl.in (required)
#   --workdir DIR          deleted and re-created (required)
#   --name NAME            model name (default tiny)
#   --part PART            value for @PART@ (required)
#   --clock NS             value for @CLOCK_NS@ (default 10)
#   --cflags FLAGS         value for @CFLAGS@ (default -std=c++14)
#   --omit FILE            leave FILE (relative to hls/) out of the fake project
#   --leave-placeholder P  do not fill placeholder P (tests the script's own check)
#   --checker-must-fail RE the checker itself must fail with output matching RE
#                          (proves that it notices a wrong top, part, ...)
#   --instantiate-must-fail RE
#                          filling the template must fail with a message
#                          matching RE (the generator contract); nothing runs
# In the run_build_hls.tcl arguments, %SCRIPT% stands for the generated script.

set here [file dirname [file normalize [info script]]]

proc fail {message} {
    puts stderr "selftest_case.tcl: ERROR: $message"
    exit 1
}

array set opt {template {} workdir {} name tiny part {} clock 10 cflags -std=c++14
               checker_must_fail {} has_checker_must_fail 0
               instantiate_must_fail {} has_instantiate_must_fail 0}
set omit {}
set leave {}
set rest $argv
while {[llength $rest] > 0} {
    set rest [lassign $rest flag]
    if {$flag eq "--"} {
        break
    }
    if {[llength $rest] == 0} {
        fail "option $flag needs a value"
    }
    set rest [lassign $rest value]
    switch -exact -- $flag {
        --template { set opt(template) $value }
        --workdir { set opt(workdir) $value }
        --name { set opt(name) $value }
        --part { set opt(part) $value }
        --clock { set opt(clock) $value }
        --cflags { set opt(cflags) $value }
        --omit { lappend omit $value }
        --leave-placeholder { lappend leave $value }
        --checker-must-fail {
            set opt(checker_must_fail) $value
            set opt(has_checker_must_fail) 1
        }
        --instantiate-must-fail {
            set opt(instantiate_must_fail) $value
            set opt(has_instantiate_must_fail) 1
        }
        default { fail "unknown option '$flag'" }
    }
}
foreach required {template workdir part} {
    if {$opt($required) eq ""} {
        fail "--$required is required"
    }
}

# ---------------------------------------------------------------- fake project
set hls [file join [file normalize $opt(workdir)] hls]
file delete -force [file normalize $opt(workdir)]
file mkdir $hls
set name $opt(name)
set files [dict create \
    ${name}_accel.h   "// fake design header for the build_hls.tcl self-test\n" \
    ${name}_accel.cpp "#include \"${name}_accel.h\"\nvoid ${name}_accel() {}\n" \
    ${name}_tb_data.h "// fake testbench data\n" \
    ${name}_tb_expected.h "// fake expected outputs\n" \
    ${name}_tb.cpp    "#include \"${name}_tb_data.h\"\nint main() { return 0; }\n" \
    lib/nn_fake_layer.h "// fake layer header\n"]
dict for {path content} $files {
    if {$path in $omit} {
        continue
    }
    set target [file join $hls $path]
    file mkdir [file dirname $target]
    set f [open $target w]
    puts -nonewline $f $content
    close $f
}
if {"lib" in $omit} {
    file delete -force [file join $hls lib]
}

# ---------------------------------------------------------------- template
set script [file join $hls build_hls.tcl]
set instantiate [list [info nameofexecutable] [file join $here instantiate_template.tcl]]
if {[llength $leave] > 0} {
    lappend instantiate --allow-leftover
}
lappend instantiate $opt(template) $script
foreach {key value} [list \
        GENERATOR_BANNER "# nngen self-test instance\n# (not a real model)" \
        NAME $name PART $opt(part) CLOCK_NS $opt(clock) CFLAGS $opt(cflags)] {
    if {$key ni $leave} {
        lappend instantiate "$key=$value"
    }
}
set instantiate_failed [catch {exec {*}$instantiate 2>@1} message]
regsub {\n?child process exited abnormally$} $message {} message
if {$opt(has_instantiate_must_fail)} {
    puts $message
    if {!$instantiate_failed} {
        fail "the template was filled although that should have failed"
    }
    if {![regexp -- $opt(instantiate_must_fail) $message]} {
        fail "filling the template failed, but not with a message matching /$opt(instantiate_must_fail)/"
    }
    puts "selftest_case.tcl: filling the template was refused as expected"
    exit 0
}
if {$instantiate_failed} {
    fail "instantiating the template failed: $message"
}

# ---------------------------------------------------------------- checker
set checker [list [info nameofexecutable] [file join $here run_build_hls.tcl]]
foreach word $rest {
    lappend checker [string map [list %SCRIPT% $script] $word]
}
set code [catch {exec {*}$checker 2>@1} checker_output options]
# exec appends this line to the output of a child that exits non-zero.
regsub {\n?child process exited abnormally$} $checker_output {} checker_output
puts $checker_output
set checker_failed 0
if {$code != 0} {
    set errorcode [dict get $options -errorcode]
    if {[lindex $errorcode 0] ne "CHILDSTATUS"} {
        fail "could not run the checker: $checker_output"
    }
    set checker_failed 1
}

if {$opt(has_checker_must_fail)} {
    if {!$checker_failed} {
        fail "the checker accepted the run although it should have failed"
    }
    if {![regexp -- $opt(checker_must_fail) $checker_output]} {
        fail "the checker failed, but not with a message matching /$opt(checker_must_fail)/"
    }
    puts "selftest_case.tcl: the checker rejected the run as expected"
    exit 0
}
exit $checker_failed
