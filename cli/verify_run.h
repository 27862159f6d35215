// Online verification as `timecite check`, `recheck` and `resolve` run it:
// fetch and index what the citations need (cli/fetch_index.h: one polite
// crawl, each request once), look up archive copies of the dead links (the
// Wayback Machine's availability API, linker/wayback.h), then apply the rules
// (linker/rules.h offline, linker/verify.h online) reading the store.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "cli/fetch_index.h"
#include "common/config.h"
#include "indexer/profile.h"
#include "linker/report.h"
#include "linker/rules.h"
#include "linker/verify.h"
#include "store/store.h"

namespace timecite::cli {

struct DocumentCitations {
  std::string path;  // as the user gave it
  std::vector<linker::Citation> citations;
};

struct OnlineOptions {
  FetchSettings fetch;           // from the configuration and the flags
  linker::VerifyOptions verify;  // now, history, countries, remap
  linker::CheckOptions check;    // severities, accept, exclude
  bool archive_lookup = true;    // ask the Wayback Machine for dead links
  ProgressOut progress;  // progress lines on stderr (fetching, indexing)
  const std::atomic<bool>* stop = nullptr;  // may be null
  // --deadline: ms from the start of CheckOnline after which no fetch is
  // started (the archive lookups included); what was not fetched by then is
  // `unverified` ("not checked before the --deadline (N s)"). 0: none.
  int64_t deadline_ms = 0;
};

struct OnlineStats {
  int64_t requests = 0;    // HTTP requests made (robots.txt included)
  int64_t recordings = 0;  // recordings indexed
  int64_t archive_lookups = 0;
  std::vector<std::string> notes;  // per-asset problems worth a line on stderr
  bool deadline_reached = false;   // --deadline passed before all was fetched
  int64_t unfinished = 0;  // URLs and recordings not checked for that reason
};

// Checks every document's citations online. Errors: the crawl could not run
// (curl, CA file, store); per-URL failures are verdicts, not errors.
Result<std::vector<linker::DocumentReport>> CheckOnline(
    store::Store& db, std::vector<DocumentCitations> docs,
    const OnlineOptions& options, OnlineStats* stats);

// The verify options a configuration implies: history thresholds, [[remap]]
// (ECMAScript regex, first match wins, $1-style replacement), the country
// table (linker::DefaultCountryTable; speaker-mismatch is off, with a note on
// stderr unless `quiet`, when iso-codes is not installed).
linker::VerifyOptions VerifyOptionsFromConfig(const Config& config,
                                              int64_t now_ms,
                                              bool quiet = false);

// How to print a report.
struct ReportOutput {
  std::string format = "text";  // text, json, markdown, junit, sarif
  std::string color = "auto";   // auto, always, never (NO_COLOR wins over auto)
  std::string output;           // a file; "" = stdout
  std::string mode = "online";  // the JSON report's "mode"
  bool quiet = false;
  bool fail_on_warning = false;  // JUnit: warnings are failures
};
// Errors: IoError when the output file cannot be written.
Status WriteReports(const std::vector<linker::DocumentReport>& reports,
                    const ReportOutput& out);

// The deep-link templates: the built-in UN Web TV site profile's [links]
// overridden by timecite.toml [deep_links] (check --fix, resolve).
Result<indexer::Profile> DeepLinkProfile(const Config& config);

// Unix ms now.
int64_t NowMs();

// The configuration at `path`, or ./timecite.toml when `path` is empty and it
// exists, or the defaults. Errors (exit 3 for the CLI): unreadable, unknown
// key, an unknown rule id in [rules].
Result<Config> LoadUserConfig(const std::string& path);

// SIGINT and SIGTERM set the returned flag (for OnlineOptions::stop) until
// RestoreStopSignals(): fetches in flight finish, the rest is unverified.
const std::atomic<bool>* CatchStopSignals();
void RestoreStopSignals();

// The exit code a report implies: 2 when a citation is broken (or has a
// warning, with fail_on_warning), else 0.
int ExitCodeOf(const std::vector<linker::DocumentReport>& reports,
               bool fail_on_warning);

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

// Recheck: each error finding of a WaitsForHistory rule that fewer than
// `failures` checks found, or whose first and latest are less than
// `min_days` days apart, becomes a warning, and c.reason says it is not yet
// confirmed; the verdict is then broken only for another error finding, else
// warning.
void HoldBackUnconfirmed(const store::CitationRecord* earlier, int64_t now_ms,
                         int failures, int min_days,
                         linker::CheckedCitation& c);

// ---- recheck
// -----------------------------------------------------------------

struct RecheckOptions {
  OnlineOptions
      online;  // fetch.recheck and verify.use_history are set by Recheck
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
Result<RecheckResult> Recheck(store::Store& db, const RecheckOptions& options);

}  // namespace timecite::cli
