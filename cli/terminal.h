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
  // Say on stderr when a host makes the run wait (Retry-After), also when
  // `on` is false (not a terminal, no --progress); false with -q.
  bool waits = true;
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

// A run's progress sink printing to `out` (which must outlive the sink). When
// progress lines are off but `out.waits`, it says once per host and sink that
// the host makes the run wait ("timecite: waiting: HOST asks to wait N s
// (Retry-After)").
pipeline::ProgressSink ProgressSinkFor(const ProgressOut& out);

// SIGINT and SIGTERM set the returned flag (for OnlineOptions::stop) until
// RestoreStopSignals(): fetches in flight finish, the rest is unverified.
const std::atomic<bool>* CatchStopSignals();
void RestoreStopSignals();

}  // namespace timecite::cli
