// timecite::crawler::Fetcher — runs HTTP fetches, many at once, with no
// policy of its own: politeness, robots.txt, retries and deadlines are the
// Crawler's (crawler.h). One Start() is one attempt; redirects are followed
// inside it, each hop recorded.
//
// Ownership: the Fetcher owns every transfer from Start() until Wait() hands
// back its FetchRecord. Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "crawler/fetch_record.h"

namespace timecite::crawler {

// What one fetch asks for.
struct FetchRequest {
  std::string url;             // absolute http(s) URL
  std::string method = "GET";  // "GET", "HEAD" or "POST"
  // With method "POST": the bytes sent and their Content-Type (no
  // "Expect: 100-continue"). A 301, 302 or 303 answer to a POST is followed
  // with a GET without body, as curl and browsers do; 307 and 308 repeat the
  // POST with its body. The Crawler identifies a POST by RequestKey()
  // (crawler.h), since one URL may take many bodies.
  std::string body;
  std::string content_type;
  // With method "HEAD": when the answer is an error status other than 404,
  // 410 or 429 (servers that mishandle HEAD), ask again with GET.
  bool head_fallback_to_get = true;
  int max_redirects = 10;       // hops followed; one more is redirect-loop
  int64_t timeout_ms = 30'000;  // the whole attempt, all hops
  int64_t max_body_bytes = 20 * 1024 * 1024;  // after decompression
  // At the cap: stop reading and report ok with body_truncated (robots.txt:
  // parse the first 500 KiB) instead of too-large.
  bool truncate_at_cap = false;
  std::string if_none_match;      // ETag of the stored copy (recheck)
  std::string if_modified_since;  // Last-Modified of the stored copy
};

class Fetcher {
 public:
  using Token = uint64_t;
  struct Done {
    Token token;
    FetchRecord record;
  };

  virtual ~Fetcher() = default;
  // Starts a fetch. `token` names it in Wait()'s answer.
  virtual void Start(Token token, FetchRequest request) = 0;
  // Waits at most `timeout_ms` for fetches to finish and returns those that
  // have (maybe none). Returns at once when some are already done.
  virtual std::vector<Done> Wait(int64_t timeout_ms) = 0;
  // Fetches started and not yet handed back.
  virtual size_t InFlight() const = 0;
};

// Runs `request` to completion on `fetcher` (which must have nothing else in
// flight) and returns its record.
FetchRecord FetchNow(Fetcher& fetcher, FetchRequest request);

}  // namespace timecite::crawler
