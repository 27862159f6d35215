#include "crawler/store_frontier.h"

#include <openssl/evp.h>

namespace timecite::crawler {
namespace {

store::FrontierEntry ToEntry(const FrontierItem& item) {
  store::FrontierEntry e;
  e.due_ms = item.due_ms;
  e.host = item.host;
  e.url = item.url;
  e.task = item.task;
  return e;
}

}  // namespace

std::string BodyHash(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

store::FetchRecord ToStoreRecord(const FetchRecord& r, const std::string& body_hash,
                                 const store::FetchRecord* previous) {
  store::FetchRecord s;
  s.url = r.url;
  s.status = r.status;
  s.final_url = r.final_url;
  for (const RedirectHop& hop : r.redirects) s.redirects.push_back({hop.status, hop.location});
  s.etag = r.etag;
  s.last_modified = r.last_modified;
  s.content_type = r.content_type;
  s.content_length = r.error == ErrorClass::kOk ? static_cast<int64_t>(r.body.size()) : -1;
  s.body_hash = body_hash;
  if (r.not_modified && previous != nullptr) {
    s.body_hash = previous->body_hash;
    s.content_length = previous->content_length;
    if (s.content_type.empty()) s.content_type = previous->content_type;
    if (s.etag.empty()) s.etag = previous->etag;
    if (s.last_modified.empty()) s.last_modified = previous->last_modified;
  }
  s.error = r.error;
  s.fetched_at_ms = r.finished_ms;
  s.attempts = r.attempts;
  s.method = r.method;
  s.started_ms = r.started_ms;
  s.error_message = r.error_message;
  s.retry_after = r.retry_after;
  s.not_modified = r.not_modified;
  s.body_truncated = r.body_truncated;
  return s;
}

Status StoreFrontier::Add(const FrontierItem& item) { return store_.PutFrontier(ToEntry(item)); }

Result<std::vector<FrontierItem>> StoreFrontier::All() {
  Result<std::vector<store::FrontierEntry>> entries = store_.DueFrontier(INT64_MAX);
  if (!entries.ok()) return entries.status();
  std::vector<FrontierItem> out;
  out.reserve(entries->size());
  for (store::FrontierEntry& e : *entries) {
    out.push_back({e.due_ms, std::move(e.host), std::move(e.url), std::move(e.task)});
  }
  return out;
}

Status StoreFrontier::Complete(const FrontierItem& done, const FetchRecord& record,
                               const std::optional<FrontierItem>& next) {
  std::string hash;
  if (!record.body.empty() && !record.not_modified) {
    hash = BodyHash(record.body);
    if (Status s = store_.PutBody(hash, record.body); !s.ok()) return s;
  }
  std::optional<store::FetchRecord> previous;
  if (record.not_modified) {
    Result<store::FetchRecord> old = store_.GetFetch(record.url);
    if (old.ok()) previous = std::move(old).value();
  }
  std::optional<store::FrontierEntry> next_entry;
  if (next) next_entry = ToEntry(*next);
  return store_.CompleteFetch(ToEntry(done),
                              ToStoreRecord(record, hash, previous ? &*previous : nullptr),
                              next_entry);
}

Status StoreFrontier::Remove(const FrontierItem& item) {
  return store_.DeleteFrontier(item.due_ms, item.host, item.url);
}

}  // namespace timecite::crawler
