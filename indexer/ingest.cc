#include "indexer/ingest.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "common/time.h"
#include "indexer/fields.h"

namespace timecite::indexer {
namespace {

constexpr int kPartnerId = 2503451;

std::string AssetPath(std::string_view asset_id) {
  return std::string(asset_id.substr(0, 3)) + "/" + std::string(asset_id);
}

Status NoAnswer(const HttpRequest& request, const HttpAnswer& answer) {
  if (answer.status == 0) {
    return Status::Network(
        request.url + ": no answer (" +
        (answer.error.empty() ? std::string("unknown") : answer.error) + ")");
  }
  return Status::Network(request.url + ": HTTP " +
                         std::to_string(answer.status));
}

}  // namespace

HttpRequest AssetPageRequest(std::string_view asset_id, std::string_view lang) {
  return {"GET",
          "https://webtv.un.org/" + std::string(lang) + "/asset/" +
              AssetPath(asset_id),
          "", ""};
}

HttpRequest KalturaRequest(std::string_view player_id) {
  const nlohmann::json body = {
      {"1",
       {{"service", "session"},
        {"action", "startWidgetSession"},
        {"widgetId", "_" + std::to_string(kPartnerId)}}},
      {"2",
       {{"service", "baseEntry"},
        {"action", "list"},
        {"ks", "{1:result:ks}"},
        {"filter", {{"redirectFromEntryId", std::string(player_id)}}},
        {"responseProfile",
         {{"type", 1},
          {"fields", "id,name,duration,msDuration,createdAt,status"}}}}},
      {"apiVersion", "3.3.0"},
      {"format", 1},
      {"ks", ""},
      {"partnerId", kPartnerId}};
  return {"POST", "https://cdnapisec.kaltura.com/api_v3/service/multirequest",
          // A player id read from a hostile page may hold invalid UTF-8.
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          "application/json"};
}

HttpRequest TranscriptRequest(std::string_view asset_id,
                              std::string_view lang) {
  return {"GET",
          "https://transcripts.un.org/" + std::string(lang) + "/asset/" +
              AssetPath(asset_id) + ".json",
          "", "", /*absent_ok=*/true};
}

HttpRequest ScheduleRequest(std::string_view date, std::string_view lang) {
  return {"GET",
          "https://webtv.un.org/" + std::string(lang) + "/schedule/" +
              std::string(date),
          "", ""};
}

namespace {

// The requests that follow the asset page: Kaltura with the page's player id
// and the transcript for a recording; Kaltura with the asset id's player id
// for a removed one (page null). IngestAsset and RequestsAfterPage share it.
struct FollowUps {
  HttpRequest kaltura;
  std::optional<HttpRequest> transcript;
};

FollowUps FollowUpsOf(std::string_view asset_id, const AssetPage* page,
                      const IngestOptions& options) {
  if (page == nullptr || page->removed) {
    return {KalturaRequest(webtv::EntryIdFromAssetId(asset_id)), std::nullopt};
  }
  return {KalturaRequest(page->recording.player_id),
          TranscriptRequest(asset_id, options.lang)};
}

}  // namespace

std::vector<HttpRequest> RequestsAfterPage(std::string_view asset_id,
                                           const HttpAnswer& page,
                                           const Profile& asset_profile,
                                           const IngestOptions& options) {
  if (!IsAssetId(asset_id)) return {};
  std::optional<AssetPage> parsed;
  if (page.status == 200) {
    auto p = ParseAssetPage(page.body, asset_profile);
    if (!p.ok()) return {};
    parsed = std::move(p).value();
  } else if (page.status != 404 && page.status != 410) {
    return {};
  }
  FollowUps next = FollowUpsOf(asset_id, parsed ? &*parsed : nullptr, options);
  std::vector<HttpRequest> out = {std::move(next.kaltura)};
  if (next.transcript) out.push_back(std::move(*next.transcript));
  return out;
}

Result<IngestResult> IngestAsset(std::string_view asset_id,
                                 const FetchFn& fetch,
                                 const Profile& asset_profile,
                                 IndexWriter& writer,
                                 const IngestOptions& options,
                                 const ScheduleCard* card) {
  if (!IsAssetId(asset_id)) {
    return Status::InvalidArgument("not a UN Web TV asset id: " +
                                   std::string(asset_id));
  }
  IngestResult result;
  result.asset_id = asset_id;
  RecordingSources sources;
  sources.asset_id = asset_id;
  if (card != nullptr) sources.card = *card;

  const HttpRequest page_request = AssetPageRequest(asset_id, options.lang);
  const HttpAnswer page = fetch(page_request);
  if (page.status == 404 || page.status == 410) {
    sources.page_not_found = true;
  } else if (page.status == 200) {
    auto parsed = ParseAssetPage(page.body, asset_profile);
    if (!parsed.ok()) return parsed.status().WithContext(page_request.url);
    sources.page = std::move(parsed).value();
  } else {
    return NoAnswer(page_request, page);
  }
  const bool removed = sources.page_not_found || sources.page->removed;
  const FollowUps next =
      FollowUpsOf(asset_id, sources.page ? &*sources.page : nullptr, options);

  if (removed) {
    // Did it ever exist? Kaltura tells a removed recording (entry deleted, or
    // kept without a page) from an id that never was (no entry).
    const HttpRequest& kaltura_request = next.kaltura;
    const HttpAnswer kaltura = fetch(kaltura_request);
    if (kaltura.status == 200) {
      auto answer = ParseKalturaMultirequest(kaltura.body);
      if (answer.ok() && answer->kind != KalturaAnswer::Kind::kApiError) {
        sources.kaltura = std::move(answer).value();
      }
    }
  } else {
    const std::string player_id = sources.page->recording.player_id;
    const HttpRequest& kaltura_request = next.kaltura;
    const HttpAnswer kaltura = fetch(kaltura_request);
    if (kaltura.status == 200) {
      auto answer = ParseKalturaMultirequest(kaltura.body);
      if (!answer.ok())
        return answer.status().WithContext("Kaltura answer for " + player_id);
      if (answer->kind == KalturaAnswer::Kind::kApiError) {
        result.notes.push_back("Kaltura error " + answer->error.code + ": " +
                               answer->error.message);
      }
      sources.kaltura = std::move(answer).value();
    } else {
      result.notes.push_back("Kaltura not reached: " +
                             NoAnswer(kaltura_request, kaltura).message());
    }

    std::optional<int64_t> end_ms;
    if (sources.kaltura &&
        sources.kaltura->kind == KalturaAnswer::Kind::kEntry &&
        sources.kaltura->entry.duration_ms > 0) {
      end_ms = sources.kaltura->entry.duration_ms;
    }
    const HttpRequest& transcript_request = *next.transcript;
    const HttpAnswer transcript = fetch(transcript_request);
    if (transcript.status == 404) {
      result.notes.push_back("no transcript");
    } else if (transcript.status == 200) {
      auto parsed = ParseTranscript(transcript.body, end_ms);
      if (!parsed.ok())
        return parsed.status().WithContext(transcript_request.url);
      if (parsed->statements.empty()) result.notes.push_back("no transcript");
      sources.transcript = std::move(parsed).value();
    } else {
      return NoAnswer(transcript_request, transcript);
    }
  }

  auto stats = writer.Index(sources, options.sync);
  if (!stats.ok()) return stats.status();
  result.stats = std::move(stats).value();
  return result;
}

Result<ScheduleIngest> IngestSchedule(std::string_view date,
                                      const FetchFn& fetch,
                                      const Profile& schedule_profile,
                                      const Profile& asset_profile,
                                      IndexWriter& writer,
                                      const IngestOptions& options) {
  if (!ParseDay(date))
    return Status::InvalidArgument("not a date (YYYY-MM-DD): " +
                                   std::string(date));
  const HttpRequest request = ScheduleRequest(date, options.lang);
  const HttpAnswer answer = fetch(request);
  if (answer.status == 404) return Status::NotFound(request.url + ": HTTP 404");
  if (answer.status != 200) return NoAnswer(request, answer);
  auto cards = ParseSchedulePage(answer.body, schedule_profile);
  if (!cards.ok()) return cards.status().WithContext(request.url);
  ScheduleIngest out;
  out.cards = std::move(cards).value();
  for (const ScheduleCard& card : out.cards) {
    auto one = IngestAsset(card.asset_id, fetch, asset_profile, writer, options,
                           &card);
    if (one.ok()) {
      out.indexed.push_back(std::move(one).value());
    } else {
      out.failures.emplace_back(card.asset_id, one.status());
    }
  }
  return out;
}

}  // namespace timecite::indexer
