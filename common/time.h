// Calendar dates of Unix times, in UTC (the proleptic Gregorian calendar of
// std::chrono::year_month_day). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace timecite {

// "YYYY-MM-DD": the UTC calendar date of `unix_ms`, milliseconds since
// 1970-01-01T00:00:00Z. Negative times are before the epoch and round down to
// the day they fall in: -1 -> "1969-12-31". 1782388800000 -> "2026-06-25".
std::string UtcDate(int64_t unix_ms);

// A calendar day written "YYYY-MM-DD" -> unix ms at its 00:00 UTC; nullopt for
// any other text and for days the calendar does not have ("2024-02-30",
// "2023-02-29", month 13). The one test of "is this a date" of the program
// (command-line flags, API parameters, stored dates). "2026-06-25" ->
// 1782345600000.
std::optional<int64_t> ParseDay(std::string_view text);

}  // namespace timecite
