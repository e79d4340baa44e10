# run_build_hw.tcl - `nngen build-hw` against fake vitis_hls / vivado scripts
# that record their directory and arguments. Usage: tclsh run_build_hw.tcl NNGEN WORKDIR
lassign $argv nngen work
set failures 0
# cond is an expression over the caller's variables: evaluated there.
proc check {cond message} {
    if {[uplevel 1 [list expr $cond]]} { puts "PASS: $message" } else { puts "FAIL: $message"; incr ::failures }
}
file delete -force $work
set prj [file join $work prj]
file mkdir [file join $prj hls] [file join $prj vivado] [file join $work bin] [file join $work empty]
close [open [file join $prj hls build_hls.tcl] w]
close [open [file join $prj vivado build_vivado.tcl] w]
set log [file join $work calls.log]
foreach tool {vitis_hls vivado} {
    set f [file join $work bin $tool]
    set fh [open $f w]
    puts $fh "#!/bin/sh\necho \"$tool|\$(pwd)|\$*\" >> '$log'\nexit \${FAKE_[string toupper $tool]_RC:-0}"
    close $fh
    file attributes $f -permissions 0755
}
# Runs nngen with PATH; returns {exit-code output}.
proc nngen {path args} {
    set ::env(PATH) $path
    set rc [catch {exec $::nngen build-hw {*}$args 2>@1} out opts]
    set code 0
    if {$rc} {
        set ec [dict get $opts -errorcode]
        set code [expr {[lindex $ec 0] eq "CHILDSTATUS" ? [lindex $ec 2] : "?"}]
    }
    return [list $code $out]
}
proc calls {} {
    if {![file exists $::log]} { return {} }
    set fh [open $::log]; set t [string trim [read $fh]]; close $fh
    file delete $::log
    return [split $t \n]
}
set sys /usr/bin:/bin
set empty [file join $work empty]

lassign [nngen $empty $prj] code out
check {$code == 6} "no tools on PATH: exit 6 (got $code)"
check {[string match "*step hls needs `vitis_hls`*settings64.sh*" $out]} "names vitis_hls, its step and settings64.sh"
check {[string match "*step vivado needs `vivado`*" $out]} "names vivado too"
lassign [nngen "[file join $work bin]:$sys" $prj --steps hls,bogus] code out
check {$code == 2 && [string match "*unknown step 'bogus'*" $out]} "bad --steps: exit 2 ($code: $out)"
lassign [nngen "[file join $work bin]:$sys" $prj --steps ""] code out
check {$code != 0} "empty --steps rejected ($code)"
check {[calls] eq {}} "nothing ran for bad --steps"

lassign [nngen "[file join $work bin]:$sys" $prj --jobs 4 --steps vivado,hls] code out
check {$code == 0} "fake tools: exit 0 ($code: $out)"
set c [calls]
set hls [file normalize [file join $prj hls]]
set viv [file normalize [file join $prj vivado]]
check {[llength $c] == 2} "two tool runs ($c)"
check {[lindex $c 0] eq "vitis_hls|$hls|-f build_hls.tcl"} "vitis_hls -f build_hls.tcl in hls/ first ([lindex $c 0])"
check {[lindex $c 1] eq "vivado|$viv|-mode batch -source build_vivado.tcl -tclargs --jobs 4"} "then vivado in vivado/ ([lindex $c 1])"
check {[string match "*vivado/output*" $out]} "names the artefact folder"

set ::env(FAKE_VITIS_HLS_RC) 3
lassign [nngen "[file join $work bin]:$sys" $prj] code out
unset ::env(FAKE_VITIS_HLS_RC)
set c [calls]
check {$code == 7 && [string match "*step hls: `vitis_hls` failed (exit status 3)*" $out]} "failing vitis_hls: exit 7 with message ($code: $out)"
check {[llength $c] == 1} "vivado not run after a failed hls step ($c)"

# Only vivado requested: vitis_hls need not be installed.
file delete [file join $work bin vitis_hls]
lassign [nngen "[file join $work bin]:$sys" $prj --steps vivado] code out
check {$code == 0 && [llength [calls]] == 1} "--steps vivado needs only vivado ($code)"
lassign [nngen "[file join $work bin]:$sys" $prj] code out
check {$code == 6 && [string match "*vitis_hls*" $out] && ![string match "*needs `vivado`*" $out]} "only the missing tool named ($out)"
puts "failures: $failures"
exit [expr {$failures ? 1 : 0}]
