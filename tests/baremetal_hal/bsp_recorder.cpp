#include "bsp_recorder.h"

#include <cstring>

#include "xil_cache.h"
#include "xil_io.h"
#include "xtime_l.h"

namespace bsp {
namespace {
std::uint64_t g_time = 0;
}
std::vector<Call>& calls() {
  static std::vector<Call> c;
  return c;
}
void reset() {
  calls().clear();
  g_time = 0;
}
void set_time(std::uint64_t ticks) { g_time = ticks; }
}  // namespace bsp

extern "C" {

u32 Xil_In32(UINTPTR Addr) {
  u32 v;
  std::memcpy(&v, reinterpret_cast<const void*>(Addr), sizeof v);
  bsp::calls().push_back({"In32", Addr, v});
  return v;
}

void Xil_Out32(UINTPTR Addr, u32 Value) {
  std::memcpy(reinterpret_cast<void*>(Addr), &Value, sizeof Value);
  bsp::calls().push_back({"Out32", Addr, Value});
}

void Xil_DCacheFlushRange(INTPTR adr, u32 len) {
  bsp::calls().push_back({"FlushRange", static_cast<std::uintptr_t>(adr), len});
}

void Xil_DCacheInvalidateRange(INTPTR adr, u32 len) {
  bsp::calls().push_back({"InvalidateRange", static_cast<std::uintptr_t>(adr), len});
}

void XTime_GetTime(XTime* Xtime_Global) {
  *Xtime_Global = bsp::g_time;
  bsp::calls().push_back({"GetTime", 0, bsp::g_time});
}
}
