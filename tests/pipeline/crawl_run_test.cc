// FetchAndIndex against the in-process replica (tests/replica/world.json) over
// HTTPS on loopback: one crawl makes every request once, every outcome is
// stored under its request key, and the recordings answer `at` and `search`.
#include "pipeline/crawl_run.h"
#include "pipeline/settings.h"

#include <map>
#include <tuple>

#include "common/test_util.h"
#include "indexer/ingest.h"
#include "indexer/profile.h"
#include "indexer/catalog/query.h"
#include "replica_env.h"
#include "tools/replica/world.h"

namespace timecite::pipeline {
namespace {

using crawler::testing::ReplicaEnv;

class FetchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto world = replica::LoadWorld(::timecite::testing::SourceDir() /
                                    "tests/replica/world.json");
    ASSERT_OK(world);
    env_ = ReplicaEnv::Start(std::move(world).value());
    ASSERT_NE(env_, nullptr);
    auto opened =
        store::Store::Open(env_->dir() / "db", store::OpenMode::kReadWrite);
    ASSERT_OK(opened);
    db_ = std::move(opened).value();
    settings_.crawl.user_agent = "timecite-test/1.0";
    settings_.crawl.default_host_policy = {2, 0};
    settings_.crawl.retry.base_delay_ms = 50;
    fetcher_ = env_->Fetcher(clock_, settings_.crawl.user_agent);
    ASSERT_NE(fetcher_, nullptr);
  }

  std::unique_ptr<ReplicaEnv> env_;
  std::unique_ptr<store::Store> db_;
  FetchSettings settings_;
  crawler::SystemClock clock_;
  std::unique_ptr<crawler::Fetcher> fetcher_;
};

const AssetOutcome* Find(const IndexRun& run, const std::string& id) {
  for (const AssetOutcome& a : run.assets) {
    if (a.asset_id == id) return &a;
  }
  return nullptr;
}

TEST_F(FetchIndexTest, OneCrawlIndexesAssetsAndScheduleDays) {
  IndexTargets targets;
  targets.urls = {"https://docs.un.org/S/PV.9748",
                  "https://docs.un.org/S/PV.9748",
                  "https://docs.un.org/S/NO-SUCH-DOC"};
  targets.asset_ids = {"k1abcd1234", "k1de1eted0", "k1unpub001"};
  targets.schedule_dates = {"2024-10-14"};
  int progress_calls = 0;
  int64_t last_failed = -1;
  auto run = FetchAndIndex(*db_, *fetcher_, clock_, targets, settings_,
      [&](const crawler::CrawlProgress& p) {
        ++progress_calls;
        last_failed = p.failed;
      },
      nullptr);
  ASSERT_OK(run);
  EXPECT_GE(progress_calls, 1);
  EXPECT_EQ(run->late_requests, 0);
  // The two transcripts that do not exist (404) are no failure: counted
  // apart. The one failed request is the document that does not exist (404).
  EXPECT_EQ(run->progress.absent, 2);  // the "no transcript" count
  EXPECT_EQ(run->progress.failed, 1);
  EXPECT_EQ(run->progress.by_class["http-status"], 1);
  EXPECT_GE(last_failed, 0);
  EXPECT_LE(last_failed, 1);  // the progress lines leave them out too
  // 2 docs pages; 4 asset pages; 4 Kaltura entries (the unpublished page's
  // too: it tells why it is gone) and 3 transcripts (not for the unpublished
  // page); 1 schedule page.
  EXPECT_EQ(run->progress.done, 14);
  EXPECT_EQ(run->progress.ok + run->progress.failed + run->progress.absent,
            run->progress.done);

  ASSERT_EQ(run->schedules.size(), 1u);
  EXPECT_OK(run->schedules[0].status);
  EXPECT_EQ(run->schedules[0].asset_ids,
            (std::vector<std::string>{"k1abcd1234", "k1r3dr3ct0"}));

  ASSERT_EQ(run->assets.size(), 4u);
  EXPECT_EQ(run->assets[3].asset_id,
            "k1r3dr3ct0");  // targets first, then the schedule's
  const AssetOutcome* sc = Find(*run, "k1abcd1234");
  ASSERT_NE(sc, nullptr);
  ASSERT_OK(sc->status);
  EXPECT_EQ(sc->stats.status, "ready");
  EXPECT_EQ(sc->stats.statements, 2u);
  EXPECT_EQ(sc->stats.sentences, 3u);
  EXPECT_EQ(sc->schedule_date, "2024-10-14");
  const AssetOutcome* redirected = Find(*run, "k1r3dr3ct0");
  ASSERT_OK(redirected->status);
  EXPECT_EQ(redirected->stats.status, "live");  // the schedule card's badge
  EXPECT_EQ(redirected->notes, (std::vector<std::string>{"no transcript"}));
  EXPECT_EQ(Find(*run, "k1de1eted0")->stats.status, "removed");
  EXPECT_EQ(Find(*run, "k1unpub001")->stats.status, "removed");

  // Each request once: no (method, target, body) twice at the replica.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int>
      seen;
  for (const auto& r : env_->replica().Requests()) {
    const int n = ++seen[std::make_tuple(r.method, r.host, r.target, r.body)];
    EXPECT_EQ(n, 1) << r.method << " " << r.host << r.target;
  }
  EXPECT_EQ(
      env_->replica().RequestsTo("cdnapisec.kaltura.com", "/api_v3/").size(),
      4u);
  EXPECT_EQ(env_->replica().RequestsTo("transcripts.un.org", "/en/").size(),
            3u);

  // Stored under their request keys.
  auto docs = db_->GetFetch(FetchKey("https://DOCS.un.org/S/PV.9748"));
  ASSERT_OK(docs);
  EXPECT_NE(docs->status, 0);
  const indexer::HttpRequest k = indexer::KalturaRequest("1_r3dr3ct0");
  auto kaltura = db_->GetFetch(crawler::RequestKey("POST", k.url, k.body));
  ASSERT_OK(kaltura);
  EXPECT_EQ(kaltura->status, 200);
  EXPECT_EQ(kaltura->method, "POST");
  auto body = db_->GetBody(kaltura->body_hash);
  ASSERT_OK(body);
  EXPECT_NE(body->find("1_c4n0n1c4"), std::string::npos);

  // The index answers.
  auto rec = db_->GetRecording("k1r3dr3ct0");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->entry_id, "1_c4n0n1c4");
  EXPECT_EQ(rec->duration_ms, 3502000);
  auto profile = indexer::BuiltinProfile("webtv-asset");
  ASSERT_OK(profile);
  auto moment = indexer::At(*db_, "k1abcd1234", 5380000, *profile);
  ASSERT_OK(moment);
  ASSERT_TRUE(moment->statement);
  EXPECT_EQ(moment->statement->speaker_name, "Mr. Reza Tehrani");
  EXPECT_EQ(moment->statement->affiliation, "IRN");
  EXPECT_EQ(moment->statement->start_ms, 5380000);
  EXPECT_EQ(moment->statement->end_ms, 5380512);
  ASSERT_TRUE(moment->sentence);
  EXPECT_EQ(moment->sentence->text, "I thank you, Madam President.");
  indexer::SearchQuery q;
  q.affiliation = "NGA";
  auto hits = indexer::Search(*db_, q);
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].segment->speaker_name, "Ms. Amina Okafor");
}

TEST_F(FetchIndexTest, ReindexingReplacesAndSkipFetchedSkipsPlainUrls) {
  IndexTargets targets;
  targets.urls = {"https://docs.un.org/S/PV.9748"};
  targets.asset_ids = {"k1abcd1234"};
  settings_.crawl.use_head = true;  // for the plain URL only
  auto first = FetchAndIndex(*db_, *fetcher_, clock_, targets, settings_, {}, nullptr);
  ASSERT_OK(first);
  ASSERT_EQ(first->assets.size(), 1u);
  EXPECT_EQ(first->assets[0].stats.sentences, 3u);
  auto docs = env_->replica().RequestsTo("docs.un.org", "/S/");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].method, "HEAD");
  settings_.skip_fetched = true;
  settings_.durable = true;
  env_->replica().ClearRequests();
  // The asset page cited as a plain URL too: skipped as a URL, fetched as
  // the recording's page (the run makes every request IngestAsset needs).
  targets.urls.push_back("https://webtv.un.org/en/asset/k1a/k1abcd1234");
  auto again = FetchAndIndex(*db_, *fetcher_, clock_, targets, settings_, {}, nullptr);
  ASSERT_OK(again);
  EXPECT_EQ(again->skipped, 2u);  // the docs page and the asset page as URLs
  EXPECT_EQ(again->late_requests, 0);
  EXPECT_EQ(env_->replica().RequestsTo("webtv.un.org", "/en/asset/").size(),
            1u);
  EXPECT_TRUE(env_->replica().RequestsTo("docs.un.org", "/S/").empty());
  ASSERT_EQ(again->assets.size(), 1u);
  EXPECT_EQ(again->assets[0].stats.sentences, 3u);
  auto segments = db_->SegmentsOf("k1abcd1234");
  ASSERT_OK(segments);
  EXPECT_EQ(segments->size(),
            5u);  // 2 statements + 3 sentences, not twice that
  auto frontier = db_->DueFrontier(INT64_MAX);
  ASSERT_OK(frontier);
  EXPECT_TRUE(frontier->empty());
}

TEST_F(FetchIndexTest, StopBeforeTheRequestsAreMadeWritesNothing) {
  std::atomic<bool> stop{true};
  IndexTargets targets;
  targets.asset_ids = {"k1abcd1234", "k1unpub001"};
  auto run = FetchAndIndex(*db_, *fetcher_, clock_, targets, settings_, {}, &stop);
  ASSERT_OK(run);
  ASSERT_EQ(run->assets.size(), 2u);
  for (const AssetOutcome& a : run->assets) {
    EXPECT_EQ(a.status.code(), Status::Code::kNetwork) << a.asset_id;
    EXPECT_NE(a.status.message().find("stopped"), std::string::npos)
        << a.status.message();
    EXPECT_TRUE(db_->GetRecording(a.asset_id).status().IsNotFound())
        << a.asset_id;
  }
}

TEST_F(FetchIndexTest, IndexingReportsProgressPerRecording) {
  IndexTargets targets;
  targets.asset_ids = {"k1abcd1234", "k1de1eted0"};
  targets.schedule_dates = {"2024-10-14"};  // adds k1r3dr3ct0
  std::vector<std::tuple<size_t, size_t, std::string, bool>> calls;
  auto run = FetchAndIndex(*db_, *fetcher_, clock_, targets, settings_, {}, nullptr, [&](const IndexProgress& p) {
        calls.emplace_back(p.done, p.total, p.asset_id, p.ok);
      });
  ASSERT_OK(run);
  ASSERT_EQ(run->assets.size(), 3u);
  using Call = std::tuple<size_t, size_t, std::string, bool>;
  EXPECT_EQ(calls, (std::vector<Call>{Call{1, 3, "k1abcd1234", true},
                                      Call{2, 3, "k1de1eted0", true},
                                      Call{3, 3, "k1r3dr3ct0", true}}));

  // Stopped before any request: each recording is still reported, failed.
  std::atomic<bool> stop{true};
  calls.clear();
  IndexTargets two;
  two.asset_ids = {"k1unpub001", "k1abcd1234"};
  ASSERT_OK(FetchAndIndex(*db_, *fetcher_, clock_, two, settings_, {}, &stop, [&](const IndexProgress& p) {
        calls.emplace_back(p.done, p.total, p.asset_id, p.ok);
      }));
  EXPECT_EQ(calls, (std::vector<Call>{Call{1, 2, "k1unpub001", false},
                                      Call{2, 2, "k1abcd1234", false}}));
}

TEST_F(FetchIndexTest, MalformedTargetsAreInvalidArguments) {
  IndexTargets bad_id;
  bad_id.asset_ids = {"k1ABCD1234"};
  EXPECT_EQ(FetchAndIndex(*db_, *fetcher_, clock_, bad_id, settings_, {}, nullptr).status().code(),
            Status::Code::kInvalidArgument);
  IndexTargets bad_day;
  bad_day.schedule_dates = {"2024-02-30"};
  EXPECT_EQ(
      FetchAndIndex(*db_, *fetcher_, clock_, bad_day, settings_, {}, nullptr).status().code(),
      Status::Code::kInvalidArgument);
  IndexTargets bad_url;
  bad_url.urls = {"ftp://example.org/x"};
  auto run = FetchAndIndex(*db_, *fetcher_, clock_, bad_url, settings_, {}, nullptr);
  ASSERT_OK(run);
  ASSERT_EQ(run->bad_urls.size(), 1u);
  EXPECT_EQ(run->bad_urls[0].first, "ftp://example.org/x");
  FetchSettings no_agent = settings_;
  no_agent.crawl.user_agent.clear();
  EXPECT_EQ(FetchAndIndex(*db_, *fetcher_, clock_, IndexTargets{}, no_agent, {}, nullptr)
                .status()
                .code(),
            Status::Code::kInvalidArgument);
}

TEST(FetchSettingsTest, FromConfig) {
  auto config = ParseConfig(
      "[crawler]\nuser_agent = \"ua/1\"\nconcurrency = 3\nmax_retries = "
      "5\ntimeout_s = 7\n"
      "body_cap_mib = 2\ndefault_max_concurrent = 1\ndefault_min_interval_ms = "
      "900\n"
      "[crawler.hosts.\"webtv.un.org\"]\nmax_concurrent = 4\nmin_interval_ms = "
      "100\n",
      "test.toml");
  ASSERT_OK(config);
  const FetchSettings s = FetchSettingsFromConfig(*config);
  EXPECT_EQ(s.crawl.user_agent, "ua/1");
  EXPECT_EQ(s.crawl.max_concurrent, 3);
  EXPECT_EQ(s.crawl.retry.max_retries, 5);
  EXPECT_EQ(s.crawl.attempt_timeout_ms, 7000);
  EXPECT_EQ(s.crawl.max_body_bytes, 2 * 1024 * 1024);
  EXPECT_EQ(s.crawl.default_host_policy.max_concurrent, 1);
  EXPECT_EQ(s.crawl.default_host_policy.min_interval_ms, 900);
  ASSERT_EQ(s.crawl.host_policies.count("webtv.un.org"), 1u);
  EXPECT_EQ(s.crawl.host_policies.at("webtv.un.org").max_concurrent, 4);
  EXPECT_EQ(s.crawl.host_policies.at("webtv.un.org").min_interval_ms, 100);
  EXPECT_EQ(FetchKey("HTTPS://WebTV.un.org/en/asset/k1a/k1abcd1234"),
            "https://webtv.un.org/en/asset/k1a/k1abcd1234");
}

}  // namespace
}  // namespace timecite::pipeline
