// Scheduled rechecks across days (pipeline/check_run.h Recheck) over a world whose
// links change between runs: a page that disappears and comes back, one that
// disappears for good, one that moves. Each run is a replica of that day's
// world and an OffsetClock days later; the history thresholds are the
// defaults (3 failed checks at least 3 days apart).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "pipeline/check_run.h"
#include "pipeline/recheck_run.h"
#include "common/test_util.h"
#include "crawler/clock.h"
#include "indexer/fields.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "replica_env.h"

namespace timecite::pipeline {
namespace {

using crawler::testing::ReplicaEnv;
namespace fs = std::filesystem;

constexpr int64_t kDay = 86'400'000;

replica::Page Html(const std::string& url, int status = 200) {
  replica::Page p;
  p.url = url;
  p.status = status;
  p.content_type = "text/html; charset=UTF-8";
  p.body = "<html><head><title>A page</title></head><body>text</body></html>";
  return p;
}

// The world of day `day`: "back" is gone on day 1 only; "gone" from day 1 on;
// "moved" redirects permanently to "new" from day 1 on.
replica::World WorldOf(int day) {
  replica::World w;
  w.pages.push_back(Html("https://news.replica.test/new"));
  w.pages.push_back(
      Html("https://news.replica.test/back", day == 1 ? 404 : 200));
  w.pages.push_back(
      Html("https://news.replica.test/gone", day == 0 ? 200 : 404));
  if (day == 0) {
    w.pages.push_back(Html("https://news.replica.test/moved"));
  } else {
    replica::Fault f;
    f.url = "https://news.replica.test/moved";
    f.redirect = "https://news.replica.test/new";
    f.redirect_status = 301;
    w.faults.push_back(f);
  }
  return w;
}

// A site whose page "soft" is fine on day 0 and from day 1 on redirects
// permanently to the home page (a soft 404); "always" does so from day 0.
// The site sends every page it does not have home (what the soft-404 rule's
// host probe meets), so those redirects are soft 404s, not deliberate moves.
replica::World SoftWorldOf(int day) {
  replica::World w;
  w.pages.push_back(Html("https://news.replica.test/"));
  w.robots["news.replica.test"] = "User-agent: *\nAllow: /\n";
  replica::NotFoundAnswer home;
  home.prefix = "https://news.replica.test/";
  home.status = 301;
  home.redirect = "https://news.replica.test/";
  w.not_found.push_back(home);
  if (day == 0) w.pages.push_back(Html("https://news.replica.test/soft"));
  for (const char* path : {"/always", "/soft"}) {
    if (day == 0 && std::string(path) == "/soft") continue;
    replica::Fault f;
    f.url = std::string("https://news.replica.test") + path;
    f.redirect = "https://news.replica.test/";
    f.redirect_status = 301;
    w.faults.push_back(f);
  }
  return w;
}

class RecheckAcrossDays : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("timecite-recheck-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    report_ = (dir_ / "report.md").string();
    std::ofstream(report_) << "Back.[^1] Gone.[^2] Moved.[^3]\n\n"
                              "[^1]: https://news.replica.test/back\n"
                              "[^2]: https://news.replica.test/gone\n"
                              "[^3]: https://news.replica.test/moved\n";
    auto db = store::Store::Open(dir_ / "db", store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  OnlineOptions Online(ReplicaEnv& /*env*/, crawler::Clock& clock) {
    OnlineOptions o;
    o.fetch.crawl.user_agent = "timecite-test";
    o.fetch.crawl.default_host_policy.min_interval_ms = 0;
    o.fetch.crawl.retry.max_retries = 0;
    o.verify.now_ms = clock.NowMs();
    o.archive_lookup = false;
    return o;
  }

  // Day 0, `check`: checks report_ online, stores what it found and gives
  // the citations as checked in `*checked`.
  void CheckOnDay0(std::vector<linker::CheckedCitation>* checked) {
    auto env = ReplicaEnv::Start(world_(0));
    ASSERT_NE(env, nullptr);
    crawler::OffsetClock clock(0);
    auto doc = linker::LoadDocument(report_);
    ASSERT_OK(doc);
    auto fetcher = env->Fetcher(clock);
    ASSERT_NE(fetcher, nullptr);
    auto reports =
        CheckOnline(*db_, *fetcher, clock,
                    {{report_, linker::ExtractCitations(*doc)}},
                    Online(*env, clock), nullptr);
    ASSERT_OK(reports);
    *checked = (*reports)[0].citations;
    ASSERT_OK(StoreCheckedCitations(*db_, *reports, clock.NowMs()));
    last_ms_ = clock.NowMs();
  }

  // Day 0: the first check stores the citations.
  void FirstCheck() {
    std::vector<linker::CheckedCitation> checked;
    ASSERT_NO_FATAL_FAILURE(CheckOnDay0(&checked));
    for (const auto& c : checked) {
      EXPECT_EQ(c.verdict, linker::Verdict::kOk)
          << c.citation.url_written << " " << c.reason;
    }
  }

  // A recheck on `day`; returns "url: before -> after" for what changed.
  std::vector<std::string> RecheckOn(
      int day, std::vector<linker::CheckedCitation>* all) {
    auto env = ReplicaEnv::Start(world_(day));
    EXPECT_NE(env, nullptr);
    crawler::OffsetClock clock(static_cast<int64_t>(day) * kDay);
    RecheckOptions options;
    options.online = Online(*env, clock);
    options.since_ms = last_ms_;
    auto fetcher = env->Fetcher(clock);
    EXPECT_NE(fetcher, nullptr);
    if (fetcher == nullptr) return {};
    auto result = Recheck(*db_, *fetcher, clock, options);
    EXPECT_OK(result);
    last_ms_ = clock.NowMs();
    std::vector<std::string> changes;
    if (!result.ok()) return changes;
    for (const auto& c : result->changes) {
      changes.push_back(c.url.substr(c.url.rfind('/') + 1) + ": " + c.before +
                        " -> " + c.after);
    }
    if (all != nullptr) *all = result->reports[0].citations;
    return changes;
  }

  std::function<replica::World(int)> world_ = WorldOf;
  fs::path dir_;
  std::string report_;
  std::unique_ptr<store::Store> db_;
  int64_t last_ms_ = 0;
};

// A finding that waits for its history (soft-404) is held back exactly as
// the link history's policy counts (linker::FailureStreak): a retry within
// the hour is one check, and broken needs 3 checks over at least 3 days.
TEST(FindingHistory, HeldBackUntilThePolicyOfTheLinkHistoryConfirms) {
  const linker::HistoryPolicy policy;
  const int64_t t0 = 1'767'225'600'000;  // 2026-01-01
  store::CitationRecord earlier;
  bool have_earlier = false;
  auto check_at = [&](int64_t now) {
    linker::CheckedCitation c;
    c.findings.push_back({"soft-404", linker::Severity::kError, "soft 404", ""});
    c.verdict = linker::Verdict::kBroken;
    const store::CitationRecord* before = have_earlier ? &earlier : nullptr;
    const nlohmann::json next = ContinueFindingHistory(before, c, now);
    HoldBackUnconfirmed(before, now, policy, c);
    earlier.extra["finding_history"] = next;
    have_earlier = true;
    return c;
  };
  auto c = check_at(t0);
  EXPECT_EQ(c.verdict, linker::Verdict::kWarning);
  EXPECT_NE(c.reason.find("1 check found it since 2026-01-01"), std::string::npos) << c.reason;
  c = check_at(t0 + 30 * 60'000);  // a retry: still one check
  EXPECT_NE(c.reason.find("1 check found it"), std::string::npos) << c.reason;
  c = check_at(t0 + 2 * kDay);
  EXPECT_NE(c.reason.find("2 checks found it"), std::string::npos) << c.reason;
  c = check_at(t0 + 2 * kDay + 2 * 3'600'000);  // 3 checks, 2 days apart
  EXPECT_EQ(c.verdict, linker::Verdict::kWarning);
  EXPECT_NE(c.reason.find("3 checks found it"), std::string::npos) << c.reason;
  c = check_at(t0 + 3 * kDay);
  EXPECT_EQ(c.verdict, linker::Verdict::kBroken);
  EXPECT_EQ(c.findings[0].severity, linker::Severity::kError);
  EXPECT_TRUE(c.reason.empty()) << c.reason;
  EXPECT_EQ(earlier.extra["finding_history"]["soft-404"]["failed_checks"], 4);
}

TEST_F(RecheckAcrossDays, DisappearsComesBackMovesAndDiesAfterThreeChecks) {
  FirstCheck();
  std::vector<linker::CheckedCitation> now;
  // Day 1: two pages answer 404 (one failed check each: unverified, not yet
  // broken), one moved permanently.
  EXPECT_EQ(RecheckOn(1, &now),
            (std::vector<std::string>{"back: ok -> unverified",
                                      "gone: ok -> unverified",
                                      "moved: ok -> warning"}));
  ASSERT_EQ(now.size(), 3u);
  EXPECT_NE(now[0].reason.find("HTTP 404: 1 failed check since"),
            std::string::npos)
      << now[0].reason;
  EXPECT_EQ(now[1].findings.size(), 0u);
  ASSERT_EQ(now[2].findings.size(), 1u);
  EXPECT_EQ(now[2].findings[0].rule, "link-redirected");
  EXPECT_EQ(now[2].findings[0].suggestion, "https://news.replica.test/new");
  // Day 2: "back" is back; "gone" still 404 (2 checks over 1 day): only the
  // change is reported, the store has every verdict.
  EXPECT_EQ(RecheckOn(2, &now),
            (std::vector<std::string>{"back: unverified -> ok"}));
  ASSERT_EQ(now.size(), 1u);
  auto stored =
      db_->CitationsOf(fs::absolute(report_).lexically_normal().string());
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[1].verdict, "unverified");
  EXPECT_NE((*stored)[1]
                .extra.value("reason", "")
                .find("HTTP 404: 2 failed checks since"),
            std::string::npos)
      << (*stored)[1].extra.dump();
  // Day 4: the third failed check, 3 days after the first: broken.
  EXPECT_EQ(RecheckOn(4, &now),
            (std::vector<std::string>{"gone: unverified -> broken"}));
  ASSERT_EQ(now.size(), 1u);
  ASSERT_EQ(now[0].findings.size(), 1u);
  EXPECT_EQ(now[0].findings[0].rule, "link-broken");
  EXPECT_NE(now[0].findings[0].message.find(
                "the link is dead: HTTP 404 (3 failed checks since"),
            std::string::npos)
      << now[0].findings[0].message;
  EXPECT_EQ(now[0].verdict, linker::Verdict::kBroken);
  // Day 5: nothing changed.
  EXPECT_TRUE(RecheckOn(5, nullptr).empty());
}

TEST_F(RecheckAcrossDays, Soft404WaitsForTheHistoryInRecheckNotInCheck) {
  world_ = SoftWorldOf;
  report_ = (dir_ / "soft.md").string();
  std::ofstream(report_) << "Soft.[^1] Always.[^2]\n\n"
                            "[^1]: https://news.replica.test/soft\n"
                            "[^2]: https://news.replica.test/always\n";
  // Day 0, `check`: the soft 404 is broken at once (check is unchanged).
  {
    std::vector<linker::CheckedCitation> c;
    ASSERT_NO_FATAL_FAILURE(CheckOnDay0(&c));
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].verdict, linker::Verdict::kOk) << c[0].reason;
    EXPECT_EQ(c[1].verdict, linker::Verdict::kBroken);
    ASSERT_EQ(c[1].findings.size(), 1u);
    EXPECT_EQ(c[1].findings[0].rule, "soft-404");
    EXPECT_EQ(c[1].findings[0].severity, linker::Severity::kError);
  }
  const std::string day0 = indexer::UtcDate(crawler::OffsetClock(0).NowMs());
  const std::string day1 = indexer::UtcDate(crawler::OffsetClock(kDay).NowMs());
  // Day 1, recheck: both are warnings, the finding kept, not yet confirmed.
  std::vector<linker::CheckedCitation> now;
  EXPECT_EQ(RecheckOn(1, &now),
            (std::vector<std::string>{"soft: ok -> warning",
                                      "always: broken -> warning"}));
  ASSERT_EQ(now.size(), 2u);
  for (const auto& c : now) {
    ASSERT_EQ(c.findings.size(), 1u) << c.citation.url_written;
    EXPECT_EQ(c.findings[0].rule, "soft-404");
    EXPECT_EQ(c.findings[0].severity, linker::Severity::kWarning);
    EXPECT_NE(c.findings[0].message.find("redirected to the site's home page"),
              std::string::npos);
  }
  EXPECT_EQ(now[0].reason,
            "soft-404 not yet confirmed: 1 check found it since " + day1 +
                "; broken after 3 over at least 3 days");
  EXPECT_EQ(now[1].reason,
            "soft-404 not yet confirmed: 2 checks found it since " + day0 +
                "; broken after 3 over at least 3 days");
  // Day 3: "always" has 3 checks over 3 days: broken; "soft" 2 over 2 days.
  EXPECT_EQ(RecheckOn(3, &now),
            (std::vector<std::string>{"always: warning -> broken"}));
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].findings[0].severity, linker::Severity::kError);
  EXPECT_EQ(now[0].reason, "");
  // Day 4: "soft" has 3 checks over 3 days.
  EXPECT_EQ(RecheckOn(4, &now),
            (std::vector<std::string>{"soft: warning -> broken"}));
  // The stored count, for the next run.
  auto stored =
      db_->CitationsOf(fs::absolute(report_).lexically_normal().string());
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].extra["finding_history"]["soft-404"]["failed_checks"],
            3);
  EXPECT_EQ((*stored)[1].extra["finding_history"]["soft-404"]["failed_checks"],
            4);
}

}  // namespace
}  // namespace timecite::pipeline
