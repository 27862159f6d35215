// Politeness across the fleet: the crawler's per-host rules (crawler.h
// HostPolicy: at most `max_concurrent` fetches at once, at least
// `min_interval_ms` between two requests, a Retry-After blocking the host)
// kept in Redis and taken atomically by Lua scripts (EVALSHA), so any number
// of workers on any machines are exactly as polite to a host as one Crawler.
//
// The time is Redis's (TIME inside the script), so workers' clocks need not
// agree. As in the Crawler, with an interval the host's next request waits
// until the previous one has gone out (Sent): a slow handshake cannot bunch
// two requests up; the interval counts from the moment the worker reports
// the request sent (after it went out: never shorter than configured).
//
// A holder (one fetch: "worker-id/task-entry-id") keeps its place until
// Release or until its lease ends (a worker that died frees the host then).
// Keys: protocol.h host:{host} and host:{host}:flights, expiring a day after
// their last use.
//
// Thread safety: as the Redis passed in (one thread at a time).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "crawler/crawler.h"
#include "fleet/redis.h"

namespace timecite::fleet {

struct Grant {
  bool granted = false;
  // When not granted: ms until the interval or a Retry-After has passed; -1
  // when the host is at its concurrency or its last request is not yet sent
  // (ask again soon).
  int64_t wait_ms = -1;
};

// A place asked for (Acquire's arguments).
struct PlaceAsk {
  std::string host;
  std::string holder;
  crawler::HostPolicy policy;
  int64_t lease_ms = 0;
};

// A send or a release to book (Sent's or Release's arguments).
struct PlaceEvent {
  enum class Kind { kSent, kRelease } kind = Kind::kSent;
  std::string host;
  std::string holder;
  int64_t min_interval_ms = 0;  // kSent: the host policy's interval
  int64_t retry_after_ms = 0;   // kRelease: a Retry-After to honour, or 0

  static PlaceEvent Sent(std::string host, std::string holder, int64_t min_interval_ms) {
    return {Kind::kSent, std::move(host), std::move(holder), min_interval_ms, 0};
  }
  static PlaceEvent Release(std::string host, std::string holder, int64_t retry_after_ms) {
    return {Kind::kRelease, std::move(host), std::move(holder), 0, retry_after_ms};
  }
};

class FleetPoliteness {
 public:
  // `redis` must outlive this object.
  explicit FleetPoliteness(Redis& redis) : redis_(redis) {}

  // Takes a place for `holder` at `host` when the policy allows it now; the
  // place lasts at most `lease_ms`. Taking a place already held is granted
  // again (idempotent). Errors: the Redis errors (Network when unreachable).
  Result<Grant> Acquire(const std::string& host, const std::string& holder,
                        const crawler::HostPolicy& policy, int64_t lease_ms);
  // The holder's request has gone out: the next may start `min_interval_ms`
  // from now (Redis's now).
  Status Sent(const std::string& host, const std::string& holder,
              const crawler::HostPolicy& policy);
  // The holder's fetch is over; `retry_after_ms` > 0 (a Retry-After on a
  // failure) blocks the whole host for that long.
  Status Release(const std::string& host, const std::string& holder,
                 int64_t retry_after_ms);

  // The batch forms, one Redis round trip each (a pipeline of the scripts;
  // Redis runs them in order, so two asks for one host see each other): a
  // worker asks for all its waiting tasks' places of a turn at once and
  // books all its sends and releases at once. AcquireMany returns one Grant
  // per ask, in order. Errors: as Acquire; an error reply of any script.
  Result<std::vector<Grant>> AcquireMany(const std::vector<PlaceAsk>& asks);
  Status BookMany(const std::vector<PlaceEvent>& events);

 private:
  Redis& redis_;
};

}  // namespace timecite::fleet
