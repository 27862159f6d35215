// timecite::crawler::CurlFetcher — the Fetcher on libcurl's multi interface
// (curl_multi_poll, a back-pointer to each transfer in CURLOPT_PRIVATE, and
// the documented cleanup order: remove handle, clean up easy, clean up multi).
// crawler/ is the only code besides common/url.cc that includes curl headers;
// none leak through this header.
//
// Behaviour (DESIGN §6): redirects are followed by hand, up to the request's
// limit, each hop recorded (status, Location); a URL met a third time in one
// chain is a loop; only http and https are followed; cookies live within one
// chain (one easy handle per fetch with its own cookie engine); every encoding
// curl supports is accepted and decoded; the body cap counts decoded bytes;
// TLS peers and host names are verified, against the system CAs plus
// `ca_file` (parsed once per process and shared by every connection, see
// CaBundleParses); proxies come from the usual environment variables (http_proxy,
// https_proxy, no_proxy, as libcurl reads them); `connect_to` has curl's
// --connect-to meaning, so tests reach the replica with the real URLs;
// loopback, private, link-local and cloud metadata addresses are refused
// unless `address_policy` allows them (address_policy.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "crawler/address_policy.h"
#include "crawler/clock.h"
#include "crawler/fetcher.h"

namespace timecite::crawler {

struct CurlFetcherOptions {
  std::string user_agent;  // sent with every request; required
  // "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT", as curl --connect-to.
  std::vector<std::string> connect_to;
  std::string ca_file;  // PEM bundle trusted in addition to the system's
  int64_t connect_timeout_ms = 10'000;
  int max_connections = 256;  // cached connections kept open for reuse
  // Which addresses may be reached, checked on every hop's URL host and on
  // every address connected to (address_policy.h); a refusal ends the fetch
  // with ErrorClass::kPrivateAddress. The default refuses every non-public
  // address; AddressPolicy::Make(allow_private, connect_to, proxies) is what
  // the CLI passes.
  AddressPolicy address_policy;
  // Times the records' started_ms / finished_ms; must outlive
  // the fetcher. Null: a SystemClock of its own.
  Clock* clock = nullptr;
};

class CurlFetcher final : public Fetcher {
 public:
  // Errors: InvalidArgument for an empty user agent or a `ca_file` holding
  // no PEM certificate; IoError when curl cannot be set up or `ca_file`
  // cannot be read.
  static Result<std::unique_ptr<CurlFetcher>> Create(CurlFetcherOptions options);
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  void Start(Token token, FetchRequest request) override;
  std::vector<Done> Wait(int64_t timeout_ms) override;
  size_t InFlight() const override;

  class Impl;

 private:
  explicit CurlFetcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// How many times this process has parsed a CA bundle (the system's plus a
// `ca_file`): once per distinct `ca_file` content, however many fetchers and
// TLS connections use it. For benchmarks and tests; thread-safe.
int CaBundleParses();

// The error class of a libcurl result code (CURLcode as an int, so callers
// need no curl header): resolve failures → dns, timeouts → timeout, TLS and
// certificate failures → tls, ... (docs/crawler.md has the table).
ErrorClass ClassifyCurlCode(int curl_code);

}  // namespace timecite::crawler
