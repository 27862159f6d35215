#include "fleet/worker.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/url.h"
#include "crawler/clock.h"
#include "crawler/retry.h"
#include "crawler/robots.h"
#include "fleet/politeness.h"
#include "fleet/protocol.h"

namespace timecite::fleet {
namespace {

constexpr int64_t kRetryRedisMs = 250;  // after Redis could not be reached
constexpr int64_t kBusyPollMs = 20;     // a host at its concurrency
constexpr int64_t kRunCheckMs = 1'000;  // how long a run's liveness is trusted
constexpr int kHeldPerJob = 8;          // tasks held per fetch slot

struct Slot {
  std::string entry_id;
  Task task;
  std::string host;  // politeness key (crawler.h HostKey)
  crawler::RobotsTarget target;
  enum class Phase { kRobots, kGate, kFlight, kDone } phase = Phase::kRobots;
  int64_t not_before_ms = 0;
  std::string holder;
  std::optional<crawler::FetchRecord> outcome;  // waiting to be handed back
};

struct RobotsCache {
  crawler::RobotsVerdict verdict;
  int64_t expires_ms = 0;
};

// A robots.txt this worker fetches for the fleet.
struct RobotsFlight {
  std::string origin;
  std::string host;
  std::string holder;
  bool started = false;
  int64_t not_before_ms = 0;
};

struct RunState {
  int64_t epoch = -1;
  bool alive = false;
  int64_t checked_ms = -1;
};

}  // namespace

std::string DefaultWorkerId() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return std::string(host[0] ? host : "worker") + "-" + std::to_string(getpid());
}

class Worker::Impl {
 public:
  Impl(std::unique_ptr<Redis> redis, std::unique_ptr<crawler::CurlFetcher> fetcher,
       WorkerOptions options)
      : redis_(std::move(redis)),
        fetcher_(std::move(fetcher)),
        options_(std::move(options)),
        gate_(*redis_),
        product_token_(crawler::ProductToken(options_.fetch.user_agent)) {
    if (!options_.log)
      options_.log = [](const std::string& line) { std::cerr << line << "\n"; };
  }

  Status Run(const std::atomic<bool>& stop, const std::atomic<bool>* abandon) {
    started_ms_ = clock_.NowMs();
    while (true) {
      if (abandon && abandon->load()) break;
      const bool stopping = stop.load();
      if (stopping && slots_.empty() && robots_flights_.empty() &&
          fetcher_->InFlight() == 0)
        break;
      const int64_t now = clock_.NowMs();
      if (now < redis_retry_at_ms_) {
        (void)PollFetches(std::min<int64_t>(redis_retry_at_ms_ - now, kRetryRedisMs));
        continue;
      }
      Status s = Step(now, stopping);
      if (!s.ok()) RedisDown(s);
    }
    Goodbye();
    return Status::Ok();
  }

  WorkerStats stats() const {
    WorkerStats s = stats_;
    s.redis_commands = redis_->commands_sent();
    return s;
  }

 private:
  // One turn of the loop. Errors: Redis's (the caller waits and retries).
  Status Step(int64_t now, bool stopping) {
    if (now >= next_heartbeat_ms_) {
      if (Status s = Heartbeat(now); !s.ok()) return s;
      next_heartbeat_ms_ = now + options_.heartbeat_ms;
    }
    if (Status s = HandBack(); !s.ok()) return s;
    if (!stopping && Free() > 0) {
      if (now >= next_autoclaim_ms_) {
        if (Status s = TakeOver(); !s.ok()) return s;
        next_autoclaim_ms_ = now + std::max<int64_t>(options_.lease_ms / 4, 100);
      }
      if (Status s = ReadTasks(); !s.ok()) return s;
    }
    if (Status s = Advance(clock_.NowMs()); !s.ok()) return s;
    return PollFetches(WaitMs());
  }

  void RedisDown(const Status& s) {
    if (!redis_down_) options_.log("worker " + options_.worker_id + ": " + s.message() + "; retrying");
    redis_down_ = true;
    redis_retry_at_ms_ = clock_.NowMs() + kRetryRedisMs;
  }

  void RedisUp() {
    if (redis_down_) options_.log("worker " + options_.worker_id + ": redis is back");
    redis_down_ = false;
  }

  Status Heartbeat(int64_t now) {
    std::vector<std::vector<std::string>> cmds;
    std::vector<std::string> claim = {"XCLAIM", TasksKey(), std::string(kWorkersGroup),
                                      options_.worker_id, "0"};
    for (const auto& [id, slot] : slots_) claim.push_back(id);
    claim.push_back("JUSTID");
    const std::string key = WorkerKey(options_.worker_id);
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    cmds.push_back({"HSET", key, "host", host, "pid", std::to_string(getpid()), "jobs",
                    std::to_string(options_.jobs), "held", std::to_string(slots_.size()),
                    "started_ms",
                    std::to_string(started_ms_), "seen_ms", std::to_string(now)});
    cmds.push_back({"PEXPIRE", key, std::to_string(options_.heartbeat_ms * 5 + 5'000)});
    cmds.push_back({"SADD", WorkersKey(), options_.worker_id});
    cmds.push_back({"TIME"});
    if (!slots_.empty()) cmds.push_back(claim);
    // Places at hosts last a lease from now: a worker that dies frees them
    // within a lease, not a fetch timeout.
    const std::string until = std::to_string(ServerishMs() + options_.lease_ms);
    for (const auto& [id, slot] : slots_) {
      if (slot.phase == Slot::Phase::kFlight)
        cmds.push_back({"ZADD", HostFlightsKey(slot.host), "XX", until, slot.holder});
    }
    for (const auto& [origin, f] : robots_flights_) {
      if (f.started) cmds.push_back({"ZADD", HostFlightsKey(f.host), "XX", until, f.holder});
    }
    Result<std::vector<RedisValue>> r = redis_->Pipeline(cmds);
    if (!r.ok()) return r.status();
    RedisUp();
    const RedisValue& time = (*r)[3];
    if (time.elements.size() == 2)
      server_offset_ms_ = time.elements[0].AsInt() * 1000 + time.elements[1].AsInt() / 1000 - now;
    for (const RedisValue& v : *r) {
      if (v.type == RedisValue::Type::kError && v.str.find("NOGROUP") != std::string::npos) {
        return CreateGroup();  // the stream was lost (Redis without AOF)
      }
    }
    return Status::Ok();
  }

  Status CreateGroup() {
    Result<RedisValue> r = redis_->Command(
        {"XGROUP", "CREATE", TasksKey(), std::string(kWorkersGroup), "0", "MKSTREAM"});
    if (!r.ok() && r.status().message().find("BUSYGROUP") == std::string::npos)
      return r.status();
    return Status::Ok();
  }

  // Tasks held: `jobs` fetching and more waiting for a place at their host
  // (waiting costs no connection), so the slots are not all stuck behind a
  // few hosts' intervals.
  int HeldCap() const { return options_.jobs * kHeldPerJob; }
  int Free() const { return HeldCap() - static_cast<int>(slots_.size()); }

  Status ReadTasks() {
    std::vector<std::string> cmd = {"XREADGROUP", "GROUP", std::string(kWorkersGroup),
                                    options_.worker_id, "COUNT", std::to_string(Free())};
    const bool idle = slots_.empty() && robots_flights_.empty() && fetcher_->InFlight() == 0;
    if (idle) {
      cmd.push_back("BLOCK");
      cmd.push_back("200");
    }
    cmd.insert(cmd.end(), {"STREAMS", TasksKey(), ">"});
    Result<RedisValue> r = redis_->Command(cmd);
    if (!r.ok()) {
      if (r.status().message().find("NOGROUP") != std::string::npos) return CreateGroup();
      return r.status();
    }
    RedisUp();
    if (r->type != RedisValue::Type::kArray) return Status::Ok();  // nil: nothing new
    for (const RedisValue& stream : r->elements) {
      if (stream.elements.size() != 2) continue;
      if (Status s = Take(stream.elements[1], false); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status TakeOver() {
    Result<RedisValue> r = redis_->Command(
        {"XAUTOCLAIM", TasksKey(), std::string(kWorkersGroup), options_.worker_id,
         std::to_string(options_.lease_ms), autoclaim_cursor_, "COUNT", std::to_string(Free())});
    if (!r.ok()) {
      if (r.status().message().find("NOGROUP") != std::string::npos) return CreateGroup();
      return r.status();
    }
    if (r->type != RedisValue::Type::kArray || r->elements.size() < 2) return Status::Ok();
    autoclaim_cursor_ = r->elements[0].str.empty() ? "0-0" : r->elements[0].str;
    return Take(r->elements[1], true);
  }

  // Entries [[id, [field, value, ...]], ...] from XREADGROUP or XAUTOCLAIM.
  Status Take(const RedisValue& entries, bool claimed) {
    std::vector<std::string> drop;
    for (const RedisValue& entry : entries.elements) {
      if (entry.type != RedisValue::Type::kArray || entry.elements.size() != 2 ||
          slots_.count(entry.elements[0].str))
        continue;
      const std::string id = entry.elements[0].str;
      const RedisValue& fields = entry.elements[1];
      std::string cbor;
      bool found = false;
      for (size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
        if (fields.elements[i].str == "task") {
          cbor = fields.elements[i + 1].str;
          found = true;
        }
      }
      Result<Task> task = found ? DecodeTask(cbor)
                                : Result<Task>(Status::InvalidArgument("no \"task\" field"));
      if (!task.ok()) {
        options_.log("worker " + options_.worker_id + ": skipped malformed task " + id +
                     " in " + TasksKey() + ": " + task.status().message());
        ++stats_.malformed;
        drop.push_back(id);
        continue;
      }
      Result<bool> current = RunCurrent(task->run_id, task->epoch);
      if (!current.ok()) return current.status();
      if (!*current) {
        ++stats_.stale;
        drop.push_back(id);
        continue;
      }
      ++stats_.tasks;
      if (claimed) ++stats_.claimed;
      Slot slot;
      slot.entry_id = id;
      slot.task = std::move(*task);
      slot.holder = options_.worker_id + "/" + id;
      Result<Url> url = ParseUrl(slot.task.request.url);
      if (!url.ok()) {
        Settle(slot, ErrorClass::kBadUrl, url.status().message());
      } else {
        slot.host = crawler::HostKey(url->canonical);
        slot.target = crawler::RobotsTargetOf(*url);
        slot.phase = options_.obey_robots ? Slot::Phase::kRobots : Slot::Phase::kGate;
      }
      slots_.emplace(id, std::move(slot));
    }
    return Drop(drop);
  }

  // Acknowledges and deletes task entries that will not be fetched.
  Status Drop(const std::vector<std::string>& ids) {
    if (ids.empty()) return Status::Ok();
    std::vector<std::string> ack = {"XACK", TasksKey(), std::string(kWorkersGroup)};
    std::vector<std::string> del = {"XDEL", TasksKey()};
    ack.insert(ack.end(), ids.begin(), ids.end());
    del.insert(del.end(), ids.begin(), ids.end());
    Result<std::vector<RedisValue>> r = redis_->Pipeline({ack, del});
    return r.ok() ? Status::Ok() : r.status();
  }

  // Whether tasks of (run, epoch) are still wanted: the coordinator is alive
  // and has not restarted since.
  Result<bool> RunCurrent(const std::string& run_id, int64_t epoch) {
    RunState& state = runs_[run_id];
    const int64_t now = clock_.NowMs();
    if (state.checked_ms < 0 || now - state.checked_ms > kRunCheckMs) {
      Result<std::vector<RedisValue>> r = redis_->Pipeline(
          {{"HGET", RunKey(run_id), "epoch"}, {"EXISTS", RunAliveKey(run_id)}});
      if (!r.ok()) return r.status();
      state.epoch = (*r)[0].AsInt(-1);
      state.alive = (*r)[1].AsInt() == 1;
      state.checked_ms = now;
    }
    return state.alive && state.epoch == epoch;
  }

  const crawler::HostPolicy& PolicyOf(const std::string& host) const {
    auto it = options_.host_policies.find(host);
    return it != options_.host_policies.end() ? it->second : options_.default_host_policy;
  }

  void Settle(Slot& slot, ErrorClass error, std::string message) {
    crawler::FetchRecord r;
    r.url = slot.task.request.url;
    r.final_url = slot.task.request.url;
    r.method = slot.task.request.method;
    r.error = error;
    r.error_message = std::move(message);
    r.attempts = 0;
    r.started_ms = r.finished_ms = clock_.NowMs();
    slot.outcome = std::move(r);
    slot.phase = Slot::Phase::kDone;
  }

  // Moves held tasks on: robots.txt verdicts, then the places at their hosts,
  // asked for in one pipelined batch per turn (PlaceAsk: one Redis round trip
  // however many tasks wait; a round trip per waiting task made 4 workers
  // slower than 1, docs/scale.md) — at most one ask per host per turn (the
  // host's other tasks wait with it) and no more than the free fetch slots.
  Status Advance(int64_t now) {
    int free_slots =
        options_.jobs - static_cast<int>(flights_.size() + robots_tokens_.size());
    std::vector<PlaceAsk> asks;
    std::vector<Slot*> asking;  // asks[i] is for asking[i]; null: a robots.txt
    std::vector<RobotsFlight*> asking_robots;
    std::unordered_set<std::string> asked_hosts;
    for (auto& [origin, f] : robots_flights_) {
      if (f.started || now < f.not_before_ms) continue;
      if (free_slots <= 0) {
        f.not_before_ms = now + kBusyPollMs;  // every fetch slot busy
        continue;
      }
      if (!asked_hosts.insert(f.host).second) continue;
      asks.push_back({f.host, f.holder, PolicyOf(f.host), options_.lease_ms});
      asking.push_back(nullptr);
      asking_robots.push_back(&f);
      --free_slots;
    }
    for (auto& [id, slot] : slots_) {
      if (slot.phase == Slot::Phase::kRobots) {
        Result<const RobotsCache*> robots = Robots(slot, now);
        if (!robots.ok()) return robots.status();
        if (*robots == nullptr) continue;  // on its way
        if (auto refusal = (*robots)->verdict.Refusal(slot.target.path)) {
          Settle(slot, refusal->first, refusal->second);
          continue;
        }
        slot.phase = Slot::Phase::kGate;
      }
      if (slot.phase != Slot::Phase::kGate || now < slot.not_before_ms) continue;
      if (free_slots <= 0) {
        slot.not_before_ms = now + kBusyPollMs;  // every fetch slot busy
        continue;
      }
      if (!asked_hosts.insert(slot.host).second) continue;  // next turn
      asks.push_back({slot.host, slot.holder, PolicyOf(slot.host),
                      LeaseFor(slot.task.request)});
      asking.push_back(&slot);
      asking_robots.push_back(nullptr);
      --free_slots;
    }
    if (asks.empty()) return Status::Ok();
    Result<std::vector<Grant>> grants = gate_.AcquireMany(asks);
    if (!grants.ok()) return grants.status();
    for (size_t i = 0; i < asks.size(); ++i) {
      const Grant& g = (*grants)[i];
      const int64_t not_before =
          now + (g.wait_ms > 0 ? std::min<int64_t>(g.wait_ms, 1'000) : kBusyPollMs);
      if (asking[i] != nullptr) {
        Slot& slot = *asking[i];
        if (!g.granted) {
          slot.not_before_ms = not_before;
          // The host's other waiting tasks need not ask before it may grant.
          for (auto& [id, other] : slots_)
            if (other.phase == Slot::Phase::kGate && other.host == slot.host)
              other.not_before_ms = std::max(other.not_before_ms, not_before);
          continue;
        }
        Launch(slot);
      } else {
        RobotsFlight& f = *asking_robots[i];
        if (!g.granted) {
          f.not_before_ms = not_before;
          continue;
        }
        StartRobots(f);
      }
    }
    return Status::Ok();
  }

  int64_t LeaseFor(const crawler::FetchRequest&) const { return options_.lease_ms; }

  // Redis's clock as last seen (TIME at the latest heartbeat) moved on by
  // ours: places' lease ends are in Redis's time.
  int64_t ServerishMs() { return clock_.NowMs() + server_offset_ms_; }

  void Launch(Slot& slot) {
    crawler::FetchRequest req = slot.task.request;
    req.timeout_ms = std::min(req.timeout_ms, options_.attempt_timeout_ms);
    req.max_body_bytes = std::min(req.max_body_bytes, options_.max_body_bytes);
    req.max_redirects = std::min(req.max_redirects, options_.max_redirects);
    const crawler::Fetcher::Token token = next_token_++;
    flights_[token] = slot.entry_id;
    slot.phase = Slot::Phase::kFlight;
    fetcher_->Start(token, std::move(req));
  }

  // The origin's robots.txt verdict; null while it is being fetched (by this
  // worker or another).
  Result<const RobotsCache*> Robots(const Slot& slot, int64_t now) {
    const std::string& origin = slot.target.origin;
    auto cached = robots_cache_.find(origin);
    if (cached != robots_cache_.end() && now < cached->second.expires_ms) return &cached->second;
    if (robots_flights_.count(origin)) return nullptr;
    auto polled = robots_polled_.find(origin);
    if (polled != robots_polled_.end() && now < polled->second) return nullptr;
    Result<std::vector<RedisValue>> r = redis_->Pipeline(
        {{"GET", RobotsKey(origin)},
         {"SET", RobotsLockKey(origin), options_.worker_id, "NX", "PX",
          std::to_string(options_.attempt_timeout_ms + 30'000)}});
    if (!r.ok()) return r.status();
    const RedisValue& stored = (*r)[0];
    const bool locked = (*r)[1].type == RedisValue::Type::kStatus;
    if (stored.type == RedisValue::Type::kString) {
      Result<RobotsEntry> e = DecodeRobots(stored.str);
      if (e.ok()) {
        if (locked) {  // taken in the same round trip; not needed after all
          if (Result<RedisValue> d = redis_->Command({"DEL", RobotsLockKey(origin)}); !d.ok())
            return d.status();
        }
        RobotsCache& c = robots_cache_[origin];
        c.verdict = crawler::RobotsFromFetch(e->record, product_token_);
        c.expires_ms = e->fetched_ms + crawler::kRobotsCacheMs;
        return &c;
      }
      options_.log("worker " + options_.worker_id + ": skipped malformed " + RobotsKey(origin) +
                   ": " + e.status().message());
    }
    if (locked) {
      RobotsFlight f;
      f.origin = origin;
      f.host = slot.host;
      f.holder = options_.worker_id + "/robots/" + origin;
      robots_flights_.emplace(origin, std::move(f));
    } else {
      robots_polled_[origin] = now + 50;  // another worker fetches it
    }
    return nullptr;
  }

  // Fetches an origin's robots.txt for the fleet, its place at the host
  // granted.
  void StartRobots(RobotsFlight& f) {
    {
      crawler::FetchRequest req;
      req.url = f.origin + "/robots.txt";
      req.max_redirects = crawler::kRobotsMaxRedirects;
      req.timeout_ms = options_.attempt_timeout_ms;
      req.max_body_bytes = crawler::kRobotsMaxBytes;
      req.truncate_at_cap = true;
      const crawler::Fetcher::Token token = next_token_++;
      robots_tokens_[token] = f.origin;
      f.started = true;
      ++stats_.robots_fetches;
      fetcher_->Start(token, std::move(req));
    }
  }

  int64_t WaitMs() {
    int64_t wait = 200;
    const int64_t now = clock_.NowMs();
    bool waiting = false;
    for (const auto& [id, slot] : slots_) {
      if (slot.phase == Slot::Phase::kGate) wait = std::min(wait, slot.not_before_ms - now);
      if (slot.phase == Slot::Phase::kRobots) wait = std::min<int64_t>(wait, 50);
      if (slot.phase == Slot::Phase::kDone) wait = 0;
      waiting = waiting || slot.phase != Slot::Phase::kFlight;
    }
    for (const auto& [origin, f] : robots_flights_)
      if (!f.started) wait = std::min(wait, f.not_before_ms - now);
    if (!waiting && robots_flights_.empty() && fetcher_->InFlight() == 0) return 0;
    if (Free() > 0) wait = std::min<int64_t>(wait, 50);
    return std::clamp<int64_t>(wait, 0, 200);
  }

  // Waits for fetches (or sleeps when none is in flight) and gives back the
  // places of those that ended. Releases that fail (Redis away) are kept and
  // sent again.
  Status PollFetches(int64_t wait_ms) {
    if (fetcher_->InFlight() == 0) {
      if (wait_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    } else {
      for (crawler::Fetcher::Done& done : fetcher_->Wait(wait_ms)) Finished(std::move(done));
    }
    if (clock_.NowMs() < redis_retry_at_ms_) return Status::Ok();
    Status s = BookPoliteness();
    if (!s.ok()) RedisDown(s);
    return s;
  }

  // The places of the fetches ended since the last call, given back in the
  // order they ended in one round trip (kept for the next try when Redis is
  // away: sent twice, a release only moves the host's next place later).
  Status BookPoliteness() {
    if (pending_release_.empty()) return Status::Ok();
    if (Status s = gate_.ReleaseMany(pending_release_); !s.ok()) return s;
    pending_release_.clear();
    return Status::Ok();
  }

  void Finished(crawler::Fetcher::Done done) {
    const int64_t now = clock_.NowMs();
    const int64_t retry_after =
        done.record.ok() ? 0 : crawler::ParseRetryAfterMs(done.record.retry_after, now).value_or(0);
    if (auto rt = robots_tokens_.find(done.token); rt != robots_tokens_.end()) {
      const std::string origin = rt->second;
      robots_tokens_.erase(rt);
      RobotsFlight& f = robots_flights_.at(origin);
      pending_release_.push_back(
          {f.host, f.holder, PolicyOf(f.host).min_interval_ms, retry_after});
      RobotsCache& c = robots_cache_[origin];
      c.verdict = crawler::RobotsFromFetch(done.record, product_token_);
      c.expires_ms = now + crawler::kRobotsCacheMs;
      pending_robots_.push_back({origin, RobotsEntry{std::move(done.record), now}});
      robots_flights_.erase(origin);
      return;
    }
    auto it = flights_.find(done.token);
    if (it == flights_.end()) return;
    Slot& slot = slots_.at(it->second);
    flights_.erase(it);
    pending_release_.push_back(
        {slot.host, slot.holder, PolicyOf(slot.host).min_interval_ms, retry_after});
    slot.outcome = std::move(done.record);
    slot.phase = Slot::Phase::kDone;
  }

  // Shares fetched robots.txt answers and hands finished tasks back.
  Status HandBack() {
    while (!pending_robots_.empty()) {
      const auto& [origin, entry] = pending_robots_.front();
      Result<std::vector<RedisValue>> r = redis_->Pipeline(
          {{"SET", RobotsKey(origin), EncodeRobots(entry), "PX",
            std::to_string(crawler::kRobotsCacheMs)},
           {"DEL", RobotsLockKey(origin)}});
      if (!r.ok()) return r.status();
      pending_robots_.erase(pending_robots_.begin());
    }
    // Every finished task in one round trip: a MULTI/EXEC per task (its
    // result, its XACK and XDEL together), all of them pipelined. When Redis
    // goes away midway the outcomes are kept and sent again; a result that
    // arrives twice is dropped by its coordinator.
    std::vector<std::vector<std::string>> cmds;
    std::vector<std::string> done;
    for (auto& [id, slot] : slots_) {
      if (slot.phase != Slot::Phase::kDone) continue;
      TaskResult result;
      result.run_id = slot.task.run_id;
      result.epoch = slot.task.epoch;
      result.token = slot.task.token;
      result.worker_id = options_.worker_id;
      result.task_entry_id = slot.entry_id;
      result.record = *slot.outcome;
      cmds.push_back({"MULTI"});
      cmds.push_back({"XADD", ResultsKey(result.run_id), "*", "result", EncodeResult(result)});
      cmds.push_back({"XACK", TasksKey(), std::string(kWorkersGroup), slot.entry_id});
      cmds.push_back({"XDEL", TasksKey(), slot.entry_id});
      cmds.push_back({"HINCRBY", RunKey(result.run_id), "results", "1"});
      cmds.push_back({"HINCRBY", WorkerKey(options_.worker_id), "fetched", "1"});
      cmds.push_back({"EXEC"});
      done.push_back(id);
    }
    if (done.empty()) return Status::Ok();
    Result<std::vector<RedisValue>> r = redis_->Pipeline(cmds);
    if (!r.ok()) return r.status();
    for (const std::string& id : done) {
      ++stats_.fetched;
      slots_.erase(id);
    }
    return Status::Ok();
  }

  void Goodbye() {
    // Fetches still running (an abandoned run) are ended by the fetcher's
    // destructor; their tasks are taken over after the lease.
    std::vector<std::vector<std::string>> cmds = {
        {"DEL", WorkerKey(options_.worker_id)},
        {"SREM", WorkersKey(), options_.worker_id}};
    for (const auto& [origin, f] : robots_flights_)
      cmds.push_back({"DEL", RobotsLockKey(origin)});
    (void)redis_->Pipeline(cmds);
  }

  std::unique_ptr<Redis> redis_;
  std::unique_ptr<crawler::CurlFetcher> fetcher_;
  WorkerOptions options_;
  FleetPoliteness gate_;
  std::string product_token_;
  crawler::SystemClock clock_;
  std::map<std::string, Slot> slots_;  // by task entry id
  std::unordered_map<crawler::Fetcher::Token, std::string> flights_;  // -> entry id
  std::unordered_map<crawler::Fetcher::Token, std::string> robots_tokens_;  // -> origin
  std::map<std::string, RobotsFlight> robots_flights_;  // by origin
  std::unordered_map<std::string, RobotsCache> robots_cache_;
  std::unordered_map<std::string, int64_t> robots_polled_;  // origin -> next GET
  std::vector<std::pair<std::string, RobotsEntry>> pending_robots_;
  std::vector<PlaceRelease> pending_release_;  // ended fetches, in order
  std::unordered_map<std::string, RunState> runs_;
  crawler::Fetcher::Token next_token_ = 1;
  int64_t started_ms_ = 0;
  int64_t next_heartbeat_ms_ = 0;
  int64_t next_autoclaim_ms_ = 0;
  int64_t redis_retry_at_ms_ = 0;
  std::string autoclaim_cursor_ = "0-0";
  int64_t server_offset_ms_ = 0;  // Redis's TIME minus our clock
  bool redis_down_ = false;
  WorkerStats stats_;
};

Worker::Worker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Worker::~Worker() = default;

Result<std::unique_ptr<Worker>> Worker::Create(const RedisEndpoint& endpoint,
                                               WorkerOptions options) {
  if (options.worker_id.empty()) return Status::InvalidArgument("worker: empty worker id");
  if (options.worker_id.find('/') != std::string::npos)
    return Status::InvalidArgument("worker: the id may not contain '/': " + options.worker_id);
  options.jobs = std::max(1, options.jobs);
  options.lease_ms = std::max<int64_t>(300, options.lease_ms);
  options.heartbeat_ms = std::clamp<int64_t>(options.heartbeat_ms, 50, options.lease_ms / 3);
  options.fetch.clock = nullptr;
  auto fetcher = crawler::CurlFetcher::Create(options.fetch);
  if (!fetcher.ok()) return fetcher.status();
  auto redis = Redis::Connect(endpoint);
  if (!redis.ok()) return redis.status();
  Result<RedisValue> group = (*redis)->Command(
      {"XGROUP", "CREATE", TasksKey(), std::string(kWorkersGroup), "0", "MKSTREAM"});
  if (!group.ok() && group.status().message().find("BUSYGROUP") == std::string::npos)
    return group.status();
  return std::unique_ptr<Worker>(new Worker(
      std::make_unique<Impl>(std::move(*redis), std::move(*fetcher), std::move(options))));
}

Status Worker::Run(const std::atomic<bool>& stop, const std::atomic<bool>* abandon) {
  return impl_->Run(stop, abandon);
}

WorkerStats Worker::stats() const { return impl_->stats(); }

}  // namespace timecite::fleet
