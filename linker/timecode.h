// The time-phrase grammar: where in a recording a citation points.
//
// Recognised timecodes: "h:mm:ss", "m:ss"/"mm:ss" (also with full-width
// colons and Arabic-Indic digits), "1h29m40s", "1 h 29 min 40 s", "5分45秒",
// "1小时2分". A timecode is a *start* only next to a start cue, in the six UN
// languages: "(starting at 1:29:40)", "from 38:20", "at 3:24:34",
// "（1:29:40开始）", "(38:20开始)", "（开始于 3:24:34）", "从5分45秒开始",
// "à partir de 1:02:07", "a partir del minuto 1:39", "начиная с 6:40",
// "ابتداء من الدقيقة 12:30". A range ("from 1:02:00 to 1:05:30",
// "de 1:02:00 à 1:05:30") gives a start and an end. A timecode after a length
// cue ("YouTube video, 5:53", "duration 2:31:55") is a length, and a clock
// followed by "am"/"pm"/"UTC" is a time of day; neither is a start.
// Impossible values ("1:75:00", "starting at 38:75") are reported as
// malformed.
//
// All times are integer milliseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace timecite::linker {

struct TimePhrase {
  enum class Kind { kStart, kLength, kMalformed };
  Kind kind = Kind::kStart;
  std::int64_t start_ms = 0;            // kStart: the start; kLength: the length
  std::optional<std::int64_t> end_ms;   // kStart with a range: the end
  std::size_t begin = 0;                // bytes of the timecode in the text
  std::size_t end = 0;
  std::string written;                  // the timecode as written
  std::string error;                    // kMalformed: what is wrong
};

// All time phrases of `text` (UTF-8), in order. Clocks with no cue are not
// returned, except three-part clocks with impossible values (malformed).
std::vector<TimePhrase> FindTimePhrases(std::string_view text);

// Parses one timecode ("1:29:40", "38:20", "1h29m40s", "5分45秒", or plain
// seconds "5380") into milliseconds. Errors: InvalidArgument naming the
// problem ("minutes must be below 60 in 1:75:00").
Result<std::int64_t> ParseTimecode(std::string_view timecode);

// "1:29:40" for 5380000; "38:20" below one hour. Milliseconds are dropped.
std::string FormatTimecode(std::int64_t ms);

}  // namespace timecite::linker
