// timecite::pipeline::CheckOnline — online verification as `timecite check`,
// `recheck` and `resolve` run it: fetch and index what the citations need
// (crawl_run.h: one polite crawl, each request once; then the other reading of
// each URL whose guessed end or join failed for certain, linker/checks/verify.h
// PlanAlternativeFetches; then one probe per host and directory pattern of
// the pages that may be soft 404s, linker/checks/not_found_probe.h), look up
// archive copies of
// the dead links (the Wayback Machine's availability API,
// linker/checks/wayback.h), then apply the rules (linker/checks/rules.h
// offline, linker/checks/verify.h online) reading the store.
//
// The run takes its I/O from the caller: the store, the Fetcher and the Clock
// (ninja's Builder takes its DiskInterface the same way), so it runs on the
// network (crawler::CurlFetcher), on a fake fetcher in tests, or on a fleet.
//
// Thread safety: one run at a time per store and per fetcher.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/clock.h"
#include "crawler/fetcher.h"
#include "linker/checks/rules.h"
#include "linker/checks/verify.h"
#include "linker/report/report.h"
#include "pipeline/crawl_run.h"
#include "store/store.h"

namespace timecite::pipeline {

struct DocumentCitations {
  std::string path;  // as the user gave it
  std::vector<linker::Citation> citations;
};

// Where a run reports its progress; every member may be empty. Called on the
// run's thread.
struct ProgressSink {
  // During a crawl, about every crawl.progress_interval_ms. `phase` names the
  // crawl: "fetching" or "archive lookups".
  std::function<void(std::string_view phase, const crawler::CrawlProgress&)>
      fetching;
  // After the crawl, once per recording as it is indexed (or found failed).
  std::function<void(const IndexProgress&)> indexed;
  // A crawl phase is over (a terminal clears its progress line).
  std::function<void()> phase_done;
};

struct OnlineOptions {
  FetchSettings fetch;           // from the configuration and the flags
  linker::VerifyOptions verify;  // now, history, countries, remap
  linker::CheckOptions check;    // severities, accept, exclude
  bool archive_lookup = true;    // ask the Wayback Machine for dead links
  ProgressSink progress;
  const std::atomic<bool>* stop = nullptr;  // may be null
  // --deadline: ms from the start of CheckOnline after which no fetch is
  // started (the archive lookups included); what was not fetched by then is
  // `unverified` ("not checked before the --deadline (N s)"). 0: none.
  int64_t deadline_ms = 0;
};

struct OnlineStats {
  int64_t requests = 0;    // HTTP requests made (robots.txt included)
  int64_t recordings = 0;  // recordings indexed
  int64_t archive_lookups = 0;
  int64_t not_found_probes = 0;  // host probes made (soft 404, see
                                 // linker/checks/not_found_probe.h)
  std::vector<std::string> notes;  // per-asset problems worth a line on stderr
  bool deadline_reached = false;   // --deadline passed before all was fetched
  int64_t unfinished = 0;  // URLs and recordings not checked for that reason
};

// Checks every document's citations online, fetching through `fetcher` (the
// caller owns it; nothing else may be in flight on it) with `clock` for
// politeness and stored times. Errors: the crawl could not run (store, an
// invalid setting); per-URL failures are verdicts, not errors.
Result<std::vector<linker::DocumentReport>> CheckOnline(
    store::Store& db, crawler::Fetcher& fetcher, crawler::Clock& clock,
    std::vector<DocumentCitations> docs, const OnlineOptions& options,
    OnlineStats* stats);

}  // namespace timecite::pipeline
