#include "indexer/fields.h"

#include "test_util.h"

namespace timecite::indexer {
namespace {

TEST(Fields, ClockDurations) {
  EXPECT_EQ(ParseClockMs("02:31:55"), 9115000);
  EXPECT_EQ(ParseClockMs(" 00:41:29 "), 2489000);
  EXPECT_EQ(ParseClockMs("1:29:40"), 5380000);
  EXPECT_EQ(ParseClockMs("38:20"), 2300000);
  EXPECT_EQ(ParseClockMs("00:00:00"), 0);
  EXPECT_FALSE(ParseClockMs("Live"));
  EXPECT_FALSE(ParseClockMs("1:60:00"));
  EXPECT_FALSE(ParseClockMs("12"));
  EXPECT_FALSE(ParseClockMs("1:2:3:4"));
  EXPECT_FALSE(ParseClockMs(""));
  EXPECT_FALSE(ParseClockMs("99999999:00:00"));
}

TEST(Fields, IsoTimes) {
  EXPECT_EQ(ParseIsoTimeMs("2026-06-25T12:00:00Z"), 1782388800000);
  EXPECT_EQ(ParseIsoTimeMs("2026-06-25T08:00:00-04:00"), 1782388800000);
  EXPECT_EQ(ParseIsoTimeMs("2021-03-08T00:00:00.000Z"), 1615161600000);
  EXPECT_EQ(ParseIsoTimeMs("2021-03-08T00:00:00.5Z"), 1615161600500);
  EXPECT_FALSE(ParseIsoTimeMs("2021-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseIsoTimeMs("25 Jun 2026"));
  EXPECT_FALSE(ParseIsoTimeMs("2026-06-25T12:00:00+0400"));
  EXPECT_EQ(UtcDate(1782388800000), "2026-06-25");
  EXPECT_EQ(UtcDate(0), "1970-01-01");
}

TEST(Fields, ScheduleStartIgnoresTheOffset) {
  // The site prints a wrong offset and itself reads the first 19 characters as UTC.
  EXPECT_EQ(ParseScheduleStartMs("2026-09-14T08:00:00-04:00"), 1789372800000);
  EXPECT_EQ(ParseScheduleStartMs("2026-09-14T13:00:00-04:00"), 1789390800000);
  EXPECT_FALSE(ParseScheduleStartMs("2026-09-14"));
}

TEST(Fields, AssetAndEntryIds) {
  EXPECT_TRUE(IsAssetId("k1sjz1in6d"));
  EXPECT_FALSE(IsAssetId("k1sjz1in6"));
  EXPECT_FALSE(IsAssetId("k1SJZ1IN6D"));
  EXPECT_EQ(AssetIdFromUrl("https://webtv.un.org/en/asset/k1s/k1sjz1in6d").value_or(""),
            "k1sjz1in6d");
  EXPECT_EQ(AssetIdFromUrl("/en/asset/k1i/k1iyessmbe?x=1").value_or(""), "k1iyessmbe");
  EXPECT_FALSE(AssetIdFromUrl("https://webtv.un.org/en/asset/k1x/k1sjz1in6d"));  // folder
  EXPECT_FALSE(AssetIdFromUrl("https://webtv.un.org/en/schedule/2026-09-14"));
  EXPECT_EQ(webtv::EntryIdFromAssetId("k1obxycc3u"), "1_obxycc3u");
  EXPECT_EQ(webtv::AssetIdFromEntryId("1_obxycc3u"), "k1obxycc3u");
  EXPECT_TRUE(IsEntryId("1_zk3kwu7h"));
  EXPECT_FALSE(IsEntryId("1-zk3kwu7h"));
}

TEST(Fields, EntryIdsInThumbnailsAndScripts) {
  EXPECT_EQ(EntryIdFromThumbnail("//cfvod.kaltura.com/p/2503451/sp/250345100/thumbnail/"
                                 "entry_id/1_iyessmbe/version/100031/width/564")
                .value_or(""),
            "1_iyessmbe");
  EXPECT_FALSE(EntryIdFromThumbnail("/thumbnail/entry_id/1_short/"));
  EXPECT_EQ(EntryIdFromPlayerScript("var a = 1;\n const kentryID = '1_q2w3e4r5';").value_or(""),
            "1_q2w3e4r5");
  EXPECT_EQ(EntryIdFromPlayerScript("{kentryID: \"0_abcdefgh\"}").value_or(""), "0_abcdefgh");
  EXPECT_FALSE(EntryIdFromPlayerScript("kentryID = '1_abc'"));
  EXPECT_FALSE(EntryIdFromPlayerScript("kentryID"));
}

TEST(Fields, LanguageCodes) {
  EXPECT_EQ(LanguageCode("Arabic"), "ar");
  EXPECT_EQ(LanguageCode("Chinese"), "zh");
  EXPECT_EQ(LanguageCode("Original"), "original");
  EXPECT_EQ(LanguageCode("Portuguese"), "portuguese");
}

}  // namespace
}  // namespace timecite::indexer
