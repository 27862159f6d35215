// timecite check FILE... — extract every citation of each report, verify
// them online (fetch + index, pipeline/check_run.h) unless --offline, apply the
// rules, print the report, store the citations, and with --fix write a
// corrected copy.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "cli/fix_output.h"
#include "cli/fleet_flags.h"
#include "cli/online_notes.h"
#include "cli/report_output.h"
#include "cli/terminal.h"
#include "common/config.h"
#include "linker/checks/rules.h"
#include "linker/citations/batch.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "linker/report/report.h"
#include "pipeline/check_run.h"
#include "pipeline/network.h"
#include "pipeline/recheck_run.h"
#include "pipeline/settings.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  std::string output;
  std::string fail_on = "broken";
  bool offline = false;
  bool no_db = false;
  bool progress = false;  // --progress: progress lines even off a terminal
  int64_t deadline_ms = 0;  // --deadline
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  FleetFlags fleet;                  // --redis, --run-id
  bool fix = false;                     // --fix given
  std::string fix_output;               // its PATH; "" = beside the original
  std::string resolve_to = "transcripts";
  std::string config_path;     // --config; else ./timecite.toml when present
  bool fail_on_given = false;  // --fail-on beats the configuration
  unsigned jobs = 0;           // --jobs: reports read at once; 0 = one per core
};

int RunCheck(CheckOptions o, GlobalOptions& g) {
  crawler::SystemClock clock;
  auto config = pipeline::LoadUserConfig(o.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  if (!o.fail_on_given) o.fail_on = config->fail_on;
  linker::CheckOptions check;
  check.offline = o.offline;
  check.severity = config->rule_severity;
  check.accept = config->accept;
  check.exclude = config->exclude;

  if (std::count(o.files.begin(), o.files.end(), "-") > 1) {
    PrintError("standard input ('-') can be given only once");
    return kExitUsage;
  }
  if (o.fix && o.files.size() != 1) {
    PrintError("--fix takes exactly one report");
    return kExitUsage;
  }
  struct Loaded {
    std::string path;
    linker::Document doc;
  };
  std::vector<Loaded> loaded;
  std::vector<pipeline::DocumentCitations> docs;
  bool read_error = false;
  // Reports are read and their citations extracted on --jobs threads; the
  // results (and errors) come back in the order the files were given.
  for (linker::ExtractedFile& file :
       linker::LoadAndExtract(o.files, o.jobs, /*keep_documents=*/o.fix)) {
    if (!file.status.ok()) {
      PrintError(file.status.message());
      read_error = true;
      continue;
    }
    if (!file.format_note.empty() && !g.quiet)
      std::cerr << "timecite: note: " << file.path << ": " << file.format_note << "\n";
    docs.push_back({file.path, std::move(file.citations)});
    if (o.fix) loaded.push_back({file.path, std::move(file.document)});
  }

  // The store: the user's database, or a scratch one with --no-db (online
  // verification works through the store).
  std::unique_ptr<store::Store> db;
  std::filesystem::path scratch;
  auto remove_scratch = [&] {
    db.reset();
    if (!scratch.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(scratch, ec);
    }
  };
  if (!o.no_db || !o.offline) {
    std::filesystem::path path = DbPath(g);
    if (o.no_db) {
      scratch = std::filesystem::temp_directory_path() /
                ("timecite-check-" + std::to_string(::getpid()) + "-" +
                 std::to_string(clock.NowMs()));
      path = scratch;
    }
    auto opened = store::Store::Open(path, store::OpenMode::kReadWrite,
                                     {.lock_wait_ms = g.wait_ms});
    if (!opened.ok()) {
      PrintError(opened.status().message());
      remove_scratch();
      return kExitRuntimeError;
    }
    db = std::move(opened).value();
  }

  std::vector<linker::DocumentReport> reports;
  bool interrupted = false;
  if (o.offline) {
    for (const auto& d : docs)
      reports.push_back({d.path, linker::CheckCitations(d.citations, check)});
  } else {
    pipeline::OnlineOptions online;
    online.fetch = pipeline::FetchSettingsFromConfig(*config);
    online.verify =
        pipeline::VerifyOptionsFromConfig(*config, clock.NowMs(), g.quiet);
    online.check = check;
    const ProgressOut progress = MakeProgressOut(o.progress, g.quiet);
    online.progress = ProgressSinkFor(progress);
    online.deadline_ms = o.deadline_ms;
    auto fetcher = MakeRunFetcher(o.fleet, o.network, DbPath(g).string(),
                                  /*per_process=*/true, online.fetch, clock);
    if (!fetcher.ok()) {
      PrintError(fetcher.status().message());
      remove_scratch();
      return fetcher.status().code() == Status::Code::kInvalidArgument
                 ? kExitUsage
                 : kExitRuntimeError;
    }
    const std::atomic<bool>* stop = CatchStopSignals();
    online.stop = stop;
    pipeline::OnlineStats stats;
    auto checked =
        pipeline::CheckOnline(*db, **fetcher, clock, docs, online, &stats);
    RestoreStopSignals();
    if (!checked.ok()) {
      PrintError(checked.status().message());
      remove_scratch();
      return kExitRuntimeError;
    }
    reports = std::move(checked).value();
    interrupted = PrintOnlineNotes(stats, stop->load(), g.quiet);
  }

  ReportOutput output;
  output.format = o.format;
  output.color = o.color;
  output.output = o.output;
  output.mode = o.offline ? "offline" : "online";
  output.quiet = g.quiet;
  output.fail_on_warning = o.fail_on == "warning";
  if (Status st = WriteReports(reports, output); !st.ok()) {
    PrintError(st.message());
    remove_scratch();
    return kExitRuntimeError;
  }

  if (!o.no_db && !reports.empty()) {
    if (Status st = pipeline::StoreCheckedCitations(*db, reports, clock.NowMs()); !st.ok()) {
      PrintError("citations not stored: " + st.message());
      remove_scratch();
      return kExitRuntimeError;
    }
  }
  if (o.fix && !loaded.empty() && !reports.empty()) {
    if (Status st = WriteFixed(o.fix_output, o.resolve_to, *config, db.get(),
                               loaded.front().doc, reports.front());
        !st.ok()) {
      PrintError(st.message());
      remove_scratch();
      return st.code() == Status::Code::kInvalidArgument ||
                     st.code() == Status::Code::kUnsupported
                 ? kExitUsage
                 : kExitRuntimeError;
    }
  }
  remove_scratch();
  // An interrupted run is not a clean one: exit 1 so CI and timers notice.
  if (read_error || interrupted) return kExitRuntimeError;
  return ExitCodeOf(reports, o.fail_on == "warning");
}

}  // namespace

void RegisterCheck(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd =
      app.add_subcommand("check",
                         "Check the citations of one or more reports: plain "
                         "text, Markdown, HTML, DOCX or PDF\n"
                         "(format sniffed from the content, UTF-16 with a BOM "
                         "converted; '-' reads stdin;\n"
                         "stdin, pipes and devices are read up to 256 MiB).\n"
                         "Finds every footnote that cites UN Web TV or a UN "
                         "document, reads its timecode, date\n"
                         "and meeting number, fetches and indexes what it "
                         "cites (politely, each URL once per run;\n"
                         "UN Web TV recordings with their Kaltura entry and UN "
                         "Transcripts), applies the rules\n"
                         "(docs/rules.md) and stores the citations.");
  cmd->add_option("files", o->files, "Reports to check")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-f,--format", o->format,
                  "Report format: text (for people), json "
                  "(docs/report-schema.md), markdown (a "
                  "pull-request comment), junit (CI test reports), sarif "
                  "(SARIF 2.1.0, for "
                  "code scanning)")
      ->check(CLI::IsMember({"text", "json", "markdown", "junit", "sarif"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output,
                  "Write the report to FILE instead of stdout")
      ->type_name("FILE");
  cmd->add_option("--color", o->color,
                  "Colour the text report (never with NO_COLOR set)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option(
         "--fail-on", o->fail_on,
         "Exit 2 when a citation is broken, or also when one has a warning")
      ->check(CLI::IsMember({"broken", "warning"}))
      ->capture_default_str();
  cmd->add_flag(
      "--offline", o->offline,
      "Do not use the network: only the rules that read the document run, and "
      "everything else is reported as unverified");
  AddNetworkOptions(cmd, &o->network.connect_to, &o->network.ca_file,
                    &o->network.allow_private);
  AddFleetOptions(cmd, &o->fleet);
  cmd->add_flag(
      "--fix", o->fix,
      "Also write a corrected copy of the (text or Markdown) report: "
      "suggested URLs applied and recording links resolved to the cited "
      "moment, as NAME.fixed.EXT beside it (or --fix-output); the "
      "original is never touched");
  cmd->add_option("--fix-output", o->fix_output,
                  "Where --fix writes the corrected copy")
      ->type_name("PATH");
  cmd->add_option(
         "--resolve-to", o->resolve_to,
         "With --fix: the deep link for a recording cited with a start time "
         "(transcripts: UN Transcripts page at ?t=, else the Kaltura player; "
         "kaltura: "
         "the player with kalturaSeekFrom; none: keep the Web TV link)")
      ->check(CLI::IsMember({"transcripts", "kaltura", "none"}))
      ->capture_default_str();

  cmd->add_option("-j,--jobs", o->jobs,
                  "Reports read and extracted at once (0: one per CPU core); "
                  "the report lists them in the order given either way")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  cmd->add_flag("--no-db", o->no_db,
                "Do not store the citations in the database");
  AddDeadlineOption(cmd, &o->deadline_ms);
  cmd->add_flag("--progress", o->progress,
                "Progress lines on stderr (fetching, indexing) even when it "
                "is not a terminal, one per line (never with -q)");
  cmd->add_option("-c,--config", o->config_path,
                  "Configuration file (default: ./timecite.toml when present; "
                  "example in "
                  "configs/timecite.toml)")
      ->type_name("PATH");
  cmd->footer(
      "Verdicts: ok, warning, broken (certain), unverified (could not tell).\n"
      "Exit codes: 0 no broken citation, 2 broken citations (or warnings with "
      "--fail-on "
      "warning),\n1 runtime error (unreadable, empty or damaged file, a "
      "directory, input over 256 MiB,\ndatabase: the other reports are still "
      "checked and reported; with --redis, Redis unreachable), 3 bad usage or config.");
  cmd->callback([o, cmd, &g] {
    o->fail_on_given = cmd->count("--fail-on") > 0;
    if (!o->fix_output.empty()) o->fix = true;
    g.exit_code = RunCheck(*o, g);
  });
}

}  // namespace timecite::cli
