// timecite.toml: the user's configuration (TOML v1.0, read with toml++).
// configs/timecite.toml is the documented example. Every key is optional; an
// unknown key or a value of the wrong type is an error that names the key
// ("unknown key 'crawler.hosts.\"webtv.un.org\".interval'"), so a typo never
// passes silently. The CLI turns such errors into exit code 3.
//
//   [rules]              "<rule id>" = "off" | "info" | "warning" | "error"
//   [check]              fail_on = "broken" | "warning"
//                        accept  = ["<regex>", ...]  URLs always ok (known exceptions)
//                        exclude = ["<regex>", ...]  URLs not reported at all
//   [[remap]]            pattern = "<regex>", replace = "<replacement>" (ECMAScript
//                        $1 style): the URL fetched instead of the one written
//   [crawler]            user_agent, concurrency, max_retries, timeout_s, body_cap_mib,
//                        default_max_concurrent, default_min_interval_ms,
//                        allow_private (true: loopback/private addresses may be
//                        fetched), max_retry_after_s (longest Retry-After waited)
//   [crawler.hosts."<host>"]  max_concurrent, min_interval_ms
//   [deep_links]         "<name>" = "<template with {asset_id} {folder} {lang}
//                        {entry_id} {start_s} {timecode}>"
//   [history]            failures = N, min_days = D   (when a link is called dead)
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "timecite/version.h"

namespace timecite {

struct HostPoliteness {
  int max_concurrent = 2;     // requests in flight to the host
  int min_interval_ms = 500;  // between the starts of two requests
};

struct Config {
  // Rule id → "off", "info", "warning" or "error".
  std::map<std::string, std::string> rule_severity;
  std::string fail_on = "broken";
  std::vector<std::string> accept;   // ECMAScript regexes, matched against the URL as written
  std::vector<std::string> exclude;  // same
  struct Remap {
    std::string pattern;
    std::string replace;
  };
  std::vector<Remap> remap;

  std::string user_agent = TIMECITE_DEFAULT_USER_AGENT;  // common/version.h.in
  int concurrency = 8;
  int max_retries = 3;
  int timeout_s = 30;
  int body_cap_mib = 20;
  // Fetch loopback, private, link-local and cloud metadata addresses
  // (crawler/address_policy.h); false: refused with `private-address`.
  bool allow_private = false;
  // A Retry-After longer than this (seconds) is not waited for: the URL is
  // final at once (`unverified`), and its host is held at most this long.
  int max_retry_after_s = 600;
  HostPoliteness default_politeness;
  std::map<std::string, HostPoliteness> hosts;  // per host (lower case)

  std::map<std::string, std::string> deep_links;  // name → template

  int history_failures = 3;  // failed checks before "broken"
  int history_min_days = 3;  // between the first and the last of them
};

// Parses TOML text. `source` names it in messages (a path). Errors:
// InvalidArgument with the key and, for syntax errors, line and column.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source);

// Largest configuration file read, in bytes (1 MiB).
inline constexpr std::size_t kMaxConfigBytes = 1u << 20;

// Reads and parses a file. Errors: IoError when unreadable or a directory,
// InvalidArgument over kMaxConfigBytes, else as ParseConfig.
Result<Config> LoadConfig(const std::filesystem::path& path);

}  // namespace timecite
