// --redis URL and --run-id ID on the subcommands that fetch for a store
// (crawl, check, recheck): their fetches go to a fleet of `timecite worker`s
// through Redis instead of a local CurlFetcher (docs/fleet.md). Without
// --redis nothing changes.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "pipeline/network.h"
#include "common/status.h"
#include "crawler/clock.h"
#include "crawler/crawler.h"
#include "crawler/fetcher.h"

namespace timecite::cli {

struct FleetFlags {
  std::string redis_url;  // empty: fetch locally
  std::string run_id;     // empty: derived (MakeRunFetcher)
};

// Adds --redis and --run-id to `cmd`.
void AddFleetOptions(CLI::App* cmd, FleetFlags* flags);

// The Fetcher a crawl, check or recheck hands to its pipeline run (it must
// outlive the run; `clock` must outlive it).
//   - Without --redis: pipeline::MakeFetcher(network, settings, clock),
//     `settings` untouched.
//   - With --redis: a fleet::FleetFetcher connected to Redis with its run
//     begun, and `settings.crawl` changed to fleet::FleetCrawlOptions (robots.txt and
//     intervals left to the workers, who apply them fleet-wide; `network` is
//     then the workers' business, not used here). The run id is --run-id,
//     else fleet::RunIdFor(db_path) — plus "-PID" when `per_process` (runs
//     whose frontier is not durable, so two at once on one store must not
//     share one).
// Errors: InvalidArgument (exit 3) for --run-id without --redis, a bad URL
// or run id; Network "redis <url>: <reason>" (exit 1) when Redis cannot be
// reached; MakeFetcher's.
Result<std::unique_ptr<crawler::Fetcher>> MakeRunFetcher(
    const FleetFlags& fleet, const pipeline::NetworkOptions& network,
    const std::string& db_path, bool per_process, pipeline::FetchSettings& settings,
    crawler::Clock& clock);

}  // namespace timecite::cli
