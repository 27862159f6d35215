// Private to store/: the state behind Store and the helpers its .cc files
// share. Includes RocksDB; never include it from outside store/.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "store/store.h"

namespace timecite::store {

inline constexpr size_t kNumKinds =
    static_cast<size_t>(Kind::kSegmentsByAffiliation) + 1;

// Keys of the `meta` column family.
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaCreatedAt = "created_at_ms";
inline constexpr std::string_view kMetaWriterVersion = "writer_version";

// rocksdb::Status -> Status, with `context` (which names the path) prefixed.
Status FromRocks(const rocksdb::Status& s, std::string_view context);

// The per-recording segment summary (segments CF, key SegmentSummaryKey):
// the longest segment of each kind, so SegmentAt knows when to stop looking
// back.
struct SegmentSummary {
  std::array<int64_t, 6> max_ms{};  // indexed by SegmentKind value
};
std::string EncodeSummary(const SegmentSummary& s);
Result<SegmentSummary> DecodeSummary(std::string_view cbor);

struct MemoryFileSystem::Rep {
  std::unique_ptr<rocksdb::Env> env;  // RocksDB's NewMemEnv
};

class Store::Impl {
 public:
  ~Impl();

  rocksdb::ColumnFamilyHandle* cf(Kind kind) const {
    return cfs[static_cast<size_t>(kind)];
  }
  std::string Context() const { return "database " + path.string(); }

  // Fails with InvalidArgument unless opened read-write.
  Status CheckWritable() const;
  Status Write(rocksdb::WriteBatch& batch, bool sync);

  // NotFound when absent.
  Result<std::string> GetRaw(Kind kind, std::string_view key) const;

  // Visits keys in [lower, upper) in order ("" upper: to the end);
  // `visit` returns false to stop. The iterator status is checked at the end.
  Status Scan(Kind kind, std::string_view lower, std::string_view upper,
              const std::function<bool(std::string_view key,
                                       std::string_view value)>& visit) const;
  // Scan over every key starting with `prefix`.
  Status ScanPrefix(
      Kind kind, std::string_view prefix,
      const std::function<bool(std::string_view key, std::string_view value)>&
          visit) const;

  // The recording's SegmentSummary; when it has none (no such recording), one
  // whose every longest duration is INT64_MAX / 2 (walk back all the way).
  Result<SegmentSummary> SummaryOf(std::string_view asset_id) const;
  // The segment of `kind` that covers `ms` (Store::SegmentAt), sought with
  // `it`, an iterator over the segments column family whose bounds hold every
  // segment of `asset_id` (keys::SegmentPrefix), so one iterator serves all
  // the kinds of a SegmentsAt. `summary` (the recording's SegmentSummary) is
  // read at its first need and kept for the next kinds.
  Result<std::optional<Segment>> SegmentAt(
      rocksdb::Iterator& it, std::string_view asset_id, SegmentKind kind,
      int64_t ms, std::optional<SegmentSummary>* summary) const;

  // Waits (at most about 2 s) for flushes and compactions RocksDB has
  // pending. Called before a writer closes: a short-lived command would
  // otherwise leave every recovery flush as a new L0 file and never compact.
  void SettleBackgroundWork();

  // Adds the deletes for a recording's segments, summary and index entries
  // to `batch` (reads the current state).
  Status AddRecordingDeletes(std::string_view asset_id,
                             rocksdb::WriteBatch& batch) const;

  // Declared first, so destroyed last: the in-memory files outlive the DB.
  std::shared_ptr<MemoryFileSystem> memory;  // null: on disk
  std::filesystem::path path;
  OpenMode mode = OpenMode::kReadWrite;
  std::unique_ptr<rocksdb::DB> db;
  std::array<rocksdb::ColumnFamilyHandle*, kNumKinds> cfs{};
  std::vector<rocksdb::ColumnFamilyHandle*> all_handles;  // incl. default
  std::filesystem::path secondary_dir;                    // removed on close
  std::mutex write_mu;  // serialises read-modify-write
  uint32_t schema_version = 0;
};

// Migrates an open read-write database from `from` to kSchemaVersion, one
// WriteBatch per step (schema.cc).
Status Migrate(Store::Impl& impl, uint32_t from);
// DecodeFetch that also reads a fetch record as schema 2 wrote it (the error
// class by name, "error_class"); for the schema 2 -> 3 migration only.
Result<FetchRecord> DecodeFetchSchema2(std::string_view cbor);

}  // namespace timecite::store
