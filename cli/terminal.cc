#include "cli/terminal.h"

#include <unistd.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

namespace timecite::cli {

void ProgressOut::Line(const std::string& text) const {
  if (!on) return;
  if (terminal) {
    std::cerr << "\r\033[K" << text << std::flush;
  } else {
    std::cerr << text << "\n" << std::flush;
  }
}

void ProgressOut::End() const {
  if (on && terminal) std::cerr << "\r\033[K" << std::flush;
}

ProgressOut MakeProgressOut(bool progress_flag, bool quiet) {
  ProgressOut out;
  out.terminal = isatty(STDERR_FILENO) != 0;
  out.on = !quiet && (progress_flag || out.terminal);
  out.waits = !quiet;
  return out;
}

std::string CrawlProgressLine(std::string_view phase,
                              const crawler::CrawlProgress& p) {
  std::ostringstream line;
  line << "timecite: " << phase << ": " << p.done << " done, " << p.in_flight
       << " in flight, " << p.queued << " queued";
  if (p.failed > 0) line << ", " << p.failed << " failed";
  if (p.retries > 0) line << ", " << p.retries << " retried";
  line.precision(1);
  line << ", " << std::fixed
       << (p.elapsed_ms > 0 ? p.done * 1000.0 / p.elapsed_ms : 0.0) << "/s";
  if (!p.waits.empty()) {
    line << " (" << p.waits.front().host << " asks to wait "
         << (p.waits.front().wait_ms + 999) / 1000 << " s)";
  }
  return line.str();
}

std::string IndexProgressLine(const pipeline::IndexProgress& p) {
  return "timecite: indexing: " + std::to_string(p.done) + "/" +
         std::to_string(p.total) + " recordings, last " + p.asset_id +
         (p.ok ? "" : " (failed)");
}

pipeline::ProgressSink ProgressSinkFor(const ProgressOut& out) {
  pipeline::ProgressSink sink;
  if (!out.on) {
    if (!out.waits) return sink;
    // Hosts already said to make the run wait: one line each per run.
    auto said = std::make_shared<std::set<std::string>>();
    sink.fetching = [said](std::string_view, const crawler::CrawlProgress& p) {
      for (const crawler::HostWait& w : p.waits) {
        if (!said->insert(w.host).second) continue;
        std::cerr << "timecite: waiting: " << w.host << " asks to wait "
                  << (w.wait_ms + 999) / 1000 << " s (Retry-After)\n";
      }
    };
    return sink;
  }
  sink.fetching = [&out](std::string_view phase,
                         const crawler::CrawlProgress& p) {
    out.Line(CrawlProgressLine(phase, p));
  };
  sink.indexed = [&out](const pipeline::IndexProgress& p) {
    out.Line(IndexProgressLine(p));
  };
  sink.phase_done = [&out] { out.End(); };
  return sink;
}

namespace {
std::atomic<bool> g_stop{false};
}  // namespace

const std::atomic<bool>* CatchStopSignals() {
  g_stop.store(false);
  std::signal(SIGINT, [](int) { g_stop.store(true); });
  std::signal(SIGTERM, [](int) { g_stop.store(true); });
  return &g_stop;
}

void RestoreStopSignals() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace timecite::cli
