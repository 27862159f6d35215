// timecite::store::Store — the RocksDB database behind timecite (DESIGN.md §3,
// docs/store.md). The only code that includes RocksDB headers is in store/.
//
// Processes: one writing process at a time (RocksDB's LOCK file). A second
// read-write Open waits up to StoreOptions::lock_wait_ms (default 0), then
// fails with Busy and a message naming the database path.
//
// Creation: a missing database (or an empty directory) is created whole or
// not at all — built in a sibling ".<name>.creating-<pid>" directory with
// mode 0700 (private to the user), stamped with the schema version, closed and
// renamed into place — so a process killed in its first second leaves no
// database or a complete one. A build directory left by a killed process is
// removed by the next creator.
// Readers (`show`, `at`, `resolve`, `serve`) open with kSecondary while a crawl
// writes and see data no older than their last CatchUp(), or kReadOnly for a
// snapshot taken at Open.
//
// Durability: every write goes through the WAL. A write with `sync = true`
// fsyncs the WAL before returning, so it (and every earlier write) survives a
// power loss; without sync it survives a crash of the process. Pass sync on a
// command's final batch. Each method that writes makes exactly one WriteBatch:
// it is applied whole or not at all.
//
// Errors: NotFound for an absent record; Busy for a locked database;
// Unsupported for a database of a newer schema; Corruption when stored bytes
// fail a checksum or do not decode (never silently returned); IoError for the
// file system (full disk, read-only directory), with the path in the message;
// InvalidArgument for keys holding a 0x00 byte, negative numbers, or a write on
// a store not opened read-write.
//
// Thread safety: a Store may be used from several threads at once. Methods that
// read before they write (PutRecording, ReplaceCitations, PutDocument, ...)
// are serialised inside the Store. Scan visitors run on the calling thread and
// must not call the Store's write methods.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/records.h"

namespace timecite::store {

// The layout version this code reads and writes (kept in `meta`).
// 1: DESIGN §3 as first written (segment key asset+start+kind+seq, no
//    secondary indexes). 2: kind-first segment keys, segment summaries and the
//    idx_* column families. 3: fetch records keep a typed error class
//    (common/fetch_error.h) and the crawler's fields (docs/store.md, "Schema
//    versions"). Open(kReadWrite) migrates older databases in place.
inline constexpr uint32_t kSchemaVersion = 3;

enum class OpenMode {
  kReadWrite,  // creates the database if missing; takes the writer lock
  kReadOnly,   // a fixed view as of Open; no lock; fails if the db is missing
  kSecondary,  // follows a live writer; call CatchUp() to see newer data
};

// Tuning for Store::Open; the defaults suit the command line.
// A file system in memory, for databases that never touch the disk: unit
// tests of the pipeline, the server and the fleet (leveldb's memenv, here
// RocksDB's NewMemEnv). Pass the same object in StoreOptions::memory to open
// the database it holds again, in any mode: the writer lock, read-only and
// secondary opens behave as on disk. Paths name files inside it only, and its
// files live until the last Store using it and the last shared_ptr are gone.
// Thread-safe. Store::Verify, which reads files on disk, does not apply.
class MemoryFileSystem {
 public:
  static std::shared_ptr<MemoryFileSystem> Create();
  ~MemoryFileSystem();
  MemoryFileSystem(const MemoryFileSystem&) = delete;
  MemoryFileSystem& operator=(const MemoryFileSystem&) = delete;

  struct Rep;  // private to store/ (impl.h)
  Rep& rep() const { return *rep_; }

 private:
  MemoryFileSystem();
  std::unique_ptr<Rep> rep_;
};

struct StoreOptions {
  // RocksDB block cache shared by every column family of this Store, bytes.
  size_t block_cache_bytes = 64 << 20;
  // kReadWrite: while another process holds the writer lock, try again every
  // 100 ms for up to this long before failing with Busy (the CLI's --wait).
  int64_t lock_wait_ms = 0;
  // Null: the database is the directory on disk. Set: it lives in this
  // in-memory file system (tests); creation needs no atomic rename there.
  std::shared_ptr<MemoryFileSystem> memory = nullptr;
};

// Record kinds, one per column family (for stats, `db get`, `db dump`).
enum class Kind {
  kMeta,
  kFetches,
  kBodies,
  kFetchLog,
  kFrontier,
  kRecordings,
  kSegments,
  kDocuments,
  kSymbols,
  kCitations,
  kRecordingsByDate,
  kRecordingsByBody,
  kSegmentsByAffiliation,
};
// The column family name of a kind, e.g. "fetch_log", "idx_recordings_by_date".
std::string_view KindName(Kind kind);
// The inverse of KindName; also accepts the singular "recording", "segment",
// "fetch", "document", "symbol", "citation", "body". nullopt otherwise.
std::optional<Kind> ParseKind(std::string_view name);
// Every kind, in column family order.
const std::vector<Kind>& AllKinds();

struct KindStats {
  Kind kind;
  uint64_t records = 0;         // exact count of keys
  uint64_t live_sst_bytes = 0;  // on-disk size of its SST files
};
struct Stats {
  uint32_t schema_version = 0;
  std::vector<KindStats> kinds;
  uint64_t total_bytes_on_disk = 0;  // every file in the database directory
};

// One problem found by Verify.
struct VerifyProblem {
  std::string file;     // absolute path of the damaged file
  std::string message;  // RocksDB's description
};

class Store {
 public:
  // Opens (kReadWrite: creates) the database in `dir`, creating every column
  // family that is missing. kReadWrite migrates an older schema in place, one
  // WriteBatch per step; every mode refuses a newer schema with Unsupported
  // naming both versions. kReadOnly/kSecondary on an older schema also fail
  // with Unsupported ("open it read-write once to migrate").
  // kSecondary keeps its own small info directory under the system temp dir.
  static Result<std::unique_ptr<Store>> Open(
      const std::filesystem::path& dir, OpenMode mode,
      const StoreOptions& options = StoreOptions());

  // Closes the database. A writer first waits (at most about 2 s) for
  // flushes and compactions RocksDB has pending. Writes already returned
  // are durable as described above; nothing is lost by not waiting.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& path() const;
  OpenMode mode() const;

  // kSecondary: replays what the writer has written since the last catch-up.
  // kReadWrite: nothing to do, Ok. kReadOnly: Unsupported (reopen instead).
  Status CatchUp();

  // ---- fetches, fetch_log, bodies --------------------------------------
  // Latest fetch per canonical URL.
  Status PutFetch(const FetchRecord& record, bool sync = false);
  Result<FetchRecord> GetFetch(std::string_view url) const;
  // Every URL whose canonical form starts with `url_prefix` ("" = all), in key
  // order. `visit` returns false to stop early.
  Status ScanFetches(
      std::string_view url_prefix,
      const std::function<bool(const FetchRecord&)>& visit) const;

  // Adds one outcome to the history of `url` at `time_ms` (unix ms; >= 0). A
  // second append at the same (url, time_ms) replaces the first.
  Status AppendFetchLog(std::string_view url, int64_t time_ms,
                        const FetchRecord& record, bool sync = false);
  // The history of `url` with from_ms <= time < to_ms, oldest first.
  Result<std::vector<FetchRecord>> FetchHistory(
      std::string_view url, int64_t from_ms = 0,
      int64_t to_ms = INT64_MAX) const;

  // Bodies by content hash (the hash is the caller's, e.g. "sha256:<hex>").
  // Stored zstd-compressed by the column family; bytes in, same bytes out.
  Status PutBody(std::string_view hash, std::string_view bytes,
                 bool sync = false);
  Result<std::string> GetBody(std::string_view hash) const;

  // ---- frontier --------------------------------------------------------
  Status PutFrontier(const FrontierEntry& entry, bool sync = false);
  Status DeleteFrontier(int64_t due_ms, std::string_view host,
                        std::string_view url, bool sync = false);
  // Entries with due_ms < due_before_ms (INT64_MAX: all), earliest first, at
  // most `limit` of them (0: no limit).
  Result<std::vector<FrontierEntry>> DueFrontier(int64_t due_before_ms,
                                                 size_t limit = 0) const;
  // Finishes a task in ONE batch: deletes `done` from the frontier, stores
  // `record` as the latest fetch of record.url, appends it to fetch_log at
  // record.fetched_at_ms, and (if given) schedules `next` (a retry or the
  // next recheck).
  Status CompleteFetch(const FrontierEntry& done, const FetchRecord& record,
                       const std::optional<FrontierEntry>& next,
                       bool sync = false);

  // ---- recordings and segments ------------------------------------------
  // Writes the recording and ALL its segments in one batch: the recording's
  // previous segments and index entries are removed, new ones written, so the
  // by-date, by-body and by-affiliation indexes always match. Every segment's
  // asset_id must equal recording.asset_id (InvalidArgument otherwise).
  Status PutRecording(const Recording& recording,
                      const std::vector<Segment>& segments, bool sync = false);
  // Removes a recording, its segments and index entries (one batch). Ok if
  // absent.
  Status DeleteRecording(std::string_view asset_id, bool sync = false);
  Result<Recording> GetRecording(std::string_view asset_id) const;
  // Every recording in asset-id order; `visit` returns false to stop.
  Status ScanRecordings(
      const std::function<bool(const Recording&)>& visit) const;

  // All segments of a recording: by kind (statement, sentence, caption,
  // chapter, cited), then start, then seq.
  Result<std::vector<Segment>> SegmentsOf(std::string_view asset_id) const;
  // The segment of `kind` that covers `ms` (start_ms <= ms < end_ms); when
  // several do, the one that starts latest. nullopt when none covers it.
  Result<std::optional<Segment>> SegmentAt(std::string_view asset_id,
                                           SegmentKind kind, int64_t ms) const;
  // For each of `kinds` (all by default), the segment SegmentAt would
  // return; in the order of `kinds`. One iterator and one read of the
  // recording's segment summary serve every kind; a kind the recording has
  // no segment of is not sought.
  Result<std::vector<Segment>> SegmentsAt(
      std::string_view asset_id, int64_t ms,
      std::span<const SegmentKind> kinds = kAllSegmentKinds) const;

  // Recordings with from_date <= date <= to_date ("YYYY-MM-DD"; inclusive),
  // by date then asset id.
  Result<std::vector<Recording>> RecordingsByDate(
      std::string_view from_date, std::string_view to_date) const;
  // Recordings whose body is exactly `body`, by date then asset id.
  Result<std::vector<Recording>> RecordingsByBody(std::string_view body) const;
  // Segments whose speaker affiliation is `iso3`, by asset id then kind then
  // start; at most `limit` (0: no limit).
  Result<std::vector<Segment>> SegmentsByAffiliation(std::string_view iso3,
                                                     size_t limit = 0) const;

  // ---- documents and symbols --------------------------------------------
  // Stores the document and, when it has a symbol, adds its URL to that
  // symbol's record (one batch). A symbol changed since the last put loses
  // the URL.
  Status PutDocument(const Document& document, bool sync = false);
  Result<Document> GetDocument(std::string_view url) const;
  Result<SymbolRecord> GetSymbol(std::string_view symbol) const;

  // ---- citations --------------------------------------------------------
  // Replaces every citation of `source` with `citations` in ONE batch (an
  // empty vector deletes them all). Each citation's source must equal
  // `source`; footnote and seq must be >= 0 (InvalidArgument otherwise).
  Status ReplaceCitations(std::string_view source,
                          const std::vector<CitationRecord>& citations,
                          bool sync = false);
  // The citations of one source, by footnote then seq.
  Result<std::vector<CitationRecord>> CitationsOf(
      std::string_view source) const;
  // Every citation, by source then footnote then seq; `visit` returns false to
  // stop early.
  Status ScanCitations(
      const std::function<bool(const CitationRecord&)>& visit) const;

  // ---- administration (`timecite db ...`) --------------------------------
  // Writes every memtable to SST files (the WAL already made writes durable;
  // this makes them visible to Verify and cheap to reopen).
  Status Flush();
  Result<Stats> GetStats() const;
  // Compacts every column family down to one sorted run (slow; for after a
  // bulk load or before a benchmark). Writers only.
  Status Compact();
  // Writes a consistent copy of the database to `dir` (must not exist), hard
  // links where the file system allows.
  Status Checkpoint(const std::filesystem::path& dir) const;
  // Checks the checksum of every block of every SST file of the database in
  // directory `dir`, file by file, without Store::Open (so it works when Open
  // fails). The files checked are those the MANIFEST lists when RocksDB can
  // open the database read-only, else every *.sst in `dir`: an orphan left by
  // a flush killed midway (RocksDB deletes it at the next open and never
  // reads it) is not a problem. Ok with an empty vector when all is well;
  // IoError when the directory cannot be listed. Safe while a writer runs (a
  // file deleted meanwhile is skipped).
  static Result<std::vector<VerifyProblem>> Verify(
      const std::filesystem::path& dir);
  // Every record of `kind` whose key starts with the text `prefix` (the first
  // key part: URL, asset id, source, date, body, ISO3, hash; for the frontier
  // the decimal due time is not a prefix, so `prefix` matches the host) as one
  // JSON object {"key": {...parts...}, "value": {...}}. Bodies give
  // {"hash", "bytes", "text"} where text is the body if it is UTF-8.
  Status Dump(Kind kind, std::string_view prefix,
              const std::function<bool(const nlohmann::json&)>& visit) const;
  // One record of `kind` by its key parts as `db get` takes them, e.g.
  // {"k1obxycc3u"} for a recording, {"k1obxycc3u", "sentence", "5380000",
  // "0"} for a segment, {"/path/report.md", "13", "0"} for a citation.
  Result<nlohmann::json> GetJson(Kind kind,
                                 const std::vector<std::string>& parts) const;

  class Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace timecite::store
