#include "linker/citations/webtv.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

AssetRef Asset(const std::string& url) {
  auto parsed = ParseUrl(url);
  EXPECT_TRUE(parsed.ok()) << url;
  auto ref = ParseAssetUrl(*parsed);
  EXPECT_TRUE(ref.has_value()) << url;
  return ref.value_or(AssetRef{});
}

TEST(WebTv, BothHostsAllLanguages) {
  for (std::string host : {"webtv.un.org", "media.un.org"}) {
    for (std::string lang : {"en", "fr", "es", "ru", "ar", "zh"}) {
      AssetRef a = Asset("https://" + host + "/" + lang + "/asset/k1o/k1obxycc3u");
      EXPECT_EQ(a.host, host);
      EXPECT_EQ(a.lang, lang);
      EXPECT_EQ(a.asset_id, "k1obxycc3u");
      EXPECT_EQ(a.folder, "k1o");
      EXPECT_EQ(a.player_id, "1_obxycc3u");
      EXPECT_TRUE(a.id_well_formed);
      EXPECT_TRUE(a.folder_matches);
    }
  }
}

TEST(WebTv, MalformedIds) {
  AssetRef short_id = Asset("https://media.un.org/en/asset/k1h/k1huoxyeo");
  EXPECT_FALSE(short_id.id_well_formed);
  EXPECT_NE(short_id.id_problem.find("has 9"), std::string::npos);
  EXPECT_EQ(short_id.player_id, "");
  EXPECT_FALSE(Asset("https://webtv.un.org/en/asset/k1o/k1oBXYCC3U").id_well_formed);
  EXPECT_FALSE(Asset("https://webtv.un.org/en/asset/x1o/x1obxycc3u").id_well_formed);
}

TEST(WebTv, FolderMismatch) {
  AssetRef a = Asset("https://webtv.un.org/en/asset/k1x/k1obxycc3u");
  EXPECT_TRUE(a.id_well_formed);
  EXPECT_FALSE(a.folder_matches);
  EXPECT_EQ(a.CanonicalUrl(), "https://webtv.un.org/en/asset/k1o/k1obxycc3u");
}

TEST(WebTv, Classify) {
  auto kind = [](const std::string& u) { return ClassifyWebTv(ParseUrl(u).value()); };
  EXPECT_EQ(kind("https://webtv.un.org/watch/some-slug/6243785431001"), WebTvKind::kLegacy);
  EXPECT_EQ(kind("https://webtv.un.org/meetings-events/watch/x/123"), WebTvKind::kLegacy);
  EXPECT_EQ(kind("https://webtv.un.org/en/schedule/2021-03-08"), WebTvKind::kOther);
  EXPECT_EQ(kind("https://undocs.org/A/69/723"), WebTvKind::kNotWebTv);
}

// The eval set's timecode-in-url links: a UN Transcripts asset link and a
// Kaltura embed are read as the recording they show.
TEST(WebTv, TranscriptsAndKalturaLinksShowARecording) {
  auto kind = [](const std::string& u) { return ClassifyWebTv(ParseUrl(u).value()); };
  const std::string transcripts =
      "https://transcripts.un.org/es/asset/k1w/k1wnfmkb6x?t=1:02:25";
  EXPECT_EQ(kind(transcripts), WebTvKind::kAsset);
  AssetRef t = Asset(transcripts);
  EXPECT_EQ(t.host, "transcripts.un.org");
  EXPECT_EQ(t.lang, "es");
  EXPECT_EQ(t.asset_id, "k1wnfmkb6x");
  EXPECT_TRUE(t.id_well_formed);
  const std::string embed =
      "https://cdnapisec.kaltura.com/p/2503451/embedPlaykitJs/uiconf_id/50320602"
      "?iframeembed=true&entry_id=1_7mj4nna8&kalturaSeekFrom=3756";
  EXPECT_EQ(kind(embed), WebTvKind::kAsset);
  AssetRef k = Asset(embed);
  EXPECT_EQ(k.asset_id, "k17mj4nna8");
  EXPECT_EQ(k.player_id, "1_7mj4nna8");
  EXPECT_TRUE(k.id_well_formed);
  EXPECT_TRUE(k.folder_matches);
  EXPECT_EQ(k.CanonicalUrl(), "https://webtv.un.org/en/asset/k17/k17mj4nna8");
  // A Kaltura link without a well-formed entry id is no recording.
  EXPECT_EQ(kind("https://cdnapisec.kaltura.com/p/2503451/x?entry_id=abc"),
            WebTvKind::kNotWebTv);
  EXPECT_EQ(kind("https://cdnapisec.kaltura.com/p/2503451/x"), WebTvKind::kNotWebTv);
}

TEST(WebTv, PlayerIdToAssetId) {
  EXPECT_EQ(webtv::AssetIdFromEntryId("1_obxycc3u"), "k1obxycc3u");
  EXPECT_EQ(webtv::AssetIdFromEntryId("0_abc"), "");
}

}  // namespace
}  // namespace timecite::linker
