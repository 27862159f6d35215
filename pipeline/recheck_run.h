// timecite::pipeline::Recheck — the scheduled re-verification of every
// stored citation (`timecite recheck`, docs/recheck.md), and how checked
// citations are stored with their history (`check` stores them the same way).
//
// I/O from the caller, as check_run.h: the store, the Fetcher and the Clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crawler/clock.h"
#include "crawler/fetcher.h"
#include "linker/checks/history.h"
#include "linker/report/report.h"
#include "pipeline/check_run.h"
#include "store/records.h"
#include "store/store.h"

namespace timecite::pipeline {

// Stores each report's citations (store::Store::ReplaceCitations, one batch
// per document, the last synced; standard input is not stored). Each record
// keeps the verdicts of its earlier checks (extra "history": [{at_ms,
// verdict}], the last 50) so `recheck --since` can tell what changed.
Status StoreCheckedCitations(store::Store& db,
                             const std::vector<linker::DocumentReport>& reports,
                             int64_t now_ms);

// The rules whose findings recheck holds back until the history confirms
// them, as it does for a failing link: soft-404, asset-not-found,
// asset-removed (a page or a recording may come back).
bool WaitsForHistory(std::string_view rule);

// The consecutive checks that found each such finding of `c`: the earlier
// record's extra "finding_history" ({rule: {failed_checks, first_failure_ms,
// last_failure_ms}}, unix ms) continued with the check at `now_ms` (a check
// within an hour of the last one counted is the same check). A rule not found
// now is dropped: the next finding starts again at 1. `earlier` may be null.
nlohmann::json ContinueFindingHistory(const store::CitationRecord* earlier,
                                      const linker::CheckedCitation& c,
                                      int64_t now_ms);

// Recheck: each error finding of a WaitsForHistory rule whose streak of
// checks (ContinueFindingHistory) `policy` does not confirm (fewer than
// `failures`, or first and latest less than `min_days` days apart; the link
// history's counting, linker/checks/history.h) becomes a warning, and
// c.reason says it is not yet confirmed; the verdict is then broken only for
// another error finding, else warning.
void HoldBackUnconfirmed(const store::CitationRecord* earlier, int64_t now_ms,
                         const linker::HistoryPolicy& policy,
                         linker::CheckedCitation& c);

struct RecheckOptions {
  // fetch.recheck and verify.use_history are set by Recheck.
  OnlineOptions online;
  // Only what changed since this time (unix ms); 0: everything.
  int64_t since_ms = 0;
  // Reports gone from disk are skipped (their stored citations are neither
  // checked nor changed) instead of checked from their stored citations.
  bool skip_missing = false;
};

// One citation whose verdict changed.
struct VerdictChange {
  std::string source;
  int footnote = 0;
  std::string url;
  std::string before;  // verdict as of `since` ("" when the citation is new)
  std::string after;
};

struct RecheckResult {
  std::vector<linker::DocumentReport> reports;  // everything, or what changed
  std::vector<VerdictChange> changes;           // with since_ms: what changed
  int documents_reread = 0;  // sources still on disk, read again for context
  int documents_stored = 0;  // sources gone: their stored citations used
  int documents_skipped = 0;  // sources gone, skipped (skip_missing)
};

// Re-verifies every stored citation: each source document is read again when
// it still exists (full context: dates, countries, quotations), else its
// stored citations are used (URL and timecode). Fetches are conditional
// (ETag / Last-Modified), failures are judged on their history (N failed
// checks at least D days apart before `broken`), and the new verdicts are
// stored. Errors: as CheckOnline; store errors.
Result<RecheckResult> Recheck(store::Store& db, crawler::Fetcher& fetcher,
                              crawler::Clock& clock,
                              const RecheckOptions& options);

}  // namespace timecite::pipeline
