// Calendar dates of Unix times, in UTC (the proleptic Gregorian calendar of
// std::chrono::year_month_day). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace timecite {

// "YYYY-MM-DD": the UTC calendar date of `unix_ms`, milliseconds since
// 1970-01-01T00:00:00Z. Negative times are before the epoch and round down to
// the day they fall in: -1 -> "1969-12-31". 1782388800000 -> "2026-06-25".
std::string UtcDate(int64_t unix_ms);

}  // namespace timecite
