// timecite::crawler::Clock — the crawler's only source of time, so politeness,
// retry and deadline policy can be tested on a fake clock without sleeping
// (as leveldb's Env is swapped for an in-memory one).
//
// Units: milliseconds since the unix epoch. SystemClock is monotonic (steady
// clock anchored at the wall time of its construction), so a change of the
// system time during a crawl cannot shorten a politeness interval.
//
// Thread safety: SystemClock may be used from any thread; FakeClock from one.
#pragma once

#include <chrono>
#include <cstdint>

namespace timecite::crawler {

class Clock {
 public:
  virtual ~Clock() = default;
  // Now, in unix ms.
  virtual int64_t NowMs() = 0;
};

class SystemClock final : public Clock {
 public:
  SystemClock();
  int64_t NowMs() override;

 private:
  std::chrono::steady_clock::time_point steady_base_;
  int64_t unix_base_ms_ = 0;
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t start_ms = 1'700'000'000'000) : now_ms_(start_ms) {}
  int64_t NowMs() override { return now_ms_; }
  void Advance(int64_t ms) { now_ms_ += ms; }
  void Set(int64_t ms) { now_ms_ = ms; }

 private:
  int64_t now_ms_;
};

// The system's time shifted by a fixed offset: real waits (politeness works
// as usual), stamped days later — rechecks across "days" in tests.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(int64_t offset_ms) : offset_ms_(offset_ms) {}
  int64_t NowMs() override { return system_.NowMs() + offset_ms_; }

 private:
  SystemClock system_;
  int64_t offset_ms_;
};

}  // namespace timecite::crawler
