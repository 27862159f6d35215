// timecite crawl URL... | --from FILE — fetches URLs politely into the store.
//
// Resumable: the frontier lives in the store. URLs already in the frontier
// (a crawl that was killed) are resumed, URLs already fetched are skipped
// unless --recheck, which asks again with If-None-Match / If-Modified-Since.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "common/url.h"
#include "crawler/crawler.h"
#include "crawler/curl_fetcher.h"
#include "crawler/store_frontier.h"
#include "store/store.h"
#include "timecite/version.h"

namespace timecite::cli {
namespace {

struct CrawlFlags {
  std::vector<std::string> urls;
  std::string from_file;
  bool recheck = false;
  std::string user_agent = std::string("timecite/") + TIMECITE_VERSION +
                           " (UN citation checker; polite crawler)";
  std::vector<std::string> connect_to;
  std::string cacert;
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
};

std::atomic<crawler::Crawler*> g_running{nullptr};

extern "C" void OnStopSignal(int) {
  if (crawler::Crawler* c = g_running.load()) c->RequestStop();
}

Result<std::vector<std::string>> ReadUrlList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    urls.push_back(line.substr(start));
  }
  return urls;
}

Status ParseHostPolicies(const CrawlFlags& f, crawler::CrawlOptions& o) {
  for (const std::string& spec : f.host_policies) {
    const size_t eq = spec.find('='), slash = spec.find('/');
    if (eq == std::string::npos || slash == std::string::npos || slash < eq) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " + spec);
    }
    try {
      o.host_policies[spec.substr(0, eq)] = {std::stoi(spec.substr(eq + 1, slash - eq - 1)),
                                             std::stoll(spec.substr(slash + 1))};
    } catch (const std::exception&) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " + spec);
    }
  }
  return Status::Ok();
}

crawler::CrawlOptions OptionsOf(const CrawlFlags& f) {
  crawler::CrawlOptions o;
  o.user_agent = f.user_agent;
  o.max_concurrent = f.concurrency;
  o.default_host_policy = {f.per_host, f.interval_ms};
  if (f.no_politeness) o.default_host_policy = {f.concurrency, 0};
  o.obey_robots = !f.no_robots;
  o.retry.max_retries = f.retries;
  o.retry.base_delay_ms = f.retry_base_ms;
  o.attempt_timeout_ms = f.timeout_ms;
  o.url_deadline_ms = f.url_deadline_ms;
  o.run_deadline_ms = f.deadline_ms;
  o.max_body_bytes = f.max_body;
  o.max_redirects = f.max_redirects;
  o.use_head = f.head;
  return o;
}

std::string ProgressLine(const crawler::CrawlProgress& p) {
  std::ostringstream o;
  const double rate = p.elapsed_ms > 0 ? p.done * 1000.0 / p.elapsed_ms : 0;
  o << "crawl: " << p.done << " done, " << p.queued << " queued, " << p.in_flight
    << " in flight, " << p.failed << " failed, ";
  o.precision(1);
  o << std::fixed << rate << "/s";
  for (size_t i = 0; i < p.waits.size() && i < 3; ++i) {
    o << (i == 0 ? "; waiting: " : ", ") << p.waits[i].host << " "
      << p.waits[i].wait_ms / 100 / 10.0 << "s";
  }
  return o.str();
}

void PrintSummary(const crawler::CrawlProgress& p, size_t skipped) {
  std::ostringstream o;
  o << "crawl: " << p.done << " URLs: " << p.ok << " ok, " << p.failed << " failed";
  bool first = true;
  for (const auto& [name, n] : p.by_class) {
    if (name == "ok") continue;
    o << (first ? " (" : ", ") << name << " " << n;
    first = false;
  }
  if (!first) o << ")";
  o.precision(1);
  o << "; " << p.retries << " retries; " << p.requests << " requests in " << std::fixed
    << p.elapsed_ms / 1000.0 << " s";
  if (skipped > 0) o << "; " << skipped << " already fetched (--recheck fetches them again)";
  if (p.queued > 0) o << "; " << p.queued << " left in the frontier (run again to finish)";
  std::cout << o.str() << "\n";
}

int RunCrawl(const CrawlFlags& f, GlobalOptions& g) {
  crawler::CrawlOptions options = OptionsOf(f);
  if (Status s = ParseHostPolicies(f, options); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  std::vector<std::string> urls = f.urls;
  if (!f.from_file.empty()) {
    auto listed = ReadUrlList(f.from_file);
    if (!listed.ok()) {
      PrintError(listed.status().message());
      return kExitUsage;
    }
    urls.insert(urls.end(), listed->begin(), listed->end());
  }
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite);
  if (!db.ok()) {
    PrintError(db.status().ToString());
    return kExitRuntimeError;
  }
  store::Store& st = **db;
  auto pending = st.DueFrontier(INT64_MAX);
  if (!pending.ok()) {
    PrintError(pending.status().ToString());
    return kExitRuntimeError;
  }
  std::set<std::string> in_frontier;
  for (const auto& e : *pending) in_frontier.insert(e.url);

  crawler::SystemClock clock;
  crawler::CurlFetcherOptions fetch_options;
  fetch_options.clock = &clock;
  fetch_options.user_agent = f.user_agent;
  fetch_options.connect_to = f.connect_to;
  fetch_options.ca_file = f.cacert;
  fetch_options.max_connections = std::max(16, f.concurrency * 2);
  auto fetcher = crawler::CurlFetcher::Create(fetch_options);
  if (!fetcher.ok()) {
    PrintError(fetcher.status().message());
    return kExitUsage;
  }
  crawler::StoreFrontier frontier(st);
  crawler::Crawler crawl(**fetcher, frontier, clock, options);

  size_t skipped = 0;
  int bad = 0;
  std::set<std::string> enqueued;
  for (const std::string& written : urls) {
    auto url = ParseUrl(written);
    if (!url.ok()) {
      PrintError(url.status().message());
      ++bad;
      continue;
    }
    if (in_frontier.count(url->canonical) || !enqueued.insert(url->canonical).second) continue;
    nlohmann::json task = nlohmann::json::object();
    auto previous = st.GetFetch(url->canonical);
    if (previous.ok()) {
      if (!f.recheck) {
        ++skipped;
        continue;
      }
      if (!previous->etag.empty()) task["if_none_match"] = previous->etag;
      if (!previous->last_modified.empty()) task["if_modified_since"] = previous->last_modified;
    }
    if (Status s = crawl.Enqueue(url->canonical, task); !s.ok()) {
      PrintError(s.ToString());
      return kExitRuntimeError;
    }
  }

  const bool tty = !g.quiet && isatty(STDERR_FILENO);
  g_running.store(&crawl);
  auto old_int = std::signal(SIGINT, OnStopSignal);
  auto old_term = std::signal(SIGTERM, OnStopSignal);
  auto result = crawl.Run([&](const crawler::CrawlProgress& p) {
    if (tty) std::cerr << "\r\033[K" << ProgressLine(p) << std::flush;
  });
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);
  g_running.store(nullptr);
  if (tty) std::cerr << "\r\033[K";
  if (!result.ok()) {
    PrintError(result.status().ToString());
    return kExitRuntimeError;
  }
  PrintSummary(*result, skipped);
  return bad > 0 ? kExitUsage : kExitOk;
}

}  // namespace

void RegisterCrawl(CLI::App& app, GlobalOptions& g) {
  auto flags = std::make_shared<CrawlFlags>();
  auto* cmd = app.add_subcommand(
      "crawl",
      "Fetch URLs into the database, politely (robots.txt, per-host pacing, retries).\n"
      "Resumable: run it again after an interruption to finish the work.");
  cmd->add_option("urls", flags->urls, "URLs to fetch");
  cmd->add_option("--from", flags->from_file, "File with one URL per line (# comments)");
  cmd->add_flag("--recheck", flags->recheck,
                "Fetch URLs fetched before again, with conditional requests");
  cmd->add_option("--user-agent", flags->user_agent, "User-Agent to send")
      ->capture_default_str();
  cmd->add_option("--connect-to", flags->connect_to,
                  "HOST:PORT:CONNECT-HOST:CONNECT-PORT, as curl --connect-to (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--cacert", flags->cacert, "PEM file of CA certificates to trust as well");
  cmd->add_option("--concurrency", flags->concurrency, "Fetches in flight over all hosts")
      ->capture_default_str();
  cmd->add_option("--per-host", flags->per_host, "Fetches in flight per host")
      ->capture_default_str();
  cmd->add_option("--interval", flags->interval_ms, "Milliseconds between starts on one host")
      ->capture_default_str();
  cmd->add_option("--host-policy", flags->host_policies,
                  "Per-host override HOST=N/MS (N in flight, MS between starts; repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-politeness", flags->no_politeness,
                "No per-host limits (benchmarks against your own servers only)");
  cmd->add_flag("--no-robots", flags->no_robots,
                "Do not read robots.txt (your own servers only)");
  cmd->add_option("--retries", flags->retries, "Retries of transient failures")
      ->capture_default_str();
  cmd->add_option("--retry-base", flags->retry_base_ms, "First backoff in ms (doubles)")
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout_ms, "Milliseconds per attempt")
      ->capture_default_str();
  cmd->add_option("--url-deadline", flags->url_deadline_ms,
                  "Milliseconds per URL over all its attempts (0: none)")
      ->capture_default_str();
  cmd->add_option("--deadline", flags->deadline_ms,
                  "Milliseconds for the whole run; the rest stays queued (0: none)")
      ->capture_default_str();
  cmd->add_option("--max-body", flags->max_body, "Body cap in bytes")->capture_default_str();
  cmd->add_option("--max-redirects", flags->max_redirects, "Redirects followed")
      ->capture_default_str();
  cmd->add_flag("--head", flags->head, "HEAD first, GET when HEAD is refused");
  cmd->callback([flags, &g] { g.exit_code = RunCrawl(*flags, g); });
}

}  // namespace timecite::cli
