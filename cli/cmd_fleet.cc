// timecite fleet status --redis URL [--format text|json] — what the fleet's
// Redis holds: workers, runs, tasks and leases, queued tasks per host, hosts'
// politeness state (fleet/status.h). Reads only.
#include <iostream>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "fleet/redis.h"
#include "fleet/status.h"

namespace timecite::cli {
namespace {

struct FleetStatusFlags {
  std::string redis_url;
  std::string format = "text";
};

int RunFleetStatus(const FleetStatusFlags& f) {
  auto endpoint = fleet::ParseRedisUrl(f.redis_url);
  if (!endpoint.ok()) {
    PrintError(endpoint.status().message());
    return kExitUsage;
  }
  auto redis = fleet::Redis::Connect(*endpoint);
  if (!redis.ok()) {
    PrintError(redis.status().message());
    return kExitRuntimeError;
  }
  auto report = fleet::ReadFleetStatus(**redis);
  if (!report.ok()) {
    PrintError(report.status().message());
    return kExitRuntimeError;
  }
  if (f.format == "json") {
    std::cout << JsonText(fleet::FleetStatusJson(*report)) << "\n";
  } else {
    std::cout << fleet::FleetStatusText(*report);
  }
  return kExitOk;
}

}  // namespace

void RegisterFleet(CLI::App& app, GlobalOptions& g) {
  auto* fleet_cmd = app.add_subcommand("fleet", "Look at a fleet of workers (see `worker`)");
  fleet_cmd->require_subcommand(1);
  fleet_cmd->footer(
      "Exit codes: 0 shown, 1 when Redis cannot be reached, 3 bad usage (no or an "
      "unknown subcommand).");
  auto flags = std::make_shared<FleetStatusFlags>();
  auto* cmd = fleet_cmd->add_subcommand(
      "status", "Workers, runs, tasks and leases, queued tasks per host, hosts' politeness");
  cmd->add_option("--redis", flags->redis_url, "The fleet's Redis: redis://HOST[:PORT][/DB]")
      ->required()
      ->type_name("URL");
  cmd->add_option("--format", flags->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->footer("Exit codes: 0 shown, 1 when Redis cannot be reached, 3 bad usage.");
  cmd->callback([flags, &g] { g.exit_code = RunFleetStatus(*flags); });
}

}  // namespace timecite::cli
