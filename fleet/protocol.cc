#include "fleet/protocol.h"

#include <nlohmann/json.hpp>

namespace timecite::fleet {
namespace {

using nlohmann::json;

std::string Key(std::string_view a, std::string_view b = "",
                std::string_view c = "") {
  std::string k(kKeyPrefix);
  k += a;
  k += b;
  k += c;
  return k;
}

json Bytes(std::string_view s) {
  return json::binary(std::vector<std::uint8_t>(s.begin(), s.end()));
}

std::string Encode(const json& j) {
  std::vector<std::uint8_t> bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

// Reads members out of a decoded object; the first problem is kept.
class Reader {
 public:
  explicit Reader(const json& j) : j_(j) {}
  std::string Str(const char* name) {
    const json* v = Get(name);
    if (!v) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_binary()) {
      const auto& b = v->get_binary();
      return std::string(b.begin(), b.end());
    }
    Fail(name, "a string");
    return {};
  }
  int64_t Int(const char* name) {
    const json* v = Get(name);
    if (!v) return 0;
    if (!v->is_number_integer()) {
      Fail(name, "an integer");
      return 0;
    }
    return v->get<int64_t>();
  }
  bool Bool(const char* name) {
    const json* v = Get(name);
    if (!v) return false;
    if (!v->is_boolean()) {
      Fail(name, "a boolean");
      return false;
    }
    return v->get<bool>();
  }
  const json* Object(const char* name) {
    const json* v = Get(name);
    if (v && !v->is_object()) {
      Fail(name, "an object");
      return nullptr;
    }
    return v;
  }
  const json* Array(const char* name) {
    const json* v = Get(name);
    if (v && !v->is_array()) {
      Fail(name, "an array");
      return nullptr;
    }
    return v;
  }
  void Fail(std::string_view name, std::string_view want) {
    if (problem_.empty())
      problem_ = "member \"" + std::string(name) + "\" is not " + std::string(want);
  }
  const std::string& problem() const { return problem_; }

 private:
  const json* Get(const char* name) {
    auto it = j_.find(name);
    if (it == j_.end()) {
      if (problem_.empty()) problem_ = "member \"" + std::string(name) + "\" missing";
      return nullptr;
    }
    return &*it;
  }
  const json& j_;
  std::string problem_;
};

json RequestJson(const crawler::FetchRequest& r) {
  return {{"url", r.url},
          {"method", r.method},
          {"body", Bytes(r.body)},
          {"content_type", r.content_type},
          {"head_fallback_to_get", r.head_fallback_to_get},
          {"max_redirects", r.max_redirects},
          {"timeout_ms", r.timeout_ms},
          {"max_body_bytes", r.max_body_bytes},
          {"truncate_at_cap", r.truncate_at_cap},
          {"if_none_match", r.if_none_match},
          {"if_modified_since", r.if_modified_since}};
}

crawler::FetchRequest RequestOf(Reader& in) {
  crawler::FetchRequest r;
  r.url = in.Str("url");
  r.method = in.Str("method");
  r.body = in.Str("body");
  r.content_type = in.Str("content_type");
  r.head_fallback_to_get = in.Bool("head_fallback_to_get");
  r.max_redirects = static_cast<int>(in.Int("max_redirects"));
  r.timeout_ms = in.Int("timeout_ms");
  r.max_body_bytes = in.Int("max_body_bytes");
  r.truncate_at_cap = in.Bool("truncate_at_cap");
  r.if_none_match = in.Str("if_none_match");
  r.if_modified_since = in.Str("if_modified_since");
  return r;
}

json RecordJson(const crawler::FetchRecord& r) {
  json hops = json::array();
  for (const crawler::RedirectHop& h : r.redirects)
    hops.push_back({{"url", h.url}, {"status", h.status}, {"location", h.location}});
  return {{"url", r.url},
          {"method", r.method},
          {"final_url", r.final_url},
          {"status", r.status},
          {"redirects", std::move(hops)},
          {"etag", Bytes(r.etag)},
          {"last_modified", Bytes(r.last_modified)},
          {"content_type", Bytes(r.content_type)},
          {"retry_after", Bytes(r.retry_after)},
          {"body", Bytes(r.body)},
          {"body_truncated", r.body_truncated},
          {"not_modified", r.not_modified},
          {"error", ErrorClassName(r.error)},
          {"error_message", Bytes(r.error_message)},
          {"attempts", r.attempts},
          {"started_ms", r.started_ms},
          {"finished_ms", r.finished_ms}};
}

crawler::FetchRecord RecordOf(Reader& in) {
  crawler::FetchRecord r;
  r.url = in.Str("url");
  r.method = in.Str("method");
  r.final_url = in.Str("final_url");
  r.status = static_cast<int>(in.Int("status"));
  if (const json* hops = in.Array("redirects")) {
    for (const json& h : *hops) {
      if (!h.is_object()) {
        in.Fail("redirects", "an array of objects");
        break;
      }
      Reader hop(h);
      crawler::RedirectHop rh;
      rh.url = hop.Str("url");
      rh.status = static_cast<int>(hop.Int("status"));
      rh.location = hop.Str("location");
      if (!hop.problem().empty()) {
        in.Fail("redirects", "an array of hops");
        break;
      }
      r.redirects.push_back(std::move(rh));
    }
  }
  r.etag = in.Str("etag");
  r.last_modified = in.Str("last_modified");
  r.content_type = in.Str("content_type");
  r.retry_after = in.Str("retry_after");
  r.body = in.Str("body");
  r.body_truncated = in.Bool("body_truncated");
  r.not_modified = in.Bool("not_modified");
  const std::string error = in.Str("error");
  if (auto c = ParseErrorClass(error)) {
    r.error = *c;
  } else if (in.problem().empty()) {
    in.Fail("error", "an error class");
  }
  r.error_message = in.Str("error_message");
  r.attempts = static_cast<int>(in.Int("attempts"));
  r.started_ms = in.Int("started_ms");
  r.finished_ms = in.Int("finished_ms");
  return r;
}

// The decoded object of a message, checked for its version.
Result<json> Open(std::string_view cbor, const char* what) {
  json j = json::from_cbor(cbor.begin(), cbor.end(), /*strict=*/true,
                           /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Status::InvalidArgument(std::string(what) + ": not CBOR");
  if (!j.is_object())
    return Status::InvalidArgument(std::string(what) + ": not a CBOR map");
  auto v = j.find("v");
  if (v == j.end() || !v->is_number_integer() || v->get<int64_t>() != kProtocolVersion)
    return Status::InvalidArgument(std::string(what) + ": not version " +
                                   std::to_string(kProtocolVersion));
  return j;
}

}  // namespace

std::string TasksKey() { return Key("tasks"); }
std::string ResultsKey(std::string_view run_id) { return Key("results:", run_id); }
std::string RunKey(std::string_view run_id) { return Key("run:", run_id); }
std::string RunAliveKey(std::string_view run_id) {
  return Key("run:", run_id, ":alive");
}
std::string RunsKey() { return Key("runs"); }
std::string HostKeyOf(std::string_view host) { return Key("host:", host); }
std::string HostFlightsKey(std::string_view host) {
  return Key("host:", host, ":flights");
}
std::string RobotsKey(std::string_view origin) { return Key("robots:", origin); }
std::string RobotsLockKey(std::string_view origin) {
  return Key("robots:", origin, ":lock");
}
std::string WorkerKey(std::string_view worker_id) { return Key("worker:", worker_id); }
std::string WorkersKey() { return Key("workers"); }

std::string EncodeTask(const Task& t) {
  return Encode({{"v", kProtocolVersion},
                 {"run", t.run_id},
                 {"epoch", t.epoch},
                 {"token", t.token},
                 {"request", RequestJson(t.request)}});
}

std::string EncodeResult(const TaskResult& r) {
  return Encode({{"v", kProtocolVersion},
                 {"run", r.run_id},
                 {"epoch", r.epoch},
                 {"token", r.token},
                 {"worker", r.worker_id},
                 {"task", r.task_entry_id},
                 {"record", RecordJson(r.record)}});
}

Result<Task> DecodeTask(std::string_view cbor) {
  Result<json> j = Open(cbor, "task");
  if (!j.ok()) return j.status();
  Reader in(*j);
  Task t;
  t.run_id = in.Str("run");
  t.epoch = in.Int("epoch");
  t.token = static_cast<uint64_t>(in.Int("token"));
  if (const json* request = in.Object("request")) {
    Reader rq(*request);
    t.request = RequestOf(rq);
    if (!rq.problem().empty()) return Status::InvalidArgument("task request: " + rq.problem());
  }
  if (!in.problem().empty()) return Status::InvalidArgument("task: " + in.problem());
  if (t.run_id.empty()) return Status::InvalidArgument("task: empty run id");
  return t;
}

Result<TaskResult> DecodeResult(std::string_view cbor) {
  Result<json> j = Open(cbor, "result");
  if (!j.ok()) return j.status();
  Reader in(*j);
  TaskResult r;
  r.run_id = in.Str("run");
  r.epoch = in.Int("epoch");
  r.token = static_cast<uint64_t>(in.Int("token"));
  r.worker_id = in.Str("worker");
  r.task_entry_id = in.Str("task");
  if (const json* record = in.Object("record")) {
    Reader rec(*record);
    r.record = RecordOf(rec);
    if (!rec.problem().empty())
      return Status::InvalidArgument("result record: " + rec.problem());
  }
  if (!in.problem().empty()) return Status::InvalidArgument("result: " + in.problem());
  return r;
}

std::string EncodeRobots(const RobotsEntry& e) {
  return Encode({{"v", kProtocolVersion},
                 {"fetched_ms", e.fetched_ms},
                 {"record", RecordJson(e.record)}});
}

Result<RobotsEntry> DecodeRobots(std::string_view cbor) {
  Result<json> j = Open(cbor, "robots");
  if (!j.ok()) return j.status();
  Reader in(*j);
  RobotsEntry e;
  e.fetched_ms = in.Int("fetched_ms");
  if (const json* record = in.Object("record")) {
    Reader rec(*record);
    e.record = RecordOf(rec);
    if (!rec.problem().empty())
      return Status::InvalidArgument("robots record: " + rec.problem());
  }
  if (!in.problem().empty()) return Status::InvalidArgument("robots: " + in.problem());
  return e;
}

}  // namespace timecite::fleet
