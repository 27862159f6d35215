// The subcommand table of the `timecite` executable. Each subcommand lives in
// its own cli/cmd_<name>.cc and exposes one Register function that adds a
// CLI11 subcommand and sets its callback; main.cc calls them in order.
//
// Exit codes (as lychee): 0 all ok, 1 runtime error, 2 citation errors,
// 3 bad config or usage. A callback reports its exit code by assigning
// `GlobalOptions::exit_code`; it never calls exit().
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/catalog/query.h"
#include "common/time.h"

namespace timecite::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitRuntimeError = 1,
  kExitCitationErrors = 2,
  kExitUsage = 3,
};

struct GlobalOptions {
  std::string db_path;  // --db; empty means DefaultDbPath()
  bool quiet = false;   // -q: only the summary and errors
  int64_t wait_ms = 0;  // --wait SECONDS: how long a writer waits for the lock
  int exit_code = kExitOk;
};

// $XDG_DATA_HOME/timecite, falling back to ~/.local/share/timecite, or
// ./.timecite when neither HOME nor XDG_DATA_HOME is set.
std::filesystem::path DefaultDbPath();

// The database path the user chose, or the default.
std::filesystem::path DbPath(const GlobalOptions& g);

// Adds --connect-to (repeatable) and --cacert to a subcommand that fetches
// (crawl, check, recheck, resolve): curl's --connect-to and an extra CA
// bundle. Both are checked while parsing, before any network work: a
// --connect-to entry that is not HOST:PORT:TO-HOST:TO-PORT (ConnectToProblem)
// or a --cacert FILE that cannot be read is a usage error (exit 3).
// Also --allow-private (sets *allow_private): fetch loopback, private,
// link-local and cloud metadata addresses (crawler/address_policy.h).
void AddNetworkOptions(CLI::App* cmd, std::vector<std::string>* connect_to,
                       std::string* cacert, bool* allow_private);

// Why `entry` is not a curl --connect-to entry, or "" when it is one:
// HOST:PORT:TO-HOST:TO-PORT, four fields, each host empty, a name or a
// bracketed IPv6 address ([::1]), each port empty or 1..65535
// (https://curl.se/docs/manpage.html#--connect-to).
std::string ConnectToProblem(std::string_view entry);

// ParseDay (a day the calendar has, "YYYY-MM-DD"): common/time.h.

// When the first word of `args` (argv without the program name) that is not
// an option or the value of a top-level option is not a subcommand of `app`:
// "'chek' is not a timecite subcommand; did you mean 'check'?" (the nearest
// name by edit distance, at most 2 edits), else "...; run 'timecite --help'
// for the list". "" when that word is a subcommand or there is none.
std::string UnknownSubcommand(const CLI::App& app, const std::vector<std::string>& args);

// A duration as ms: whole seconds ("90") or numbers with units h, m, s in
// that order ("1h30m", "5m", "45s", "1h2m3s"); nullopt for anything else,
// zero included (a deadline of nothing is a mistake).
std::optional<int64_t> ParseDurationMs(std::string_view text);

// Adds --deadline DURATION (check, recheck): *deadline_ms gets the ms; a
// DURATION that ParseDurationMs refuses is a usage error (exit 3).
void AddDeadlineOption(CLI::App* cmd, int64_t* deadline_ms);

// Prints "timecite: error: <message>" to stderr.
void PrintError(const std::string& message);

void RegisterCheck(CLI::App& app, GlobalOptions& g);
void RegisterDb(CLI::App& app, GlobalOptions& g);
void RegisterCrawl(CLI::App& app, GlobalOptions& g);
void RegisterShow(CLI::App& app, GlobalOptions& g);
void RegisterAt(CLI::App& app, GlobalOptions& g);
void RegisterSearch(CLI::App& app, GlobalOptions& g);
void RegisterIndex(CLI::App& app, GlobalOptions& g);
void RegisterHistory(CLI::App& app, GlobalOptions& g);
void RegisterRecheck(CLI::App& app, GlobalOptions& g);
void RegisterResolve(CLI::App& app, GlobalOptions& g);
void RegisterServe(CLI::App& app, GlobalOptions& g);
void RegisterWorker(CLI::App& app, GlobalOptions& g);
void RegisterFleet(CLI::App& app, GlobalOptions& g);

// Prints a moment of a recording as `timecite at` does (resolve uses it too).
void PrintMoment(const indexer::Moment& m);

}  // namespace timecite::cli
