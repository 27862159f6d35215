// robots.txt as RFC 9309 defines it: groups of user-agent lines followed by
// allow/disallow rules; the group(s) naming our product token apply (case-
// insensitive), else the "*" group(s); several matching groups are combined.
// A rule's path pattern may use "*" (any run of characters) and "$" (end of
// the path); the longest matching pattern wins, allow on a tie; an empty
// disallow allows. "/robots.txt" itself is always allowed. Patterns and paths
// are compared byte for byte (percent-encoding is not normalised).
//
// The fetching policy (RFC 9309 §2.3): a 4xx answer means allow all; a 5xx
// answer or an unreachable host means disallow all; at most 500 KiB are
// parsed; at most 5 redirects are followed; a result is cached at most 24 h.
// Those numbers are the constants below; the Crawler applies them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "common/url.h"
#include "crawler/fetch_record.h"

namespace timecite::crawler {

inline constexpr int64_t kRobotsMaxBytes = 500 * 1024;
inline constexpr int kRobotsMaxRedirects = 5;
inline constexpr int64_t kRobotsCacheMs = 24LL * 3600 * 1000;

class RobotsRules {
 public:
  // Rules for `product_token` (e.g. "timecite") from the file's text.
  static RobotsRules Parse(std::string_view text, std::string_view product_token);
  static RobotsRules AllowAll() { return RobotsRules(); }
  static RobotsRules DisallowAll();

  // `path` is the path and query of the URL, as sent ("/a/b?c=d").
  bool Allowed(std::string_view path) const;

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
};

// The product token of a User-Agent: its leading run of letters, digits,
// "_" and "-" ("timecite/0.1 (+https://…)" → "timecite").
std::string ProductToken(std::string_view user_agent);

// Whether `path` matches a robots.txt path pattern.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

// What a URL's robots.txt is asked about: its origin (scheme://host[:port],
// the port only when not the scheme's default) and its path and query as
// written ("/a/b?c=d").
struct RobotsTarget {
  std::string origin;
  std::string path;
};
RobotsTarget RobotsTargetOf(const Url& url);

// An origin's robots.txt as fetched (RFC 9309 §2.3): a 2xx body parsed for
// `product_token`; a 4xx or a redirect loop allows all ("unavailable"); any
// other failure disallows all ("unreachable"), and when the site itself was
// out of reach (dns, connect, timeout, tls) or refused by the address policy
// (private-address) that class and message are kept, so its URLs are reported
// so rather than refused by robots.txt.
struct RobotsVerdict {
  RobotsRules rules;
  ErrorClass unreachable = ErrorClass::kOk;
  std::string unreachable_message;

  // nullopt when `path` may be fetched; else the class and message of the
  // outcome settled without fetching (robots-disallowed, or the unreachable
  // class).
  std::optional<std::pair<ErrorClass, std::string>> Refusal(
      std::string_view path) const;
};
RobotsVerdict RobotsFromFetch(const FetchRecord& robots_fetch,
                              std::string_view product_token);

}  // namespace timecite::crawler
