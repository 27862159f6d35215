#include "pipeline/recheck_run.h"

#include <climits>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/count.h"
#include "indexer/fields.h"
#include "linker/citations/batch.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "linker/report/report_findings.h"

namespace timecite::pipeline {
namespace {

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
  // The fields of linker::CitationToJson that are kept, without building the
  // whole report object of each citation.
  r.findings = linker::FindingsToJson(c.findings);
  r.checked_at_ms = now_ms;
  r.extra = {{"kind", linker::CitationKindName(c.citation.kind)}};
  if (c.citation.asset) r.extra["asset_id"] = c.citation.asset->asset_id;
  if (!c.citation.date.empty()) r.extra["date"] = c.citation.date;
  if (c.citation.meeting_number)
    r.extra["meeting_number"] = c.citation.meeting_number;
  if (!c.reason.empty()) r.extra["reason"] = c.reason;
  return r;
}

// Writes each document's citations (one batch per document, the last synced).
// Each record keeps the verdicts of its earlier checks (extra "history", the
// last kMaxVerdictHistory) so `recheck --since` can tell what changed.
constexpr std::size_t kMaxVerdictHistory = 50;

// Checks closer than this to the last one counted are the same check (a run
// repeated within the hour), as the link history counts them.
const int64_t kSameCheckMs = linker::HistoryPolicy{}.same_check_ms;

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

namespace {

// The streak of checks that found each WaitsForHistory finding of `c`: the
// stored one (extra "finding_history"; its last_failure_ms is the last check
// counted) continued with the check at `now_ms`.
std::map<std::string, linker::FailureStreak> ContinueFindingStreaks(
    const store::CitationRecord* earlier, const linker::CheckedCitation& c,
    int64_t now_ms) {
  std::map<std::string, linker::FailureStreak> out;
  const nlohmann::json* before = nullptr;
  if (earlier != nullptr) {
    auto it = earlier->extra.find("finding_history");
    if (it != earlier->extra.end() && it->is_object()) before = &*it;
  }
  for (const linker::Finding& f : c.findings) {
    if (!WaitsForHistory(f.rule) || out.contains(f.rule)) continue;
    linker::FailureStreak streak;
    if (before != nullptr) {
      auto it = before->find(f.rule);
      if (it != before->end() && it->is_object()) {
        const int64_t n = IntOr(*it, "failed_checks", 0);
        const int64_t a = IntOr(*it, "first_failure_ms", now_ms);
        const int64_t b = IntOr(*it, "last_failure_ms", now_ms);
        if (n > 0 && n <= INT32_MAX && a <= b && b <= now_ms) {
          streak.failed_checks = static_cast<int>(n);
          streak.first_failure_ms = a;
          streak.counted_ms = streak.last_failure_ms = b;
        }
      }
    }
    streak.AddFailure(now_ms, kSameCheckMs);
    out.emplace(f.rule, streak);
  }
  return out;
}

}  // namespace

nlohmann::json ContinueFindingHistory(const store::CitationRecord* earlier,
                                      const linker::CheckedCitation& c,
                                      int64_t now_ms) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [rule, streak] : ContinueFindingStreaks(earlier, c, now_ms)) {
    out[rule] = {{"failed_checks", streak.failed_checks},
                 {"first_failure_ms", streak.first_failure_ms},
                 {"last_failure_ms", streak.counted_ms}};
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

void HoldBackUnconfirmed(const store::CitationRecord* earlier, int64_t now_ms,
                         const linker::HistoryPolicy& policy,
                         linker::CheckedCitation& c) {
  const auto streaks = ContinueFindingStreaks(earlier, c, now_ms);
  bool held = false;
  for (linker::Finding& f : c.findings) {
    if (!WaitsForHistory(f.rule) || f.severity != linker::Severity::kError)
      continue;
    const linker::FailureStreak& streak = streaks.at(f.rule);
    if (policy.Confirms(streak)) {
      continue;  // confirmed: an error, the citation broken
    }
    f.severity = linker::Severity::kWarning;
    const std::string why =
        f.rule + " not yet confirmed: " + Count(streak.failed_checks, "check") +
        " found it since " + indexer::UtcDate(streak.first_failure_ms) +
        "; broken after " + std::to_string(policy.failures) +
        " over at least " + std::to_string(policy.min_days) + " days";
    c.reason = c.reason.empty() ? why : c.reason + "; " + why;
    held = true;
  }
  if (!held) return;
  bool error = false;
  for (const linker::Finding& f : c.findings)
    error |= f.severity == linker::Severity::kError;
  c.verdict = error ? linker::Verdict::kBroken : linker::Verdict::kWarning;
}

Result<RecheckResult> Recheck(store::Store& db, crawler::Fetcher& fetcher,
                              crawler::Clock& clock,
                              const RecheckOptions& options) {
  // Every stored citation, by source document.
  std::map<std::string, std::vector<store::CitationRecord>> by_source;
  Status scanned = db.ScanCitations([&](const store::CitationRecord& r) {
    by_source[r.source].push_back(r);
    return true;
  });
  if (!scanned.ok()) return scanned;

  RecheckResult result;
  // The reports still on disk are read again (on one thread per core,
  // linker/citations/batch.h); the others, and those that no longer read, from their
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
  auto reports = CheckOnline(db, fetcher, clock, docs, online, &stats);
  if (!reports.ok()) return reports.status();

  // soft-404, asset-not-found and asset-removed wait for the history, as a
  // failing link does: until `history.failures` checks at least
  // `history.min_days` apart found them (check's first run included), the
  // finding is a warning and the reason says it is not yet confirmed.
  std::map<std::string, RecordsByKey> records_of;  // by report path
  for (const auto& report : *reports) {
    records_of[report.path] = ByKey(by_source[AbsoluteSource(report.path)]);
  }
  for (auto& report : *reports) {
    const RecordsByKey& records = records_of[report.path];
    for (auto& c : report.citations) {
      HoldBackUnconfirmed(EarlierRecord(records, c), online.verify.now_ms,
                          online.verify.history, c);
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

}  // namespace timecite::pipeline
