#include "cli/crawl_flags.h"

namespace timecite::cli {

Status ParseHostPolicies(const CrawlFlags& f, crawler::CrawlOptions& o) {
  for (const std::string& spec : f.host_policies) {
    const size_t eq = spec.find('='), slash = spec.find('/');
    if (eq == std::string::npos || slash == std::string::npos || slash < eq) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " +
                                     spec);
    }
    try {
      o.host_policies[spec.substr(0, eq)] = {
          std::stoi(spec.substr(eq + 1, slash - eq - 1)),
          std::stoll(spec.substr(slash + 1))};
    } catch (const std::exception&) {
      return Status::InvalidArgument("--host-policy wants HOST=N/MS, got " +
                                     spec);
    }
  }
  return Status::Ok();
}

crawler::CrawlOptions OptionsOf(const CrawlFlags& f, crawler::CrawlOptions o) {
  auto given = [&f](const char* flag) { return f.given.count(flag) > 0; };
  if (given("--user-agent")) o.user_agent = f.user_agent;
  if (given("--concurrency")) o.max_concurrent = f.concurrency;
  if (given("--per-host")) o.default_host_policy.max_concurrent = f.per_host;
  if (given("--interval"))
    o.default_host_policy.min_interval_ms = f.interval_ms;
  if (given("--retries")) o.retry.max_retries = f.retries;
  if (given("--timeout")) o.attempt_timeout_ms = f.timeout_ms;
  if (given("--max-body")) o.max_body_bytes = f.max_body;
  if (f.no_politeness) {
    o.default_host_policy = {o.max_concurrent, 0};
    o.host_policies.clear();
  }
  o.obey_robots = !f.no_robots;
  o.retry.base_delay_ms = f.retry_base_ms;
  o.url_deadline_ms = f.url_deadline_ms;
  o.run_deadline_ms = f.deadline_ms;
  o.max_redirects = f.max_redirects;
  o.use_head = f.head;
  return o;
}

}  // namespace timecite::cli
