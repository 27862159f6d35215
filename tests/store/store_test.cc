// The typed record API of Store: put/get/delete, scans, indexes, citations,
// the frontier, and the open modes.
#include "store/store.h"

#include <gtest/gtest.h>

#include "common/test_util.h"
#include "test_db.h"

namespace timecite::store {
namespace {

using testing::MakeRecording;
using testing::MakeSegment;
using testing::TempDir;

std::unique_ptr<Store> OpenRw(const std::filesystem::path& dir) {
  auto s = Store::Open(dir, OpenMode::kReadWrite);
  EXPECT_OK(s);
  return s.ok() ? std::move(*s) : nullptr;
}

TEST(StoreTest, RecordingRoundTripsWithSegments) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  Recording rec = MakeRecording("k1obxycc3u");
  std::vector<Segment> segs = {
      MakeSegment("k1obxycc3u", SegmentKind::kStatement, 0, 60000, 0, "IRN"),
      MakeSegment("k1obxycc3u", SegmentKind::kSentence, 0, 4000),
      MakeSegment("k1obxycc3u", SegmentKind::kSentence, 4000, 9500, 0),
  };
  ASSERT_OK(store->PutRecording(rec, segs, /*sync=*/true));

  auto got = store->GetRecording("k1obxycc3u");
  ASSERT_OK(got);
  EXPECT_EQ(got->title, "Meeting of 2021-03-08");
  EXPECT_EQ(got->player_id, "1_obxycc3u");
  EXPECT_EQ(got->start_utc_ms, std::optional<int64_t>(1615208400000));
  EXPECT_EQ(got->duration_ms, 10800000);
  EXPECT_EQ(got->languages, (std::vector<std::string>{"en", "fr"}));
  EXPECT_EQ(got->meeting_symbol, "S/PV.8762");

  auto all = store->SegmentsOf("k1obxycc3u");
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].kind, SegmentKind::kStatement);
  EXPECT_EQ((*all)[1].start_ms, 0);
  EXPECT_EQ((*all)[2].start_ms, 4000);
  EXPECT_EQ((*all)[2].end_ms, 9500);
  EXPECT_EQ((*all)[0].speaker_name, "Representative of IRN");

  EXPECT_TRUE(store->GetRecording("k1zzzzzzzz").status().IsNotFound());
}

TEST(StoreTest, CitationsReplaceAndScan) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  CitationRecord c;
  c.source = "/home/editor/report.md";
  c.footnote = 13;
  c.seq = 0;
  c.line = 120;
  c.column = 5;
  c.url_written = "https://media.un.org/en/asset/k1o/k1obxycc3u";
  c.url_canonical = "https://webtv.un.org/en/asset/k1o/k1obxycc3u";
  c.timecode_ms = 5380000;
  c.verdict = "warning";
  c.findings = nlohmann::json::array({{{"rule", "legacy-host"},
                                       {"severity", "warning"},
                                       {"message", "media.un.org moved"},
                                       {"suggestion", c.url_canonical}}});
  c.checked_at_ms = 1700000000000;
  CitationRecord c2 = c;
  c2.footnote = 2;
  c2.timecode_ms.reset();
  c2.verdict = "ok";
  ASSERT_OK(store->ReplaceCitations(c.source, {c, c2}, false));

  auto got = store->CitationsOf(c.source);
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].footnote, 2);  // by footnote number, numerically
  EXPECT_EQ((*got)[0].timecode_ms, std::nullopt);
  EXPECT_EQ((*got)[1].footnote, 13);
  EXPECT_EQ((*got)[1].timecode_ms, std::optional<int64_t>(5380000));
  EXPECT_EQ((*got)[1].findings[0]["rule"], "legacy-host");
  EXPECT_EQ((*got)[1].line, 120);

  // Replacing drops citations that are gone.
  ASSERT_OK(store->ReplaceCitations(c.source, {c2}, true));
  got = store->CitationsOf(c.source);
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].footnote, 2);

  // Another source whose path extends the first is not mixed in.
  CitationRecord other = c;
  other.source = "/home/editor/report.md.bak";
  ASSERT_OK(store->ReplaceCitations(other.source, {other}, false));
  got = store->CitationsOf(c.source);
  ASSERT_OK(got);
  EXPECT_EQ(got->size(), 1u);

  std::vector<std::string> seen;
  ASSERT_OK(store->ScanCitations([&](const CitationRecord& r) {
    seen.push_back(r.source + "#" + std::to_string(r.footnote));
    return true;
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"/home/editor/report.md#2",
                                            "/home/editor/report.md.bak#13"}));
}

TEST(StoreTest, SegmentAtFindsTheCoveringSegmentOfEachKind) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1obxycc3u";
  std::vector<Segment> segs = {
      MakeSegment(a, SegmentKind::kStatement, 0, 600000, 0, "USA"),
      MakeSegment(a, SegmentKind::kStatement, 600000, 1200000, 1, "IRN"),
      MakeSegment(a, SegmentKind::kSentence, 600000, 604000, 0),
      MakeSegment(a, SegmentKind::kSentence, 604000, 610000, 0),
      MakeSegment(a, SegmentKind::kSentence, 615000, 620000, 0),  // gap before
      MakeSegment(a, SegmentKind::kChapter, 0, 5400000, 0),
  };
  ASSERT_OK(store->PutRecording(MakeRecording(a), segs));

  auto s = store->SegmentAt(a, SegmentKind::kSentence, 605500);
  ASSERT_OK(s);
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->start_ms, 604000);
  EXPECT_EQ((*s)->end_ms, 610000);

  // The boundary belongs to the segment that starts there.
  s = store->SegmentAt(a, SegmentKind::kSentence, 604000);
  ASSERT_OK(s);
  EXPECT_EQ((*s)->start_ms, 604000);

  // In the gap no sentence covers, though the statement does.
  s = store->SegmentAt(a, SegmentKind::kSentence, 612000);
  ASSERT_OK(s);
  EXPECT_FALSE(s->has_value());

  // The long statement is found though many shorter segments start later.
  auto at = store->SegmentsAt(a, 612000);
  ASSERT_OK(at);
  ASSERT_EQ(at->size(), 2u);
  EXPECT_EQ((*at)[0].kind, SegmentKind::kStatement);
  EXPECT_EQ((*at)[0].affiliation, "IRN");
  EXPECT_EQ((*at)[1].kind, SegmentKind::kChapter);

  // Past the end, before any segment, other assets: nothing.
  s = store->SegmentAt(a, SegmentKind::kStatement, 1200000);
  ASSERT_OK(s);
  EXPECT_FALSE(s->has_value());
  s = store->SegmentAt("k1zzzzzzzz", SegmentKind::kStatement, 10);
  ASSERT_OK(s);
  EXPECT_FALSE(s->has_value());
  s = store->SegmentAt(a, SegmentKind::kCaption, 10);
  ASSERT_OK(s);
  EXPECT_FALSE(s->has_value());
}

TEST(StoreTest, SegmentsAtAsksOnlyTheGivenKindsInTheirOrder) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1obxycc3u", b = "k1obxycc3v", empty = "k1obxycc3w";
  ASSERT_OK(store->PutRecording(
      MakeRecording(a),
      {MakeSegment(a, SegmentKind::kStatement, 600000, 1200000, 1, "IRN"),
       MakeSegment(a, SegmentKind::kSentence, 604000, 610000, 0),
       MakeSegment(a, SegmentKind::kChapter, 0, 5400000, 0)}));
  ASSERT_OK(store->PutRecording(
      MakeRecording(b), {MakeSegment(b, SegmentKind::kStatement, 0, 10000, 0, "NGA"),
                         MakeSegment(b, SegmentKind::kSentence, 5000, 6000, 0)}));
  ASSERT_OK(store->PutRecording(MakeRecording(empty), {}));

  // The order of `kinds`, not the kinds' order; the chapter is not asked.
  const SegmentKind sentence_then_statement[] = {SegmentKind::kSentence,
                                                 SegmentKind::kStatement};
  auto at = store->SegmentsAt(a, 605500, sentence_then_statement);
  ASSERT_OK(at);
  ASSERT_EQ(at->size(), 2u);
  EXPECT_EQ((*at)[0].kind, SegmentKind::kSentence);
  EXPECT_EQ((*at)[0].start_ms, 604000);
  EXPECT_EQ((*at)[1].kind, SegmentKind::kStatement);
  EXPECT_EQ((*at)[1].affiliation, "IRN");

  // Before b's first sentence: the sentence seek lands on b's statement key
  // and stops there (another kind); the statement covers.
  at = store->SegmentsAt(b, 100, sentence_then_statement);
  ASSERT_OK(at);
  ASSERT_EQ(at->size(), 1u);
  EXPECT_EQ((*at)[0].kind, SegmentKind::kStatement);
  EXPECT_EQ((*at)[0].affiliation, "NGA");

  // All kinds by default; a recording without segments, or unknown: none.
  at = store->SegmentsAt(a, 605500);
  ASSERT_OK(at);
  ASSERT_EQ(at->size(), 3u);
  EXPECT_EQ((*at)[2].kind, SegmentKind::kChapter);
  at = store->SegmentsAt(empty, 100);
  ASSERT_OK(at);
  EXPECT_TRUE(at->empty());
  at = store->SegmentsAt("k1zzzzzzzz", 100);
  ASSERT_OK(at);
  EXPECT_TRUE(at->empty());
}

TEST(StoreTest, NestedSegmentsOfOneKindPreferTheLatestStart) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1abcdefgh";
  ASSERT_OK(store->PutRecording(
      MakeRecording(a),
      {MakeSegment(a, SegmentKind::kCited, 0, 100000, 0),
       MakeSegment(a, SegmentKind::kCited, 10000, 20000, 0),
       MakeSegment(a, SegmentKind::kCited, 30000, 40000, 0)}));
  auto s = store->SegmentAt(a, SegmentKind::kCited, 15000);
  ASSERT_OK(s);
  EXPECT_EQ((*s)->start_ms, 10000);
  s = store->SegmentAt(a, SegmentKind::kCited, 50000);  // only the outer one
  ASSERT_OK(s);
  EXPECT_EQ((*s)->start_ms, 0);
  EXPECT_EQ((*s)->end_ms, 100000);
}

TEST(StoreTest, PutRecordingReplacesSegmentsAndKeepsIndexesConsistent) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1aaaaaaaa", b = "k1bbbbbbbb";
  ASSERT_OK(store->PutRecording(
      MakeRecording(a, "2021-03-08", "Security Council"),
      {MakeSegment(a, SegmentKind::kStatement, 0, 1000, 0, "IRN"),
       MakeSegment(a, SegmentKind::kStatement, 1000, 2000, 0, "FRA")}));
  ASSERT_OK(store->PutRecording(
      MakeRecording(b, "2021-03-09", "General Assembly"),
      {MakeSegment(b, SegmentKind::kStatement, 0, 1000, 0, "IRN")}));

  auto by_date = store->RecordingsByDate("2021-03-08", "2021-03-09");
  ASSERT_OK(by_date);
  ASSERT_EQ(by_date->size(), 2u);
  EXPECT_EQ((*by_date)[0].asset_id, a);
  EXPECT_EQ((*by_date)[1].asset_id, b);
  by_date = store->RecordingsByDate("2021-03-09", "2021-12-31");
  ASSERT_OK(by_date);
  ASSERT_EQ(by_date->size(), 1u);
  EXPECT_EQ((*by_date)[0].asset_id, b);

  auto irn = store->SegmentsByAffiliation("IRN");
  ASSERT_OK(irn);
  ASSERT_EQ(irn->size(), 2u);
  EXPECT_EQ((*irn)[0].asset_id, a);
  EXPECT_EQ((*irn)[1].asset_id, b);

  // Re-ingest a: new date, new body, one segment with another affiliation.
  ASSERT_OK(store->PutRecording(
      MakeRecording(a, "2021-04-01", "Human Rights Council"),
      {MakeSegment(a, SegmentKind::kStatement, 500, 1500, 0, "CHN")}));
  auto segs = store->SegmentsOf(a);
  ASSERT_OK(segs);
  ASSERT_EQ(segs->size(), 1u);
  EXPECT_EQ((*segs)[0].start_ms, 500);
  irn = store->SegmentsByAffiliation("IRN");
  ASSERT_OK(irn);
  ASSERT_EQ(irn->size(), 1u);
  EXPECT_EQ((*irn)[0].asset_id, b);
  EXPECT_TRUE(store->SegmentsByAffiliation("FRA")->empty());
  EXPECT_EQ(store->SegmentsByAffiliation("CHN")->size(), 1u);
  EXPECT_TRUE(store->RecordingsByBody("Security Council")->empty());
  auto hrc = store->RecordingsByBody("Human Rights Council");
  ASSERT_OK(hrc);
  ASSERT_EQ(hrc->size(), 1u);
  EXPECT_EQ((*hrc)[0].date, "2021-04-01");
  EXPECT_EQ(store->RecordingsByDate("2021-03-08", "2021-03-08")->size(), 0u);

  // Delete removes everything of the recording.
  ASSERT_OK(store->DeleteRecording(a));
  EXPECT_TRUE(store->GetRecording(a).status().IsNotFound());
  EXPECT_TRUE(store->SegmentsOf(a)->empty());
  EXPECT_TRUE(store->SegmentsByAffiliation("CHN")->empty());
  EXPECT_TRUE(store->RecordingsByBody("Human Rights Council")->empty());
  auto stats = store->GetStats();
  ASSERT_OK(stats);
  for (const auto& k : stats->kinds) {
    uint64_t want = 0;
    if (k.kind == Kind::kRecordings || k.kind == Kind::kSegments ||
        k.kind == Kind::kRecordingsByDate ||
        k.kind == Kind::kRecordingsByBody ||
        k.kind == Kind::kSegmentsByAffiliation) {
      want = 1;  // what is left of b
    }
    if (k.kind == Kind::kMeta) want = 3;
    EXPECT_EQ(k.records, want) << KindName(k.kind);
  }
}

TEST(StoreTest, PutRecordingRejectsInconsistentInput) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1aaaaaaaa";
  auto bad_asset = store->PutRecording(
      MakeRecording(a),
      {MakeSegment("k1other000", SegmentKind::kSentence, 0, 1)});
  EXPECT_EQ(bad_asset.code(), Status::Code::kInvalidArgument);
  auto bad_span = store->PutRecording(
      MakeRecording(a), {MakeSegment(a, SegmentKind::kSentence, 10, 5)});
  EXPECT_EQ(bad_span.code(), Status::Code::kInvalidArgument);
  auto dup = store->PutRecording(
      MakeRecording(a), {MakeSegment(a, SegmentKind::kSentence, 0, 5),
                         MakeSegment(a, SegmentKind::kSentence, 0, 7)});
  EXPECT_EQ(dup.code(), Status::Code::kInvalidArgument);
  Recording nul = MakeRecording(std::string("k1\0bad", 6));
  EXPECT_EQ(store->PutRecording(nul, {}).code(),
            Status::Code::kInvalidArgument);
  // Nothing was written by the refused batches.
  EXPECT_TRUE(store->GetRecording(a).status().IsNotFound());
}

TEST(StoreTest, FetchesLogAndBodies) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string url = "https://undocs.org/S/PV.9748";
  FetchRecord f;
  f.url = url;
  f.status = 503;
  f.error = ErrorClass::kHttpStatus;
  f.fetched_at_ms = 1000;
  ASSERT_OK(store->AppendFetchLog(url, 1000, f));
  f.status = 200;
  f.error = ErrorClass::kOk;
  f.fetched_at_ms = 2000;
  ASSERT_OK(store->AppendFetchLog(url, 2000, f));
  ASSERT_OK(store->PutFetch(f));
  FetchRecord other = f;
  other.url = url + "/Add.1";
  ASSERT_OK(store->AppendFetchLog(other.url, 1500, other));

  auto latest = store->GetFetch(url);
  ASSERT_OK(latest);
  EXPECT_EQ(latest->status, 200);
  auto hist = store->FetchHistory(url);
  ASSERT_OK(hist);
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_EQ((*hist)[0].status, 503);
  EXPECT_EQ((*hist)[1].status, 200);
  hist = store->FetchHistory(url, 1500, 3000);
  ASSERT_OK(hist);
  ASSERT_EQ(hist->size(), 1u);
  EXPECT_EQ((*hist)[0].fetched_at_ms, 2000);

  // A 1 MiB compressible body comes back byte for byte and is stored
  // compressed (the bodies column family uses zstd).
  std::string body;
  for (int i = 0; body.size() < (1 << 20); ++i) {
    body +=
        "<div class=\"field\">Statement " + std::to_string(i % 97) + "</div>\n";
  }
  ASSERT_OK(store->PutBody("sha256:abc", body));
  auto got = store->GetBody("sha256:abc");
  ASSERT_OK(got);
  EXPECT_EQ(*got, body);
  EXPECT_TRUE(store->GetBody("sha256:none").status().IsNotFound());
  ASSERT_OK(store->Flush());
  auto stats = store->GetStats();
  ASSERT_OK(stats);
  for (const auto& k : stats->kinds) {
    if (k.kind == Kind::kBodies) {
      EXPECT_EQ(k.records, 1u);
      EXPECT_GT(k.live_sst_bytes, 0u);
      EXPECT_LT(k.live_sst_bytes, body.size() / 10);
    }
  }
}

TEST(StoreTest, FrontierScansInDueOrderAndCompletesInOneBatch) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  FrontierEntry e1{3000,
                   "webtv.un.org",
                   "https://webtv.un.org/en/asset/k1a/k1aaaaaaaa",
                   {{"kind", "asset"}},
                   nlohmann::json::object()};
  FrontierEntry e2{1000,
                   "undocs.org",
                   "https://undocs.org/S/PV.9748",
                   {{"kind", "document"}},
                   nlohmann::json::object()};
  FrontierEntry e3{2000,
                   "webtv.un.org",
                   "https://webtv.un.org/en/schedule/2021-03-08",
                   {{"kind", "schedule"}},
                   nlohmann::json::object()};
  for (const auto& e : {e1, e2, e3}) ASSERT_OK(store->PutFrontier(e));

  auto due = store->DueFrontier(INT64_MAX);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 3u);
  EXPECT_EQ((*due)[0].url, e2.url);
  EXPECT_EQ((*due)[1].url, e3.url);
  EXPECT_EQ((*due)[2].url, e1.url);
  EXPECT_EQ((*due)[0].task["kind"], "document");
  due = store->DueFrontier(2500);
  ASSERT_OK(due);
  EXPECT_EQ(due->size(), 2u);
  due = store->DueFrontier(INT64_MAX, 1);
  ASSERT_OK(due);
  EXPECT_EQ(due->size(), 1u);

  FetchRecord r;
  r.url = e2.url;
  r.status = 200;
  r.fetched_at_ms = 1100;
  FrontierEntry recheck = e2;
  recheck.due_ms = 1100 + 86400000;
  ASSERT_OK(store->CompleteFetch(e2, r, recheck, true));
  due = store->DueFrontier(INT64_MAX);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 3u);
  EXPECT_EQ((*due)[0].url, e3.url);
  EXPECT_EQ((*due)[2].due_ms, 1100 + 86400000);
  EXPECT_EQ(store->GetFetch(e2.url)->status, 200);
  EXPECT_EQ(store->FetchHistory(e2.url)->size(), 1u);

  ASSERT_OK(store->DeleteFrontier(e3.due_ms, e3.host, e3.url));
  EXPECT_EQ(store->DueFrontier(INT64_MAX)->size(), 2u);
}

TEST(StoreTest, DocumentsAndSymbols) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  Document d;
  d.url = "https://undocs.org/A/RES/75/282";
  d.symbol = "A/RES/75/282";
  d.title = "Countering the use of ICT for criminal purposes";
  ASSERT_OK(store->PutDocument(d));
  Document d2 = d;
  d2.url = "https://docs.un.org/en/A/RES/75/282";
  ASSERT_OK(store->PutDocument(d2));
  ASSERT_OK(store->PutDocument(d2));  // idempotent
  auto sym = store->GetSymbol("A/RES/75/282");
  ASSERT_OK(sym);
  EXPECT_EQ(sym->urls, (std::vector<std::string>{d.url, d2.url}));
  EXPECT_EQ(store->GetDocument(d.url)->title, d.title);

  d2.symbol = "A/RES/75/283";  // corrected symbol moves the URL
  ASSERT_OK(store->PutDocument(d2));
  EXPECT_EQ(store->GetSymbol("A/RES/75/282")->urls,
            std::vector<std::string>{d.url});
  EXPECT_EQ(store->GetSymbol("A/RES/75/283")->urls,
            std::vector<std::string>{d2.url});
}

TEST(StoreTest, DumpAndGetJson) {
  TempDir tmp;
  auto store = OpenRw(tmp.db());
  ASSERT_TRUE(store);
  const std::string a = "k1obxycc3u";
  ASSERT_OK(store->PutRecording(
      MakeRecording(a),
      {MakeSegment(a, SegmentKind::kSentence, 5380000, 5384000, 3, "IRN")}));
  auto j = store->GetJson(Kind::kSegments, {a, "sentence", "5380000", "3"});
  ASSERT_OK(j);
  EXPECT_EQ((*j)["key"]["start_ms"], 5380000);
  EXPECT_EQ((*j)["value"]["text"], "text at 5380000");
  EXPECT_EQ((*j)["value"]["affiliation"], "IRN");
  EXPECT_TRUE(store->GetJson(Kind::kSegments, {a, "sentence", "1", "0"})
                  .status()
                  .IsNotFound());
  EXPECT_EQ(
      store->GetJson(Kind::kSegments, {a, "speech", "1", "0"}).status().code(),
      Status::Code::kInvalidArgument);

  std::vector<nlohmann::json> lines;
  ASSERT_OK(store->Dump(Kind::kSegmentsByAffiliation, "IRN",
                        [&](const nlohmann::json& line) {
                          lines.push_back(line);
                          return true;
                        }));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["key"]["affiliation"], "IRN");
  EXPECT_EQ(lines[0]["key"]["asset_id"], a);
  EXPECT_EQ(lines[0]["key"]["seq"], 3);

  lines.clear();
  ASSERT_OK(store->Dump(Kind::kMeta, "", [&](const nlohmann::json& line) {
    lines.push_back(line);
    return true;
  }));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1]["key"]["name"], "schema_version");
  EXPECT_EQ(lines[1]["value"], kSchemaVersion);
}

TEST(StoreTest, CheckpointIsAnOpenableCopy) {
  TempDir tmp;
  {
    auto store = OpenRw(tmp.db());
    ASSERT_TRUE(store);
    ASSERT_OK(store->PutRecording(MakeRecording("k1aaaaaaaa"), {}));
    ASSERT_OK(store->Checkpoint(tmp.path() / "copy"));
    EXPECT_FALSE(store->Checkpoint(tmp.path() / "copy").ok());  // exists
  }
  auto copy = Store::Open(tmp.path() / "copy", OpenMode::kReadOnly);
  ASSERT_OK(copy);
  EXPECT_EQ((*copy)->GetRecording("k1aaaaaaaa")->title,
            "Meeting of 2021-03-08");
}

}  // namespace
}  // namespace timecite::store
