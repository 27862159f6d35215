// The check and recheck runs (pipeline/check_run.h, recheck_run.h) on a fake
// fetcher and a FakeClock: no socket, no sleeping. What the fake answers is
// what the verdicts must say; "days later" is the clock set forward.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "common/test_util.h"
#include "crawler/clock.h"
#include "fake_fetcher.h"
#include "linker/checks/wayback.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "pipeline/check_run.h"
#include "pipeline/recheck_run.h"

namespace timecite::pipeline {
namespace {

using crawler::FakeClock;
using crawler::testing::Answer;
using crawler::testing::FakeFetcher;
namespace fs = std::filesystem;

constexpr int64_t kDay = 86'400'000;
constexpr char kAlive[] = "https://docs.example.org/report.html";
constexpr char kDead[] = "https://news.example.org/gone.html";

class CheckOnFakeFetcher : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("timecite-check-fake-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    report_ = (dir_ / "report.md").string();
    std::ofstream(report_) << "A page.[^1] A gone page.[^2]\n\n"
                              "[^1]: Report, 8 March 2021, "
                           << kAlive << "\n[^2]: News, 8 March 2021, " << kDead
                           << "\n";
    // The store's in-memory twin: with the fake fetcher and clock, a check
    // without sockets, disk or waiting.
    store::StoreOptions in_memory;
    in_memory.memory = store::MemoryFileSystem::Create();
    auto db = store::Store::Open(dir_ / "db", store::OpenMode::kReadWrite,
                                 in_memory);
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  OnlineOptions Options() {
    OnlineOptions o;
    o.fetch.crawl.user_agent = "timecite-test";
    o.fetch.crawl.retry.max_retries = 0;
    o.fetch.crawl.jitter_seed = 1;
    o.verify.now_ms = clock_.NowMs();
    return o;
  }

  std::vector<DocumentCitations> Docs() {
    auto doc = linker::LoadDocument(report_);
    EXPECT_OK(doc);
    if (!doc.ok()) return {};
    return {{report_, linker::ExtractCitations(*doc)}};
  }

  std::map<std::string, linker::Verdict> VerdictsByUrl(
      const std::vector<linker::DocumentReport>& reports) {
    std::map<std::string, linker::Verdict> out;
    for (const auto& r : reports)
      for (const auto& c : r.citations) out[c.citation.url_written] = c.verdict;
    return out;
  }

  fs::path dir_;
  std::string report_;
  std::unique_ptr<store::Store> db_;
  FakeClock clock_{1'700'000'000'000};
};

TEST_F(CheckOnFakeFetcher, DeadLinkIsBrokenWithTheArchiveCopySuggested) {
  FakeFetcher fetcher(clock_);
  fetcher.Script(kDead, {Answer(404)});
  auto lookup = linker::WaybackRequestUrl(kDead, "20210308");
  ASSERT_OK(lookup);
  crawler::FetchRecord available = Answer(200);
  available.content_type = "application/json";
  available.body =
      R"({"archived_snapshots":{"closest":{"available":true,"status":"200",)"
      R"("url":"http://web.archive.org/web/20210301000000/https://news.example.org/gone.html",)"
      R"("timestamp":"20210301000000"}}})";
  fetcher.Script(*lookup, {available});

  OnlineStats stats;
  auto reports =
      CheckOnline(*db_, fetcher, clock_, Docs(), Options(), &stats);
  ASSERT_OK(reports);
  auto verdicts = VerdictsByUrl(*reports);
  EXPECT_EQ(verdicts[kAlive], linker::Verdict::kOk);
  EXPECT_EQ(verdicts[kDead], linker::Verdict::kBroken);
  std::string suggestion;
  for (const auto& c : (*reports)[0].citations) {
    for (const auto& f : c.findings) {
      if (f.rule == "link-broken") suggestion = f.suggestion;
    }
  }
  EXPECT_NE(suggestion.find("web.archive.org/web/20210301000000/"),
            std::string::npos)
      << suggestion;
  EXPECT_EQ(stats.archive_lookups, 1);
  // robots.txt of both hosts, the two pages, one availability lookup (and
  // robots.txt of archive.org): each request once, all in fake time.
  EXPECT_EQ(fetcher.StartsOf(kAlive).size(), 1u);
  EXPECT_EQ(fetcher.StartsOf(kDead).size(), 1u);
  EXPECT_EQ(fetcher.StartsOf(*lookup).size(), 1u);
}

TEST_F(CheckOnFakeFetcher, RecheckCallsALinkBrokenOnlyAfterThreeFailuresOverDays) {
  {  // Day 0, check: the page answers.
    FakeFetcher fetcher(clock_);
    auto reports = CheckOnline(*db_, fetcher, clock_, Docs(), Options(), nullptr);
    ASSERT_OK(reports);
    EXPECT_EQ(VerdictsByUrl(*reports)[kDead], linker::Verdict::kOk);
    ASSERT_OK(StoreCheckedCitations(*db_, *reports, clock_.NowMs()));
  }
  // Days 1, 2 and 5: it is gone. Broken only at the third failure, when the
  // failures span at least 3 days (docs/recheck.md).
  const std::vector<std::pair<int, linker::Verdict>> expected = {
      {1, linker::Verdict::kUnverified},
      {2, linker::Verdict::kUnverified},
      {5, linker::Verdict::kBroken}};
  const int64_t day0 = clock_.NowMs();
  for (const auto& [day, verdict] : expected) {
    clock_.Set(day0 + day * kDay);
    FakeFetcher fetcher(clock_);
    fetcher.Script(kDead, {Answer(404)});
    RecheckOptions options;
    options.online = Options();
    options.online.archive_lookup = false;
    auto result = Recheck(*db_, fetcher, clock_, options);
    ASSERT_OK(result);
    EXPECT_EQ(VerdictsByUrl(result->reports)[kDead], verdict) << "day " << day;
    EXPECT_EQ(VerdictsByUrl(result->reports)[kAlive], linker::Verdict::kOk);
  }
}

}  // namespace
}  // namespace timecite::pipeline
