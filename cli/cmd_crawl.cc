// timecite crawl [URL...] [--from FILE] [--asset URL|ID]... [--schedule
// DAY[..DAY]]... [--from-citations] — fetches politely into the store and
// indexes recordings (cli/fetch_index.h: one crawl for every request).
//
// Resumable: the frontier lives in the store. Requests already in the
// frontier (a crawl that was killed) are resumed; plain URLs already fetched
// are skipped unless --recheck, which asks again with If-None-Match /
// If-Modified-Since. Recordings and schedule days are always fetched again
// (conditionally with --recheck) and re-indexed (their segments replaced).
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/fetch_index.h"
#include "cli/json_text.h"
#include "cli/verify_run.h"
#include "common/file.h"
#include "common/url.h"
#include "indexer/fields.h"
#include "indexer/query.h"
#include "linker/webtv.h"
#include "store/store.h"
#include "timecite/version.h"

namespace timecite::cli {
namespace {

struct CrawlFlags {
  std::vector<std::string> urls;
  std::string from_file;
  std::vector<std::string> assets;     // asset ids, player ids or Web TV URLs
  std::vector<std::string> schedules;  // YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD
  bool from_citations = false;
  std::string lang = "en";
  std::string format = "text";
  bool recheck = false;
  std::string user_agent = std::string("timecite/") + TIMECITE_VERSION +
                           " (UN citation checker; polite crawler)";
  std::vector<std::string> connect_to;
  std::string cacert;
  bool allow_private = false;  // --allow-private
  int concurrency = 16;
  int per_host = 2;
  int64_t interval_ms = 500;
  std::vector<std::string> host_policies;  // HOST=N/MS
  bool no_politeness = false;
  bool no_robots = false;
  int retries = 3;
  int64_t retry_base_ms = 1000;
  int64_t timeout_ms = 30'000;
  int64_t url_deadline_ms = 120'000;
  int64_t deadline_ms = 0;
  int64_t max_body = 20 * 1024 * 1024;
  int max_redirects = 10;
  bool head = false;
  bool progress = false;    // --progress: progress lines even off a terminal
  std::string config_path;  // --config; else ./timecite.toml when present
  // The flags given on the command line: they override timecite.toml
  // [crawler]; the others take its values (or its defaults).
  std::set<std::string> given;
};

constexpr int kMaxScheduleDays = 366;  // per --schedule range

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnStopSignal(int) { g_stop.store(true); }

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
      targets.urls.push_back(url->canonical);
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

Status ParseHostPolicies(const CrawlFlags& f, crawler::CrawlOptions& o) {
  for (const std::string& spec : f.host_policies) {
    const size_t eq = spec.find('='), slash = spec.find('/');
    if (eq == std::string::npos || slash == std::string::npos || slash < eq) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " +
                                     spec);
    }
    try {
      o.host_policies[spec.substr(0, eq)] = {
          std::stoi(spec.substr(eq + 1, slash - eq - 1)),
          std::stoll(spec.substr(slash + 1))};
    } catch (const std::exception&) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " +
                                     spec);
    }
  }
  return Status::Ok();
}

// The crawl options: timecite.toml [crawler] (user agent, concurrency,
// retries, timeout, body cap, default and per-host politeness), overridden by
// the flags given; the flags without a [crawler] key always apply.
crawler::CrawlOptions OptionsOf(const CrawlFlags& f, crawler::CrawlOptions o) {
  auto given = [&f](const char* flag) { return f.given.count(flag) > 0; };
  if (given("--user-agent")) o.user_agent = f.user_agent;
  if (given("--concurrency")) o.max_concurrent = f.concurrency;
  if (given("--per-host")) o.default_host_policy.max_concurrent = f.per_host;
  if (given("--interval"))
    o.default_host_policy.min_interval_ms = f.interval_ms;
  if (given("--retries")) o.retry.max_retries = f.retries;
  if (given("--timeout")) o.attempt_timeout_ms = f.timeout_ms;
  if (given("--max-body")) o.max_body_bytes = f.max_body;
  if (f.no_politeness) {
    o.default_host_policy = {o.max_concurrent, 0};
    o.host_policies.clear();
  }
  o.obey_robots = !f.no_robots;
  o.retry.base_delay_ms = f.retry_base_ms;
  o.url_deadline_ms = f.url_deadline_ms;
  o.run_deadline_ms = f.deadline_ms;
  o.max_redirects = f.max_redirects;
  o.use_head = f.head;
  return o;
}

std::string ProgressLine(const crawler::CrawlProgress& p) {
  std::ostringstream o;
  const double rate = p.elapsed_ms > 0 ? p.done * 1000.0 / p.elapsed_ms : 0;
  o << "crawl: " << p.done << " done, " << p.queued << " queued, "
    << p.in_flight << " in flight, " << p.failed << " failed, ";
  o.precision(1);
  o << std::fixed << rate << "/s";
  for (size_t i = 0; i < p.waits.size() && i < 3; ++i) {
    o << (i == 0 ? "; waiting: " : ", ") << p.waits[i].host << " "
      << p.waits[i].wait_ms / 100 / 10.0 << "s";
  }
  return o.str();
}

// The progress line of the indexing phase (after the crawl).
std::string IndexLine(const IndexProgress& p) {
  return "index: " + std::to_string(p.done) + "/" + std::to_string(p.total) +
         " recordings, last " + p.asset_id + (p.ok ? "" : " (failed)");
}

// The crawl and index summaries; with `quiet` (-q) the failed schedule days
// and recordings (errors) but not the others, one by one.
void PrintSummary(const IndexRun& run, bool quiet) {
  const crawler::CrawlProgress& p = run.progress;
  std::ostringstream o;
  o << "crawl: " << p.done << " requests done: " << p.ok << " ok, " << p.failed
    << " failed";
  if (p.absent > 0) o << ", no transcript: " << p.absent;
  bool first = true;
  for (const auto& [name, n] : p.by_class) {
    if (name == "ok") continue;
    o << (first ? " (" : ", ") << name << " " << n;
    first = false;
  }
  if (!first) o << ")";
  o.precision(1);
  o << "; " << p.retries << " retries; " << p.requests << " requests in "
    << std::fixed << p.elapsed_ms / 1000.0 << " s";
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
      std::cout << day.asset_ids.size() << " recordings\n";
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
              << a.stats.statements << " statements, " << a.stats.sentences
              << " sentences";
    for (const std::string& note : a.notes) std::cout << "; " << note;
    std::cout << "\n";
  }
  if (!run.assets.empty()) {
    std::cout << "index: " << run.assets.size() << " recordings: " << indexed
              << " indexed (" << statements << " statements, " << sentences
              << " sentences), " << removed << " removed, " << failed
              << " failed\n";
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

int RunCrawl(const CrawlFlags& f, GlobalOptions& g) {
  if (f.format != "text" && f.format != "json") {
    PrintError("--format wants text or json, got " + f.format);
    return kExitUsage;
  }
  if (f.urls.empty() && f.from_file.empty() && f.assets.empty() &&
      f.schedules.empty() && !f.from_citations) {
    PrintError(
        "nothing to crawl: give URLs, --from FILE, --asset ID, --schedule "
        "DAY[..DAY] or --from-citations");
    return kExitUsage;
  }
  Result<Config> config = LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  FetchSettings settings = FetchSettingsFromConfig(*config);
  settings.crawl = OptionsOf(f, settings.crawl);
  if (Status s = ParseHostPolicies(f, settings.crawl); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  settings.connect_to = f.connect_to;
  settings.allow_private |= f.allow_private;
  settings.ca_file = f.cacert;
  settings.recheck = f.recheck;
  settings.skip_fetched = true;
  settings.durable = true;
  settings.lang = f.lang;

  IndexTargets targets;
  targets.urls = f.urls;
  if (!f.from_file.empty()) {
    auto listed = ReadUrlList(f.from_file);
    if (!listed.ok()) {
      PrintError(listed.status().message());
      return kExitUsage;
    }
    targets.urls.insert(targets.urls.end(), listed->begin(), listed->end());
  }
  for (const std::string& a : f.assets) {
    auto id = indexer::AssetIdFromArgument(a);
    if (!id.ok()) {
      PrintError("--asset: " + id.status().message());
      return kExitUsage;
    }
    targets.asset_ids.push_back(*id);
  }
  for (const std::string& spec : f.schedules) {
    auto days = ScheduleDays(spec);
    if (!days.ok()) {
      PrintError(days.status().message());
      return kExitUsage;
    }
    targets.schedule_dates.insert(targets.schedule_dates.end(), days->begin(),
                                  days->end());
  }

  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite, {.lock_wait_ms = g.wait_ms});
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitRuntimeError;
  }
  store::Store& st = **db;
  if (f.from_citations) {
    if (Status s = AddCitationTargets(st, targets); !s.ok()) {
      PrintError(s.ToString());
      return kExitRuntimeError;
    }
  }

  ProgressOut out = MakeProgressOut(f.progress, g.quiet);
  if (!f.progress && f.format != "text") out.on = false;
  g_stop.store(false);
  auto old_int = std::signal(SIGINT, OnStopSignal);
  auto old_term = std::signal(SIGTERM, OnStopSignal);
  auto run = FetchAndIndex(
      st, targets, settings,
      [&](const crawler::CrawlProgress& p) {
        if (out.on) out.Line(ProgressLine(p));
      },
      &g_stop,
      [&](const IndexProgress& p) {
        if (out.on) out.Line(IndexLine(p));
      });
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);
  out.End();
  if (!run.ok()) {
    PrintError(run.status().ToString());
    return run.status().code() == Status::Code::kInvalidArgument
               ? kExitUsage
               : kExitRuntimeError;
  }
  for (const auto& [url, why] : run->bad_urls) PrintError(why);
  if (f.format == "json") {
    std::cout << JsonText(SummaryJson(*run)) << "\n";
  } else {
    PrintSummary(*run, g.quiet);
  }
  if (!run->bad_urls.empty()) return kExitUsage;
  for (const ScheduleOutcome& day : run->schedules) {
    if (!day.status.ok()) return kExitRuntimeError;
  }
  for (const AssetOutcome& a : run->assets) {
    if (!a.status.ok()) return kExitRuntimeError;
  }
  return kExitOk;
}

}  // namespace

void RegisterCrawl(CLI::App& app, GlobalOptions& g) {
  auto flags = std::make_shared<CrawlFlags>();
  auto* cmd =
      app.add_subcommand("crawl",
                         "Fetch URLs into the database, politely (robots.txt, "
                         "per-host pacing, retries), and\n"
                         "index UN Web TV recordings: asset page, Kaltura "
                         "entry and UN Transcripts, one batch per\n"
                         "recording (re-indexing replaces its segments). "
                         "Resumable: run it again after an\n"
                         "interruption to finish the work.");
  cmd->add_option("urls", flags->urls, "URLs to fetch");
  cmd->add_option("--from", flags->from_file,
                  "File with one URL per line (# comments)");
  cmd->add_option("--asset", flags->assets,
                  "Recording to index: asset id (k1obxycc3u), Kaltura id "
                  "(1_obxycc3u) or UN Web "
                  "TV / Media asset URL (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--schedule", flags->schedules,
                  "Index every recording of the UN Web TV schedule of "
                  "YYYY-MM-DD, or of each day "
                  "of YYYY-MM-DD..YYYY-MM-DD (at most 366 days; repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--from-citations", flags->from_citations,
                "Also every URL the stored citations point to (from `timecite "
                "check`): Web TV "
                "recordings are indexed, other URLs fetched");
  cmd->add_option("--lang", flags->lang,
                  "Language of the Web TV pages and transcripts")
      ->check(CLI::IsMember({"en", "fr", "es", "ru", "ar", "zh"}))
      ->capture_default_str();
  cmd->add_option("--format", flags->format, "Summary format: text or json")
      ->capture_default_str();
  cmd->add_flag("--recheck", flags->recheck,
                "Fetch URLs fetched before again, with conditional requests");
  cmd->add_option("--user-agent", flags->user_agent,
                  "User-Agent to send (default: [crawler] user_agent)");
  AddNetworkOptions(cmd, &flags->connect_to, &flags->cacert, &flags->allow_private);
  cmd->add_option("--concurrency", flags->concurrency,
                  "Fetches in flight over all hosts (default: [crawler] "
                  "concurrency, 8)");
  cmd->add_option("--per-host", flags->per_host,
                  "Fetches in flight per host (default: [crawler] "
                  "default_max_concurrent, 2)");
  cmd->add_option("--interval", flags->interval_ms,
                  "Milliseconds between starts on one host (default: "
                  "[crawler] default_min_interval_ms, 500)");
  cmd->add_option("--host-policy", flags->host_policies,
                  "Per-host override HOST=N/MS (N in flight, MS between "
                  "starts; repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag(
      "--no-politeness", flags->no_politeness,
      "No per-host limits (benchmarks against your own servers only)");
  cmd->add_flag("--no-robots", flags->no_robots,
                "Do not read robots.txt (your own servers only)");
  cmd->add_option("--retries", flags->retries,
                  "Retries of transient failures (default: [crawler] "
                  "max_retries, 3)");
  cmd->add_option("--retry-base", flags->retry_base_ms,
                  "First backoff in ms (doubles)")
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout_ms,
                  "Milliseconds per attempt (default: [crawler] timeout_s, "
                  "30 s)");
  cmd->add_option("--url-deadline", flags->url_deadline_ms,
                  "Milliseconds per URL over all its attempts (0: none)")
      ->capture_default_str();
  cmd->add_option(
         "--deadline", flags->deadline_ms,
         "Milliseconds for the whole run; the rest stays queued (0: none)")
      ->capture_default_str();
  cmd->add_option("--max-body", flags->max_body,
                  "Body cap in bytes (default: [crawler] body_cap_mib, 20 "
                  "MiB)");
  cmd->add_option("--max-redirects", flags->max_redirects, "Redirects followed")
      ->capture_default_str();
  cmd->add_flag("--head", flags->head, "HEAD first, GET when HEAD is refused");
  cmd->add_flag("--progress", flags->progress,
                "Progress lines on stderr (crawling, then indexing) even when "
                "it is not a terminal, one per line (never with -q)");
  cmd->add_option("-c,--config", flags->config_path,
                  "Configuration file for [crawler] (default: "
                  "./timecite.toml when present; flags given win over it)")
      ->type_name("PATH");
  cmd->footer(
      "Exit codes: 0 done (a plain URL that failed, or a recording without a "
      "transcript,\n"
      "is counted in the summary only), 1 a recording or schedule day failed, "
      "or a database\n"
      "error, 3 bad usage or config (a malformed target or URL, an empty or "
      "unreadable\n"
      "--from FILE, no target).");
  cmd->callback([flags, cmd, &g] {
    flags->given.clear();
    for (const char* flag :
         {"--user-agent", "--concurrency", "--per-host", "--interval",
          "--retries", "--timeout", "--max-body"}) {
      if (cmd->count(flag) > 0) flags->given.insert(flag);
    }
    g.exit_code = RunCrawl(*flags, g);
  });
}

}  // namespace timecite::cli
