// Archive suggestions for dead links from the Wayback Machine's availability
// API (https://archive.org/help/wayback_api.php):
//
//   GET
//   https://archive.org/wayback/available?url=URL[&timestamp=YYYYMMDDhhmmss]
//   -> {"url": "...", "archived_snapshots": {"closest": {"available": true,
//        "url": "http://web.archive.org/web/20210308120000/https://...",
//        "timestamp": "20210308120000", "status": "200"}}}
//
// "archived_snapshots" is {} when the URL has no snapshot. The timestamp asks
// for the snapshot closest to that moment (1 to 14 digits, UTC); without it the
// API answers with the most recent one. The replica (tools/replica,
// docs/world-format.md) serves the same shape on host archive.org.
//
// Pure functions: no I/O; the caller fetches the request URL (politely, as any
// other) and hands the body to ParseWaybackAvailable.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace timecite::linker {

inline constexpr std::string_view kWaybackAvailableEndpoint =
    "https://archive.org/wayback/available";

// Largest availability answer parsed, in bytes (the real one is ~300 bytes).
inline constexpr std::size_t kMaxWaybackAnswerBytes = 64u << 10;

// The Wayback timestamp for a cited date: "2021-03-08" -> "20210308" (the API
// then picks the snapshot closest to that day). nullopt for anything else,
// including a date without a year ("--06-01", linker/citations/citation.h).
std::optional<std::string> WaybackTimestampFromDate(std::string_view iso_date);

// The availability request for `dead_url` (as written or canonical; the
// Wayback index normalises it), percent-encoded as a query value, with
// `&timestamp=` when `timestamp` is non-empty. `endpoint` is the API URL
// without a query. Errors: InvalidArgument when `dead_url` is empty or
// `timestamp` is not 1-14 ASCII digits.
Result<std::string> WaybackRequestUrl(
    std::string_view dead_url, std::string_view timestamp = {},
    std::string_view endpoint = kWaybackAvailableEndpoint);

// One archived copy.
struct WaybackSnapshot {
  std::string url;        // the snapshot, always https on web.archive.org
                          // (the API answers http://), e.g.
                          // "https://web.archive.org/web/2021.../https://..."
  std::string timestamp;  // YYYYMMDDhhmmss (UTC) as the API gives it
};

// Parses an availability answer. Returns the closest snapshot (its URL made
// https://web.archive.org/..., the path kept) only when it is
// `"available": true` with status 200 ("200" or 200) and its URL is an
// http(s) URL on web.archive.org (or archive.org); nullopt when the answer
// says there is none, or names one that is unavailable or not a 200.
// Errors: InvalidArgument for anything that is not the API's shape — not
// JSON, over kMaxWaybackAnswerBytes, `archived_snapshots` or `closest` not an
// object, fields of the wrong type, a snapshot URL elsewhere than the archive
// (a hostile answer must not redirect a fix to another site).
Result<std::optional<WaybackSnapshot>> ParseWaybackAvailable(
    std::string_view body);

}  // namespace timecite::linker
