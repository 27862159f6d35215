// The HTML pages of `timecite serve`, rendered from values (no HTTP here):
// each function returns a whole UTF-8 document. Every string that comes
// from the store, a query or an upload goes through html::Escape
// (common/html.h); the pages
// work without JavaScript (/static/app.js only adds copy buttons and scrolls
// to the highlighted sentence) and declare lang="en" with dir="auto" on
// every text that may be Arabic.
//
// Internal to serve/ (server.cc); thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/profile.h"
#include "linker/report/report.h"
#include "search/search.h"
#include "store/records.h"

namespace timecite::serve {

// What marks a matched word in the snippets the search page asks for
// (search::SearchRequest::highlight_open/close): control characters that
// html::Escape leaves alone and that become <mark> and </mark>.
inline constexpr const char* kMarkOpen = "\x01";
inline constexpr const char* kMarkClose = "\x02";
// A snippet made with kMarkOpen/kMarkClose, escaped, the marks as <mark>.
std::string SnippetHtml(std::string_view snippet);
// The moment permalink "/r/{asset_id}/{h:mm:ss}" (hours always written).
std::string MomentPath(std::string_view asset_id, int64_t ms);

// The state of the search page, as its URL gives it (/search?q=&country=...):
// the fields of `timecite search`, kept as typed so the form shows them
// again (country may be a name: "nigeria"). `country_code` is what the name
// resolved to (facet links narrow by code).
struct SearchForm {
  std::string q, country, body, function, lang, from, to;
  std::string sort = "relevance";  // "relevance" or "date"
  std::size_t limit = 10;          // recordings per page (timecite search's default)
  std::size_t offset = 0;          // recordings skipped
};
// "/search?q=...&..." for `form` at `offset` (empty fields left out).
std::string SearchHref(const SearchForm& form, std::size_t offset);

// The search page: the form filled with `form`, then `result` (asked with
// facets and kMarkOpen/kMarkClose snippets: facets as bars, hits grouped by
// recording, each a link to its moment, paging) or `error`.
std::string SearchPage(const SearchForm& form, const search::SearchResult* result,
                       std::string_view error);

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

// The check page: the upload form (with an "online" box when the server
// allows online checks), and the checked document when `report` is set: its text with each cited URL marked by verdict, the findings, and
// downloads (JSON, SARIF, and the fixed file when `fixed` is set).
struct CheckPageData {
  const linker::DocumentReport* report = nullptr;
  std::string_view text;              // the document's text (Document::text)
  std::string_view json;              // check --format json
  std::string_view sarif;             // check --format sarif
  std::optional<std::string> fixed;   // the --fix output (text, Markdown)
  std::string error;                  // the upload could not be read
  // The server was started with --allow-online: the form offers "check
  // online" (a checkbox named online).
  bool online_allowed = false;
  bool online = false;                // `report` was checked online
};
std::string CheckPage(const CheckPageData& data);

// A page for an error status (404, 400, ...).
std::string ErrorPage(int status, std::string_view message);

}  // namespace timecite::serve
