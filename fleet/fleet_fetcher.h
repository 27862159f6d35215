// timecite::fleet::FleetFetcher — the coordinator's side of the fleet: a
// crawler::Fetcher whose fetches are made by `timecite worker` processes
// (worker.h) on any machine that reaches the same Redis.
//
// Start() queues the request as a task (protocol.h: XADD to
// "timecite:v1:tasks"); Wait() sends the queued tasks (one pipeline) and
// reads this run's results stream ("timecite:v1:results:{run}", XREAD
// BLOCK), deleting what it read. Each task is named (run, epoch, token): a
// result for a token no longer in flight (a task fetched twice after a
// worker's lease ran out) is dropped, so the Crawler — and so the store —
// sees each result once. The requests' timing (politeness) is the workers'
// (politeness.h).
//
// Use it under a Crawler (crawler.h) with robots.txt off and the interval 0
// (the workers apply both, fleet-wide), the per-host concurrency kept (it
// bounds how many tasks of one host wait in the stream, so no worker waits
// long behind a busy host) and the global cap raised (FleetCrawlOptions).
// Retries stay with the Crawler and its frontier: a killed coordinator
// resumes its run from the store's frontier like a local crawl.
//
// Runs and restarts: `run_id` should be stable for the store (RunIdFor); each
// Create() begins a new epoch of the run (HINCRBY run:{run} epoch), empties
// its results stream and keeps run:{run}:alive refreshed (TTL `alive_ttl_ms`)
// — workers drop the tasks of an older epoch or of a coordinator that is
// gone, so a restarted coordinator repeats at most what was in flight, as a
// local crawl does. When Redis restarts mid-run (AOF on: nothing
// acknowledged is lost) Wait() retries every 250 ms; if Redis came back
// without the run (no persistence), every task in flight is sent again. Two
// coordinators must not share a run id: when another begins the same run,
// this one's fetches end as connect failures (the workers drop its tasks).
//
// Thread safety: one thread at a time (the Crawler's).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "crawler/crawler.h"
#include "crawler/fetcher.h"
#include "fleet/redis.h"

namespace timecite::fleet {

struct FleetFetcherOptions {
  std::string run_id;  // required: [A-Za-z0-9._:-]+, stable for the store
  int64_t alive_ttl_ms = 30'000;
  // Notes (skipped messages, Redis away and back); empty: stderr.
  std::function<void(const std::string&)> log;
};

struct FleetFetcherStats {
  int64_t tasks = 0;       // XADDed (resent ones included)
  int64_t results = 0;     // handed to the Crawler
  int64_t duplicates = 0;  // results dropped: their token was done already
  int64_t stale = 0;       // results of an older epoch, dropped
  int64_t malformed = 0;   // entries of the results stream that were not ours
  int64_t redis_commands = 0;
};

class FleetFetcher final : public crawler::Fetcher {
 public:
  // Connects and begins a new epoch of the run. Errors: Network "redis
  // <url>: <reason>" when Redis cannot be reached; InvalidArgument for a bad
  // run id.
  static Result<std::unique_ptr<FleetFetcher>> Create(const RedisEndpoint& endpoint,
                                                      FleetFetcherOptions options);
  // Marks the run no longer alive (its tasks left in the stream are dropped
  // by the workers).
  ~FleetFetcher() override;
  FleetFetcher(const FleetFetcher&) = delete;
  FleetFetcher& operator=(const FleetFetcher&) = delete;

  void Start(Token token, crawler::FetchRequest request) override;
  std::vector<Done> Wait(int64_t timeout_ms) override;
  size_t InFlight() const override { return in_flight_.size(); }

  int64_t epoch() const { return epoch_; }
  FleetFetcherStats stats() const;

 private:
  FleetFetcher(std::unique_ptr<Redis> redis, FleetFetcherOptions options);
  Status Begin();
  Status Flush();
  Status Heartbeat(int64_t now);
  Result<std::vector<Done>> Read(int64_t timeout_ms);
  void RedisDown(const Status& s);

  std::unique_ptr<Redis> redis_;
  FleetFetcherOptions options_;
  int64_t epoch_ = 0;
  std::map<Token, crawler::FetchRequest> in_flight_;
  std::vector<Token> unsent_;  // started, not yet XADDed
  std::string last_id_ = "0-0";
  int64_t next_alive_ms_ = 0;
  int64_t retry_at_ms_ = 0;
  bool down_ = false;
  bool taken_over_ = false;  // another coordinator began this run since
  FleetFetcherStats stats_;
};

// The crawl options of a coordinator that hands its fetches to the fleet:
// `local` with robots.txt off, intervals 0 (per-host concurrency kept) and
// at least `fleet_in_flight` fetches at once.
crawler::CrawlOptions FleetCrawlOptions(crawler::CrawlOptions local,
                                        int fleet_in_flight = 1024);

// A run id stable for a store: "HOSTNAME:" + 12 hex digits of the SHA-1 of
// the store's absolute path.
std::string RunIdFor(const std::string& store_path);

}  // namespace timecite::fleet
