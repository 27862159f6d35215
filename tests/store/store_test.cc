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
  c.findings = nlohmann::json::array(
      {{{"rule", "legacy-host"}, {"severity", "warning"},
        {"message", "media.un.org moved"}, {"suggestion", c.url_canonical}}});
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

}  // namespace
}  // namespace timecite::store
