// timecite::pipeline::FetchAndIndex — the crawl-and-index run behind
// `timecite crawl` and the online `timecite check` (docs/crawler.md, "Crawl
// and index"). It takes its I/O from the caller: the store, the Fetcher
// (crawler/curl_fetcher.h for the network, a fake in tests, a fleet of
// workers with --redis) and the Clock.
//
// One Crawler run (crawler/crawler.h: robots.txt, per-host politeness,
// retries) makes every request of the run, each at most once:
//   - plain URLs (any cited link): GET, recorded only;
//   - recordings (asset ids): the Web TV asset page
//     (https://webtv.un.org/{lang}/asset/{folder}/{id}); when the page is a
//     recording, the Kaltura multirequest POST for its player id and the UN
//     Transcripts JSON
//     (https://transcripts.un.org/{lang}/asset/{folder}/{id}.json) are added to
//     the same run (indexer/ingest.h has the request shapes);
//   - schedule days: https://webtv.un.org/{lang}/schedule/YYYY-MM-DD, then
//     every card's recording as above.
// Every outcome is stored as it completes (store `fetches`, `fetch_log`,
// `bodies`; key: crawler::RequestKey — the canonical URL for a GET,
// URL + "#post-" + 16 hex digits of the body's SHA-256 for a POST). When the
// crawl is over, every recording is indexed (indexer::IngestAsset, one
// IndexWriter batch per recording) with a FetchFn that answers from this
// run's stored outcomes; a request the run did not make (it should not
// happen: the run makes exactly the requests IngestAsset asks for) is fetched
// then, through a one-request Crawler run (robots.txt, retries).
//
// Thread safety: one call at a time per store; `stop` may be set from any
// thread or a signal handler (checked between fetches and between assets).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "common/status.h"
#include "crawler/crawler.h"
#include "indexer/index_writer.h"
#include "store/store.h"

namespace timecite::pipeline {

// How to fetch: from timecite.toml [crawler] (FetchSettingsFromConfig) and
// command-line flags.
struct FetchSettings {
  // Politeness, retries, user agent, deadlines. `use_head` applies to the
  // plain URLs only: pages to index are always fetched with GET.
  crawler::CrawlOptions crawl;
  // Fetch loopback, private, link-local and cloud metadata addresses
  // ([crawler] allow_private; crawler/address_policy.h). Not used by the runs
  // here: MakeFetcher (pipeline/network.h) builds the Fetcher with it, or'd
  // with --allow-private, for every command.
  bool allow_private = false;
  // Conditional requests (If-None-Match / If-Modified-Since) from the stored
  // ETag and Last-Modified; a 304 answers from the stored body. Without it,
  // every request of the run is made unconditionally — except plain URLs
  // when `skip_fetched` is set.
  bool recheck = false;
  // Plain URLs (IndexTargets::urls) that already have a stored fetch are not
  // fetched again unless `recheck` (`timecite crawl URL...` behaviour). Asset
  // and schedule requests are always made.
  bool skip_fetched = false;
  // The run's requests also go to the store's `frontier`, and the run first
  // resumes what an interrupted durable run left there (`timecite crawl`).
  // false: the to-do list lives in memory (`timecite check`); outcomes are
  // stored either way.
  bool durable = false;
  std::string lang = "en";  // language of the Web TV pages and transcripts
};

// What to fetch. Duplicates are fetched once.
struct IndexTargets {
  std::vector<std::string> urls;            // plain GETs (any cited link)
  std::vector<std::string> asset_ids;       // recordings: "k1" + 8 of [0-9a-z]
  std::vector<std::string> schedule_dates;  // "YYYY-MM-DD"
};

// One recording's indexing.
struct AssetOutcome {
  std::string asset_id;
  // Ok, or why nothing was written: the page or transcript could not be had
  // (Network), markup drift or a parser's InvalidArgument, a store error, or
  // Network "stopped before ..." when `stop` ended the run first.
  Status status;
  std::vector<std::string> notes;  // "no transcript", "Kaltura error ...", ...
  indexer::IndexStats stats;       // valid when status is ok
  std::string schedule_date;       // the schedule day that listed it, if any
  bool unfinished = false;  // `stop` or the run deadline came first
};

// One schedule day.
struct ScheduleOutcome {
  std::string date;                    // "YYYY-MM-DD"
  Status status;                       // the page's fetch or parse
  std::vector<std::string> asset_ids;  // its cards' recordings, in page order
};

struct IndexRun {
  // The crawl (all requests). A recording's UN Transcripts request answered
  // 404 — normal: many recordings have no transcript — is in
  // `progress.absent` (its request is marked absent_ok), not in `failed`.
  crawler::CrawlProgress progress;
  std::vector<AssetOutcome> assets;  // in target order, then schedule order
  std::vector<ScheduleOutcome> schedules;  // in target order
  // Plain URLs not fetched because already stored (skip_fetched), and
  // plain URLs that are not http(s) URLs (with the parser's message).
  size_t skipped = 0;
  std::vector<std::pair<std::string, std::string>> bad_urls;
  // Requests made after the crawl because the run had not made them (should
  // be 0; see the file comment).
  int64_t late_requests = 0;
  // The full-text index kept in step (search::StoreFollower): Ok, or the
  // first problem with it (the crawl went on; the index is behind).
  Status search_index = Status::Ok();
};

// Progress of the indexing phase, after the crawl: one call per recording.
struct IndexProgress {
  size_t done = 0;       // recordings dealt with so far (indexed or failed)
  size_t total = 0;      // recordings of the run
  std::string asset_id;  // the one just dealt with
  bool ok = true;        // its outcome's status
};

// Fetches every target politely through `fetcher` (nothing else in flight on
// it; the caller owns it and may reuse it for the next run), with `clock` for
// politeness and the stored records' times, and indexes every recording (see
// the file comment). `on_progress` (may be empty) is called about every
// settings.crawl.progress_interval_ms during the crawl (transcript 404s in
// `absent`, as in IndexRun); `on_indexed` (may be
// empty) once per recording after the crawl, as it is indexed (or found
// failed), in IndexRun::assets order; `stop` (may be null)
// ends the run early: fetches in flight finish, recordings whose requests were
// all made are still indexed, the others get a Network "stopped" status. Errors
// (the whole run failed): InvalidArgument for an empty user agent or a
// malformed asset id or date in `targets`; store errors. Per-target failures are in the IndexRun,
// not errors.
Result<IndexRun> FetchAndIndex(
    store::Store& store, crawler::Fetcher& fetcher, crawler::Clock& clock,
    const IndexTargets& targets,
    const FetchSettings& settings,
    const std::function<void(const crawler::CrawlProgress&)>& on_progress,
    const std::atomic<bool>* stop,
    const std::function<void(const IndexProgress&)>& on_indexed = {});

// The store key under which the fetch of `url` (a GET) is recorded: the
// crawler's canonical form (common/url.h). `url` itself when it does not
// parse.
std::string FetchKey(std::string_view url);


}  // namespace timecite::pipeline
