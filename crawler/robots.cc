#include "crawler/robots.h"

#include <cctype>

namespace timecite::crawler {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

struct Group {
  std::vector<std::string> agents;
  std::vector<std::pair<bool, std::string>> rules;
};

std::vector<Group> ParseGroups(std::string_view text) {
  std::vector<Group> groups;
  bool in_agents = false;  // the last line read was a user-agent line
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = Trim(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(key, "user-agent")) {
      if (!in_agents) groups.emplace_back();
      groups.back().agents.emplace_back(value);
      in_agents = true;
    } else if (EqualsIgnoreCase(key, "allow") || EqualsIgnoreCase(key, "disallow")) {
      in_agents = false;
      if (groups.empty()) continue;  // rules before any user-agent line
      groups.back().rules.emplace_back(EqualsIgnoreCase(key, "allow"), std::string(value));
    } else {
      // sitemap and other records do not end a group's user-agent lines
      // (RFC 9309 §2.2.4), but they are not rules either.
    }
  }
  return groups;
}

bool AgentMatches(std::string_view agent, std::string_view token) {
  return EqualsIgnoreCase(ProductToken(agent), token);
}

bool MatchFrom(std::string_view pattern, std::string_view path) {
  // Iterative wildcard match with backtracking to the last '*'.
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (true) {
    if (p < pattern.size() && pattern[p] == '$' && p + 1 == pattern.size()) {
      if (s == path.size()) return true;
    } else if (p == pattern.size()) {
      return true;  // a pattern matches a prefix of the path
    } else if (pattern[p] == '*') {
      star = p++;
      mark = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || mark >= path.size()) return false;
    p = star + 1;
    s = ++mark;
  }
}

}  // namespace

std::string ProductToken(std::string_view user_agent) {
  std::string token;
  for (char c : Trim(user_agent)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '*') {
      token += c;
    } else {
      break;
    }
  }
  return token;
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  return MatchFrom(pattern, path);
}

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view product_token) {
  const std::vector<Group> groups = ParseGroups(text);
  RobotsRules out;
  bool named = false;
  for (const Group& g : groups) {
    for (const std::string& a : g.agents) {
      if (a != "*" && AgentMatches(a, product_token)) named = true;
    }
  }
  for (const Group& g : groups) {
    bool applies = false;
    for (const std::string& a : g.agents) {
      applies = applies || (named ? (a != "*" && AgentMatches(a, product_token)) : a == "*");
    }
    if (!applies) continue;
    for (const auto& [allow, pattern] : g.rules) {
      if (pattern.empty()) continue;  // "Disallow:" allows everything
      out.rules_.push_back({allow, pattern});
    }
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& r : rules_) {
    if (!MatchFrom(r.pattern, path)) continue;
    if (best == nullptr || r.pattern.size() > best->pattern.size() ||
        (r.pattern.size() == best->pattern.size() && r.allow && !best->allow)) {
      best = &r;
    }
  }
  return best == nullptr || best->allow;
}

RobotsTarget RobotsTargetOf(const Url& u) {
  RobotsTarget t;
  t.origin = u.scheme + "://" + u.host;
  const bool default_port = u.port == 0 ||
                            (u.scheme == "http" && u.port == 80) ||
                            (u.scheme == "https" && u.port == 443);
  if (!default_port) t.origin += ":" + std::to_string(u.port);
  t.path = u.path + (u.query.empty() ? "" : "?" + u.query);
  return t;
}

RobotsVerdict RobotsFromFetch(const FetchRecord& r,
                              std::string_view product_token) {
  RobotsVerdict v;
  if (r.ok() && r.status >= 200 && r.status < 300) {
    v.rules = RobotsRules::Parse(r.body, product_token);
  } else if ((r.error == ErrorClass::kHttpStatus && r.status >= 400 &&
              r.status < 500) ||
             r.error == ErrorClass::kRedirectLoop) {
    v.rules = RobotsRules::AllowAll();  // "unavailable" (RFC 9309 §2.3.1.3)
  } else {
    v.rules = RobotsRules::DisallowAll();  // "unreachable" (§2.3.1.4)
    if (r.error == ErrorClass::kDns || r.error == ErrorClass::kConnect ||
        r.error == ErrorClass::kTimeout || r.error == ErrorClass::kTls ||
        r.error == ErrorClass::kPrivateAddress) {
      v.unreachable = r.error;
      v.unreachable_message = r.error_message;
    }
  }
  return v;
}

std::optional<std::pair<ErrorClass, std::string>> RobotsVerdict::Refusal(
    std::string_view path) const {
  if (rules.Allowed(path)) return std::nullopt;
  if (unreachable == ErrorClass::kPrivateAddress) {
    return std::make_pair(unreachable, unreachable_message);
  }
  if (unreachable != ErrorClass::kOk) {
    return std::make_pair(
        unreachable, "site unreachable (robots.txt: " + unreachable_message + ")");
  }
  return std::make_pair(ErrorClass::kRobotsDisallowed,
                        "robots.txt disallows " + std::string(path));
}

}  // namespace timecite::crawler
