#include "linker/checks/history.h"

#include <algorithm>
#include <array>
#include <utility>

namespace timecite::linker {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

}  // namespace

void FailureStreak::AddFailure(int64_t at_ms, int64_t same_check_ms) {
  if (failed_checks == 0 || at_ms - counted_ms >= same_check_ms) {
    if (failed_checks++ == 0) first_failure_ms = at_ms;
    counted_ms = at_ms;
  }
  last_failure_ms = at_ms;
}

bool HistoryPolicy::Confirms(const FailureStreak& streak) const {
  return streak.failed_checks >= std::max(failures, 1) &&
         streak.last_failure_ms - streak.first_failure_ms >=
             static_cast<int64_t>(std::max(min_days, 0)) * kDayMs;
}

std::string_view CheckClassName(CheckClass c) {
  switch (c) {
    case CheckClass::kOk:
      return "ok";
    case CheckClass::kNotFound:
      return "not-found";
    case CheckClass::kGone:
      return "gone";
    case CheckClass::kDns:
      return "dns";
    case CheckClass::kUnreachable:
      return "unreachable";
    case CheckClass::kServerError:
      return "server-error";
    case CheckClass::kClientError:
      return "client-error";
    case CheckClass::kRateLimited:
      return "rate-limited";
    case CheckClass::kTls:
      return "tls";
    case CheckClass::kBotChallenge:
      return "bot-challenge";
    case CheckClass::kRedirectLoop:
      return "redirect-loop";
    case CheckClass::kRobotsDisallowed:
      return "robots-disallowed";
    case CheckClass::kTooLarge:
      return "too-large";
    case CheckClass::kOther:
      return "other";
  }
  return "other";
}

CheckClass ClassifyCheck(const store::FetchRecord& r) {
  switch (r.error) {
    case ErrorClass::kOk:
      // A record written with kOk and an error status is judged by its
      // status (the crawler gives 4xx/5xx kHttpStatus).
      if (r.status == 0 || r.status < 400) return CheckClass::kOk;
      break;
    case ErrorClass::kDns:
      return CheckClass::kDns;
    case ErrorClass::kConnect:
    case ErrorClass::kTimeout:
      return CheckClass::kUnreachable;
    case ErrorClass::kTls:
      return CheckClass::kTls;
    case ErrorClass::kBotChallenge:
      return CheckClass::kBotChallenge;
    case ErrorClass::kRedirectLoop:
      return CheckClass::kRedirectLoop;
    case ErrorClass::kRobotsDisallowed:
      return CheckClass::kRobotsDisallowed;
    case ErrorClass::kTooLarge:
      return CheckClass::kTooLarge;
    case ErrorClass::kHttpStatus:
    case ErrorClass::kBadUrl:
    case ErrorClass::kPrivateAddress:
    case ErrorClass::kOther:
      break;
  }
  // kHttpStatus (or another class) with the status of the answer.
  if (r.status == 404) return CheckClass::kNotFound;
  if (r.status == 410) return CheckClass::kGone;
  if (r.status == 429) return CheckClass::kRateLimited;
  if (r.status >= 500 && r.status <= 599) return CheckClass::kServerError;
  if (r.status >= 400 && r.status <= 499) return CheckClass::kClientError;
  return CheckClass::kOther;
}

bool IsCertainFailure(CheckClass c) {
  return c == CheckClass::kNotFound || c == CheckClass::kGone ||
         c == CheckClass::kDns || c == CheckClass::kRedirectLoop;
}

bool IsSuccess(CheckClass c) {
  return c == CheckClass::kOk || c == CheckClass::kTooLarge;
}

bool IsSkipped(CheckClass c) {
  return c == CheckClass::kRobotsDisallowed || c == CheckClass::kBotChallenge;
}

bool CountsAsFailure(CheckClass c) { return !IsSuccess(c) && !IsSkipped(c); }

std::string PermanentTarget(const store::FetchRecord& r) {
  if (r.redirects.empty() || ClassifyCheck(r) != CheckClass::kOk) return {};
  for (const store::RedirectHop& hop : r.redirects) {
    if (hop.status != 301 && hop.status != 308) return {};
  }
  return r.final_url;
}

std::string_view LinkVerdictName(LinkVerdict v) {
  switch (v) {
    case LinkVerdict::kUnknown:
      return "unknown";
    case LinkVerdict::kOk:
      return "ok";
    case LinkVerdict::kUnverified:
      return "unverified";
    case LinkVerdict::kBroken:
      return "broken";
  }
  return "unknown";
}

LinkState JudgeHistory(const std::vector<store::FetchRecord>& history,
                       const HistoryPolicy& policy, int64_t as_of_ms) {
  std::vector<const store::FetchRecord*> checks;
  checks.reserve(history.size());
  for (const store::FetchRecord& r : history) {
    if (r.fetched_at_ms <= as_of_ms) checks.push_back(&r);
  }
  std::stable_sort(checks.begin(), checks.end(),
                   [](const auto* a, const auto* b) {
                     return a->fetched_at_ms < b->fetched_at_ms;
                   });

  LinkState s;
  CheckClass judged = CheckClass::kBotChallenge;  // latest not skipped
  for (const store::FetchRecord* r : checks) {
    const CheckClass c = ClassifyCheck(*r);
    ++s.checks;
    s.last_class = c;
    s.last_status = r->status;
    s.last_check_ms = r->fetched_at_ms;
    if (IsSkipped(c)) continue;
    judged = c;
    if (IsSuccess(c)) {
      static_cast<FailureStreak&>(s) = FailureStreak();
      s.last_ok_ms = r->fetched_at_ms;
      s.moved_to = PermanentTarget(*r);
      continue;
    }
    s.AddFailure(r->fetched_at_ms, policy.same_check_ms);
  }
  if (s.checks == 0) return s;

  if (IsSuccess(judged)) {
    s.verdict = LinkVerdict::kOk;
  } else if (IsCertainFailure(judged) && policy.Confirms(s)) {
    s.verdict = LinkVerdict::kBroken;
  } else {
    s.verdict = LinkVerdict::kUnverified;
  }
  return s;
}

std::string_view LinkChangeName(LinkChange c) {
  switch (c) {
    case LinkChange::kNone:
      return "none";
    case LinkChange::kNew:
      return "new";
    case LinkChange::kNewlyFailing:
      return "newly-failing";
    case LinkChange::kStillFailing:
      return "still-failing";
    case LinkChange::kNewlyBroken:
      return "newly-broken";
    case LinkChange::kStillBroken:
      return "still-broken";
    case LinkChange::kRecovered:
      return "recovered";
    case LinkChange::kMoved:
      return "moved";
  }
  return "none";
}

LinkChange DetectChange(const LinkState& before, const LinkState& now) {
  using V = LinkVerdict;
  if (now.verdict == V::kUnknown) return LinkChange::kNone;
  if (now.verdict == V::kBroken) {
    return before.verdict == V::kBroken ? LinkChange::kStillBroken
                                        : LinkChange::kNewlyBroken;
  }
  if (before.verdict == V::kUnknown) return LinkChange::kNew;
  if (now.verdict == V::kUnverified) {
    return before.verdict == V::kOk ? LinkChange::kNewlyFailing
                                    : LinkChange::kStillFailing;
  }
  // now ok
  if (before.verdict != V::kOk) return LinkChange::kRecovered;
  if (!now.moved_to.empty() && now.moved_to != before.moved_to)
    return LinkChange::kMoved;
  return LinkChange::kNone;
}

}  // namespace timecite::linker
