// The FIFO timing model of nnfixed_fifo_profile.h on hand-written dataflow processes, run in
// dataflow order as the generated top runs them (NNHLS_DATAFLOW_PROCESS before each process).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "nn_hls.h"

#if !defined(NNACCEL_FIFO_PROFILE)
#error "this test is built with NNACCEL_FIFO_PROFILE"
#endif

namespace {

namespace prof = nnfixed_fifo_profile;
using Stream = hls::stream<int>;

const prof::StreamStats& stats(const std::string& name) {
  const auto& s = prof::registry().streams();
  const auto it = s.find(name);
  if (it == s.end()) {
    ADD_FAILURE() << "no profile for " << name;
    static prof::StreamStats none;
    return none;
  }
  return it->second;
}

template <typename S>
void produce(S& out, int n) {
  for (int i = 0; i < n; ++i) out.write(i);
}

// Reads one element, then writes `fanout` elements: 1 + fanout cycles per element.
void slow_consume(Stream& in, Stream& out, int n, int fanout) {
  for (int i = 0; i < n; ++i) {
    const int v = in.read();
    for (int k = 0; k < fanout; ++k) out.write(v);
  }
}

template <typename S>
void drain(S& in, int n) {
  for (int i = 0; i < n; ++i) (void)in.read();
}

// producer (1 element/cycle) -> consumer (3 cycles/element) -> sink; returns after the streams
// are destroyed (recorded).
void run_pair(int n, int fanout) {
  Stream a("pc_a"), b("pc_b");
  NNHLS_DATAFLOW_PROCESS("producer");
  produce(a, n);
  NNHLS_DATAFLOW_PROCESS("consumer");
  slow_consume(a, b, n, fanout);
  NNHLS_DATAFLOW_PROCESS("sink");
  drain(b, n * fanout);
}

class TimingModel : public ::testing::Test {
 protected:
  void SetUp() override { prof::registry().clear(); }
};

TEST_F(TimingModel, HalfSpeedConsumer) {
  run_pair(50, 1);
  // The producer writes element k at cycle k+1; the consumer (read + write: 2 cycles) reads
  // element j at 2 + 2j. At the last write (cycle 50) 25 reads are done: occupancy 25. The sink
  // reads one per cycle, as fast as the consumer writes: one element waits at most.
  EXPECT_EQ(stats("pc_a").writes, 50u);
  EXPECT_EQ(stats("pc_a").max_occupancy, 25u);
  EXPECT_EQ(stats("pc_b").max_occupancy, 1u);  // the sink reads one per cycle
  EXPECT_EQ(stats("pc_a").writer, "producer");
  EXPECT_EQ(stats("pc_a").reader, "consumer");
}

TEST_F(TimingModel, SlowConsumerKnownOccupancy) {
  // Writes at cycles 1..n; reads of element j at 2 + 3j. At the last write (cycle n) the reads
  // done are those with 2 + 3j <= n: floor((n - 2) / 3) + 1, so the occupancy is
  // n - floor((n - 2) / 3) - 1 (n = 30: 20).
  run_pair(30, 2);
  EXPECT_EQ(stats("pc_a").max_occupancy, 20u);
  EXPECT_EQ(stats("pc_b").max_occupancy, 1u);
}

// split -> long branch (a delay line of L elements, like a conv line buffer) and short branch
// -> add: the short branch's FIFO must hold what the long branch delays.
void run_reconvergence(int n, int delay) {
  Stream src("rc_src"), s_long("rc_split_long"), s_short("rc_split_short"), delayed("rc_delayed"),
      sum("rc_sum");
  NNHLS_DATAFLOW_PROCESS("source");
  produce(src, n);
  NNHLS_DATAFLOW_PROCESS("split");
  for (int i = 0; i < n; ++i) {
    const int v = src.read();
    s_long.write(v);
    s_short.write(v);
  }
  NNHLS_DATAFLOW_PROCESS("delay");
  {
    int line[64];
    for (int i = 0; i < n + delay; ++i) {
      if (i < n) line[i % delay] = s_long.read();
      if (i >= delay) delayed.write(line[(i - delay) % delay]);
    }
  }
  NNHLS_DATAFLOW_PROCESS("add");
  for (int i = 0; i < n; ++i) sum.write(delayed.read() + s_short.read());
  NNHLS_DATAFLOW_PROCESS("sink");
  drain(sum, n);
}

TEST_F(TimingModel, ReconvergentShortBranchHoldsTheLongBranchLatency) {
  run_reconvergence(200, 16);
  const uint64_t short_occ = stats("rc_split_short").max_occupancy;
  // The add cannot start before the delay line has read `delay` elements, which the split
  // writes at one per 3 cycles; by then the short branch holds about `delay` elements.
  // (17: the one more it writes while the delay line turns the 16th element around.)
  EXPECT_EQ(short_occ, 17u);
  EXPECT_EQ(stats("rc_split_long").max_occupancy, 1u);  // the delay line keeps up
  // The source writes 200 in 200 cycles, the split takes 3 cycles per element: 200 - 67 wait.
  EXPECT_EQ(stats("rc_src").max_occupancy, 133u);
  // At the end the delay line flushes 16 elements in 16 cycles into an add that takes 3 cycles
  // per element: 16 - 5 wait.
  EXPECT_EQ(stats("rc_delayed").max_occupancy, 11u);
}

TEST_F(TimingModel, BlockedWritesCountedBelowTheOccupancyOnly) {
  run_reconvergence(200, 16);
  const uint64_t occ = stats("rc_split_short").max_occupancy;
  ASSERT_GT(occ, 2u);
  EXPECT_EQ(stats("rc_split_short").depth, 0);  // unknown: nothing counted
  EXPECT_EQ(stats("rc_split_short").blocked_writes, 0u);

  prof::registry().clear();
  prof::set_depth("rc_split_short", static_cast<long>(occ) - 1);
  run_reconvergence(200, 16);
  EXPECT_EQ(stats("rc_split_short").depth, static_cast<long>(occ) - 1);
  EXPECT_GT(stats("rc_split_short").blocked_writes, 0u);

  prof::registry().clear();
  prof::set_depth("rc_split_short", static_cast<long>(occ));
  run_reconvergence(200, 16);
  EXPECT_EQ(stats("rc_split_short").blocked_writes, 0u);
  EXPECT_EQ(stats("rc_split_short").max_occupancy, occ);  // depths do not change the timing
}

TEST_F(TimingModel, TemplateDepthAndNeverReadElements) {
  {
    hls::stream<int, 4> s("unread");  // the DEPTH template argument is a depth
    NNHLS_DATAFLOW_PROCESS("producer");
    produce(s, 10);
    NNHLS_DATAFLOW_PROCESS("consumer");
    drain(s, 2);  // 8 elements stay (the emulation warns about them)
  }
  // Writes at 1..10, reads of elements 0 and 1 at 2 and 3: writes 4 and 5 find a slot freed by
  // them; writes 6..9 wait for reads of elements 2..5 that never happen.
  EXPECT_EQ(stats("unread").depth, 4);
  EXPECT_EQ(stats("unread").blocked_writes, 4u);
  EXPECT_EQ(stats("unread").max_occupancy, 8u);
}

TEST_F(TimingModel, InstancesAccumulate) {
  run_pair(30, 2);
  run_pair(30, 2);
  EXPECT_EQ(stats("pc_a").writes, 60u);
  EXPECT_EQ(stats("pc_a").max_occupancy, 20u);
}

TEST_F(TimingModel, DumpWritesOneObjectPerStream) {
  run_pair(30, 2);
  const std::string path = ::testing::TempDir() + "fifo_profile_dump.json";
  ASSERT_TRUE(prof::dump(path.c_str()));
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(ss.str(),
            "{\n"
            "  \"pc_a\": {\"max_occupancy\": 20, \"depth\": 0, \"blocked_writes\": 0, \"writes\": "
            "30, \"writer\": \"producer\", \"reader\": \"consumer\"},\n"
            "  \"pc_b\": {\"max_occupancy\": 1, \"depth\": 0, \"blocked_writes\": 0, \"writes\": "
            "60, \"writer\": \"consumer\", \"reader\": \"sink\"}\n"
            "}\n");
  std::remove(path.c_str());
  EXPECT_FALSE(prof::dump("/nonexistent-dir/x.json"));
}

// Run by ctest with NNACCEL_FIFO_DEPTHS naming depths.txt (see CMakeLists.txt): the file wins
// over set_depth() and the DEPTH argument.
TEST(DepthFile, OverridesOtherSources) {
  if (std::getenv("NNACCEL_FIFO_DEPTHS") == nullptr) GTEST_SKIP() << "run by the depth-file test";
  prof::set_depth("pc_a", 100);
  EXPECT_EQ(prof::registry().depth_of("pc_a", 7), 3);
  EXPECT_EQ(prof::registry().depth_of("pc_b", 0), 12);
  EXPECT_EQ(prof::registry().depth_of("other", 7), 7);
  EXPECT_EQ(prof::registry().depth_of("other", 0), 0);
}

}  // namespace
