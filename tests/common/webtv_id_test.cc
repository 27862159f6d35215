#include "common/webtv_id.h"

#include <gtest/gtest.h>

namespace timecite::webtv {
namespace {

TEST(WebTvId, AssetIdGrammar) {
  EXPECT_TRUE(IsAssetId("k1obxycc3u"));
  EXPECT_TRUE(IsAssetId("k1sjz1in6d"));
  EXPECT_TRUE(IsAssetId("k2obxycc3u"));    // another Kaltura partition
  EXPECT_FALSE(IsAssetId("kxobxycc3u"));   // no partition digit
  EXPECT_FALSE(IsAssetId("k1obxycc3"));    // 9 characters
  EXPECT_FALSE(IsAssetId("k1obxycc3uu"));  // 11
  EXPECT_FALSE(IsAssetId("k1OBXYCC3U"));   // upper case
  EXPECT_FALSE(IsAssetId("1_obxycc3u"));   // an entry id
  EXPECT_FALSE(IsAssetId(""));
}

TEST(WebTvId, ProblemsInWords) {
  EXPECT_EQ(AssetIdProblem("k1obxycc3u"), "");
  EXPECT_EQ(AssetIdProblem("kxobxycc3u"),
            "an asset id starts with \"k\" and a digit (k1...)");
  EXPECT_EQ(AssetIdProblem("x1obxycc3u"),
            "an asset id starts with \"k\" and a digit (k1...)");
  EXPECT_EQ(AssetIdProblem("k1obx-cc3u"),
            "an asset id has only 0-9 and a-z, not '-'");
  EXPECT_EQ(AssetIdProblem("k1obxycc3"),
            "an asset id has 10 characters (\"k1\" + 8), this one has 9");
  // The answer agrees with IsAssetId on every id of these shapes.
  for (std::string id : {"k1abcdefgh", "k0abcdefgh", "k1abcdefg", "x1abcdefgh",
                         "k1abcdefg!", "k1abcdefghi"}) {
    EXPECT_EQ(IsAssetId(id), AssetIdProblem(id).empty()) << id;
  }
}

TEST(WebTvId, EntryIdsAndFolders) {
  EXPECT_TRUE(IsEntryId("1_obxycc3u"));
  EXPECT_TRUE(IsEntryId("0_obxycc3u"));
  EXPECT_FALSE(IsEntryId("x_obxycc3u"));
  EXPECT_FALSE(IsEntryId("1-obxycc3u"));
  EXPECT_EQ(EntryIdFromAssetId("k1obxycc3u"), "1_obxycc3u");
  EXPECT_EQ(AssetIdFromEntryId("1_obxycc3u"), "k1obxycc3u");
  EXPECT_EQ(AssetIdFromEntryId("0_obxycc3u"), "k0obxycc3u");
  EXPECT_EQ(EntryIdFromAssetId("k0obxycc3u"), "0_obxycc3u");
  EXPECT_EQ(AssetIdFromEntryId("0_obx"), "");
  EXPECT_EQ(AssetFolder("k1obxycc3u"), "k1o");
  EXPECT_EQ(AssetFolder("k1"), "");
}

}  // namespace
}  // namespace timecite::webtv
