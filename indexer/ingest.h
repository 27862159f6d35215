// Fetching the three sources of a recording — its Web TV asset page, the
// Kaltura entry behind its player id and its UN Transcripts JSON — and
// indexing them with one IndexWriter batch; and the same for every card of a
// schedule day (issue 5, "Crawl and index").
//
// The indexer does no network I/O: the caller supplies a FetchFn (the crawler
// in `timecite crawl`, the replica in tests) that performs one HTTP exchange
// with the real URL and reports what came back.
//
// Outcomes for one asset:
//   - page 200: parsed with the asset profile (markup drift is an error and
//     nothing is written); page 404 or the not-found page: written as removed,
//     Kaltura asked with the asset id's player id to tell why (extra
//     "removed_because": kaltura-deleted, kaltura-no-entry,
//     page-gone-entry-kept or page-not-found);
//   - Kaltura: an entry gives the canonical id, duration and status (deleted or
//     unknown id: removed); an API exception or no answer is noted and the
//     page's data is kept;
//   - transcript 404 (or empty): a recording without transcript, noted; 200:
//     statements and sentences, the last statement ending at Kaltura's
//     duration; no answer or another status: an error, nothing written (so
//     segments already stored are not lost to a network failure).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/index_writer.h"
#include "indexer/profile.h"
#include "indexer/schedule_page.h"

namespace timecite::indexer {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;             // the real, absolute URL
  std::string body;            // POST body
  std::string content_type;    // of the POST body
  // A 404 or 410 is the resource's normal absence, not a failure (a
  // recording without a UN Transcripts transcript): the crawl counts it in
  // CrawlProgress::absent (the frontier task's "absent_ok").
  bool absent_ok = false;
};

struct HttpAnswer {
  int status = 0;     // HTTP status of the final answer; 0 when none came
  std::string body;   // after redirects and decompression
  std::string error;  // why there is no answer (status 0), e.g. "timeout"
};

using FetchFn = std::function<HttpAnswer(const HttpRequest&)>;

// https://webtv.un.org/{lang}/asset/{folder}/{asset_id}
HttpRequest AssetPageRequest(std::string_view asset_id, std::string_view lang);
// POST https://cdnapisec.kaltura.com/api_v3/service/multirequest: a widget
// session for partner 2503451, then baseEntry.list filtered by
// redirectFromEntryId = player_id (shapes.md).
HttpRequest KalturaRequest(std::string_view player_id);
// https://transcripts.un.org/{lang}/asset/{folder}/{asset_id}.json
HttpRequest TranscriptRequest(std::string_view asset_id, std::string_view lang);
// https://webtv.un.org/{lang}/schedule/YYYY-MM-DD
HttpRequest ScheduleRequest(std::string_view date, std::string_view lang);

struct IngestOptions {
  std::string lang = "en";  // language of the pages and transcript
  bool sync = false;        // sync the recording's batch
};

struct IngestResult {
  std::string asset_id;
  IndexStats stats;
  std::vector<std::string> notes;  // "no transcript", "Kaltura error ...", ...
};

// Fetches and indexes one recording. `card` (optional) is the schedule card
// that listed it. Errors: InvalidArgument for a malformed asset id or bytes a
// parser rejects; markup drift; Network when the page or the transcript could
// not be had (nothing is written then); store errors.
Result<IngestResult> IngestAsset(std::string_view asset_id,
                                 const FetchFn& fetch,
                                 const Profile& asset_profile,
                                 IndexWriter& writer,
                                 const IngestOptions& options,
                                 const ScheduleCard* card = nullptr);

// The requests IngestAsset(asset_id, ...) makes after the asset page when
// the page answered `page`: for a recording, the Kaltura multirequest for its
// player id and the transcript; for a removed asset (404, 410 or the
// not-found page), the Kaltura multirequest for the asset id's player id.
// Empty when the page's answer ends the ingest (no answer, another status,
// markup drift) or the id is malformed. A crawler uses it to make every
// request of a recording in one run before indexing it.
std::vector<HttpRequest> RequestsAfterPage(std::string_view asset_id,
                                           const HttpAnswer& page,
                                           const Profile& asset_profile,
                                           const IngestOptions& options);

// Fetches the schedule of `date` (YYYY-MM-DD) and ingests every card's asset.
// A failure of one asset is reported in its place (`failures`) without
// stopping the others. Errors: InvalidArgument for a malformed date; Network
// or NotFound when the schedule page itself could not be had; markup drift.
struct ScheduleIngest {
  std::vector<ScheduleCard> cards;
  std::vector<IngestResult> indexed;
  std::vector<std::pair<std::string, Status>> failures;  // asset id, why
};
Result<ScheduleIngest> IngestSchedule(std::string_view date,
                                      const FetchFn& fetch,
                                      const Profile& schedule_profile,
                                      const Profile& asset_profile,
                                      IndexWriter& writer,
                                      const IngestOptions& options);

}  // namespace timecite::indexer
