// timecite: checks and resolves citations into UN meeting recordings and UN
// documents. main() only builds the subcommand table; the work is in the
// libraries (store, crawler, indexer, linker).
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
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

void AddNetworkOptions(CLI::App* cmd, std::vector<std::string>* connect_to,
                       std::string* cacert) {
  cmd->add_option("--connect-to", *connect_to,
                  "Connect to another host and port for HOST:PORT, as curl's "
                  "--connect-to "
                  "(e.g. '::127.0.0.1:8443' sends every request to a local "
                  "replica); repeatable")
      ->type_name("HOST:PORT:TO-HOST:TO-PORT");
  cmd->add_option("--cacert", *cacert,
                  "Also trust the CA certificates in FILE (PEM)")
      ->type_name("FILE");
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
  app.set_version_flag("--version", TIMECITE_VERSION);
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
  app.add_flag("-q,--quiet", g.quiet, "Print only the summary and errors");

  // The subcommand table, in the order a user meets them.
  RegisterCheck(app, g);
  RegisterDb(app, g);
  RegisterCrawl(app, g);
  RegisterShow(app, g);
  RegisterAt(app, g);
  RegisterSearch(app, g);
  RegisterHistory(app, g);
  RegisterRecheck(app, g);
  RegisterResolve(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return g.exit_code;
}
