// timecite::crawler::Frontier — the crawl's to-do list, behind an interface:
// in memory for tests (MemoryFrontier), in the store for real crawls
// (StoreFrontier, store_frontier.h), and later a shared Redis-protocol queue
// when several machines crawl (DESIGN §5). The Crawler keeps its own
// in-memory schedule and uses the Frontier as the durable record of what is
// left, so a killed crawl resumes from it.
//
// An item stays in the frontier while it is being fetched: it leaves only
// through Complete(), which also stores the outcome, in one step where the
// backend allows. A crash can therefore repeat only what was in flight.
//
// Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "common/status.h"
#include "crawler/fetch_record.h"

namespace timecite::crawler {

struct FrontierItem {
  int64_t due_ms = 0;  // unix ms when it may run
  std::string host;    // politeness key: host[:port], lower case
  std::string url;  // request key (crawler.h RequestKey): canonical URL for GET
  // The crawler's state: {"attempt": n, "first_ms": t, "if_none_match": ..,
  // "if_modified_since": .., "method": "HEAD"|"POST", and for a POST "url"
  // (the real URL), "body", "content_type"; "absent_ok": true when a 404 or
  // 410 is an answer, not a failure (CrawlProgress::absent)}.
  nlohmann::json task = nlohmann::json::object();
};

class Frontier {
 public:
  virtual ~Frontier() = default;
  // Adds (or replaces, same due/host/url) an item.
  virtual Status Add(const FrontierItem& item) = 0;
  // Every item, earliest due first.
  virtual Result<std::vector<FrontierItem>> All() = 0;
  // Removes `done`, keeps `record` as the URL's outcome (latest fetch and
  // history) and, when given, adds `next` (a retry).
  virtual Status Complete(const FrontierItem& done, const FetchRecord& record,
                          const std::optional<FrontierItem>& next) = 0;
  // Removes an item without an outcome (a duplicate).
  virtual Status Remove(const FrontierItem& item) = 0;
};

// For tests and one-off runs: items in a map, outcomes in a vector.
class MemoryFrontier final : public Frontier {
 public:
  Status Add(const FrontierItem& item) override;
  Result<std::vector<FrontierItem>> All() override;
  Status Complete(const FrontierItem& done, const FetchRecord& record,
                  const std::optional<FrontierItem>& next) override;
  Status Remove(const FrontierItem& item) override;

  size_t size() const { return items_.size(); }
  // Every outcome passed to Complete, in order (bodies included).
  const std::vector<FetchRecord>& outcomes() const { return outcomes_; }

 private:
  using Key = std::tuple<int64_t, std::string, std::string>;
  std::map<Key, FrontierItem> items_;
  std::vector<FetchRecord> outcomes_;
};

}  // namespace timecite::crawler
