#include "linker/checks/history.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

store::FetchRecord Check(int64_t at, int status, ErrorClass error = ErrorClass::kOk) {
  store::FetchRecord r;
  r.url = "https://www.un.org/page";
  r.final_url = r.url;
  r.status = status;
  r.error = error;
  r.fetched_at_ms = at;
  return r;
}

store::FetchRecord Moved(int64_t at, std::vector<int> hops, std::string to) {
  store::FetchRecord r = Check(at, 200);
  for (int h : hops) r.redirects.push_back({h, to});
  r.final_url = std::move(to);
  return r;
}

TEST(History, ClassifiesEachCheck) {
  const std::pair<store::FetchRecord, CheckClass> cases[] = {
      {Check(0, 200), CheckClass::kOk},
      {Check(0, 304), CheckClass::kOk},
      {Check(0, 404, ErrorClass::kHttpStatus), CheckClass::kNotFound},
      {Check(0, 410, ErrorClass::kHttpStatus), CheckClass::kGone},
      {Check(0, 429, ErrorClass::kHttpStatus), CheckClass::kRateLimited},
      {Check(0, 503, ErrorClass::kHttpStatus), CheckClass::kServerError},
      {Check(0, 403, ErrorClass::kHttpStatus), CheckClass::kClientError},
      {Check(0, 0, ErrorClass::kDns), CheckClass::kDns},
      {Check(0, 0, ErrorClass::kConnect), CheckClass::kUnreachable},
      {Check(0, 0, ErrorClass::kTimeout), CheckClass::kUnreachable},
      {Check(0, 0, ErrorClass::kTls), CheckClass::kTls},
      {Check(0, 202, ErrorClass::kBotChallenge), CheckClass::kBotChallenge},
      {Check(0, 301, ErrorClass::kRedirectLoop), CheckClass::kRedirectLoop},
      {Check(0, 0, ErrorClass::kRobotsDisallowed), CheckClass::kRobotsDisallowed},
      {Check(0, 200, ErrorClass::kTooLarge), CheckClass::kTooLarge},
      {Check(0, 404, ErrorClass::kOk),
       CheckClass::kNotFound},  // status wins over a missing class
      {Check(0, 0, ErrorClass::kBadUrl), CheckClass::kOther},
  };
  for (const auto& [record, want] : cases) {
    EXPECT_EQ(ClassifyCheck(record), want)
        << record.status << " " << ErrorClassName(record.error) << " -> "
        << CheckClassName(ClassifyCheck(record));
  }
  EXPECT_EQ(CheckClassName(CheckClass::kRateLimited), "rate-limited");
}

TEST(History, NoHistoryIsUnknown) {
  const LinkState s = JudgeHistory({}, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnknown);
  EXPECT_EQ(s.checks, 0);
}

TEST(History, ThreeFailuresSpanningThreeDaysAreBroken) {
  const std::vector<store::FetchRecord> h = {
      Check(kT0, 200),
      Check(kT0 + 1 * kDay, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 2 * kDay, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 4 * kDay, 410, ErrorClass::kHttpStatus),
  };
  // After the second failure: unverified, 2 so far.
  LinkState s = JudgeHistory(h, {}, kT0 + 3 * kDay);
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 2);
  EXPECT_EQ(s.first_failure_ms, kT0 + kDay);
  EXPECT_EQ(s.last_failure_ms, kT0 + 2 * kDay);
  EXPECT_EQ(s.last_class, CheckClass::kNotFound);
  EXPECT_EQ(s.checks, 3);
  // Third failure, three days after the first: broken.
  s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kBroken);
  EXPECT_EQ(s.failed_checks, 3);
  EXPECT_EQ(s.first_failure_ms, kT0 + kDay);
  EXPECT_EQ(s.last_failure_ms, kT0 + 4 * kDay);
  EXPECT_EQ(s.last_class, CheckClass::kGone);
  EXPECT_EQ(s.last_ok_ms, kT0);
}

TEST(History, ManyFailuresWithinTooFewDaysStayUnverified) {
  std::vector<store::FetchRecord> h;
  for (int i = 0; i < 10; ++i)
    h.push_back(Check(kT0 + i * 6 * 3600 * 1000LL, 0, ErrorClass::kDns));
  // 10 failures over 2.25 days: not yet 3 days apart.
  LinkState s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 10);
  EXPECT_EQ(s.last_class, CheckClass::kDns);
  // Exactly 3 days after the first: broken.
  h.push_back(Check(kT0 + 3 * kDay, 0, ErrorClass::kDns));
  EXPECT_EQ(JudgeHistory(h, {}).verdict, LinkVerdict::kBroken);
  // The thresholds come from [history] in timecite.toml.
  Config config;
  config.history_failures = 12;
  config.history_min_days = 1;
  EXPECT_EQ(JudgeHistory(h, HistoryPolicy::FromConfig(config)).verdict,
            LinkVerdict::kUnverified);
  config.history_failures = 11;
  EXPECT_EQ(JudgeHistory(h, HistoryPolicy::FromConfig(config)).verdict,
            LinkVerdict::kBroken);
}

TEST(History, ASuccessResetsTheCount) {
  const std::vector<store::FetchRecord> h = {
      Check(kT0, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 2 * kDay, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 3 * kDay, 200),
      Check(kT0 + 5 * kDay, 404, ErrorClass::kHttpStatus),
  };
  const LinkState s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 1);
  EXPECT_EQ(s.first_failure_ms, kT0 + 5 * kDay);
  EXPECT_EQ(s.last_ok_ms, kT0 + 3 * kDay);
}

TEST(History, AnyFailureCountsButOnlyACertainOneBreaks) {
  const std::vector<store::FetchRecord> h = {
      Check(kT0, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 1 * kDay, 429, ErrorClass::kHttpStatus),
      Check(kT0 + 2 * kDay, 0, ErrorClass::kTimeout),
      Check(kT0 + 3 * kDay, 503, ErrorClass::kHttpStatus),
      Check(kT0 + 4 * kDay, 404, ErrorClass::kHttpStatus),
  };
  // Four failed checks over three days, but the latest is a 503: the server
  // may be down, the page may not be gone.
  LinkState s = JudgeHistory(h, {}, kT0 + 3 * kDay);
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 4);
  EXPECT_EQ(s.last_class, CheckClass::kServerError);
  EXPECT_EQ(s.last_status, 503);
  // A 404 again: broken, five failed checks since the first.
  s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kBroken);
  EXPECT_EQ(s.failed_checks, 5);
  EXPECT_EQ(s.first_failure_ms, kT0);
  // Only rate limiting ever: unverified.
  s = JudgeHistory({Check(kT0, 429, ErrorClass::kHttpStatus)}, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 1);
  EXPECT_EQ(s.last_class, CheckClass::kRateLimited);
}

TEST(History, SkippedChecksNeitherCountNorReset) {
  const std::vector<store::FetchRecord> h = {
      Check(kT0, 410, ErrorClass::kHttpStatus),
      Check(kT0 + 1 * kDay, 202, ErrorClass::kBotChallenge),
      Check(kT0 + 2 * kDay, 0, ErrorClass::kRobotsDisallowed),
      Check(kT0 + 3 * kDay, 410, ErrorClass::kHttpStatus),
      Check(kT0 + 4 * kDay, 202, ErrorClass::kBotChallenge),
  };
  LinkState s = JudgeHistory(h, {.failures = 2, .min_days = 3});
  EXPECT_EQ(s.verdict, LinkVerdict::kBroken);  // the bot wall does not hide it
  EXPECT_EQ(s.failed_checks, 2);
  EXPECT_EQ(s.last_class, CheckClass::kBotChallenge);
  EXPECT_EQ(s.checks, 5);
  s = JudgeHistory({Check(kT0, 202, ErrorClass::kBotChallenge)}, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 0);
  // A body over the cap is an answer: it resets the count.
  s = JudgeHistory(
      {Check(kT0, 404, ErrorClass::kHttpStatus), Check(kT0 + kDay, 200, ErrorClass::kTooLarge)},
      {});
  EXPECT_EQ(s.verdict, LinkVerdict::kOk);
  EXPECT_EQ(s.failed_checks, 0);
}

TEST(History, RetriesWithinAnHourAreOneCheck) {
  const int64_t kMin = 60'000;
  const std::vector<store::FetchRecord> h = {
      Check(kT0, 0, ErrorClass::kDns),
      Check(kT0 + 1 * kMin, 0, ErrorClass::kDns),
      Check(kT0 + 50 * kMin, 0, ErrorClass::kDns),
      Check(kT0 + 3 * kDay, 0, ErrorClass::kDns),
      Check(kT0 + 3 * kDay + 2 * kMin, 0, ErrorClass::kDns),
  };
  LinkState s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kUnverified);
  EXPECT_EQ(s.failed_checks, 2);
  EXPECT_EQ(s.last_failure_ms, kT0 + 3 * kDay + 2 * kMin);
  s = JudgeHistory(h, {.failures = 3, .min_days = 3, .same_check_ms = kMin});
  EXPECT_EQ(s.verdict, LinkVerdict::kBroken);
  EXPECT_EQ(s.failed_checks, 5);  // a minute or more apart: each one counts
}

TEST(History, OutOfOrderRecordsAreJudgedInTimeOrder) {
  const std::vector<store::FetchRecord> h = {
      Check(kT0 + 4 * kDay, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 5 * kDay, 200),
      Check(kT0, 404, ErrorClass::kHttpStatus),
  };
  const LinkState s = JudgeHistory(h, {});
  EXPECT_EQ(s.verdict, LinkVerdict::kOk);
  EXPECT_EQ(s.last_check_ms, kT0 + 5 * kDay);
}

TEST(History, PermanentTargetOnlyWhenEveryHopIsPermanent) {
  EXPECT_EQ(PermanentTarget(Moved(0, {301}, "https://new.test/")),
            "https://new.test/");
  EXPECT_EQ(PermanentTarget(Moved(0, {301, 308}, "https://new.test/")),
            "https://new.test/");
  EXPECT_EQ(PermanentTarget(Moved(0, {301, 302}, "https://login.test/")), "");
  EXPECT_EQ(PermanentTarget(Check(0, 200)), "");
  store::FetchRecord failed = Moved(0, {301}, "https://new.test/");
  failed.status = 404;
  failed.error = ErrorClass::kHttpStatus;
  EXPECT_EQ(PermanentTarget(failed), "");
}

// A page disappears, comes back, then moves: each nightly run reports what
// changed since the one before.
TEST(History, DisappearsComesBackMoves) {
  std::vector<store::FetchRecord> h;
  std::vector<std::pair<int64_t, LinkChange>> runs;
  auto night = [](int d) { return kT0 + d * kDay + 2 * 3600 * 1000LL; };
  h.push_back(Check(night(0), 200));
  h.push_back(Check(night(1), 200));
  for (int d = 2; d <= 5; ++d) h.push_back(Check(night(d), 404, ErrorClass::kHttpStatus));
  h.push_back(Check(night(6), 200));
  h.push_back(Moved(night(7), {301}, "https://www.un.org/new-page"));
  h.push_back(Moved(night(8), {301}, "https://www.un.org/new-page"));
  h.push_back(Moved(night(9), {308}, "https://www.un.org/newer-page"));

  const std::vector<std::pair<LinkChange, LinkVerdict>> want = {
      {LinkChange::kNew, LinkVerdict::kOk},                   // night 0
      {LinkChange::kNone, LinkVerdict::kOk},                  // 1
      {LinkChange::kNewlyFailing, LinkVerdict::kUnverified},  // 2: 1 failure
      {LinkChange::kStillFailing,
       LinkVerdict::kUnverified},  // 3: 2 failures, 1 day
      {LinkChange::kStillFailing,
       LinkVerdict::kUnverified},  // 4: 3 failures, 2 days
      {LinkChange::kNewlyBroken,
       LinkVerdict::kBroken},                      // 5: 4 failures, 3 days
      {LinkChange::kRecovered, LinkVerdict::kOk},  // 6
      {LinkChange::kMoved, LinkVerdict::kOk},      // 7
      {LinkChange::kNone, LinkVerdict::kOk},       // 8: same target
      {LinkChange::kMoved, LinkVerdict::kOk},      // 9: moved again
  };
  LinkState last = JudgeHistory(h, {}, night(0) - 1);
  EXPECT_EQ(last.verdict, LinkVerdict::kUnknown);
  for (int d = 0; d <= 9; ++d) {
    const LinkState now = JudgeHistory(h, {}, night(d));
    EXPECT_EQ(DetectChange(last, now), want[d].first)
        << "night " << d << ": " << LinkChangeName(DetectChange(last, now));
    EXPECT_EQ(now.verdict, want[d].second) << "night " << d;
    last = now;
  }
  EXPECT_EQ(last.moved_to, "https://www.un.org/newer-page");
  const LinkState broken = JudgeHistory(h, {}, night(5));
  EXPECT_EQ(broken.failed_checks, 4);
  EXPECT_EQ(broken.first_failure_ms, night(2));
  EXPECT_EQ(broken.last_failure_ms, night(5));
  EXPECT_EQ(DetectChange(broken, JudgeHistory(h, {}, night(5) + kDay / 2)),
            LinkChange::kStillBroken);
}

TEST(History, NamesAreStable) {
  EXPECT_EQ(LinkVerdictName(LinkVerdict::kUnverified), "unverified");
  EXPECT_EQ(LinkChangeName(LinkChange::kNewlyBroken), "newly-broken");
  EXPECT_EQ(LinkChangeName(LinkChange::kMoved), "moved");
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

// The counting both histories share (a link's fetches here, a finding's
// checks in recheck): retries within the hour are one check, the last failure
// still moves, and the policy confirms on count and span together.
TEST(History, FailureStreakCountsRetriesOnceAndThePolicyConfirmsCountAndSpan) {
  const HistoryPolicy policy;  // 3 checks, 3 days, 1 hour
  FailureStreak s;
  s.AddFailure(kT0, policy.same_check_ms);
  s.AddFailure(kT0 + 59 * 60'000, policy.same_check_ms);  // a retry
  EXPECT_EQ(s.failed_checks, 1);
  EXPECT_EQ(s.first_failure_ms, kT0);
  EXPECT_EQ(s.counted_ms, kT0);
  EXPECT_EQ(s.last_failure_ms, kT0 + 59 * 60'000);
  s.AddFailure(kT0 + 2 * kDay, policy.same_check_ms);
  EXPECT_EQ(s.failed_checks, 2);
  EXPECT_FALSE(policy.Confirms(s));  // two checks
  s.AddFailure(kT0 + 2 * kDay + 2 * 3'600'000, policy.same_check_ms);
  EXPECT_EQ(s.failed_checks, 3);
  EXPECT_FALSE(policy.Confirms(s));  // three checks, but 2 days apart
  s.AddFailure(kT0 + 3 * kDay, policy.same_check_ms);
  EXPECT_EQ(s.failed_checks, 4);
  EXPECT_TRUE(policy.Confirms(s));

  // JudgeHistory counts the same fetches the same way.
  const std::vector<store::FetchRecord> log = {
      Check(kT0, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 59 * 60'000, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 2 * kDay, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 2 * kDay + 2 * 3'600'000, 404, ErrorClass::kHttpStatus),
      Check(kT0 + 3 * kDay, 404, ErrorClass::kHttpStatus)};
  const LinkState state = JudgeHistory(log, policy);
  EXPECT_EQ(state.failed_checks, s.failed_checks);
  EXPECT_EQ(state.first_failure_ms, s.first_failure_ms);
  EXPECT_EQ(state.last_failure_ms, s.last_failure_ms);
  EXPECT_EQ(state.verdict, LinkVerdict::kBroken);
}

}  // namespace
}  // namespace timecite::linker
