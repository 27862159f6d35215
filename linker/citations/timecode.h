// The time-phrase grammar: where in a recording a citation points.
//
// Recognised timecodes: "h:mm:ss", "m:ss"/"mm:ss" (also with full-width
// colons and Arabic-Indic digits), "1h29m40s", "1 h 29 min 40 s", "5分45秒",
// "1小时2分", "1 ч 29 мин", "12 دقيقة". A timecode is a *start* only next to a
// start cue, in the six UN languages:
//   en "(starting at 1:29:40)", "from 38:20", "at 3:24:34", "at minute 12:30"
//   zh "（1:29:40开始）", "(38:20开始)", "（开始于 3:24:34）", "从5分45秒开始",
//   "自1:02:07起" fr "à partir de 1:02:07", "dès 12:30", "à la minute 12:30" es
//   "a partir del minuto 1:39", "desde el minuto 12:30", "en el minuto 12:30"
//   ru "начиная с 6:40", "с 1:02:07", "с отметки 12:30"
//   ar "ابتداء من الدقيقة 12:30", "اعتبارا من ١:٢٩:٤٠", "عند الدقيقة 12:30"
// A range gives a start and an end: "from 1:02:00 to 1:05:30",
// "de 1:02:00 à 1:05:30", "del 1:02:00 al 1:05:30", "с 1:02:00 до 1:05:30",
// "من 1:02:00 إلى 1:05:30", "从1:02:00到1:05:30". A timecode after a length
// cue ("YouTube video, 5:53", "duration 2:31:55", "vidéo, 5:53",
// "durée 2:31:55", "видео, 5:53", "مدة 2:31:55", "时长 2:31:55") is a length;
// a clock followed by "am"/"pm"/"UTC"/"heures" and "15 h 30" are times of day;
// neither is a start. Impossible values ("1:75:00", "starting at 38:75") are
// reported as malformed. Bidi marks and Arabic harakat between the words are
// ignored (see FoldPhraseChar). docs/languages.md lists every cue.
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
  std::int64_t start_ms = 0;           // kStart: the start; kLength: the length
  std::optional<std::int64_t> end_ms;  // kStart with a range: the end
  std::size_t begin = 0;               // bytes of the timecode in the text
  std::size_t end = 0;
  std::string written;  // the timecode as written
  std::string error;    // kMalformed: what is wrong
};

// All time phrases of `text` (UTF-8), in order. Clocks with no cue are not
// returned, except three-part clocks with impossible values (malformed).
std::vector<TimePhrase> FindTimePhrases(std::string_view text);

// Parses one timecode ("1:29:40", "38:20", "1h29m40s", "5分45秒", or plain
// seconds "5380") into milliseconds. Errors: InvalidArgument naming the
// problem ("minutes must be below 60 in 1:75:00").
Result<std::int64_t> ParseTimecode(std::string_view timecode);

// The start a recording link carries (issue 20): "t" in the query or the
// fragment ("?t=3723", "&t=1h2m3s", "#t=1:02:14", as YouTube, UN Web TV and
// UN Transcripts write it), "start" ("?start=3767") and Kaltura's
// "kalturaSeekFrom" ("&kalturaSeekFrom=3756", seconds) in the query.
// `query` and `fragment` without their '?' and '#' (common/url.h Url).
// nullopt when neither names one, or its value is not a timecode
// (ParseTimecode: seconds, h:mm:ss, m:ss, 1h2m3s).
struct UrlStart {
  std::int64_t start_ms = 0;
  std::string written;  // the parameter as written: "t=1h2m3s"
};
std::optional<UrlStart> StartInUrl(std::string_view query,
                                   std::string_view fragment);

// "1:29:40" for 5380000; "38:20" below one hour. Milliseconds are dropped.
std::string FormatTimecode(std::int64_t ms);

// How the grammar and the context readers (linker/citations/context.h) fold one code
// point before matching: utf8::FoldForSearch (width, Arabic-Indic digits,
// lower case), then hamza/madda alef forms to bare alef, alef maksura to yeh,
// the Arabic comma to ','. Returns 0 for code points that are dropped:
// invisible characters, bidi marks, Arabic harakat and tatweel.
char32_t FoldPhraseChar(char32_t cp);

// FoldPhraseChar's answers for the Basic Multilingual Plane, indexed by code
// point (0x10000 entries, valid for the life of the program), for loops that
// fold every character; code points above U+FFFF go to FoldPhraseChar.
const char16_t* FoldPhraseTable();

// The rule FoldPhraseChar applies, code point by code point; FoldPhraseChar
// answers from a table built from it (the two agree on every code point).
char32_t FoldPhraseCharByRule(char32_t cp);

}  // namespace timecite::linker
