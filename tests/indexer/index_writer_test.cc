#include "indexer/index_writer.h"

#include "indexer/fields.h"
#include "indexer_test_util.h"
#include "store/store.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::Fixture;
using testing::TempDir;

Transcript MakeTranscript() {
  auto t = ParseTranscript(R"json({"video": {"id": "k1q/k1q2w3e4r5", "duration": "03:02:11"},
    "transcript": {"language": "en", "data": [
      {"start": 12.0, "speaker": {"name": "Mr. Smith", "affiliation": "MLT", "function": "President"},
       "paragraphs": [{"sentences": [{"text": "I call the meeting to order.", "start": 12.0, "end": 15.4}]}]},
      {"start": 5380.5, "speaker": {"name": "Mr. Takht Ravanchi", "affiliation": "IRN", "function": "Representative"},
       "paragraphs": [{"sentences": [{"text": "Thank you, Madam President.", "start": 5380.5, "end": 5383.0},
                                     {"text": "We reject this.", "start": 5384.0, "end": 5386.0}]}]}]}})json");
  EXPECT_OK(t);
  return t.ok() ? std::move(t).value() : Transcript();
}

KalturaAnswer RedirectedEntry() {
  KalturaAnswer answer;
  answer.kind = KalturaAnswer::Kind::kEntry;
  answer.entry = {"1_zk3kwu7h", "Security Council", 10931500, 1729519200000, 2};
  return answer;
}

RecordingSources FullSources() {
  RecordingSources sources;
  sources.asset_id = "k1q2w3e4r5";
  auto page = ParseAssetPage(Fixture("asset-page-security-council.html"), Builtin("webtv-asset"));
  EXPECT_OK(page);
  if (page.ok()) sources.page = std::move(page).value();
  sources.kaltura = RedirectedEntry();
  sources.transcript = MakeTranscript();
  return sources;
}

TEST(ToStoreRecords, MergesPageKalturaAndTranscript) {
  auto records = ToStoreRecords(FullSources());
  ASSERT_OK(records);
  const store::Recording& rec = records->recording;
  EXPECT_EQ(rec.asset_id, "k1q2w3e4r5");
  EXPECT_EQ(rec.player_id, "1_q2w3e4r5");
  EXPECT_EQ(rec.entry_id, "1_zk3kwu7h");
  EXPECT_EQ(rec.duration_ms, 10931500);  // Kaltura's msDuration wins over 03:02:11
  EXPECT_EQ(rec.status, "ready");
  EXPECT_EQ(rec.date, "2024-10-21");
  EXPECT_EQ(rec.body, "Security Council");
  EXPECT_EQ(rec.meeting_symbol, "S/PV.9748");
  EXPECT_EQ(rec.languages, (std::vector<std::string>{"en", "fr", "original"}));
  EXPECT_EQ(rec.related_documents,
            (std::vector<std::string>{"https://undocs.org/s/pv.9748",
                                      "https://press.un.org/en/2024/sc15000.doc.htm"}));
  EXPECT_EQ(rec.extra["canonical_url"], "https://webtv.un.org/en/asset/k1q/k1q2w3e4r5");
  EXPECT_EQ(rec.extra["related"][0]["symbol"], "S/PV.9748");

  ASSERT_EQ(records->segments.size(), 5u);
  const store::Segment& last_statement = records->segments[1];
  EXPECT_EQ(last_statement.kind, store::SegmentKind::kStatement);
  EXPECT_EQ(last_statement.start_ms, 5380500);
  EXPECT_EQ(last_statement.end_ms, 10931500);  // the recording's end per Kaltura
  EXPECT_EQ(last_statement.affiliation, "IRN");
  EXPECT_EQ(last_statement.extra["function"], "Representative");
  EXPECT_EQ(last_statement.source, "transcript");
  EXPECT_EQ(records->segments[4].text, "We reject this.");
  EXPECT_EQ(records->segments[4].seq, 2u);
}

TEST(ToStoreRecords, RejectsMismatchedSources) {
  RecordingSources sources = FullSources();
  sources.asset_id = "k1zzzzzzzz";
  EXPECT_FALSE(ToStoreRecords(sources).ok());
  sources.asset_id = "not-an-id";
  EXPECT_FALSE(ToStoreRecords(sources).ok());
}

TEST(ToStoreRecords, DeletedOrMissingMeansRemovedWithoutSegments) {
  RecordingSources deleted = FullSources();
  deleted.kaltura->entry.status = kKalturaStatusDeleted;
  auto a = ToStoreRecords(deleted);
  ASSERT_OK(a);
  EXPECT_EQ(a->recording.status, "removed");
  EXPECT_TRUE(a->segments.empty());

  RecordingSources soft404;
  soft404.asset_id = "k1q2w3e4r5";
  soft404.page = AssetPage{true, {}};
  auto b = ToStoreRecords(soft404);
  ASSERT_OK(b);
  EXPECT_EQ(b->recording.status, "removed");
  EXPECT_EQ(b->recording.player_id, "1_q2w3e4r5");

  RecordingSources unknown;
  unknown.asset_id = "k1q2w3e4r5";
  unknown.kaltura = KalturaAnswer{};  // kNoEntry
  auto c = ToStoreRecords(unknown);
  ASSERT_OK(c);
  EXPECT_EQ(c->recording.status, "removed");
}

TEST(ToStoreRecords, ScheduleCardGivesStartAndLive) {
  RecordingSources sources;
  sources.asset_id = "k1l1v2e3x4";
  ScheduleCard card;
  card.asset_id = "k1l1v2e3x4";
  card.title = "General Assembly: 30th plenary meeting, 79th session";
  card.body = "General Assembly";
  card.start_utc_ms = 1729539000000;
  card.live = true;
  sources.card = card;
  auto records = ToStoreRecords(sources);
  ASSERT_OK(records);
  EXPECT_EQ(records->recording.start_utc_ms, 1729539000000);
  EXPECT_EQ(records->recording.status, "live");
  EXPECT_EQ(records->recording.date, "2024-10-21");
  EXPECT_EQ(records->recording.title, "General Assembly: 30th plenary meeting, 79th session");
}

TEST(IndexWriter, WritesOneRecordingAndReplacesSegmentsOnReindex) {
  TempDir tmp;
  auto store = store::Store::Open(tmp.db(), store::OpenMode::kReadWrite);
  ASSERT_OK(store);
  IndexWriter writer(store->get());

  RecordingSources sources = FullSources();
  sources.captions = {{SegmentKind::kCaption, 12000, 15400, "", "", "", "en", "I call"}};
  auto stats = writer.Index(sources, /*sync=*/true);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->status, "ready");
  EXPECT_EQ(stats->statements, 2u);
  EXPECT_EQ(stats->sentences, 3u);
  EXPECT_EQ(stats->captions, 1u);
  EXPECT_EQ(stats->documents, 2u);

  auto rec = (*store)->GetRecording("k1q2w3e4r5");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->entry_id, "1_zk3kwu7h");
  EXPECT_EQ(rec->meeting_symbol, "S/PV.9748");
  auto segments = (*store)->SegmentsOf("k1q2w3e4r5");
  ASSERT_OK(segments);
  EXPECT_EQ(segments->size(), 6u);

  auto at = (*store)->SegmentAt("k1q2w3e4r5", store::SegmentKind::kStatement, 5381000);
  ASSERT_OK(at);
  ASSERT_TRUE(at->has_value());
  EXPECT_EQ((*at)->speaker_name, "Mr. Takht Ravanchi");
  auto by_iso = (*store)->SegmentsByAffiliation("IRN");
  ASSERT_OK(by_iso);
  EXPECT_EQ(by_iso->size(), 3u);  // one statement, two sentences

  auto doc = (*store)->GetDocument("https://undocs.org/s/pv.9748");
  ASSERT_OK(doc);
  EXPECT_EQ(doc->symbol, "S/PV.9748");
  EXPECT_EQ(doc->related_assets, (std::vector<std::string>{"k1q2w3e4r5"}));

  // Re-index with a shorter transcript: no stale segment survives.
  RecordingSources again = FullSources();
  again.transcript->statements.pop_back();
  again.transcript->sentences.resize(1);
  ASSERT_OK(writer.Index(again));
  segments = (*store)->SegmentsOf("k1q2w3e4r5");
  ASSERT_OK(segments);
  EXPECT_EQ(segments->size(), 2u);
  by_iso = (*store)->SegmentsByAffiliation("IRN");
  ASSERT_OK(by_iso);
  EXPECT_TRUE(by_iso->empty());
  doc = (*store)->GetDocument("https://undocs.org/s/pv.9748");
  ASSERT_OK(doc);
  EXPECT_EQ(doc->related_assets.size(), 1u);  // linked once

  // The asset disappears: the recording stays, marked removed, without segments.
  RecordingSources gone;
  gone.asset_id = "k1q2w3e4r5";
  gone.page_not_found = true;
  auto removed = writer.Index(gone);
  ASSERT_OK(removed);
  EXPECT_EQ(removed->status, "removed");
  segments = (*store)->SegmentsOf("k1q2w3e4r5");
  ASSERT_OK(segments);
  EXPECT_TRUE(segments->empty());
  rec = (*store)->GetRecording("k1q2w3e4r5");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->status, "removed");
}

}  // namespace
}  // namespace timecite::indexer
