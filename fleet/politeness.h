// Politeness across the fleet: the crawler's per-host rule (crawler.h
// HostPolicy: with an interval, one fetch at a time and the next
// `min_interval_ms` after the previous one ended; without, at most
// `max_concurrent` at once; a Retry-After blocking the host) kept in Redis
// and taken atomically by Lua scripts (EVALSHA), so any number of workers on
// any machines are exactly as polite to a host as one Crawler.
//
// The time is Redis's (TIME inside the script), so workers' clocks need not
// agree. A fetch ends when its worker has its answer (or failure) and books
// the Release: after the server received the request, so the server never
// receives two requests closer than the interval, whichever worker sent
// them and however late. A place whose holder died ends at its lease's end.
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
#include <vector>

#include "common/status.h"
#include "crawler/crawler.h"
#include "fleet/redis.h"

namespace timecite::fleet {

struct Grant {
  bool granted = false;
  // When not granted: ms until the interval or a Retry-After has passed; -1
  // when the host is at its concurrency (ask again soon).
  int64_t wait_ms = -1;
};

// A place asked for (Acquire's arguments).
struct PlaceAsk {
  std::string host;
  std::string holder;
  crawler::HostPolicy policy;
  int64_t lease_ms = 0;
};

// A fetch ended: its place to give back (Release's arguments).
struct PlaceRelease {
  std::string host;
  std::string holder;
  int64_t min_interval_ms = 0;  // the host policy's interval, from now
  int64_t retry_after_ms = 0;   // a Retry-After to honour, or 0
};

class FleetPoliteness {
 public:
  // `redis` must outlive this object.
  explicit FleetPoliteness(Redis& redis) : redis_(redis) {}

  // Takes a place for `holder` at `host` when the policy allows it now
  // (policy.Concurrency() places at most; with an interval, not before it
  // has passed since the previous fetch ended); the place lasts at most
  // `lease_ms`. Taking a place already held is granted again (idempotent).
  // Errors: the Redis errors (Network when unreachable).
  Result<Grant> Acquire(const std::string& host, const std::string& holder,
                        const crawler::HostPolicy& policy, int64_t lease_ms);
  // The holder's fetch is over (its answer read, or its failure): the host's
  // next place is given `policy.min_interval_ms` from now (Redis's now);
  // `retry_after_ms` > 0 (a Retry-After on a failure) blocks the whole host
  // for that long.
  Status Release(const std::string& host, const std::string& holder,
                 const crawler::HostPolicy& policy, int64_t retry_after_ms);

  // The batch forms, one Redis round trip each (a pipeline of the scripts;
  // Redis runs them in order, so two asks for one host see each other): a
  // worker asks for all its waiting tasks' places of a turn at once and
  // gives back all its ended fetches' places at once. AcquireMany returns
  // one Grant per ask, in order. Errors: as Acquire; an error reply of any
  // script.
  Result<std::vector<Grant>> AcquireMany(const std::vector<PlaceAsk>& asks);
  Status ReleaseMany(const std::vector<PlaceRelease>& releases);

 private:
  Redis& redis_;
};

}  // namespace timecite::fleet
