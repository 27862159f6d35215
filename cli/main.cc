// timecite: checks and resolves citations into UN meeting recordings and UN
// documents. main() only builds the subcommand table; the work is in the
// libraries (store, crawler, indexer, linker).
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <new>

#include "cli/commands.h"
#include "indexer/fields.h"
#include "timecite/build_commit.h"
#include "timecite/version.h"

namespace timecite::cli {

std::filesystem::path DefaultDbPath() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "timecite";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "timecite";
  }
  return std::filesystem::path(".timecite");
}

std::filesystem::path DbPath(const GlobalOptions& g) {
  return g.db_path.empty() ? DefaultDbPath() : std::filesystem::path(g.db_path);
}

std::string ConnectToProblem(std::string_view entry) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  bool in_brackets = false;
  for (std::size_t i = 0; i <= entry.size(); ++i) {
    if (i < entry.size() && entry[i] == '[') in_brackets = true;
    if (i < entry.size() && entry[i] == ']') in_brackets = false;
    if (i == entry.size() || (entry[i] == ':' && !in_brackets)) {
      fields.push_back(entry.substr(start, i - start));
      start = i + 1;
    }
  }
  if (in_brackets) return "has a '[' without ']'";
  if (fields.size() != 4)
    return "has " + std::to_string(fields.size()) + " fields, not 4";
  for (std::size_t port : {1u, 3u}) {
    const std::string_view p = fields[port];
    if (p.empty()) continue;
    if (p.size() > 5 || p.find_first_not_of("0123456789") != p.npos ||
        std::stoi(std::string(p)) < 1 || std::stoi(std::string(p)) > 65535) {
      return "port '" + std::string(p) + "' is not a number from 1 to 65535";
    }
  }
  for (std::size_t host : {0u, 2u}) {
    const std::string_view h = fields[host];
    if (h.find_first_of(" \t/?#@") != h.npos)
      return "host '" + std::string(h) + "' is not a host name or address";
    if (!h.empty() && h.front() == '[' && h.back() != ']')
      return "host '" + std::string(h) + "' is not a host name or address";
  }
  return "";
}

void AddNetworkOptions(CLI::App* cmd, std::vector<std::string>* connect_to,
                       std::string* cacert, bool* allow_private) {
  cmd->add_flag("--allow-private", *allow_private,
                "Also fetch loopback, private, link-local and cloud metadata "
                "addresses (refused by default: finding private-address; the "
                "TO-HOST of a --connect-to entry is always allowed)");
  cmd->add_option("--connect-to", *connect_to,
                  "Connect to another host and port for HOST:PORT, as curl's "
                  "--connect-to "
                  "(e.g. '::127.0.0.1:8443' sends every request to a local "
                  "replica); repeatable")
      ->type_name("HOST:PORT:TO-HOST:TO-PORT")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& entry) -> std::string {
            const std::string problem = ConnectToProblem(entry);
            if (problem.empty()) return "";
            return "'" + entry +
                   "' is not HOST:PORT:TO-HOST:TO-PORT: " + problem;
          },
          "", "connect-to"));
  cmd->add_option("--cacert", *cacert,
                  "Also trust the CA certificates in FILE (PEM)")
      ->type_name("FILE")
      ->check(CLI::Validator(
          [](std::string& path) -> std::string {
            std::error_code ec;
            if (std::filesystem::is_directory(path, ec))
              return path + " is a directory, not a PEM file";
            std::ifstream in(path, std::ios::binary);
            if (!in) return "cannot read " + path;
            return "";
          },
          "", "readable file"));
}

std::optional<int64_t> ParseDurationMs(std::string_view text) {
  if (text.empty() || text.size() > 24) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    const int64_t s = std::stoll(std::string(text));
    if (s <= 0) return std::nullopt;
    return s * 1000;
  }
  int64_t total = 0;
  std::string_view units = "hms";
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == i || j == text.size()) return std::nullopt;
    const size_t unit = units.find(text[j]);
    if (unit == std::string_view::npos) return std::nullopt;
    units.remove_prefix(unit + 1);  // h before m before s, each once
    const int64_t n = std::stoll(std::string(text.substr(i, j - i)));
    total += n * (text[j] == 'h' ? 3'600'000 : text[j] == 'm' ? 60'000 : 1000);
    i = j + 1;
  }
  if (total <= 0) return std::nullopt;
  return total;
}

void AddDeadlineOption(CLI::App* cmd, int64_t* deadline_ms) {
  cmd->add_option_function<std::string>(
         "--deadline",
         [deadline_ms](const std::string& text) {
           *deadline_ms = ParseDurationMs(text).value_or(0);
         },
         "Start no fetch after DURATION (90, 45s, 5m, 1h30m); what is not "
         "checked by then is unverified with that reason")
      ->type_name("DURATION")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            if (ParseDurationMs(text)) return "";
            return "'" + text +
                   "' is not a duration: give seconds (90) or h/m/s (1h30m, "
                   "5m, 45s)";
          },
          "", "duration"));
}

void PrintError(const std::string& message) {
  std::cerr << "timecite: error: " << message << "\n";
}

}  // namespace timecite::cli

int main(int argc, char** argv) {
  using namespace timecite::cli;
  CLI::App app{
      "timecite checks and resolves citations into UN meeting recordings and "
      "UN documents.\n"
      "It finds every footnote of a report that cites UN Web TV or a UN "
      "document, checks it,\n"
      "and turns \"(starting at 1:29:40)\" into a link that opens the "
      "recording there.",
      "timecite"};
  // "timecite 0.1.0 (commit b61080d2d569)": the release and the commit the
  // build was configured from (cmake/GitCommit.cmake; "unknown" without git).
  app.set_version_flag("--version", "timecite " TIMECITE_VERSION
                                    " (commit " TIMECITE_GIT_COMMIT ")");
  app.require_subcommand(1);
  app.fallthrough();  // global options (--db, -q) may follow the subcommand
  app.footer(
      "Exit codes: 0 all ok, 1 runtime error, 2 citation errors found, 3 bad "
      "usage or config.\n"
      "Run 'timecite SUBCOMMAND --help' for the options of one subcommand.");

  GlobalOptions g;
  app.add_option("--db", g.db_path,
                 "Database directory (default: $XDG_DATA_HOME/timecite or "
                 "~/.local/share/timecite)")
      ->envname("TIMECITE_DB");
  app.add_option_function<double>(
         "--wait",
         [&g](double seconds) {
           g.wait_ms = static_cast<int64_t>(seconds * 1000);
         },
         "When another timecite process is writing the database, wait up to "
         "SECONDS for it (default 0: fail at once); read-only commands never "
         "wait")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.0, 86400.0));
  app.add_flag("-q,--quiet", g.quiet,
               "Print only the summary and errors: no progress lines, notes or "
               "warnings; reports list only broken citations (with their "
               "errors), crawl only failed recordings and days");

  // The subcommand table, in the order a user meets them.
  RegisterCheck(app, g);
  RegisterDb(app, g);
  RegisterCrawl(app, g);
  RegisterShow(app, g);
  RegisterAt(app, g);
  RegisterSearch(app, g);
  RegisterIndex(app, g);
  RegisterHistory(app, g);
  RegisterRecheck(app, g);
  RegisterResolve(app, g);
  RegisterServe(app, g);
  RegisterWorker(app, g);
  RegisterFleet(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // No subcommand ran: was the first word meant as one? CLI11 alone says
    // "A subcommand is required" for `timecite chek x.md`.
    if (app.get_subcommands().empty()) {
      const std::string unknown =
          UnknownSubcommand(app, std::vector<std::string>(argv + 1, argv + argc));
      if (!unknown.empty()) {
        PrintError(unknown);
        return kExitUsage;
      }
    }
    app.exit(e);
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    PrintError("out of memory");
    return kExitRuntimeError;
  } catch (const std::exception& e) {
    // A subcommand's stray exception (a library throwing where it should not,
    // out of memory) is one line and exit 1, never std::terminate's abort.
    std::cout.flush();
    PrintError(e.what());
    return kExitRuntimeError;
  } catch (...) {
    std::cout.flush();
    PrintError("unexpected failure (an exception of unknown type)");
    return kExitRuntimeError;
  }
  return g.exit_code;
}
