# Checks that object files compiled with NNFIXED_FREESTANDING reference nothing from libstdc++ or
# libsupc++: every undefined symbol must be a C library function/object the bare-metal images'
# C libraries (newlib, picolibc) provide, or a libgcc helper. Run with cmake -P:
#   -DNM=<nm for the objects' machine> -DOBJECTS=<a;b;...> [-DEXTRA_ALLOWED=<regex>]
# EXTRA_ALLOWED adds names (e.g. the sanitizers' runtime in an ASan/UBSan build of the host test).
foreach(v NM OBJECTS)
  if(NOT ${v})
    message(FATAL_ERROR "check_symbols.cmake: -D${v}=... is required")
  endif()
endforeach()

# C library: the allocator of hls::stream, the error messages (fputs may become fwrite, fprintf
# of a constant string may become fputs/fwrite/fputc), abort, ldexp/ldexpf, the mem* and str*
# functions the compiler may emit for copies, and the stderr object (newlib: _impure_ptr,
# picolibc/glibc: stderr).
set(c_library
  "malloc|realloc|calloc|free|memcpy|memmove|memset|memcmp|strlen|fprintf|fputs|fputc|putc|fwrite"
  "|abort|ldexp|ldexpf|stderr|_impure_ptr|_impure_data|__stack_chk_fail|__stack_chk_guard")
string(JOIN "" c_library ${c_library})
# libgcc: ARM EABI helpers and the generic integer/float helpers (__udivti3, __floatuntidf, ...).
set(libgcc "__aeabi_[a-z0-9_]+|__(u?div|u?mod|mul|ashl|ashr|lshr|neg|clz|ctz|ffs|popcount|parity|bswap|cmp|ucmp|add|sub|abs)[a-z]*[0-9]|__(float|fix|fixuns|floatun|extend|trunc)[a-z]+[0-9]?")
set(allowed "^(${c_library}|${libgcc})$")
if(EXTRA_ALLOWED)
  set(allowed "${allowed}|${EXTRA_ALLOWED}")
endif()

set(bad "")
set(count 0)
foreach(obj ${OBJECTS})
  if(NOT EXISTS "${obj}")
    message(FATAL_ERROR "check_symbols.cmake: no object file '${obj}'")
  endif()
  execute_process(COMMAND ${NM} -u ${obj} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "check_symbols.cmake: '${NM} -u ${obj}' failed (${rc}): ${err}")
  endif()
  string(REGEX REPLACE "\n$" "" out "${out}")
  string(REPLACE "\n" ";" lines "${out}")
  foreach(line ${lines})
    string(REGEX REPLACE "^ *U +" "" sym "${line}")
    string(STRIP "${sym}" sym)
    if(sym STREQUAL "")
      continue()
    endif()
    math(EXPR count "${count} + 1")
    if(NOT sym MATCHES "${allowed}")
      execute_process(COMMAND c++filt ${sym} OUTPUT_VARIABLE pretty ERROR_QUIET
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(pretty STREQUAL "" OR pretty STREQUAL sym)
        set(pretty "")
      else()
        set(pretty " (${pretty})")
      endif()
      string(APPEND bad "  ${obj}: ${sym}${pretty}\n")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR
    "undefined symbols outside the C library and libgcc in a NNFIXED_FREESTANDING build "
    "(a bare-metal image links no libstdc++/libsupc++):\n${bad}")
endif()
if(count EQUAL 0)
  # The objects call at least malloc/realloc and fprintf: none at all means nm read nothing.
  message(FATAL_ERROR "check_symbols.cmake: '${NM} -u' listed no undefined symbol in ${OBJECTS}")
endif()
message(STATUS "${count} undefined symbol(s), all from the C library or libgcc")
