// Schema migrations, one WriteBatch per step (docs/store.md, "Schema").
#include <map>

#include "store/impl.h"
#include "store/keys.h"

namespace timecite::store {
namespace {

// Version 1 segment key: asset_id 0x00 start_ms(u64) kind(u8) seq(u32).
struct V1SegmentKey {
  std::string asset_id;
  int64_t start_ms = 0;
  uint8_t kind = 0;
  uint32_t seq = 0;
};

Result<V1SegmentKey> DecodeV1SegmentKey(std::string_view key) {
  constexpr size_t kTail = 8 + 1 + 4;
  if (key.size() < kTail + 1 || key[key.size() - kTail - 1] != keys::kSep) {
    return Status::Corruption("malformed version 1 segment key");
  }
  std::string_view tail = key.substr(key.size() - kTail);
  V1SegmentKey k;
  k.asset_id = std::string(key.substr(0, key.size() - kTail - 1));
  k.start_ms = static_cast<int64_t>(keys::ReadU64(tail));
  k.kind = static_cast<uint8_t>(tail[8]);
  k.seq = keys::ReadU32(tail.substr(9));
  return k;
}

// 1 -> 2: segment keys become kind-first, each recording gets a segment
// summary, and the three idx_* column families are filled.
Status MigrateV1ToV2(Store::Impl& impl, rocksdb::WriteBatch& b) {
  auto* segments = impl.cf(Kind::kSegments);
  std::vector<std::string> old_keys;
  std::vector<std::pair<std::string, std::string>> puts;
  std::map<std::string, SegmentSummary> summaries;
  Status failed;
  Status s = impl.Scan(
      Kind::kSegments, "", "", [&](std::string_view k, std::string_view v) {
        auto key = DecodeV1SegmentKey(k);
        if (!key.ok()) {
          failed = key.status();
          return false;
        }
        auto seg = DecodeSegment(v);
        if (!seg.ok()) {
          failed = seg.status();
          return false;
        }
        old_keys.emplace_back(k);
        std::string new_key =
            keys::SegmentKey(key->asset_id, static_cast<SegmentKind>(key->kind),
                             key->start_ms, key->seq);
        if (!seg->affiliation.empty()) {
          b.Put(impl.cf(Kind::kSegmentsByAffiliation),
                keys::SegmentByAffiliationKey(seg->affiliation, new_key), "");
        }
        auto& max = summaries[key->asset_id].max_ms[key->kind % 6];
        max = std::max(max, seg->end_ms - seg->start_ms);
        puts.emplace_back(std::move(new_key), std::string(v));
        return true;
      });
  if (!s.ok()) return s;
  if (!failed.ok()) return failed.WithContext("migrating segments");
  // Deletes first: a new key may equal some other segment's old key.
  for (const auto& k : old_keys) b.Delete(segments, k);
  for (const auto& [k, v] : puts) b.Put(segments, k, v);

  s = impl.Scan(
      Kind::kRecordings, "", "", [&](std::string_view k, std::string_view v) {
        auto rec = DecodeRecording(v);
        if (!rec.ok()) {
          failed = rec.status();
          return false;
        }
        std::string asset(k);
        summaries.try_emplace(asset);
        if (!rec->date.empty()) {
          b.Put(impl.cf(Kind::kRecordingsByDate),
                keys::RecordingByDateKey(rec->date, asset), "");
        }
        if (!rec->body.empty()) {
          b.Put(impl.cf(Kind::kRecordingsByBody),
                keys::RecordingByBodyKey(rec->body, rec->date, asset), "");
        }
        return true;
      });
  if (!s.ok()) return s;
  if (!failed.ok()) return failed.WithContext("migrating recordings");
  for (const auto& [asset, summary] : summaries) {
    b.Put(segments, keys::SegmentSummaryKey(asset), EncodeSummary(summary));
  }
  return Status::Ok();
}

// 2 -> 3: a fetch record's error class is kept as its code ("error") instead
// of its name ("error_class", "" for ok), and the fields the crawler put in
// `extra` (method, started_ms, error_message, ...) become known fields under
// the same names: every record of `fetches` and `fetch_log` is read as schema
// 2 wrote it and written back as FetchRecord version 2.
Status MigrateV2ToV3(Store::Impl& impl, rocksdb::WriteBatch& b) {
  for (Kind kind : {Kind::kFetches, Kind::kFetchLog}) {
    Status failed;
    Status s = impl.Scan(kind, "", "", [&](std::string_view k, std::string_view v) {
      auto record = DecodeFetchSchema2(v);
      if (!record.ok()) {
        failed = record.status().WithContext(std::string(KindName(kind)) + " record " +
                                             std::string(k));
        return false;
      }
      b.Put(impl.cf(kind), k, EncodeFetch(*record));
      return true;
    });
    if (!s.ok()) return s;
    if (!failed.ok()) return failed;
  }
  return Status::Ok();
}

using Step = Status (*)(Store::Impl&, rocksdb::WriteBatch&);
// kSteps[i] migrates from version i + 1 to i + 2.
constexpr Step kSteps[] = {&MigrateV1ToV2, &MigrateV2ToV3};
static_assert(std::size(kSteps) == kSchemaVersion - 1);

}  // namespace

Status Migrate(Store::Impl& impl, uint32_t from) {
  if (from == 0) {
    return Status::Unsupported("database " + impl.path.string() +
                               " has schema version 0, which never existed");
  }
  std::lock_guard lock(impl.write_mu);
  for (uint32_t v = from; v < kSchemaVersion; ++v) {
    rocksdb::WriteBatch b;
    if (Status s = kSteps[v - 1](impl, b); !s.ok()) {
      return s.WithContext("migrating " + impl.Context() + " from schema " +
                           std::to_string(v) + " to " + std::to_string(v + 1));
    }
    std::string version;
    keys::AppendU32(version, v + 1);
    b.Put(impl.cf(Kind::kMeta), kMetaSchemaVersion, version);
    if (Status s = impl.Write(b, /*sync=*/true); !s.ok()) return s;
    impl.schema_version = v + 1;
  }
  return Status::Ok();
}

}  // namespace timecite::store
