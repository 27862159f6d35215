// timecite::fleet::Worker — `timecite worker`: takes fetch tasks from the
// fleet's stream, fetches them with the crawler's rules and hands each result
// back to the coordinator that asked (protocol.h has the keys and messages).
//
// Per task (at most 8 x `jobs` held, `jobs` fetching at once):
//   1. XREADGROUP from "timecite:v1:tasks", group "workers", consumer = the
//      worker id; a task of a run whose coordinator is gone (no alive key) or
//      restarted since (another epoch) is acknowledged and dropped unfetched;
//      a malformed or foreign entry is logged, acknowledged and dropped.
//   2. robots.txt of its origin (unless obey_robots is off): from this
//      worker's cache, else from Redis (robots:{origin}, with its age; 24 h,
//      robots.h kRobotsCacheMs), else fetched by one worker of the fleet (a
//      SET NX lock) through the same politeness and shared. A refused URL is
//      settled without fetching (robots-disallowed, or the unreachable class).
//   3. A place at its host (politeness.h: concurrency, interval, Retry-After
//      across the fleet), then one attempt with the CurlFetcher: http(s)
//      only, the body, time and redirect caps the lower of the task's and the
//      worker's. Retries are the coordinator's Crawler's (crawler.h): its
//      frontier holds the retry and its backoff, so a waiting retry holds no
//      worker and no lease.
//   4. The result XADDed to the coordinator's results stream, the task XACKed
//      and XDELed, in one MULTI/EXEC.
// Held tasks are claimed again (XCLAIM, idle reset) every lease/3; tasks held
// by a worker silent for `lease_ms` are taken over (XAUTOCLAIM). Fetching is
// therefore at least once; the coordinator stores each result once.
//
// Redis unreachable mid-run (a restart): the worker keeps its tasks and
// fetches, retries every 250 ms, and carries on when it is back.
//
// Thread safety: Run() on one thread; the stop flag may be set from any
// thread or a signal handler.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/status.h"
#include "crawler/crawler.h"
#include "crawler/curl_fetcher.h"
#include "fleet/redis.h"

namespace timecite::fleet {

struct WorkerOptions {
  std::string worker_id;  // unique in the fleet; required
  // Fetches in flight at once; up to 8 times as many tasks are held, waiting
  // for a place at their host.
  int jobs = 16;
  // user_agent (required: its product token picks the robots.txt group),
  // connect_to, ca_file. `clock` is ignored (the system clock).
  crawler::CurlFetcherOptions fetch;
  crawler::HostPolicy default_host_policy;
  std::map<std::string, crawler::HostPolicy> host_policies;  // by host[:port]
  bool obey_robots = true;
  int64_t max_body_bytes = 20 * 1024 * 1024;  // caps on what a task asks
  int64_t attempt_timeout_ms = 30'000;
  int max_redirects = 10;
  // A task held this long by a worker that did not claim it again is taken
  // over by another; a host's place held this long without renewal is freed.
  int64_t lease_ms = 60'000;
  // worker:{id}, claims and places renewed; at most lease_ms / 3.
  int64_t heartbeat_ms = 1'000;
  // Where notes go ("worker w1: skipped malformed task 17-0: ..."); empty:
  // stderr.
  std::function<void(const std::string&)> log;
};

struct WorkerStats {
  int64_t tasks = 0;      // taken from the stream (claims included)
  int64_t fetched = 0;    // results handed back
  int64_t stale = 0;      // dropped: their coordinator is gone or restarted
  int64_t malformed = 0;  // dropped: not a task of this protocol
  int64_t claimed = 0;    // taken over from silent workers
  int64_t robots_fetches = 0;
  int64_t redis_commands = 0;
};

class Worker {
 public:
  // Connects to Redis and creates the consumer group if needed. Errors:
  // Network "redis <url>: <reason>" when Redis cannot be reached;
  // InvalidArgument for an empty worker id or user agent; the CurlFetcher's.
  static Result<std::unique_ptr<Worker>> Create(const RedisEndpoint& endpoint,
                                                WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Works until `stop` is set; then stops taking tasks, finishes those it
  // holds (politely: seconds at most with the default policy), hands their
  // results back and says goodbye (its worker:{id} key removed). A second
  // stop (`abandon`) returns at once: what it held is taken over after the
  // lease. Errors: none for Redis outages (it waits).
  Status Run(const std::atomic<bool>& stop,
             const std::atomic<bool>* abandon = nullptr);

  WorkerStats stats() const;

  class Impl;

 private:
  explicit Worker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "HOSTNAME-PID": the default worker id.
std::string DefaultWorkerId();

}  // namespace timecite::fleet
