// timecite::fleet::Redis — one connection to a Redis server (or Valkey,
// Kvrocks: anything speaking RESP2), on hiredis 0.14's blocking API
// (redisConnectWithTimeout, redisCommandArgv, redisAppendCommandArgv /
// redisGetReply for pipelines). fleet/ is the only code that includes
// hiredis; no hiredis type crosses this header: replies are copied into a
// RedisValue and the redisReply freed at once (RAII, unique_ptr with
// freeReplyObject); the redisContext is owned the same way (redisFree).
//
// Reconnecting: after an I/O error (the server restarted, the connection
// broke) the connection is dropped and the next command connects again,
// once; the caller decides how long to keep trying (the worker and the
// FleetFetcher retry every few hundred ms: fleet.h). Scripts run with
// EVALSHA and are loaded again on NOSCRIPT (a restarted server has none).
//
// Thread safety: one thread at a time per Redis object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace timecite::fleet {

// Where the server is: redis://[:PASSWORD@]HOST[:PORT][/DB] (the URL form of
// redis-cli -u and the IANA "redis" scheme; default port 6379, db 0).
struct RedisEndpoint {
  std::string url;  // as given, for messages, with the password as "***"
  std::string host;
  int port = 6379;
  std::string password;  // AUTH when not empty
  int db = 0;            // SELECT when not 0
};

// Errors: InvalidArgument naming the URL and what is wrong with it.
Result<RedisEndpoint> ParseRedisUrl(std::string_view url);

// A reply, copied out of hiredis. Integers stay integers; bulk strings are
// bytes (binary-safe); kError holds the server's message (only inside
// pipelines and arrays: Redis::Command turns a top-level error into a Status).
struct RedisValue {
  enum class Type { kNil, kString, kInteger, kArray, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisValue> elements;  // kArray

  bool nil() const { return type == Type::kNil; }
  // The integer of an kInteger, or of a kString holding digits; `fallback`
  // otherwise.
  long long AsInt(long long fallback = 0) const;
};

// The SHA-1 of `bytes` as 40 lower-case hex digits (script names, run ids).
std::string Sha1Hex(std::string_view bytes);

// A Lua script and its SHA-1 (the EVALSHA name), computed once.
struct LuaScript {
  explicit LuaScript(std::string source);
  std::string source;
  std::string sha1;  // 40 lower-case hex digits
};

class Redis {
 public:
  // Connects (with `timeout_ms` for the connection and for every command
  // after; a blocking XREAD must ask for less), authenticates and selects
  // the database. Errors: Network "redis <url>: <reason>" when the server
  // cannot be reached or refuses AUTH/SELECT.
  static Result<std::unique_ptr<Redis>> Connect(const RedisEndpoint& endpoint,
                                                int64_t timeout_ms = 10'000);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // One command, its words binary-safe. Errors: Network when the server
  // cannot be reached (the connection is dropped; the next call reconnects),
  // IoError "redis: <server message>" for an error reply.
  Result<RedisValue> Command(const std::vector<std::string>& argv);
  // Several commands sent at once (one round trip); one value per command,
  // an error reply as a kError value. Errors: Network as Command.
  Result<std::vector<RedisValue>> Pipeline(
      const std::vector<std::vector<std::string>>& commands);
  // EVALSHA script KEYS... ARGV..., loading it on NOSCRIPT. Errors: as
  // Command.
  Result<RedisValue> Eval(const LuaScript& script,
                          const std::vector<std::string>& keys,
                          const std::vector<std::string>& args);

  // One script call of EvalMany; `script` is not owned and must outlive it.
  struct EvalCall {
    const LuaScript* script;
    std::vector<std::string> keys;
    std::vector<std::string> args;
  };
  // Many EVALSHA calls in one pipeline (one round trip; Redis runs them in
  // order, each atomically); the calls a server without the script refused
  // (NOSCRIPT) are sent again after SCRIPT LOAD, in order. One value per
  // call, an error reply as a kError value. Errors: Network as Pipeline.
  Result<std::vector<RedisValue>> EvalMany(const std::vector<EvalCall>& calls);

  // Commands sent since Connect (pipelined ones included; reconnects and
  // script loads too): the frontier's cost per URL in benchmarks.
  int64_t commands_sent() const { return commands_sent_; }
  bool connected() const;
  const RedisEndpoint& endpoint() const { return endpoint_; }

  class Impl;

 private:
  Redis(RedisEndpoint endpoint, int64_t timeout_ms);
  Status EnsureConnected();
  RedisEndpoint endpoint_;
  int64_t timeout_ms_;
  int64_t commands_sent_ = 0;
  std::unique_ptr<Impl> impl_;
};

}  // namespace timecite::fleet
