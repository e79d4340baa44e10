# vivado_stubs.tcl - recording stand-ins for exactly the Vivado Tcl commands
# boards/templates/build_vivado.tcl.in uses, so the generated build_vivado.tcl
# runs under a plain tclsh (Vivado is not installed here).
#
# The stubs record the design: project, part, board_part, cells (VLNV and
# CONFIG properties), interface and net connections, address segments
# (assigned with offset/range, excluded), runs and exports. They check what
# can be checked without Vivado: a pin must exist on its cell (a PS port only
# once the property that enables it is set), a cell name is used once, an
# interface pin is connected once, runs happen in order. Any command that is
# not defined here fails (::unknown is replaced), so a typo in the script
# cannot pass. What the real IPs call their pins and segments is written down
# here from the IP documentation and public block designs; it is not checked
# against a Vivado installation (docs/hardware-flow.md).

namespace eval ::vivstub {
    variable exit_code {}
    # IP catalog: Xilinx IPs and the HLS IP added through ip_repo_paths.
    variable catalog {
        xilinx.com:ip:processing_system7:5.5
        xilinx.com:ip:zynq_ultra_ps_e:3.4 xilinx.com:ip:zynq_ultra_ps_e:3.5
        xilinx.com:ip:proc_sys_reset:5.0
        xilinx.com:ip:smartconnect:1.0
    }
    # PS pins: name -> {kind enabling-property} (property "" = always there).
    variable ps_pins [dict create \
        processing_system7 {
            M_AXI_GP0 {intf CONFIG.PCW_USE_M_AXI_GP0} M_AXI_GP0_ACLK {pin CONFIG.PCW_USE_M_AXI_GP0}
            S_AXI_HP0 {intf CONFIG.PCW_USE_S_AXI_HP0} S_AXI_HP0_ACLK {pin CONFIG.PCW_USE_S_AXI_HP0}
            S_AXI_ACP {intf CONFIG.PCW_USE_S_AXI_ACP} S_AXI_ACP_ACLK {pin CONFIG.PCW_USE_S_AXI_ACP}
            IRQ_F2P {pin CONFIG.PCW_IRQ_F2P_INTR}
            FCLK_CLK0 {pin {}} FCLK_RESET0_N {pin {}} DDR {intf {}} FIXED_IO {intf {}}
        } \
        zynq_ultra_ps_e {
            M_AXI_HPM0_FPD {intf CONFIG.PSU__USE__M_AXIGP0} maxihpm0_fpd_aclk {pin CONFIG.PSU__USE__M_AXIGP0}
            S_AXI_HP0_FPD {intf CONFIG.PSU__USE__S_AXI_GP2} saxihp0_fpd_aclk {pin CONFIG.PSU__USE__S_AXI_GP2}
            S_AXI_HPC0_FPD {intf CONFIG.PSU__USE__S_AXI_GP0} saxihpc0_fpd_aclk {pin CONFIG.PSU__USE__S_AXI_GP0}
            pl_ps_irq0 {pin CONFIG.PSU__USE__IRQ0}
            pl_clk0 {pin CONFIG.PSU__FPGA_PL0_ENABLE} pl_resetn0 {pin CONFIG.PSU__FPGA_PL0_ENABLE}
        }]
    # Address segments each PS slave port offers a master (Vivado's names).
    variable port_segments [dict create \
        S_AXI_HP0 {HP0_DDR_LOWOCM HP0_HIGH_OCM} \
        S_AXI_ACP {ACP_DDR_LOWOCM ACP_HIGH_OCM ACP_IOP ACP_M_AXI_GP0 ACP_QSPI_LINEAR} \
        S_AXI_HP0_FPD {HP0_DDR_LOW HP0_DDR_HIGH HP0_LPS_OCM HP0_QSPI HP0_PCIE_LOW} \
        S_AXI_HPC0_FPD {HPC0_DDR_LOW HPC0_DDR_HIGH HPC0_LPS_OCM HPC0_QSPI HPC0_PCIE_LOW}]
}

proc ::vivstub::reset {} {
    variable log {}
    variable project {}
    variable project_dir {}
    variable part {}
    variable board_part {}
    variable ip_repo_paths {}
    variable catalog_updated 0
    variable design {}
    variable cells [dict create]
    variable automation {}
    variable intf_nets {}
    variable nets {}
    variable assigned {}
    variable excluded {}
    variable validated 0
    variable saved 0
    variable targets_generated 0
    variable wrapper {}
    variable files {}
    variable top {}
    variable runs [dict create]
    variable opened_run {}
    variable exports {}
    variable closed 0
}
::vivstub::reset

proc ::vivstub::fail {command message} {
    return -code error -errorcode [list VIVSTUB USAGE $command] "ERROR: \[stub $command\] $message"
}

proc ::vivstub::record {args} {
    variable log
    lappend log $args
}

# Any command the stubs do not define is an error (Vivado would not run it
# either, or the script is using something the tests do not model).
rename ::unknown ::vivstub::tcl_unknown
proc ::unknown {args} {
    return -code error -errorcode [list VIVSTUB UNKNOWN [lindex $args 0]] \
        "ERROR: \[stub\] unknown command '[lindex $args 0]' (not a Vivado command the stubs know)"
}

# The script's exit ends the script, not the harness: the harness ends with ::vivstub::real_exit.
rename ::exit ::vivstub::real_exit
proc ::exit {{code 0}} {
    set ::vivstub::exit_code $code
    return -code error -errorcode [list VIVSTUB EXIT $code] "exit $code"
}

proc ::vivstub::need_project {command} {
    variable project
    if {$project eq ""} { fail $command "no open project" }
}
proc ::vivstub::need_design {command} {
    variable design
    need_project $command
    if {$design eq ""} { fail $command "no open block design" }
}

# ---------------------------------------------------------------- project
proc ::create_project {args} {
    if {[llength $args] != 5 || [lindex $args 0] ne "-force" || [lindex $args 3] ne "-part"} {
        ::vivstub::fail create_project "expected: create_project -force NAME DIR -part PART, got: $args"
    }
    set ::vivstub::project [lindex $args 1]
    set ::vivstub::project_dir [lindex $args 2]
    set ::vivstub::part [lindex $args 4]
    ::vivstub::record create_project {*}$args
    return $::vivstub::project
}
proc ::current_project {} {
    ::vivstub::need_project current_project
    return project:$::vivstub::project
}
proc ::current_fileset {} {
    ::vivstub::need_project current_fileset
    return fileset:sources_1
}
proc ::update_ip_catalog {} {
    ::vivstub::need_project update_ip_catalog
    foreach repo $::vivstub::ip_repo_paths {
        if {![file isfile [file join $repo component.xml]]} {
            ::vivstub::fail update_ip_catalog "no component.xml in IP repository $repo"
        }
        # The HLS IP's VLNV: the test harness names it (::vivstub::hls_vlnv).
        lappend ::vivstub::catalog $::vivstub::hls_vlnv
    }
    set ::vivstub::catalog_updated 1
    ::vivstub::record update_ip_catalog
}
proc ::get_ipdefs {args} {
    if {[llength $args] != 2 || [lindex $args 0] ne "-all"} {
        ::vivstub::fail get_ipdefs "expected: get_ipdefs -all PATTERN"
    }
    return [lsearch -all -inline -glob $::vivstub::catalog [lindex $args 1]]
}

proc ::set_property {args} {
    if {[llength $args] == 3 && [lindex $args 0] eq "-dict"} {
        set dict [lindex $args 1]
        set obj [lindex $args 2]
        if {[llength $dict] % 2} { ::vivstub::fail set_property "odd -dict list" }
    } elseif {[llength $args] == 3} {
        set dict [list [lindex $args 0] [lindex $args 1]]
        set obj [lindex $args 2]
    } else {
        ::vivstub::fail set_property "expected: set_property NAME VALUE OBJ | -dict LIST OBJ"
    }
    ::vivstub::record set_property $dict $obj
    if {$obj eq "project:$::vivstub::project"} {
        foreach {k v} $dict {
            switch -exact -- $k {
                board_part { set ::vivstub::board_part $v }
                ip_repo_paths { set ::vivstub::ip_repo_paths $v }
                default { ::vivstub::fail set_property "unknown project property $k" }
            }
        }
    } elseif {$obj eq "fileset:sources_1"} {
        foreach {k v} $dict {
            if {$k ne "top"} { ::vivstub::fail set_property "unknown fileset property $k" }
            set ::vivstub::top $v
        }
    } elseif {[string match /* $obj] && [dict exists $::vivstub::cells $obj]} {
        foreach {k v} $dict {
            if {![string match CONFIG.* $k]} { ::vivstub::fail set_property "cell property $k is not CONFIG.*" }
            dict set ::vivstub::cells $obj props $k $v
        }
    } else {
        ::vivstub::fail set_property "unknown object '$obj'"
    }
}

# ---------------------------------------------------------------- block design
proc ::create_bd_design {name} {
    ::vivstub::need_project create_bd_design
    if {!$::vivstub::catalog_updated} { ::vivstub::fail create_bd_design "update_ip_catalog first" }
    set ::vivstub::design $name
    ::vivstub::record create_bd_design $name
}
proc ::create_bd_cell {args} {
    ::vivstub::need_design create_bd_cell
    if {[llength $args] != 5 || [lindex $args 0] ne "-type" || [lindex $args 1] ne "ip"
        || [lindex $args 2] ne "-vlnv"} {
        ::vivstub::fail create_bd_cell "expected: create_bd_cell -type ip -vlnv VLNV NAME"
    }
    set vlnv [lindex $args 3]
    set cell /[lindex $args 4]
    if {[lsearch -exact $::vivstub::catalog $vlnv] < 0} {
        ::vivstub::fail create_bd_cell "IP '$vlnv' is not in the catalog"
    }
    if {[dict exists $::vivstub::cells $cell]} { ::vivstub::fail create_bd_cell "cell $cell exists" }
    dict set ::vivstub::cells $cell [dict create vlnv $vlnv props [dict create]]
    ::vivstub::record create_bd_cell $vlnv $cell
    return $cell
}
proc ::apply_bd_automation {args} {
    ::vivstub::need_design apply_bd_automation
    if {[llength $args] != 5 || [lindex $args 0] ne "-rule" || [lindex $args 2] ne "-config"} {
        ::vivstub::fail apply_bd_automation "expected: -rule RULE -config DICT CELL"
    }
    set cell [lindex $args 4]
    if {![dict exists $::vivstub::cells $cell]} { ::vivstub::fail apply_bd_automation "no cell $cell" }
    set ip [lindex [split [dict get $::vivstub::cells $cell vlnv] :] 2]
    if {[lindex $args 1] ne "xilinx.com:bd_rule:$ip"} {
        ::vivstub::fail apply_bd_automation "rule [lindex $args 1] does not apply to $ip"
    }
    lappend ::vivstub::automation [list [lindex $args 1] [lindex $args 3] $cell]
    ::vivstub::record apply_bd_automation {*}$args
}

# The pins of a cell: {name kind} pairs, given its IP and CONFIG properties.
proc ::vivstub::cell_pins {cell} {
    variable cells
    variable ps_pins
    set vlnv [dict get $cells $cell vlnv]
    set props [dict get $cells $cell props]
    set ip [lindex [split $vlnv :] 2]
    set pins {}
    switch -glob -- $vlnv {
        xilinx.com:ip:processing_system7:* - xilinx.com:ip:zynq_ultra_ps_e:* {
            dict for {pin spec} [dict get $ps_pins $ip] {
                lassign $spec kind prop
                if {$prop eq "" || ([dict exists $props $prop] && [dict get $props $prop] eq "1")} {
                    lappend pins $pin $kind
                }
            }
        }
        xilinx.com:ip:proc_sys_reset:* {
            foreach p {ext_reset_in slowest_sync_clk interconnect_aresetn peripheral_aresetn} {
                lappend pins $p pin
            }
        }
        xilinx.com:ip:smartconnect:* {
            set si [expr {[dict exists $props CONFIG.NUM_SI] ? [dict get $props CONFIG.NUM_SI] : 1}]
            set mi [expr {[dict exists $props CONFIG.NUM_MI] ? [dict get $props CONFIG.NUM_MI] : 1}]
            for {set i 0} {$i < $si} {incr i} { lappend pins [format S%02d_AXI $i] intf }
            for {set i 0} {$i < $mi} {incr i} { lappend pins [format M%02d_AXI $i] intf }
            lappend pins aclk pin aresetn pin
        }
        default {
            # The HLS IP: the ports of the generated top (hls_writer.cpp).
            lappend pins s_axi_control intf m_axi_gmem_io intf m_axi_gmem_w intf \
                ap_clk pin ap_rst_n pin interrupt pin
        }
    }
    return $pins
}

proc ::vivstub::get_pin {command want_kind path} {
    set path /[string trimleft $path /]
    set cell [file dirname $path]
    set pin [file tail $path]
    if {![dict exists $::vivstub::cells $cell]} { fail $command "no cell $cell (for $path)" }
    set pins [cell_pins $cell]
    if {![dict exists $pins $pin] || [dict get $pins $pin] ne $want_kind} {
        fail $command "cell $cell ([dict get $::vivstub::cells $cell vlnv]) has no $want_kind pin '$pin' (has: [dict keys $pins])"
    }
    return $path
}
proc ::get_bd_pins {path} { return [::vivstub::get_pin get_bd_pins pin $path] }
proc ::get_bd_intf_pins {path} { return [::vivstub::get_pin get_bd_intf_pins intf $path] }

proc ::connect_bd_intf_net {a b} {
    ::vivstub::need_design connect_bd_intf_net
    foreach end [list $a $b] {
        foreach net $::vivstub::intf_nets {
            if {[lsearch -exact $net $end] >= 0} { ::vivstub::fail connect_bd_intf_net "$end is already connected" }
        }
    }
    lappend ::vivstub::intf_nets [list $a $b]
    ::vivstub::record connect_bd_intf_net $a $b
}
proc ::connect_bd_net {args} {
    ::vivstub::need_design connect_bd_net
    if {[llength $args] < 2} { ::vivstub::fail connect_bd_net "needs at least two pins" }
    foreach pin $args {
        if {![string match /* $pin]} { ::vivstub::fail connect_bd_net "'$pin' is not a pin object" }
    }
    lappend ::vivstub::nets $args
    ::vivstub::record connect_bd_net {*}$args
}

# ---------------------------------------------------------------- addresses
proc ::get_bd_addr_spaces {path} {
    set path /[string trimleft $path /]
    set cell [file dirname $path]
    set space [file tail $path]
    if {![dict exists $::vivstub::cells $cell]} { ::vivstub::fail get_bd_addr_spaces "no cell $cell" }
    set vlnv [dict get $::vivstub::cells $cell vlnv]
    if {[string match xilinx.com:ip:processing_system7:* $vlnv] || [string match xilinx.com:ip:zynq_ultra_ps_e:* $vlnv]} {
        set ok [expr {$space eq "Data"}]
    } else {
        set ok [expr {[lsearch -exact {Data_m_axi_gmem_io Data_m_axi_gmem_w} $space] >= 0}]
    }
    if {!$ok} { ::vivstub::fail get_bd_addr_spaces "cell $cell has no address space '$space'" }
    return $path
}
proc ::get_bd_addr_segs {pattern} {
    set pattern /[string trimleft $pattern /]
    set all {}
    dict for {cell info} $::vivstub::cells {
        set vlnv [dict get $info vlnv]
        set pins [::vivstub::cell_pins $cell]
        if {[string match xilinx.com:ip:processing_system7:* $vlnv] || [string match xilinx.com:ip:zynq_ultra_ps_e:* $vlnv]} {
            dict for {port segs} $::vivstub::port_segments {
                if {[dict exists $pins $port]} {
                    foreach s $segs { lappend all $cell/$port/$s }
                }
            }
        } elseif {[dict exists $pins s_axi_control]} {
            lappend all $cell/s_axi_control/Reg
        }
    }
    set found [lsearch -all -inline -glob $all $pattern]
    if {[llength $found] == 0} { ::vivstub::fail get_bd_addr_segs "no segment matches '$pattern'" }
    return $found
}
proc ::assign_bd_address {args} {
    ::vivstub::need_design assign_bd_address
    set opts [lrange $args 0 end-1]
    set seg [lindex $args end]
    if {[llength $opts] != 6} { ::vivstub::fail assign_bd_address "expected -target_address_space S -offset O -range R SEG" }
    foreach {k v} $opts {
        switch -exact -- $k {
            -target_address_space { set space $v }
            -offset { set offset $v }
            -range { set range $v }
            default { ::vivstub::fail assign_bd_address "unknown option $k" }
        }
    }
    if {[llength $seg] != 1} { ::vivstub::fail assign_bd_address "one segment expected, got '$seg'" }
    if {![string is wideinteger -strict $offset] || ![string is wideinteger -strict $range] || $range <= 0
        || ($range & ($range - 1)) || ($offset % $range)} {
        ::vivstub::fail assign_bd_address "offset $offset / range $range: range must be a power of two and the offset aligned to it"
    }
    lappend ::vivstub::assigned [list $space $seg $offset $range]
    ::vivstub::record assign_bd_address {*}$args
}
proc ::exclude_bd_addr_seg {args} {
    ::vivstub::need_design exclude_bd_addr_seg
    if {[llength $args] != 3 || [lindex $args 0] ne "-target_address_space"} {
        ::vivstub::fail exclude_bd_addr_seg "expected -target_address_space S SEG"
    }
    lappend ::vivstub::excluded [list [lindex $args 1] [lindex $args 2]]
    ::vivstub::record exclude_bd_addr_seg {*}$args
}
proc ::validate_bd_design {} {
    ::vivstub::need_design validate_bd_design
    set ::vivstub::validated 1
    ::vivstub::record validate_bd_design
}
proc ::save_bd_design {} {
    ::vivstub::need_design save_bd_design
    set ::vivstub::saved 1
    ::vivstub::record save_bd_design
}

# ---------------------------------------------------------------- files, runs, exports
proc ::get_files {name} {
    ::vivstub::need_design get_files
    if {$name ne "$::vivstub::design.bd"} { ::vivstub::fail get_files "no file $name" }
    return file:$name
}
proc ::generate_target {what file} {
    if {$what ne "all" || $file ne "file:$::vivstub::design.bd"} { ::vivstub::fail generate_target "expected: all <bd file>" }
    if {!$::vivstub::validated || !$::vivstub::saved} { ::vivstub::fail generate_target "validate and save the design first" }
    set ::vivstub::targets_generated 1
    # What Vivado 2020.2+ leaves behind: the hardware handoff.
    set dir [file join $::vivstub::project_dir $::vivstub::project.gen sources_1 bd $::vivstub::design hw_handoff]
    file mkdir $dir
    set fh [open [file join $dir $::vivstub::design.hwh] w]
    puts $fh "<!-- vivado stub hwh -->"
    close $fh
    ::vivstub::record generate_target $what $file
}
proc ::make_wrapper {args} {
    if {$args ne [list -files file:$::vivstub::design.bd -top]} { ::vivstub::fail make_wrapper "expected: -files <bd file> -top" }
    set ::vivstub::wrapper [file join $::vivstub::project_dir ${::vivstub::design}_wrapper.v]
    ::vivstub::record make_wrapper {*}$args
    return $::vivstub::wrapper
}
proc ::add_files {args} {
    if {[llength $args] != 2 || [lindex $args 0] ne "-norecurse" || [lindex $args 1] ne $::vivstub::wrapper} {
        ::vivstub::fail add_files "expected: add_files -norecurse <wrapper>"
    }
    lappend ::vivstub::files [lindex $args 1]
    ::vivstub::record add_files {*}$args
}
proc ::update_compile_order {args} {
    if {$args ne {-fileset sources_1}} { ::vivstub::fail update_compile_order "expected -fileset sources_1" }
    ::vivstub::record update_compile_order {*}$args
}
proc ::launch_runs {run args} {
    if {$::vivstub::top eq ""} { ::vivstub::fail launch_runs "no top set" }
    set opts [dict create]
    foreach {k v} $args { dict set opts $k $v }
    if {![dict exists $opts -jobs] || ![string is integer -strict [dict get $opts -jobs]]} {
        ::vivstub::fail launch_runs "-jobs N missing"
    }
    switch -exact -- $run {
        synth_1 {}
        impl_1 {
            if {![dict exists $::vivstub::runs synth_1]} { ::vivstub::fail launch_runs "impl_1 before synth_1" }
        }
        default { ::vivstub::fail launch_runs "unknown run $run" }
    }
    dict set ::vivstub::runs $run $opts
    ::vivstub::record launch_runs $run {*}$args
}
proc ::wait_on_run {run} {
    if {![dict exists $::vivstub::runs $run]} { ::vivstub::fail wait_on_run "run $run not launched" }
    ::vivstub::record wait_on_run $run
}
proc ::get_runs {run} {
    if {![dict exists $::vivstub::runs $run]} { ::vivstub::fail get_runs "run $run not launched" }
    return run:$run
}
proc ::get_property {name obj} {
    if {$name ne "PROGRESS" || ![string match run:* $obj]} { ::vivstub::fail get_property "only PROGRESS of a run is modelled" }
    set run [string range $obj 4 end]
    if {[info exists ::vivstub::fail_run] && $::vivstub::fail_run eq $run} { return "0%" }
    return "100%"
}
proc ::open_run {run} {
    if {$run ne "impl_1" || ![dict exists $::vivstub::runs impl_1]} { ::vivstub::fail open_run "impl_1 not run" }
    set ::vivstub::opened_run $run
    ::vivstub::record open_run $run
}
proc ::write_bitstream {args} {
    if {$::vivstub::opened_run ne "impl_1" || [llength $args] != 2 || [lindex $args 0] ne "-force"} {
        ::vivstub::fail write_bitstream "expected: write_bitstream -force FILE after open_run impl_1"
    }
    lappend ::vivstub::exports [list bit [lindex $args 1]]
    ::vivstub::record write_bitstream {*}$args
}
proc ::write_hw_platform {args} {
    set file {}
    for {set i 0} {$i < [llength $args]} {incr i} {
        set a [lindex $args $i]
        switch -exact -- $a {
            -fixed - -include_bit - -force {}
            -file { incr i; set file [lindex $args $i] }
            default { ::vivstub::fail write_hw_platform "unknown option $a" }
        }
    }
    if {$file eq "" || [lsearch -exact $args -include_bit] < 0} { ::vivstub::fail write_hw_platform "expected -include_bit -file F" }
    lappend ::vivstub::exports [list xsa $file]
    ::vivstub::record write_hw_platform {*}$args
}
proc ::close_project {} {
    ::vivstub::need_project close_project
    set ::vivstub::closed 1
    ::vivstub::record close_project
}
