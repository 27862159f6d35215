// Retry policy: which outcomes are worth another try, how long to wait
// (exponential backoff with jitter), and Retry-After (RFC 9110 §10.2.3) in
// both its forms.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

#include "crawler/fetch_record.h"

namespace timecite::crawler {

struct RetryPolicy {
  int max_retries = 3;              // tries after the first; 0: never retry
  int64_t base_delay_ms = 1'000;    // before the first retry, before jitter
  int64_t max_delay_ms = 60'000;    // backoff cap
  int64_t max_retry_after_ms = 600'000;  // longer Retry-After: give up
};

// Timeouts, connection errors, 5xx, 408 and 429 are transient; everything
// else (dns, tls, 4xx, too-large, ...) is final.
bool IsRetryable(const FetchRecord& record);

// The wait before retry number `retry` (1 = first retry):
// d = min(max_delay, base * 2^(retry-1)), then "equal jitter": d/2 plus a
// uniform draw from [0, d/2] taken from `rng`. So d/2 <= result <= d.
int64_t BackoffMs(const RetryPolicy& policy, int retry, std::mt19937_64& rng);

// A Retry-After value as ms from `now_unix_ms`: delta-seconds ("120") or an
// HTTP-date (IMF-fixdate, RFC 850 or asctime form). A date in the past is 0.
// nullopt when empty or unparsable.
std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_unix_ms);

}  // namespace timecite::crawler
