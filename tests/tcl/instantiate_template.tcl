# instantiate_template.tcl - fills boards/templates/build_hls.tcl.in for the
# tests, applying the same contract the generator must follow (the real
# substitution lives in nngen; this one only feeds the tests):
#   NAME             C identifier; the top function is NAME_accel
#   PART             AMD part name, no blanks
#   CLOCK_NS         positive number (ns)
#   CFLAGS           extra compiler flags; no braces, brackets or backslashes,
#                    because the template keeps them in a braced Tcl word
#   GENERATOR_BANNER lines that all start with "#"
# Every placeholder of the template must get a value, every value must be
# used, and no @WORD@ placeholder may be left.
#
# Usage:
#   tclsh instantiate_template.tcl [--allow-leftover] <template> <output> KEY=VALUE...

proc fail {message} {
    puts stderr "instantiate_template.tcl: ERROR: $message"
    exit 1
}

set allow_leftover 0
set args $argv
if {[lindex $args 0] eq "--allow-leftover"} {
    set allow_leftover 1
    set args [lrange $args 1 end]
}
if {[llength $args] < 2} {
    fail "usage: tclsh instantiate_template.tcl \[--allow-leftover\] <template> <output> KEY=VALUE..."
}
set values [lassign $args template output]

if {[catch {open $template r} f]} {
    fail "cannot read template '$template': $f"
}
set text [read $f]
close $f

set mapping {}
set given {}
foreach pair $values {
    if {![regexp {^([A-Z_]+)=(.*)$} $pair -> key value]} {
        fail "argument '$pair' is not KEY=VALUE with an upper-case KEY"
    }
    if {$key in $given} {
        fail "placeholder $key given twice"
    }
    lappend given $key
    switch -exact -- $key {
        NAME {
            if {![regexp {^[A-Za-z_][A-Za-z0-9_]*$} $value]} {
                fail "NAME '$value' is not a C identifier"
            }
        }
        PART {
            if {$value eq "" || [regexp {\s} $value]} {
                fail "PART '$value' is empty or contains blanks"
            }
        }
        CLOCK_NS {
            if {![string is double -strict $value] || $value <= 0} {
                fail "CLOCK_NS '$value' is not a positive number"
            }
        }
        CFLAGS {
            if {[regexp {[\{\}\[\]\\]} $value]} {
                fail "CFLAGS '$value' contains a brace, bracket or backslash"
            }
        }
        GENERATOR_BANNER {
            foreach line [split $value "\n"] {
                if {![string match "#*" $line]} {
                    fail "GENERATOR_BANNER line '$line' does not start with #"
                }
            }
        }
    }
    lappend mapping "@$key@" $value
}

set wanted [lsort -unique [regexp -all -inline {@[A-Z_]+@} $text]]
set missing {}
foreach placeholder $wanted {
    if {[string trim $placeholder @] ni $given && !$allow_leftover} {
        lappend missing $placeholder
    }
}
if {[llength $missing] > 0} {
    fail "no value for [join $missing {, }] in $template"
}
foreach key $given {
    if {"@$key@" ni $wanted} {
        fail "placeholder @$key@ does not occur in $template"
    }
}

set result [string map $mapping $text]
if {!$allow_leftover && [regexp {@[A-Z_]+@} $result leftover]} {
    fail "placeholder $leftover left after substitution"
}

file mkdir [file dirname $output]
set f [open $output w]
puts -nonewline $f $result
close $f
