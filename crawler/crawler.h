// timecite::crawler::Crawler — polite, resumable fetching of a frontier.
//
// Policy (docs/crawler.md):
// - Politeness per host (host[:port]), HostPolicy: with an interval, one
//   fetch at a time, the next starting `min_interval_ms` after the previous
//   one ended; without, at most `max_concurrent` at once (defaults 2 and
//   500 ms); overridable per host; a global cap on fetches in flight. robots.txt is fetched once per origin (scheme://host[:port])
//   before its first URL, through the same politeness, and obeyed (robots.h).
// - Retries with exponential backoff and jitter (retry.h) for transient
//   outcomes; a Retry-After (seconds or HTTP-date) blocks the whole host until
//   it passes, and the retry waits at least that long. A URL gives up after
//   `retry.max_retries` retries or when its next try would pass its deadline
//   (`url_deadline_ms` after its first try). The run stops starting fetches
//   at `run_deadline_ms`; what is left stays in the frontier.
// - Every attempt's outcome goes to Frontier::Complete (with the retry, if
//   any), so a killed crawl resumes from the frontier having lost no
//   completed fetch and repeating only what was in flight.
//
// All policy time comes from the Clock, so tests drive it with a FakeClock and
// a fake Fetcher that completes fetches in fake time, without sleeping.
//
// Thread safety: one thread runs Run(); RequestStop() may be called from any
// thread or a signal handler.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "crawler/clock.h"
#include "crawler/fetcher.h"
#include "crawler/frontier.h"
#include "crawler/retry.h"

namespace timecite::crawler {

// The politeness rule, the same for a local crawl and a fleet (the fleet's
// Lua scripts, fleet/politeness.h, apply it in Redis; docs/crawler.md
// "Politeness"): the interval counts from the end of the host's previous
// fetch (its answer read, or its failure), as Heritrix and Nutch count it. A
// server answers a request only after receiving it, so two requests a host
// receives are never closer than the interval, however late either is sent
// or stamped. Hence, with an interval, a host has one fetch in flight at a
// time; `max_concurrent` applies to hosts without one.
struct HostPolicy {
  int max_concurrent = 2;
  int64_t min_interval_ms = 500;

  // Fetches the host may have in flight at once: 1 with an interval, else
  // max_concurrent (at least 1).
  int Concurrency() const { return min_interval_ms > 0 ? 1 : std::max(1, max_concurrent); }
  // The earliest start of the host's next fetch, the previous one having
  // ended at `ended_ms` on a clock counting whole ms (a time read as T may be
  // up to 1 ms past T: counting from T + 1 keeps the gap at least the
  // interval).
  int64_t NextStartMs(int64_t ended_ms) const {
    return min_interval_ms > 0 ? ended_ms + 1 + min_interval_ms : ended_ms;
  }
};

// When each host may next be asked (HostPolicy::NextStartMs of its last
// fetch's end) and until when a Retry-After blocks it, by host[:port]: kept
// across the Crawler runs of one job in one process (check's runs, one after
// another), so a run's first request to a host keeps the interval from the
// previous run's last. Not thread safe: one Crawler at a time.
struct HostTimes {
  std::map<std::string, int64_t> next_start_ms;
  std::map<std::string, int64_t> blocked_until_ms;
};

struct CrawlOptions {
  // Honest and configurable; its product token (robots.h) selects the
  // robots.txt group.
  std::string user_agent;
  HostPolicy default_host_policy;
  std::map<std::string, HostPolicy> host_policies;  // by host[:port]
  int max_concurrent = 16;  // fetches in flight over all hosts
  bool obey_robots = true;
  RetryPolicy retry;
  int64_t attempt_timeout_ms = 30'000;
  int64_t url_deadline_ms = 120'000;  // from a URL's first try; 0: none
  int64_t run_deadline_ms = 0;        // from the start of Run(); 0: none
  int64_t max_body_bytes = 20 * 1024 * 1024;
  int max_redirects = 10;
  bool use_head = false;     // HEAD first, GET when HEAD is refused
  uint64_t jitter_seed = 0;  // 0: seeded from std::random_device
  int64_t progress_interval_ms = 500;
  // Shared with earlier and later runs (must outlive this Crawler); null:
  // this Crawler's hosts start unpaced.
  HostTimes* host_times = nullptr;
};

struct HostWait {
  std::string host;
  int64_t wait_ms = 0;  // until Retry-After or backoff lets it go on
};

struct CrawlProgress {
  int64_t done = 0;  // URLs finished: ok + failed + absent
  int64_t ok = 0;
  int64_t failed = 0;
  // 404 or 410 for a task marked "absent_ok" (frontier.h): the resource is
  // normally missing. Neither in `failed` nor in `by_class`.
  int64_t absent = 0;
  int64_t retries = 0;    // attempts scheduled again
  int64_t queued = 0;     // waiting in the frontier
  int64_t in_flight = 0;  // fetches running (robots.txt included)
  int64_t requests = 0;   // fetches started (robots.txt included)
  int64_t elapsed_ms = 0;
  std::map<std::string, int64_t> by_class;  // final outcomes by error class
  std::vector<HostWait> waits;              // hosts held back right now
  bool deadline_reached = false;
  bool stopped = false;
};

class Crawler {
 public:
  // `fetcher`, `frontier` and `clock` must outlive the Crawler.
  Crawler(Fetcher& fetcher, Frontier& frontier, Clock& clock,
          CrawlOptions options);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Adds `url` to the frontier, due now, under RequestKey(method, url, body).
  // `task` may carry "if_none_match" and "if_modified_since" (a recheck), and
  // "method": "POST" with "body" and "content_type" (a POST; the real URL then
  // goes to task "url", the frontier item's url being the key). POST is
  // retried like GET: the POSTs timecite makes (Kaltura multirequest) are
  // reads. InvalidArgument when not http(s).
  //
  // From within Run (an `on_final` callback), the item also joins the running
  // crawl at once, unless a request with the same key was already loaded or
  // enqueued in this run (each request is made at most once per run; Ok).
  Status Enqueue(std::string_view url,
                 nlohmann::json task = nlohmann::json::object());

  // Called with each request's final outcome (ok or given up; not retries,
  // not robots.txt), on Run's thread, after the outcome is in the frontier.
  using FinalFn = std::function<void(const FrontierItem&, const FetchRecord&)>;

  // Loads the frontier (one item per key: duplicates are removed) and crawls
  // until it is empty, the run deadline passes, or RequestStop(). Calls
  // `on_progress` every progress_interval_ms and once at the end, `on_final`
  // for every final outcome (it may Enqueue more). Errors: the frontier's (a
  // store write failed); the crawl stops at the first.
  Result<CrawlProgress> Run(
      const std::function<void(const CrawlProgress&)>& on_progress = {},
      const FinalFn& on_final = {});

  // Stops starting fetches; Run returns when those in flight have ended.
  void RequestStop() { stop_.store(true); }

  class Impl;

 private:
  std::atomic<bool> stop_{false};
  std::unique_ptr<Impl> impl_;
};

// "host" or "host:port" (non-default port) of an http(s) URL, lower case.
std::string HostKey(std::string_view url);

// The identity of a request in a run, the frontier and the store's
// `fetches`/`fetch_log` (keyed by URL): for GET and HEAD the canonical URL
// (common/url.h); for POST the canonical URL + "#post-" + the first 16 hex
// digits of the SHA-256 of the body, so two bodies sent to one URL (Kaltura's
// multirequest endpoint serves every entry) are two requests and the same
// body is one. `url` itself when it does not parse.
std::string RequestKey(std::string_view method, std::string_view url,
                       std::string_view body);

}  // namespace timecite::crawler
