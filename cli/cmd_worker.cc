// timecite worker --redis URL [--id NAME] [--jobs N] — one worker of a fleet
// (fleet/worker.h): takes fetch tasks from Redis, fetches them politely
// (robots.txt and per-host limits shared fleet-wide) and hands the results
// back to the coordinators (`crawl/check/recheck --redis`). Runs until
// SIGINT or SIGTERM (it then finishes what it holds; a second signal quits at
// once: its tasks are taken over after the lease).
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "pipeline/network.h"
#include "fleet/redis.h"
#include "fleet/worker.h"
#include "pipeline/settings.h"

namespace timecite::cli {
namespace {

struct WorkerFlags {
  std::string redis_url;
  std::string id;
  int jobs = 16;
  int64_t lease_ms = 60'000;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  std::string config_path;
  std::string user_agent;
  int per_host = 2;
  int64_t interval_ms = 500;
  bool no_robots = false;
  std::set<std::string> given;
};

std::atomic<bool> g_worker_stop{false};
std::atomic<bool> g_worker_abandon{false};

extern "C" void OnWorkerSignal(int) {
  if (g_worker_stop.exchange(true)) g_worker_abandon.store(true);
}

int RunWorker(const WorkerFlags& f, const GlobalOptions& g) {
  auto endpoint = fleet::ParseRedisUrl(f.redis_url);
  if (!endpoint.ok()) {
    PrintError(endpoint.status().message());
    return kExitUsage;
  }
  Result<Config> config = pipeline::LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  pipeline::FetchSettings settings = pipeline::FetchSettingsFromConfig(*config);
  if (f.given.count("--user-agent")) settings.crawl.user_agent = f.user_agent;
  settings.crawl.max_concurrent = f.jobs;
  pipeline::NetworkOptions network = f.network;
  fleet::WorkerOptions o;
  o.worker_id = f.id.empty() ? fleet::DefaultWorkerId() : f.id;
  o.jobs = f.jobs;
  o.lease_ms = f.lease_ms;
  // As a local crawl fetches (pipeline/network.h): the user agent, --connect-to,
  // the CA bundle, the address policy, twice --jobs idle connections.
  o.fetch = pipeline::CurlOptionsFor(network, settings);
  o.default_host_policy = settings.crawl.default_host_policy;
  o.host_policies = settings.crawl.host_policies;
  if (f.given.count("--per-host")) o.default_host_policy.max_concurrent = f.per_host;
  if (f.given.count("--interval")) o.default_host_policy.min_interval_ms = f.interval_ms;
  o.obey_robots = !f.no_robots;
  o.max_body_bytes = settings.crawl.max_body_bytes;
  o.attempt_timeout_ms = settings.crawl.attempt_timeout_ms;
  if (g.quiet) o.log = [](const std::string&) {};
  auto worker = fleet::Worker::Create(*endpoint, std::move(o));
  if (!worker.ok()) {
    PrintError(worker.status().message());
    return worker.status().code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                     : kExitRuntimeError;
  }
  g_worker_stop.store(false);
  g_worker_abandon.store(false);
  auto old_int = std::signal(SIGINT, OnWorkerSignal);
  auto old_term = std::signal(SIGTERM, OnWorkerSignal);
  if (!g.quiet)
    std::cerr << "worker " << (f.id.empty() ? fleet::DefaultWorkerId() : f.id)
              << ": working for " << endpoint->url << "\n";
  Status s = (*worker)->Run(g_worker_stop, &g_worker_abandon);
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);
  const fleet::WorkerStats st = (*worker)->stats();
  std::cout << "worker: " << st.tasks << " tasks, " << st.fetched << " results, " << st.claimed
            << " taken over, " << st.stale << " stale, " << st.malformed << " malformed, "
            << st.robots_fetches << " robots.txt fetches, " << st.redis_commands
            << " redis commands\n";
  if (!s.ok()) {
    PrintError(s.ToString());
    return kExitRuntimeError;
  }
  return kExitOk;
}

}  // namespace

void RegisterWorker(CLI::App& app, GlobalOptions& g) {
  auto flags = std::make_shared<WorkerFlags>();
  auto* cmd = app.add_subcommand(
      "worker",
      "Work for a fleet: take fetch tasks from Redis (put there by `crawl`, `check` or\n"
      "`recheck` with --redis), fetch them politely — robots.txt and per-host limits\n"
      "shared by every worker — and hand the results back. Stateless: stop or kill it\n"
      "at any time; what it held is taken over after the lease.");
  cmd->add_option("--redis", flags->redis_url, "The fleet's Redis: redis://HOST[:PORT][/DB]")
      ->required()
      ->type_name("URL");
  cmd->add_option("--id", flags->id, "Worker name, unique in the fleet (default HOSTNAME-PID)");
  cmd->add_option("-j,--jobs", flags->jobs,
                  "Fetches at once (and 8 times as many tasks held, waiting for their hosts)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--lease", flags->lease_ms,
                  "Milliseconds after which another worker takes over a task of a silent one")
      ->check(CLI::Range(int64_t{500}, int64_t{3'600'000}))
      ->capture_default_str();
  cmd->add_option("--user-agent", flags->user_agent,
                  "User-Agent to send (default: [crawler] user_agent)");
  AddNetworkOptions(cmd, &flags->network.connect_to, &flags->network.ca_file,
                    &flags->network.allow_private);
  cmd->add_option("--per-host", flags->per_host,
                  "Fetches in flight per host when --interval is 0, fleet-wide "
                  "(default: [crawler] default_max_concurrent, 2)");
  cmd->add_option("--interval", flags->interval_ms,
                  "Milliseconds from the end of a fetch on a host to the start of "
                  "the next, one at a time, fleet-wide (default: [crawler] "
                  "default_min_interval_ms, 500)");
  cmd->add_flag("--no-robots", flags->no_robots, "Do not read robots.txt (your own servers only)");
  cmd->add_option("-c,--config", flags->config_path,
                  "Configuration file for [crawler] (default: ./timecite.toml when present; "
                  "flags given win over it)")
      ->type_name("PATH");
  cmd->footer(
      "Every worker of a fleet should use the same politeness ([crawler] or the flags).\n"
      "Exit codes: 0 stopped by a signal, 1 when Redis cannot be reached at start (the\n"
      "URL is named) or curl cannot be set up, 3 bad usage or config.");
  cmd->callback([flags, cmd, &g] {
    flags->given.clear();
    for (const char* flag : {"--user-agent", "--per-host", "--interval"})
      if (cmd->count(flag) > 0) flags->given.insert(flag);
    g.exit_code = RunWorker(*flags, g);
  });
}

}  // namespace timecite::cli
