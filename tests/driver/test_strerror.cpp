// Every nn_status has its own non-empty message; unknown codes get one too.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "nndriver/nn_driver.h"

namespace {

TEST(Strerror, DistinctNonEmptyMessageForEveryStatus) {
  std::set<std::string> seen;
  for (int s = NN_OK; s >= NN_E_BUSY; --s) {
    const char* msg = nn_strerror(s);
    ASSERT_NE(msg, nullptr) << s;
    EXPECT_GT(std::string(msg).size(), 5u) << s;
    EXPECT_TRUE(seen.insert(msg).second) << "duplicate message for " << s << ": " << msg;
  }
  EXPECT_EQ(seen.size(), 17u);
}

TEST(Strerror, UnknownCodes) {
  for (int s : {1, -17, -1000, 12345}) {
    ASSERT_NE(nn_strerror(s), nullptr);
    EXPECT_NE(std::string(nn_strerror(s)).find("unknown"), std::string::npos);
  }
}

}  // namespace
