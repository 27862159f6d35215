// The Crawler on the real clock against the replica: spacing measured at the
// replica, Retry-After holding one host only, robots.txt obeyed.
#include <set>

#include "common/test_util.h"
#include "crawler/crawler.h"
#include "crawler/curl_fetcher.h"
#include "replica_env.h"

namespace timecite::crawler {
namespace {

using testing::ReplicaEnv;

class CrawlTest : public ::testing::Test {
 protected:
  void Start(replica::World world) {
    env_ = ReplicaEnv::Start(std::move(world));
    ASSERT_NE(env_, nullptr);
    CurlFetcherOptions o;
    o.user_agent = "timecite-test/1.0";
    o.ca_file = env_->ca_file();
    o.connect_to = env_->ConnectTo();
    o.address_policy = AddressPolicy::Make(false, o.connect_to, {});
    o.clock = &clock_;
    auto f = CurlFetcher::Create(o);
    ASSERT_OK(f);
    fetcher_ = std::move(f).value();
    options_.user_agent = "timecite-test/1.0";
    options_.retry.base_delay_ms = 100;
  }

  CrawlProgress Crawl(const std::vector<std::string>& urls) {
    Crawler crawler(*fetcher_, frontier_, clock_, options_);
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

  std::unique_ptr<ReplicaEnv> env_;
  std::unique_ptr<CurlFetcher> fetcher_;
  SystemClock clock_;
  MemoryFrontier frontier_;
  CrawlOptions options_;
};

replica::World TvWorld() {
  replica::World w;
  for (int i = 0; i < 6; ++i) {
    replica::Recording r;
    r.asset_id = "k1abcd000" + std::to_string(i);
    r.player_id = replica::PlayerIdOf(r.asset_id);
    r.entry_id = r.player_id;
    r.title = "Meeting " + std::to_string(i);
    r.date = "2024-10-14";
    r.duration_ms = 60000;
    w.recordings.push_back(r);
  }
  w.robots["webtv.un.org"] = "User-agent: *\nDisallow: /en/search\n";
  return w;
}

TEST_F(CrawlTest, MeasuredSpacingOnOneHostIsAtLeastTheInterval) {
  Start(TvWorld());
  options_.default_host_policy = {2, 250};
  std::vector<std::string> urls;
  for (int i = 0; i < 6; ++i) {
    urls.push_back("https://webtv.un.org/en/asset/k1a/k1abcd000" +
                   std::to_string(i));
  }
  urls.push_back("https://webtv.un.org/en/search?q=x");
  CrawlProgress p = Crawl(urls);
  EXPECT_EQ(p.ok, 6);
  EXPECT_EQ(p.by_class["robots-disallowed"], 1);
  auto log = env_->replica().RequestsTo("webtv.un.org");
  ASSERT_EQ(log.size(),
            7u);  // robots.txt + 6 asset pages; never the search page
  EXPECT_EQ(log[0].target, "/robots.txt");
  // Arrival times at the replica's handlers, over HTTPS, exactly: the
  // interval counts from the end of the previous fetch (HostPolicy), which
  // the replica answered after stamping it, so no delay in sending,
  // decrypting or stamping can shorten a gap.
  for (size_t i = 1; i < log.size(); ++i) {
    EXPECT_GE(log[i].t_ms - log[i - 1].t_ms, 250)
        << "request " << i << " at " << log[i].t_ms;
    EXPECT_EQ(log[i].Header("User-Agent"), "timecite-test/1.0");
  }
}

TEST_F(CrawlTest, RetryAfterSecondsHoldsThatHostOnly) {
  replica::World w;
  w.synthetic.push_back({"a.replica.test", "/p/", 3, 500});
  w.synthetic.push_back({"b.replica.test", "/p/", 5, 500});
  replica::Fault f;
  f.url = "http://a.replica.test/p/0";
  f.status = 429;
  f.retry_after = "2";
  f.times = 1;
  w.faults.push_back(f);
  Start(w);
  options_.obey_robots = false;
  options_.default_host_policy = {1, 100};
  std::vector<std::string> urls;
  for (int i = 0; i < 3; ++i)
    urls.push_back("http://a.replica.test/p/" + std::to_string(i));
  for (int i = 0; i < 5; ++i)
    urls.push_back("http://b.replica.test/p/" + std::to_string(i));
  CrawlProgress p = Crawl(urls);
  EXPECT_EQ(p.ok, 8);
  EXPECT_EQ(p.retries, 1);
  auto a = env_->replica().RequestsTo("a.replica.test");
  auto b = env_->replica().RequestsTo("b.replica.test");
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(a[0].target, "/p/0");
  // Nothing on host a for 2 s after the 429 ...
  EXPECT_GE(a[1].t_ms - a[0].t_ms, 2000);
  // ... while host b went on at its own pace (100 ms apart), never held.
  for (size_t i = 1; i < b.size(); ++i)
    EXPECT_LT(b[i].t_ms - b[i - 1].t_ms, 1000);
  EXPECT_LT(b.back().t_ms, a[1].t_ms);
  EXPECT_EQ(Outcome("http://a.replica.test/p/0")->attempts, 2);
  EXPECT_EQ(Outcome("http://a.replica.test/p/0")->status, 200);
}

TEST_F(CrawlTest, RetryAfterHttpDateHoldsThatHostOnly) {
  replica::World w;
  w.synthetic.push_back({"a.replica.test", "/p/", 2, 500});
  w.synthetic.push_back({"b.replica.test", "/p/", 3, 500});
  replica::Fault f;
  f.url = "http://a.replica.test/p/0";
  f.status = 503;
  f.retry_after_date_in_s = 1;
  f.times = 1;
  w.faults.push_back(f);
  Start(w);
  options_.obey_robots = false;
  options_.default_host_policy = {1, 100};
  CrawlProgress p =
      Crawl({"http://a.replica.test/p/0", "http://a.replica.test/p/1",
             "http://b.replica.test/p/0", "http://b.replica.test/p/1",
             "http://b.replica.test/p/2"});
  EXPECT_EQ(p.ok, 5);
  auto a = env_->replica().RequestsTo("a.replica.test");
  auto b = env_->replica().RequestsTo("b.replica.test");
  ASSERT_EQ(a.size(), 3u);
  // The first answer's date: between 1 and 2 s after the request.
  const FetchRecord* first = nullptr;
  for (const FetchRecord& r : frontier_.outcomes()) {
    if (r.status == 503) first = &r;
  }
  ASSERT_NE(first, nullptr);
  const auto until = ParseRetryAfterMs(first->retry_after, 0);
  ASSERT_TRUE(until.has_value()) << first->retry_after;
  EXPECT_GE(a[1].wall_ms, *until);
  EXPECT_GE(a[1].t_ms - a[0].t_ms, 1000);
  for (size_t i = 1; i < b.size(); ++i)
    EXPECT_LT(b[i].t_ms - b[i - 1].t_ms, 1000);
  EXPECT_LT(b.back().t_ms, a[1].t_ms);  // host b finished while a was held
}

TEST_F(CrawlTest, EveryOutcomeReachesTheFrontier) {
  replica::World w = TvWorld();
  replica::Fault bot;
  bot.url = "https://digitallibrary.un.org/record/1";
  bot.bot_challenge = true;
  w.faults.push_back(bot);
  replica::Fault broken;
  broken.url = "https://docs.un.org/robots.txt";
  broken.status = 500;
  w.faults.push_back(broken);
  Start(w);
  options_.default_host_policy = {2, 0};
  CrawlProgress p = Crawl({"https://webtv.un.org/en/asset/k1a/k1abcd0000",
                           "https://webtv.un.org/en/asset/k1a/k1zzzzzzzz",
                           "https://digitallibrary.un.org/record/1",
                           "https://docs.un.org/S/PV.1"});
  EXPECT_EQ(p.done, 4);
  EXPECT_EQ(Outcome("https://webtv.un.org/en/asset/k1a/k1abcd0000")->error,
            ErrorClass::kOk);
  EXPECT_EQ(Outcome("https://webtv.un.org/en/asset/k1a/k1zzzzzzzz")->status,
            404);
  EXPECT_EQ(Outcome("https://digitallibrary.un.org/record/1")->error,
            ErrorClass::kBotChallenge);
  // robots.txt answered 500: the host is off limits.
  EXPECT_EQ(Outcome("https://docs.un.org/S/PV.1")->error,
            ErrorClass::kRobotsDisallowed);
  EXPECT_EQ(env_->replica().RequestsTo("docs.un.org", "/S/").size(), 0u);
}

// A task marked "absent_ok" (a transcript that may not exist) answered 404 is
// counted absent, not failed; the same answer without the mark is a failure.
TEST_F(CrawlTest, AbsentOkTaskAnswered404IsAbsentNotFailed) {
  Start(TvWorld());
  options_.default_host_policy = {2, 0};
  Crawler crawler(*fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue("https://webtv.un.org/en/asset/k1a/k1zzzzzzzz",
                            nlohmann::json{{"absent_ok", true}}));
  ASSERT_OK(crawler.Enqueue("https://webtv.un.org/en/asset/k1a/k1yyyyyyyy"));
  ASSERT_OK(crawler.Enqueue("https://webtv.un.org/en/asset/k1a/k1abcd0000",
                            nlohmann::json{{"absent_ok", true}}));
  auto p = crawler.Run();
  ASSERT_OK(p);
  EXPECT_EQ(p->done, 3);
  EXPECT_EQ(p->ok, 1);
  EXPECT_EQ(p->absent, 1);
  EXPECT_EQ(p->failed, 1);
  EXPECT_EQ(p->by_class.at("http-status"), 1);  // only the unmarked 404
  // The outcome is stored as it came: a 404.
  EXPECT_EQ(Outcome("https://webtv.un.org/en/asset/k1a/k1zzzzzzzz")->status,
            404);
}

// The Kaltura multirequest endpoint answers every entry at one URL: two bodies
// are two requests, each stored under its own key, and the same body twice is
// one request.
TEST_F(CrawlTest, PostsToOneUrlWithTwoBodiesAreTwoRequests) {
  auto world = replica::LoadWorld(::timecite::testing::SourceDir() /
                                  "tests/replica/world.json");
  ASSERT_OK(world);
  Start(std::move(world).value());
  options_.default_host_policy = {2, 0};
  const std::string url =
      "https://cdnapisec.kaltura.com/api_v3/service/multirequest";
  auto body = [](const std::string& player_id) {
    return nlohmann::json{
        {"1", {{"service", "session"}, {"widgetId", "_2503451"}}},
        {"2", {{"filter", {{"redirectFromEntryId", player_id}}}}}}
        .dump();
  };
  auto post = [&](const std::string& player_id) {
    return nlohmann::json{{"method", "POST"},
                          {"body", body(player_id)},
                          {"content_type", "application/json"}};
  };
  Crawler crawler(*fetcher_, frontier_, clock_, options_);
  ASSERT_OK(crawler.Enqueue(url, post("1_abcd1234")));
  ASSERT_OK(crawler.Enqueue(url, post("1_r3dr3ct0")));
  ASSERT_OK(crawler.Enqueue(url, post("1_abcd1234")));
  auto p = crawler.Run();
  ASSERT_OK(p);
  EXPECT_EQ(p->ok, 2);
  auto log = env_->replica().RequestsTo("cdnapisec.kaltura.com", "/api_v3/");
  ASSERT_EQ(log.size(), 2u);
  std::set<std::string> bodies;
  for (const auto& r : log) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.Header("Content-Type"), "application/json");
    bodies.insert(r.body);
  }
  EXPECT_EQ(bodies,
            (std::set<std::string>{body("1_abcd1234"), body("1_r3dr3ct0")}));
  const FetchRecord* a = Outcome(RequestKey("POST", url, body("1_abcd1234")));
  const FetchRecord* b = Outcome(RequestKey("POST", url, body("1_r3dr3ct0")));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->method, "POST");
  EXPECT_EQ(a->final_url, url);
  EXPECT_NE(a->body.find("\"id\":\"1_abcd1234\""), std::string::npos)
      << a->body;
  EXPECT_NE(b->body.find("\"id\":\"1_c4n0n1c4\""), std::string::npos)
      << b->body;
}

}  // namespace
}  // namespace timecite::crawler
