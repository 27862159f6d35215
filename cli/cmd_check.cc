// timecite check FILE... — extract every citation of each report, apply the
// rules, print the report, store the citations.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "common/config.h"
#include "linker/citation.h"
#include "linker/document.h"
#include "linker/report.h"
#include "linker/report_ci.h"
#include "linker/rules.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  std::string output;
  std::string fail_on = "broken";
  bool offline = true;
  bool no_db = false;
  std::string config_path;     // --config; else ./timecite.toml when present
  bool fail_on_given = false;  // --fail-on beats the configuration
};

// The configuration the user asked for, or ./timecite.toml, or defaults.
// Errors (unreadable, unknown key, unknown rule id) are usage errors.
Result<Config> LoadCheckConfig(const CheckOptions& o) {
  std::filesystem::path path = o.config_path;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists("timecite.toml", ec)) return Config{};
    path = "timecite.toml";
  }
  auto config = LoadConfig(path);
  if (!config.ok()) return config;
  const auto& known = linker::KnownRuleIds();
  for (const auto& [rule, severity] : config->rule_severity) {
    if (std::find(known.begin(), known.end(), rule) == known.end()) {
      return Status::InvalidArgument(path.string() + ": unknown rule 'rules." + rule +
                                     "' (docs/rules.md lists them)");
    }
  }
  return config;
}

bool UseColor(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return false;
  return to_stdout && isatty(STDOUT_FILENO);
}

store::CitationRecord ToRecord(const std::string& source, const linker::CheckedCitation& c,
                               std::int64_t now_ms) {
  store::CitationRecord r;
  r.source = source;
  r.footnote = c.citation.footnote;
  r.seq = c.citation.seq;
  r.line = c.citation.line;
  r.column = c.citation.column;
  r.url_written = c.citation.url_written;
  r.url_canonical = c.citation.url_canonical;
  r.timecode_ms = c.citation.start_ms;
  r.verdict = linker::VerdictName(c.verdict);
  const nlohmann::json j = linker::CitationToJson(c);
  r.findings = j["findings"];
  r.checked_at_ms = now_ms;
  r.extra = {{"kind", j["kind"]}};
  if (j.contains("asset")) r.extra["asset_id"] = j["asset"]["asset_id"];
  if (j.contains("date")) r.extra["date"] = j["date"];
  if (j.contains("meeting_number")) r.extra["meeting_number"] = j["meeting_number"];
  return r;
}

// Writes each document's citations (one batch per document, the last synced).
Status StoreCitations(const GlobalOptions& g, const std::vector<linker::DocumentReport>& reports) {
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite);
  if (!db.ok()) return db.status();
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    if (r.path == "-") continue;  // standard input has no stable identity
    std::error_code ec;
    const std::string source = std::filesystem::absolute(r.path, ec).lexically_normal().string();
    std::vector<store::CitationRecord> records;
    records.reserve(r.citations.size());
    for (const auto& c : r.citations) records.push_back(ToRecord(source, c, now_ms));
    Status s = (*db)->ReplaceCitations(source, records, /*sync=*/i + 1 == reports.size());
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

int RunCheck(CheckOptions o, GlobalOptions& g) {
  auto config = LoadCheckConfig(o);
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

  std::vector<linker::DocumentReport> reports;
  bool read_error = false;
  for (const std::string& file : o.files) {
    auto doc = linker::LoadDocument(file);
    if (!doc.ok()) {
      PrintError(doc.status().message());
      read_error = true;
      continue;
    }
    reports.push_back({file, linker::CheckCitations(linker::ExtractCitations(*doc), check)});
  }

  std::ofstream file_out;
  if (!o.output.empty()) {
    file_out.open(o.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      PrintError("cannot write " + o.output);
      return kExitRuntimeError;
    }
  }
  std::ostream& out = o.output.empty() ? std::cout : file_out;
  if (o.format == "json") {
    out << linker::ReportToJson(reports, o.offline ? "offline" : "online").dump(2) << "\n";
  } else if (o.format == "sarif") {
    out << linker::ReportToSarif(reports).dump(2) << "\n";
  } else if (o.format == "junit") {
    linker::WriteJUnit(out, reports, o.fail_on == "warning");
  } else if (o.format == "markdown") {
    linker::WriteMarkdown(out, reports);
  } else {
    linker::TextOptions text;
    text.color = UseColor(o.color, o.output.empty());
    text.quiet = g.quiet;
    linker::WriteText(out, reports, text);
  }
  out.flush();

  if (!o.no_db && !reports.empty()) {
    if (Status s = StoreCitations(g, reports); !s.ok()) {
      PrintError("citations not stored: " + s.message());
      return kExitRuntimeError;
    }
  }
  if (read_error) return kExitRuntimeError;
  const linker::Summary summary = linker::Summarize(reports);
  if (summary.HasErrors()) return kExitCitationErrors;
  if (o.fail_on == "warning" && summary.verdicts.count("warning") &&
      summary.verdicts.at("warning") > 0) {
    return kExitCitationErrors;
  }
  return kExitOk;
}

}  // namespace

void RegisterCheck(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check",
      "Check the citations of one or more reports: plain text, Markdown, HTML, DOCX or PDF\n"
      "(format sniffed from the content; '-' reads stdin).\n"
      "Finds every footnote that cites UN Web TV or a UN document, reads its timecode, date\n"
      "and meeting number, applies the rules (docs/rules.md) and stores the citations.");
  cmd->add_option("files", o->files, "Reports to check")->required()->type_name("FILE");
  cmd->add_option("-f,--format", o->format,
                  "Report format: text (for people), json (docs/report-schema.md), markdown (a "
                  "pull-request comment), junit (CI test reports), sarif (SARIF 2.1.0, for "
                  "code scanning)")
      ->check(CLI::IsMember({"text", "json", "markdown", "junit", "sarif"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "Write the report to FILE instead of stdout")
      ->type_name("FILE");
  cmd->add_option("--color", o->color, "Colour the text report (never with NO_COLOR set)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on,
                  "Exit 2 when a citation is broken, or also when one has a warning")
      ->check(CLI::IsMember({"broken", "warning"}))
      ->capture_default_str();
  cmd->add_flag("--offline", o->offline,
                "Do not use the network (the only mode of this version: what needs the "
                "network is reported as unverified)");
  cmd->add_flag("--no-db", o->no_db, "Do not store the citations in the database");
  cmd->add_option("-c,--config", o->config_path,
                  "Configuration file (default: ./timecite.toml when present; example in "
                  "configs/timecite.toml)")
      ->type_name("PATH");
  cmd->footer(
      "Verdicts: ok, warning, broken (certain), unverified (could not tell).\n"
      "Exit codes: 0 no broken citation, 2 broken citations (or warnings with --fail-on "
      "warning),\n1 runtime error (unreadable file, database), 3 bad usage.");
  cmd->callback([o, cmd, &g] {
    o->fail_on_given = cmd->count("--fail-on") > 0;
    g.exit_code = RunCheck(*o, g);
  });
}

}  // namespace timecite::cli
