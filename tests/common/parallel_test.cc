#include "common/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace timecite {
namespace {

TEST(Parallel, EachIndexExactlyOnce) {
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    std::vector<std::atomic<int>> calls(1000);
    ParallelFor(calls.size(), jobs, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < calls.size(); ++i)
      ASSERT_EQ(calls[i].load(), 1) << "index " << i << ", jobs " << jobs;
  }
}

TEST(Parallel, UsesUpToJobsThreadsAndNoneForNothing) {
  std::mutex mu;
  std::set<std::thread::id> seen;
  ParallelFor(64, 4, [&](std::size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    seen.insert(std::this_thread::get_id());
  });
  EXPECT_GE(seen.size(), 1u);
  EXPECT_LE(seen.size(), 4u);
  EXPECT_TRUE(seen.count(std::this_thread::get_id()));  // the caller works too

  int calls = 0;
  ParallelFor(0, 4, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
  // One job runs on the calling thread, in order.
  std::vector<std::size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  ParallelFor(5, 1, [&](std::size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(Parallel, ThreadCount) {
  EXPECT_EQ(ThreadCount(3), 3u);
  EXPECT_GE(ThreadCount(0), 1u);
}

}  // namespace
}  // namespace timecite
