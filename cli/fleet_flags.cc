#include "cli/fleet_flags.h"

#include <unistd.h>

#include "fleet/fleet_fetcher.h"
#include "fleet/redis.h"

namespace timecite::cli {

void AddFleetOptions(CLI::App* cmd, FleetFlags* flags) {
  cmd->add_option("--redis", flags->redis_url,
                  "Fetch through a fleet of `timecite worker`s sharing this Redis "
                  "(redis://HOST[:PORT][/DB]; docs/fleet.md)")
      ->type_name("URL");
  cmd->add_option("--run-id", flags->run_id,
                  "With --redis: the run's name in Redis (default: this host and the "
                  "database path, so a killed run resumes under the same name)")
      ->type_name("ID");
}

Result<std::unique_ptr<crawler::Fetcher>> MakeRunFetcher(
    const FleetFlags& fleet, const pipeline::NetworkOptions& network,
    const std::string& db_path, bool per_process, pipeline::FetchSettings& settings,
    crawler::Clock& clock) {
  if (fleet.redis_url.empty()) {
    if (!fleet.run_id.empty()) return Status::InvalidArgument("--run-id needs --redis");
    return pipeline::MakeFetcher(network, settings, clock);
  }
  auto endpoint = fleet::ParseRedisUrl(fleet.redis_url);
  if (!endpoint.ok()) return endpoint.status();
  fleet::FleetFetcherOptions o;
  o.run_id = fleet.run_id;
  if (o.run_id.empty()) {
    o.run_id = fleet::RunIdFor(db_path);
    if (per_process) o.run_id += "-" + std::to_string(getpid());
  }
  auto fetcher = fleet::FleetFetcher::Create(*endpoint, std::move(o));
  if (!fetcher.ok()) return fetcher.status();
  settings.crawl = fleet::FleetCrawlOptions(std::move(settings.crawl));
  return std::unique_ptr<crawler::Fetcher>(std::move(fetcher).value());
}

}  // namespace timecite::cli
