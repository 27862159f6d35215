// The history policy of scheduled rechecks (issue 6, docs/recheck.md): when a
// link is called broken, from its fetch history (store::Store::FetchHistory).
// It agrees with linker/checks/verify.h SummarizeHistory, which `recheck` applies.
//
// A link is `broken` only on repeated evidence: `failures` failed checks in a
// row (default 3), the first and the last of them at least `min_days` days
// apart (default 3), with no success in between — a success resets the count
// — and the latest check a certain failure: 404 (not-found), 410 (gone), a DNS
// failure or a redirect loop. Any failed answer counts (a timeout, 5xx, 429 or
// TLS failure between two 404s does not reset); a robots.txt refusal or a bot
// challenge neither counts nor resets (nothing was looked at). Records closer
// than `same_check_ms` to the previous failure are retries of one check and
// count once. Before the thresholds are met, or while the latest failure is
// not a certain one, a failing link is `unverified` with the count of failed
// checks so far and the first and last failure times.
//
// Times are unix ms (store::FetchRecord::fetched_at_ms). Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "store/records.h"

namespace timecite::linker {

// What one check (one FetchRecord) says.
enum class CheckClass {
  kOk,                // 2xx, or 304 to a conditional request
  kNotFound,          // 404
  kGone,              // 410: removed for good
  kDns,               // the host name did not resolve
  kUnreachable,       // no connection, reset, truncated, timeout
  kServerError,       // 5xx
  kClientError,       // another 4xx (401, 403, ...)
  kRateLimited,       // 429
  kTls,               // handshake or certificate verification failed
  kBotChallenge,      // a bot wall answered instead of the page
  kRedirectLoop,      // a redirect loop or too many hops
  kRobotsDisallowed,  // robots.txt forbids it; nothing was fetched
  kTooLarge,          // the body passed the cap: the server answered (success)
  kOther,             // bad URL, or an error class not known here
};

// "ok", "not-found", "gone", "dns", "unreachable", "server-error",
// "client-error", "rate-limited", "tls", "bot-challenge", "redirect-loop",
// "robots-disallowed", "other".
std::string_view CheckClassName(CheckClass c);

// Classifies a stored check from its error class (common/fetch_error.h) and
// HTTP status.
CheckClass ClassifyCheck(const store::FetchRecord& record);

// True for the classes that make a link `broken` once the history confirms
// them: not-found, gone, dns, redirect-loop.
bool IsCertainFailure(CheckClass c);
// True for the answers that reset the count: ok and too-large.
bool IsSuccess(CheckClass c);
// True for the checks that say nothing either way: robots-disallowed,
// bot-challenge.
bool IsSkipped(CheckClass c);
// True for the checks that count as failed: neither a success nor skipped
// (every other class). The one reading of "this fetch failed" for
// JudgeHistory and for check --online (linker/checks/verify.h).
bool CountsAsFailure(CheckClass c);

// The final URL when every redirect followed was permanent (301 or 308) and
// the check succeeded; "" otherwise (no redirect, a temporary hop, a failure).
std::string PermanentTarget(const store::FetchRecord& record);

// A run of failed checks of one link (JudgeHistory) or of one finding that
// waits for its history (recheck's soft-404, asset-not-found, asset-removed):
// the policy's counting, in one place. Times are unix ms.
struct FailureStreak {
  // Failed checks since the last success; failures within same_check_ms of
  // the last one counted are retries of one check and count once.
  int failed_checks = 0;
  int64_t first_failure_ms = 0;  // 0 when failed_checks == 0
  int64_t last_failure_ms = 0;   // the latest failure, a retry included
  int64_t counted_ms = 0;        // the latest failure counted as a check

  // Adds a failure at `at_ms` (not earlier than the last one added).
  void AddFailure(int64_t at_ms, int64_t same_check_ms);
};

struct HistoryPolicy {
  int failures = 3;  // failed checks in a row before `broken` (>= 1)
  int min_days = 3;  // days between the first and the last of them (>= 0)
  // Failures closer than this to the previous one are one check (the
  // retries of one run), ms.
  int64_t same_check_ms = 3'600'000;

  static HistoryPolicy FromConfig(const Config& config) {
    return {config.history_failures, config.history_min_days, 3'600'000};
  }
  // True when `streak` meets the thresholds: at least `failures` failed
  // checks, the first and the last at least `min_days` days apart. (Whether
  // the latest failure is a certain one is the caller's question.)
  bool Confirms(const FailureStreak& streak) const;
};

enum class LinkVerdict {
  kUnknown,     // never checked (no record at or before the time asked)
  kOk,          // the latest check (not skipped) succeeded
  kUnverified,  // failing, but not (yet) certain; see `failed_checks`
  kBroken,      // thresholds met, and the latest failure is a certain one
};

// "unknown", "ok", "unverified", "broken".
std::string_view LinkVerdictName(LinkVerdict v);

// The policy's judgement of one URL at one time: the current streak of failed
// checks (skipped checks do not count; a success resets it) and the verdict.
struct LinkState : FailureStreak {
  LinkVerdict verdict = LinkVerdict::kUnknown;
  int checks = 0;  // records considered
  CheckClass last_class = CheckClass::kOk;  // of the latest check
  int last_status = 0;                      // HTTP status of the latest check
  int64_t last_check_ms = 0;                // 0 when never checked
  int64_t last_ok_ms = 0;                   // latest success; 0 when none
  // PermanentTarget of the latest success (where the link has moved to).
  std::string moved_to;
};

// Judges `history` (oldest first, as FetchHistory returns it) using only the
// records with fetched_at_ms <= as_of_ms. Records out of order are judged in
// fetched_at_ms order.
LinkState JudgeHistory(const std::vector<store::FetchRecord>& history,
                       const HistoryPolicy& policy,
                       int64_t as_of_ms = INT64_MAX);

// What changed for a link between a previous run (`before`, the state as of
// LAST) and now.
enum class LinkChange {
  kNone,          // same verdict, same target (ok -> ok, unknown -> unknown)
  kNew,           // first seen: unknown -> anything else
  kNewlyFailing,  // ok -> unverified with failures, or -> unverified
  kStillFailing,  // unverified -> unverified
  kNewlyBroken,   // not broken -> broken
  kStillBroken,   // broken -> broken
  kRecovered,     // unverified or broken -> ok
  kMoved,         // ok -> ok with a different permanent redirect target
};

// "none", "new", "newly-failing", "still-failing", "newly-broken",
// "still-broken", "recovered", "moved".
std::string_view LinkChangeName(LinkChange c);

LinkChange DetectChange(const LinkState& before, const LinkState& now);

}  // namespace timecite::linker
