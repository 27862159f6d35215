// timecite history URL — the stored record of one URL: every check (time UTC,
// HTTP status, error class, final URL, redirects) and what the history policy
// (linker/checks/history.h, [history] in timecite.toml) makes of it now.
#include <ctime>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "common/config.h"
#include "common/count.h"
#include "common/url.h"
#include "linker/checks/history.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct HistoryOptions {
  std::string url;
  std::string format = "text";
  std::string config_path;  // --config; else ./timecite.toml when present
};

// "2026-01-05T02:00:00Z" (second precision, UTC).
std::string UtcTime(int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  if (gmtime_r(&seconds, &tm) == nullptr)
    return std::to_string(unix_ms) + " ms";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<Config> LoadHistoryConfig(const HistoryOptions& o) {
  if (!o.config_path.empty()) return LoadConfig(o.config_path);
  std::error_code ec;
  if (!std::filesystem::exists("timecite.toml", ec)) return Config{};
  return LoadConfig("timecite.toml");
}

nlohmann::json StateJson(const linker::LinkState& s) {
  nlohmann::json j = {{"verdict", linker::LinkVerdictName(s.verdict)},
                      {"checks", s.checks},
                      {"failed_checks", s.failed_checks},
                      {"last_class", linker::CheckClassName(s.last_class)}};
  if (s.failed_checks > 0) {
    j["first_failure"] = UtcTime(s.first_failure_ms);
    j["last_failure"] = UtcTime(s.last_failure_ms);
  }
  if (s.last_check_ms > 0) j["last_check"] = UtcTime(s.last_check_ms);
  if (s.last_ok_ms > 0) j["last_ok"] = UtcTime(s.last_ok_ms);
  if (!s.moved_to.empty()) j["moved_to"] = s.moved_to;
  return j;
}

nlohmann::json CheckJson(const store::FetchRecord& r) {
  nlohmann::json redirects = nlohmann::json::array();
  for (const store::RedirectHop& hop : r.redirects) {
    redirects.push_back({{"status", hop.status}, {"location", hop.location}});
  }
  return {{"time", UtcTime(r.fetched_at_ms)},
          {"time_ms", r.fetched_at_ms},
          {"status", r.status},
          {"error_class", r.error == ErrorClass::kOk ? "" : std::string(ErrorClassName(r.error))},
          {"class", linker::CheckClassName(linker::ClassifyCheck(r))},
          {"final_url", r.final_url},
          {"redirects", redirects},
          {"attempts", r.attempts}};
}

void PrintText(const std::string& url,
               const std::vector<store::FetchRecord>& history,
               const linker::LinkState& s,
               const linker::HistoryPolicy& policy) {
  std::cout << url << "\n  state       " << linker::LinkVerdictName(s.verdict);
  if (s.failed_checks > 0) {
    std::cout << " (" << Count(s.failed_checks, "failed check") << " since "
              << UtcTime(s.first_failure_ms) << ", last "
              << UtcTime(s.last_failure_ms) << ")";
  } else if (s.verdict == linker::LinkVerdict::kUnverified) {
    std::cout << " (" << linker::CheckClassName(s.last_class) << ")";
  }
  std::cout << "\n  policy      broken after " << policy.failures
            << " failed checks over at least " << policy.min_days << " days\n";
  if (!s.moved_to.empty()) std::cout << "  moved to    " << s.moved_to << "\n";
  std::cout << "  checks      " << s.checks << "\n";
  for (const store::FetchRecord& r : history) {
    std::cout << "  " << UtcTime(r.fetched_at_ms) << "  "
              << (r.status ? std::to_string(r.status) : std::string("---"))
              << "  " << linker::CheckClassName(linker::ClassifyCheck(r));
    if (r.error != ErrorClass::kOk) std::cout << " (" << ErrorClassName(r.error) << ")";
    for (const store::RedirectHop& hop : r.redirects) {
      std::cout << "\n      " << hop.status << " -> " << hop.location;
    }
    if (!r.final_url.empty() && r.final_url != r.url)
      std::cout << "\n      final " << r.final_url;
    std::cout << "\n";
  }
}

int RunHistory(const HistoryOptions& o, const GlobalOptions& g) {
  auto url = ParseUrl(o.url);
  if (!url.ok()) {
    PrintError(o.url + ": " + url.status().message());
    return kExitUsage;
  }
  auto config = LoadHistoryConfig(o);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  const linker::HistoryPolicy policy =
      linker::HistoryPolicy::FromConfig(*config);
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadOnly);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  auto history = (*db)->FetchHistory(url->request);
  if (!history.ok()) {
    PrintError(history.status().message());
    return kExitRuntimeError;
  }
  if (history->empty()) {
    PrintError("no check of " + url->request + " is recorded in " +
               DbPath(g).string());
    return kExitRuntimeError;
  }
  const linker::LinkState state = linker::JudgeHistory(*history, policy);
  if (o.format == "json") {
    nlohmann::json checks = nlohmann::json::array();
    for (const store::FetchRecord& r : *history) checks.push_back(CheckJson(r));
    const nlohmann::json out = {
        {"url", url->request},
        {"policy",
         {{"failures", policy.failures}, {"min_days", policy.min_days}}},
        {"state", StateJson(state)},
        {"checks", checks}};
    std::cout << JsonText(out) << "\n";
  } else {
    PrintText(url->request, *history, state, policy);
  }
  return kExitOk;
}

}  // namespace

void RegisterHistory(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<HistoryOptions>();
  auto* cmd = app.add_subcommand("history",
                                 "Show the stored checks of a URL and whether "
                                 "the history policy calls it broken");
  cmd->add_option("url", o->url,
                  "The URL (as cited; it is looked up in canonical form)")
      ->required();
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("-c,--config", o->config_path,
                  "Configuration file for the [history] thresholds "
                  "(default: ./timecite.toml when present)")
      ->type_name("PATH");
  cmd->footer(
      "A link is broken after N failed checks at least D days apart with no\n"
      "success in between, the latest a 404, 410, DNS failure or redirect "
      "loop\n"
      "(defaults 3 and 3: [history] failures and min_days). Retries within an\n"
      "hour count once; bot challenges and robots.txt refusals are skipped.\n"
      "Exit codes: 0 shown, 1 no record or database error, 3 bad usage or "
      "config.");
  cmd->callback([o, &g] { g.exit_code = RunHistory(*o, g); });
}

}  // namespace timecite::cli
