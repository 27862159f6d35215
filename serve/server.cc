#include "serve/server.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "indexer/fields.h"
#include "indexer/catalog/query.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "linker/report/fix.h"
#include "linker/report/report.h"
#include "linker/report/report_ci.h"
#include "linker/checks/rules.h"
#include "linker/citations/timecode.h"
#include "linker/citations/webtv.h"
#include "serve/cite.h"
#include "serve/pages.h"
#include "serve/regional_groups.h"
#include "store/store.h"
#include "timecite/serve_app_js.h"
#include "timecite/serve_openapi.h"
#include "timecite/serve_style_css.h"

namespace timecite::serve {
namespace {

using Json = nlohmann::json;

// No inline script or style, nothing from elsewhere, forms only to here.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

// Check results kept for their downloads (JSON, SARIF, fixed file).
constexpr std::size_t kKeptChecks = 64;

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// JSON text with invalid UTF-8 replaced (U+FFFD), as the CLI prints it.
std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// An API error: {"error": code, "message": ..., "parameter"?: name}.
struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
  std::string parameter;
};

void SendError(httplib::Response& res, const ApiError& e, bool html) {
  res.status = e.status;
  if (html) {
    res.set_content(ErrorPage(e.status, e.message), "text/html; charset=utf-8");
    return;
  }
  Json j = {{"error", e.code}, {"message", e.message}};
  if (!e.parameter.empty()) j["parameter"] = e.parameter;
  res.set_content(Dump(j), "application/json");
}

ApiError FromStatus(const Status& s) {
  if (s.IsNotFound()) return {404, "not_found", s.message(), ""};
  if (s.code() == Status::Code::kInvalidArgument)
    return {400, "invalid_parameter", s.message(), ""};
  return {500, "internal", s.message(), ""};
}

// Every query parameter must be one of `allowed`, given once.
std::optional<ApiError> CheckParams(const httplib::Request& req,
                                    std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : req.params) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return ApiError{400, "unknown_parameter", "unknown parameter: " + name, name};
    }
    if (req.params.count(name) > 1) {
      return ApiError{400, "invalid_parameter", "parameter given twice: " + name, name};
    }
  }
  return std::nullopt;
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : "";
}

bool IsDay(std::string_view d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
         indexer::ParseIsoTimeMs(std::string(d) + "T00:00:00Z").has_value();
}

std::optional<ApiError> ParseCount(const httplib::Request& req, const char* name,
                                   std::size_t lo, std::size_t hi, std::size_t* out) {
  if (!req.has_param(name)) return std::nullopt;
  const std::string v = req.get_param_value(name);
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    return ApiError{400, "invalid_parameter",
                    std::string(name) + " must be a whole number from " +
                        std::to_string(lo) + " to " + std::to_string(hi) +
                        ", got: " + v,
                    name};
  }
  *out = n;
  return std::nullopt;
}

Result<SearchRequest> ParseSearch(const httplib::Request& req, ApiError* error) {
  if (auto e = CheckParams(req, {"q", "country", "body", "lang", "from", "to",
                                 "sort", "limit", "offset"})) {
    *error = *e;
    return Status::InvalidArgument(e->message);
  }
  SearchRequest r;
  r.words = Param(req, "q");
  r.country = Param(req, "country");
  r.body = Param(req, "body");
  r.language = Param(req, "lang");
  r.from_date = Param(req, "from");
  r.to_date = Param(req, "to");
  auto fail = [&](const char* name, std::string message) -> Result<SearchRequest> {
    *error = {400, "invalid_parameter", message, name};
    return Status::InvalidArgument(message);
  };
  if (!r.country.empty() &&
      (r.country.size() != 3 ||
       !std::all_of(r.country.begin(), r.country.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    return fail("country", "country must be an ISO 3166-1 alpha-3 code (NGA), got: " + r.country);
  }
  if (!r.language.empty() &&
      (r.language.size() < 2 || r.language.size() > 3 ||
       !std::all_of(r.language.begin(), r.language.end(),
                    [](char c) { return c >= 'a' && c <= 'z'; }))) {
    return fail("lang", "lang must be a language code (en), got: " + r.language);
  }
  for (auto [name, value] : {std::pair{"from", &r.from_date}, std::pair{"to", &r.to_date}}) {
    if (!value->empty() && !IsDay(*value))
      return fail(name, std::string(name) + " must be a day the calendar has (YYYY-MM-DD), got: " + *value);
  }
  if (!r.from_date.empty() && !r.to_date.empty() && r.to_date < r.from_date)
    return fail("to", "to (" + r.to_date + ") is before from (" + r.from_date + ")");
  const std::string sort = Param(req, "sort");
  if (sort == "newest") r.sort = SearchSort::kDateNewest;
  else if (sort == "oldest") r.sort = SearchSort::kDateOldest;
  else if (!sort.empty() && sort != "relevance")
    return fail("sort", "sort must be relevance, newest or oldest, got: " + sort);
  if (auto e = ParseCount(req, "limit", 1, 100, &r.limit)) {
    *error = *e;
    return Status::InvalidArgument(e->message);
  }
  if (auto e = ParseCount(req, "offset", 0, 1000000, &r.offset)) {
    *error = *e;
    return Status::InvalidArgument(e->message);
  }
  return r;
}

Json SearchJson(const SearchRequest& r, const SearchResults& results) {
  Json recordings = Json::array();
  for (const RecordingHits& rh : results.recordings) {
    Json rec = indexer::ToJson(rh.recording);
    Json hits = Json::array();
    for (const SearchHit& h : rh.hits) {
      Json hit = indexer::ToJson(h.segment);
      Json spans = Json::array();
      for (const Highlight& s : h.highlights) spans.push_back({s.begin, s.end});
      hit["highlights"] = spans;
      hit["moment"] = MomentPath(rh.recording.asset_id, h.segment.start_ms);
      hits.push_back(std::move(hit));
    }
    rec["hits"] = std::move(hits);
    recordings.push_back(std::move(rec));
  }
  Json facets = Json::object();
  for (const auto& [name, values] : results.facets) {
    Json list = Json::array();
    for (const FacetCount& f : values) list.push_back({{"value", f.value}, {"count", f.count}});
    facets[name] = std::move(list);
  }
  return {{"total_recordings", results.total_recordings},
          {"total_hits", results.total_hits},
          {"offset", r.offset},
          {"limit", r.limit},
          {"recordings", std::move(recordings)},
          {"facets", std::move(facets)}};
}

// A token bucket per client address.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  // 0 when the request may go ahead, else the seconds to wait.
  int Take(const std::string& client) {
    if (rate_ <= 0) return 0;
    const double now = static_cast<double>(SteadyMs()) / 1000.0;
    std::lock_guard<std::mutex> lock(mu_);
    if (buckets_.size() > 10000) buckets_.clear();  // bounded memory
    Bucket& b = buckets_.try_emplace(client, Bucket{burst_, now}).first->second;
    b.tokens = std::min(burst_, b.tokens + (now - b.at) * rate_);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return std::max(1, static_cast<int>((1 - b.tokens) / rate_ + 0.999));
  }

 private:
  struct Bucket {
    double tokens;
    double at;
  };
  const double rate_, burst_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

// One checked upload, for the downloads of its result page.
struct KeptCheck {
  std::string id;
  std::string name;  // the report's file name
  std::string json, sarif;
  std::optional<std::string> fixed;
};

std::string RandomId() {
  std::random_device rd;
  static const char* kHex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) id += kHex[rd() & 15];
  return id;
}

// The file name of an upload, reduced to its last path component, without
// control characters, at most 200 bytes; "upload" when nothing is left.
std::string SafeName(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  }
  if (out.size() > 200) out.resize(200);
  if (out.empty() || out == "." || out == "..") out = "upload";
  return out;
}

struct Checked {
  linker::Document document;
  linker::DocumentReport report;
  std::optional<std::string> fixed;  // text and Markdown only
};

Result<Checked> CheckUpload(std::string name, std::string bytes) {
  if (bytes.empty()) return Status::InvalidArgument("the upload is empty");
  std::string original = bytes;
  auto doc = linker::ReadDocument(name, std::move(bytes));
  if (!doc.ok()) return doc.status();
  Checked out{std::move(doc).value(), {name, {}}, std::nullopt};
  linker::CheckOptions options;
  options.offline = true;
  auto citations = linker::ExtractCitations(out.document);
  out.report.citations = linker::CheckCitations(citations, options);
  std::vector<linker::UrlReplacement> replacements;
  for (std::size_t i = 0; i < out.report.citations.size(); ++i) {
    std::string url = linker::SuggestedUrl(out.report.citations[i]);
    if (!url.empty() && url != out.report.citations[i].citation.url_written)
      replacements.push_back({i, url});
  }
  std::vector<linker::Citation> checked_citations;
  for (const auto& c : out.report.citations) checked_citations.push_back(c.citation);
  if (auto fixed = linker::FixDocument(original, out.document, checked_citations,
                                       replacements);
      fixed.ok()) {
    out.fixed = std::move(fixed).value();
  }
  return out;
}

bool Wanted(const httplib::Request& req, std::string_view prefix) {
  return std::string_view(req.path).starts_with(prefix);
}

}  // namespace

class Server::Impl {
 public:
  ServeOptions options;
  std::unique_ptr<store::Store> db;
  std::unique_ptr<SearchIndex> search;
  indexer::Profile links;
  httplib::Server http;
  std::thread listener;
  int port = 0;
  RateLimiter limiter;
  std::atomic<int64_t> last_catch_up_ms{0};
  std::mutex catch_up_mu;
  std::mutex kept_mu;
  std::deque<KeptCheck> kept;

  Impl(ServeOptions o, indexer::Profile l)
      : options(std::move(o)),
        links(std::move(l)),
        limiter(options.rate_per_second, options.rate_burst) {}

  void CatchUpIfDue() {
    const int64_t now = SteadyMs();
    if (now - last_catch_up_ms.load() < options.catch_up_interval_ms) return;
    std::unique_lock<std::mutex> lock(catch_up_mu, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another request is catching up
    last_catch_up_ms = now;
    (void)db->CatchUp();  // a failed catch-up keeps the last view
    (void)search->Refresh();
  }

  Result<store::Recording> Recording(const std::string& asset_id, ApiError* e) {
    std::string why;
    if (!linker::IsWellFormedAssetId(asset_id, &why)) {
      *e = {400, "invalid_parameter", "asset_id: " + why, "asset_id"};
      return Status::InvalidArgument(why);
    }
    auto rec = db->GetRecording(asset_id);
    if (!rec.ok()) {
      *e = FromStatus(rec.status());
      if (rec.status().IsNotFound())
        e->message = "recording " + asset_id + " is not indexed";
    }
    return rec;
  }

  // The time of a path ("1:29:40", "38:20", "5380" seconds), in ms.
  std::optional<int64_t> Time(const std::string& text, ApiError* e) {
    auto ms = linker::ParseTimecode(text);
    if (!ms.ok() || *ms < 0) {
      *e = {400, "invalid_parameter",
            "time must be h:mm:ss, m:ss or seconds, got: " + text +
                (ms.ok() ? "" : " (" + ms.status().message() + ")"),
            "time"};
      return std::nullopt;
    }
    return *ms;
  }

  static ApiError BeyondEnd(const store::Recording& rec, int64_t ms) {
    return {404, "beyond_end",
            indexer::FormatClock(ms) + " is past the end of recording " +
                rec.asset_id + ", which lasts " + indexer::FormatClock(rec.duration_ms),
            "time"};
  }

  void Routes();
  void ApiRoutes();
  void PageRoutes();
  void KeepCheck(KeptCheck k) {
    std::lock_guard<std::mutex> lock(kept_mu);
    kept.push_back(std::move(k));
    while (kept.size() > kKeptChecks) kept.pop_front();
  }
};

void Server::Impl::Routes() {
  http.set_pre_routing_handler([this](const httplib::Request& req,
                                      httplib::Response& res) {
    res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (int wait = limiter.Take(req.remote_addr); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      SendError(res, {429, "rate_limited",
                      "too many requests from " + req.remote_addr +
                          "; retry after " + std::to_string(wait) + " s", ""},
                !Wanted(req, "/api/"));
      return httplib::Server::HandlerResponse::Handled;
    }
    CatchUpIfDue();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const bool api = Wanted(req, "/api/");
    if (res.status == 404) {
      SendError(res, {404, "not_found", "no such page: " + req.path, ""}, !api);
    } else if (res.status == 413) {
      SendError(res, {413, "too_large", "the upload is over the server's cap", ""}, !api);
    } else if (res.status >= 400) {
      SendError(res, {res.status, "bad_request", "the request could not be served", ""}, !api);
    }
  });
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                std::exception_ptr ep) {
    std::string what = "unexpected failure";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    SendError(res, {500, "internal", what, ""}, !Wanted(req, "/api/"));
  });
  http.Get("/static/app.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(std::string(kAppJs), "text/javascript; charset=utf-8");
  });
  http.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(std::string(kStyleCss), "text/css; charset=utf-8");
  });
  // A fixed 1 KiB answer: a load check, and the benchmark's baseline.
  http.Get("/static/ping.txt", [](const httplib::Request&, httplib::Response& res) {
    static const std::string kKiB(1024, 'x');
    res.set_content(kKiB, "text/plain");
  });
  http.Get("/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kOpenApi), "application/json");
  });
  ApiRoutes();
  PageRoutes();
}

void Server::Impl::ApiRoutes() {
  http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    ApiError e;
    auto r = ParseSearch(req, &e);
    if (!r.ok()) return SendError(res, e, false);
    auto results = search->Search(*r);
    if (!results.ok()) return SendError(res, FromStatus(results.status()), false);
    res.set_content(Dump(SearchJson(*r, *results)), "application/json");
  });
  http.Get(R"(/api/recordings/([^/]+))", [this](const httplib::Request& req,
                                               httplib::Response& res) {
    ApiError e;
    if (auto pe = CheckParams(req, {})) return SendError(res, *pe, false);
    auto rec = Recording(req.matches[1], &e);
    if (!rec.ok()) return SendError(res, e, false);
    auto view = indexer::Show(*db, rec->asset_id);
    auto segments = db->SegmentsOf(rec->asset_id);
    if (!view.ok() || !segments.ok())
      return SendError(res, FromStatus(view.ok() ? segments.status() : view.status()), false);
    Json j = indexer::ToJson(*view);
    Json statements = Json::array();
    for (const store::Segment& s : *segments) {
      if (s.kind != store::SegmentKind::kStatement) continue;
      Json sj = indexer::ToJson(s);
      sj["regional_group"] = RegionalGroupKey(RegionalGroupOf(s.affiliation));
      statements.push_back(std::move(sj));
    }
    j["statements"] = std::move(statements);
    res.set_content(Dump(j), "application/json");
  });
  http.Get(R"(/api/at/([^/]+)/([^/]+))", [this](const httplib::Request& req,
                                               httplib::Response& res) {
    ApiError e;
    if (auto pe = CheckParams(req, {"lang"})) return SendError(res, *pe, false);
    const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "en";
    if (!IsCiteLanguage(lang))
      return SendError(res, {400, "invalid_parameter",
                             "lang must be one of en, fr, es, ru, ar, zh, got: " + lang, "lang"},
                       false);
    auto rec = Recording(req.matches[1], &e);
    if (!rec.ok()) return SendError(res, e, false);
    auto ms = Time(req.matches[2], &e);
    if (!ms) return SendError(res, e, false);
    auto moment = indexer::At(*db, rec->asset_id, *ms, links, lang);
    if (!moment.ok()) return SendError(res, FromStatus(moment.status()), false);
    if (moment->beyond_end) return SendError(res, BeyondEnd(*rec, *ms), false);
    res.set_content(Dump(indexer::ToJson(*moment)), "application/json");
  });
  http.Get(R"(/api/cite/([^/]+)/([^/]+))", [this](const httplib::Request& req,
                                                 httplib::Response& res) {
    ApiError e;
    if (auto pe = CheckParams(req, {"lang", "style"})) return SendError(res, *pe, false);
    const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "en";
    const std::string style = req.has_param("style") ? req.get_param_value("style") : "all";
    if (!IsCiteLanguage(lang))
      return SendError(res, {400, "invalid_parameter",
                             "lang must be one of en, fr, es, ru, ar, zh, got: " + lang, "lang"},
                       false);
    if (style != "all" && style != "footnote" && style != "csl-json")
      return SendError(res, {400, "invalid_parameter",
                             "style must be all, footnote or csl-json, got: " + style, "style"},
                       false);
    auto rec = Recording(req.matches[1], &e);
    if (!rec.ok()) return SendError(res, e, false);
    auto ms = Time(req.matches[2], &e);
    if (!ms) return SendError(res, e, false);
    if (rec->duration_ms > 0 && *ms >= rec->duration_ms)
      return SendError(res, BeyondEnd(*rec, *ms), false);
    auto footnote = FootnoteCitation(*rec, *ms, lang);
    if (!footnote.ok()) return SendError(res, {422, "not_citable", footnote.status().message(), ""}, false);
    std::string deep = WebTvPageUrl(rec->asset_id, lang);
    for (const auto& l : indexer::DeepLinks(links, *rec, *ms, lang)) {
      if (l.name == "kaltura_player") deep = l.url;
    }
    const Json csl = CslJson(*rec, *ms, deep);
    if (style == "footnote") {
      res.set_content(*footnote, "text/plain; charset=utf-8");
    } else if (style == "csl-json") {
      res.set_content(Dump(Json::array({csl})), "application/vnd.citationstyles.csl+json");
    } else {
      res.set_content(Dump({{"asset_id", rec->asset_id},
                            {"at_ms", *ms},
                            {"at", linker::FormatTimecode(*ms)},
                            {"lang", lang},
                            {"footnote", *footnote},
                            {"csl", csl}}),
                      "application/json");
    }
  });
  http.Post("/api/check", [this](const httplib::Request& req, httplib::Response& res) {
    if (auto pe = CheckParams(req, {"format", "fix"})) return SendError(res, *pe, false);
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    const std::string fix = Param(req, "fix");
    if (format != "json" && format != "sarif" && format != "junit" && format != "markdown")
      return SendError(res, {400, "invalid_parameter",
                             "format must be json, sarif, junit or markdown, got: " + format,
                             "format"},
                       false);
    if (!fix.empty() && fix != "0" && fix != "1")
      return SendError(res, {400, "invalid_parameter", "fix must be 0 or 1, got: " + fix, "fix"},
                       false);
    std::string name = req.get_header_value("X-Filename");
    std::string bytes = req.body;
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file"))
        return SendError(res, {400, "missing_file", "the multipart body has no field 'file'", "file"},
                         false);
      const auto file = req.get_file_value("file");
      name = file.filename;
      bytes = file.content;
    }
    auto checked = CheckUpload(SafeName(name), std::move(bytes));
    if (!checked.ok()) {
      const bool empty = checked.status().message() == "the upload is empty";
      return SendError(res, {empty ? 400 : 422, empty ? "empty_upload" : "unreadable_document",
                             checked.status().message(), ""},
                       false);
    }
    if (fix == "1") {
      if (!checked->fixed)
        return SendError(res, {422, "fix_unsupported",
                               "a fixed copy is written for text and Markdown reports only", ""},
                         false);
      return res.set_content(*checked->fixed, "text/plain; charset=utf-8");
    }
    const std::vector<linker::DocumentReport> reports = {checked->report};
    if (format == "sarif") {
      res.set_content(Dump(linker::ReportToSarif(reports)), "application/sarif+json");
    } else if (format == "junit") {
      std::ostringstream out;
      linker::WriteJUnit(out, reports, false);
      res.set_content(out.str(), "application/xml");
    } else if (format == "markdown") {
      std::ostringstream out;
      linker::WriteMarkdown(out, reports);
      res.set_content(out.str(), "text/markdown; charset=utf-8");
    } else {
      res.set_content(Dump(linker::ReportToJson(reports, "offline")), "application/json");
    }
  });
  // Any other /api/ path.
  http.Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, {404, "not_found", "no such endpoint: " + req.path, ""}, false);
  });
}

void Server::Impl::PageRoutes() {
  auto search_page = [this](const httplib::Request& req, httplib::Response& res) {
    ApiError e;
    auto r = ParseSearch(req, &e);
    if (!r.ok()) {
      res.status = 400;
      return res.set_content(SearchPage(SearchRequest{}, nullptr, e.message),
                             "text/html; charset=utf-8");
    }
    if (r->words.empty() && r->country.empty() && r->body.empty() &&
        r->from_date.empty() && r->to_date.empty()) {
      return res.set_content(SearchPage(*r, nullptr, ""), "text/html; charset=utf-8");
    }
    auto results = search->Search(*r);
    if (!results.ok()) {
      res.status = FromStatus(results.status()).status;
      return res.set_content(SearchPage(*r, nullptr, results.status().message()),
                             "text/html; charset=utf-8");
    }
    res.set_content(SearchPage(*r, &*results, ""), "text/html; charset=utf-8");
  };
  http.Get("/", search_page);
  http.Get("/search", search_page);
  auto recording_page = [this](const httplib::Request& req, httplib::Response& res) {
    ApiError e;
    auto rec = Recording(req.matches[1], &e);
    if (!rec.ok()) return SendError(res, e, true);
    RecordingPageData d;
    if (req.matches.size() > 2) {
      auto ms = Time(req.matches[2], &e);
      if (!ms) return SendError(res, e, true);
      if (rec->duration_ms > 0 && *ms >= rec->duration_ms)
        return SendError(res, BeyondEnd(*rec, *ms), true);
      d.moment_ms = *ms;
    }
    auto segments = db->SegmentsOf(rec->asset_id);
    if (!segments.ok()) return SendError(res, FromStatus(segments.status()), true);
    d.recording = std::move(rec).value();
    for (store::Segment& s : *segments) {
      if (s.kind == store::SegmentKind::kStatement) d.statements.push_back(std::move(s));
      else if (s.kind == store::SegmentKind::kSentence) d.sentences.push_back(std::move(s));
    }
    d.links = &links;
    res.set_content(RecordingPage(d), "text/html; charset=utf-8");
  };
  http.Get(R"(/r/([^/]+))", recording_page);
  http.Get(R"(/r/([^/]+)/([^/]+))", recording_page);
  http.Get("/check", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(CheckPage({}), "text/html; charset=utf-8");
  });
  http.Post("/check", [this](const httplib::Request& req, httplib::Response& res) {
    std::string name = "pasted.txt", bytes;
    if (req.is_multipart_form_data()) {
      if (req.has_file("file") && !req.get_file_value("file").content.empty()) {
        const auto file = req.get_file_value("file");
        name = file.filename;
        bytes = file.content;
      } else if (req.has_file("text")) {
        bytes = req.get_file_value("text").content;
      }
    } else {
      bytes = req.has_param("text") ? req.get_param_value("text") : req.body;
    }
    CheckPageData page;
    auto checked = CheckUpload(SafeName(name), std::move(bytes));
    if (!checked.ok()) {
      res.status = 422;
      page.error = checked.status().message();
      return res.set_content(CheckPage(page), "text/html; charset=utf-8");
    }
    const std::vector<linker::DocumentReport> reports = {checked->report};
    KeptCheck k{RandomId(), checked->report.path,
                Dump(linker::ReportToJson(reports, "offline")),
                Dump(linker::ReportToSarif(reports)), checked->fixed};
    const std::string base = "/check/" + k.id;
    const std::string json = base + ".json", sarif = base + ".sarif",
                      fixed = base + ".fixed";
    page.report = &checked->report;
    page.text = checked->document.text;
    page.json = json;
    page.sarif = sarif;
    if (checked->fixed) page.fixed = fixed;
    KeepCheck(std::move(k));
    res.set_content(CheckPage(page), "text/html; charset=utf-8");
  });
  http.Get(R"(/check/([0-9a-f]{32})\.(json|sarif|fixed))",
           [this](const httplib::Request& req, httplib::Response& res) {
             const std::string id = req.matches[1], kind = req.matches[2];
             std::lock_guard<std::mutex> lock(kept_mu);
             for (const KeptCheck& k : kept) {
               if (k.id != id) continue;
               if (kind == "fixed" && !k.fixed) break;
               const std::string file =
                   kind == "fixed" ? "fixed-" + k.name : k.name + "." + kind;
               std::string quoted;
               for (char c : file) quoted += (c == '"' || c == '\\') ? '_' : c;
               res.set_header("Content-Disposition",
                              "attachment; filename=\"" + quoted + "\"");
               if (kind == "json") return res.set_content(k.json, "application/json");
               if (kind == "sarif") return res.set_content(k.sarif, "application/sarif+json");
               return res.set_content(*k.fixed, "application/octet-stream");
             }
             SendError(res, {404, "not_found", "no such check result (kept: the last " +
                                                   std::to_string(kKeptChecks) + ")", ""},
                       true);
           });
}

Result<std::unique_ptr<Server>> Server::Create(ServeOptions options,
                                               std::unique_ptr<SearchIndex> search) {
  if (options.max_upload_bytes == 0 || options.max_upload_bytes > linker::kMaxInputBytes)
    return Status::InvalidArgument("the upload cap must be 1 byte to 256 MiB");
  if (options.threads < 1) return Status::InvalidArgument("threads must be at least 1");
  std::error_code ec;
  if (!std::filesystem::is_directory(options.db, ec)) {
    return Status::NotFound("no database at " + options.db.string() +
                            " (run `timecite crawl` or `timecite check` first)");
  }
  indexer::Profile links;
  if (options.links) {
    links = *options.links;
  } else {
    auto builtin = indexer::BuiltinProfile("webtv-asset");
    if (!builtin.ok()) return builtin.status();
    links = std::move(builtin).value();
  }
  auto impl = std::make_unique<Impl>(std::move(options), std::move(links));
  auto db = store::Store::Open(impl->options.db, store::OpenMode::kSecondary);
  if (!db.ok()) return db.status();
  impl->db = std::move(db).value();
  impl->search = search ? std::move(search) : NewStoreScanIndex(*impl->db);
  impl->last_catch_up_ms = SteadyMs();
  const int threads = impl->options.threads;
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->http.set_payload_max_length(impl->options.max_upload_bytes);
  // Small answers go out at once (without it, Nagle and delayed ACKs held
  // each keep-alive answer ~40 ms: serve_bench measured 44 ms p50).
  impl->http.set_tcp_nodelay(true);
  impl->http.set_keep_alive_max_count(10000);
  impl->http.set_keep_alive_timeout(5);
  impl->http.set_read_timeout(30);
  impl->Routes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill us
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
    if (s.port <= 0) s.port = 0;
  } else if (s.http.bind_to_port(s.options.host, s.options.port)) {
    s.port = s.options.port;
  }
  if (s.port == 0) {
    return Status::IoError("cannot listen on " + s.options.host + ":" +
                           std::to_string(s.options.port));
  }
  s.listener = std::thread([&s] { s.http.listen_after_bind(); });
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& h = impl_->options.host;
  const bool v6 = h.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + h + "]" : h) + ":" + std::to_string(impl_->port);
}

void Server::Stop() {
  if (!impl_) return;
  impl_->http.stop();
  if (impl_->listener.joinable()) impl_->listener.join();
}

}  // namespace timecite::serve
