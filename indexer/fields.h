// Value parsers shared by the indexer's page and JSON parsers: clock
// durations, ISO 8601 times, UN Web TV asset ids and Kaltura entry ids.
// Pure functions; nullopt for anything malformed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"
#include "common/webtv_id.h"

namespace timecite::indexer {

// "HH:MM:SS", "H:MM:SS" or "MM:SS" (minutes and seconds below 60) -> ms.
// "02:31:55" -> 9115000.
std::optional<int64_t> ParseClockMs(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS" (a space may replace 'T') followed by nothing or 'Z'
// (UTC), an optional fraction, or an offset "+HH:MM"/"-HH:MM" -> unix ms.
// "2026-06-25T12:00:00Z" -> 1782388800000.
std::optional<int64_t> ParseIsoTimeMs(std::string_view text);

// The schedule's start time as the site reads it: the first 19 characters
// taken as UTC, the printed offset ignored (DESIGN.md §1).
// "2026-09-14T08:00:00-04:00" -> 2026-09-14T08:00:00Z in unix ms.
std::optional<int64_t> ParseScheduleStartMs(std::string_view text);

// "YYYY-MM-DD" of a unix ms time (UTC); the one implementation is in
// common/time.h, named here for the indexer's callers.
using ::timecite::UtcDate;

// The Web TV id grammar (asset id, entry id) is common/webtv_id.h.
using webtv::IsAssetId;
using webtv::IsEntryId;

// The asset id in a Web TV URL or path ".../asset/{folder}/{asset_id}", where
// folder is the id's first three characters; nullopt otherwise.
std::optional<std::string> AssetIdFromUrl(std::string_view url);


// The entry id in a thumbnail URL ".../thumbnail/entry_id/1_xxxxxxxx/...".
std::optional<std::string> EntryIdFromThumbnail(std::string_view src);

// The entry id the inline player script configures: kentryID = '1_xxxxxxxx'.
std::optional<std::string> EntryIdFromPlayerScript(std::string_view script);

// ISO 639-1 code of a language as Web TV names it in English ("Arabic" -> "ar",
// "Original" -> "original"); other names lower-cased.
std::string LanguageCode(std::string_view name);

}  // namespace timecite::indexer
