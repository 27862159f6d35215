// UN Transcripts asset JSON -> statement and sentence segments.
// GET https://transcripts.un.org/{lang}/asset/{folder}/{asset_id}.json
// (structure from UN Transcripts' docs/api.md; shapes in
// ../shared/corpus/webtv/shapes.md): `video` describes the recording,
// `transcript.data[]` holds statements with a start (s) and a speaker, each
// with paragraphs of sentences carrying text, start and end (s, float).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/recording.h"

namespace timecite::indexer {

struct Transcript {
  std::string asset_id;    // from video.id "k1a/k1abcd1234" (or video.url); may be ""
  std::string kaltura_id;  // video.kaltura_id
  std::string title;
  std::string date;                    // "YYYY-MM-DD" of video.date
  std::optional<int64_t> duration_ms;  // video.duration "HH:MM:SS"
  std::string body;
  std::string pv_symbol;   // video.pv_symbol, canonical; "" when null
  std::string language;    // transcript.language, "en"
  // One per statement, in start order: start = the statement's start, end =
  // the next statement's start, or the recording's end for the last one.
  std::vector<ParsedSegment> statements;
  // One per sentence, in document order, with the speaker of its statement.
  std::vector<ParsedSegment> sentences;
};

// Parses the asset JSON. `recording_end_ms` ends the last statement (pass
// Kaltura's msDuration when known); without it video.duration is used, and
// without that the end of the last sentence. An absent or empty
// transcript.data is a transcript without segments, not an error.
// Errors: InvalidArgument for bytes that are not JSON (or over 64 MiB), a
// root that is not an object, or a time that is negative, not a number or
// beyond 10^7 s (named with its statement and sentence index).
Result<Transcript> ParseTranscript(std::string_view json,
                                   std::optional<int64_t> recording_end_ms = std::nullopt);

}  // namespace timecite::indexer
