# vitis_hls_stubs.tcl - recording stand-ins for the Vitis HLS Tcl commands
# that boards/templates/build_hls.tcl.in uses, so the generated build_hls.tcl
# can be exercised with a plain tclsh (Vitis HLS is not installed here).
#
# Each stub checks its arguments against the command's documented syntax
# and the order the tool requires (a project before set_top, a solution
# before set_part, csynth before export, ...: docs/hardware-notes.md "Vitis
# HLS Tcl commands", docs/boards.md "Checking a build script without Vitis
# HLS"; source: UG1399, "Vitis HLS Command Reference"), raises a Tcl error
# with an "ERROR: [stub] ..." message on misuse, and appends one record to ::hlsstub::log:
#     {command {option value ...} {positional ...} cwd}
# Options that take no value are recorded with the value 1.
#
# exit is replaced too: it records the code in ::hlsstub::exit_code and
# unwinds the script with the error code {HLSSTUB EXIT <code>}.
#
# With ::hlsstub::simulate_outputs set to 1 before the script runs, the
# stubs also create the files the real tool would leave behind that the
# script looks for (project folder, register-map header, packaged IP). It is
# off by default so that checking a real generated project writes nothing.

namespace eval ::hlsstub {
    variable log {}
    variable exit_code {}
    variable simulate_outputs 0
    # Where the register-map header appears when outputs are simulated:
    # "misc" (impl/misc/drivers, after csynth) or "ip" (impl/ip/drivers,
    # only after export).
    variable header_location misc

    variable project {}
    variable project_dir {}
    variable top {}
    variable solution {}
    variable part {}
    variable have_clock 0
    variable design_files {}
    variable tb_files {}
    variable synthesized 0
}

proc ::hlsstub::reset {} {
    variable log {}
    variable exit_code {}
    variable project {}
    variable project_dir {}
    variable top {}
    variable solution {}
    variable part {}
    variable have_clock 0
    variable design_files {}
    variable tb_files {}
    variable synthesized 0
}

proc ::hlsstub::fail {command message} {
    return -code error -errorcode [list HLSSTUB USAGE $command] \
        "ERROR: \[stub $command\] $message"
}

# Parses "args" against a spec: a dict option -> kind, kind being "flag" (no
# value), "value" (any one word), or a list of allowed values. An option may
# also be written -name=value (the form for boolean options:
# docs/hardware-notes.md "Vitis HLS Tcl commands"; source: UG1399).
# Returns {options positionals}.
proc ::hlsstub::parse {command spec words} {
    set options [dict create]
    set positionals {}
    for {set i 0} {$i < [llength $words]} {incr i} {
        set word [lindex $words $i]
        if {[string index $word 0] ne "-" || [string is double -strict $word]} {
            lappend positionals $word
            continue
        }
        set inline_value {}
        set has_inline 0
        if {[regexp {^(-[A-Za-z0-9_]+)=(.*)$} $word -> word inline_value]} {
            set has_inline 1
        }
        if {![dict exists $spec $word]} {
            fail $command "unknown option '$word' (known: [lsort [dict keys $spec]])"
        }
        if {[dict exists $options $word]} {
            fail $command "option '$word' given twice"
        }
        set kind [dict get $spec $word]
        if {$kind eq "flag"} {
            if {$has_inline} {
                if {![string is boolean -strict $inline_value]} {
                    fail $command "option '$word' takes true or false, not '$inline_value'"
                }
                dict set options $word $inline_value
            } else {
                dict set options $word 1
            }
            continue
        }
        if {$has_inline} {
            set value $inline_value
        } else {
            incr i
            if {$i >= [llength $words]} {
                fail $command "option '$word' needs a value"
            }
            set value [lindex $words $i]
        }
        if {$kind ne "value" && [lsearch -exact $kind $value] < 0} {
            fail $command "option '$word' must be one of {$kind}, not '$value'"
        }
        if {$value eq ""} {
            fail $command "option '$word' has an empty value"
        }
        dict set options $word $value
    }
    return [list $options $positionals]
}

proc ::hlsstub::record {command options positionals} {
    variable log
    lappend log [list $command $options $positionals [pwd]]
}

proc ::hlsstub::need_project {command} {
    variable project
    if {$project eq ""} {
        fail $command "no project is open (call open_project first)"
    }
}

proc ::hlsstub::need_solution {command} {
    need_project $command
    variable solution
    if {$solution eq ""} {
        fail $command "no solution is open (call open_solution first)"
    }
}

proc ::hlsstub::one_positional {command positionals what} {
    if {[llength $positionals] != 1} {
        fail $command "expects exactly one $what, got [llength $positionals]: {$positionals}"
    }
    set value [lindex $positionals 0]
    if {$value eq ""} {
        fail $command "the $what is empty"
    }
    return $value
}

proc open_project {args} {
    lassign [::hlsstub::parse open_project {-reset flag -upgrade flag} $args] options positionals
    set name [::hlsstub::one_positional open_project $positionals "project name"]
    set ::hlsstub::project $name
    set ::hlsstub::project_dir [file normalize $name]
    set ::hlsstub::solution {}
    set ::hlsstub::synthesized 0
    if {$::hlsstub::simulate_outputs} {
        if {[dict exists $options -reset]} {
            file delete -force $::hlsstub::project_dir
        }
        file mkdir $::hlsstub::project_dir
    }
    ::hlsstub::record open_project $options $positionals
}

proc set_top {args} {
    lassign [::hlsstub::parse set_top {} $args] options positionals
    ::hlsstub::need_project set_top
    set top [::hlsstub::one_positional set_top $positionals "top function name"]
    if {![regexp {^[A-Za-z_][A-Za-z0-9_]*$} $top]} {
        ::hlsstub::fail set_top "'$top' is not a C function name"
    }
    set ::hlsstub::top $top
    ::hlsstub::record set_top $options $positionals
}

proc add_files {args} {
    lassign [::hlsstub::parse add_files {
        -tb flag -cflags value -csimflags value -blackbox value -appendflags flag
    } $args] options positionals
    ::hlsstub::need_project add_files
    if {[llength $positionals] == 0} {
        ::hlsstub::fail add_files "no file given"
    }
    # One positional word may hold several blank-separated files.
    foreach word $positionals {
        foreach file $word {
            if {![file isfile $file]} {
                ::hlsstub::fail add_files "file '$file' does not exist (relative to [pwd])"
            }
            if {[dict exists $options -tb]} {
                lappend ::hlsstub::tb_files [file normalize $file]
            } else {
                lappend ::hlsstub::design_files [file normalize $file]
            }
        }
    }
    ::hlsstub::record add_files $options $positionals
}

proc open_solution {args} {
    lassign [::hlsstub::parse open_solution {
        -reset flag -flow_target {vivado vitis}
    } $args] options positionals
    ::hlsstub::need_project open_solution
    set ::hlsstub::solution [::hlsstub::one_positional open_solution $positionals "solution name"]
    set ::hlsstub::part {}
    set ::hlsstub::have_clock 0
    set ::hlsstub::synthesized 0
    ::hlsstub::record open_solution $options $positionals
}

proc set_part {args} {
    lassign [::hlsstub::parse set_part {-tool value -board value} $args] options positionals
    ::hlsstub::need_solution set_part
    set part [::hlsstub::one_positional set_part $positionals "part name"]
    # AMD part names: lower-case family prefix "xc", then device, package and
    # speed grade separated by letters, digits and dashes.
    if {![regexp {^xc[a-z0-9]+[A-Za-z0-9-]*[A-Za-z0-9]$} $part]} {
        ::hlsstub::fail set_part "'$part' does not look like an AMD part name (e.g. xc7z020clg400-1)"
    }
    set ::hlsstub::part $part
    ::hlsstub::record set_part $options $positionals
}

proc create_clock {args} {
    lassign [::hlsstub::parse create_clock {-period value -name value} $args] options positionals
    ::hlsstub::need_solution create_clock
    if {[llength $positionals] != 0} {
        ::hlsstub::fail create_clock "unexpected arguments {$positionals}"
    }
    if {![dict exists $options -period]} {
        ::hlsstub::fail create_clock "-period is required"
    }
    set period [dict get $options -period]
    # The period is in ns, or a frequency with a MHz suffix
    # (docs/hardware-notes.md "Vitis HLS Tcl commands"; source: UG1399).
    if {!([string is double -strict $period] && $period > 0)
        && ![regexp {^[0-9]+(\.[0-9]+)?MHz$} $period]} {
        ::hlsstub::fail create_clock "period '$period' is neither a positive number of ns nor <n>MHz"
    }
    set ::hlsstub::have_clock 1
    ::hlsstub::record create_clock $options $positionals
}

proc config_interface {args} {
    lassign [::hlsstub::parse config_interface {
        -clock_enable flag -default_slave_interface {none s_axilite}
        -m_axi_addr64 flag -m_axi_alignment_byte_size value
        -m_axi_auto_max_ports flag -m_axi_buffer_impl {auto lutram uram bram}
        -m_axi_conservative_mode flag -m_axi_flush_mode flag
        -m_axi_latency value -m_axi_max_bitwidth value
        -m_axi_max_read_burst_length value -m_axi_max_widen_bitwidth value
        -m_axi_max_write_burst_length value -m_axi_min_bitwidth value
        -m_axi_num_read_outstanding value -m_axi_num_write_outstanding value
        -m_axi_offset {off direct slave} -register_io {off scalar_in scalar_out scalar_all}
        -s_axilite_auto_restart_counter value -s_axilite_data64 flag
        -s_axilite_interrupt_mode {cor tow} -s_axilite_mailbox value
        -s_axilite_status_regs {off ecc}
    } $args] options positionals
    ::hlsstub::need_solution config_interface
    if {[llength $positionals] != 0} {
        ::hlsstub::fail config_interface "unexpected arguments {$positionals}"
    }
    if {[dict size $options] == 0} {
        ::hlsstub::fail config_interface "no option given"
    }
    ::hlsstub::record config_interface $options $positionals
}

proc ::hlsstub::need_ready_to_build {command} {
    need_solution $command
    variable top
    variable part
    variable have_clock
    variable design_files
    if {$top eq ""} {
        fail $command "no top function (call set_top)"
    }
    if {$part eq ""} {
        fail $command "no part (call set_part)"
    }
    if {!$have_clock} {
        fail $command "no clock (call create_clock)"
    }
    if {[llength $design_files] == 0} {
        fail $command "no design file (call add_files)"
    }
}

proc csim_design {args} {
    lassign [::hlsstub::parse csim_design {
        -O flag -argv value -clean flag -ldflags value -mflags value
        -profile flag -sanitize_address flag -sanitize_undefined flag -setup flag
    } $args] options positionals
    ::hlsstub::need_ready_to_build csim_design
    if {[llength $::hlsstub::tb_files] == 0} {
        ::hlsstub::fail csim_design "no testbench (call add_files -tb)"
    }
    if {[llength $positionals] != 0} {
        ::hlsstub::fail csim_design "unexpected arguments {$positionals}"
    }
    ::hlsstub::record csim_design $options $positionals
}

proc ::hlsstub::solution_dir {} {
    variable project_dir
    variable solution
    return [file join $project_dir $solution]
}

proc csynth_design {args} {
    lassign [::hlsstub::parse csynth_design {
        -dump_cfg flag -dump_post_cfg flag -synthesis_check flag
    } $args] options positionals
    ::hlsstub::need_ready_to_build csynth_design
    if {[llength $positionals] != 0} {
        ::hlsstub::fail csynth_design "unexpected arguments {$positionals}"
    }
    set ::hlsstub::synthesized 1
    if {$::hlsstub::simulate_outputs && $::hlsstub::header_location eq "misc"} {
        ::hlsstub::write_header misc
    }
    ::hlsstub::record csynth_design $options $positionals
}

proc ::hlsstub::write_header {where} {
    variable top
    set src [file join [solution_dir] impl $where drivers ${top}_v1_0 src]
    file mkdir $src
    set header [file join $src "x[string tolower $top]_hw.h"]
    set f [open $header w]
    puts $f "// simulated by vitis_hls_stubs.tcl for $top"
    close $f
}

proc cosim_design {args} {
    lassign [::hlsstub::parse cosim_design {
        -O flag -argv value -compiled_library_dir value -coverage flag
        -disable_binary_tv flag -disable_deadlock_detection flag
        -disable_dependency_check flag -enable_dataflow_profiling flag
        -enable_fifo_sizing flag -ldflags value -mflags value -random_stall flag
        -rtl {verilog vhdl} -setup flag -tool {auto vcs modelsim riviera isim xsim ncsim xceligen}
        -trace_level {none all port port_hier} -wave_debug flag
    } $args] options positionals
    ::hlsstub::need_solution cosim_design
    if {!$::hlsstub::synthesized} {
        ::hlsstub::fail cosim_design "the solution has not been synthesized (call csynth_design)"
    }
    if {[llength $::hlsstub::tb_files] == 0} {
        ::hlsstub::fail cosim_design "no testbench (call add_files -tb)"
    }
    if {[llength $positionals] != 0} {
        ::hlsstub::fail cosim_design "unexpected arguments {$positionals}"
    }
    ::hlsstub::record cosim_design $options $positionals
}

proc export_design {args} {
    lassign [::hlsstub::parse export_design {
        -description value -display_name value -flow {none syn impl}
        -format {ip_catalog xo syn_dcp sysgen} -ipname value -library value
        -output value -rtl {verilog vhdl} -taxonomy value -vendor value -version value
    } $args] options positionals
    ::hlsstub::need_solution export_design
    if {!$::hlsstub::synthesized} {
        ::hlsstub::fail export_design "the solution has not been synthesized (call csynth_design)"
    }
    if {[llength $positionals] != 0} {
        ::hlsstub::fail export_design "unexpected arguments {$positionals}"
    }
    # The IP packager wants <major>.<minor> (optionally .<patch>) versions.
    if {[dict exists $options -version]
        && ![regexp {^[0-9]+\.[0-9]+(\.[0-9]+)?$} [dict get $options -version]]} {
        ::hlsstub::fail export_design "version '[dict get $options -version]' is not <major>.<minor>"
    }
    if {$::hlsstub::simulate_outputs} {
        set impl [file join [::hlsstub::solution_dir] impl]
        file mkdir [file join $impl ip]
        close [open [file join $impl ip component.xml] w]
        close [open [file join $impl export.zip] w]
        ::hlsstub::write_header ip
    }
    ::hlsstub::record export_design $options $positionals
}

proc close_project {args} {
    lassign [::hlsstub::parse close_project {} $args] options positionals
    ::hlsstub::need_project close_project
    if {[llength $positionals] != 0} {
        ::hlsstub::fail close_project "unexpected arguments {$positionals}"
    }
    set ::hlsstub::project {}
    set ::hlsstub::solution {}
    ::hlsstub::record close_project $options $positionals
}

rename exit ::hlsstub::real_exit
proc exit {{code 0}} {
    if {![string is integer -strict $code]} {
        ::hlsstub::fail exit "exit code '$code' is not an integer"
    }
    set ::hlsstub::exit_code $code
    ::hlsstub::record exit {} [list $code]
    return -code error -errorcode [list HLSSTUB EXIT $code] "exit $code"
}
