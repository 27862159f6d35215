// Store administration: stats, checkpoint, verify, and the generic JSON view
// used by `timecite db get` and `timecite db dump`.
#include <rocksdb/db.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/utilities/checkpoint.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <system_error>

#include "common/utf8.h"
#include "store/impl.h"
#include "store/keys.h"

namespace timecite::store {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The key of `kind` as JSON parts.
Result<json> KeyToJson(Kind kind, std::string_view key) {
  switch (kind) {
    case Kind::kMeta:
      return json{{"name", std::string(key)}};
    case Kind::kFetches:
      return json{{"url", std::string(key)}};
    case Kind::kBodies:
      return json{{"hash", std::string(key)}};
    case Kind::kRecordings:
      return json{{"asset_id", std::string(key)}};
    case Kind::kDocuments:
      return json{{"url", std::string(key)}};
    case Kind::kSymbols:
      return json{{"symbol", std::string(key)}};
    case Kind::kFetchLog: {
      auto p = keys::DecodeFetchLogKey(key);
      if (!p.ok()) return p.status();
      return json{{"url", p->url}, {"time_ms", p->time_ms}};
    }
    case Kind::kFrontier: {
      auto p = keys::DecodeFrontierKey(key);
      if (!p.ok()) return p.status();
      return json{{"due_ms", p->due_ms}, {"host", p->host}, {"url", p->url}};
    }
    case Kind::kSegments: {
      if (keys::IsSegmentSummaryKey(key)) {
        return json{{"asset_id", std::string(key.substr(0, key.size() - 2))},
                    {"summary", true}};
      }
      auto p = keys::DecodeSegmentKey(key);
      if (!p.ok()) return p.status();
      return json{{"asset_id", p->asset_id},
                  {"kind", SegmentKindName(p->kind)},
                  {"start_ms", p->start_ms},
                  {"seq", p->seq}};
    }
    case Kind::kCitations: {
      auto p = keys::DecodeCitationKey(key);
      if (!p.ok()) return p.status();
      return json{
          {"source", p->source}, {"footnote", p->footnote}, {"seq", p->seq}};
    }
    case Kind::kRecordingsByDate: {
      auto parts = keys::Split(key, 2);
      if (parts.size() != 2) return Status::Corruption("malformed index key");
      return json{{"date", std::string(parts[0])},
                  {"asset_id", std::string(parts[1])}};
    }
    case Kind::kRecordingsByBody: {
      auto parts = keys::Split(key, 3);
      if (parts.size() != 3) return Status::Corruption("malformed index key");
      return json{{"body", std::string(parts[0])},
                  {"date", std::string(parts[1])},
                  {"asset_id", std::string(parts[2])}};
    }
    case Kind::kSegmentsByAffiliation: {
      size_t pos = key.find('\0');
      if (pos == std::string_view::npos) {
        return Status::Corruption("malformed index key");
      }
      auto seg = KeyToJson(Kind::kSegments, key.substr(pos + 1));
      if (!seg.ok()) return seg.status();
      json j = std::move(*seg);
      j["affiliation"] = std::string(key.substr(0, pos));
      return j;
    }
  }
  return Status::Corruption("unknown kind");
}

json BodyToJson(std::string_view hash, std::string_view bytes) {
  json j = {{"hash", std::string(hash)}, {"bytes", bytes.size()}};
  if (utf8::FindInvalid(bytes) == std::string_view::npos) {
    j["text"] = std::string(bytes);
  }
  return j;
}

Result<json> ValueToJson(Kind kind, std::string_view key,
                         std::string_view value) {
  switch (kind) {
    case Kind::kMeta:
      if (key == kMetaSchemaVersion && value.size() == 4) {
        return json(keys::ReadU32(value));
      }
      if (key == kMetaCreatedAt && value.size() == 8) {
        return json(keys::ReadU64(value));
      }
      return json(std::string(value));
    case Kind::kBodies:
      return BodyToJson(key, value);
    case Kind::kRecordingsByDate:
    case Kind::kRecordingsByBody:
    case Kind::kSegmentsByAffiliation:
      return json(nullptr);
    default:
      return CborToJson(value);
  }
}

Result<int64_t> ParseInt(std::string_view what, std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
    return Status::InvalidArgument(std::string(what) +
                                   " must be a non-negative integer, got '" +
                                   std::string(text) + "'");
  }
  return v;
}

// Builds the key of `kind` from the parts `db get` takes.
Result<std::string> KeyFromParts(Kind kind,
                                 const std::vector<std::string>& parts) {
  auto want = [&](size_t n, std::string_view usage) -> Status {
    if (parts.size() == n) return Status::Ok();
    return Status::InvalidArgument(std::string(KindName(kind)) + " key is " +
                                   std::string(usage));
  };
  switch (kind) {
    case Kind::kMeta:
    case Kind::kFetches:
    case Kind::kBodies:
    case Kind::kRecordings:
    case Kind::kDocuments:
    case Kind::kSymbols:
      if (Status s = want(1, "one part"); !s.ok()) return s;
      return parts[0];
    case Kind::kFetchLog: {
      if (Status s = want(2, "URL TIME_MS"); !s.ok()) return s;
      auto t = ParseInt("TIME_MS", parts[1]);
      if (!t.ok()) return t.status();
      return keys::FetchLogKey(parts[0], *t);
    }
    case Kind::kFrontier: {
      if (Status s = want(3, "DUE_MS HOST URL"); !s.ok()) return s;
      auto t = ParseInt("DUE_MS", parts[0]);
      if (!t.ok()) return t.status();
      return keys::FrontierKey(*t, parts[1], parts[2]);
    }
    case Kind::kSegments: {
      if (Status s = want(4, "ASSET_ID KIND START_MS SEQ"); !s.ok()) return s;
      auto kind_value = ParseSegmentKind(parts[1]);
      if (!kind_value) {
        return Status::InvalidArgument("unknown segment kind '" + parts[1] +
                                       "'");
      }
      auto start = ParseInt("START_MS", parts[2]);
      if (!start.ok()) return start.status();
      auto seq = ParseInt("SEQ", parts[3]);
      if (!seq.ok()) return seq.status();
      return keys::SegmentKey(parts[0], *kind_value, *start,
                              static_cast<uint32_t>(*seq));
    }
    case Kind::kCitations: {
      if (Status s = want(3, "SOURCE FOOTNOTE SEQ"); !s.ok()) return s;
      auto fn = ParseInt("FOOTNOTE", parts[1]);
      if (!fn.ok()) return fn.status();
      auto seq = ParseInt("SEQ", parts[2]);
      if (!seq.ok()) return seq.status();
      return keys::CitationKey(parts[0], static_cast<int>(*fn),
                               static_cast<int>(*seq));
    }
    default:
      return Status::InvalidArgument(std::string(KindName(kind)) +
                                     " is an index; use 'db dump' on it");
  }
}

}  // namespace

Status Store::Flush() {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  rocksdb::FlushOptions fo;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs(impl_->cfs.begin(),
                                                impl_->cfs.end());
  return FromRocks(impl_->db->Flush(fo, cfs), "flushing " + impl_->Context());
}

Status Store::Compact() {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  rocksdb::CompactRangeOptions co;
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (Kind kind : AllKinds()) {
    rocksdb::Status s =
        impl_->db->CompactRange(co, impl_->cf(kind), nullptr, nullptr);
    if (!s.ok()) return FromRocks(s, "compacting " + impl_->Context());
  }
  return Status::Ok();
}

Result<Stats> Store::GetStats() const {
  Stats stats;
  stats.schema_version = impl_->schema_version;
  for (Kind kind : AllKinds()) {
    KindStats ks{kind};
    Status s =
        impl_->Scan(kind, "", "", [&](std::string_view k, std::string_view) {
          // The segment summaries are bookkeeping, not records.
          if (!(kind == Kind::kSegments && keys::IsSegmentSummaryKey(k))) {
            ++ks.records;
          }
          return true;
        });
    if (!s.ok()) return s;
    rocksdb::ColumnFamilyMetaData meta;
    impl_->db->GetColumnFamilyMetaData(impl_->cf(kind), &meta);
    ks.live_sst_bytes = meta.size;
    stats.kinds.push_back(ks);
  }
  if (impl_->memory != nullptr) {
    rocksdb::Env* env = impl_->memory->rep().env.get();
    std::vector<std::string> children;
    env->GetChildren(impl_->path.string(), &children).PermitUncheckedError();
    for (const auto& child : children) {
      uint64_t size = 0;
      if (env->GetFileSize((impl_->path / child).string(), &size).ok()) {
        stats.total_bytes_on_disk += size;
      }
    }
    return stats;
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(impl_->path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      auto size = it->file_size(size_ec);
      if (!size_ec) stats.total_bytes_on_disk += size;
    }
  }
  return stats;
}

Status Store::Checkpoint(const std::filesystem::path& dir) const {
  if (impl_->mode == OpenMode::kSecondary) {
    return Status::Unsupported(
        "checkpoint needs a read-write or read-only "
        "open of " +
        impl_->path.string());
  }
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(impl_->db.get(), &raw);
  if (!s.ok()) return FromRocks(s, "checkpoint of " + impl_->Context());
  std::unique_ptr<rocksdb::Checkpoint> cp(raw);
  return FromRocks(
      cp->CreateCheckpoint(dir.string()),
      "writing checkpoint " + dir.string() + " of " + impl_->Context());
}

namespace {

// The names ("000123.sst") of the SST files the database's MANIFEST lists, or
// nullopt when the database cannot be opened read-only (then every file is
// checked). A file not listed is an orphan: a flush or compaction killed
// before it recorded the file, which RocksDB deletes at its next read-write
// open and never reads.
std::optional<std::set<std::string>> LiveSstNames(const fs::path& dir) {
  rocksdb::Options options;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, dir.string(), &names).ok()) {
    return std::nullopt;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, options);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(options, dir.string(), families, &handles,
                                    &raw)
           .ok()) {
    return std::nullopt;
  }
  std::vector<rocksdb::LiveFileMetaData> live;
  raw->GetLiveFilesMetaData(&live);
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  std::set<std::string> files;
  for (const auto& f : live) {
    files.insert(fs::path(f.name).filename().string());
  }
  return files;
}

}  // namespace

Result<std::vector<VerifyProblem>> Store::Verify(
    const std::filesystem::path& dir) {
  const auto live = LiveSstNames(dir);
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".sst") continue;
    if (live && !live->contains(it->path().filename().string())) continue;
    files.push_back(it->path());
  }
  if (ec) {
    return Status::IoError("cannot list database " + dir.string() + ": " +
                           ec.message());
  }
  std::sort(files.begin(), files.end());
  std::vector<VerifyProblem> problems;
  rocksdb::Options options;
  for (const auto& file : files) {
    rocksdb::SstFileReader reader(options);
    rocksdb::Status s = reader.Open(file.string());
    if (s.ok()) s = reader.VerifyChecksum();
    if (s.IsPathNotFound() || (s.IsIOError() && !fs::exists(file, ec))) {
      continue;  // compacted away while we looked
    }
    if (!s.ok()) problems.push_back({file.string(), s.ToString()});
  }
  return problems;
}

Status Store::Dump(Kind kind, std::string_view prefix,
                   const std::function<bool(const json&)>& visit) const {
  Status failed;
  auto emit = [&](std::string_view k, std::string_view v) {
    auto key = KeyToJson(kind, k);
    if (!key.ok()) {
      failed = key.status();
      return false;
    }
    if (kind == Kind::kFrontier &&
        !(*key)["host"].get<std::string>().starts_with(prefix)) {
      return true;
    }
    auto value = ValueToJson(kind, k, v);
    if (!value.ok()) {
      failed = value.status();
      return false;
    }
    return visit(json{{"key", std::move(*key)}, {"value", std::move(*value)}});
  };
  Status s = kind == Kind::kFrontier ? impl_->Scan(kind, "", "", emit)
                                     : impl_->ScanPrefix(kind, prefix, emit);
  if (!s.ok()) return s;
  return failed.WithContext("dumping " + std::string(KindName(kind)) + " of " +
                            impl_->Context());
}

Result<json> Store::GetJson(Kind kind,
                            const std::vector<std::string>& parts) const {
  auto key = KeyFromParts(kind, parts);
  if (!key.ok()) return key.status();
  auto raw = impl_->GetRaw(kind, *key);
  if (!raw.ok()) {
    if (raw.status().IsNotFound()) {
      std::string shown;
      for (const auto& p : parts) shown += (shown.empty() ? "" : " ") + p;
      return Status::NotFound("no " + std::string(KindName(kind)) + " record " +
                              shown + " in " + impl_->Context());
    }
    return raw.status();
  }
  auto k = KeyToJson(kind, *key);
  if (!k.ok()) return k.status();
  auto v = ValueToJson(kind, *key, *raw);
  if (!v.ok()) return v.status();
  return json{{"key", std::move(*k)}, {"value", std::move(*v)}};
}

}  // namespace timecite::store
