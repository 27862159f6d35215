#include "crawler/frontier.h"

namespace timecite::crawler {

Status MemoryFrontier::Add(const FrontierItem& item) {
  items_[{item.due_ms, item.host, item.url}] = item;
  return Status::Ok();
}

Result<std::vector<FrontierItem>> MemoryFrontier::All() {
  std::vector<FrontierItem> out;
  out.reserve(items_.size());
  for (const auto& [key, item] : items_) out.push_back(item);
  return out;
}

Status MemoryFrontier::Complete(const FrontierItem& done, const FetchRecord& record,
                                const std::optional<FrontierItem>& next) {
  items_.erase({done.due_ms, done.host, done.url});
  outcomes_.push_back(record);
  if (next) return Add(*next);
  return Status::Ok();
}

Status MemoryFrontier::Remove(const FrontierItem& item) {
  items_.erase({item.due_ms, item.host, item.url});
  return Status::Ok();
}

}  // namespace timecite::crawler
