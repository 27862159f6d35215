#include "serve/pages.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "common/html.h"
#include "common/url.h"
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
         "<title>" + html::Escape(title) + " — timecite</title>\n"
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

std::string Input(const char* name, const char* label, const std::string& value,
                  const char* placeholder) {
  return std::string("<label>") + label + " <input name=\"" + name +
         "\" dir=\"auto\" value=\"" + html::Escape(value) + "\" placeholder=\"" +
         placeholder + "\"></label>\n";
}

// Counts, largest first (ties by value).
std::vector<std::pair<std::string, uint64_t>> ByCount(const std::map<std::string, uint64_t>& m) {
  std::vector<std::pair<std::string, uint64_t>> out(m.begin(), m.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string Facets(const SearchForm& form, const search::SearchResult& result) {
  std::string out = "<aside class=\"facets\" aria-label=\"facets\">\n";
  for (const auto& [facet, counts] :
       {std::pair{"country", &result.by_country}, std::pair{"body", &result.by_body},
        std::pair{"year", &result.by_year}}) {
    const auto list = ByCount(*counts);
    if (list.empty()) continue;
    const uint64_t top = list.front().second;
    out += std::string("<h2>") + facet + "</h2>\n<ul class=\"bars\" data-facet=\"" + facet +
           "\">\n";
    for (const auto& [value, count] : list) {
      if (value.empty()) continue;  // segments without an affiliation
      SearchForm narrowed = form;
      if (std::string_view(facet) == "country") narrowed.country = value;
      if (std::string_view(facet) == "body") narrowed.body = value;
      if (std::string_view(facet) == "year") {
        narrowed.from = value + "-01-01";
        narrowed.to = value + "-12-31";
      }
      const int width = top == 0 ? 0 : static_cast<int>(100 * count / top);
      out += "<li><a href=\"" + html::Escape(SearchHref(narrowed, 0)) + "\" dir=\"auto\">" +
             html::Escape(value) + "</a> <svg class=\"bar\" width=\"100\" height=\"8\" "
             "role=\"img\" aria-label=\"" + std::to_string(count) + "\"><rect width=\"" +
             std::to_string(width) + "\" height=\"8\"></rect></svg> <span class=\"n\">" +
             std::to_string(count) + "</span></li>\n";
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
             geometry + "><title>" + html::Escape(s->speaker_name) +
             (s->affiliation.empty() ? "" : " (" + html::Escape(s->affiliation) + ")") +
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

std::string Escape(std::string_view s) { return html::Escape(s); }

}  // namespace

std::string SnippetHtml(std::string_view snippet) {
  std::string out;
  for (char c : html::Escape(snippet)) {
    if (c == kMarkOpen[0]) out += "<mark>";
    else if (c == kMarkClose[0]) out += "</mark>";
    else out += c;
  }
  return out;
}

std::string SearchHref(const SearchForm& f, std::size_t offset) {
  std::string q = "/search?q=" + PercentEncode(f.q);
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty()) q += std::string("&") + name + "=" + PercentEncode(v);
  };
  add("country", f.country);
  add("body", f.body);
  add("function", f.function);
  add("lang", f.lang);
  add("from", f.from);
  add("to", f.to);
  if (f.sort != "relevance") add("sort", f.sort);
  if (f.limit != SearchForm().limit) q += "&limit=" + std::to_string(f.limit);
  if (offset > 0) q += "&offset=" + std::to_string(offset);
  return q;
}

std::string MomentPath(std::string_view asset_id, int64_t ms) {
  return "/r/" + std::string(asset_id) + "/" + PermalinkTime(ms);
}

std::string SearchPage(const SearchForm& f, const search::SearchResult* result,
                       std::string_view error) {
  std::string out = Head(f.q.empty() ? "Search" : "Search: " + f.q);
  out += "<h1>Search UN meeting recordings</h1>\n"
         "<form method=\"get\" action=\"/search\" role=\"search\" id=\"search\">\n";
  out += Input("q", "Words", f.q, "climate change");
  out += Input("country", "Country", f.country, "NGA or Nigeria");
  out += Input("body", "Body", f.body, "Security Council");
  out += Input("function", "Speaker function", f.function, "President");
  out += Input("lang", "Language", f.lang, "en");
  out += Input("from", "From", f.from, "YYYY-MM-DD");
  out += Input("to", "To", f.to, "YYYY-MM-DD");
  out += "<label>Sort <select name=\"sort\">";
  for (auto [value, label] : {std::pair{"relevance", "best match"}, std::pair{"date", "newest"}}) {
    out += std::string("<option value=\"") + value + "\"" + (f.sort == value ? " selected" : "") +
           ">" + label + "</option>";
  }
  out += "</select></label>\n<button type=\"submit\">Search</button>\n</form>\n";
  if (!error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + html::Escape(error) + "</p>\n";
  }
  if (result == nullptr) return out + Foot();
  out += "<p class=\"count\" role=\"status\">" + std::to_string(result->matching_segments) +
         " hits in " + std::to_string(result->matching_recordings) + " recordings</p>\n";
  out += "<div class=\"results\">\n" + Facets(f, *result) + "<ol class=\"hits\" start=\"" +
         std::to_string(f.offset + 1) + "\">\n";
  for (const search::RecordingHit& rh : result->recordings) {
    const store::Recording& rec = rh.recording;
    out += "<li class=\"recording\"><h2><a href=\"/r/" + Escape(rec.asset_id) +
           "\" dir=\"auto\">" + Escape(rec.title) + "</a></h2>\n<p class=\"meta\">" +
           Escape(rec.body) + " · " + Escape(rec.date) + " · " +
           Clock(rec.duration_ms) + "</p>\n<ul>\n";
    for (const search::SegmentHit& h : rh.segments) {
      const store::Segment& s = h.segment;
      out += "<li class=\"hit\"><a class=\"moment\" href=\"" +
             MomentPath(rec.asset_id, s.start_ms) + "\">" + Clock(s.start_ms) +
             "</a> <span class=\"speaker\" dir=\"auto\">" + Escape(s.speaker_name) +
             (s.affiliation.empty() ? "" : " (" + Escape(s.affiliation) + ")") +
             "</span> <q dir=\"auto\" lang=\"" + Escape(s.language) + "\">" +
             SnippetHtml(h.snippet) + "</q></li>\n";
    }
    out += "</ul></li>\n";
  }
  out += "</ol>\n</div>\n<nav class=\"paging\" aria-label=\"pages\">";
  if (f.offset > 0) {
    const std::size_t prev = f.offset > f.limit ? f.offset - f.limit : 0;
    out += "<a rel=\"prev\" href=\"" + html::Escape(SearchHref(f, prev)) + "\">Previous</a> ";
  }
  if (f.offset + f.limit < result->matching_recordings) {
    out += "<a rel=\"next\" href=\"" + html::Escape(SearchHref(f, f.offset + f.limit)) +
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
           html::Escape(PercentEncode(rec.meeting_symbol)) + "\">" +
           Escape(rec.meeting_symbol) + "</a></dd>";
  }
  out += "<dt>UN Web TV</dt><dd><a href=\"" +
         html::Escape(WebTvPageUrl(rec.asset_id, "en")) + "\">" +
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
    out += "<p><a class=\"player\" href=\"" + html::Escape(PlayerLink(d, *d.moment_ms)) +
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
           "><a class=\"ts\" href=\"" + html::Escape(PlayerLink(d, s.start_ms)) +
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
         "<label>or paste it <textarea name=\"text\" rows=\"6\" dir=\"auto\"></textarea></label>\n";
  if (d.online_allowed) {
    out += "<label><input type=\"checkbox\" name=\"online\" value=\"1\"> Check online: fetch "
           "what the citations cite (politely) and index it</label>\n";
  }
  out += "<button type=\"submit\">Check</button>\n<p class=\"note\">";
  out += d.online_allowed
             ? "Checked offline unless asked: what the document says. Online, the cited "
               "recordings and pages are fetched and kept in the database.</p>\n</form>\n"
             : "Checked offline: what the document says; nothing is fetched and nothing "
               "is stored.</p>\n</form>\n";
  if (!d.error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + html::Escape(d.error) + "</p>\n";
  }
  if (d.report == nullptr) return out + Foot();
  const linker::DocumentReport& report = *d.report;
  std::map<std::string, int> counts;
  for (const auto& c : report.citations) ++counts[linker::VerdictName(c.verdict)];
  out += "<h2 dir=\"auto\">" + html::Escape(report.path) + "</h2>\n<p role=\"status\" class=\"count\">" +
         std::to_string(report.citations.size()) + " citations:";
  for (const auto& [verdict, n] : counts) {
    out += " <span class=\"v-" + verdict + "\">" + std::to_string(n) + " " + verdict + "</span>";
  }
  out += std::string(" <span class=\"mode\">(checked ") + (d.online ? "online" : "offline") +
         ")</span>";
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
    out += html::Escape(d.text.substr(at, b - at));
    out += "<mark class=\"v-" + verdict + "\" title=\"" + verdict +
           "\"><a href=\"#c" + std::to_string(n) + "\">" +
           html::Escape(d.text.substr(b, e - b)) + "</a></mark>";
    at = e;
  }
  out += html::Escape(d.text.substr(std::min(at, d.text.size())));
  out += "</pre>\n<ol class=\"findings\">\n";
  n = 0;
  for (const linker::CheckedCitation* c : order) {
    ++n;
    const std::string verdict = linker::VerdictName(c->verdict);
    out += "<li id=\"c" + std::to_string(n) + "\" class=\"v-" + verdict +
           "\"><strong>" + verdict + "</strong> footnote " +
           std::to_string(c->citation.footnote) + ", line " +
           std::to_string(c->citation.line) + ": <span dir=\"auto\">" +
           html::Escape(c->citation.url_written) + "</span>";
    if (!c->reason.empty()) out += " <em>(" + html::Escape(c->reason) + ")</em>";
    out += "<ul>";
    for (const linker::Finding& f : c->findings) {
      out += "<li><code>" + html::Escape(f.rule) + "</code> " +
             linker::SeverityName(f.severity) + ": <span dir=\"auto\">" +
             html::Escape(f.message) + "</span>";
      if (!f.suggestion.empty())
        out += " — suggestion: <span dir=\"auto\">" + html::Escape(f.suggestion) + "</span>";
      out += "</li>";
    }
    out += "</ul></li>\n";
  }
  return out + "</ol>\n</div>\n" + Foot();
}

std::string ErrorPage(int status, std::string_view message) {
  return Head("Error " + std::to_string(status)) + "<h1>Error " +
         std::to_string(status) + "</h1>\n<p role=\"alert\" dir=\"auto\">" +
         html::Escape(message) + "</p>\n" + Foot();
}

}  // namespace timecite::serve
