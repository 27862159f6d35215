#include "fleet/status.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "crawler/crawler.h"
#include "fleet/protocol.h"

namespace timecite::fleet {
namespace {

// HGETALL's [field, value, ...] as a map.
std::map<std::string, std::string> Fields(const RedisValue& v) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i + 1 < v.elements.size(); i += 2)
    out[v.elements[i].str] = v.elements[i + 1].str;
  return out;
}

int64_t Int(const std::map<std::string, std::string>& m, const char* name) {
  auto it = m.find(name);
  if (it == m.end()) return 0;
  RedisValue v;
  v.type = RedisValue::Type::kString;
  v.str = it->second;
  return v.AsInt();
}

int64_t ServerMs(Redis& redis) {
  Result<RedisValue> t = redis.Command({"TIME"});
  if (!t.ok() || t->elements.size() != 2) return 0;
  return t->elements[0].AsInt() * 1000 + t->elements[1].AsInt() / 1000;
}

Status CountQueued(Redis& redis, int64_t max_scan, FleetStatusReport& out) {
  std::string from = "-";
  int64_t scanned = 0;
  while (scanned < max_scan) {
    Result<RedisValue> r = redis.Command({"XRANGE", TasksKey(), from, "+", "COUNT", "1000"});
    if (!r.ok()) return r.status();
    if (r->elements.empty()) return Status::Ok();
    for (const RedisValue& entry : r->elements) {
      if (entry.elements.size() != 2) continue;
      ++scanned;
      const RedisValue& fields = entry.elements[1];
      for (size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
        if (fields.elements[i].str != "task") continue;
        Result<Task> t = DecodeTask(fields.elements[i + 1].str);
        if (!t.ok()) continue;
        ++out.queued_by_host[crawler::HostKey(t->request.url)];
      }
    }
    from = "(" + r->elements.back().elements[0].str;
    if (r->elements.size() < 1000) return Status::Ok();
  }
  out.scan_cut = true;
  return Status::Ok();
}

}  // namespace

Result<FleetStatusReport> ReadFleetStatus(Redis& redis, int64_t max_scan) {
  FleetStatusReport out;
  out.redis_url = redis.endpoint().url;
  const int64_t now = ServerMs(redis);
  Result<std::vector<RedisValue>> head = redis.Pipeline(
      {{"XLEN", TasksKey()},
       {"XINFO", "GROUPS", TasksKey()},
       {"SMEMBERS", WorkersKey()},
       {"SMEMBERS", RunsKey()},
       {"INFO", "memory"},
       {"XPENDING", TasksKey(), std::string(kWorkersGroup)}});
  if (!head.ok()) return head.status();
  out.tasks_in_stream = (*head)[0].AsInt();
  for (const RedisValue& group : (*head)[1].elements) {
    auto g = Fields(group);
    if (g["name"] != kWorkersGroup) continue;
    out.tasks_leased = Int(g, "pending");
    out.tasks_unread = Int(g, "lag");
  }
  const std::string memory = (*head)[4].str;
  if (size_t p = memory.find("used_memory:"); p != std::string::npos)
    out.redis_used_memory = std::atoll(memory.c_str() + p + 12);
  // XPENDING summary: [count, first, last, [[consumer, count], ...]]
  std::map<std::string, int64_t> leases;
  const RedisValue& pending = (*head)[5];
  if (pending.elements.size() == 4) {
    for (const RedisValue& c : pending.elements[3].elements)
      if (c.elements.size() == 2) leases[c.elements[0].str] = c.elements[1].AsInt();
  }
  for (const RedisValue& id : (*head)[2].elements) {
    Result<RedisValue> w = redis.Command({"HGETALL", WorkerKey(id.str)});
    if (!w.ok()) return w.status();
    if (w->elements.empty()) continue;  // expired: the worker is gone
    auto f = Fields(*w);
    WorkerInfo info;
    info.id = id.str;
    info.host = f["host"];
    info.pid = Int(f, "pid");
    info.jobs = Int(f, "jobs");
    info.held = Int(f, "held");
    info.fetched = Int(f, "fetched");
    info.started_ms = Int(f, "started_ms");
    info.seen_ms = Int(f, "seen_ms");
    if (info.seen_ms > info.started_ms)
      info.pages_per_s = 1000.0 * info.fetched / (info.seen_ms - info.started_ms);
    info.leases = leases.count(info.id) ? leases[info.id] : 0;
    if (info.leases > 0) {
      Result<RedisValue> p = redis.Command({"XPENDING", TasksKey(), std::string(kWorkersGroup),
                                            "-", "+", "1", info.id});
      if (p.ok() && !p->elements.empty() && p->elements[0].elements.size() >= 3)
        info.oldest_lease_ms = p->elements[0].elements[2].AsInt();
    }
    out.workers.push_back(std::move(info));
  }
  for (const RedisValue& id : (*head)[3].elements) {
    Result<std::vector<RedisValue>> r = redis.Pipeline({{"HGETALL", RunKey(id.str)},
                                                        {"EXISTS", RunAliveKey(id.str)},
                                                        {"XLEN", ResultsKey(id.str)}});
    if (!r.ok()) return r.status();
    auto f = Fields((*r)[0]);
    RunInfo run;
    run.id = id.str;
    run.epoch = Int(f, "epoch");
    run.alive = (*r)[1].AsInt() == 1;
    run.tasks = Int(f, "tasks");
    run.results = Int(f, "results");
    run.started_ms = Int(f, "started_ms");
    run.finished_ms = Int(f, "finished_ms");
    run.results_waiting = (*r)[2].AsInt();
    out.runs.push_back(std::move(run));
  }
  if (Status s = CountQueued(redis, max_scan, out); !s.ok()) return s;
  // Hosts: SCAN host:* (the hashes, not their :flights sets).
  std::string cursor = "0";
  std::vector<std::string> host_keys;
  do {
    Result<RedisValue> r = redis.Command({"SCAN", cursor, "MATCH",
                                          std::string(kKeyPrefix) + "host:*", "COUNT", "1000"});
    if (!r.ok()) return r.status();
    if (r->elements.size() != 2) break;
    cursor = r->elements[0].str;
    for (const RedisValue& k : r->elements[1].elements)
      if (!k.str.ends_with(":flights")) host_keys.push_back(k.str);
  } while (cursor != "0");
  std::sort(host_keys.begin(), host_keys.end());
  const size_t prefix = std::string(kKeyPrefix).size() + 5;
  for (const std::string& key : host_keys) {
    const std::string host = key.substr(prefix);
    Result<std::vector<RedisValue>> r = redis.Pipeline(
        {{"HGETALL", key}, {"ZCOUNT", HostFlightsKey(host), std::to_string(now), "+inf"}});
    if (!r.ok()) return r.status();
    auto f = Fields((*r)[0]);
    FleetStatusReport::Host h;
    h.host = host;
    h.requests = Int(f, "requests");
    h.in_flight = (*r)[1].AsInt();
    h.blocked_ms = std::max<int64_t>(0, Int(f, "blocked_ms") - now);
    out.hosts.push_back(std::move(h));
  }
  return out;
}

std::string FleetStatusText(const FleetStatusReport& r) {
  std::ostringstream o;
  char line[512];
  o << "redis " << r.redis_url << ": " << r.redis_used_memory << " bytes used\n";
  o << "tasks: " << r.tasks_in_stream << " in the stream (" << r.tasks_unread << " waiting, "
    << r.tasks_leased << " leased)\n";
  o << "workers: " << r.workers.size() << "\n";
  for (const WorkerInfo& w : r.workers) {
    std::snprintf(line, sizeof line,
                  "  %-28s %s pid %lld  jobs %lld  held %lld  leases %lld (oldest %lld ms)  "
                  "fetched %lld  %.1f pages/s\n",
                  w.id.c_str(), w.host.c_str(), static_cast<long long>(w.pid),
                  static_cast<long long>(w.jobs), static_cast<long long>(w.held),
                  static_cast<long long>(w.leases), static_cast<long long>(w.oldest_lease_ms),
                  static_cast<long long>(w.fetched), w.pages_per_s);
    o << line;
  }
  o << "runs: " << r.runs.size() << "\n";
  for (const RunInfo& run : r.runs) {
    std::snprintf(line, sizeof line,
                  "  %-28s epoch %lld  %s  tasks %lld  results %lld  waiting %lld\n",
                  run.id.c_str(), static_cast<long long>(run.epoch),
                  run.alive ? "running" : "stopped", static_cast<long long>(run.tasks),
                  static_cast<long long>(run.results),
                  static_cast<long long>(run.results_waiting));
    o << line;
  }
  o << "queued per host" << (r.scan_cut ? " (first entries only)" : "") << ": "
    << r.queued_by_host.size() << " hosts\n";
  for (const auto& [host, n] : r.queued_by_host)
    o << "  " << host << "  " << n << "\n";
  o << "hosts: " << r.hosts.size() << "\n";
  for (const auto& h : r.hosts) {
    std::snprintf(line, sizeof line, "  %-40s requests %lld  in flight %lld%s\n", h.host.c_str(),
                  static_cast<long long>(h.requests), static_cast<long long>(h.in_flight),
                  h.blocked_ms > 0 ? (" blocked " + std::to_string(h.blocked_ms) + " ms").c_str()
                                   : "");
    o << line;
  }
  return o.str();
}

nlohmann::json FleetStatusJson(const FleetStatusReport& r) {
  nlohmann::json workers = nlohmann::json::array(), runs = nlohmann::json::array(),
                 hosts = nlohmann::json::array();
  for (const WorkerInfo& w : r.workers)
    workers.push_back({{"id", w.id}, {"host", w.host}, {"pid", w.pid}, {"jobs", w.jobs},
                       {"held", w.held}, {"leases", w.leases},
                       {"oldest_lease_ms", w.oldest_lease_ms}, {"fetched", w.fetched},
                       {"pages_per_s", w.pages_per_s}, {"started_ms", w.started_ms},
                       {"seen_ms", w.seen_ms}});
  for (const RunInfo& run : r.runs)
    runs.push_back({{"id", run.id}, {"epoch", run.epoch}, {"alive", run.alive},
                    {"tasks", run.tasks}, {"results", run.results},
                    {"results_waiting", run.results_waiting}, {"started_ms", run.started_ms},
                    {"finished_ms", run.finished_ms}});
  for (const auto& h : r.hosts)
    hosts.push_back({{"host", h.host}, {"requests", h.requests}, {"in_flight", h.in_flight},
                     {"blocked_ms", h.blocked_ms}});
  return {{"redis", r.redis_url},
          {"used_memory", r.redis_used_memory},
          {"tasks", {{"in_stream", r.tasks_in_stream}, {"waiting", r.tasks_unread},
                     {"leased", r.tasks_leased}}},
          {"queued_by_host", r.queued_by_host},
          {"queued_scan_cut", r.scan_cut},
          {"workers", workers},
          {"runs", runs},
          {"hosts", hosts}};
}

}  // namespace timecite::fleet
