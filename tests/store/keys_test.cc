// Key codecs: numeric order of big-endian numbers, the 0x00 separator, and
// decode(encode(x)) == x for every key kind.
#include "store/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "common/test_util.h"

namespace timecite::store::keys {
namespace {

TEST(KeysTest, BigEndianNumbersSortNumerically) {
  std::vector<uint64_t> values = {0,     1,       255,        256,
                                  65535, 5380000, 1ull << 40, UINT64_MAX};
  std::vector<std::string> encoded;
  for (uint64_t v : values) {
    std::string k;
    AppendU64(k, v);
    ASSERT_EQ(k.size(), 8u);
    EXPECT_EQ(ReadU64(k), v);
    encoded.push_back(k);
  }
  EXPECT_TRUE(std::is_sorted(encoded.begin(), encoded.end()));
  std::string k32;
  AppendU32(k32, 0x01020304);
  EXPECT_EQ(k32, std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(ReadU32(k32), 0x01020304u);
}

TEST(KeysTest, SeparatorKeepsPrefixIdsApart) {
  // "k1abc" and "k1abcd": every key of the first sorts before the second.
  std::string a_last =
      SegmentKey("k1abc", SegmentKind::kCited, INT64_MAX, UINT32_MAX);
  std::string b_first = SegmentKey("k1abcd", SegmentKind::kStatement, 0, 0);
  EXPECT_LT(a_last, b_first);
  EXPECT_FALSE(b_first.starts_with(SegmentPrefix("k1abc")));
  EXPECT_TRUE(ValidPart("https://undocs.org/A/RES/75/282"));
  EXPECT_FALSE(ValidPart(std::string("a\0b", 3)));
}

TEST(KeysTest, SegmentKeyRoundTripsAndOrdersByKindThenStart) {
  std::string k = SegmentKey("k1obxycc3u", SegmentKind::kSentence, 5380000, 7);
  EXPECT_EQ(k.size(), 10u + 1 + 1 + 8 + 4);
  auto p = DecodeSegmentKey(k);
  ASSERT_OK(p);
  EXPECT_EQ(p->asset_id, "k1obxycc3u");
  EXPECT_EQ(p->kind, SegmentKind::kSentence);
  EXPECT_EQ(p->start_ms, 5380000);
  EXPECT_EQ(p->seq, 7u);
  EXPECT_LT(SegmentKey("a", SegmentKind::kStatement, 9000000, 0),
            SegmentKey("a", SegmentKind::kSentence, 0, 0));
  EXPECT_LT(SegmentKey("a", SegmentKind::kSentence, 999, 5),
            SegmentKey("a", SegmentKind::kSentence, 1000, 0));
  EXPECT_LT(SegmentSummaryKey("a"),
            SegmentKey("a", SegmentKind::kStatement, 0, 0));
  EXPECT_FALSE(DecodeSegmentKey("short").ok());
}

TEST(KeysTest, FrontierKeySortsByDueTimeFirst) {
  std::string early = FrontierKey(1000, "zzz.example", "https://zzz.example/");
  std::string late = FrontierKey(2000, "aaa.example", "https://aaa.example/");
  EXPECT_LT(early, late);
  auto p = DecodeFrontierKey(late);
  ASSERT_OK(p);
  EXPECT_EQ(p->due_ms, 2000);
  EXPECT_EQ(p->host, "aaa.example");
  EXPECT_EQ(p->url, "https://aaa.example/");
}

TEST(KeysTest, CitationAndFetchLogKeysRoundTrip) {
  auto c = DecodeCitationKey(CitationKey("/tmp/r.docx", 13, 2));
  ASSERT_OK(c);
  EXPECT_EQ(c->source, "/tmp/r.docx");
  EXPECT_EQ(c->footnote, 13);
  EXPECT_EQ(c->seq, 2);
  EXPECT_LT(CitationKey("/r", 2, 0), CitationKey("/r", 13, 0));
  auto f = DecodeFetchLogKey(
      FetchLogKey("https://undocs.org/S/PV.9748", 1700000000123));
  ASSERT_OK(f);
  EXPECT_EQ(f->url, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(f->time_ms, 1700000000123);
}

TEST(KeysTest, PrefixEndIsTheTightUpperBound) {
  EXPECT_EQ(PrefixEnd("abc"), "abd");
  EXPECT_EQ(PrefixEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixEnd(std::string("\xff\xff", 2)), "");
  EXPECT_EQ(PrefixEnd(std::string("k1\0", 3)), std::string("k1\x01", 3));
}

TEST(KeysTest, IndexKeysPutTheIndexedValueFirst) {
  EXPECT_EQ(RecordingByDateKey("2021-03-08", "k1x"),
            std::string("2021-03-08\0k1x", 14));
  EXPECT_EQ(RecordingByBodyKey("Security Council", "2021-03-08", "k1x"),
            std::string("Security Council\0"
                        "2021-03-08\0k1x",
                        31));
  std::string seg = SegmentKey("k1x", SegmentKind::kStatement, 0, 0);
  EXPECT_EQ(SegmentByAffiliationKey("IRN", seg), std::string("IRN\0", 4) + seg);
}

}  // namespace
}  // namespace timecite::store::keys
