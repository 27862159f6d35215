#include "fleet/politeness.h"

#include "fleet/protocol.h"

namespace timecite::fleet {
namespace {

// Redis's time in whole ms (TIME: seconds and microseconds), as `now` in
// every script.
constexpr char kRedisNowMs[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
)lua";

// KEYS[1] host hash, KEYS[2] flights; ARGV holder, concurrency
// (HostPolicy::Concurrency), min_interval_ms, lease_ms. Returns {1, now} or
// {0, wait_ms | -1}. A place whose lease ran out (its holder died) counts as
// ended at its lease's end: the interval runs from there.
const LuaScript& AcquireScript() {
  static const LuaScript script(std::string(kRedisNowMs) + R"lua(
local max = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES')
if #expired > 0 then
  local ended = tonumber(expired[#expired])
  if interval > 0 then
    local next_ms = tonumber(redis.call('HGET', KEYS[1], 'next_ms')) or 0
    redis.call('HSET', KEYS[1], 'next_ms', math.max(next_ms, ended + 1 + interval))
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {1, now} end
local st = redis.call('HMGET', KEYS[1], 'next_ms', 'blocked_ms')
local until_ms = math.max(tonumber(st[1]) or 0, tonumber(st[2]) or 0)
if until_ms > now then return {0, until_ms - now} end
if redis.call('ZCARD', KEYS[2]) >= max then return {0, -1} end
redis.call('ZADD', KEYS[2], now + lease, ARGV[1])
redis.call('HINCRBY', KEYS[1], 'requests', 1)
redis.call('PEXPIRE', KEYS[1], 86400000)
redis.call('PEXPIRE', KEYS[2], 86400000)
return {1, now}
)lua");
  return script;
}

// KEYS[1] host hash, KEYS[2] flights; ARGV holder, min_interval_ms,
// retry_after_ms. The fetch has ended now: with an interval, the host's next
// place is given at now + 1 + interval (HostPolicy::NextStartMs).
const LuaScript& ReleaseScript() {
  static const LuaScript script(std::string(kRedisNowMs) + R"lua(
redis.call('ZREM', KEYS[2], ARGV[1])
local interval = tonumber(ARGV[2])
if interval > 0 then
  local next_ms = tonumber(redis.call('HGET', KEYS[1], 'next_ms')) or 0
  redis.call('HSET', KEYS[1], 'next_ms', math.max(next_ms, now + 1 + interval))
end
local ra = tonumber(ARGV[3])
if ra > 0 then
  local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked_ms')) or 0
  redis.call('HSET', KEYS[1], 'blocked_ms', math.max(blocked, now + ra))
end
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
)lua");
  return script;
}

}  // namespace

Result<Grant> FleetPoliteness::Acquire(const std::string& host,
                                       const std::string& holder,
                                       const crawler::HostPolicy& policy,
                                       int64_t lease_ms) {
  Result<std::vector<Grant>> g = AcquireMany({{host, holder, policy, lease_ms}});
  if (!g.ok()) return g.status();
  return g->front();
}

Result<std::vector<Grant>> FleetPoliteness::AcquireMany(
    const std::vector<PlaceAsk>& asks) {
  if (asks.empty()) return std::vector<Grant>();
  std::vector<Redis::EvalCall> calls;
  calls.reserve(asks.size());
  for (const PlaceAsk& a : asks) {
    calls.push_back({&AcquireScript(),
                     {HostKeyOf(a.host), HostFlightsKey(a.host)},
                     {a.holder, std::to_string(a.policy.Concurrency()),
                      std::to_string(std::max<int64_t>(0, a.policy.min_interval_ms)),
                      std::to_string(a.lease_ms)}});
  }
  Result<std::vector<RedisValue>> r = redis_.EvalMany(calls);
  if (!r.ok()) return r.status();
  std::vector<Grant> grants;
  grants.reserve(r->size());
  for (const RedisValue& v : *r) {
    if (v.type == RedisValue::Type::kError) return Status::IoError("redis: " + v.str);
    if (v.type != RedisValue::Type::kArray || v.elements.size() != 2)
      return Status::IoError("redis: unexpected answer to the politeness script");
    Grant g;
    g.granted = v.elements[0].AsInt() == 1;
    g.wait_ms = g.granted ? 0 : v.elements[1].AsInt(-1);
    grants.push_back(g);
  }
  return grants;
}

Status FleetPoliteness::Release(const std::string& host, const std::string& holder,
                                const crawler::HostPolicy& policy, int64_t retry_after_ms) {
  return ReleaseMany({{host, holder, policy.min_interval_ms, retry_after_ms}});
}

Status FleetPoliteness::ReleaseMany(const std::vector<PlaceRelease>& releases) {
  if (releases.empty()) return Status::Ok();
  std::vector<Redis::EvalCall> calls;
  calls.reserve(releases.size());
  for (const PlaceRelease& e : releases) {
    calls.push_back({&ReleaseScript(),
                     {HostKeyOf(e.host), HostFlightsKey(e.host)},
                     {e.holder, std::to_string(std::max<int64_t>(0, e.min_interval_ms)),
                      std::to_string(std::max<int64_t>(0, e.retry_after_ms))}});
  }
  Result<std::vector<RedisValue>> r = redis_.EvalMany(calls);
  if (!r.ok()) return r.status();
  for (const RedisValue& v : *r)
    if (v.type == RedisValue::Type::kError) return Status::IoError("redis: " + v.str);
  return Status::Ok();
}

}  // namespace timecite::fleet
