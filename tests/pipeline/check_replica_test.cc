// CheckOnline (pipeline/check_run.h), as `timecite check` runs it, against
// the replica (issue 20):
//  - soft 404 by a host probe (linker/checks/not_found_probe.h): each suspect
//    page is compared with what its host answers for a page that does not
//    exist, one probe per host and directory pattern, made through the
//    crawler and counted in the run's requests;
//  - equivalent spellings (common/url.h Url::request): `page#a` and `page#b`,
//    `%7e` and `~`, are one request, each citation reported as written.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "common/test_util.h"
#include "crawler/clock.h"
#include "linker/checks/not_found_probe.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "pipeline/check_run.h"
#include "replica_env.h"

namespace timecite::pipeline {
namespace {

using crawler::testing::ReplicaEnv;
namespace fs = std::filesystem;

replica::Page Html(const std::string& url, const std::string& title,
                   const std::string& text) {
  replica::Page p;
  p.url = url;
  p.body = "<!DOCTYPE html><html><head><title>" + title +
           "</title></head><body><h1>" + title + "</h1><p>" + text +
           "</p></body></html>\n";
  return p;
}

constexpr char kSoftNotFound[] =
    "<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
    "<h1>Page not found</h1><p>We could not find that page on Site Replica. "
    "Try the search box or the site map.</p></body></html>\n";

// news.un.org answers 404 for a missing page (the replica's own answer);
// site.replica.test answers 200 with its not-found page; a retired section
// of www.un.org sends every page under it home.
replica::World ProbeWorld() {
  replica::World w;
  w.pages.push_back(Html("https://news.un.org/fr/story/2023/12/1087022",
                         "Paix : page non trouvée dans les accords",
                         "Un article sur la paix."));
  w.pages.push_back(Html("https://news.un.org/fr/story/2021/07/1087030",
                         "Résolution 404 (1977)", "Le Conseil de sécurité."));
  w.pages.push_back(Html("https://news.un.org/en/", "UN News", "Global news."));
  w.pages.push_back(Html("https://www.un.org/en/", "Welcome", "The UN."));
  w.pages.push_back(Html("https://site.replica.test/docs/404-report",
                         "404 report",
                         "The annual report on resolution 404 and its "
                         "follow-up by the Council."));
  replica::NotFoundAnswer soft;
  soft.prefix = "https://site.replica.test/";
  soft.status = 200;
  soft.body = kSoftNotFound;
  w.not_found.push_back(soft);
  replica::NotFoundAnswer retired;
  retired.prefix = "https://www.un.org/en/sections/issues-depth/";
  retired.status = 302;
  retired.redirect = "https://www.un.org/en/";
  w.not_found.push_back(retired);
  // One deep link sent home on a host that answers 404 otherwise.
  replica::Fault home;
  home.url = "https://news.un.org/en/old/story-1";
  home.redirect = "https://news.un.org/en/";
  w.faults.push_back(home);
  return w;
}

// Checks `urls` (one per line of a Markdown report) online against `env`;
// `stats` gets the run's counts. The reports' citations, by URL as written.
// `trust_cert`: the fetcher trusts the replica's certificate (without it,
// https fails TLS); `connect_to`: entries before the env's (they win).
std::map<std::string, linker::CheckedCitation> CheckUrls(
    ReplicaEnv& env, const std::vector<std::string>& urls, OnlineStats* stats,
    bool trust_cert = true, std::vector<std::string> connect_to = {}) {
  std::map<std::string, linker::CheckedCitation> out;
  const fs::path report = env.dir() / "report.md";
  {
    std::string text;
    for (size_t i = 0; i < urls.size(); ++i)
      text += "Point " + std::to_string(i) + ": " + urls[i] + "\n\n";
    std::ofstream(report) << text;
  }
  auto db = store::Store::Open(env.dir() / "db", store::OpenMode::kReadWrite);
  EXPECT_OK(db);
  if (!db.ok()) return out;
  crawler::OffsetClock clock(0);
  crawler::CurlFetcherOptions fo;
  fo.clock = &clock;
  fo.user_agent = "timecite-test";
  fo.connect_to = env.ConnectTo(std::move(connect_to));
  if (trust_cert) fo.ca_file = env.ca_file();
  fo.address_policy = crawler::AddressPolicy::Make(false, fo.connect_to, {});
  auto fetcher = crawler::CurlFetcher::Create(std::move(fo));
  EXPECT_OK(fetcher);
  if (!fetcher.ok()) return out;
  auto doc = linker::LoadDocument(report.string());
  EXPECT_OK(doc);
  if (!doc.ok()) return out;
  OnlineOptions o;
  o.fetch.crawl.user_agent = "timecite-test";
  o.fetch.crawl.default_host_policy.min_interval_ms = 0;
  o.fetch.crawl.retry.max_retries = 0;
  o.verify.now_ms = clock.NowMs();
  o.archive_lookup = false;
  auto reports = CheckOnline(**db, **fetcher, clock,
                             {{report.string(), linker::ExtractCitations(*doc)}},
                             o, stats);
  EXPECT_OK(reports);
  if (!reports.ok()) return out;
  for (const auto& c : (*reports)[0].citations) out[c.citation.url_written] = c;
  return out;
}

TEST(NotFoundProbeRun, TheHostsAnswerForAMissingPageDecides) {
  auto env = ReplicaEnv::Start(ProbeWorld());
  ASSERT_NE(env, nullptr);
  const std::vector<std::string> urls = {
      "https://news.un.org/fr/story/2023/12/1087022",  // 0 ok
      "https://news.un.org/fr/story/2021/07/1087030",  // 1 ok, same probe
      "https://site.replica.test/docs/a1",             // 2 soft 404
      "https://site.replica.test/docs/404-report",     // 3 ok
      "https://www.un.org/en/sections/issues-depth/topic-3/",  // 4 broken
      "https://news.un.org/en/old/story-1",            // 5 warning
  };
  OnlineStats stats;
  auto checked = CheckUrls(*env, urls, &stats);
  std::map<std::string, const linker::CheckedCitation*> by_url;
  for (const auto& [url, c] : checked) by_url[url] = &c;
  ASSERT_EQ(by_url.size(), urls.size());
  auto verdict = [&](size_t i) { return by_url[urls[i]]->verdict; };
  auto soft404 = [&](size_t i) -> const linker::Finding* {
    for (const auto& f : by_url[urls[i]]->findings)
      if (f.rule == "soft-404") return &f;
    return nullptr;
  };
  EXPECT_EQ(verdict(0), linker::Verdict::kOk);
  EXPECT_EQ(soft404(0), nullptr);
  EXPECT_EQ(verdict(1), linker::Verdict::kOk);
  EXPECT_EQ(verdict(2), linker::Verdict::kBroken);
  ASSERT_NE(soft404(2), nullptr);
  EXPECT_EQ(soft404(2)->severity, linker::Severity::kError);
  EXPECT_EQ(verdict(3), linker::Verdict::kOk);
  EXPECT_EQ(soft404(3), nullptr);
  EXPECT_EQ(verdict(4), linker::Verdict::kBroken);
  ASSERT_NE(soft404(4), nullptr);
  EXPECT_EQ(soft404(4)->message,
            "redirected to the site's home page https://www.un.org/en/, as is a "
            "page that does not exist");
  EXPECT_EQ(verdict(5), linker::Verdict::kWarning);
  ASSERT_NE(soft404(5), nullptr);
  EXPECT_EQ(soft404(5)->severity, linker::Severity::kWarning);

  // One probe per host and directory pattern: the two news stories share
  // /fr/story/0000/00/, the two site.replica.test pages /docs/.
  std::map<std::string, int> probes;
  for (const auto& r : env->replica().Requests()) {
    if (r.target.find(linker::kProbeSegment) != std::string::npos)
      ++probes[r.host + r.target];
  }
  const std::string seg(linker::kProbeSegment);
  EXPECT_EQ(probes, (std::map<std::string, int>{
                        {"news.un.org/fr/story/0000/00/" + seg, 1},
                        {"site.replica.test/docs/" + seg, 1},
                        {"www.un.org/en/sections/issues-depth/" + seg + "/", 1},
                        {"news.un.org/en/old/" + seg, 1}}));
  EXPECT_EQ(stats.not_found_probes, 4);
  // Every fetch the replica saw (robots.txt, pages, probes) is counted in the
  // run's requests; a redirect's hop is part of its fetch. The home pages
  // (/en/) are reached only by the three redirects.
  int64_t fetches = 0, hops = 0;
  for (const auto& r : env->replica().Requests()) ++(r.target == "/en/" ? hops : fetches);
  EXPECT_EQ(hops, 3);
  EXPECT_EQ(stats.requests, fetches);
}

// RFC 3986 §6.2.2 and the fragment: one request for each page however it is
// spelled, and every citation judged as its own.
TEST(EquivalentSpellings, OneRequestEachCitationReportedAsWritten) {
  replica::World w;
  w.pages.push_back(Html("https://www.un.org/en/page", "A page", "Text."));
  w.pages.push_back(Html("https://www.un.org/~user/report", "A report", "Text."));
  w.pages.push_back(Html("https://www.un.org/en/A%2FRES", "A resolution", "Text."));
  auto env = ReplicaEnv::Start(std::move(w));
  ASSERT_NE(env, nullptr);
  const std::vector<std::string> urls = {
      "https://www.un.org/en/page#a",
      "https://www.un.org/en/page#b",
      "https://www.un.org/en/%70age",
      "https://www.un.org/%7euser/report",
      "https://www.un.org/~user/report",
      "https://www.un.org/en/A%2fRES",
      "https://www.un.org/en/A%2FRES#top",
  };
  OnlineStats stats;
  auto checked = CheckUrls(*env, urls, &stats);
  ASSERT_EQ(checked.size(), urls.size());
  for (const std::string& u : urls) {
    EXPECT_EQ(checked[u].verdict, linker::Verdict::kOk) << u << " " << checked[u].reason;
    EXPECT_EQ(checked[u].citation.url_written, u);
  }
  std::map<std::string, int> asked;
  for (const auto& r : env->replica().Requests())
    if (r.host == "www.un.org") ++asked[r.target];
  EXPECT_EQ(asked, (std::map<std::string, int>{{"/robots.txt", 1},
                                               {"/en/page", 1},
                                               {"/~user/report", 1},
                                               {"/en/A%2FRES", 1}}));
  EXPECT_EQ(stats.requests, 4);
}

// A link written without a scheme is fetched over https, and over http when
// https fails for certain (TLS: the replica's certificate is not trusted
// here; refused: nothing listens), reported as written. A link written with
// https is not changed.
TEST(SchemeFallback, AnHttpsFailureForCertainIsTriedOverHttp) {
  replica::World w;
  w.pages.push_back(Html("https://www.un.org/en/tls-page", "A page", "Text."));
  w.pages.push_back(Html("https://www.refused.test/page", "A page", "Text."));
  auto env = ReplicaEnv::Start(std::move(w));
  ASSERT_NE(env, nullptr);
  const std::vector<std::string> urls = {"www.un.org/en/tls-page",
                                         "www.refused.test/page",
                                         "https://www.un.org/en/tls-page"};
  OnlineStats stats;
  auto checked = CheckUrls(*env, urls, &stats, /*trust_cert=*/false,
                           {"www.refused.test:443:127.0.0.1:1"});
  ASSERT_EQ(checked.size(), urls.size());
  EXPECT_EQ(checked[urls[0]].verdict, linker::Verdict::kOk) << checked[urls[0]].reason;
  EXPECT_EQ(checked[urls[0]].citation.url_written, "www.un.org/en/tls-page");
  EXPECT_EQ(checked[urls[0]].citation.url_canonical, "http://www.un.org/en/tls-page");
  EXPECT_EQ(checked[urls[1]].verdict, linker::Verdict::kOk) << checked[urls[1]].reason;
  EXPECT_EQ(checked[urls[1]].citation.url_written, "www.refused.test/page");
  EXPECT_EQ(checked[urls[2]].verdict, linker::Verdict::kUnverified);
  EXPECT_EQ(checked[urls[2]].reason, "TLS failed");
  std::map<std::string, int> over_http;
  for (const auto& r : env->replica().Requests())
    if (!r.tls) ++over_http[r.host + r.target];
  EXPECT_EQ(over_http, (std::map<std::string, int>{
                           {"www.un.org/robots.txt", 1},
                           {"www.un.org/en/tls-page", 1},
                           {"www.refused.test/robots.txt", 1},
                           {"www.refused.test/page", 1}}));
}

}  // namespace
}  // namespace timecite::pipeline
