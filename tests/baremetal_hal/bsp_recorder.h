// A recording implementation of the BSP stub (xil_stub/): every register,
// cache and timer call the baremetal HAL makes in its BSP build is appended to
// calls(); registers are real host memory, so Xil_In32/Xil_Out32 read and write
// whatever array the test passes as the IP's base address.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bsp {

struct Call {
  std::string fn;  // "In32", "Out32", "FlushRange", "InvalidateRange", "GetTime"
  std::uintptr_t addr = 0;
  std::uint64_t value = 0;  // written value, read value, length or time
  bool operator==(const Call&) const = default;
};

std::vector<Call>& calls();
void reset();
// What XTime_GetTime reports next.
void set_time(std::uint64_t ticks);

}  // namespace bsp
