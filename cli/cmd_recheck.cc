// timecite recheck — re-verify every stored citation (scheduled runs; the
// systemd timer in configs/systemd runs it nightly).
#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/fleet_flags.h"
#include "pipeline/network.h"
#include "cli/report_output.h"
#include "cli/terminal.h"
#include "pipeline/recheck_run.h"
#include "pipeline/settings.h"
#include "common/config.h"
#include "indexer/fields.h"
#include "linker/checks/rules.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct RecheckFlags {
  std::string since;
  std::string format = "text";
  std::string color = "auto";
  std::string output;
  std::string fail_on = "broken";
  std::string config_path;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  FleetFlags fleet;                  // --redis, --run-id
  bool progress = false;  // --progress: progress lines even off a terminal
  int64_t deadline_ms = 0;  // --deadline
  bool allow_empty = false;   // --allow-empty: no stored citation is exit 0
  bool skip_missing = false;  // --skip-missing
};

// "2026-11-30", "2026-11-30T02:00:00Z" or unix ms → unix ms; nullopt if not
// (days the calendar does not have included: 2021-02-30).
std::optional<int64_t> ParseSince(const std::string& text) {
  if (!text.empty() &&
      text.find_first_not_of("0123456789") == std::string::npos &&
      text.size() <= 15) {
    return std::stoll(text);
  }
  if (text.size() == 10) return ParseDay(text);
  return indexer::ParseIsoTimeMs(text);
}

int RunRecheck(const RecheckFlags& f, GlobalOptions& g) {
  crawler::SystemClock clock;
  Result<Config> config = pipeline::LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  pipeline::RecheckOptions options;
  if (!f.since.empty()) {
    auto since = ParseSince(f.since);
    if (!since) {
      PrintError("--since " + f.since +
                 " is not a date or time: give YYYY-MM-DD (a calendar day), "
                 "an ISO 8601 time (2026-11-30T02:00:00Z) or unix ms");
      return kExitUsage;
    }
    if (*since > clock.NowMs()) {
      PrintError("--since " + f.since +
                 " is in the future: nothing can have changed since then");
      return kExitUsage;
    }
    options.since_ms = *since;
  }
  options.online.fetch = pipeline::FetchSettingsFromConfig(*config);
  options.online.verify =
      pipeline::VerifyOptionsFromConfig(*config, clock.NowMs(), g.quiet);
  options.online.check.severity = config->rule_severity;
  options.online.check.accept = config->accept;
  options.online.check.exclude = config->exclude;
  const ProgressOut progress = MakeProgressOut(f.progress, g.quiet);
  options.online.progress = ProgressSinkFor(progress);
  options.online.deadline_ms = f.deadline_ms;
  options.skip_missing = f.skip_missing;
  const std::atomic<bool>* stop = CatchStopSignals();
  options.online.stop = stop;

  std::error_code exists_ec;
  if (!std::filesystem::exists(DbPath(g) / "CURRENT", exists_ec)) {
    if (f.allow_empty) return kExitOk;
    PrintError("no timecite database at " + DbPath(g).string() +
               ": nothing to recheck (check a report first, or pass "
               "--allow-empty)");
    return kExitRuntimeError;
  }
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite,
                               {.lock_wait_ms = g.wait_ms});
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  pipeline::NetworkOptions network = f.network;
  auto fetcher = MakeRunFetcher(f.fleet, network, DbPath(g).string(),
                                /*per_process=*/false, options.online.fetch, clock);
  if (!fetcher.ok()) {
    RestoreStopSignals();
    PrintError(fetcher.status().message());
    return fetcher.status().code() == Status::Code::kInvalidArgument
               ? kExitUsage
               : kExitRuntimeError;
  }
  auto result = pipeline::Recheck(**db, **fetcher, clock, options);
  RestoreStopSignals();
  if (!result.ok()) {
    PrintError(result.status().message());
    return kExitRuntimeError;
  }
  if (result->documents_reread + result->documents_stored == 0 &&
      !f.allow_empty) {
    // A nightly run that checks nothing must not pass as a success.
    PrintError(
        "no stored citation to recheck in " + DbPath(g).string() +
        (result->documents_skipped > 0
             ? " (" + std::to_string(result->documents_skipped) +
                   " report(s) gone from disk skipped)"
             : std::string()) +
        ": check a report first (timecite check --db ...), or pass "
        "--allow-empty");
    return kExitRuntimeError;
  }
  ReportOutput out;
  out.format = f.format;
  out.color = f.color;
  out.output = f.output;
  out.mode = "recheck";
  out.quiet = g.quiet;
  out.fail_on_warning = f.fail_on == "warning";
  if (Status s = WriteReports(result->reports, out); !s.ok()) {
    PrintError(s.message());
    return kExitRuntimeError;
  }
  // The summary line always (-q too); the changes one by one without -q.
  std::cerr << "timecite: rechecked "
            << result->documents_reread + result->documents_stored
            << " document(s) (" << result->documents_stored
            << " no longer on disk: their stored citations were used)";
  if (result->documents_skipped > 0) {
    std::cerr << "; " << result->documents_skipped
              << " gone from disk skipped (--skip-missing)";
  }
  if (options.since_ms > 0) {
    std::cerr << "; " << result->changes.size() << " change(s) since "
              << f.since;
  }
  std::cerr << "\n";
  if (!g.quiet) {
    for (const pipeline::VerdictChange& c : result->changes) {
      std::cerr << "  " << c.source << " footnote " << c.footnote << " "
                << c.url << ": " << (c.before.empty() ? "new" : c.before)
                << " -> " << c.after << "\n";
    }
  }
  if (stop->load()) {
    PrintError("interrupted: what was not fetched is unverified");
    return kExitRuntimeError;  // not a clean run: CI and timers must notice
  }
  return ExitCodeOf(result->reports, f.fail_on == "warning");
}

}  // namespace

void RegisterRecheck(CLI::App& app, GlobalOptions& g) {
  auto f = std::make_shared<RecheckFlags>();
  auto* cmd = app.add_subcommand("recheck",
                                 "Re-verify every citation stored by earlier "
                                 "checks (for scheduled runs).\n"
                                 "Each report is read again when it is still "
                                 "on disk; requests are conditional\n"
                                 "(ETag, Last-Modified); a failing link is "
                                 "broken only after [history] failures\n"
                                 "(default 3) at least min_days (default 3) "
                                 "apart, unverified with the count before;\n"
                                 "a soft 404 or a missing recording waits for "
                                 "the same thresholds (a warning before).");
  cmd->add_option("--since", f->since,
                  "Report only the citations whose verdict changed since WHEN "
                  "(YYYY-MM-DD, 2026-11-30T02:00:00Z or unix ms; not in "
                  "the future)")
      ->type_name("WHEN");
  cmd->add_option("-f,--format", f->format, "Report format (as check)")
      ->check(CLI::IsMember({"text", "json", "markdown", "junit", "sarif"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", f->output, "Write the report to FILE")
      ->type_name("FILE");
  cmd->add_option("--color", f->color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", f->fail_on,
                  "Exit 2 on broken citations, or also on warnings")
      ->check(CLI::IsMember({"broken", "warning"}))
      ->capture_default_str();
  cmd->add_option("-c,--config", f->config_path,
                  "Configuration file (default ./timecite.toml)")
      ->type_name("PATH");
  AddNetworkOptions(cmd, &f->network.connect_to, &f->network.ca_file,
                    &f->network.allow_private);
  AddFleetOptions(cmd, &f->fleet);
  AddDeadlineOption(cmd, &f->deadline_ms);
  cmd->add_flag("--allow-empty", f->allow_empty,
                "Exit 0 when the database holds no citation (by default that "
                "is exit 1: a scheduled run that checks nothing must fail)");
  cmd->add_flag("--skip-missing", f->skip_missing,
                "Skip reports gone from disk (by default their stored "
                "citations are checked)");
  cmd->add_flag("--progress", f->progress,
                "Progress lines on stderr (fetching, indexing) even when it "
                "is not a terminal, one per line (never with -q)");
  cmd->footer(
      "Exit codes: 0 nothing broken, 2 broken citations, 1 runtime error or "
      "no stored citation (unless --allow-empty) or, with --redis, Redis\n"
      "unreachable, 3 usage.");
  cmd->callback([f, &g] { g.exit_code = RunRecheck(*f, g); });
}

}  // namespace timecite::cli
