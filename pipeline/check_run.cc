#include "pipeline/check_run.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "linker/checks/wayback.h"

namespace timecite::pipeline {
namespace {

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

}  // namespace

Result<std::vector<linker::DocumentReport>> CheckOnline(
    store::Store& db, crawler::Fetcher& fetcher, crawler::Clock& clock,
    std::vector<DocumentCitations> docs, const OnlineOptions& options,
    OnlineStats* stats) {
  // 1. Fetch and index what the citations need: one crawl for everything.
  std::vector<linker::Citation> all;
  for (const auto& d : docs)
    all.insert(all.end(), d.citations.begin(), d.citations.end());
  const linker::FetchPlan plan = linker::PlanFetches(all, options.verify);
  IndexTargets targets;
  targets.urls = plan.urls;
  targets.asset_ids = plan.asset_ids;
  const ProgressSink& sink = options.progress;
  auto progress = [&](const crawler::CrawlProgress& p) {
    if (sink.fetching) sink.fetching("fetching", p);
  };
  const int64_t start_ms = clock.NowMs();
  // One host pacing for the whole check: its runs follow each other on the
  // same hosts (crawler.h HostTimes).
  crawler::HostTimes host_times;
  FetchSettings fetch = options.fetch;
  fetch.crawl.host_times = &host_times;
  if (options.deadline_ms > 0) fetch.crawl.run_deadline_ms = options.deadline_ms;
  Result<IndexRun> run =
      FetchAndIndex(db, fetcher, clock, targets, fetch, progress, options.stop,
                    sink.indexed);
  if (sink.phase_done) sink.phase_done();
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
          (deadline && f->error == ErrorClass::kTimeout)) {
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

  // One more crawl of the run for `urls` (none once stopped or past the
  // deadline), its requests counted. Returns how many URLs it was given.
  // `bodies`: GET even with use_head (the body is compared).
  auto fetch_more = [&](std::vector<std::string> urls, std::string_view phase,
                        bool bodies = false) -> Result<int64_t> {
    if (urls.empty() || (options.stop != nullptr && options.stop->load()))
      return int64_t{0};
    IndexTargets more;
    more.urls = std::move(urls);
    FetchSettings more_fetch = fetch;
    if (bodies) more_fetch.crawl.use_head = false;
    if (options.deadline_ms > 0) {
      const int64_t left = start_ms + options.deadline_ms - clock.NowMs();
      if (left <= 0) return int64_t{0};
      more_fetch.crawl.run_deadline_ms = left;
    }
    auto more_progress = [&](const crawler::CrawlProgress& p) {
      if (sink.fetching) sink.fetching(phase, p);
    };
    Result<IndexRun> more_run = FetchAndIndex(db, fetcher, clock, more, more_fetch,
                                              more_progress, options.stop);
    if (sink.phase_done) sink.phase_done();
    if (!more_run.ok()) return more_run.status();
    if (stats != nullptr) stats->requests += more_run->progress.requests;
    return static_cast<int64_t>(more.urls.size());
  };
  auto gather = [&] {
    all.clear();
    for (const DocumentCitations& d : docs)
      all.insert(all.end(), d.citations.begin(), d.citations.end());
  };

  // Another spelling of some citations' URLs: `plan_more` names what to fetch,
  // one more crawl fetches it, `settle` lets each citation take the spelling
  // that answered.
  using Plan = Result<std::vector<std::string>> (*)(
      const std::vector<linker::Citation>&, const store::Store&,
      const linker::VerifyOptions&);
  using Settle = Result<int> (*)(std::vector<linker::Citation>&,
                                 const store::Store&,
                                 const linker::VerifyOptions&);
  auto respell = [&](Plan plan_more, Settle settle,
                     std::string_view phase) -> Status {
    auto urls = plan_more(all, db, options.verify);
    if (!urls.ok()) return urls.status();
    auto fetched = fetch_more(std::move(*urls), phase);
    if (!fetched.ok()) return fetched.status();
    for (DocumentCitations& d : docs) {
      auto settled = settle(d.citations, db, options.verify);
      if (!settled.ok()) return settled.status();
    }
    gather();
    return Status::Ok();
  };
  // A URL whose end or join was a guess (broken across lines, a final
  // punctuation cut) and that failed for certain: its other reading is
  // fetched, and the citation keeps the reading that answers.
  if (Status s = respell(linker::PlanAlternativeFetches,
                         linker::SettleUrlAlternatives, "other readings");
      !s.ok()) {
    return s;
  }
  // A link written without a scheme whose https fetch failed for certain
  // (connection refused, TLS): fetched over http, reported as written.
  if (Status s = respell(linker::PlanSchemeFallbacks,
                         linker::SettleSchemeFallbacks, "over http");
      !s.ok()) {
    return s;
  }

  // A page that may be a soft 404 (its title alone says "not found", or a
  // deep link sent to the home page) is compared with what its host answers
  // for a page that does not exist: one probe per host and directory
  // pattern, fetched politely like the rest.
  {
    auto probes = linker::PlanNotFoundProbes(all, db, options.verify);
    if (!probes.ok()) return probes.status();
    auto fetched = fetch_more(std::move(*probes), "not-found probes", true);
    if (!fetched.ok()) return fetched.status();
    if (stats != nullptr) stats->not_found_probes += *fetched;
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
      key = FetchKey(options.verify.map_url ? options.verify.map_url(key) : key);
      const std::string stamp =
          linker::WaybackTimestampFromDate(c.citation.date).value_or("");
      auto request = linker::WaybackRequestUrl(key, stamp);
      if (request.ok()) lookup_of.emplace(key, *request);
    }
  }
  if (lookup_of.empty()) return reports;
  FetchSettings archive_fetch = options.fetch;
  archive_fetch.crawl.host_times = &host_times;
  if (options.deadline_ms > 0) {
    const int64_t left = start_ms + options.deadline_ms - clock.NowMs();
    if (left <= 0) return reports;  // no time for archive suggestions
    archive_fetch.crawl.run_deadline_ms = left;
  }
  IndexTargets lookups;
  for (const auto& [key, request] : lookup_of) lookups.urls.push_back(request);
  auto archive_progress = [&](const crawler::CrawlProgress& p) {
    if (sink.fetching) sink.fetching("archive lookups", p);
  };
  Result<IndexRun> archive_run =
      FetchAndIndex(db, fetcher, clock, lookups, archive_fetch,
                    archive_progress, options.stop);
  if (sink.phase_done) sink.phase_done();
  if (!archive_run.ok()) return archive_run.status();
  if (stats != nullptr) {
    stats->requests += archive_run->progress.requests;
    stats->archive_lookups += static_cast<int64_t>(lookups.urls.size());
  }
  auto archive = [&db, &lookup_of](const std::string& url) -> std::string {
    auto it = lookup_of.find(url);
    if (it == lookup_of.end()) return "";
    auto fetched = db.GetFetch(FetchKey(it->second));
    if (!fetched.ok() || fetched->error != ErrorClass::kOk ||
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

}  // namespace timecite::pipeline
