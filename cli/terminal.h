// What the CLI does with the terminal: progress lines on stderr, and the stop
// signals (SIGINT, SIGTERM) that end a run early.
#pragma once

#include <atomic>
#include <string>

#include "pipeline/check_run.h"

namespace timecite::cli {

// Progress lines on stderr, of the crawl and of the indexing (`crawl`,
// `check`, `recheck`). Shown when stderr is a terminal or --progress was
// given, never with -q. On a terminal each line overwrites the last
// ("\r\033[K"); elsewhere (a log file, a pipe) each is a line of its own.
struct ProgressOut {
  bool on = false;        // print progress lines at all
  bool terminal = false;  // overwrite one line in place
  void Line(const std::string& text) const;
  void End() const;  // clears the line (terminal only)
};
// `progress_flag`: --progress given; `quiet`: -q given.
ProgressOut MakeProgressOut(bool progress_flag, bool quiet);

// "timecite: fetching: 3 done, 2 in flight, 5 queued (host asks to wait 4 s)".
std::string CrawlProgressLine(std::string_view phase,
                              const crawler::CrawlProgress& p);
// "timecite: indexing: 3/10 recordings, last k1abcd1234".
std::string IndexProgressLine(const pipeline::IndexProgress& p);

// A run's progress sink printing to `out` (which must outlive the sink).
pipeline::ProgressSink ProgressSinkFor(const ProgressOut& out);

// SIGINT and SIGTERM set the returned flag (for OnlineOptions::stop) until
// RestoreStopSignals(): fetches in flight finish, the rest is unverified.
const std::atomic<bool>* CatchStopSignals();
void RestoreStopSignals();

}  // namespace timecite::cli
