#include "cli/crawl_summary.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "common/count.h"
#include "common/file.h"
#include "common/url.h"
#include "indexer/fields.h"
#include "linker/citations/webtv.h"

namespace timecite::cli {

using pipeline::IndexRun;
using pipeline::AssetOutcome;
using pipeline::IndexTargets;
using pipeline::ScheduleOutcome;

// "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" → every day, in order.
Result<std::vector<std::string>> ScheduleDays(const std::string& spec) {
  const size_t dots = spec.find("..");
  const std::string first = spec.substr(0, dots);
  const std::string last =
      dots == std::string::npos ? first : spec.substr(dots + 2);
  // ParseDay rejects days the calendar does not have (2024-02-30).
  const auto from = ParseDay(first), to = ParseDay(last);
  if (!from || !to) {
    return Status::InvalidArgument(
        "--schedule " + spec +
        " is not a calendar day YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD");
  }
  if (*to < *from)
    return Status::InvalidArgument("--schedule range ends before it starts: " +
                                   spec);
  constexpr int64_t kDayMs = 86'400'000;
  if ((*to - *from) / kDayMs + 1 > kMaxScheduleDays) {
    return Status::InvalidArgument("--schedule range longer than " +
                                   std::to_string(kMaxScheduleDays) +
                                   " days: " + spec);
  }
  std::vector<std::string> days;
  for (int64_t ms = *from; ms <= *to; ms += kDayMs)
    days.push_back(indexer::UtcDate(ms));
  return days;
}

// Every URL the stored citations point to: Web TV recordings become asset
// targets, the rest plain URLs.
Status AddCitationTargets(const store::Store& st, IndexTargets& targets) {
  std::set<std::string> seen;
  return st.ScanCitations([&](const store::CitationRecord& c) {
    const std::string& written =
        c.url_canonical.empty() ? c.url_written : c.url_canonical;
    if (written.empty() || !seen.insert(written).second) return true;
    auto url = ParseUrl(written);
    if (!url.ok()) return true;  // not fetchable; `check` reports it
    if (auto ref = linker::ParseAssetUrl(*url); ref && ref->id_well_formed) {
      targets.asset_ids.push_back(ref->asset_id);
    } else {
      targets.urls.push_back(url->request);
    }
    return true;
  });
}

// The URLs of a --from FILE: one per line, blank lines and # comments
// skipped. A file that cannot be read, or that has no URL (empty, or only
// comments and blank lines), is an error naming the file: a crawl of nothing
// is a mistake, not a success.
Result<std::vector<std::string>> ReadUrlList(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument("--from " + path +
                                   ": is a directory, not a list of URLs");
  }
  // A list of a million URLs is ~100 MiB; a FIFO or /dev/zero stops here.
  constexpr std::uint64_t kMaxUrlListBytes = 256 << 20;
  auto text = ReadFile(path, kMaxUrlListBytes);
  if (!text.ok()) {
    // "<path>: <reason>" -> "--from <path>: cannot read: <reason>"
    std::string reason = text.status().message();
    if (reason.starts_with(path + ": ")) reason.erase(0, path.size() + 2);
    return Status::IoError("--from " + path + ": cannot read: " + reason);
  }
  std::vector<std::string> urls;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    while (!line.empty() &&
           (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] == '#') continue;
    urls.emplace_back(line.substr(start));
  }
  if (urls.empty()) {
    return Status::InvalidArgument(
        "--from " + path +
        ": no URLs in it (empty, or only comments and blank lines)");
  }
  return urls;
}

// The crawl and index summaries; with `quiet` (-q) the failed schedule days
// and recordings (errors) but not the others, one by one.
void PrintSummary(const IndexRun& run, bool quiet) {
  const crawler::CrawlProgress& p = run.progress;
  std::ostringstream o;
  o << "crawl: " << Count(p.done, "request") << " done: " << p.ok << " ok, "
    << p.failed << " failed";
  if (p.absent > 0) o << ", no transcript: " << p.absent;
  bool first = true;
  for (const auto& [name, n] : p.by_class) {
    if (name == "ok") continue;
    o << (first ? " (" : ", ") << name << " " << n;
    first = false;
  }
  if (!first) o << ")";
  o.precision(1);
  o << "; " << Count(p.retries, "retry", "retries") << "; "
    << Count(p.requests, "request") << " in " << std::fixed << p.elapsed_ms / 1000.0 << " s";
  if (run.skipped > 0) {
    o << "; " << run.skipped
      << " already fetched (--recheck fetches them again)";
  }
  if (p.queued > 0)
    o << "; " << p.queued << " left in the frontier (run again to finish)";
  std::cout << o.str() << "\n";
  for (const ScheduleOutcome& day : run.schedules) {
    if (quiet && day.status.ok()) continue;
    std::cout << "schedule " << day.date << ": ";
    if (day.status.ok()) {
      std::cout << Count(day.asset_ids.size(), "recording") << "\n";
    } else {
      std::cout << day.status.message() << "\n";
    }
  }
  size_t indexed = 0, removed = 0, failed = 0, statements = 0, sentences = 0;
  for (const AssetOutcome& a : run.assets) {
    if (!a.status.ok()) {
      ++failed;
      std::cout << "  " << a.asset_id << "  failed: " << a.status.message()
                << "\n";
      continue;
    }
    if (a.stats.status == "removed") {
      ++removed;
    } else {
      ++indexed;
    }
    statements += a.stats.statements;
    sentences += a.stats.sentences;
    if (quiet) continue;
    std::cout << "  " << a.asset_id << "  " << a.stats.status << ", "
              << Count(a.stats.statements, "statement") << ", "
              << Count(a.stats.sentences, "sentence");
    for (const std::string& note : a.notes) std::cout << "; " << note;
    std::cout << "\n";
  }
  if (!run.assets.empty()) {
    std::cout << "index: " << Count(run.assets.size(), "recording") << ": "
              << indexed << " indexed (" << Count(statements, "statement")
              << ", " << Count(sentences, "sentence") << "), " << removed
              << " removed, " << failed << " failed\n";
  }
}

nlohmann::json SummaryJson(const IndexRun& run) {
  const crawler::CrawlProgress& p = run.progress;
  nlohmann::json j;
  j["crawl"] = {{"done", p.done},
                {"ok", p.ok},
                {"failed", p.failed},
                {"retries", p.retries},
                {"requests", p.requests},
                {"queued", p.queued},
                {"elapsed_ms", p.elapsed_ms},
                {"by_class", p.by_class},
                {"skipped", run.skipped},
                {"stopped", p.stopped},
                {"deadline_reached", p.deadline_reached}};
  // Transcript 404s: not in "failed" (done = ok + failed + no_transcript).
  j["crawl"]["no_transcript"] = p.absent;
  j["schedules"] = nlohmann::json::array();
  for (const ScheduleOutcome& day : run.schedules) {
    nlohmann::json d = {
        {"date", day.date}, {"ok", day.status.ok()}, {"assets", day.asset_ids}};
    if (!day.status.ok()) d["error"] = day.status.ToString();
    j["schedules"].push_back(d);
  }
  j["assets"] = nlohmann::json::array();
  for (const AssetOutcome& a : run.assets) {
    nlohmann::json x = {
        {"asset_id", a.asset_id}, {"ok", a.status.ok()}, {"notes", a.notes}};
    if (!a.schedule_date.empty()) x["schedule_date"] = a.schedule_date;
    if (a.status.ok()) {
      x["status"] = a.stats.status;
      x["statements"] = a.stats.statements;
      x["sentences"] = a.stats.sentences;
      x["captions"] = a.stats.captions;
      x["documents"] = a.stats.documents;
    } else {
      x["error"] = a.status.ToString();
    }
    j["assets"].push_back(x);
  }
  return j;
}

}  // namespace timecite::cli
