#include "cli/verify_run.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli/json_text.h"
#include "common/url.h"
#include "indexer/fields.h"
#include "linker/batch.h"
#include "linker/citation.h"
#include "linker/countries.h"
#include "linker/document.h"
#include "linker/report_ci.h"
#include "linker/wayback.h"

namespace timecite::cli {
namespace {

// Hosts already said to make the run wait (one line each per run when
// progress lines are off: stderr is not a terminal and no --progress).
using WaitsSaid = std::set<std::string>;

void PrintProgress(const ProgressOut& out, const crawler::CrawlProgress& p,
                   const char* what, WaitsSaid* said = nullptr) {
  if (!out.on) {
    if (!out.waits || said == nullptr) return;
    for (const crawler::HostWait& w : p.waits) {
      if (!said->insert(w.host).second) continue;
      std::cerr << "timecite: waiting: " << w.host << " asks to wait "
                << (w.wait_ms + 999) / 1000 << " s (Retry-After)\n";
    }
    return;
  }
  std::ostringstream line;
  line << "timecite: " << what << ": " << p.done << " done, " << p.in_flight
       << " in flight, " << p.queued << " queued";
  if (p.retries > 0) line << ", " << p.retries << " retried";
  if (!p.waits.empty()) {
    line << " (" << p.waits.front().host << " asks to wait "
         << (p.waits.front().wait_ms + 999) / 1000 << " s)";
  }
  out.Line(line.str());
}

// Runs the rules over every document, with `archive` answering archive
// lookups (may be empty).
Result<std::vector<linker::DocumentReport>> RunRules(
    store::Store& db, const std::vector<DocumentCitations>& docs,
    const OnlineOptions& options,
    const std::function<std::string(const std::string&)>& archive) {
  std::vector<linker::DocumentReport> reports;
  linker::VerifyOptions verify = options.verify;
  verify.archive_url = archive;
  Status failed = Status::Ok();
  for (const DocumentCitations& d : docs) {
    linker::CheckOptions check = options.check;
    check.offline = false;
    check.online = [&](std::vector<linker::CheckedCitation>& all) {
      Status s = linker::VerifyCitations(all, db, verify);
      if (!s.ok() && failed.ok()) failed = s;
    };
    reports.push_back({d.path, linker::CheckCitations(d.citations, check)});
  }
  if (!failed.ok()) return failed;
  return reports;
}

bool WantsArchive(const linker::CheckedCitation& c) {
  for (const auto& f : c.findings) {
    if (f.rule == "link-broken" || f.rule == "soft-404" ||
        f.rule == "asset-removed") {
      return true;
    }
  }
  return false;
}

store::CitationRecord ToRecord(const std::string& source,
                               const linker::CheckedCitation& c,
                               std::int64_t now_ms) {
  store::CitationRecord r;
  r.source = source;
  r.footnote = c.citation.footnote;
  r.seq = c.citation.seq;
  r.line = c.citation.line;
  r.column = c.citation.column;
  r.url_written = c.citation.url_written;
  r.url_canonical = c.citation.url_canonical;
  r.timecode_ms = c.citation.start_ms;
  r.verdict = linker::VerdictName(c.verdict);
  const nlohmann::json j = linker::CitationToJson(c);
  r.findings = j["findings"];
  r.checked_at_ms = now_ms;
  r.extra = {{"kind", j["kind"]}};
  if (j.contains("asset")) r.extra["asset_id"] = j["asset"]["asset_id"];
  if (j.contains("date")) r.extra["date"] = j["date"];
  if (j.contains("meeting_number"))
    r.extra["meeting_number"] = j["meeting_number"];
  if (!c.reason.empty()) r.extra["reason"] = c.reason;
  return r;
}

// Writes each document's citations (one batch per document, the last synced).
// Each record keeps the verdicts of its earlier checks (extra "history", the
// last kMaxVerdictHistory) so `recheck --since` can tell what changed.
constexpr std::size_t kMaxVerdictHistory = 50;

// Checks closer than this to the last one counted are the same check (a run
// repeated within the hour), as the link history counts them.
const int64_t kSameCheckMs = linker::VerifyOptions{}.history_same_check_ms;

int64_t IntOr(const nlohmann::json& j, const char* key, int64_t fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>()
                                                  : fallback;
}

// A document's stored records by footnote and URL as written (the key a
// citation keeps across checks); the first record of a key wins.
using RecordsByKey =
    std::map<std::pair<int, std::string>, const store::CitationRecord*>;
RecordsByKey ByKey(const std::vector<store::CitationRecord>& records) {
  RecordsByKey out;
  for (const auto& r : records)
    out.emplace(std::pair{r.footnote, r.url_written}, &r);
  return out;
}

// The stored record of `c`, or null.
const store::CitationRecord* EarlierRecord(const RecordsByKey& records,
                                           const linker::CheckedCitation& c) {
  auto it = records.find({c.citation.footnote, c.citation.url_written});
  return it == records.end() ? nullptr : it->second;
}

}  // namespace

bool WaitsForHistory(std::string_view rule) {
  return rule == "soft-404" || rule == "asset-not-found" ||
         rule == "asset-removed";
}

nlohmann::json ContinueFindingHistory(const store::CitationRecord* earlier,
                                      const linker::CheckedCitation& c,
                                      int64_t now_ms) {
  nlohmann::json out = nlohmann::json::object();
  const nlohmann::json* before = nullptr;
  if (earlier != nullptr) {
    auto it = earlier->extra.find("finding_history");
    if (it != earlier->extra.end() && it->is_object()) before = &*it;
  }
  for (const linker::Finding& f : c.findings) {
    if (!WaitsForHistory(f.rule) || out.contains(f.rule)) continue;
    int64_t checks = 1, first = now_ms, last = now_ms;
    if (before != nullptr) {
      auto it = before->find(f.rule);
      if (it != before->end() && it->is_object()) {
        const int64_t n = IntOr(*it, "failed_checks", 0);
        const int64_t a = IntOr(*it, "first_failure_ms", now_ms);
        const int64_t b = IntOr(*it, "last_failure_ms", now_ms);
        if (n > 0 && a <= b && b <= now_ms) {
          first = a;
          const bool new_check = now_ms - b >= kSameCheckMs;
          checks = new_check ? n + 1 : n;
          last = new_check ? now_ms : b;
        }
      }
    }
    out[f.rule] = {{"failed_checks", checks},
                   {"first_failure_ms", first},
                   {"last_failure_ms", last}};
  }
  return out;
}

Status StoreCheckedCitations(store::Store& db,
                             const std::vector<linker::DocumentReport>& reports,
                             int64_t now_ms) {
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    if (r.path == "-") continue;  // standard input has no stable identity
    std::error_code ec;
    const std::string source =
        std::filesystem::absolute(r.path, ec).lexically_normal().string();
    std::map<std::pair<int, std::string>, store::CitationRecord> earlier;
    auto old = db.CitationsOf(source);
    if (old.ok()) {
      for (auto& rec : *old) {
        nlohmann::json h = rec.extra.contains("history")
                               ? rec.extra["history"]
                               : nlohmann::json::array();
        if (!h.is_array()) h = nlohmann::json::array();
        h.push_back({{"at_ms", rec.checked_at_ms}, {"verdict", rec.verdict}});
        while (h.size() > kMaxVerdictHistory) h.erase(h.begin());
        rec.extra["history"] = std::move(h);
        const std::pair<int, std::string> key{rec.footnote, rec.url_written};
        earlier.insert_or_assign(key, std::move(rec));  // the last wins
      }
    }
    std::vector<store::CitationRecord> records;
    records.reserve(r.citations.size());
    for (const auto& c : r.citations) {
      records.push_back(ToRecord(source, c, now_ms));
      auto it = earlier.find({c.citation.footnote, c.citation.url_written});
      const store::CitationRecord* before =
          it == earlier.end() ? nullptr : &it->second;
      if (before != nullptr)
        records.back().extra["history"] = before->extra["history"];
      nlohmann::json findings = ContinueFindingHistory(before, c, now_ms);
      if (!findings.empty())
        records.back().extra["finding_history"] = std::move(findings);
    }
    Status s =
        db.ReplaceCitations(source, records, /*sync=*/i + 1 == reports.size());
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

namespace {

std::string AbsoluteSource(const std::string& path) {
  std::error_code ec;
  return std::filesystem::absolute(path, ec).lexically_normal().string();
}

// Citations rebuilt from stored records (the source document is gone): the
// URL, its footnote and location, the timecode and the date.
std::vector<linker::Citation> FromRecords(
    const std::string& source,
    const std::vector<store::CitationRecord>& records) {
  std::string text;
  for (const auto& r : records) text += r.url_written + "\n";
  std::vector<linker::Citation> out;
  auto doc = linker::DocumentFromBytes(source, text);
  if (!doc.ok()) return out;
  std::vector<linker::Citation> found = linker::ExtractCitations(*doc);
  for (auto& c : found) {
    if (c.line < 1 || static_cast<size_t>(c.line) > records.size()) continue;
    const store::CitationRecord& r = records[static_cast<size_t>(c.line) - 1];
    c.footnote = r.footnote;
    c.seq = r.seq;
    c.line = r.line;
    c.column = r.column;
    c.start_ms = r.timecode_ms;
    if (r.extra.contains("date") && r.extra["date"].is_string()) {
      c.date = r.extra["date"].get<std::string>();
    }
    out.push_back(std::move(c));
  }
  return out;
}

// The verdict a stored record had at `since_ms` ("" when it did not exist).
std::string VerdictAt(const store::CitationRecord& r, int64_t since_ms) {
  std::string verdict;
  int64_t best = INT64_MIN;
  auto consider = [&](int64_t at, const std::string& v) {
    if (at <= since_ms && at >= best) {
      best = at;
      verdict = v;
    }
  };
  if (r.extra.contains("history") && r.extra["history"].is_array()) {
    for (const auto& h : r.extra["history"]) {
      if (h.is_object() && h.contains("at_ms") &&
          h["at_ms"].is_number_integer() && h.contains("verdict") &&
          h["verdict"].is_string()) {
        consider(h["at_ms"].get<int64_t>(), h["verdict"].get<std::string>());
      }
    }
  }
  consider(r.checked_at_ms, r.verdict);
  return verdict;
}

}  // namespace

Status WriteReports(const std::vector<linker::DocumentReport>& reports,
                    const ReportOutput& o) {
  // The whole report is rendered first: an -o file is opened (and truncated)
  // only once there is something complete to put in it.
  std::ostringstream out;
  if (o.format == "json") {
    out << JsonText(linker::ReportToJson(reports, o.mode)) << "\n";
  } else if (o.format == "sarif") {
    out << JsonText(linker::ReportToSarif(reports)) << "\n";
  } else if (o.format == "junit") {
    linker::WriteJUnit(out, reports, o.fail_on_warning);
  } else if (o.format == "markdown") {
    linker::WriteMarkdown(out, reports);
  } else {
    linker::TextOptions text;
    bool color = o.color == "always";
    const char* nc = std::getenv("NO_COLOR");
    if (nc && *nc) {
      color = false;  // NO_COLOR wins, even over --color always (no-color.org)
    } else if (o.color == "auto") {
      color = o.output.empty() && isatty(STDOUT_FILENO);
    }
    text.color = color;
    text.quiet = o.quiet;
    linker::WriteText(out, reports, text);
  }
  if (o.output.empty()) {
    std::cout << out.view();
    std::cout.flush();
    if (!std::cout) return Status::IoError("cannot write the report");
    return Status::Ok();
  }
  std::ofstream file_out(o.output, std::ios::binary | std::ios::trunc);
  if (!file_out) return Status::IoError("cannot write " + o.output);
  file_out << out.view();
  file_out.flush();
  if (!file_out)
    return Status::IoError("cannot write the report to " + o.output);
  return Status::Ok();
}

Result<Config> LoadUserConfig(const std::string& given) {
  std::filesystem::path path = given;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists("timecite.toml", ec)) return Config{};
    path = "timecite.toml";
  }
  auto config = LoadConfig(path);
  if (!config.ok()) return config;
  const auto& known = linker::KnownRuleIds();
  for (const auto& [rule, severity] : config->rule_severity) {
    if (std::find(known.begin(), known.end(), rule) == known.end()) {
      return Status::InvalidArgument(path.string() + ": unknown rule 'rules." +
                                     rule + "' (docs/rules.md lists them)");
    }
  }
  return config;
}

namespace {
std::atomic<bool> g_stop{false};
}  // namespace

const std::atomic<bool>* CatchStopSignals() {
  g_stop.store(false);
  std::signal(SIGINT, [](int) { g_stop.store(true); });
  std::signal(SIGTERM, [](int) { g_stop.store(true); });
  return &g_stop;
}

void RestoreStopSignals() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

int ExitCodeOf(const std::vector<linker::DocumentReport>& reports,
               bool fail_on_warning) {
  const linker::Summary summary = linker::Summarize(reports);
  if (summary.HasErrors()) return 2;
  if (fail_on_warning && summary.verdicts.count("warning") &&
      summary.verdicts.at("warning") > 0) {
    return 2;
  }
  return 0;
}

Result<indexer::Profile> DeepLinkProfile(const Config& config) {
  auto profile = indexer::BuiltinProfile("webtv-asset");
  if (!profile.ok()) return profile;
  for (const auto& [name, tmpl] : config.deep_links)
    profile->SetLink(name, tmpl);
  return profile;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

linker::VerifyOptions VerifyOptionsFromConfig(const Config& config,
                                              int64_t now_ms, bool quiet) {
  linker::VerifyOptions v;
  v.now_ms = now_ms;
  v.history_failures = config.history_failures;
  v.history_min_days = config.history_min_days;
  const Result<linker::CountryTable>& countries = linker::DefaultCountryTable();
  if (countries.ok()) {
    v.countries = &*countries;
  } else {
    static bool warned = false;
    if (!warned && !quiet) {
      std::cerr << "timecite: warning: speaker-mismatch is off: "
                << countries.status().message() << "\n";
      warned = true;
    }
  }
  if (!config.remap.empty()) {
    auto rules =
        std::make_shared<std::vector<std::pair<std::regex, std::string>>>();
    for (const auto& r : config.remap)
      rules->emplace_back(std::regex(r.pattern), r.replace);
    v.map_url = [rules](const std::string& url) {
      for (const auto& [re, replace] : *rules) {
        if (url.size() <= linker::kMaxPatternUrlBytes &&
            std::regex_search(url, re)) {
          return std::regex_replace(url, re, replace,
                                    std::regex_constants::format_first_only);
        }
      }
      return url;
    };
  }
  return v;
}

Result<std::vector<linker::DocumentReport>> CheckOnline(
    store::Store& db, std::vector<DocumentCitations> docs,
    const OnlineOptions& options, OnlineStats* stats) {
  // 1. Fetch and index what the citations need: one crawl for everything.
  std::vector<linker::Citation> all;
  for (const auto& d : docs)
    all.insert(all.end(), d.citations.begin(), d.citations.end());
  const linker::FetchPlan plan = linker::PlanFetches(all, options.verify);
  IndexTargets targets;
  targets.urls = plan.urls;
  targets.asset_ids = plan.asset_ids;
  WaitsSaid waits_said;
  auto progress = [&](const crawler::CrawlProgress& p) {
    PrintProgress(options.progress, p, "fetching", &waits_said);
  };
  const int64_t start_ms =
      options.fetch.clock != nullptr ? options.fetch.clock->NowMs() : NowMs();
  FetchSettings fetch = options.fetch;
  if (options.deadline_ms > 0) fetch.crawl.run_deadline_ms = options.deadline_ms;
  auto index_progress = [&](const IndexProgress& p) {
    if (!options.progress.on) return;
    options.progress.Line("timecite: indexing: " + std::to_string(p.done) +
                          "/" + std::to_string(p.total) + " recordings, last " +
                          p.asset_id + (p.ok ? "" : " (failed)"));
  };
  Result<IndexRun> run = FetchAndIndex(db, targets, fetch, progress,
                                       options.stop, index_progress);
  options.progress.End();
  if (!run.ok()) return run.status();
  // What the deadline or a stop left unchecked is unverified with that reason,
  // not judged on what an earlier run stored.
  OnlineOptions run_options = options;
  const bool deadline = run->progress.deadline_reached;
  if (deadline || (options.stop != nullptr && options.stop->load())) {
    std::set<std::string>& unfinished = run_options.verify.unfinished;
    for (const std::string& key : plan.urls) {
      Result<store::FetchRecord> f = db.GetFetch(key);
      if (!f.ok() || f->fetched_at_ms < start_ms ||
          (deadline && f->error_class == "timeout")) {
        unfinished.insert(key);
      }
    }
    for (const AssetOutcome& a : run->assets) {
      if (a.unfinished) unfinished.insert(a.asset_id);
    }
    run_options.verify.unfinished_reason =
        deadline ? "not checked before the --deadline (" +
                       std::to_string(options.deadline_ms / 1000) + " s)"
                 : "interrupted before it was checked";
    if (stats != nullptr) {
      stats->deadline_reached = deadline;
      stats->unfinished = static_cast<int64_t>(unfinished.size());
    }
  }
  if (stats != nullptr) {
    stats->requests += run->progress.requests;
    for (const AssetOutcome& a : run->assets) {
      if (a.status.ok()) {
        ++stats->recordings;
      } else {
        stats->notes.push_back(a.asset_id + ": " + a.status.message());
      }
    }
  }

  // A URL broken across lines at a hyphen keeps the reading that answers.
  for (DocumentCitations& d : docs) {
    auto settled =
        linker::SettleUrlAlternatives(d.citations, db, options.verify);
    if (!settled.ok()) return settled.status();
  }

  // 2. The rules; then archive copies for what is dead, and the rules again.
  auto reports = RunRules(db, docs, run_options, {});
  if (!reports.ok() || !options.archive_lookup) return reports;
  std::map<std::string, std::string>
      lookup_of;                  // fetched URL -> availability request
  std::vector<size_t> dead_docs;  // documents with a dead citation
  for (size_t i = 0; i < reports->size(); ++i) {
    for (const auto& c : (*reports)[i].citations) {
      if (!WantsArchive(c) || c.citation.url_canonical.empty()) continue;
      if (dead_docs.empty() || dead_docs.back() != i) dead_docs.push_back(i);
      std::string key = c.citation.url_canonical;
      if (options.verify.map_url) key = FetchKey(options.verify.map_url(key));
      const std::string stamp =
          linker::WaybackTimestampFromDate(c.citation.date).value_or("");
      auto request = linker::WaybackRequestUrl(key, stamp);
      if (request.ok()) lookup_of.emplace(key, *request);
    }
  }
  if (lookup_of.empty()) return reports;
  FetchSettings archive_fetch = options.fetch;
  if (options.deadline_ms > 0) {
    const int64_t now_ms =
        options.fetch.clock != nullptr ? options.fetch.clock->NowMs() : NowMs();
    const int64_t left = start_ms + options.deadline_ms - now_ms;
    if (left <= 0) return reports;  // no time for archive suggestions
    archive_fetch.crawl.run_deadline_ms = left;
  }
  IndexTargets lookups;
  for (const auto& [key, request] : lookup_of) lookups.urls.push_back(request);
  auto archive_progress = [&](const crawler::CrawlProgress& p) {
    PrintProgress(options.progress, p, "archive lookups", &waits_said);
  };
  Result<IndexRun> archive_run =
      FetchAndIndex(db, lookups, archive_fetch, archive_progress, options.stop);
  options.progress.End();
  if (!archive_run.ok()) return archive_run.status();
  if (stats != nullptr) {
    stats->requests += archive_run->progress.requests;
    stats->archive_lookups += static_cast<int64_t>(lookups.urls.size());
  }
  auto archive = [&db, &lookup_of](const std::string& url) -> std::string {
    auto it = lookup_of.find(url);
    if (it == lookup_of.end()) return "";
    auto fetched = db.GetFetch(FetchKey(it->second));
    if (!fetched.ok() || !fetched->error_class.empty() ||
        fetched->status != 200 || fetched->body_hash.empty()) {
      return "";
    }
    auto body = db.GetBody(fetched->body_hash);
    if (!body.ok()) return "";
    auto snapshot = linker::ParseWaybackAvailable(*body);
    if (!snapshot.ok() || !snapshot->has_value()) return "";
    return (*snapshot)->url;
  };
  // The rules again, only for the documents that cite something dead, now
  // with the archive copies as suggestions.
  std::vector<DocumentCitations> again;
  for (size_t i : dead_docs) again.push_back(docs[i]);
  auto redone = RunRules(db, again, run_options, archive);
  if (!redone.ok()) return redone.status();
  for (size_t k = 0; k < dead_docs.size(); ++k) {
    (*reports)[dead_docs[k]] = std::move((*redone)[k]);
  }
  return reports;
}

}  // namespace timecite::cli

namespace timecite::cli {

void HoldBackUnconfirmed(const store::CitationRecord* earlier, int64_t now_ms,
                         int failures, int min_days,
                         linker::CheckedCitation& c) {
  const nlohmann::json history = ContinueFindingHistory(earlier, c, now_ms);
  bool held = false;
  for (linker::Finding& f : c.findings) {
    if (!WaitsForHistory(f.rule) || f.severity != linker::Severity::kError)
      continue;
    auto found = history.find(f.rule);
    const nlohmann::json h =
        found == history.end() ? nlohmann::json::object() : *found;
    const int64_t checks = IntOr(h, "failed_checks", 1);
    const int64_t first = IntOr(h, "first_failure_ms", now_ms);
    const int64_t span_ms = now_ms - first;
    if (checks >= failures &&
        span_ms >= static_cast<int64_t>(min_days) * 86'400'000) {
      continue;  // confirmed: an error, the citation broken
    }
    f.severity = linker::Severity::kWarning;
    const std::string why =
        f.rule + " not yet confirmed: " + std::to_string(checks) + " check" +
        (checks == 1 ? "" : "s") + " found it since " +
        indexer::UtcDate(first) + "; broken after " + std::to_string(failures) +
        " over at least " + std::to_string(min_days) + " days";
    c.reason = c.reason.empty() ? why : c.reason + "; " + why;
    held = true;
  }
  if (!held) return;
  bool error = false;
  for (const linker::Finding& f : c.findings)
    error |= f.severity == linker::Severity::kError;
  c.verdict = error ? linker::Verdict::kBroken : linker::Verdict::kWarning;
}

Result<RecheckResult> Recheck(store::Store& db, const RecheckOptions& options) {
  // Every stored citation, by source document.
  std::map<std::string, std::vector<store::CitationRecord>> by_source;
  Status scanned = db.ScanCitations([&](const store::CitationRecord& r) {
    by_source[r.source].push_back(r);
    return true;
  });
  if (!scanned.ok()) return scanned;

  RecheckResult result;
  // The reports still on disk are read again (on one thread per core,
  // linker/batch.h); the others, and those that no longer read, from their
  // stored citations.
  std::vector<std::string> on_disk;
  for (const auto& [source, records] : by_source) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(source, ec)) on_disk.push_back(source);
  }
  std::map<std::string, linker::ExtractedFile> reread;
  for (linker::ExtractedFile& file :
       linker::LoadAndExtract(on_disk, /*jobs=*/0, /*keep_documents=*/false)) {
    if (file.status.ok()) reread.emplace(file.path, std::move(file));
  }
  std::vector<DocumentCitations> docs;
  for (const auto& [source, records] : by_source) {
    if (auto it = reread.find(source); it != reread.end()) {
      docs.push_back({source, std::move(it->second.citations)});
      ++result.documents_reread;
      continue;
    }
    std::error_code ec;
    if (options.skip_missing && !std::filesystem::exists(source, ec)) {
      ++result.documents_skipped;
      continue;
    }
    docs.push_back({source, FromRecords(source, records)});
    ++result.documents_stored;
  }

  if (docs.empty()) return result;  // nothing stored (or all skipped)
  OnlineOptions online = options.online;
  online.fetch.recheck = true;
  online.verify.use_history = true;
  OnlineStats stats;
  auto reports = CheckOnline(db, docs, online, &stats);
  if (!reports.ok()) return reports.status();

  // soft-404, asset-not-found and asset-removed wait for the history, as a
  // failing link does: until `history_failures` checks at least
  // `history_min_days` apart found them (check's first run included), the
  // finding is a warning and the reason says it is not yet confirmed.
  std::map<std::string, RecordsByKey> records_of;  // by report path
  for (const auto& report : *reports) {
    records_of[report.path] = ByKey(by_source[AbsoluteSource(report.path)]);
  }
  for (auto& report : *reports) {
    const RecordsByKey& records = records_of[report.path];
    for (auto& c : report.citations) {
      HoldBackUnconfirmed(EarlierRecord(records, c), online.verify.now_ms,
                          online.verify.history_failures,
                          online.verify.history_min_days, c);
    }
  }

  // Store every new verdict first (the records read above keep the old ones).
  Status stored = StoreCheckedCitations(db, *reports, online.verify.now_ms);
  if (!stored.ok()) return stored;

  if (options.since_ms > 0) {
    for (auto& report : *reports) {
      const RecordsByKey& records = records_of[report.path];
      std::vector<linker::CheckedCitation> changed;
      for (auto& c : report.citations) {
        const store::CitationRecord* r = EarlierRecord(records, c);
        const std::string before =
            r == nullptr ? "" : VerdictAt(*r, options.since_ms);
        const std::string after = linker::VerdictName(c.verdict);
        if (before == after) continue;
        result.changes.push_back({report.path, c.citation.footnote,
                                  c.citation.url_written, before, after});
        changed.push_back(std::move(c));
      }
      report.citations = std::move(changed);
    }
  }
  result.reports = std::move(reports).value();
  return result;
}

}  // namespace timecite::cli
