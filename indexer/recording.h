// The values the indexer's parsers produce: what a recording is (from its
// Web TV page, Kaltura and UN Transcripts) and its timestamped segments.
// Plain values, independent of the store's record types; index_writer.h
// converts them. Times: integer milliseconds (unix epoch for points in time,
// from the start of the recording for segments).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace timecite::indexer {

// A link in "Related Sites and Documents": a recording -> document edge.
struct RelatedLink {
  std::string url;     // href as written
  std::string title;   // link text
  std::string symbol;  // UN document symbol the URL names, canonical; "" if none
  bool operator==(const RelatedLink&) const = default;
};

// What an asset page says about a recording.
struct RecordingInfo {
  std::string asset_id;          // "k1sjz1in6d", from the canonical URL
  std::string canonical_url;     // share widget's data-a2a-url
  std::string player_id;         // Kaltura id the page plays, "1_sjz1in6d"
  std::string player_id_source;  // "script", "thumbnail" or "asset-id"
  std::string title;
  std::string production_time;             // as written, "2026-06-25T12:00:00Z"
  std::optional<int64_t> production_utc_ms;
  std::string date;                        // "YYYY-MM-DD" (UTC) of production
  std::optional<int64_t> duration_ms;      // from "Video Length" HH:MM:SS
  std::vector<std::string> languages;      // as named: "Arabic", ..., "Original"
  std::vector<std::string> categories;     // path, outermost first
  std::vector<std::string> subjects;       // "Subject Topical"
  std::vector<std::string> corporate_names;
  std::vector<std::string> speaker_affiliations;
  std::string summary;
  std::string description;
  std::vector<RelatedLink> related;
  std::string body;            // the organ: the category below "Meetings & Events"
  std::string meeting_symbol;  // record the title implies, "S/PV.9748"; "" if none
};

enum class SegmentKind { kStatement, kSentence, kCaption };

// A span [start_ms, end_ms) of a recording.
struct ParsedSegment {
  SegmentKind kind = SegmentKind::kSentence;
  int64_t start_ms = 0;
  int64_t end_ms = 0;  // >= start_ms
  std::string speaker_name;
  std::string affiliation;  // ISO 3166-1 alpha-3, "IRN"; "" when none
  std::string function;     // "Representative", "President", ...
  std::string language;     // "en"
  std::string text;         // sentence or cue text; "" for statements
  bool operator==(const ParsedSegment&) const = default;
};

}  // namespace timecite::indexer
