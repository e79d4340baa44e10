// A C++ object with a constructor and a destructor at namespace scope: the
// board's start-up must run .init_array before main(), and the destructor
// registration (__cxa_atexit, __dso_handle) must link.
#include <stdlib.h>

extern "C" int smoke_ctor_value;
extern "C" int smoke_heap_object(void);
int smoke_ctor_value = 0;

namespace {
struct Probe {
  Probe() { smoke_ctor_value = 42; }
  ~Probe() { smoke_ctor_value = -1; }
};
Probe probe;

struct Cell {
  int v;
  explicit Cell(int x) : v(x * 2) {}
};
}  // namespace

// operator new/delete (libstdc++ on the A9, the board's runtime on the A53).
extern "C" int smoke_heap_object(void) {
  Cell *c = new Cell(21);
  int v = c->v;
  delete c;
  return v;
}
