// The fleet's wire format in Redis: key names and the two messages (a fetch
// task, its result), shared by the coordinator (FleetFetcher) and the worker.
//
// Keys (all under "timecite:v1:", so a Redis shared with other programs is
// safe and a later format can live beside this one):
//   tasks                  stream: every coordinator's fetch tasks; consumer
//                          group "workers" (XREADGROUP / XACK / XAUTOCLAIM)
//   results:{run}          stream: the results for one run's coordinator
//   run:{run}              hash: epoch (INCR at each coordinator start),
//                          started_ms, tasks, results
//   run:{run}:alive        string with a TTL: the coordinator is alive
//   runs                   set of run ids (for `fleet status`)
//   host:{host}            hash: next_ms, blocked_ms, requests
//   host:{host}:flights    sorted set: holder -> lease end (unix ms)
//   robots:{origin}        the robots.txt fetch of an origin (a result
//                          message's record) and its age; TTL 24 h
//   robots:{origin}:lock   who is fetching it (SET NX PX)
//   worker:{id}            hash: host, pid, jobs, held, started_ms, seen_ms
//                          (each heartbeat), fetched (with each result);
//                          TTL a few heartbeats
//   workers                set of worker ids
//
// Messages are stream entries with one field: "task" or "result", whose value
// is CBOR (RFC 8949, through nlohmann::json::to_cbor) of the object below.
// Bodies travel as CBOR byte strings (binary-safe: PDFs, any charset).
// Anything else in a stream (another field, bad CBOR, a missing member, a
// newer version) is a malformed or foreign message: logged and skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "crawler/fetch_record.h"
#include "crawler/fetcher.h"

namespace timecite::fleet {

inline constexpr std::string_view kKeyPrefix = "timecite:v1:";
inline constexpr std::string_view kWorkersGroup = "workers";
inline constexpr int kProtocolVersion = 1;

std::string TasksKey();
std::string ResultsKey(std::string_view run_id);
std::string RunKey(std::string_view run_id);
std::string RunAliveKey(std::string_view run_id);
std::string RunsKey();
std::string HostKeyOf(std::string_view host);         // host:{host}
std::string HostFlightsKey(std::string_view host);    // host:{host}:flights
std::string RobotsKey(std::string_view origin);
std::string RobotsLockKey(std::string_view origin);
std::string WorkerKey(std::string_view worker_id);
std::string WorkersKey();

// One fetch a coordinator asks the fleet for. `token` is the coordinator's
// Fetcher token; (run_id, epoch, token) names the task uniquely, so a result
// that arrives twice (a task claimed again after its lease) is recognised.
struct Task {
  std::string run_id;
  int64_t epoch = 0;  // the coordinator incarnation that asked
  uint64_t token = 0;
  crawler::FetchRequest request;
};

// What a worker hands back for a task.
struct TaskResult {
  std::string run_id;
  int64_t epoch = 0;
  uint64_t token = 0;
  std::string worker_id;
  std::string task_entry_id;  // the task's stream entry id ("1712-0")
  crawler::FetchRecord record;
};

// CBOR bytes of a message.
std::string EncodeTask(const Task& task);
std::string EncodeResult(const TaskResult& result);
// Errors: InvalidArgument saying what is wrong (not CBOR, not an object, a
// member missing or of the wrong type, an unknown version or error class).
Result<Task> DecodeTask(std::string_view cbor);
Result<TaskResult> DecodeResult(std::string_view cbor);

// The robots.txt answer of an origin as kept in Redis: its fetch record and
// when it was fetched (the worker's unix ms), CBOR as above.
struct RobotsEntry {
  crawler::FetchRecord record;
  int64_t fetched_ms = 0;
};
std::string EncodeRobots(const RobotsEntry& entry);
Result<RobotsEntry> DecodeRobots(std::string_view cbor);

}  // namespace timecite::fleet
