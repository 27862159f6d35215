// timecite crawl [URL...] [--from FILE] [--asset URL|ID]... [--schedule
// DAY[..DAY]]... [--from-citations] — fetches politely into the store and
// indexes recordings (pipeline/crawl_run.h: one crawl for every request).
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
#include "pipeline/crawl_run.h"
#include "cli/json_text.h"
#include "cli/crawl_flags.h"
#include "cli/crawl_summary.h"
#include "pipeline/network.h"
#include "cli/terminal.h"
#include "pipeline/settings.h"
#include "common/file.h"
#include "common/url.h"
#include "indexer/fields.h"
#include "indexer/catalog/query.h"
#include "linker/citations/webtv.h"
#include "store/store.h"
#include "timecite/version.h"

namespace timecite::cli {
namespace {

using pipeline::IndexProgress;
using pipeline::IndexRun;
using pipeline::AssetOutcome;
using pipeline::IndexTargets;
using pipeline::ScheduleOutcome;



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
  Result<Config> config = pipeline::LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  pipeline::FetchSettings settings = pipeline::FetchSettingsFromConfig(*config);
  settings.crawl = OptionsOf(f, settings.crawl);
  if (Status s = ParseHostPolicies(f, settings.crawl); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
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

  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite,
                               {.lock_wait_ms = g.wait_ms});
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
  const std::atomic<bool>* stop = CatchStopSignals();
  crawler::SystemClock clock;
  pipeline::NetworkOptions network = f.network;
  auto fetcher = MakeRunFetcher(f.fleet, network, DbPath(g).string(),
                                /*per_process=*/false, settings, clock);
  if (!fetcher.ok()) {
    RestoreStopSignals();
    PrintError(fetcher.status().message());
    return fetcher.status().code() == Status::Code::kInvalidArgument
               ? kExitUsage
               : kExitRuntimeError;
  }
  // The same progress lines as check and recheck (cli/terminal.h).
  const pipeline::ProgressSink sink = ProgressSinkFor(out);
  auto run = pipeline::FetchAndIndex(
      st, **fetcher, clock, targets, settings,
      [&](const crawler::CrawlProgress& p) {
        if (sink.fetching) sink.fetching("crawling", p);
      },
      stop,
      [&](const IndexProgress& p) {
        if (sink.indexed) sink.indexed(p);
      });
  RestoreStopSignals();
  out.End();
  if (!run.ok()) {
    PrintError(run.status().ToString());
    return run.status().code() == Status::Code::kInvalidArgument
               ? kExitUsage
               : kExitRuntimeError;
  }
  for (const auto& [url, why] : run->bad_urls) PrintError(why);
  if (!run->search_index.ok() && !g.quiet) {
    std::cerr << "timecite: warning: the search index was not kept in step: "
              << run->search_index.message() << "\n";
  }
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
  AddNetworkOptions(cmd, &flags->network.connect_to, &flags->network.ca_file,
                    &flags->network.allow_private);
  AddFleetOptions(cmd, &flags->fleet);
  cmd->add_option("--concurrency", flags->concurrency,
                  "Fetches in flight over all hosts (default: [crawler] "
                  "concurrency, 8)");
  cmd->add_option("--per-host", flags->per_host,
                  "Fetches in flight per host when --interval is 0 (default: "
                  "[crawler] default_max_concurrent, 2)");
  cmd->add_option("--interval", flags->interval_ms,
                  "Milliseconds from the end of a fetch on a host to the start "
                  "of the next, one at a time (default: [crawler] "
                  "default_min_interval_ms, 500)");
  cmd->add_option("--host-policy", flags->host_policies,
                  "Per-host override HOST=N/MS (N in flight when MS is 0, MS "
                  "from the end of a fetch to the next; repeatable)")
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
      "--from FILE, no target); with --redis, 1 also when Redis cannot be reached.");
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
