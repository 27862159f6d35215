// Captions -> caption segments: WebVTT (W3C "WebVTT: The Web Video Text
// Tracks Format") and SubRip (.srt, the de-facto format: index line,
// "HH:MM:SS,mmm --> HH:MM:SS,mmm", text lines, blank line).
//
// Cue text loses its markup: WebVTT tags (<c>, <i>, <b>, <u>, <ruby>, <lang>,
// timestamps) and SRT's <i>/<b>/<font> and {\an8}-style overrides; a WebVTT
// voice tag <v Name> sets the segment's speaker_name. Lines of one cue are
// joined with a space; character references &amp; &lt; &gt; &quot; &nbsp;
// &lrm; &rlm; are decoded. NOTE, STYLE and REGION blocks are skipped.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/recording.h"

namespace timecite::indexer {

// Errors (InvalidArgument, with the 1-based line number): input that is not
// UTF-8 or over 32 MiB, a WebVTT file without the WEBVTT header, a cue timing
// line that does not parse, a cue that ends before it starts.
Result<std::vector<ParsedSegment>> ParseWebVtt(std::string_view text,
                                               std::string_view language);
Result<std::vector<ParsedSegment>> ParseSrt(std::string_view text, std::string_view language);

// WebVTT when the text starts with "WEBVTT" (after a BOM), SRT otherwise.
Result<std::vector<ParsedSegment>> ParseCaptions(std::string_view text,
                                                 std::string_view language);

}  // namespace timecite::indexer
