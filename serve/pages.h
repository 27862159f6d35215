// The HTML pages of `timecite serve`, rendered from values (no HTTP here):
// each function returns a whole UTF-8 document. Every string that comes
// from the store, a query or an upload goes through EscapeHtml; the pages
// work without JavaScript (/static/app.js only adds copy buttons and scrolls
// to the highlighted sentence) and declare lang="en" with dir="auto" on
// every text that may be Arabic.
//
// Internal to serve/ (server.cc); thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/profile.h"
#include "linker/report/report.h"
#include "serve/search_index.h"
#include "store/records.h"

namespace timecite::serve {

// &, <, >, " and ' as character references.
std::string EscapeHtml(std::string_view text);
// `text` escaped, with each highlight wrapped in <mark>.
std::string HighlightedHtml(std::string_view text,
                            const std::vector<Highlight>& highlights);
// The moment permalink "/r/{asset_id}/{h:mm:ss}" (hours always written).
std::string MomentPath(std::string_view asset_id, int64_t ms);
// Percent-encodes a query parameter value (RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view text);

// The search page: the form filled with `request`, then `results` (facets as
// bars, hits grouped by recording, paging) or `error`.
std::string SearchPage(const SearchRequest& request,
                       const SearchResults* results, std::string_view error);

struct RecordingPageData {
  store::Recording recording;
  std::vector<store::Segment> statements;  // by start
  std::vector<store::Segment> sentences;   // by start
  std::optional<int64_t> moment_ms;        // the permalink's moment
  const indexer::Profile* links = nullptr;  // deep-link templates
};
// The recording page, or the moment page when moment_ms is set (the
// sentence covering it has class "hl" and id "moment").
std::string RecordingPage(const RecordingPageData& data);

// The check page: the upload form, and the checked document when `report`
// is set: its text with each cited URL marked by verdict, the findings, and
// downloads (JSON, SARIF, and the fixed file when `fixed` is set).
struct CheckPageData {
  const linker::DocumentReport* report = nullptr;
  std::string_view text;              // the document's text (Document::text)
  std::string_view json;              // check --format json
  std::string_view sarif;             // check --format sarif
  std::optional<std::string> fixed;   // the --fix output (text, Markdown)
  std::string error;                  // the upload could not be read
};
std::string CheckPage(const CheckPageData& data);

// A page for an error status (404, 400, ...).
std::string ErrorPage(int status, std::string_view message);

}  // namespace timecite::serve
