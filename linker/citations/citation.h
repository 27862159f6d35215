// Citation extraction: a Document in, one Citation per cited URL out, each
// with its footnote, exact location, and what the footnote says about it
// (timecode, date, meeting number, body, document symbols).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/url.h"
#include "linker/document/document.h"
#include "linker/citations/timecode.h"
#include "linker/citations/webtv.h"

namespace timecite::linker {

enum class CitationKind {
  kRecording,        // a UN Web TV asset page
  kLegacyRecording,  // a pre-2021 Web TV link
  kDocument,         // a UN document link (symbol known, ODS, undocs, un-arm, ...)
  kLink,             // any other link
  kInvalidUrl,       // looked like a URL but does not parse
};

const char* CitationKindName(CitationKind kind);

// Why a citation has a second reading of its URL (Citation::url_alternative).
enum class UrlAlternative { kNone, kHyphenBreak, kLineWrap, kTrailingPunctuation };

struct Citation {
  std::string source;  // the document's path as given
  int footnote = 0;    // 0: body text
  int seq = 0;         // 1-based order of the citation within its footnote
  int line = 0;        // 1-based line of the URL
  int column = 0;      // 1-based column (code points) of the URL
  // Where the URL's line came from in a rebuilt document (Document::
  // line_origins: "page 3, line 12", "footnote 13, paragraph 2"); "" for
  // text and Markdown, whose line and column are the file's own.
  std::string origin;
  std::string url_written;   // as written (invisible characters removed)
  // Byte span [url_begin, url_end) of the URL as written in Document::text
  // (invisible characters included), for rewriting it (linker/report/fix.h).
  std::size_t url_begin = 0;
  std::size_t url_end = 0;
  std::string url_canonical; // common/url.h normalisation; "" if invalid
  std::string url_error;     // why the URL does not parse (kInvalidUrl)
  CitationKind kind = CitationKind::kLink;
  std::optional<Url> url;          // parsed, when valid
  std::optional<AssetRef> asset;   // kRecording
  // The other reading of a URL whose end or join was a guess; "" when the URL
  // was read one way only. url_alternative_kind says which guess:
  //   kHyphenBreak   a reader joined it across a line break at a hyphen
  //                  (Document::url_hyphen_breaks): url_written without the
  //                  hyphen, this with it;
  //   kLineWrap      joined across a line break in text or Markdown
  //                  (linker/document/urls.h): this is the part before the
  //                  break;
  //   kTrailingPunctuation  the final punctuation was cut: this keeps it
  //                  ("…/act-now-2." for "…/act-now-2").
  // The online check (linker/checks/verify.h SettleUrlAlternatives) swaps the
  // two when only this one answers, and then sets url_alternative_taken
  // (url_alternative is then the reading that failed).
  std::string url_alternative;
  UrlAlternative url_alternative_kind = UrlAlternative::kNone;
  bool url_alternative_taken = false;

  // The start the footnote gives for this recording (ms), with its end for a
  // range, the phrase as written and its location.
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
  std::string time_written;
  int time_line = 0, time_column = 0;
  // Time phrases with impossible values ("1:75:00"), as written + why.
  std::vector<std::pair<std::string, std::string>> malformed_times;

  std::string date;       // ISO "2021-03-08" (or "--06-01" without a year); "" if none
  int meeting_number = 0; // 0 if none
  std::string body;       // linker/citations/context.h FindBody key; "" if none
  std::vector<std::string> text_symbols;  // document symbols written near the URL
  std::string url_symbol;                 // the symbol the URL names, if any
  std::string context;         // the footnote text that describes this citation
  std::string citing_sentence; // the body sentence that references the footnote
};

// Extracts every citation of `doc`, in document order.
std::vector<Citation> ExtractCitations(const Document& doc);

// Sets the URL a citation cites and what follows from it alone: url_written,
// url_canonical or url_error, url, kind, asset, url_symbol (the location,
// context and time fields are left as they are).
void AssignUrl(std::string url_written, Citation* c);

}  // namespace timecite::linker
