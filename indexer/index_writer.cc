#include "indexer/index_writer.h"

#include <algorithm>
#include <utility>

#include "common/symbol.h"
#include "indexer/fields.h"
#include "store/store.h"

namespace timecite::indexer {
namespace {

using Json = nlohmann::json;

store::SegmentKind StoreKind(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kStatement: return store::SegmentKind::kStatement;
    case SegmentKind::kSentence: return store::SegmentKind::kSentence;
    case SegmentKind::kCaption: return store::SegmentKind::kCaption;
  }
  return store::SegmentKind::kSentence;
}

void FillFromPage(const RecordingInfo& info, store::Recording* rec) {
  rec->player_id = info.player_id;
  rec->title = info.title;
  rec->body = info.body;
  rec->date = info.date;
  rec->duration_ms = info.duration_ms.value_or(0);
  for (const std::string& name : info.languages) rec->languages.push_back(LanguageCode(name));
  rec->categories = info.categories;
  for (const RelatedLink& link : info.related) rec->related_documents.push_back(link.url);
  rec->meeting_symbol = info.meeting_symbol;
  Json related = Json::array();
  for (const RelatedLink& link : info.related) {
    related.push_back({{"url", link.url}, {"title", link.title}, {"symbol", link.symbol}});
  }
  rec->extra = {{"canonical_url", info.canonical_url},
                {"player_id_source", info.player_id_source},
                {"production_time", info.production_time},
                {"subjects", info.subjects},
                {"corporate_names", info.corporate_names},
                {"speaker_affiliations", info.speaker_affiliations},
                {"summary", info.summary},
                {"description", info.description},
                {"related", std::move(related)}};
}

void FillFromKaltura(const KalturaAnswer& answer, store::Recording* rec) {
  switch (answer.kind) {
    case KalturaAnswer::Kind::kEntry:
      rec->entry_id = answer.entry.entry_id;
      if (answer.entry.duration_ms > 0) rec->duration_ms = answer.entry.duration_ms;
      rec->status = answer.entry.removed() ? "removed" : KalturaStatusName(answer.entry.status);
      rec->extra["kaltura_name"] = answer.entry.name;
      rec->extra["kaltura_created_at_ms"] = answer.entry.created_at_ms;
      if (rec->date.empty() && answer.entry.created_at_ms > 0) {
        rec->date = UtcDate(answer.entry.created_at_ms);
      }
      break;
    case KalturaAnswer::Kind::kNoEntry:
      rec->status = "removed";
      break;
    case KalturaAnswer::Kind::kApiError:
      // Kaltura could not tell: keep what the page said.
      rec->extra["kaltura_error"] = answer.error.code + ": " + answer.error.message;
      break;
  }
}

void FillFromTranscript(const Transcript& t, store::Recording* rec) {
  if (rec->title.empty()) rec->title = t.title;
  if (rec->date.empty()) rec->date = t.date;
  if (rec->body.empty()) rec->body = t.body;
  if (rec->meeting_symbol.empty()) rec->meeting_symbol = t.pv_symbol;
  if (rec->meeting_symbol.empty()) {
    rec->meeting_symbol = symbol::MeetingRecordFromTitle(t.title).value_or("");
  }
  if (rec->duration_ms == 0) rec->duration_ms = t.duration_ms.value_or(0);
  if (rec->player_id.empty() && IsEntryId(t.kaltura_id)) rec->player_id = t.kaltura_id;
  if (!t.language.empty()) rec->extra["transcript_language"] = t.language;
}

void AppendSegments(const std::vector<ParsedSegment>& parsed, const std::string& asset_id,
                    const std::string& source, std::vector<store::Segment>* out) {
  uint32_t seq = 0;
  for (const ParsedSegment& seg : parsed) out->push_back(ToStoreSegment(seg, asset_id, seq++, source));
}

}  // namespace

store::Segment ToStoreSegment(const ParsedSegment& segment, const std::string& asset_id,
                              uint32_t seq, const std::string& source) {
  store::Segment out;
  out.asset_id = asset_id;
  out.start_ms = segment.start_ms;
  out.end_ms = std::max(segment.start_ms, segment.end_ms);
  out.kind = StoreKind(segment.kind);
  out.seq = seq;
  out.speaker_name = segment.speaker_name;
  out.affiliation = segment.affiliation;
  out.language = segment.language;
  out.text = segment.text;
  out.source = source;
  if (!segment.function.empty()) out.extra["function"] = segment.function;
  return out;
}

Result<StoreRecords> ToStoreRecords(const RecordingSources& sources) {
  const std::string& asset_id = sources.asset_id;
  if (!IsAssetId(asset_id)) {
    return Status::InvalidArgument("not a UN Web TV asset id: " + asset_id);
  }
  StoreRecords out;
  store::Recording& rec = out.recording;
  rec.asset_id = asset_id;
  rec.status = "ready";
  const bool page_removed = sources.page_not_found || (sources.page && sources.page->removed);
  if (sources.page && !sources.page->removed) {
    const RecordingInfo& info = sources.page->recording;
    if (info.asset_id != asset_id) {
      return Status::InvalidArgument("asset page of " + info.asset_id + " given for " + asset_id);
    }
    FillFromPage(info, &rec);
  }
  if (sources.kaltura) FillFromKaltura(*sources.kaltura, &rec);
  if (sources.transcript) {
    if (!sources.transcript->asset_id.empty() && sources.transcript->asset_id != asset_id) {
      return Status::InvalidArgument("transcript of " + sources.transcript->asset_id +
                                     " given for " + asset_id);
    }
    FillFromTranscript(*sources.transcript, &rec);
  }
  if (sources.card) {
    rec.start_utc_ms = sources.card->start_utc_ms;
    if (rec.title.empty()) rec.title = sources.card->title;
    if (rec.body.empty()) rec.body = sources.card->body;
    if (rec.date.empty()) rec.date = UtcDate(sources.card->start_utc_ms);
    if (rec.duration_ms == 0) rec.duration_ms = sources.card->duration_ms.value_or(0);
    if (sources.card->live && rec.status == "ready") rec.status = "live";
  }
  if (rec.player_id.empty()) rec.player_id = webtv::EntryIdFromAssetId(asset_id);
  if (page_removed) rec.status = "removed";
  if (rec.status == "removed") {
    // Why, for the linker's asset-not-found / asset-removed (linker/checks/verify.h).
    const KalturaAnswer* k = sources.kaltura ? &*sources.kaltura : nullptr;
    if (k != nullptr && k->kind == KalturaAnswer::Kind::kEntry && k->entry.removed()) {
      rec.extra["removed_because"] = "kaltura-deleted";
    } else if (k != nullptr && k->kind == KalturaAnswer::Kind::kNoEntry) {
      rec.extra["removed_because"] = "kaltura-no-entry";
    } else if (k != nullptr && k->kind == KalturaAnswer::Kind::kEntry) {
      rec.extra["removed_because"] = "page-gone-entry-kept";
    } else {
      rec.extra["removed_because"] = "page-not-found";
    }
    return out;  // no segments: the old ones go
  }

  if (sources.transcript) {
    std::vector<ParsedSegment> statements = sources.transcript->statements;
    // The last statement runs to the end of the recording as finally known.
    if (!statements.empty() && rec.duration_ms > statements.back().start_ms) {
      statements.back().end_ms = rec.duration_ms;
    }
    AppendSegments(statements, asset_id, "transcript", &out.segments);
    AppendSegments(sources.transcript->sentences, asset_id, "transcript", &out.segments);
  }
  AppendSegments(sources.captions, asset_id, "captions", &out.segments);
  return out;
}

Result<IndexStats> IndexWriter::Index(const RecordingSources& sources, bool sync) {
  auto records = ToStoreRecords(sources);
  if (!records.ok()) return records.status();
  Status put = store_->PutRecording(records->recording, records->segments, sync);
  if (!put.ok()) return put.WithContext("indexing " + sources.asset_id);

  IndexStats stats;
  stats.status = records->recording.status;
  for (const store::Segment& seg : records->segments) {
    switch (seg.kind) {
      case store::SegmentKind::kStatement: ++stats.statements; break;
      case store::SegmentKind::kSentence: ++stats.sentences; break;
      case store::SegmentKind::kCaption: ++stats.captions; break;
      default: break;
    }
  }
  if (sources.page && !sources.page->removed && stats.status != "removed") {
    for (const RelatedLink& link : sources.page->recording.related) {
      Status linked = LinkDocument(link, sources.asset_id);
      if (!linked.ok()) return linked.WithContext("recording related document " + link.url);
      ++stats.documents;
    }
  }
  return stats;
}

Status IndexWriter::LinkDocument(const RelatedLink& link, const std::string& asset_id) {
  store::Document doc;
  auto existing = store_->GetDocument(link.url);
  if (existing.ok()) {
    doc = std::move(existing).value();
  } else if (existing.status().IsNotFound()) {
    doc.url = link.url;
  } else {
    return existing.status();
  }
  if (doc.symbol.empty()) doc.symbol = link.symbol;
  if (doc.title.empty()) doc.title = link.title;
  if (std::find(doc.related_assets.begin(), doc.related_assets.end(), asset_id) !=
      doc.related_assets.end()) {
    return Status::Ok();  // already linked
  }
  doc.related_assets.push_back(asset_id);
  return store_->PutDocument(doc);
}

}  // namespace timecite::indexer
