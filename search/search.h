// timecite::search — the multilingual full-text index of what is said in the
// recordings (docs/search.md). The only code that includes Xapian headers
// (Debian libxapian-dev 1.4, https://xapian.org/docs/) is in search/.
//
// The store (RocksDB) is the source of truth: the index holds one Xapian
// document per segment of every recording the store holds (statements,
// sentences, captions; chapters and cited spans are left out) and can always
// be rebuilt from it (Rebuild, `timecite index rebuild`). It lives in the
// directory IndexPathFor(db) = <db>/search.
//
// A document: the segment's text folded as utf8::FoldForIndex folds it
// (accents, Arabic diacritics and hamza forms, Arabic-Indic digits) and
// indexed with the stemmer of the segment's language (en, fr, es, ru, ar;
// Chinese as CJK n-grams: TermGenerator::FLAG_CJK_NGRAM); the speaker's name
// (field `speaker:`); boolean terms for the recording, affiliation (ISO 3166-1
// alpha-3), body, speaker function and group, language, kind, year, meeting
// record and related document symbols; value slots for the date
// ("YYYY-MM-DD"), the recording and the start; and the store::Segment itself
// (store::EncodeSegment) as the document data. The recording's
// store::Recording (store::EncodeRecording) is kept in the index's metadata,
// so a search never reads the store.
//
// Keeping in step with the store: a writer calls BeginRecording(asset_id)
// before the store writes the recording and SyncRecording(store, asset_id)
// after; BeginRecording commits a "pending" mark, SyncRecording replaces the
// recording's documents with what the store holds and clears the mark in one
// commit. A process killed between the two leaves the mark; the next
// OpenWriter given the store repairs every marked recording from the store.
//
// Processes and threads: one writer at a time (Xapian's lock; a second
// OpenWriter fails with Busy). Readers never lock and see the index as of
// their last open or Reopen(): a search sees recordings indexed while a crawl
// runs after Reopen() (SearchIndex::Search reopens by itself when the writer
// has moved on too far for its snapshot). A SearchIndex is not thread-safe:
// use one per thread.
//
// Errors: NotFound for a missing index, Corruption for a damaged one (both
// messages name the directory; `timecite index rebuild` makes a new one), Busy
// for a locked writer, InvalidArgument for a query Xapian cannot parse (its
// message, made readable) or one with no word, an impossible date or a
// request out of range; IoError for the file system.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/records.h"

namespace timecite::store {
class Store;
}

namespace timecite::search {

// <db>/search: where the index of the store in `db_dir` lives.
std::filesystem::path IndexPathFor(const std::filesystem::path& db_dir);

// The languages with their own analysis: Xapian's stemmers for "en", "fr",
// "es", "ru", "ar"; "zh" as CJK n-grams. Other languages are indexed without
// a stemmer.
const std::vector<std::string>& Languages();

enum class Sort {
  kRelevance,  // BM25 (Xapian's default weighting), best first
  kDate,       // newest recording first, then by relevance
};

struct SearchRequest {
  // Xapian query syntax (https://xapian.org/docs/queryparser.html): words
  // (all must occur), "a phrase", OR, NOT, AND, -word, prefix* and the
  // fields country:ISO3, body:NAME, lang:xx, recording:ASSET_ID, kind:NAME,
  // function:NAME, symbol:SYMBOL, year:YYYY, speaker:WORDS. REQUIRED: some
  // word.
  std::string query;
  // Filters; empty = any. Compared folded as the index folds (case and
  // accents do not matter); country is an ISO 3166-1 alpha-3 code.
  std::string country;
  std::string body;       // as the store has it, "Security Council"
  std::string function;   // speaker function, "Representative"
  std::string language;   // "en", ...; also picks the stemmer of the query
  std::string recording;  // an asset id
  std::string from_date;  // "YYYY-MM-DD", inclusive; "" = open
  std::string to_date;    // "YYYY-MM-DD", inclusive; "" = open
  Sort sort = Sort::kRelevance;
  std::size_t offset = 0;   // recordings to skip
  std::size_t limit = 10;   // recordings to return, 1..1000
  std::size_t segments_per_recording = 3;  // best segments of each, 1..100
  bool facets = false;      // count matches per country, body and year
  // Around each matched word of a snippet.
  std::string highlight_open = "**";
  std::string highlight_close = "**";
};

struct SegmentHit {
  store::Segment segment;   // as the store had it when indexed
  double weight = 0;        // BM25 weight; larger is better
  std::string snippet;      // the text (cut to ~200 characters around the
                            // first match) with matched words highlighted
};

struct RecordingHit {
  store::Recording recording;     // as the store had it when indexed
  std::vector<SegmentHit> segments;  // best first (by the request's sort)
};

struct SearchResult {
  // Segments and recordings matching: exact up to offset + limit + 100
  // matches (with facets: segments always exact), Xapian's estimate beyond.
  uint64_t matching_segments = 0;
  uint64_t matching_recordings = 0;  // estimate
  std::vector<RecordingHit> recordings;  // the page asked for
  // With request.facets: matching segments per affiliation, body and year
  // (every match counted).
  std::map<std::string, uint64_t> by_country, by_body, by_year;
};

// How far the index is behind the store (Status()).
struct IndexStatus {
  uint64_t recordings_in_store = 0;
  uint64_t recordings_indexed = 0;  // of those, indexed as the store has them
  uint64_t documents = 0;           // Xapian documents (segments) in the index
  std::vector<std::string> missing;  // in the store, not (or not as stored) indexed
  std::vector<std::string> extra;    // indexed, no longer in the store
  std::vector<std::string> pending;  // marked by a writer that did not finish
  uint64_t disk_bytes = 0;           // every file of the index directory
  bool in_step() const { return missing.empty() && extra.empty() && pending.empty(); }
};

struct RebuildProgress {
  uint64_t recordings = 0;  // done so far
  uint64_t segments = 0;    // indexed so far
};

class SearchIndex;

// Builds a new index of every recording of `store` in <dir>.rebuild, compacts
// it into <dir>.compact (Xapian::Database::compact: full blocks) and puts that
// in place of `dir` (readers with the old one open keep reading it; a new
// open sees the new one). Needs no working index at `dir` (a damaged one is
// replaced). `progress` (may be empty) is called after each recording.
// REQUIRES: no crawl writes the store meanwhile (open it read-write).
// Errors: Busy when a writer holds `dir`; store errors; IoError.
Result<RebuildProgress> Rebuild(
    const store::Store& store, const std::filesystem::path& dir,
    const std::function<void(const RebuildProgress&)>& progress = {});

class SearchIndex {
 public:
  // A reader of the index in `dir`. Errors: NotFound (no index there),
  // Corruption (not a readable index), each naming `dir`.
  static Result<std::unique_ptr<SearchIndex>> OpenReader(
      const std::filesystem::path& dir);
  // The writer (creates the index when missing). With `store`, first repairs
  // every recording a killed writer left pending (see the file comment).
  // Errors: Busy when another writer holds it; Corruption; IoError.
  static Result<std::unique_ptr<SearchIndex>> OpenWriter(
      const std::filesystem::path& dir, const store::Store* store = nullptr);

  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  const std::filesystem::path& path() const;
  bool writable() const;

  // Reader: sees everything committed since it was opened. Writer: Ok.
  Status Reopen();

  Result<SearchResult> Search(const SearchRequest& request);

  // ---- writing (writer only; InvalidArgument on a reader) ----------------
  // Marks `asset_id` pending and commits, before the store writes it.
  Status BeginRecording(std::string_view asset_id);
  // Replaces every document of recording.asset_id with `segments` (no stale
  // hit stays), keeps the recording, clears its pending mark; one commit.
  // REQUIRES: each segment's asset_id is recording.asset_id.
  Status IndexRecording(const store::Recording& recording,
                        const std::vector<store::Segment>& segments);
  // Removes the recording's documents and metadata; one commit. Ok if absent.
  Status RemoveRecording(std::string_view asset_id);
  // Makes the index hold what the store holds for `asset_id` (IndexRecording
  // or RemoveRecording). The hook after the crawl indexed a recording.
  Status SyncRecording(const store::Store& store, std::string_view asset_id);
  // SyncRecording for every pending mark.
  Status RepairPending(const store::Store& store);

  // How far the index is behind `store` (reads every recording of the store,
  // not its segments: a recording counts as indexed when the index keeps the
  // same store::Recording).
  Result<IndexStatus> GetStatus(const store::Store& store);

  // Number of Xapian documents.
  uint64_t documents() const;

  class Impl;

 private:
  friend Result<RebuildProgress> Rebuild(
      const store::Store&, const std::filesystem::path&,
      const std::function<void(const RebuildProgress&)>&);
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The hook of a run that writes recordings into the store (the crawl's
// indexing phase): keeps the index at IndexPathFor(store.path()) in step.
// Call Before(asset_id) before the store writes a recording and After(asset_id)
// after (whatever the write's outcome). The writer is opened (and pending
// marks repaired) at the first Before. A problem with the index never stops
// the run: the first one is kept in status(), the index is left alone from
// then on, and `timecite index status` shows it behind. Thread safety: none.
class StoreFollower {
 public:
  explicit StoreFollower(const store::Store& store) : store_(store) {}
  void Before(std::string_view asset_id);
  void After(std::string_view asset_id);
  // Ok, or the first problem (it names the index directory).
  const Status& status() const { return status_; }

 private:
  const store::Store& store_;
  std::unique_ptr<SearchIndex> index_;
  Status status_ = Status::Ok();
};

}  // namespace timecite::search
