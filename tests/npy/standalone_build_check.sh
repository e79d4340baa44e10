#!/bin/sh
# nngen copies generator/simrt/npy verbatim into every generated project, which builds it as
# C++17 with -Wall -Wextra -Werror under g++ or clang++ and has nothing else of ours on its include
# path. This check builds the folder exactly that way (plus -pedantic), with each compiler present,
# and links it against zlib with a small program, so a stray project header, a C++20 construct or
# a compiler-specific warning fails here rather than in a user's project.
# Usage: standalone_build_check.sh <npy source dir> <scratch dir>
set -eu
src=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
cat > "$work/main.cpp" <<'CPP'
#include "npy.h"
int main(int argc, char** argv) {
  if (argc < 2) return 0;
  try {
    nnnpy::write_npy(argv[1], nnnpy::read_array(argv[1]));
  } catch (const nnnpy::Error&) {
    return 1;
  }
  return 0;
}
CPP
compilers_tried=0
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null 2>&1 || continue
  compilers_tried=$((compilers_tried + 1))
  # Every header must compile on its own.
  for header in "$src"/*.h; do
    printf '#include "%s"\n' "$(basename "$header")" > "$work/header.cpp"
    "$cxx" -std=c++17 -Wall -Wextra -Werror -pedantic -I"$src" -fsyntax-only "$work/header.cpp"
  done
  "$cxx" -std=c++17 -Wall -Wextra -Werror -pedantic -I"$src" "$src"/*.cpp "$work/main.cpp" \
    -lz -o "$work/npy_$cxx"
  "$work/npy_$cxx"
  echo "$cxx: ok"
done
if [ "$compilers_tried" -eq 0 ]; then
  echo "no C++ compiler (g++, clang++) found" >&2
  exit 1
fi
