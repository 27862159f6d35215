// From parsed values to store records, and the one writer that puts a
// recording with all its segments into the store (DESIGN.md §3: each ingest
// of one recording is one WriteBatch).
//
// What each source contributes to the Recording:
//   - asset page: title, date, categories/body, languages (as ISO 639-1
//     codes), related documents, meeting-record symbol, player id;
//   - Kaltura: canonical entry id, duration (msDuration wins over the page's
//     HH:MM:SS), status (deleted -> "removed");
//   - UN Transcripts: statement and sentence segments, and any of title,
//     date, body, meeting symbol the page did not give;
//   - captions: caption segments;
//   - a schedule card: the start time (UTC) and "live".
// Recording.status is "ready", "live", "removed" (soft 404, HTTP 404, Kaltura
// deleted or unknown id) or Kaltura's name for another entry status. A
// removed recording is written with no segments, so its old ones disappear.
// Fields without a Recording member (canonical URL, subjects, summary, ...)
// go to Recording.extra under their RecordingInfo names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "indexer/asset_page.h"
#include "indexer/kaltura.h"
#include "indexer/recording.h"
#include "indexer/schedule_page.h"
#include "indexer/transcript.h"
#include "store/records.h"

namespace timecite::store {
class Store;
}

namespace timecite::indexer {

// Everything fetched for one asset; each part is optional.
struct RecordingSources {
  std::string asset_id;                  // REQUIRED: IsAssetId
  std::optional<AssetPage> page;         // parsed asset page
  bool page_not_found = false;           // the page answered HTTP 404
  std::optional<KalturaAnswer> kaltura;  // parsed multirequest answer
  std::optional<Transcript> transcript;  // parsed transcript (404 = absent)
  std::vector<ParsedSegment> captions;   // parsed captions
  std::optional<ScheduleCard> card;      // the schedule card that listed it
};

// The store's segment for `segment` of `asset_id`; `seq` breaks ties among
// equal (kind, start); `source` is "transcript", "captions", ....
store::Segment ToStoreSegment(const ParsedSegment& segment, const std::string& asset_id,
                              uint32_t seq, const std::string& source);

// The recording and its segments as they will be stored.
struct StoreRecords {
  store::Recording recording;
  std::vector<store::Segment> segments;
};
// Errors: InvalidArgument when sources.asset_id is not an asset id, or when
// the page's or transcript's asset id is another one.
Result<StoreRecords> ToStoreRecords(const RecordingSources& sources);

struct IndexStats {
  std::string status;  // Recording.status as written
  std::size_t statements = 0;
  std::size_t sentences = 0;
  std::size_t captions = 0;
  std::size_t documents = 0;  // related documents recorded
};

// Writes recordings into a store it does not own.
// Thread safety: as the Store (one IndexWriter per thread is fine).
class IndexWriter {
 public:
  explicit IndexWriter(store::Store* store) : store_(store) {}

  // Converts `sources` (ToStoreRecords) and writes the recording with all its
  // segments in ONE batch, replacing what was stored for that asset (no stale
  // segment survives a re-index). Then records each related document (URL,
  // symbol, this asset among its related_assets), one small batch each.
  // `sync` makes the recording batch durable before returning.
  // Errors: those of ToStoreRecords and of the store.
  Result<IndexStats> Index(const RecordingSources& sources, bool sync = false);

 private:
  Status LinkDocument(const RelatedLink& link, const std::string& asset_id);

  store::Store* store_;
};

}  // namespace timecite::indexer
