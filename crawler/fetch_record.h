// The outcome of one fetch (one attempt, redirects included), as the crawler
// hands it to the frontier and the store.
//
// Error classes (common/fetch_error.h, docs/crawler.md): every outcome has exactly one; `ok` covers
// 2xx answers and a 304 to a conditional request. A soft 404 or a wrong
// content type is `ok` here: the crawler knows nothing of HTML meaning, the
// indexer judges the body.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fetch_error.h"

namespace timecite::crawler {

// ErrorClass, ErrorClassName, ParseErrorClass: common/fetch_error.h.

// One redirect answer of a chain.
struct RedirectHop {
  std::string url;       // the URL that answered with a redirect
  int status = 0;        // 301, 302, 303, 307, 308
  std::string location;  // the Location header as sent
};

struct FetchRecord {
  // The URL asked for (canonical form); from the Crawler, the request key
  // (crawler.h RequestKey: URL + "#post-<hash>" for a POST).
  std::string url;
  std::string method;     // "GET", "HEAD" or "POST" (the last one used)
  std::string final_url;  // after redirects
  int status = 0;         // HTTP status of the final answer; 0 when none came
  std::vector<RedirectHop> redirects;  // in the order followed
  std::string etag;                    // as sent, quotes included
  std::string last_modified;           // HTTP-date as sent
  std::string content_type;
  std::string retry_after;      // Retry-After of the final answer, as sent
  std::string body;             // decoded body (empty for HEAD and redirects)
  bool body_truncated = false;  // cut at the cap of a truncating request
  bool not_modified = false;    // 304 to a conditional request
  ErrorClass error = ErrorClass::kOk;
  std::string error_message;  // curl's text or ours; empty when ok
  int attempts = 1;           // tries it took, retries included
  int64_t started_ms = 0;     // unix ms
  int64_t finished_ms = 0;    // unix ms

  bool ok() const { return error == ErrorClass::kOk; }
};

}  // namespace timecite::crawler
