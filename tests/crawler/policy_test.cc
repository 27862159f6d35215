// Crawl policy on a fake clock: politeness, Retry-After, backoff, limits,
// deadlines and robots.txt, with no sleeping and no network.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/test_util.h"
#include "crawler/crawler.h"
#include "crawler/robots.h"
#include "fake_fetcher.h"

namespace timecite::crawler {
namespace {

using testing::Answer;
using testing::FakeFetcher;

class PolicyTest : public ::testing::Test {
 protected:
  PolicyTest() : fetcher_(clock_) {
    options_.user_agent = "timecite/0.1 (+https://example.org/timecite)";
    options_.jitter_seed = 42;
  }

  CrawlProgress Crawl(const std::vector<std::string>& urls) {
    Crawler crawler(fetcher_, frontier_, clock_, options_);
    for (const std::string& u : urls) EXPECT_OK(crawler.Enqueue(u));
    auto result = crawler.Run();
    EXPECT_OK(result);
    return result.ok() ? *result : CrawlProgress{};
  }

  const FetchRecord* Outcome(const std::string& url) const {
    const FetchRecord* last = nullptr;
    for (const FetchRecord& r : frontier_.outcomes()) {
      if (r.url == url) last = &r;
    }
    return last;
  }

  FakeClock clock_;
  FakeFetcher fetcher_;
  MemoryFrontier frontier_;
  CrawlOptions options_;
};

std::vector<std::string> Urls(const std::string& base, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(base + std::to_string(i));
  return out;
}

// The interval counts from the end of the previous fetch (each takes 100 ms
// here), and 1 ms more for the whole-ms clock: with an interval, one fetch at
// a time, whatever max_concurrent says.
TEST_F(PolicyTest, StartsOnOneHostAreSpacedByTheIntervalFromTheEnd) {
  options_.default_host_policy = {2, 500};
  CrawlProgress p = Crawl(Urls("https://webtv.un.org/en/asset/", 6));
  EXPECT_EQ(p.ok, 6);
  EXPECT_EQ(fetcher_.max_in_flight_seen, 1);
  const auto starts = fetcher_.StartsOf("https://webtv.un.org/");
  ASSERT_EQ(starts.size(), 7u);  // robots.txt + 6
  for (size_t i = 1; i < starts.size(); ++i)
    EXPECT_EQ(starts[i] - starts[i - 1], 100 + 1 + 500);
}

// A slow answer holds the host's next request back: the gap follows the
// fetch's length, not only the interval.
TEST_F(PolicyTest, ASlowAnswerPushesTheNextRequestBack) {
  options_.default_host_policy = {2, 500};
  options_.obey_robots = false;
  fetcher_.latency_ms = 3000;
  Crawl(Urls("https://slow.example/", 3));
  const auto starts = fetcher_.StartsOf("https://slow.example/");
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1] - starts[0], 3000 + 1 + 500);
  EXPECT_EQ(starts[2] - starts[1], 3000 + 1 + 500);
}

// Runs one after another on the same hosts (check's runs) keep the pacing
// when they share HostTimes: the second run's first request to a host waits
// the interval from the first run's last; without it, it would go at once.
TEST_F(PolicyTest, RunsSharingHostTimesKeepTheIntervalBetweenThem) {
  options_.default_host_policy = {1, 500};
  options_.obey_robots = false;
  HostTimes times;
  options_.host_times = &times;
  Crawl({"https://a.example/1"});
  Crawl({"https://a.example/2"});
  const auto starts = fetcher_.StartsOf("https://a.example/");
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(starts[1] - starts[0], 100 + 1 + 500);
  EXPECT_EQ(times.next_start_ms.at("a.example"), starts[1] + 100 + 1 + 500);

  options_.host_times = nullptr;  // each run on its own
  Crawl({"https://b.example/1"});
  Crawl({"https://b.example/2"});
  const auto unshared = fetcher_.StartsOf("https://b.example/");
  ASSERT_EQ(unshared.size(), 2u);
  EXPECT_EQ(unshared[1] - unshared[0], 100);
}

TEST_F(PolicyTest, ConcurrencyPerHostAndGlobalAreCapped) {
  options_.default_host_policy = {2, 0};
  options_.obey_robots = false;
  fetcher_.latency_ms = 1000;
  Crawl(Urls("https://a.example/", 10));
  EXPECT_EQ(fetcher_.max_in_flight_seen, 2);

  FakeFetcher wide(clock_);
  wide.latency_ms = 1000;
  options_.default_host_policy = {10, 0};
  options_.max_concurrent = 3;
  Crawler crawler(wide, frontier_, clock_, options_);
  for (const auto& u : Urls("https://b.example/", 5))
    ASSERT_OK(crawler.Enqueue(u));
  for (const auto& u : Urls("https://c.example/", 5))
    ASSERT_OK(crawler.Enqueue(u));
  ASSERT_OK(crawler.Run());
  EXPECT_EQ(wide.max_in_flight_seen, 3);
}

TEST_F(PolicyTest, PerHostOverride) {
  options_.default_host_policy = {2, 500};
  options_.host_policies["docs.un.org"] = {1, 2000};
  options_.obey_robots = false;
  Crawl(Urls("https://docs.un.org/S/PV.", 3));
  const auto starts = fetcher_.StartsOf("https://docs.un.org/");
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1] - starts[0], 100 + 1 + 2000);
  EXPECT_EQ(starts[2] - starts[1], 100 + 1 + 2000);
}

TEST_F(PolicyTest, RetryAfterHoldsTheWholeHostAndOnlyThatHost) {
  options_.default_host_policy = {1, 100};
  options_.obey_robots = false;
  fetcher_.Script("https://a.example/0", {Answer(429, "2")});
  CrawlProgress p = Crawl({"https://a.example/0", "https://a.example/1",
                           "https://b.example/0", "https://b.example/1"});
  EXPECT_EQ(p.ok, 4);
  EXPECT_EQ(p.retries, 1);
  const auto a = fetcher_.StartsOf("https://a.example/");
  const auto b = fetcher_.StartsOf("https://b.example/");
  ASSERT_EQ(a.size(), 3u);  // 0 (429), then 1 and 0 after the wait
  ASSERT_EQ(b.size(), 2u);
  // a/0 answered at +100 with Retry-After: 2 → nothing on a before +2100.
  EXPECT_GE(a[1] - a[0], 2100);
  EXPECT_EQ(b[1] - b[0], 100 + 1 + 100);  // b kept its own pace
  EXPECT_EQ(Outcome("https://a.example/0")->attempts, 2);
}

TEST_F(PolicyTest, RetryAfterAsHttpDate) {
  options_.obey_robots = false;
  clock_.Set(784111777000);  // Sun, 06 Nov 1994 08:49:37 GMT
  fetcher_.latency_ms = 0;
  fetcher_.Script("https://a.example/x",
                  {Answer(503, "Sun, 06 Nov 1994 08:49:40 GMT")});
  Crawl({"https://a.example/x"});
  const auto a = fetcher_.StartsOf("https://a.example/x");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1] - a[0], 3000);
}

TEST_F(PolicyTest, BackoffGrowsAndTheRetryLimitHolds) {
  options_.obey_robots = false;
  options_.retry.max_retries = 3;
  options_.retry.base_delay_ms = 1000;
  options_.url_deadline_ms = 0;
  fetcher_.latency_ms = 0;
  fetcher_.Script(
      "https://a.example/x",
      {Answer(500), Answer(502), Answer(0, "", ErrorClass::kTimeout),
       Answer(0, "", ErrorClass::kConnect), Answer(200)});
  CrawlProgress p = Crawl({"https://a.example/x"});
  EXPECT_EQ(p.failed, 1);
  EXPECT_EQ(p.retries, 3);
  EXPECT_EQ(p.by_class["connect"], 1);
  const auto a = fetcher_.StartsOf("https://a.example/x");
  ASSERT_EQ(a.size(),
            4u);  // the first try and 3 retries; the 200 is never asked for
  EXPECT_GE(a[1] - a[0], 500);
  EXPECT_LE(a[1] - a[0], 1000);
  EXPECT_GE(a[2] - a[1], 1000);
  EXPECT_LE(a[2] - a[1], 2000);
  EXPECT_GE(a[3] - a[2], 2000);
  EXPECT_LE(a[3] - a[2], 4000);
  EXPECT_EQ(Outcome("https://a.example/x")->attempts, 4);
  EXPECT_EQ(frontier_.size(), 0u);
}

TEST_F(PolicyTest, FinalStatusesAreNotRetried) {
  options_.obey_robots = false;
  fetcher_.Script("https://a.example/gone", {Answer(404)});
  fetcher_.Script("https://a.example/tls", {Answer(0, "", ErrorClass::kTls)});
  CrawlProgress p = Crawl({"https://a.example/gone", "https://a.example/tls"});
  EXPECT_EQ(p.retries, 0);
  EXPECT_EQ(p.by_class["http-status"], 1);
  EXPECT_EQ(p.by_class["tls"], 1);
}

TEST_F(PolicyTest, UrlDeadlineStopsRetries) {
  options_.obey_robots = false;
  options_.retry.max_retries = 10;
  options_.retry.base_delay_ms = 1000;
  options_.url_deadline_ms = 5000;
  fetcher_.latency_ms = 0;
  std::vector<FetchRecord> errors(11, Answer(503));
  fetcher_.Script("https://a.example/x", errors);
  CrawlProgress p = Crawl({"https://a.example/x"});
  EXPECT_EQ(p.failed, 1);
  const auto a = fetcher_.StartsOf("https://a.example/x");
  EXPECT_LT(a.back() - a.front(), 5000);
  EXPECT_LT(a.size(), 5u);
}

TEST_F(PolicyTest, LongRetryAfterGivesUp) {
  options_.obey_robots = false;
  options_.retry.max_retry_after_ms = 60'000;
  fetcher_.Script("https://a.example/x", {Answer(429, "3600")});
  CrawlProgress p = Crawl({"https://a.example/x"});
  EXPECT_EQ(p.retries, 0);
  EXPECT_EQ(Outcome("https://a.example/x")->status, 429);
}

TEST_F(PolicyTest, RetryAfterOverTheCapIsFinalAndHoldsTheHostOnlyTheCap) {
  options_.obey_robots = false;
  options_.default_host_policy = {1, 100};
  options_.retry.max_retry_after_ms = 60'000;
  fetcher_.latency_ms = 100;
  fetcher_.Script("https://a.example/0", {Answer(429, "3600")});
  const int64_t t0 = clock_.NowMs();
  CrawlProgress p = Crawl({"https://a.example/0", "https://a.example/1"});
  EXPECT_EQ(p.retries, 0);
  EXPECT_EQ(p.ok, 1);
  EXPECT_EQ(p.failed, 1);
  const FetchRecord* r = Outcome("https://a.example/0");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->attempts, 1);
  EXPECT_NE(r->error_message.find(
                "Retry-After 3600 s is longer than the crawler waits (60 s): not retried"),
            std::string::npos)
      << r->error_message;
  // a/1 waited the cap (60 s after the 429 came at +100), not the hour.
  const auto a = fetcher_.StartsOf("https://a.example/");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1] - a[0], 60'100);
  EXPECT_LT(clock_.NowMs() - t0, 61'000);
}

TEST_F(PolicyTest, RetryAfterPastTheRunDeadlineIsFinalNow) {
  options_.obey_robots = false;
  options_.run_deadline_ms = 30'000;
  options_.retry.max_retry_after_ms = 600'000;
  fetcher_.latency_ms = 0;
  fetcher_.Script("https://a.example/x", {Answer(503, "120")});
  CrawlProgress p = Crawl({"https://a.example/x"});
  EXPECT_EQ(p.retries, 0);
  EXPECT_EQ(p.failed, 1);
  EXPECT_EQ(frontier_.size(), 0u);  // final, not left behind unreported
  const FetchRecord* r = Outcome("https://a.example/x");
  ASSERT_NE(r, nullptr);
  EXPECT_NE(r->error_message.find(
                "Retry-After 120 s is longer than the run can still wait (30 s)"),
            std::string::npos)
      << r->error_message;
  EXPECT_LT(p.elapsed_ms, 1000);
}

TEST_F(PolicyTest, RobotsRefusedAsPrivateAddressSettlesTheSiteSo) {
  FetchRecord refused = Answer(0, "", ErrorClass::kPrivateAddress);
  refused.error_message = "10.0.0.1 is a private address (refused; --allow-private fetches it)";
  fetcher_.Script("https://intranet.example/robots.txt", {refused});
  CrawlProgress p = Crawl({"https://intranet.example/a", "https://intranet.example/b"});
  EXPECT_EQ(p.by_class["private-address"], 2);
  const FetchRecord* r = Outcome("https://intranet.example/a");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->error, ErrorClass::kPrivateAddress);
  EXPECT_EQ(r->error_message, refused.error_message);
  // Only robots.txt was asked for.
  EXPECT_EQ(fetcher_.StartsOf("https://intranet.example/").size(), 1u);
}

// A robots.txt fetch that fails to connect once (a kept-alive connection the
// server closed: "Failed sending data to the peer") is asked again before the
// site is called unreachable; a second failure settles it.
TEST_F(PolicyTest, RobotsConnectErrorIsAskedOnceMore) {
  FetchRecord cut = Answer(0, "", ErrorClass::kConnect);
  cut.error_message = "Failed sending data to the peer";
  fetcher_.Script("https://www.un.example/robots.txt", {cut});
  fetcher_.Script("https://down.example/robots.txt", {cut, cut});
  CrawlProgress p = Crawl({"https://www.un.example/a", "https://down.example/b"});
  EXPECT_EQ(p.ok, 1);
  ASSERT_NE(Outcome("https://www.un.example/a"), nullptr);
  EXPECT_EQ(Outcome("https://www.un.example/a")->status, 200);
  EXPECT_EQ(fetcher_.StartsOf("https://www.un.example/").size(), 3u);  // robots x2, a
  const FetchRecord* r = Outcome("https://down.example/b");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->error, ErrorClass::kConnect);
  EXPECT_EQ(r->error_message,
            "site unreachable (robots.txt: Failed sending data to the peer)");
  EXPECT_EQ(fetcher_.StartsOf("https://down.example/").size(), 2u);  // robots x2
}

TEST_F(PolicyTest, RunDeadlineLeavesTheRestInTheFrontier) {
  options_.obey_robots = false;
  options_.default_host_policy = {1, 1000};
  options_.run_deadline_ms = 2500;
  CrawlProgress p = Crawl(Urls("https://a.example/", 10));
  EXPECT_TRUE(p.deadline_reached);
  EXPECT_EQ(p.done, 3);  // started at 0, 1101, 2202
  EXPECT_EQ(frontier_.size(), 7u);
}

TEST_F(PolicyTest, RobotsRulesAreObeyedWithoutFetching) {
  FetchRecord robots = Answer(200);
  robots.body = "User-agent: *\nDisallow: /en/search\n";
  fetcher_.Script("https://webtv.un.org/robots.txt", {robots});
  CrawlProgress p = Crawl({"https://webtv.un.org/en/search?q=x",
                           "https://webtv.un.org/en/asset/a"});
  EXPECT_EQ(p.by_class["robots-disallowed"], 1);
  EXPECT_EQ(p.ok, 1);
  EXPECT_EQ(fetcher_.StartsOf("https://webtv.un.org/en/search").size(), 0u);
  EXPECT_EQ(fetcher_.StartsOf("https://webtv.un.org/robots.txt").size(), 1u);
  EXPECT_EQ(fetcher_.started[0].request.max_redirects, kRobotsMaxRedirects);
  EXPECT_EQ(fetcher_.started[0].request.max_body_bytes, kRobotsMaxBytes);
  EXPECT_TRUE(fetcher_.started[0].request.truncate_at_cap);
}

TEST_F(PolicyTest,
       Robots5xxDisallowsAll4xxAllowsAllUnreachableSiteIsUnreachable) {
  fetcher_.Script("https://a.example/robots.txt", {Answer(503)});
  fetcher_.Script("https://b.example/robots.txt", {Answer(403)});
  // (A connect error is asked once more: the site is out of reach when both
  // fail.)
  fetcher_.Script("https://c.example/robots.txt",
                  {Answer(0, "", ErrorClass::kConnect),
                   Answer(0, "", ErrorClass::kConnect)});
  CrawlProgress p = Crawl(
      {"https://a.example/x", "https://b.example/x", "https://c.example/x"});
  EXPECT_EQ(p.by_class["robots-disallowed"], 1);
  EXPECT_EQ(p.ok, 1);
  EXPECT_EQ(Outcome("https://b.example/x")->error, ErrorClass::kOk);
  // robots.txt unreachable because the site is: its URLs are unreachable
  // too (a link checker counts that towards dead), not refused by robots.txt.
  EXPECT_EQ(p.by_class["connect"], 1);
  EXPECT_EQ(Outcome("https://c.example/x")->error, ErrorClass::kConnect);
  EXPECT_NE(Outcome("https://c.example/x")->error_message.find("robots.txt"),
            std::string::npos);
  EXPECT_EQ(fetcher_.StartsOf("https://c.example/x").size(), 0u);
}

TEST_F(PolicyTest, RobotsCacheExpiresAfterADay) {
  options_.default_host_policy = {1, 0};
  Crawler crawler(fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue("https://a.example/1"));
  ASSERT_OK(crawler.Run());
  clock_.Advance(kRobotsCacheMs - 1000);
  ASSERT_OK(crawler.Enqueue("https://a.example/2"));
  ASSERT_OK(crawler.Run());
  EXPECT_EQ(fetcher_.StartsOf("https://a.example/robots.txt").size(), 1u);
  clock_.Advance(2000);
  ASSERT_OK(crawler.Enqueue("https://a.example/3"));
  ASSERT_OK(crawler.Run());
  EXPECT_EQ(fetcher_.StartsOf("https://a.example/robots.txt").size(), 2u);
}

TEST_F(PolicyTest, DuplicatesInTheFrontierRunOnce) {
  options_.obey_robots = false;
  ASSERT_OK(
      frontier_.Add({clock_.NowMs(), "a.example", "https://a.example/x", {}}));
  ASSERT_OK(frontier_.Add(
      {clock_.NowMs() + 5, "a.example", "https://a.example/x", {}}));
  Crawl({});
  EXPECT_EQ(fetcher_.started.size(), 1u);
  EXPECT_EQ(frontier_.size(), 0u);
}

TEST_F(PolicyTest, ConditionalRequestAndHeadFromTheTask) {
  options_.obey_robots = false;
  options_.use_head = true;
  Crawler crawler(fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue(
      "https://a.example/x",
      {{"if_none_match", "\"v1\""},
       {"if_modified_since", "Sun, 06 Nov 1994 08:49:37 GMT"}}));
  ASSERT_OK(crawler.Run());
  ASSERT_EQ(fetcher_.started.size(), 1u);
  EXPECT_EQ(fetcher_.started[0].request.method, "HEAD");
  EXPECT_EQ(fetcher_.started[0].request.if_none_match, "\"v1\"");
  EXPECT_EQ(fetcher_.started[0].request.if_modified_since,
            "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST_F(PolicyTest, BadUrlsAreRejected) {
  Crawler crawler(fetcher_, frontier_, clock_, options_);
  EXPECT_FALSE(crawler.Enqueue("ftp://example.org/x").ok());
  EXPECT_FALSE(crawler.Enqueue("not a url").ok());
  EXPECT_EQ(HostKey("https://Example.org:8443/x"), "example.org:8443");
  EXPECT_EQ(HostKey("https://example.org:443/x"), "example.org");
}

TEST_F(PolicyTest, RequestKeyOfAPostNamesItsBody) {
  const std::string url =
      "https://CDNAPISEC.kaltura.com/api_v3/service/multirequest";
  EXPECT_EQ(RequestKey("GET", url, "ignored"),
            "https://cdnapisec.kaltura.com/api_v3/service/multirequest");
  const std::string a = RequestKey("POST", url, "{\"a\":1}");
  // SHA-256("{"a":1}") begins 015abd7f5cc57a2d.
  EXPECT_EQ(a,
            "https://cdnapisec.kaltura.com/api_v3/service/"
            "multirequest#post-015abd7f5cc57a2d");
  EXPECT_EQ(RequestKey("POST", url, "{\"a\":1}"), a);
  EXPECT_NE(RequestKey("POST", url, "{\"a\":2}"), a);
  EXPECT_EQ(RequestKey("GET", "not a url", ""), "not a url");
}

TEST_F(PolicyTest, PostsCarryTheirBodyAndEachBodyIsOneRequest) {
  const std::string url =
      "https://cdnapisec.kaltura.com/api_v3/service/multirequest";
  fetcher_.Script(url,
                  {Answer(503), Answer(200)});  // the first POST is retried
  auto post = [](const std::string& body) {
    return nlohmann::json{{"method", "POST"},
                          {"body", body},
                          {"content_type", "application/json"}};
  };
  Crawler crawler(fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue(url, post("A")));
  ASSERT_OK(crawler.Enqueue(url, post("B")));
  ASSERT_OK(crawler.Enqueue(url, post("A")));
  auto p = crawler.Run();
  ASSERT_OK(p);
  EXPECT_EQ(p->ok, 2);
  EXPECT_EQ(p->retries, 1);
  std::vector<std::string> sent;
  for (const auto& s : fetcher_.started) {
    if (s.request.url.ends_with("/robots.txt")) continue;
    EXPECT_EQ(s.request.url, url);
    sent.push_back(s.request.method + " " + s.request.body + " " +
                   s.request.content_type);
  }
  ASSERT_EQ(sent.size(), 3u);
  // The first POST answered 503 and went again with the same body.
  const std::string first_body =
      sent[0] == "POST A application/json" ? "A" : "B";
  EXPECT_EQ(sent[2], sent[0]);
  EXPECT_NE(sent[1], sent[0]);
  const FetchRecord* retried = Outcome(RequestKey("POST", url, first_body));
  ASSERT_NE(retried, nullptr);
  EXPECT_EQ(retried->attempts, 2);
  EXPECT_EQ(retried->status, 200);
  EXPECT_EQ(retried->method, "POST");
  const FetchRecord* other =
      Outcome(RequestKey("POST", url, first_body == "A" ? "B" : "A"));
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->attempts, 1);

  // A GET of the same URL is yet another request.
  Crawler again(fetcher_, frontier_, clock_, options_);
  ASSERT_OK(again.Enqueue(url));
  ASSERT_OK(again.Run());
  const FetchRecord* get = Outcome(url);
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->method, "GET");
  EXPECT_EQ(fetcher_.started.back().request.body, "");
}

TEST_F(PolicyTest, OnFinalMayEnqueueAndEachKeyRunsOnce) {
  Crawler crawler(fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue("https://webtv.un.org/en/schedule/2024-10-14"));
  std::vector<std::string> finals;
  auto p =
      crawler.Run({}, [&](const FrontierItem& item, const FetchRecord& record) {
        finals.push_back(item.url + " " + std::to_string(record.status));
        if (item.url.ends_with("2024-10-14")) {
          EXPECT_OK(
              crawler.Enqueue("https://webtv.un.org/en/asset/k1a/k1abcd1234"));
          EXPECT_OK(crawler.Enqueue(
              "https://transcripts.un.org/en/asset/k1a/k1abcd1234.json"));
          EXPECT_OK(crawler.Enqueue(
              "https://webtv.un.org/en/schedule/2024-10-14"));  // done already
        }
      });
  ASSERT_OK(p);
  EXPECT_EQ(p->done, 3);
  ASSERT_EQ(finals.size(), 3u);
  EXPECT_EQ(finals[0], "https://webtv.un.org/en/schedule/2024-10-14 200");
  std::sort(finals.begin() + 1, finals.end());
  EXPECT_EQ(finals[1],
            "https://transcripts.un.org/en/asset/k1a/k1abcd1234.json 200");
  EXPECT_EQ(finals[2], "https://webtv.un.org/en/asset/k1a/k1abcd1234 200");
  EXPECT_EQ(fetcher_.StartsOf("https://webtv.un.org/en/schedule/").size(), 1u);
  EXPECT_EQ(frontier_.size(), 0u);
}

}  // namespace
}  // namespace timecite::crawler
