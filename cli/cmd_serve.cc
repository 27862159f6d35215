// timecite serve [--listen ADDR:PORT] [--allow-online] — the web pages and
// JSON API over the database (serve/server.h, docs/serve.md). This file only
// parses flags (and, for --allow-online, reads timecite.toml as `check` does),
// starts the server, prints "listening on http://HOST:PORT" once it accepts
// connections, and stops it on SIGINT or SIGTERM.
#include <signal.h>

#include <charconv>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/settings.h"
#include "serve/server.h"

namespace timecite::cli {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  int threads = 8;
  std::size_t max_upload_mib = 32;
  double rate_limit = 50;
  bool allow_online = false;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  std::string config_path;           // --config; else ./timecite.toml when present
  int64_t deadline_ms = 60000;       // --deadline of each online check
};

// "127.0.0.1:8080", "[::1]:0", "0.0.0.0:80" into host and port.
bool SplitListen(const std::string& listen, std::string* host, int* port) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  const std::string p = listen.substr(colon + 1);
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), *port);
  return ec == std::errc() && end == p.data() + p.size() && *port >= 0 &&
         *port <= 65535 && !host->empty();
}

int RunServe(const ServeFlags& f, const GlobalOptions& g) {
  serve::ServeOptions o;
  if (!SplitListen(f.listen, &o.host, &o.port)) {
    PrintError("--listen must be ADDR:PORT (127.0.0.1:8080, [::1]:0), got: " + f.listen);
    return kExitUsage;
  }
  o.db = DbPath(g);
  o.threads = f.threads;
  o.max_upload_bytes = f.max_upload_mib << 20;
  o.rate_per_second = f.rate_limit;
  o.rate_burst = 2 * f.rate_limit;
  // The rules and politeness of `check` (timecite.toml), for online checks
  // and the offline rules' severities alike.
  auto config = pipeline::LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  o.online.fetch = pipeline::FetchSettingsFromConfig(*config);
  o.online.verify = pipeline::VerifyOptionsFromConfig(*config, 0, g.quiet);
  o.online.check.severity = config->rule_severity;
  o.online.check.accept = config->accept;
  o.online.check.exclude = config->exclude;
  o.allow_online = f.allow_online;
  o.network = f.network;
  o.online_deadline_ms = f.deadline_ms;
  auto server = serve::Server::Create(std::move(o));
  if (!server.ok()) {
    PrintError(server.status().message());
    return server.status().code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                     : kExitRuntimeError;
  }
  // SIGINT and SIGTERM are blocked before the server's threads start (they
  // inherit the mask) and taken here with sigwait.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  if (Status st = (*server)->Start(); !st.ok()) {
    PrintError(st.message());
    return kExitRuntimeError;
  }
  std::cout << "listening on " << (*server)->url() << std::endl;
  int signal = 0;
  sigwait(&stop, &signal);
  if (!g.quiet) std::cerr << "timecite: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
  (*server)->Stop();
  pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, GlobalOptions& g) {
  auto f = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Web pages and a JSON API over the database: search, recordings with "
      "their timeline\nand transcript, moment permalinks /r/ASSET/H:MM:SS, "
      "citations in six languages,\nand /check to check a report offline "
      "(docs/serve.md; the API in /openapi.json).\nReads the database as a "
      "secondary instance: runs beside a crawl and shows its results.");
  cmd->add_option("--listen", f->listen,
                  "Address and port (port 0: any free one; loopback by default)")
      ->type_name("ADDR:PORT")
      ->capture_default_str();
  cmd->add_option("--threads", f->threads, "Requests served at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--max-upload-mib", f->max_upload_mib,
                  "Largest report /check and /api/check accept (at most 256, "
                  "check's cap)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
      ->capture_default_str();
  cmd->add_option("--rate-limit", f->rate_limit,
                  "Requests per second per client address, bursts of twice "
                  "that (0: no limit)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cmd->add_flag("--allow-online", f->allow_online,
                "Let /check and POST /api/check?online=1 check a report online: fetch what "
                "it cites (politely, http(s) only, never private addresses unless "
                "--allow-private) and index it into the database. Off: every check is "
                "offline and a request for online is refused (403)");
  AddNetworkOptions(cmd, &f->network.connect_to, &f->network.ca_file,
                    &f->network.allow_private);
  AddDeadlineOption(cmd, &f->deadline_ms);
  cmd->add_option("-c,--config", f->config_path,
                  "Configuration file for online checks and the rules (default: "
                  "./timecite.toml when present)")
      ->type_name("PATH");
  cmd->footer(
      "Prints 'listening on http://HOST:PORT' once it accepts connections; "
      "stops on SIGINT or SIGTERM.\nExit codes: 0 stopped by a signal, 1 the "
      "database cannot be opened or the address bound, 3 usage.");
  cmd->callback([f, &g] { g.exit_code = RunServe(*f, g); });
}

}  // namespace timecite::cli
