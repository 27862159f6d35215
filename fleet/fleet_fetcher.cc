#include "fleet/fleet_fetcher.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "crawler/clock.h"
#include "fleet/protocol.h"

namespace timecite::fleet {
namespace {

constexpr int64_t kRetryRedisMs = 250;
constexpr int kReadBatch = 512;

int64_t NowMs() {
  static crawler::SystemClock clock;
  return clock.NowMs();
}

bool RunIdOk(const std::string& id) {
  if (id.empty() || id.size() > 200) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
          c == ':' || c == '-'))
      return false;
  }
  return true;
}

}  // namespace

FleetFetcher::FleetFetcher(std::unique_ptr<Redis> redis, FleetFetcherOptions options)
    : redis_(std::move(redis)), options_(std::move(options)) {
  if (!options_.log)
    options_.log = [](const std::string& line) { std::cerr << line << "\n"; };
}

FleetFetcher::~FleetFetcher() {
  (void)redis_->Pipeline({{"DEL", RunAliveKey(options_.run_id)},
                          {"HSET", RunKey(options_.run_id), "finished_ms",
                           std::to_string(NowMs())}});
}

Result<std::unique_ptr<FleetFetcher>> FleetFetcher::Create(const RedisEndpoint& endpoint,
                                                           FleetFetcherOptions options) {
  if (!RunIdOk(options.run_id))
    return Status::InvalidArgument("--run-id must be 1 to 200 of [A-Za-z0-9._:-], got \"" +
                                   options.run_id + "\"");
  auto redis = Redis::Connect(endpoint);
  if (!redis.ok()) return redis.status();
  std::unique_ptr<FleetFetcher> f(new FleetFetcher(std::move(*redis), std::move(options)));
  if (Status s = f->Begin(); !s.ok()) return s;
  return f;
}

// A new epoch: older tasks and results of the run are dropped.
Status FleetFetcher::Begin() {
  const std::string run = options_.run_id;
  const int64_t now = NowMs();
  Result<std::vector<RedisValue>> r = redis_->Pipeline(
      {{"XGROUP", "CREATE", TasksKey(), std::string(kWorkersGroup), "0", "MKSTREAM"},
       {"HINCRBY", RunKey(run), "epoch", "1"},
       {"HSET", RunKey(run), "started_ms", std::to_string(now), "tasks", "0", "results", "0"},
       {"HDEL", RunKey(run), "finished_ms"},
       {"DEL", ResultsKey(run)},
       {"SADD", RunsKey(), run},
       {"SET", RunAliveKey(run), "1", "PX", std::to_string(options_.alive_ttl_ms)}});
  if (!r.ok()) return r.status();
  for (size_t i = 1; i < r->size(); ++i) {
    if ((*r)[i].type == RedisValue::Type::kError) return Status::IoError("redis: " + (*r)[i].str);
  }
  epoch_ = (*r)[1].AsInt();
  last_id_ = "0-0";
  next_alive_ms_ = now + options_.alive_ttl_ms / 3;
  return Status::Ok();
}

void FleetFetcher::Start(Token token, crawler::FetchRequest request) {
  in_flight_[token] = std::move(request);
  unsent_.push_back(token);
}

Status FleetFetcher::Flush() {
  if (unsent_.empty()) return Status::Ok();
  std::vector<std::vector<std::string>> cmds;
  cmds.reserve(unsent_.size() + 1);
  for (Token token : unsent_) {
    auto it = in_flight_.find(token);
    if (it == in_flight_.end()) continue;
    Task task{options_.run_id, epoch_, token, it->second};
    cmds.push_back({"XADD", TasksKey(), "*", "task", EncodeTask(task)});
  }
  cmds.push_back({"HINCRBY", RunKey(options_.run_id), "tasks", std::to_string(cmds.size())});
  Result<std::vector<RedisValue>> r = redis_->Pipeline(cmds);
  if (!r.ok()) return r.status();  // sent again next time: a duplicate is dropped
  stats_.tasks += static_cast<int64_t>(unsent_.size());
  unsent_.clear();
  return Status::Ok();
}

Status FleetFetcher::Heartbeat(int64_t now) {
  if (now < next_alive_ms_ && !down_) return Status::Ok();
  Result<std::vector<RedisValue>> r = redis_->Pipeline(
      {{"HGET", RunKey(options_.run_id), "epoch"},
       {"SET", RunAliveKey(options_.run_id), "1", "PX", std::to_string(options_.alive_ttl_ms)}});
  if (!r.ok()) return r.status();
  const int64_t epoch = (*r)[0].AsInt(-1);
  if (epoch > epoch_) {
    // Another coordinator began the same run: the workers now drop this
    // one's tasks. Every fetch in flight ends as a connect failure.
    if (!taken_over_)
      options_.log("fleet: run " + options_.run_id + " was begun again by another coordinator "
                   "(epoch " + std::to_string(epoch) + "); this one's fetches fail");
    taken_over_ = true;
  } else if (epoch != epoch_) {
    // Redis lost the run (it restarted without persistence): start again
    // and send every task again.
    options_.log("fleet: run " + options_.run_id + " epoch " + std::to_string(epoch_) +
                 " is gone from redis; sending its " + std::to_string(in_flight_.size()) +
                 " tasks again");
    if (Status s = Begin(); !s.ok()) return s;
    unsent_.clear();
    for (const auto& [token, request] : in_flight_) unsent_.push_back(token);
  }
  if (down_) options_.log("fleet: redis " + redis_->endpoint().url + " is back");
  down_ = false;
  next_alive_ms_ = now + options_.alive_ttl_ms / 3;
  return Status::Ok();
}

void FleetFetcher::RedisDown(const Status& s) {
  if (!down_) options_.log("fleet: " + s.message() + "; retrying");
  down_ = true;
  retry_at_ms_ = NowMs() + kRetryRedisMs;
}

Result<std::vector<crawler::Fetcher::Done>> FleetFetcher::Read(int64_t timeout_ms) {
  std::vector<std::string> cmd = {"XREAD", "COUNT", std::to_string(kReadBatch)};
  if (timeout_ms > 0) {
    cmd.push_back("BLOCK");
    cmd.push_back(std::to_string(timeout_ms));
  }
  cmd.insert(cmd.end(), {"STREAMS", ResultsKey(options_.run_id), last_id_});
  Result<RedisValue> r = redis_->Command(cmd);
  if (!r.ok()) return r.status();
  std::vector<Done> out;
  if (r->type != RedisValue::Type::kArray || r->elements.empty()) return out;
  std::vector<std::string> del = {"XDEL", ResultsKey(options_.run_id)};
  for (const RedisValue& stream : r->elements) {
    if (stream.elements.size() != 2) continue;
    for (const RedisValue& entry : stream.elements[1].elements) {
      if (entry.elements.size() != 2) continue;
      const std::string& id = entry.elements[0].str;
      last_id_ = id;
      del.push_back(id);
      std::string cbor;
      bool found = false;
      const RedisValue& fields = entry.elements[1];
      for (size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
        if (fields.elements[i].str == "result") {
          cbor = fields.elements[i + 1].str;
          found = true;
        }
      }
      Result<TaskResult> result =
          found ? DecodeResult(cbor)
                : Result<TaskResult>(Status::InvalidArgument("no \"result\" field"));
      if (!result.ok() || result->run_id != options_.run_id) {
        ++stats_.malformed;
        options_.log("fleet: skipped malformed result " + id + " in " +
                     ResultsKey(options_.run_id) + ": " +
                     (result.ok() ? "another run's (" + result->run_id + ")"
                                  : result.status().message()));
        continue;
      }
      if (result->epoch != epoch_) {
        ++stats_.stale;
        continue;
      }
      auto it = in_flight_.find(result->token);
      if (it == in_flight_.end()) {
        ++stats_.duplicates;
        continue;
      }
      in_flight_.erase(it);
      ++stats_.results;
      out.push_back(Done{result->token, std::move(result->record)});
    }
  }
  if (del.size() > 2) {
    if (Result<RedisValue> d = redis_->Command(del); !d.ok()) return d.status();
  }
  return out;
}

std::vector<crawler::Fetcher::Done> FleetFetcher::Wait(int64_t timeout_ms) {
  if (taken_over_) {
    std::vector<Done> failed;
    for (auto& [token, request] : in_flight_) {
      crawler::FetchRecord r;
      r.url = r.final_url = request.url;
      r.method = request.method;
      r.error = ErrorClass::kConnect;
      r.error_message = "fleet run " + options_.run_id + " taken over by another coordinator";
      r.started_ms = r.finished_ms = NowMs();
      failed.push_back(Done{token, std::move(r)});
    }
    in_flight_.clear();
    unsent_.clear();
    return failed;
  }
  const int64_t deadline = NowMs() + std::max<int64_t>(0, timeout_ms);
  while (true) {
    const int64_t now = NowMs();
    if (now < retry_at_ms_) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::min(retry_at_ms_, std::max(deadline, now)) - now));
      if (NowMs() >= deadline) return {};
      continue;
    }
    Status s = Heartbeat(now);
    if (s.ok()) s = Flush();
    if (s.ok()) {
      // Nothing in flight: sleep the whole wait without asking Redis.
      if (in_flight_.empty()) {
        if (deadline > now) std::this_thread::sleep_for(std::chrono::milliseconds(deadline - now));
        return {};
      }
      Result<std::vector<Done>> done = Read(std::max<int64_t>(0, deadline - now));
      if (done.ok()) {
        if (!done->empty() || NowMs() >= deadline) return std::move(*done);
        continue;
      }
      s = done.status();
    }
    RedisDown(s);
    if (NowMs() >= deadline) return {};
  }
}

FleetFetcherStats FleetFetcher::stats() const {
  FleetFetcherStats s = stats_;
  s.redis_commands = redis_->commands_sent();
  return s;
}

crawler::CrawlOptions FleetCrawlOptions(crawler::CrawlOptions o, int fleet_in_flight) {
  o.obey_robots = false;
  o.default_host_policy.min_interval_ms = 0;
  for (auto& [host, policy] : o.host_policies) policy.min_interval_ms = 0;
  o.max_concurrent = std::max(o.max_concurrent, fleet_in_flight);
  return o;
}

std::string RunIdFor(const std::string& store_path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(store_path, ec);
  const std::string path = ec ? store_path : abs.lexically_normal().string();
  const std::string hex = Sha1Hex(path).substr(0, 12);
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == 0) std::snprintf(host, sizeof host, "host");
  std::string h;
  for (const char* p = host; *p; ++p) {
    const char c = *p;
    h += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  }
  return h + ":" + hex;
}

}  // namespace timecite::fleet
