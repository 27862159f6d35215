// The network a run fetches through: curl's --connect-to, an extra CA bundle
// and --allow-private (the address policy, crawler/address_policy.h) from the
// command line, and the crawl settings' user agent and concurrency. The runs
// of this folder take the Fetcher this builds; its builders are the CLI's
// commands (check, crawl, recheck, resolve) and `timecite serve
// --allow-online` (serve/server.h), so both fetch under the same rules.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "crawler/clock.h"
#include "crawler/crawler.h"
#include "crawler/curl_fetcher.h"
#include "crawler/fetcher.h"
#include "pipeline/crawl_run.h"

namespace timecite::pipeline {

struct NetworkOptions {
  // curl --connect-to entries "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT"
  // (tests send the real host names to the replica on loopback).
  std::vector<std::string> connect_to;
  std::string ca_file;  // extra PEM CA bundle (tests: the replica's); "" none
  // Fetch loopback, private, link-local and cloud metadata addresses
  // (--allow-private, [crawler] allow_private; crawler/address_policy.h).
  // The TO-HOSTs of `connect_to` are allowed either way.
  bool allow_private = false;
};

// The libcurl options of a command's fetcher: the user agent of
// `settings.crawl`, the --connect-to entries and CA bundle, the address policy
// (private addresses allowed when --allow-private or [crawler] allow_private
// says so — decided here, for every command; the --connect-to targets; the
// proxy hosts of the environment) and idle connections kept for reuse, twice
// `settings.crawl.max_concurrent` (at least 16). `clock` is left null.
// `timecite worker` builds its fetcher from these too.
crawler::CurlFetcherOptions CurlOptionsFor(const NetworkOptions& network,
                                           const FetchSettings& settings);

// A libcurl fetcher (crawler/curl_fetcher.h) with CurlOptionsFor(network,
// settings), timing its requests on `clock` (which must outlive it).
// Errors: IoError when curl cannot be set up or the CA file read.
Result<std::unique_ptr<crawler::Fetcher>> MakeFetcher(
    const NetworkOptions& network, const FetchSettings& settings,
    crawler::Clock& clock);

}  // namespace timecite::pipeline
