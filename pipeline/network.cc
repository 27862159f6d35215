#include "pipeline/network.h"

#include <algorithm>

#include "crawler/address_policy.h"
#include "crawler/curl_fetcher.h"

namespace timecite::pipeline {

crawler::CurlFetcherOptions CurlOptionsFor(const NetworkOptions& network,
                                           const FetchSettings& settings) {
  const crawler::CrawlOptions& crawl = settings.crawl;
  crawler::CurlFetcherOptions options;
  options.user_agent = crawl.user_agent;
  options.connect_to = network.connect_to;
  options.ca_file = network.ca_file;
  options.address_policy = crawler::AddressPolicy::Make(
      network.allow_private || settings.allow_private, network.connect_to,
      crawler::ProxyHostsFromEnvironment());
  options.max_connections = std::max(16, crawl.max_concurrent * 2);
  return options;
}

Result<std::unique_ptr<crawler::Fetcher>> MakeFetcher(
    const NetworkOptions& network, const FetchSettings& settings,
    crawler::Clock& clock) {
  crawler::CurlFetcherOptions options = CurlOptionsFor(network, settings);
  options.clock = &clock;
  auto fetcher = crawler::CurlFetcher::Create(options);
  if (!fetcher.ok()) return fetcher.status();
  return std::unique_ptr<crawler::Fetcher>(std::move(fetcher).value());
}

}  // namespace timecite::pipeline
