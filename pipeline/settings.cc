#include "pipeline/settings.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <regex>
#include <utility>
#include <vector>

#include "linker/checks/rules.h"
#include "linker/citations/countries.h"

namespace timecite::pipeline {

Result<Config> LoadUserConfig(const std::string& given) {
  std::filesystem::path path = given;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists("timecite.toml", ec)) return Config{};
    path = "timecite.toml";
  }
  auto config = LoadConfig(path);
  if (!config.ok()) return config;
  const auto& known = linker::KnownRuleIds();
  for (const auto& [rule, severity] : config->rule_severity) {
    if (std::find(known.begin(), known.end(), rule) == known.end()) {
      return Status::InvalidArgument(path.string() + ": unknown rule 'rules." +
                                     rule + "' (docs/rules.md lists them)");
    }
  }
  return config;
}

FetchSettings FetchSettingsFromConfig(const Config& config) {
  FetchSettings s;
  s.crawl.user_agent = config.user_agent;
  s.crawl.max_concurrent = std::max(1, config.concurrency);
  s.crawl.retry.max_retries = std::max(0, config.max_retries);
  s.crawl.attempt_timeout_ms = static_cast<int64_t>(config.timeout_s) * 1000;
  s.crawl.max_body_bytes =
      static_cast<int64_t>(config.body_cap_mib) * 1024 * 1024;
  s.crawl.retry.max_retry_after_ms =
      static_cast<int64_t>(config.max_retry_after_s) * 1000;
  s.allow_private = config.allow_private;
  s.crawl.default_host_policy = {config.default_politeness.max_concurrent,
                                 config.default_politeness.min_interval_ms};
  for (const auto& [host, p] : config.hosts) {
    s.crawl.host_policies[host] = {p.max_concurrent, p.min_interval_ms};
  }
  return s;
}

linker::VerifyOptions VerifyOptionsFromConfig(const Config& config,
                                              int64_t now_ms, bool quiet) {
  linker::VerifyOptions v;
  v.now_ms = now_ms;
  v.history = linker::HistoryPolicy::FromConfig(config);
  const Result<linker::CountryTable>& countries = linker::DefaultCountryTable();
  if (countries.ok()) {
    v.countries = &*countries;
  } else {
    static bool warned = false;
    if (!warned && !quiet) {
      std::cerr << "timecite: warning: speaker-mismatch is off: "
                << countries.status().message() << "\n";
      warned = true;
    }
  }
  if (!config.remap.empty()) {
    auto rules =
        std::make_shared<std::vector<std::pair<std::regex, std::string>>>();
    for (const auto& r : config.remap)
      rules->emplace_back(std::regex(r.pattern), r.replace);
    v.map_url = [rules](const std::string& url) {
      for (const auto& [re, replace] : *rules) {
        if (url.size() <= linker::kMaxPatternUrlBytes &&
            std::regex_search(url, re)) {
          return std::regex_replace(url, re, replace,
                                    std::regex_constants::format_first_only);
        }
      }
      return url;
    };
  }
  return v;
}

Result<indexer::Profile> DeepLinkProfile(const Config& config) {
  auto profile = indexer::BuiltinProfile("webtv-asset");
  if (!profile.ok()) return profile;
  for (const auto& [name, tmpl] : config.deep_links)
    profile->SetLink(name, tmpl);
  return profile;
}

}  // namespace timecite::pipeline
