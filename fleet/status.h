// `timecite fleet status`: what a fleet's Redis holds right now — workers,
// runs, the task stream's length and leases, queued tasks per host, hosts'
// politeness state — read without changing anything (worker entries whose
// key has expired are left out).
//
// Cost: queued tasks are counted per host by reading the task stream, at
// most `max_scan` entries (the report says when it stopped short).
//
// Thread safety: one thread at a time per Redis.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "fleet/redis.h"

namespace timecite::fleet {

struct WorkerInfo {
  std::string id;
  std::string host;
  int64_t pid = 0;
  int64_t jobs = 0;
  int64_t held = 0;     // tasks it holds
  int64_t fetched = 0;  // results handed back since it started
  int64_t started_ms = 0;
  int64_t seen_ms = 0;  // last heartbeat (its clock)
  double pages_per_s = 0;  // fetched / its lifetime
  int64_t leases = 0;      // tasks delivered to it and not acknowledged
  int64_t oldest_lease_ms = 0;  // idle time of its oldest held task
};

struct RunInfo {
  std::string id;
  int64_t epoch = 0;
  bool alive = false;
  int64_t tasks = 0;    // sent this epoch
  int64_t results = 0;  // handed back this epoch (duplicates included)
  int64_t started_ms = 0;
  int64_t finished_ms = 0;  // 0 while running
  int64_t results_waiting = 0;  // in its results stream, not yet read
};

struct FleetStatusReport {
  std::string redis_url;
  int64_t tasks_in_stream = 0;  // XLEN tasks (unread and leased)
  int64_t tasks_leased = 0;     // delivered, not acknowledged (XPENDING)
  int64_t tasks_unread = 0;     // not yet delivered (group lag)
  std::map<std::string, int64_t> queued_by_host;  // tasks in the stream
  bool scan_cut = false;                          // stopped at max_scan
  std::vector<WorkerInfo> workers;
  std::vector<RunInfo> runs;
  struct Host {
    std::string host;
    int64_t requests = 0;     // places granted (fetches started), fleet-wide
    int64_t in_flight = 0;    // places held now
    int64_t blocked_ms = 0;   // Retry-After left
  };
  std::vector<Host> hosts;
  int64_t redis_used_memory = 0;  // bytes (INFO memory)
};

// Errors: Network when Redis cannot be reached; IoError for error replies.
Result<FleetStatusReport> ReadFleetStatus(Redis& redis, int64_t max_scan = 100'000);

// The report as text (one section per part, aligned columns) and as JSON.
std::string FleetStatusText(const FleetStatusReport& report);
nlohmann::json FleetStatusJson(const FleetStatusReport& report);

}  // namespace timecite::fleet
