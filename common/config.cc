#include "common/config.h"

#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "common/file.h"

namespace timecite {
namespace {

// Reads one table, checking every key against the allowed set.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path) : table_(table), path_(std::move(path)) {}

  // Fails naming the first key not in `allowed`.
  Status OnlyKeys(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : table_) {
      bool ok = false;
      for (auto a : allowed) ok |= key.str() == a;
      if (!ok) return Status::InvalidArgument("unknown key '" + Name(key.str()) + "'");
    }
    return Status::Ok();
  }

  Status Int(std::string_view key, int min, int max, int* out) const {
    const toml::node* n = table_.get(key);
    if (!n) return Status::Ok();
    auto v = n->value<int64_t>();
    if (!n->is_integer() || !v) return Status::InvalidArgument("'" + Name(key) + "' must be an integer");
    if (*v < min || *v > max) {
      return Status::InvalidArgument("'" + Name(key) + "' must be between " + std::to_string(min) +
                                     " and " + std::to_string(max));
    }
    *out = static_cast<int>(*v);
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool* out) const {
    const toml::node* n = table_.get(key);
    if (!n) return Status::Ok();
    if (!n->is_boolean()) return Status::InvalidArgument("'" + Name(key) + "' must be true or false");
    *out = *n->value<bool>();
    return Status::Ok();
  }

  Status String(std::string_view key, std::string* out) const {
    const toml::node* n = table_.get(key);
    if (!n) return Status::Ok();
    if (!n->is_string()) return Status::InvalidArgument("'" + Name(key) + "' must be a string");
    *out = *n->value<std::string>();
    return Status::Ok();
  }

  Status Regexes(std::string_view key, std::vector<std::string>* out) const {
    const toml::node* n = table_.get(key);
    if (!n) return Status::Ok();
    const toml::array* arr = n->as_array();
    if (!arr) return Status::InvalidArgument("'" + Name(key) + "' must be an array of strings");
    for (const auto& item : *arr) {
      if (!item.is_string()) {
        return Status::InvalidArgument("'" + Name(key) + "' must be an array of strings");
      }
      std::string pattern = *item.value<std::string>();
      if (Status s = CheckRegex(pattern, Name(key)); !s.ok()) return s;
      out->push_back(std::move(pattern));
    }
    return Status::Ok();
  }

  static Status CheckRegex(const std::string& pattern, const std::string& where) {
    try {
      std::regex re(pattern);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("'" + where + "': not a valid regex '" + pattern + "': " +
                                     e.what());
    }
    return Status::Ok();
  }

  const toml::table* Table(std::string_view key, Status* error) const {
    const toml::node* n = table_.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) *error = Status::InvalidArgument("'" + Name(key) + "' must be a table");
    return n->as_table();
  }

  std::string Name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const toml::table& table() const { return table_; }

 private:
  const toml::table& table_;
  std::string path_;
};

#define RETURN_IF_ERROR(expr)        \
  do {                               \
    ::timecite::Status status_ = (expr); \
    if (!status_.ok()) return status_; \
  } while (0)

Status ReadRules(const toml::table& t, Config* c) {
  for (const auto& [key, node] : t) {
    const std::string name = "rules." + std::string(key.str());
    if (!node.is_string()) return Status::InvalidArgument("'" + name + "' must be a string");
    const std::string v = *node.value<std::string>();
    if (v != "off" && v != "info" && v != "warning" && v != "error") {
      return Status::InvalidArgument("'" + name + "' must be off, info, warning or error, not '" +
                                     v + "'");
    }
    c->rule_severity[std::string(key.str())] = v;
  }
  return Status::Ok();
}

Status ReadCheck(const toml::table& t, Config* c) {
  TableReader r(t, "check");
  RETURN_IF_ERROR(r.OnlyKeys({"fail_on", "accept", "exclude"}));
  RETURN_IF_ERROR(r.String("fail_on", &c->fail_on));
  if (c->fail_on != "broken" && c->fail_on != "warning") {
    return Status::InvalidArgument("'check.fail_on' must be broken or warning");
  }
  RETURN_IF_ERROR(r.Regexes("accept", &c->accept));
  RETURN_IF_ERROR(r.Regexes("exclude", &c->exclude));
  return Status::Ok();
}

Status ReadRemap(const toml::node& node, Config* c) {
  const toml::array* arr = node.as_array();
  if (!arr) return Status::InvalidArgument("'remap' must be an array of tables ([[remap]])");
  for (const auto& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) return Status::InvalidArgument("'remap' must be an array of tables ([[remap]])");
    TableReader r(*t, "remap");
    RETURN_IF_ERROR(r.OnlyKeys({"pattern", "replace"}));
    Config::Remap m;
    RETURN_IF_ERROR(r.String("pattern", &m.pattern));
    RETURN_IF_ERROR(r.String("replace", &m.replace));
    if (m.pattern.empty()) return Status::InvalidArgument("'remap.pattern' is required");
    RETURN_IF_ERROR(TableReader::CheckRegex(m.pattern, "remap.pattern"));
    c->remap.push_back(std::move(m));
  }
  return Status::Ok();
}

Status ReadPoliteness(const TableReader& r, HostPoliteness* p, std::string_view concurrent_key,
                      std::string_view interval_key) {
  RETURN_IF_ERROR(r.Int(concurrent_key, 1, 64, &p->max_concurrent));
  RETURN_IF_ERROR(r.Int(interval_key, 0, 3600000, &p->min_interval_ms));
  return Status::Ok();
}

Status ReadCrawler(const toml::table& t, Config* c) {
  TableReader r(t, "crawler");
  RETURN_IF_ERROR(r.OnlyKeys({"user_agent", "concurrency", "max_retries", "timeout_s",
                              "body_cap_mib", "default_max_concurrent",
                              "default_min_interval_ms", "hosts", "allow_private",
                              "max_retry_after_s"}));
  RETURN_IF_ERROR(r.Bool("allow_private", &c->allow_private));
  RETURN_IF_ERROR(r.Int("max_retry_after_s", 0, 86400, &c->max_retry_after_s));
  RETURN_IF_ERROR(r.String("user_agent", &c->user_agent));
  RETURN_IF_ERROR(r.Int("concurrency", 1, 1024, &c->concurrency));
  RETURN_IF_ERROR(r.Int("max_retries", 0, 20, &c->max_retries));
  RETURN_IF_ERROR(r.Int("timeout_s", 1, 3600, &c->timeout_s));
  RETURN_IF_ERROR(r.Int("body_cap_mib", 1, 4096, &c->body_cap_mib));
  RETURN_IF_ERROR(ReadPoliteness(r, &c->default_politeness, "default_max_concurrent",
                                 "default_min_interval_ms"));
  Status error;
  if (const toml::table* hosts = r.Table("hosts", &error)) {
    for (const auto& [host, node] : *hosts) {
      const std::string name = "crawler.hosts.\"" + std::string(host.str()) + "\"";
      const toml::table* ht = node.as_table();
      if (!ht) return Status::InvalidArgument("'" + name + "' must be a table");
      TableReader hr(*ht, name);
      RETURN_IF_ERROR(hr.OnlyKeys({"max_concurrent", "min_interval_ms"}));
      HostPoliteness p = c->default_politeness;
      RETURN_IF_ERROR(ReadPoliteness(hr, &p, "max_concurrent", "min_interval_ms"));
      std::string lower(host.str());
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      c->hosts[lower] = p;
    }
  }
  return error;
}

Status ReadDeepLinks(const toml::table& t, Config* c) {
  static const std::set<std::string> kPlaceholders = {"asset_id", "folder",  "lang",
                                                      "entry_id", "start_s", "timecode"};
  for (const auto& [key, node] : t) {
    const std::string name = "deep_links." + std::string(key.str());
    if (!node.is_string()) return Status::InvalidArgument("'" + name + "' must be a string");
    const std::string tmpl = *node.value<std::string>();
    for (std::size_t open = tmpl.find('{'); open != std::string::npos;
         open = tmpl.find('{', open + 1)) {
      const std::size_t close = tmpl.find('}', open);
      if (close == std::string::npos) {
        return Status::InvalidArgument("'" + name + "': unclosed '{'");
      }
      const std::string ph = tmpl.substr(open + 1, close - open - 1);
      if (ph == "seconds") {  // the site profiles' old name
        return Status::InvalidArgument("'" + name +
                                       "': {seconds} is not a placeholder here; write {start_s}");
      }
      if (!kPlaceholders.count(ph)) {
        return Status::InvalidArgument("'" + name + "': unknown placeholder {" + ph + "}");
      }
    }
    c->deep_links[std::string(key.str())] = tmpl;
  }
  return Status::Ok();
}

Status ReadHistory(const toml::table& t, Config* c) {
  TableReader r(t, "history");
  RETURN_IF_ERROR(r.OnlyKeys({"failures", "min_days"}));
  RETURN_IF_ERROR(r.Int("failures", 1, 100, &c->history_failures));
  RETURN_IF_ERROR(r.Int("min_days", 0, 365, &c->history_min_days));
  return Status::Ok();
}

}  // namespace

Result<Config> ParseConfig(std::string_view text, std::string_view source) {
  toml::table root;
  try {  // toml++ is built with exceptions; convert at this boundary
    root = toml::parse(text, std::string(source));
  } catch (const toml::parse_error& err) {
    std::ostringstream msg;
    msg << source << ":" << err.source().begin.line << ":" << err.source().begin.column << ": "
        << err.description();
    return Status::InvalidArgument(msg.str());
  }
  Config config;
  TableReader r(root, "");
  Status s = r.OnlyKeys({"rules", "check", "remap", "crawler", "deep_links", "history"});
  auto table = [&](std::string_view key, Status (*read)(const toml::table&, Config*)) {
    if (!s.ok()) return;
    if (const toml::node* n = root.get(key)) {
      if (!n->is_table()) {
        s = Status::InvalidArgument("'" + std::string(key) + "' must be a table");
        return;
      }
      s = read(*n->as_table(), &config);
    }
  };
  table("rules", ReadRules);
  table("check", ReadCheck);
  table("crawler", ReadCrawler);
  table("deep_links", ReadDeepLinks);
  table("history", ReadHistory);
  if (s.ok()) {
    if (const toml::node* n = root.get("remap")) s = ReadRemap(*n, &config);
  }
  if (!s.ok()) return s.WithContext(source);
  return config;
}

Result<Config> LoadConfig(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // An ifstream opens a directory and reads nothing: the defaults, silently.
    return Status::IoError(path.string() +
                           ": is a directory, not a configuration file");
  }
  // At most kMaxConfigBytes, so that /dev/zero or a FIFO cannot fill memory.
  auto text = ReadFile(path, kMaxConfigBytes);
  if (!text.ok()) {
    if (text.status().code() == Status::Code::kInvalidArgument) {
      return Status::InvalidArgument(path.string() + ": larger than " +
                                     std::to_string(kMaxConfigBytes >> 20) +
                                     " MiB; not a configuration file");
    }
    return Status::IoError(text.status().message() +
                           " (cannot read the configuration)");
  }
  return ParseConfig(*text, path.string());
}

}  // namespace timecite
