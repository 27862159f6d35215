// The flags of `timecite crawl` and the crawl options they give, over
// timecite.toml [crawler] (flags given on the command line win).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "cli/fleet_flags.h"
#include "pipeline/network.h"
#include "common/status.h"
#include "crawler/crawler.h"
#include "timecite/version.h"

namespace timecite::cli {

struct CrawlFlags {
  std::vector<std::string> urls;
  std::string from_file;
  std::vector<std::string> assets;     // asset ids, player ids or Web TV URLs
  std::vector<std::string> schedules;  // YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD
  bool from_citations = false;
  std::string lang = "en";
  std::string format = "text";
  bool recheck = false;
  std::string user_agent = TIMECITE_DEFAULT_USER_AGENT;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  FleetFlags fleet;                  // --redis, --run-id
  int concurrency = 16;
  int per_host = 2;
  int64_t interval_ms = 500;
  std::vector<std::string> host_policies;  // HOST=N/MS
  bool no_politeness = false;
  bool no_robots = false;
  int retries = 3;
  int64_t retry_base_ms = 1000;
  int64_t timeout_ms = 30'000;
  int64_t url_deadline_ms = 120'000;
  int64_t deadline_ms = 0;
  int64_t max_body = 20 * 1024 * 1024;
  int max_redirects = 10;
  bool head = false;
  bool progress = false;    // --progress: progress lines even off a terminal
  std::string config_path;  // --config; else ./timecite.toml when present
  // The flags given on the command line: they override timecite.toml
  // [crawler]; the others take its values (or its defaults).
  std::set<std::string> given;
};

// --host-policy HOST=N/MS entries into `o.host_policies`. Errors:
// InvalidArgument naming an entry that is not HOST=N/MS.
Status ParseHostPolicies(const CrawlFlags& f, crawler::CrawlOptions& o);

// The crawl options: timecite.toml [crawler] (user agent, concurrency,
// retries, timeout, body cap, default and per-host politeness) in `o`,
// overridden by the flags given; the flags without a [crawler] key always
// apply.
crawler::CrawlOptions OptionsOf(const CrawlFlags& f, crawler::CrawlOptions o);

}  // namespace timecite::cli
