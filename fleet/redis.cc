#include "fleet/redis.h"

#include <hiredis/hiredis.h>
#include <openssl/evp.h>
#include <sys/time.h>

#include <algorithm>
#include <charconv>

namespace timecite::fleet {
namespace {

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

timeval TimevalOf(int64_t ms) {
  timeval tv;
  tv.tv_sec = static_cast<time_t>(ms / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
  return tv;
}

RedisValue ValueOf(const redisReply& r) {
  RedisValue v;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      v.type = RedisValue::Type::kString;
      v.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      v.type = RedisValue::Type::kStatus;
      v.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      v.type = RedisValue::Type::kError;
      v.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      v.type = RedisValue::Type::kInteger;
      v.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      v.type = RedisValue::Type::kArray;
      v.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i)
        v.elements.push_back(ValueOf(*r.element[i]));
      break;
    default:
      v.type = RedisValue::Type::kNil;
  }
  return v;
}

std::string Hex(const unsigned char* bytes, unsigned int size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

long long RedisValue::AsInt(long long fallback) const {
  if (type == Type::kInteger) return integer;
  if (type == Type::kString || type == Type::kStatus) {
    long long v = 0;
    auto [end, ec] = std::from_chars(str.data(), str.data() + str.size(), v);
    if (ec == std::errc() && end == str.data() + str.size()) return v;
  }
  return fallback;
}

std::string Sha1Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha1(), nullptr);
  return Hex(digest, size);
}

LuaScript::LuaScript(std::string text) : source(std::move(text)), sha1(Sha1Hex(source)) {}

namespace {

// `url` for a message: a password in it (redis://user:PASSWORD@host) shown
// as "***".
std::string WithoutPassword(std::string_view url) {
  const size_t start = url.find("://");
  if (start == std::string_view::npos) return std::string(url);
  const size_t end = url.find('/', start + 3);
  const std::string_view authority = url.substr(start + 3, end == std::string_view::npos
                                                              ? std::string_view::npos
                                                              : end - start - 3);
  const size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const std::string_view userinfo = authority.substr(0, at);
  const size_t colon = userinfo.find(':');
  const std::string user(colon == std::string_view::npos ? std::string_view() : userinfo.substr(0, colon));
  return std::string(url.substr(0, start + 3)) + user + ":***" +
         std::string(url.substr(start + 3 + at));
}

}  // namespace

Result<RedisEndpoint> ParseRedisUrl(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("--redis " + WithoutPassword(url) + ": " + why +
                                   " (want redis://[:PASSWORD@]HOST[:PORT][/DB])");
  };
  constexpr std::string_view kScheme = "redis://";
  if (!url.starts_with(kScheme)) return bad("not a redis:// URL");
  RedisEndpoint e;
  e.url = WithoutPassword(url);
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path =
      slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    const size_t colon = userinfo.find(':');
    e.password = std::string(
        colon == std::string_view::npos ? userinfo : userinfo.substr(colon + 1));
    authority.remove_prefix(at + 1);
  }
  std::string_view port;
  if (authority.starts_with('[')) {  // [IPv6]
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed [");
    e.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("junk after ]");
      port = after.substr(1);
    }
  } else {
    const size_t colon = authority.rfind(':');
    e.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (e.host.empty()) return bad("no host");
  if (!port.empty()) {
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
    if (ec != std::errc() || end != port.data() + port.size() || e.port < 1 ||
        e.port > 65535)
      return bad("bad port");
  }
  if (!path.empty()) {
    auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), e.db);
    if (ec != std::errc() || end != path.data() + path.size() || e.db < 0)
      return bad("the path must be a database number");
  }
  return e;
}

class Redis::Impl {
 public:
  ContextPtr context;
};

Redis::Redis(RedisEndpoint endpoint, int64_t timeout_ms)
    : endpoint_(std::move(endpoint)),
      timeout_ms_(timeout_ms),
      impl_(std::make_unique<Impl>()) {}
Redis::~Redis() = default;

bool Redis::connected() const { return impl_->context != nullptr; }

Status Redis::EnsureConnected() {
  if (impl_->context) return Status::Ok();
  const timeval tv = TimevalOf(timeout_ms_);
  ContextPtr c(redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, tv));
  if (!c) return Status::Network("redis " + endpoint_.url + ": out of memory");
  if (c->err) {
    return Status::Network("redis " + endpoint_.url + ": " + c->errstr);
  }
  redisSetTimeout(c.get(), tv);
  impl_->context = std::move(c);
  auto login = [&](std::vector<std::string> argv) -> Status {
    Result<RedisValue> r = Command(argv);
    if (!r.ok()) {
      impl_->context.reset();
      return Status::Network("redis " + endpoint_.url + ": " + argv[0] + ": " +
                             r.status().message());
    }
    return Status::Ok();
  };
  if (!endpoint_.password.empty()) {
    if (Status s = login({"AUTH", endpoint_.password}); !s.ok()) return s;
  }
  if (endpoint_.db != 0) {
    if (Status s = login({"SELECT", std::to_string(endpoint_.db)}); !s.ok())
      return s;
  }
  return Status::Ok();
}

Result<std::unique_ptr<Redis>> Redis::Connect(const RedisEndpoint& endpoint,
                                              int64_t timeout_ms) {
  std::unique_ptr<Redis> r(new Redis(endpoint, timeout_ms));
  if (Status s = r->EnsureConnected(); !s.ok()) return s;
  Result<RedisValue> pong = r->Command({"PING"});
  if (!pong.ok()) {
    return Status::Network("redis " + endpoint.url + ": " +
                           pong.status().message());
  }
  return r;
}

Result<std::vector<RedisValue>> Redis::Pipeline(
    const std::vector<std::vector<std::string>>& commands) {
  if (Status s = EnsureConnected(); !s.ok()) return s;
  redisContext* c = impl_->context.get();
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const std::vector<std::string>& command : commands) {
    argv.clear();
    lens.clear();
    for (const std::string& word : command) {
      argv.push_back(word.data());
      lens.push_back(word.size());
    }
    redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(),
                           lens.data());
    ++commands_sent_;
  }
  std::vector<RedisValue> out;
  out.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(c, &raw) != REDIS_OK || raw == nullptr) {
      std::string why = c->err ? c->errstr : "no reply";
      impl_->context.reset();
      return Status::Network("redis " + endpoint_.url + ": " + why);
    }
    ReplyPtr reply(static_cast<redisReply*>(raw));
    out.push_back(ValueOf(*reply));
  }
  return out;
}

Result<RedisValue> Redis::Command(const std::vector<std::string>& argv) {
  Result<std::vector<RedisValue>> r = Pipeline({argv});
  if (!r.ok()) return r.status();
  RedisValue v = std::move(r->front());
  if (v.type == RedisValue::Type::kError)
    return Status::IoError("redis: " + v.str);
  return v;
}

Result<RedisValue> Redis::Eval(const LuaScript& script,
                               const std::vector<std::string>& keys,
                               const std::vector<std::string>& args) {
  Result<std::vector<RedisValue>> r = EvalMany({{&script, keys, args}});
  if (!r.ok()) return r.status();
  RedisValue v = std::move(r->front());
  if (v.type == RedisValue::Type::kError)
    return Status::IoError("redis: " + v.str);
  return v;
}

Result<std::vector<RedisValue>> Redis::EvalMany(
    const std::vector<EvalCall>& calls) {
  auto command_of = [](const EvalCall& call) {
    std::vector<std::string> argv = {"EVALSHA", call.script->sha1,
                                     std::to_string(call.keys.size())};
    argv.insert(argv.end(), call.keys.begin(), call.keys.end());
    argv.insert(argv.end(), call.args.begin(), call.args.end());
    return argv;
  };
  std::vector<std::vector<std::string>> commands;
  commands.reserve(calls.size());
  for (const EvalCall& call : calls) commands.push_back(command_of(call));
  Result<std::vector<RedisValue>> r = Pipeline(commands);
  if (!r.ok()) return r;
  auto noscript = [](const RedisValue& v) {
    return v.type == RedisValue::Type::kError &&
           v.str.find("NOSCRIPT") != std::string::npos;
  };
  std::vector<size_t> again;
  for (size_t i = 0; i < r->size(); ++i)
    if (noscript((*r)[i])) again.push_back(i);
  if (again.empty()) return r;
  // A server without our scripts (new, or restarted): load each once, then
  // send the refused calls again.
  std::vector<std::vector<std::string>> retry;
  std::vector<std::string> loaded;
  for (size_t i : again) {
    const LuaScript& script = *calls[i].script;
    if (std::find(loaded.begin(), loaded.end(), script.sha1) == loaded.end()) {
      Result<RedisValue> l = Command({"SCRIPT", "LOAD", script.source});
      if (!l.ok()) return l.status();
      loaded.push_back(script.sha1);
    }
    retry.push_back(commands[i]);
  }
  Result<std::vector<RedisValue>> second = Pipeline(retry);
  if (!second.ok()) return second;
  for (size_t k = 0; k < again.size(); ++k) (*r)[again[k]] = std::move((*second)[k]);
  return r;
}

}  // namespace timecite::fleet
