# run_build_vivado.tcl - generates a project with nngen for one board and
# --dma-port, runs its vivado/build_vivado.tcl under tclsh against
# vivado_stubs.tcl and checks the recorded design against the board's values
# (passed in from boards.json by tests/tcl/CMakeLists.txt). Prints PASS or
# FAIL lines; exit 0 only if every check passed.
#
#   tclsh run_build_vivado.tcl --nngen N --model M --workdir W --board B
#       --dma-port P --part P --board-part BP --ps-ip IP --control-port C
#       --slave-port S --irq-port I --pl-clock K --accel-base A --accel-span N
#       --ddr {name base size ...} [--fail-run RUN --expect-error RE]
#       [--typo] (renames one command in the script: the stubs must reject it)

set here [file dirname [file normalize [info script]]]
array set opt {--fail-run {} --expect-error {} --typo 0}
for {set i 0} {$i < [llength $argv]} {incr i} {
    set k [lindex $argv $i]
    if {$k eq "--typo"} { set opt(--typo) 1; continue }
    incr i
    set opt($k) [lindex $argv $i]
}
set failures 0
# cond is an expression over the caller's variables: evaluated there.
proc check {cond message} {
    if {[uplevel 1 [list expr $cond]]} {
        puts "PASS: $message"
    } else {
        puts "FAIL: $message"
        incr ::failures
    }
}

# ---- generate the project
set work $opt(--workdir)
file delete -force $work
file mkdir $work
set prj [file join $work prj]
exec $opt(--nngen) generate $opt(--model) -o $prj --name net --board $opt(--board) \
    --dma-port $opt(--dma-port) 2>@1
set script [file join $prj vivado build_vivado.tcl]
set desc [open [file join $prj nnaccel-model.desc]]
set vlnv {}
foreach line [split [read $desc] \n] {
    if {[lindex $line 0] eq "vlnv"} { set vlnv [lindex $line 1] }
}
close $desc
# build_hls.tcl exports with -vendor nnaccel.org -library hls -version 1.0.
check {$vlnv eq "nnaccel.org:hls:net_accel:1.0"} "model descriptor names the exported IP ($vlnv)"
if {$opt(--typo)} {
    set fh [open $script]; set text [read $fh]; close $fh
    set text [string map {validate_bd_design validate_bd_desing} $text]
    set fh [open $script w]; puts -nonewline $fh $text; close $fh
}
# The IP repository build_hls.tcl's export step would leave behind.
set repo [file join $prj hls prj_net sol1 impl ip]
file mkdir $repo
close [open [file join $repo component.xml] w]

# ---- run it
source [file join $here vivado_stubs.tcl]
set ::vivstub::hls_vlnv $vlnv
if {$opt(--fail-run) ne ""} { set ::vivstub::fail_run $opt(--fail-run) }
set ::argv [list --jobs 3]
set ::argc 2
set rc [catch {uplevel #0 [list source $script]} msg opts]
set code 0
if {$rc && [lrange [dict get $opts -errorcode] 0 1] eq {VIVSTUB EXIT}} {
    set code $::vivstub::exit_code
} elseif {$rc} {
    set code error
}
if {$opt(--typo) || $opt(--expect-error) ne ""} {
    if {$opt(--typo)} {
        check {$code eq "error" && [string match "*unknown command 'validate_bd_desing'*" $msg]} \
            "a misspelt command fails ($msg)"
    } else {
        check {$code eq "1"} "the script exits with 1 (got $code: $msg)"
    }
    puts "failures: $failures"
    ::vivstub::real_exit [expr {$failures ? 1 : 0}]
}
check {$code eq "0"} "the script ran to exit 0 (got $code: $msg)"
if {$code ne "0"} { ::vivstub::real_exit 1 }

# ---- project, part, board preset
set ps /ps
set accel /accel
check {$::vivstub::part eq $opt(--part)} "part $::vivstub::part"
check {$::vivstub::board_part eq $opt(--board-part)} "board_part '$::vivstub::board_part'"
check {[file normalize [lindex $::vivstub::ip_repo_paths 0]] eq [file normalize $repo]} "ip_repo_paths is the HLS export"
set ps_cell [dict get $::vivstub::cells $ps]
check {[string match xilinx.com:ip:$opt(--ps-ip):* [dict get $ps_cell vlnv]]} "PS is $opt(--ps-ip)"
set preset [expr {$opt(--board-part) ne "" ? 1 : 0}]
set auto [lindex $::vivstub::automation 0]
check {[lindex $auto 0] eq "xilinx.com:bd_rule:$opt(--ps-ip)" && [dict get [lindex $auto 1] apply_board_preset] eq $preset} \
    "board automation with apply_board_preset $preset"
check {[dict exists $::vivstub::cells $accel] && [dict get $::vivstub::cells $accel vlnv] eq $vlnv} "IP instance with VLNV $vlnv"

# ---- connections: follow interface nets through the SmartConnects
proc peer {pin} {
    foreach net $::vivstub::intf_nets {
        set i [lsearch -exact $net $pin]
        if {$i >= 0} { return [lindex $net [expr {1 - $i}]] }
    }
    return {}
}
# Where a master pin ends up: through a SmartConnect (S.._AXI in, M00_AXI out).
proc reaches {pin} {
    set p [peer $pin]
    if {[regexp {^(/smc_[a-z]+)/S[0-9]+_AXI$} $p -> smc]} {
        return [peer $smc/M00_AXI]
    }
    return $p
}
check {[reaches $ps/$opt(--control-port)] eq "$accel/s_axi_control"} \
    "s_axi_control reached from $ps/$opt(--control-port) ([reaches $ps/$opt(--control-port)])"
foreach bundle {gmem_io gmem_w} {
    set to [reaches $accel/m_axi_$bundle]
    check {$to eq "$ps/$opt(--slave-port)"} "m_axi_$bundle reaches $ps/$opt(--slave-port) (got $to)"
}
# Every pin connected to `pin`: each connect_bd_net is recorded on its own, and Vivado joins
# calls that share a pin into one net, so the union over them (to a fixed point) is the net.
proc net_of {pin} {
    set members [list $pin]
    set grew 1
    while {$grew} {
        set grew 0
        foreach net $::vivstub::nets {
            set touches 0
            foreach p $net { if {[lsearch -exact $members $p] >= 0} { set touches 1; break } }
            if {!$touches} continue
            foreach p $net {
                if {[lsearch -exact $members $p] < 0} { lappend members $p; set grew 1 }
            }
        }
    }
    return $members
}
check {[lsearch -exact [net_of $accel/interrupt] $ps/$opt(--irq-port)] >= 0} "interrupt drives $ps/$opt(--irq-port)"
set clk [net_of $ps/$opt(--pl-clock)]
foreach pin [list $accel/ap_clk /smc_control/aclk /smc_data/aclk /rst_pl/slowest_sync_clk] {
    check {[lsearch -exact $clk $pin] >= 0} "$pin on $opt(--pl-clock)"
}
check {[lsearch -exact [net_of /rst_pl/peripheral_aresetn] $accel/ap_rst_n] >= 0} "accelerator reset from proc_sys_reset"

# ---- coherency parameters
set props [dict get $::vivstub::cells $accel props]
foreach bundle {GMEM_IO GMEM_W} {
    set key CONFIG.C_M_AXI_${bundle}_CACHE_VALUE
    if {$opt(--dma-port) eq "hp"} {
        check {![dict exists $props $key]} "$key left at its default (hp: not coherent)"
    } else {
        check {[dict exists $props $key] && [dict get $props $key] eq {"1111"}} "$key is 1111 (coherent)"
        check {[dict get $props CONFIG.C_M_AXI_${bundle}_PROT_VALUE] eq {"010"}} "AxPROT non-secure"
    }
}
if {$opt(--dma-port) eq "acp"} {
    check {[dict get $ps_cell props CONFIG.PCW_USE_DEFAULT_ACP_USER_VAL] eq "1"} "ACP AxUSER from the PS default"
}

# ---- addresses
set ctrl [lsearch -all -inline -index 1 $::vivstub::assigned $accel/s_axi_control/Reg]
check {[llength $ctrl] == 1 && [lindex $ctrl 0 0] eq "$ps/Data"
       && [lindex $ctrl 0 2] == $opt(--accel-base) && [lindex $ctrl 0 3] == $opt(--accel-span)} \
    "control window at $opt(--accel-base) span $opt(--accel-span) ($ctrl)"
foreach bundle {gmem_io gmem_w} {
    set space $accel/Data_m_axi_$bundle
    set mine [lsearch -all -inline -index 0 $::vivstub::assigned $space]
    set want {}
    # addresses compared as numbers (0x0 and 0x00000000 are the same window)
    foreach {n base size} $opt(--ddr) { lappend want [list [format 0x%X $base] [format 0x%X $size]] }
    set got {}
    foreach a $mine {
        check {[string match "$ps/$opt(--slave-port)/*DDR*" [lindex $a 1]]} "$space maps a DDR segment ([lindex $a 1])"
        lappend got [list [format 0x%X [lindex $a 2]] [format 0x%X [lindex $a 3]]]
    }
    check {[lsort $got] eq [lsort $want]} "$space maps exactly the DDR windows $want (got $got)"
    set all [get_bd_addr_segs $ps/$opt(--slave-port)/*]
    set excl [lmap e [lsearch -all -inline -index 0 $::vivstub::excluded $space] {lindex $e 1}]
    check {[llength $excl] + [llength $mine] == [llength $all]} "$space: every other segment excluded ($excl)"
}

# ---- implementation and exports
check {$::vivstub::validated && $::vivstub::targets_generated} "validated and generated"
check {$::vivstub::top eq "system_wrapper"} "wrapper is the top"
check {[dict get $::vivstub::runs synth_1 -jobs] == 3 && [dict get $::vivstub::runs impl_1 -jobs] == 3} "runs with --jobs 3"
check {[dict get $::vivstub::runs impl_1 -to_step] eq "write_bitstream"} "impl_1 to write_bitstream"
set out [file join $prj vivado output]
check {[lsearch -exact $::vivstub::exports [list bit [file join $out net.bit]]] >= 0} "bitstream written to output/net.bit"
check {[lsearch -exact $::vivstub::exports [list xsa [file join $out net.xsa]]] >= 0} "xsa written to output/net.xsa"
check {[file isfile [file join $out net.hwh]]} "hwh copied to output/net.hwh"
puts "failures: $failures"
::vivstub::real_exit [expr {$failures ? 1 : 0}]
