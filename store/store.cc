// Store: opening, the schema gate, and the typed record API.
#include "store/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <system_error>
#include <thread>

#include "store/impl.h"
#include "store/keys.h"
#include "timecite/version.h"

namespace timecite::store {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kKindNames[kNumKinds] = {
    "meta",
    "fetches",
    "bodies",
    "fetch_log",
    "frontier",
    "recordings",
    "segments",
    "documents",
    "symbols",
    "citations",
    "idx_recordings_by_date",
    "idx_recordings_by_body",
    "idx_segments_by_affiliation",
};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string ToLower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

rocksdb::ColumnFamilyOptions CfOptions(
    Kind kind, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  if (kind == Kind::kBodies) {
    // Bodies are HTML and JSON: zstd by the column family, not by hand.
    o.compression = rocksdb::kZSTD;
    o.bottommost_compression = rocksdb::kZSTD;
  }
  return o;
}

// Most runs are short (`timecite at` answers one lookup): opening must not
// cost more than the lookup. RocksDB's defaults suit a long-lived server.
void TuneForShortRuns(rocksdb::DBOptions& dbo, OpenMode mode) {
  // Table files are opened when first read, not all at Open (the default -1
  // opens every file of every column family up front, with up to
  // max_file_opening_threads threads for each: 13 x 16 threads); a secondary
  // requires -1.
  dbo.max_open_files = mode == OpenMode::kSecondary ? -1 : 512;
  dbo.max_file_opening_threads = 1;
  // No reading of every table file's properties at Open to seed compaction
  // statistics, nor checking each file's size against the MANIFEST (a
  // damaged file is still reported when read, and by `db verify`).
  dbo.skip_stats_update_on_db_open = true;
  dbo.skip_checking_sst_file_sizes_on_db_open = true;
  // No timer thread for statistics dumps and persistence.
  dbo.stats_dump_period_sec = 0;
  dbo.stats_persist_period_sec = 0;
}

Status CheckPart(std::string_view what, std::string_view text) {
  if (keys::ValidPart(text)) return Status::Ok();
  return Status::InvalidArgument(std::string(what) +
                                 " must not contain a 0x00 byte");
}

Status CheckNonNegative(std::string_view what, int64_t v) {
  if (v >= 0) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " must be >= 0, got " +
                                 std::to_string(v));
}

Status TranslateOpenError(const rocksdb::Status& s, const fs::path& dir,
                          OpenMode mode) {
  std::string msg = s.ToString();
  std::string lower = ToLower(msg);
  if (mode == OpenMode::kReadWrite && s.IsIOError() &&
      (Contains(lower, "lock file") || Contains(lower, "lock hold") ||
       Contains(lower, "lock is already held"))) {  // the last: memory
    return Status::Busy(
        "database " + dir.string() +
        " is already open for writing by another timecite process; only one "
        "writer at a time (wait for it to finish, or read with a read-only "
        "command)");
  }
  if (s.IsIOError() && (Contains(lower, "permission denied") ||
                        Contains(lower, "read-only file system"))) {
    return Status::IoError(
        "cannot open database " + dir.string() +
        (mode == OpenMode::kReadWrite ? " for writing" : "") +
        ": the directory is not writable (" + msg + ")");
  }
  if (s.IsIOError() && Contains(lower, "no space")) {
    return Status::IoError("cannot open database " + dir.string() +
                           ": the disk is full (" + msg + ")");
  }
  return FromRocks(s, "cannot open database " + dir.string());
}

std::atomic<int> secondary_counter{0};

}  // namespace

// ---- shared helpers ------------------------------------------------------

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::Ok();
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsBusy() || s.IsTryAgain()) return Status::Busy(msg);
  if (s.IsNotSupported()) return Status::Unsupported(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsNoSpace() || Contains(ToLower(msg), "no space")) {
    return Status::IoError(msg + " (the disk is full)");
  }
  return Status::IoError(msg);
}

std::string EncodeSummary(const SegmentSummary& s) {
  json j = {{"v", 1}};
  json max = json::object();
  for (SegmentKind k : kAllSegmentKinds) {
    int64_t v = s.max_ms[static_cast<size_t>(k)];
    if (v > 0) max[std::string(SegmentKindName(k))] = v;
  }
  j["max_ms"] = std::move(max);
  std::string out;
  json::to_cbor(j, out);
  return out;
}

Result<SegmentSummary> DecodeSummary(std::string_view cbor) {
  auto j = CborToJson(cbor);
  if (!j.ok()) return j.status();
  SegmentSummary s;
  const json& max = (*j).contains("max_ms") ? (*j)["max_ms"] : json::object();
  if (!max.is_object()) return Status::Corruption("malformed segment summary");
  for (const auto& [name, v] : max.items()) {
    auto k = ParseSegmentKind(name);
    if (!k || !v.is_number_integer()) {
      return Status::Corruption("malformed segment summary");
    }
    s.max_ms[static_cast<size_t>(*k)] = v.get<int64_t>();
  }
  return s;
}

std::string_view KindName(Kind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<Kind> ParseKind(std::string_view name) {
  static const std::pair<std::string_view, Kind> kAliases[] = {
      {"recording", Kind::kRecordings}, {"segment", Kind::kSegments},
      {"fetch", Kind::kFetches},        {"document", Kind::kDocuments},
      {"symbol", Kind::kSymbols},       {"citation", Kind::kCitations},
      {"body", Kind::kBodies},
  };
  for (Kind k : AllKinds()) {
    if (KindName(k) == name) return k;
  }
  for (const auto& [alias, k] : kAliases) {
    if (alias == name) return k;
  }
  return std::nullopt;
}

const std::vector<Kind>& AllKinds() {
  static const std::vector<Kind> kinds = [] {
    std::vector<Kind> v;
    for (size_t i = 0; i < kNumKinds; ++i) v.push_back(static_cast<Kind>(i));
    return v;
  }();
  return kinds;
}

// ---- Impl ----------------------------------------------------------------

void Store::Impl::SettleBackgroundWork() {
  auto busy = [this] {
    uint64_t n = 0;
    if (db->GetIntProperty("rocksdb.num-running-compactions", &n) && n) {
      return true;
    }
    if (db->GetIntProperty("rocksdb.num-running-flushes", &n) && n) return true;
    for (auto* h : cfs) {
      if (h == nullptr) continue;
      if (db->GetIntProperty(h, "rocksdb.compaction-pending", &n) && n) {
        return true;
      }
      if (db->GetIntProperty(h, "rocksdb.mem-table-flush-pending", &n) && n) {
        return true;
      }
    }
    return false;
  };
  for (int i = 0; i < 100 && busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Store::Impl::~Impl() {
  if (db && mode == OpenMode::kReadWrite) SettleBackgroundWork();
  if (db) {
    for (auto* h : all_handles) db->DestroyColumnFamilyHandle(h);
    db->Close().PermitUncheckedError();
    db.reset();
  }
  if (!secondary_dir.empty() && memory == nullptr) {
    std::error_code ec;
    fs::remove_all(secondary_dir, ec);
  }
}

Status Store::Impl::CheckWritable() const {
  if (mode == OpenMode::kReadWrite) return Status::Ok();
  return Status::InvalidArgument(Context() +
                                 " was opened read-only; cannot write");
}

Status Store::Impl::Write(rocksdb::WriteBatch& batch, bool sync) {
  if (Status s = CheckWritable(); !s.ok()) return s;
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  return FromRocks(db->Write(wo, &batch), "writing to " + Context());
}

Result<std::string> Store::Impl::GetRaw(Kind kind, std::string_view key) const {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf(kind),
                              rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) {
    return Status::NotFound(std::string(KindName(kind)) + " has no such key");
  }
  if (!s.ok()) return FromRocks(s, "reading " + Context());
  return value;
}

Status Store::Impl::Scan(
    Kind kind, std::string_view lower, std::string_view upper,
    const std::function<bool(std::string_view, std::string_view)>& visit)
    const {
  rocksdb::ReadOptions ro;
  rocksdb::Slice upper_slice(upper.data(), upper.size());
  if (!upper.empty()) ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf(kind)));
  for (it->Seek(rocksdb::Slice(lower.data(), lower.size())); it->Valid();
       it->Next()) {
    rocksdb::Slice k = it->key();
    rocksdb::Slice v = it->value();
    if (!visit(std::string_view(k.data(), k.size()),
               std::string_view(v.data(), v.size()))) {
      break;
    }
  }
  return FromRocks(it->status(), "scanning " + std::string(KindName(kind)) +
                                     " of " + Context());
}

Status Store::Impl::ScanPrefix(
    Kind kind, std::string_view prefix,
    const std::function<bool(std::string_view, std::string_view)>& visit)
    const {
  std::string end = keys::PrefixEnd(prefix);
  return Scan(kind, prefix, end, visit);
}

Status Store::Impl::AddRecordingDeletes(std::string_view asset_id,
                                        rocksdb::WriteBatch& batch) const {
  auto old = GetRaw(Kind::kRecordings, asset_id);
  if (old.ok()) {
    auto rec = DecodeRecording(*old);
    if (!rec.ok()) return rec.status().WithContext(Context());
    if (!rec->date.empty()) {
      std::string k = keys::RecordingByDateKey(rec->date, asset_id);
      batch.Delete(cf(Kind::kRecordingsByDate), k);
    }
    if (!rec->body.empty()) {
      std::string k = keys::RecordingByBodyKey(rec->body, rec->date, asset_id);
      batch.Delete(cf(Kind::kRecordingsByBody), k);
    }
    batch.Delete(cf(Kind::kRecordings),
                 rocksdb::Slice(asset_id.data(), asset_id.size()));
  } else if (!old.status().IsNotFound()) {
    return old.status();
  }
  Status decode_status;
  Status s = ScanPrefix(
      Kind::kSegments, keys::SegmentPrefix(asset_id),
      [&](std::string_view key, std::string_view value) {
        rocksdb::Slice k(key.data(), key.size());
        batch.Delete(cf(Kind::kSegments), k);
        if (key == keys::SegmentSummaryKey(asset_id)) return true;
        auto seg = DecodeSegment(value);
        if (!seg.ok()) {
          decode_status = seg.status().WithContext(Context());
          return false;
        }
        if (!seg->affiliation.empty()) {
          batch.Delete(cf(Kind::kSegmentsByAffiliation),
                       keys::SegmentByAffiliationKey(seg->affiliation, key));
        }
        return true;
      });
  if (!s.ok()) return s;
  return decode_status;
}

// ---- Open ----------------------------------------------------------------

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::filesystem::path& Store::path() const { return impl_->path; }
OpenMode Store::mode() const { return impl_->mode; }

namespace {

// The column families to open, and the Kind each handle belongs to (-1 for
// "default" and for families this version does not know).
struct ColumnFamilyPlan {
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  std::vector<int> kinds;
};

// Ours (a reader only those that exist; a writer creates the missing ones),
// then, for a writer, any a newer version made: RocksDB requires a writer to
// open them all.
Result<ColumnFamilyPlan> PlanColumnFamilies(
    const fs::path& dir, OpenMode mode, bool exists,
    const rocksdb::DBOptions& dbo,
    const std::shared_ptr<rocksdb::Cache>& cache) {
  std::vector<std::string> existing;
  if (exists) {
    rocksdb::Status s =
        rocksdb::DB::ListColumnFamilies(dbo, dir.string(), &existing);
    if (!s.ok()) return TranslateOpenError(s, dir, mode);
  }
  const std::set<std::string> existing_set(existing.begin(), existing.end());
  ColumnFamilyPlan plan;
  plan.descs.emplace_back(rocksdb::kDefaultColumnFamilyName,
                          rocksdb::ColumnFamilyOptions());
  plan.kinds.push_back(-1);
  for (Kind k : AllKinds()) {
    std::string name(KindName(k));
    if (mode != OpenMode::kReadWrite && exists && !existing_set.count(name)) {
      continue;
    }
    plan.descs.emplace_back(name, CfOptions(k, cache));
    plan.kinds.push_back(static_cast<int>(k));
  }
  if (mode != OpenMode::kReadWrite) return plan;
  for (const auto& name : existing) {
    bool known = name == rocksdb::kDefaultColumnFamilyName;
    for (Kind k : AllKinds()) known = known || KindName(k) == name;
    if (!known) {
      plan.descs.emplace_back(name, rocksdb::ColumnFamilyOptions());
      plan.kinds.push_back(-1);
    }
  }
  return plan;
}

// Opens RocksDB in impl.mode and fills impl.db and the handles.
Status OpenRocks(Store::Impl& impl, const rocksdb::DBOptions& dbo,
                 const ColumnFamilyPlan& plan) {
  const std::string dir = impl.path.string();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  switch (impl.mode) {
    case OpenMode::kReadWrite:
      s = rocksdb::DB::Open(dbo, dir, plan.descs, &impl.all_handles, &raw);
      break;
    case OpenMode::kReadOnly:
      s = rocksdb::DB::OpenForReadOnly(dbo, dir, plan.descs, &impl.all_handles,
                                       &raw);
      break;
    case OpenMode::kSecondary: {
      std::error_code ec;
      const std::string name =
          "timecite-secondary-" + std::to_string(::getpid()) + "-" +
          std::to_string(secondary_counter.fetch_add(1));
      if (impl.memory != nullptr) {
        impl.secondary_dir = fs::path("/") / name;
        dbo.env->CreateDirIfMissing(impl.secondary_dir.string())
            .PermitUncheckedError();
      } else {
        impl.secondary_dir = fs::temp_directory_path(ec) / name;
        fs::create_directories(impl.secondary_dir, ec);
      }
      s = rocksdb::DB::OpenAsSecondary(dbo, dir, impl.secondary_dir.string(),
                                       plan.descs, &impl.all_handles, &raw);
      break;
    }
  }
  if (!s.ok()) return TranslateOpenError(s, impl.path, impl.mode);
  impl.db.reset(raw);
  for (size_t i = 0; i < plan.descs.size(); ++i) {
    if (plan.kinds[i] >= 0) impl.cfs[plan.kinds[i]] = impl.all_handles[i];
  }
  return Status::Ok();
}

// Stamps a new database with the current schema version.
Status StampNewDatabase(Store::Impl& impl) {
  rocksdb::WriteBatch b;
  std::string v, t;
  keys::AppendU32(v, kSchemaVersion);
  keys::AppendU64(t, static_cast<uint64_t>(NowMs()));
  b.Put(impl.cf(Kind::kMeta), kMetaSchemaVersion, v);
  b.Put(impl.cf(Kind::kMeta), kMetaCreatedAt, t);
  b.Put(impl.cf(Kind::kMeta), kMetaWriterVersion,
        std::string("timecite ") + TIMECITE_VERSION);
  if (Status s = impl.Write(b, /*sync=*/true); !s.ok()) return s;
  impl.schema_version = kSchemaVersion;
  return Status::Ok();
}

// The schema gate: stamps a new database, refuses a newer one, migrates an
// older one (writers) or refuses it (readers).
Status CheckSchema(Store::Impl& impl) {
  const std::string dir = impl.path.string();
  if (impl.cf(Kind::kMeta) == nullptr) {
    return Status::Unsupported("database " + dir +
                               " has no 'meta' column family: not a timecite "
                               "database, or one too old to read");
  }
  auto version = impl.GetRaw(Kind::kMeta, kMetaSchemaVersion);
  if (!version.ok() && !version.status().IsNotFound()) return version.status();
  if (!version.ok()) {
    if (impl.mode == OpenMode::kReadWrite) return StampNewDatabase(impl);
    return Status::Unsupported("database " + dir +
                               " has no schema version yet");
  }
  if (version->size() != 4) {
    return Status::Corruption("database " + dir +
                              ": malformed schema version in meta");
  }
  impl.schema_version = keys::ReadU32(*version);
  if (impl.schema_version > kSchemaVersion) {
    return Status::Unsupported(
        "database " + dir + " has schema version " +
        std::to_string(impl.schema_version) + ", but this timecite (" +
        TIMECITE_VERSION + ") reads schema version " +
        std::to_string(kSchemaVersion) +
        " at most; upgrade timecite or use another --db");
  }
  if (impl.schema_version == kSchemaVersion) return Status::Ok();
  if (impl.mode != OpenMode::kReadWrite) {
    return Status::Unsupported(
        "database " + dir + " has schema version " +
        std::to_string(impl.schema_version) + " and needs migrating to " +
        std::to_string(kSchemaVersion) +
        "; open it read-write once (e.g. 'timecite db stats')");
  }
  return Migrate(impl, impl.schema_version);
}

}  // namespace

namespace {

// Opens `dir` in place (kReadWrite: creating it when missing).
Result<std::unique_ptr<Store::Impl>> OpenInPlace(const fs::path& dir,
                                                 OpenMode mode,
                                                 const StoreOptions& options) {
  auto impl = std::make_unique<Store::Impl>();
  impl->memory = options.memory;
  impl->path = dir;
  impl->mode = mode;

  rocksdb::DBOptions dbo;
  dbo.create_if_missing = mode == OpenMode::kReadWrite;
  dbo.create_missing_column_families = mode == OpenMode::kReadWrite;
  dbo.paranoid_checks = true;
  dbo.keep_log_file_num = 3;
  TuneForShortRuns(dbo, mode);

  std::error_code ec;
  rocksdb::Env* memory_env =
      options.memory != nullptr ? options.memory->rep().env.get() : nullptr;
  if (memory_env != nullptr) dbo.env = memory_env;
  const bool exists =
      memory_env != nullptr
          ? memory_env->FileExists((dir / "CURRENT").string()).ok()
          : fs::exists(dir / "CURRENT", ec);
  if (!exists && mode != OpenMode::kReadWrite) {
    return Status::NotFound("no timecite database at " + dir.string() +
                            " (crawl or check something first, or pass --db)");
  }
  if (!exists && memory_env == nullptr) {
    fs::create_directories(dir, ec);
    if (ec) {
      return Status::IoError("cannot create database directory " +
                             dir.string() + ": " + ec.message());
    }
  }
  auto plan = PlanColumnFamilies(
      dir, mode, exists, dbo, rocksdb::NewLRUCache(options.block_cache_bytes));
  if (!plan.ok()) return plan.status();
  if (Status s = OpenRocks(*impl, dbo, *plan); !s.ok()) return s;
  if (Status s = CheckSchema(*impl); !s.ok()) return s;
  return impl;
}

constexpr std::string_view kCreatingInfix = ".creating-";

// Removes the build directories of creations whose process is gone (killed
// while creating): ".<name>.creating-<pid>" in `parent`.
void RemoveStaleCreations(const fs::path& parent, const std::string& name) {
  std::error_code ec;
  const std::string prefix = "." + name + std::string(kCreatingInfix);
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with(prefix)) continue;
    const std::string pid_text = file.substr(prefix.size());
    if (pid_text.empty() ||
        pid_text.find_first_not_of("0123456789") != std::string::npos ||
        pid_text.size() > 9) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

// Creates a new database at `dir` whole or not at all: built in a sibling
// directory private to the user (0700), stamped with the schema version,
// closed, then renamed into place — so a process killed while creating leaves
// either no database or a complete one, never one without its schema version.
// Another process creating the same database at once: the first rename wins
// and the other opens it. Errors: IoError naming the path.
Status CreateAtomically(const fs::path& dir, const StoreOptions& options) {
  fs::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    return Status::IoError("cannot create database directory " +
                           parent.string() + ": " + ec.message());
  }
  const std::string name = dir.filename().string();
  RemoveStaleCreations(parent, name);
  const fs::path build = parent / ("." + name + std::string(kCreatingInfix) +
                                   std::to_string(::getpid()));
  if (::mkdir(build.c_str(), 0700) != 0) {
    return Status::IoError("cannot create database directory " +
                           dir.string() + ": " + std::strerror(errno));
  }
  {
    auto created = OpenInPlace(build, OpenMode::kReadWrite, options);
    if (!created.ok()) {
      fs::remove_all(build, ec);
      return created.status();
    }
  }  // closed: every file written and synced
  if (::rename(build.c_str(), dir.c_str()) != 0) {
    const int error = errno;
    fs::remove_all(build, ec);
    if ((error == ENOTEMPTY || error == EEXIST) &&
        fs::exists(dir / "CURRENT", ec)) {
      return Status::Ok();  // another process created it first
    }
    return Status::IoError("cannot create database " + dir.string() + ": " +
                           std::strerror(error));
  }
  // The rename itself survives a power loss once the parent is synced.
  if (int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return Status::Ok();
}

}  // namespace

MemoryFileSystem::MemoryFileSystem() : rep_(std::make_unique<Rep>()) {
  rep_->env.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
}
MemoryFileSystem::~MemoryFileSystem() = default;

std::shared_ptr<MemoryFileSystem> MemoryFileSystem::Create() {
  return std::shared_ptr<MemoryFileSystem>(new MemoryFileSystem());
}

Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& dir,
                                           OpenMode mode,
                                           const StoreOptions& options) {
  std::error_code ec;
  if (mode == OpenMode::kReadWrite && options.memory == nullptr &&
      !fs::exists(dir / "CURRENT", ec) &&
      (!fs::exists(dir, ec) || fs::is_empty(dir, ec))) {
    if (Status s = CreateAtomically(dir, options); !s.ok()) return s;
  }
  // A second writer waits for the lock up to lock_wait_ms.
  const auto until = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(options.lock_wait_ms);
  while (true) {
    auto impl = OpenInPlace(dir, mode, options);
    if (impl.ok()) return std::unique_ptr<Store>(new Store(std::move(*impl)));
    if (impl.status().code() != Status::Code::kBusy ||
        std::chrono::steady_clock::now() >= until) {
      if (impl.status().code() == Status::Code::kBusy &&
          options.lock_wait_ms > 0) {
        return Status::Busy(impl.status().message() + " (waited " +
                            std::to_string(options.lock_wait_ms) + " ms)");
      }
      return impl.status();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Status Store::CatchUp() {
  switch (impl_->mode) {
    case OpenMode::kReadWrite:
      return Status::Ok();
    case OpenMode::kReadOnly:
      return Status::Unsupported(impl_->Context() +
                                 " is open read-only; reopen to see new data");
    case OpenMode::kSecondary:
      return FromRocks(impl_->db->TryCatchUpWithPrimary(),
                       "catching up with " + impl_->Context());
  }
  return Status::Ok();
}

// ---- fetches -------------------------------------------------------------

Status Store::PutFetch(const FetchRecord& record, bool sync) {
  if (Status s = CheckPart("fetch url", record.url); !s.ok()) return s;
  rocksdb::WriteBatch b;
  b.Put(impl_->cf(Kind::kFetches), record.url, EncodeFetch(record));
  return impl_->Write(b, sync);
}

Result<FetchRecord> Store::GetFetch(std::string_view url) const {
  auto raw = impl_->GetRaw(Kind::kFetches, url);
  if (!raw.ok()) return raw.status();
  return DecodeFetch(*raw);
}

Status Store::ScanFetches(
    std::string_view url_prefix,
    const std::function<bool(const FetchRecord&)>& visit) const {
  Status decode;
  Status s = impl_->ScanPrefix(Kind::kFetches, url_prefix,
                               [&](std::string_view, std::string_view v) {
                                 auto r = DecodeFetch(v);
                                 if (!r.ok()) {
                                   decode = r.status();
                                   return false;
                                 }
                                 return visit(*r);
                               });
  return s.ok() ? decode : s;
}

Status Store::AppendFetchLog(std::string_view url, int64_t time_ms,
                             const FetchRecord& record, bool sync) {
  if (Status s = CheckPart("fetch url", url); !s.ok()) return s;
  if (Status s = CheckNonNegative("time_ms", time_ms); !s.ok()) return s;
  rocksdb::WriteBatch b;
  b.Put(impl_->cf(Kind::kFetchLog), keys::FetchLogKey(url, time_ms),
        EncodeFetch(record));
  return impl_->Write(b, sync);
}

Result<std::vector<FetchRecord>> Store::FetchHistory(std::string_view url,
                                                     int64_t from_ms,
                                                     int64_t to_ms) const {
  std::vector<FetchRecord> out;
  Status decode;
  std::string lower = keys::FetchLogKey(url, std::max<int64_t>(from_ms, 0));
  std::string upper = to_ms <= 0 ? lower : keys::FetchLogKey(url, to_ms);
  Status s = impl_->Scan(Kind::kFetchLog, lower, upper,
                         [&](std::string_view, std::string_view v) {
                           auto r = DecodeFetch(v);
                           if (!r.ok()) {
                             decode = r.status();
                             return false;
                           }
                           out.push_back(std::move(*r));
                           return true;
                         });
  if (!s.ok()) return s;
  if (!decode.ok()) return decode;
  return out;
}

Status Store::PutBody(std::string_view hash, std::string_view bytes,
                      bool sync) {
  if (hash.empty()) return Status::InvalidArgument("body hash is empty");
  rocksdb::WriteBatch b;
  b.Put(impl_->cf(Kind::kBodies), rocksdb::Slice(hash.data(), hash.size()),
        rocksdb::Slice(bytes.data(), bytes.size()));
  return impl_->Write(b, sync);
}

Result<std::string> Store::GetBody(std::string_view hash) const {
  return impl_->GetRaw(Kind::kBodies, hash);
}

// ---- frontier ------------------------------------------------------------

namespace {
Status CheckFrontier(const FrontierEntry& e) {
  if (Status s = CheckNonNegative("due_ms", e.due_ms); !s.ok()) return s;
  if (Status s = CheckPart("frontier host", e.host); !s.ok()) return s;
  return CheckPart("frontier url", e.url);
}
}  // namespace

Status Store::PutFrontier(const FrontierEntry& entry, bool sync) {
  if (Status s = CheckFrontier(entry); !s.ok()) return s;
  rocksdb::WriteBatch b;
  b.Put(impl_->cf(Kind::kFrontier),
        keys::FrontierKey(entry.due_ms, entry.host, entry.url),
        EncodeFrontier(entry));
  return impl_->Write(b, sync);
}

Status Store::DeleteFrontier(int64_t due_ms, std::string_view host,
                             std::string_view url, bool sync) {
  if (due_ms < 0) return Status::Ok();
  rocksdb::WriteBatch b;
  b.Delete(impl_->cf(Kind::kFrontier), keys::FrontierKey(due_ms, host, url));
  return impl_->Write(b, sync);
}

Result<std::vector<FrontierEntry>> Store::DueFrontier(int64_t due_before_ms,
                                                      size_t limit) const {
  std::vector<FrontierEntry> out;
  if (due_before_ms <= 0) return out;
  std::string upper;
  keys::AppendU64(upper, static_cast<uint64_t>(due_before_ms));
  Status decode;
  Status s = impl_->Scan(Kind::kFrontier, "", upper,
                         [&](std::string_view, std::string_view v) {
                           auto e = DecodeFrontier(v);
                           if (!e.ok()) {
                             decode = e.status();
                             return false;
                           }
                           out.push_back(std::move(*e));
                           return limit == 0 || out.size() < limit;
                         });
  if (!s.ok()) return s;
  if (!decode.ok()) return decode;
  return out;
}

Status Store::CompleteFetch(const FrontierEntry& done,
                            const FetchRecord& record,
                            const std::optional<FrontierEntry>& next,
                            bool sync) {
  if (Status s = CheckFrontier(done); !s.ok()) return s;
  if (Status s = CheckPart("fetch url", record.url); !s.ok()) return s;
  if (Status s = CheckNonNegative("fetched_at_ms", record.fetched_at_ms);
      !s.ok()) {
    return s;
  }
  if (next) {
    if (Status s = CheckFrontier(*next); !s.ok()) return s;
  }
  std::string value = EncodeFetch(record);
  rocksdb::WriteBatch b;
  b.Delete(impl_->cf(Kind::kFrontier),
           keys::FrontierKey(done.due_ms, done.host, done.url));
  b.Put(impl_->cf(Kind::kFetches), record.url, value);
  b.Put(impl_->cf(Kind::kFetchLog),
        keys::FetchLogKey(record.url, record.fetched_at_ms), value);
  if (next) {
    b.Put(impl_->cf(Kind::kFrontier),
          keys::FrontierKey(next->due_ms, next->host, next->url),
          EncodeFrontier(*next));
  }
  return impl_->Write(b, sync);
}

// ---- recordings and segments -----------------------------------------------

namespace {
Status CheckRecording(const Recording& r, const std::vector<Segment>& segs) {
  if (r.asset_id.empty()) return Status::InvalidArgument("empty asset id");
  if (Status s = CheckPart("asset id", r.asset_id); !s.ok()) return s;
  if (Status s = CheckPart("recording date", r.date); !s.ok()) return s;
  if (Status s = CheckPart("recording body", r.body); !s.ok()) return s;
  for (const auto& seg : segs) {
    if (seg.asset_id != r.asset_id) {
      return Status::InvalidArgument("segment of asset '" + seg.asset_id +
                                     "' given with recording '" + r.asset_id +
                                     "'");
    }
    if (seg.start_ms < 0 || seg.end_ms < seg.start_ms) {
      return Status::InvalidArgument("segment of " + r.asset_id +
                                     " has a bad span [" +
                                     std::to_string(seg.start_ms) + ", " +
                                     std::to_string(seg.end_ms) + ")");
    }
    if (SegmentKindName(seg.kind) == "unknown") {
      return Status::InvalidArgument("segment of " + r.asset_id +
                                     " has an unknown kind");
    }
    if (Status s = CheckPart("affiliation", seg.affiliation); !s.ok()) return s;
  }
  return Status::Ok();
}
}  // namespace

Status Store::PutRecording(const Recording& recording,
                           const std::vector<Segment>& segments, bool sync) {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  if (Status s = CheckRecording(recording, segments); !s.ok()) return s;
  const std::string& asset = recording.asset_id;

  std::lock_guard lock(impl_->write_mu);
  rocksdb::WriteBatch b;
  if (Status s = impl_->AddRecordingDeletes(asset, b); !s.ok()) return s;

  b.Put(impl_->cf(Kind::kRecordings), asset, EncodeRecording(recording));
  if (!recording.date.empty()) {
    b.Put(impl_->cf(Kind::kRecordingsByDate),
          keys::RecordingByDateKey(recording.date, asset), "");
  }
  if (!recording.body.empty()) {
    b.Put(impl_->cf(Kind::kRecordingsByBody),
          keys::RecordingByBodyKey(recording.body, recording.date, asset), "");
  }
  SegmentSummary summary;
  std::set<std::string> seen;
  for (const auto& seg : segments) {
    std::string key = keys::SegmentKey(asset, seg.kind, seg.start_ms, seg.seq);
    if (!seen.insert(key).second) {
      return Status::InvalidArgument("two segments of " + asset +
                                     " share kind " +
                                     std::string(SegmentKindName(seg.kind)) +
                                     ", start " + std::to_string(seg.start_ms) +
                                     " ms and seq " + std::to_string(seg.seq));
    }
    b.Put(impl_->cf(Kind::kSegments), key, EncodeSegment(seg));
    if (!seg.affiliation.empty()) {
      b.Put(impl_->cf(Kind::kSegmentsByAffiliation),
            keys::SegmentByAffiliationKey(seg.affiliation, key), "");
    }
    auto& max = summary.max_ms[static_cast<size_t>(seg.kind)];
    max = std::max(max, seg.end_ms - seg.start_ms);
  }
  b.Put(impl_->cf(Kind::kSegments), keys::SegmentSummaryKey(asset),
        EncodeSummary(summary));
  return impl_->Write(b, sync);
}

Status Store::DeleteRecording(std::string_view asset_id, bool sync) {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  if (Status s = CheckPart("asset id", asset_id); !s.ok()) return s;
  std::lock_guard lock(impl_->write_mu);
  rocksdb::WriteBatch b;
  if (Status s = impl_->AddRecordingDeletes(asset_id, b); !s.ok()) return s;
  return impl_->Write(b, sync);
}

Result<Recording> Store::GetRecording(std::string_view asset_id) const {
  auto raw = impl_->GetRaw(Kind::kRecordings, asset_id);
  if (!raw.ok()) {
    if (raw.status().IsNotFound()) {
      return Status::NotFound("no recording " + std::string(asset_id));
    }
    return raw.status();
  }
  return DecodeRecording(*raw);
}

Status Store::ScanRecordings(
    const std::function<bool(const Recording&)>& visit) const {
  Status decode;
  Status s = impl_->Scan(Kind::kRecordings, "", "",
                         [&](std::string_view, std::string_view v) {
                           auto r = DecodeRecording(v);
                           if (!r.ok()) {
                             decode = r.status();
                             return false;
                           }
                           return visit(*r);
                         });
  return s.ok() ? decode : s;
}

Result<std::vector<Segment>> Store::SegmentsOf(
    std::string_view asset_id) const {
  std::vector<Segment> out;
  Status decode;
  std::string summary_key = keys::SegmentSummaryKey(asset_id);
  Status s = impl_->ScanPrefix(Kind::kSegments, keys::SegmentPrefix(asset_id),
                               [&](std::string_view k, std::string_view v) {
                                 if (k == summary_key) return true;
                                 auto seg = DecodeSegment(v);
                                 if (!seg.ok()) {
                                   decode = seg.status();
                                   return false;
                                 }
                                 out.push_back(std::move(*seg));
                                 return true;
                               });
  if (!s.ok()) return s;
  if (!decode.ok()) return decode;
  return out;
}

Result<SegmentSummary> Store::Impl::SummaryOf(std::string_view asset_id) const {
  auto raw = GetRaw(Kind::kSegments, keys::SegmentSummaryKey(asset_id));
  if (raw.ok()) {
    auto decoded = DecodeSummary(*raw);
    if (!decoded.ok()) return decoded.status().WithContext(Context());
    return *decoded;
  }
  if (!raw.status().IsNotFound()) return raw.status();
  SegmentSummary none;  // no summary: walk back all the way
  none.max_ms.fill(INT64_MAX / 2);
  return none;
}

Result<std::optional<Segment>> Store::Impl::SegmentAt(
    rocksdb::Iterator& it, std::string_view asset_id, SegmentKind kind,
    int64_t ms, std::optional<SegmentSummary>* summary) const {
  if (ms < 0) return std::optional<Segment>();
  const std::string prefix = keys::SegmentKindPrefix(asset_id, kind);
  // The longest segment of this kind, read only when the latest segment that
  // starts at or before ms does not cover it (segments of one kind nest).
  std::optional<int64_t> max_ms;
  std::optional<Segment> found;
  for (it.SeekForPrev(keys::SegmentKey(asset_id, kind, ms, UINT32_MAX));
       it.Valid(); it.Prev()) {
    rocksdb::Slice k = it.key();
    if (!k.starts_with(prefix)) break;  // an earlier kind, or the summary
    if (k.size() < prefix.size() + 12) {
      return Status::Corruption("malformed segment key in " + Context());
    }
    const int64_t start = static_cast<int64_t>(
        keys::ReadU64(std::string_view(k.data() + prefix.size(), 8)));
    if (max_ms && start + *max_ms <= ms) break;  // no earlier one reaches ms
    rocksdb::Slice v = it.value();
    auto seg = DecodeSegment(std::string_view(v.data(), v.size()));
    if (!seg.ok()) return seg.status().WithContext(Context());
    if (seg->end_ms > ms) {
      found = std::move(*seg);
      break;
    }
    if (!max_ms) {
      if (!*summary) {
        auto read = SummaryOf(asset_id);
        if (!read.ok()) return read.status();
        *summary = *read;
      }
      max_ms = (*summary)->max_ms[static_cast<size_t>(kind)];
      if (start + *max_ms <= ms) break;
    }
  }
  if (Status s = FromRocks(it.status(), "seeking in " + Context()); !s.ok()) {
    return s;
  }
  return found;
}

namespace {
// An iterator over the segments of `asset_id` (all kinds and the summary);
// `bounds` holds the keys its bounds point to and must outlive it.
std::unique_ptr<rocksdb::Iterator> SegmentIterator(
    const Store::Impl& impl, std::string_view asset_id,
    std::array<std::string, 2>* bounds,
    std::array<rocksdb::Slice, 2>* slices) {
  (*bounds)[0] = keys::SegmentPrefix(asset_id);
  (*bounds)[1] = keys::PrefixEnd((*bounds)[0]);
  (*slices)[0] = rocksdb::Slice((*bounds)[0]);
  (*slices)[1] = rocksdb::Slice((*bounds)[1]);
  rocksdb::ReadOptions ro;
  ro.iterate_lower_bound = &(*slices)[0];
  ro.iterate_upper_bound = &(*slices)[1];
  return std::unique_ptr<rocksdb::Iterator>(
      impl.db->NewIterator(ro, impl.cf(Kind::kSegments)));
}
}  // namespace

Result<std::optional<Segment>> Store::SegmentAt(std::string_view asset_id,
                                                SegmentKind kind,
                                                int64_t ms) const {
  if (ms < 0) return std::optional<Segment>();
  std::array<std::string, 2> bounds;
  std::array<rocksdb::Slice, 2> slices;
  auto it = SegmentIterator(*impl_, asset_id, &bounds, &slices);
  std::optional<SegmentSummary> summary;
  return impl_->SegmentAt(*it, asset_id, kind, ms, &summary);
}

Result<std::vector<Segment>> Store::SegmentsAt(
    std::string_view asset_id, int64_t ms,
    std::span<const SegmentKind> kinds) const {
  std::vector<Segment> out;
  if (ms < 0) return out;
  // The summary first: it says which kinds the recording has, and how far
  // back to look for each.
  auto read = impl_->SummaryOf(asset_id);
  if (!read.ok()) return read.status();
  std::optional<SegmentSummary> summary = *read;
  std::array<std::string, 2> bounds;
  std::array<rocksdb::Slice, 2> slices;
  std::unique_ptr<rocksdb::Iterator> it;
  for (SegmentKind kind : kinds) {
    // No segment of this kind (every segment has end_ms >= start_ms, and an
    // empty one covers no moment): nothing to seek.
    if (summary->max_ms[static_cast<size_t>(kind)] <= 0) continue;
    if (!it) it = SegmentIterator(*impl_, asset_id, &bounds, &slices);
    auto seg = impl_->SegmentAt(*it, asset_id, kind, ms, &summary);
    if (!seg.ok()) return seg.status();
    if (*seg) out.push_back(std::move(**seg));
  }
  return out;
}

namespace {
// Collects the asset ids in index keys whose last part is the asset id.
Result<std::vector<Recording>> LoadByIndex(
    const Store& store, const std::vector<std::string>& ids) {
  std::vector<Recording> out;
  for (const auto& id : ids) {
    auto r = store.GetRecording(id);
    if (!r.ok()) {
      if (r.status().IsNotFound()) {
        return Status::Corruption("index names recording " + id +
                                  " that does not exist");
      }
      return r.status();
    }
    out.push_back(std::move(*r));
  }
  return out;
}

std::string LastPart(std::string_view key) {
  size_t pos = key.rfind(keys::kSep);
  return std::string(pos == std::string_view::npos ? key : key.substr(pos + 1));
}
}  // namespace

Result<std::vector<Recording>> Store::RecordingsByDate(
    std::string_view from_date, std::string_view to_date) const {
  std::vector<std::string> ids;
  std::string lower(from_date);
  lower.push_back(keys::kSep);
  std::string upper(to_date);
  upper.push_back('\x01');  // just past every "to_date 0x00 ..." key
  Status s = impl_->Scan(Kind::kRecordingsByDate, lower, upper,
                         [&](std::string_view k, std::string_view) {
                           ids.push_back(LastPart(k));
                           return true;
                         });
  if (!s.ok()) return s;
  return LoadByIndex(*this, ids);
}

Result<std::vector<Recording>> Store::RecordingsByBody(
    std::string_view body) const {
  std::vector<std::string> ids;
  std::string prefix(body);
  prefix.push_back(keys::kSep);
  Status s = impl_->ScanPrefix(Kind::kRecordingsByBody, prefix,
                               [&](std::string_view k, std::string_view) {
                                 ids.push_back(LastPart(k));
                                 return true;
                               });
  if (!s.ok()) return s;
  return LoadByIndex(*this, ids);
}

Result<std::vector<Segment>> Store::SegmentsByAffiliation(std::string_view iso3,
                                                          size_t limit) const {
  std::vector<std::string> seg_keys;
  std::string prefix(iso3);
  prefix.push_back(keys::kSep);
  Status s = impl_->ScanPrefix(Kind::kSegmentsByAffiliation, prefix,
                               [&](std::string_view k, std::string_view) {
                                 seg_keys.emplace_back(k.substr(prefix.size()));
                                 return limit == 0 || seg_keys.size() < limit;
                               });
  if (!s.ok()) return s;
  std::vector<Segment> out;
  for (const auto& key : seg_keys) {
    auto raw = impl_->GetRaw(Kind::kSegments, key);
    if (!raw.ok()) {
      if (raw.status().IsNotFound()) {
        return Status::Corruption("affiliation index of " + std::string(iso3) +
                                  " names a segment that does not exist");
      }
      return raw.status();
    }
    auto seg = DecodeSegment(*raw);
    if (!seg.ok()) return seg.status();
    out.push_back(std::move(*seg));
  }
  return out;
}

// ---- documents and symbols -------------------------------------------------

Status Store::PutDocument(const Document& document, bool sync) {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  if (document.url.empty())
    return Status::InvalidArgument("empty document url");
  if (Status s = CheckPart("document url", document.url); !s.ok()) return s;
  std::lock_guard lock(impl_->write_mu);
  rocksdb::WriteBatch b;
  // Drop the URL from the symbol it had before, if that changed.
  auto old = GetDocument(document.url);
  if (!old.ok() && !old.status().IsNotFound()) return old.status();
  if (old.ok() && !old->symbol.empty() && old->symbol != document.symbol) {
    auto sym = GetSymbol(old->symbol);
    if (sym.ok()) {
      std::erase(sym->urls, document.url);
      if (sym->urls.empty()) {
        b.Delete(impl_->cf(Kind::kSymbols), old->symbol);
      } else {
        b.Put(impl_->cf(Kind::kSymbols), old->symbol, EncodeSymbol(*sym));
      }
    } else if (!sym.status().IsNotFound()) {
      return sym.status();
    }
  }
  if (!document.symbol.empty()) {
    auto sym = GetSymbol(document.symbol);
    SymbolRecord rec;
    if (sym.ok()) {
      rec = std::move(*sym);
    } else if (!sym.status().IsNotFound()) {
      return sym.status();
    }
    rec.symbol = document.symbol;
    if (std::find(rec.urls.begin(), rec.urls.end(), document.url) ==
        rec.urls.end()) {
      rec.urls.push_back(document.url);
    }
    b.Put(impl_->cf(Kind::kSymbols), document.symbol, EncodeSymbol(rec));
  }
  b.Put(impl_->cf(Kind::kDocuments), document.url, EncodeDocument(document));
  return impl_->Write(b, sync);
}

Result<Document> Store::GetDocument(std::string_view url) const {
  auto raw = impl_->GetRaw(Kind::kDocuments, url);
  if (!raw.ok()) return raw.status();
  return DecodeDocument(*raw);
}

Result<SymbolRecord> Store::GetSymbol(std::string_view symbol) const {
  auto raw = impl_->GetRaw(Kind::kSymbols, symbol);
  if (!raw.ok()) return raw.status();
  return DecodeSymbol(*raw);
}

// ---- citations -----------------------------------------------------------

Status Store::ReplaceCitations(std::string_view source,
                               const std::vector<CitationRecord>& citations,
                               bool sync) {
  if (Status s = impl_->CheckWritable(); !s.ok()) return s;
  if (Status s = CheckPart("citation source", source); !s.ok()) return s;
  for (const auto& c : citations) {
    if (c.source != source) {
      return Status::InvalidArgument("citation of '" + c.source +
                                     "' given for source '" +
                                     std::string(source) + "'");
    }
    if (c.footnote < 0 || c.seq < 0) {
      return Status::InvalidArgument("citation footnote and seq must be >= 0");
    }
  }
  std::lock_guard lock(impl_->write_mu);
  rocksdb::WriteBatch b;
  Status s = impl_->ScanPrefix(Kind::kCitations, keys::CitationPrefix(source),
                               [&](std::string_view k, std::string_view) {
                                 b.Delete(impl_->cf(Kind::kCitations),
                                          rocksdb::Slice(k.data(), k.size()));
                                 return true;
                               });
  if (!s.ok()) return s;
  for (const auto& c : citations) {
    b.Put(impl_->cf(Kind::kCitations),
          keys::CitationKey(source, c.footnote, c.seq), EncodeCitation(c));
  }
  return impl_->Write(b, sync);
}

Result<std::vector<CitationRecord>> Store::CitationsOf(
    std::string_view source) const {
  std::vector<CitationRecord> out;
  Status decode;
  Status s = impl_->ScanPrefix(Kind::kCitations, keys::CitationPrefix(source),
                               [&](std::string_view, std::string_view v) {
                                 auto c = DecodeCitation(v);
                                 if (!c.ok()) {
                                   decode = c.status();
                                   return false;
                                 }
                                 out.push_back(std::move(*c));
                                 return true;
                               });
  if (!s.ok()) return s;
  if (!decode.ok()) return decode;
  return out;
}

Status Store::ScanCitations(
    const std::function<bool(const CitationRecord&)>& visit) const {
  Status decode;
  Status s = impl_->Scan(Kind::kCitations, "", "",
                         [&](std::string_view, std::string_view v) {
                           auto c = DecodeCitation(v);
                           if (!c.ok()) {
                             decode = c.status();
                             return false;
                           }
                           return visit(*c);
                         });
  return s.ok() ? decode : s;
}

}  // namespace timecite::store
