// timecite::crawler::StoreFrontier — the Frontier kept in the store's
// `frontier` column family, with outcomes written to `fetches`, `fetch_log`
// and `bodies` (DESIGN §3). Complete() is one store batch (the frontier
// delete, the latest fetch, the history entry and the retry, if any), written
// after the body it names, so a crash loses no completed fetch.
//
// Conversion to store::FetchRecord: the fields of the same names; the body
// goes to `bodies` under "sha256:<hex>"; a 304 keeps the body hash, content
// type and length of the stored record.
#pragma once

#include <string>
#include <string_view>

#include "crawler/frontier.h"
#include "store/store.h"

namespace timecite::crawler {

class StoreFrontier final : public Frontier {
 public:
  // `store` must be open read-write and outlive this object.
  explicit StoreFrontier(store::Store& store) : store_(store) {}

  Status Add(const FrontierItem& item) override;
  Result<std::vector<FrontierItem>> All() override;
  Status Complete(const FrontierItem& done, const FetchRecord& record,
                  const std::optional<FrontierItem>& next) override;
  Status Remove(const FrontierItem& item) override;

 private:
  store::Store& store_;
};

// "sha256:<64 hex digits>" of `bytes`.
std::string BodyHash(std::string_view bytes);

// The stored form of a crawl outcome (see above). `previous` is the stored
// record of the same URL, used by a 304.
store::FetchRecord ToStoreRecord(const FetchRecord& record, const std::string& body_hash,
                                 const store::FetchRecord* previous);

}  // namespace timecite::crawler
