#include "crawler/retry.h"

#include <ctime>
#include <string>

namespace timecite::crawler {

bool IsRetryable(const FetchRecord& r) {
  switch (r.error) {
    case ErrorClass::kTimeout:
    case ErrorClass::kConnect:
      return true;
    case ErrorClass::kHttpStatus:
      return r.status >= 500 || r.status == 408 || r.status == 429;
    default:
      return false;
  }
}

int64_t BackoffMs(const RetryPolicy& policy, int retry, std::mt19937_64& rng) {
  int64_t d = policy.base_delay_ms;
  for (int i = 1; i < retry && d < policy.max_delay_ms; ++i) d *= 2;
  if (d > policy.max_delay_ms) d = policy.max_delay_ms;
  std::uniform_int_distribution<int64_t> half(0, d / 2);
  return d - d / 2 + half(rng);
}

std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_unix_ms) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    if (value.size() > 9) return std::nullopt;  // absurd; treat as absent
    return std::stoll(std::string(value)) * 1000;
  }
  static const char* kFormats[] = {
      "%a, %d %b %Y %H:%M:%S GMT",  // IMF-fixdate
      "%A, %d-%b-%y %H:%M:%S GMT",  // obsolete RFC 850
      "%a %b %e %H:%M:%S %Y",       // asctime
  };
  const std::string text(value);
  for (const char* format : kFormats) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), format, &tm);
    if (end == nullptr || *end != '\0') continue;
    const int64_t at_ms = static_cast<int64_t>(timegm(&tm)) * 1000;
    return at_ms > now_unix_ms ? at_ms - now_unix_ms : 0;
  }
  return std::nullopt;
}

}  // namespace timecite::crawler
