#include "serve/pages.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "indexer/catalog/query.h"
#include "linker/checks/rules.h"
#include "serve/cite.h"
#include "serve/regional_groups.h"

namespace timecite::serve {
namespace {

constexpr RegionalGroup kGroups[] = {
    RegionalGroup::kAfrican, RegionalGroup::kAsiaPacific,
    RegionalGroup::kEasternEuropean, RegionalGroup::kLatinAmericanCaribbean,
    RegionalGroup::kWesternEuropeanAndOther, RegionalGroup::kNone};

std::string Head(std::string_view title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + EscapeHtml(title) + " — timecite</title>\n"
         "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
         "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
         "<header><nav aria-label=\"main\"><a href=\"/\">Search</a> "
         "<a href=\"/check\">Check a report</a> "
         "<a href=\"/openapi.json\">API</a></nav></header>\n<main>\n";
}

std::string Foot() { return "</main>\n</body>\n</html>\n"; }

std::string Clock(int64_t ms) { return indexer::FormatClock(ms); }

// h:mm:ss always, as the permalinks write it.
std::string PermalinkTime(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld",
                static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string SearchHref(const SearchRequest& r, std::size_t offset) {
  std::string q = "/search?q=" + UrlEncode(r.words);
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty()) q += std::string("&") + name + "=" + UrlEncode(v);
  };
  add("country", r.country);
  add("body", r.body);
  add("lang", r.language);
  add("from", r.from_date);
  add("to", r.to_date);
  if (r.sort == SearchSort::kDateNewest) q += "&sort=newest";
  if (r.sort == SearchSort::kDateOldest) q += "&sort=oldest";
  if (offset > 0) q += "&offset=" + std::to_string(offset);
  return q;
}

std::string Input(const char* name, const char* label, const std::string& value,
                  const char* placeholder) {
  return std::string("<label>") + label + " <input name=\"" + name +
         "\" dir=\"auto\" value=\"" + EscapeHtml(value) + "\" placeholder=\"" +
         placeholder + "\"></label>\n";
}

std::string Facets(const SearchRequest& request, const SearchResults& results) {
  std::string out = "<aside class=\"facets\" aria-label=\"facets\">\n";
  for (const char* facet : {"country", "body", "year"}) {
    auto it = results.facets.find(facet);
    if (it == results.facets.end() || it->second.empty()) continue;
    const std::size_t top = it->second.front().count;
    out += std::string("<h2>") + facet + "</h2>\n<ul class=\"bars\">\n";
    for (const FacetCount& f : it->second) {
      SearchRequest narrowed = request;
      if (std::string_view(facet) == "country") narrowed.country = f.value;
      if (std::string_view(facet) == "body") narrowed.body = f.value;
      if (std::string_view(facet) == "year") {
        narrowed.from_date = f.value + "-01-01";
        narrowed.to_date = f.value + "-12-31";
      }
      const int width = top == 0 ? 0 : static_cast<int>(100 * f.count / top);
      out += "<li><a href=\"" + EscapeHtml(SearchHref(narrowed, 0)) +
             "\" dir=\"auto\">" + EscapeHtml(f.value) + "</a> <svg class=\"bar\" "
             "width=\"100\" height=\"8\" role=\"img\" aria-label=\"" +
             std::to_string(f.count) + "\"><rect width=\"" +
             std::to_string(width) + "\" height=\"8\"></rect></svg> " +
             std::to_string(f.count) + "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</aside>\n";
}

const store::Segment* Covering(const std::vector<store::Segment>& segments,
                               int64_t ms) {
  const store::Segment* found = nullptr;
  for (const store::Segment& s : segments) {
    if (s.start_ms <= ms && ms < s.end_ms) found = &s;  // the latest start
  }
  return found;
}

// The deep link that opens a player at `ms`: UN Transcripts when the
// recording has a transcript, else the Kaltura player, else the Web TV page.
std::string PlayerLink(const RecordingPageData& d, int64_t ms) {
  if (d.links == nullptr) return WebTvPageUrl(d.recording.asset_id, "en");
  const bool has_transcript = d.recording.extra.contains("transcript_language");
  const auto links = indexer::DeepLinks(*d.links, d.recording, ms, "en");
  for (const char* want : {has_transcript ? "transcripts" : "", "kaltura_player",
                           "kaltura", "webtv_page"}) {
    for (const auto& l : links) {
      if (l.name == want) return l.url;
    }
  }
  return WebTvPageUrl(d.recording.asset_id, "en");
}

std::string Timeline(const RecordingPageData& d) {
  const int64_t duration = std::max<int64_t>(
      d.recording.duration_ms,
      d.statements.empty() ? 1 : d.statements.back().end_ms);
  if (d.statements.empty() || duration <= 0) return "";
  // One row per regional group that speaks.
  std::map<RegionalGroup, std::vector<const store::Segment*>> rows;
  for (const store::Segment& s : d.statements)
    rows[RegionalGroupOf(s.affiliation)].push_back(&s);
  const int row_h = 18;
  std::string out =
      "<figure class=\"timeline\"><svg viewBox=\"0 0 1000 " +
      std::to_string(row_h * static_cast<int>(rows.size())) +
      "\" role=\"img\" aria-labelledby=\"timeline-caption\" "
      "preserveAspectRatio=\"none\">\n";
  int row = 0;
  for (RegionalGroup g : kGroups) {
    auto it = rows.find(g);
    if (it == rows.end()) continue;
    for (const store::Segment* s : it->second) {
      const double x = 1000.0 * static_cast<double>(s->start_ms) /
                       static_cast<double>(duration);
      const double w = std::max(
          2.0, 1000.0 * static_cast<double>(s->end_ms - s->start_ms) /
                   static_cast<double>(duration));
      char geometry[128];
      std::snprintf(geometry, sizeof geometry,
                    "x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"", x,
                    row * row_h + 2, w, row_h - 4);
      out += "<a href=\"" + MomentPath(d.recording.asset_id, s->start_ms) +
             "\"><rect class=\"g-" + std::string(RegionalGroupKey(g)) + "\" " +
             geometry + "><title>" + EscapeHtml(s->speaker_name) +
             (s->affiliation.empty() ? "" : " (" + EscapeHtml(s->affiliation) + ")") +
             " " + Clock(s->start_ms) + "</title></rect></a>\n";
    }
    ++row;
  }
  out += "</svg>\n<figcaption id=\"timeline-caption\">Who spoke when, one row "
         "and colour per regional group:";
  for (RegionalGroup g : kGroups) {
    if (!rows.count(g)) continue;
    out += " <span class=\"key g-" + std::string(RegionalGroupKey(g)) + "\">" +
           std::string(RegionalGroupName(g)) + "</span>";
  }
  return out + "</figcaption></figure>\n";
}

std::string Escape(const std::string& s) { return EscapeHtml(s); }

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string HighlightedHtml(std::string_view text,
                            const std::vector<Highlight>& highlights) {
  std::string out;
  std::size_t at = 0;
  for (const Highlight& h : highlights) {
    if (h.begin < at || h.end > text.size() || h.begin >= h.end) continue;
    out += EscapeHtml(text.substr(at, h.begin - at));
    out += "<mark>" + EscapeHtml(text.substr(h.begin, h.end - h.begin)) + "</mark>";
    at = h.end;
  }
  return out + EscapeHtml(text.substr(at));
}

std::string MomentPath(std::string_view asset_id, int64_t ms) {
  return "/r/" + std::string(asset_id) + "/" + PermalinkTime(ms);
}

std::string UrlEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string SearchPage(const SearchRequest& r, const SearchResults* results,
                       std::string_view error) {
  std::string out = Head(r.words.empty() ? "Search" : "Search: " + r.words);
  out += "<h1>Search UN meeting recordings</h1>\n"
         "<form method=\"get\" action=\"/search\" role=\"search\" id=\"search\">\n";
  out += Input("q", "Words", r.words, "cooperation");
  out += Input("country", "Country (ISO3)", r.country, "NGA");
  out += Input("body", "Body", r.body, "Security Council");
  out += Input("lang", "Language", r.language, "en");
  out += Input("from", "From", r.from_date, "YYYY-MM-DD");
  out += Input("to", "To", r.to_date, "YYYY-MM-DD");
  out += "<label>Sort <select name=\"sort\">";
  for (auto [value, label, sort] :
       {std::tuple{"relevance", "most hits", SearchSort::kRelevance},
        std::tuple{"newest", "newest", SearchSort::kDateNewest},
        std::tuple{"oldest", "oldest", SearchSort::kDateOldest}}) {
    out += std::string("<option value=\"") + value + "\"" +
           (r.sort == sort ? " selected" : "") + ">" + label + "</option>";
  }
  out += "</select></label>\n<button type=\"submit\">Search</button>\n</form>\n";
  if (!error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + EscapeHtml(error) + "</p>\n";
  }
  if (results == nullptr) return out + Foot();
  out += "<p class=\"count\" role=\"status\">" +
         std::to_string(results->total_hits) + " hits in " +
         std::to_string(results->total_recordings) + " recordings</p>\n";
  out += "<div class=\"results\">\n" + Facets(r, *results) + "<ol class=\"hits\">\n";
  for (const RecordingHits& rh : results->recordings) {
    const store::Recording& rec = rh.recording;
    out += "<li class=\"recording\"><h2><a href=\"/r/" + Escape(rec.asset_id) +
           "\" dir=\"auto\">" + Escape(rec.title) + "</a></h2>\n<p class=\"meta\">" +
           Escape(rec.body) + " · " + Escape(rec.date) + " · " +
           Clock(rec.duration_ms) + "</p>\n<ul>\n";
    for (const SearchHit& h : rh.hits) {
      const store::Segment& s = h.segment;
      out += "<li class=\"hit\"><a class=\"moment\" href=\"" +
             MomentPath(rec.asset_id, s.start_ms) + "\">" + Clock(s.start_ms) +
             "</a> <span class=\"speaker\" dir=\"auto\">" + Escape(s.speaker_name) +
             (s.affiliation.empty() ? "" : " (" + Escape(s.affiliation) + ")") +
             "</span> <q dir=\"auto\" lang=\"" + Escape(s.language) + "\">" +
             HighlightedHtml(s.text, h.highlights) + "</q></li>\n";
    }
    out += "</ul></li>\n";
  }
  out += "</ol>\n</div>\n<nav class=\"paging\" aria-label=\"pages\">";
  if (r.offset > 0) {
    const std::size_t prev = r.offset > r.limit ? r.offset - r.limit : 0;
    out += "<a rel=\"prev\" href=\"" + EscapeHtml(SearchHref(r, prev)) +
           "\">Previous</a> ";
  }
  if (r.offset + r.limit < results->total_recordings) {
    out += "<a rel=\"next\" href=\"" + EscapeHtml(SearchHref(r, r.offset + r.limit)) +
           "\">Next</a>";
  }
  return out + "</nav>\n" + Foot();
}

std::string RecordingPage(const RecordingPageData& d) {
  const store::Recording& rec = d.recording;
  std::string out = Head(rec.title);
  out += "<h1 dir=\"auto\">" + Escape(rec.title) + "</h1>\n<dl class=\"meta\">"
         "<dt>Body</dt><dd>" + Escape(rec.body) + "</dd><dt>Date</dt><dd>" +
         Escape(rec.date) + "</dd><dt>Duration</dt><dd>" + Clock(rec.duration_ms) +
         "</dd>";
  if (!rec.meeting_symbol.empty()) {
    out += "<dt>Record</dt><dd><a href=\"https://docs.un.org/" +
           EscapeHtml(UrlEncode(rec.meeting_symbol)) + "\">" +
           Escape(rec.meeting_symbol) + "</a></dd>";
  }
  out += "<dt>UN Web TV</dt><dd><a href=\"" +
         EscapeHtml(WebTvPageUrl(rec.asset_id, "en")) + "\">" +
         Escape(rec.asset_id) + "</a></dd></dl>\n";
  const store::Segment* moment = nullptr;
  if (d.moment_ms) {
    moment = Covering(d.sentences, *d.moment_ms);
    out += "<section class=\"moment\" aria-label=\"moment\"><h2>At " +
           Clock(*d.moment_ms) + "</h2>\n";
    if (const store::Segment* st = Covering(d.statements, *d.moment_ms)) {
      out += "<p class=\"speaker\" dir=\"auto\">" + Escape(st->speaker_name) +
             (st->affiliation.empty() ? "" : " (" + Escape(st->affiliation) + ")") +
             "</p>\n";
    }
    if (moment != nullptr) {
      out += "<blockquote dir=\"auto\" lang=\"" + Escape(moment->language) + "\">" +
             Escape(moment->text) + "</blockquote>\n";
    } else {
      out += "<p>No transcript sentence covers this moment.</p>\n";
    }
    out += "<p><a class=\"player\" href=\"" + EscapeHtml(PlayerLink(d, *d.moment_ms)) +
           "\">Open the player at " + Clock(*d.moment_ms) + "</a> "
           "<button type=\"button\" class=\"copy\" data-cite=\"/api/cite/" +
           Escape(rec.asset_id) + "/" + PermalinkTime(*d.moment_ms) +
           "\" hidden>Copy citation</button></p>\n</section>\n";
  }
  out += Timeline(d);
  out += "<h2>Transcript</h2>\n";
  if (d.sentences.empty()) out += "<p>No transcript is indexed.</p>\n";
  out += "<ol class=\"transcript\">\n";
  for (const store::Segment& s : d.sentences) {
    const bool hl = &s == moment;
    out += std::string("<li") + (hl ? " id=\"moment\" class=\"hl\" aria-current=\"true\"" : "") +
           "><a class=\"ts\" href=\"" + EscapeHtml(PlayerLink(d, s.start_ms)) +
           "\" title=\"Open the player at " + Clock(s.start_ms) + "\">" +
           Clock(s.start_ms) + "</a> <a class=\"permalink\" href=\"" +
           MomentPath(rec.asset_id, s.start_ms) + "\" aria-label=\"Permalink " +
           Clock(s.start_ms) + "\">#</a> <span dir=\"auto\" lang=\"" +
           Escape(s.language) + "\">" + Escape(s.text) +
           "</span> <button type=\"button\" class=\"copy\" data-cite=\"/api/cite/" +
           Escape(rec.asset_id) + "/" + PermalinkTime(s.start_ms) +
           "\" hidden>Copy citation</button></li>\n";
  }
  return out + "</ol>\n" + Foot();
}

std::string CheckPage(const CheckPageData& d) {
  std::string out = Head("Check a report");
  out += "<h1>Check a report</h1>\n"
         "<form method=\"post\" action=\"/check\" enctype=\"multipart/form-data\" id=\"upload\">\n"
         "<label>Report (text, Markdown, HTML, DOCX, PDF) <input type=\"file\" name=\"file\"></label>\n"
         "<label>or paste it <textarea name=\"text\" rows=\"6\" dir=\"auto\"></textarea></label>\n"
         "<button type=\"submit\">Check</button>\n<p class=\"note\">Checked offline: "
         "what the document says; nothing is fetched and nothing is stored.</p>\n</form>\n";
  if (!d.error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + EscapeHtml(d.error) + "</p>\n";
  }
  if (d.report == nullptr) return out + Foot();
  const linker::DocumentReport& report = *d.report;
  std::map<std::string, int> counts;
  for (const auto& c : report.citations) ++counts[linker::VerdictName(c.verdict)];
  out += "<h2 dir=\"auto\">" + EscapeHtml(report.path) + "</h2>\n<p role=\"status\" class=\"count\">" +
         std::to_string(report.citations.size()) + " citations:";
  for (const auto& [verdict, n] : counts) {
    out += " <span class=\"v-" + verdict + "\">" + std::to_string(n) + " " + verdict + "</span>";
  }
  out += "</p>\n<p class=\"downloads\">Download: "
         "<a download href=\"" + std::string(d.json) + "\">JSON</a> "
         "<a download href=\"" + std::string(d.sarif) + "\">SARIF</a>";
  if (d.fixed) out += " <a download href=\"" + *d.fixed + "\">fixed file</a>";
  out += "</p>\n<div class=\"checked\">\n<pre class=\"document\" dir=\"auto\">";
  // The text with each cited URL marked: spans in document order.
  std::vector<const linker::CheckedCitation*> order;
  for (const auto& c : report.citations) order.push_back(&c);
  std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return a->citation.url_begin < b->citation.url_begin;
  });
  std::size_t at = 0;
  int n = 0;
  for (const linker::CheckedCitation* c : order) {
    ++n;
    const std::size_t b = c->citation.url_begin, e = c->citation.url_end;
    if (b < at || e > d.text.size() || b >= e) continue;
    const std::string verdict = linker::VerdictName(c->verdict);
    out += EscapeHtml(d.text.substr(at, b - at));
    out += "<mark class=\"v-" + verdict + "\" title=\"" + verdict +
           "\"><a href=\"#c" + std::to_string(n) + "\">" +
           EscapeHtml(d.text.substr(b, e - b)) + "</a></mark>";
    at = e;
  }
  out += EscapeHtml(d.text.substr(std::min(at, d.text.size())));
  out += "</pre>\n<ol class=\"findings\">\n";
  n = 0;
  for (const linker::CheckedCitation* c : order) {
    ++n;
    const std::string verdict = linker::VerdictName(c->verdict);
    out += "<li id=\"c" + std::to_string(n) + "\" class=\"v-" + verdict +
           "\"><strong>" + verdict + "</strong> footnote " +
           std::to_string(c->citation.footnote) + ", line " +
           std::to_string(c->citation.line) + ": <span dir=\"auto\">" +
           EscapeHtml(c->citation.url_written) + "</span>";
    if (!c->reason.empty()) out += " <em>(" + EscapeHtml(c->reason) + ")</em>";
    out += "<ul>";
    for (const linker::Finding& f : c->findings) {
      out += "<li><code>" + EscapeHtml(f.rule) + "</code> " +
             linker::SeverityName(f.severity) + ": <span dir=\"auto\">" +
             EscapeHtml(f.message) + "</span>";
      if (!f.suggestion.empty())
        out += " — suggestion: <span dir=\"auto\">" + EscapeHtml(f.suggestion) + "</span>";
      out += "</li>";
    }
    out += "</ul></li>\n";
  }
  return out + "</ol>\n</div>\n" + Foot();
}

std::string ErrorPage(int status, std::string_view message) {
  return Head("Error " + std::to_string(status)) + "<h1>Error " +
         std::to_string(status) + "</h1>\n<p role=\"alert\" dir=\"auto\">" +
         EscapeHtml(message) + "</p>\n" + Foot();
}

}  // namespace timecite::serve
