#include "indexer/asset_page.h"

#include "indexer_test_util.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::Fixture;
using testing::SharedWebtv;

TEST(AssetPage, ReadsEveryFieldOfOwnFixture) {
  auto page = ParseAssetPage(Fixture("asset-page-security-council.html"), Builtin("webtv-asset"));
  ASSERT_OK(page);
  ASSERT_FALSE(page->removed);
  const RecordingInfo& r = page->recording;
  EXPECT_EQ(r.asset_id, "k1q2w3e4r5");
  EXPECT_EQ(r.canonical_url, "https://webtv.un.org/en/asset/k1q/k1q2w3e4r5");
  EXPECT_EQ(r.player_id, "1_q2w3e4r5");
  EXPECT_EQ(r.player_id_source, "script");
  // The related-videos block below the article is not the title.
  EXPECT_EQ(r.title, "Threats to international peace and security - Security Council, 9748th meeting");
  EXPECT_EQ(r.production_time, "2024-10-21T14:00:00Z");
  EXPECT_EQ(r.production_utc_ms, 1729519200000);
  EXPECT_EQ(r.date, "2024-10-21");
  EXPECT_EQ(r.duration_ms, 10931000);
  EXPECT_EQ(r.languages, (std::vector<std::string>{"English", "French", "Original"}));
  EXPECT_EQ(r.categories, (std::vector<std::string>{"Meetings & Events", "Security Council"}));
  EXPECT_EQ(r.subjects, (std::vector<std::string>{"PEACE"}));
  EXPECT_EQ(r.corporate_names, (std::vector<std::string>{"UN. SECURITY COUNCIL"}));
  EXPECT_EQ(r.speaker_affiliations,
            (std::vector<std::string>{"MALTA", "IRAN (ISLAMIC REPUBLIC OF)"}));
  EXPECT_EQ(r.summary, "Open debate on threats to international peace.");
  EXPECT_EQ(r.description, "Briefing by the Secretary-General. Statements by members.");
  ASSERT_EQ(r.related.size(), 2u);
  EXPECT_EQ(r.related[0], (RelatedLink{"https://undocs.org/s/pv.9748", "Meeting record",
                                       "S/PV.9748"}));
  EXPECT_EQ(r.related[1].symbol, "");
  EXPECT_EQ(r.body, "Security Council");
  EXPECT_EQ(r.meeting_symbol, "S/PV.9748");
}

TEST(AssetPage, ReadsTheSharedC24Capture) {
  auto html = SharedWebtv("asset-page-c24.html");
  if (!html) GTEST_SKIP() << "../shared/corpus/webtv absent; real-markup check skipped";
  auto page = ParseAssetPage(*html, Builtin("webtv-asset"));
  ASSERT_OK(page);
  ASSERT_FALSE(page->removed);
  const RecordingInfo& r = page->recording;
  EXPECT_EQ(r.title, "(9th plenary meeting) Special Committee on Decolonization (C-24) - 2026 session");
  EXPECT_EQ(r.asset_id, "k1sjz1in6d");
  EXPECT_EQ(r.canonical_url, "https://webtv.un.org/en/asset/k1s/k1sjz1in6d");
  // No player script or thumbnail in the capture: the id follows from the asset id.
  EXPECT_EQ(r.player_id, "1_sjz1in6d");
  EXPECT_EQ(r.player_id_source, "asset-id");
  EXPECT_EQ(r.production_time, "2026-06-25T12:00:00Z");
  EXPECT_EQ(r.production_utc_ms, 1782388800000);
  EXPECT_EQ(r.date, "2026-06-25");
  EXPECT_EQ(r.duration_ms, (2 * 3600 + 31 * 60 + 55) * 1000);
  EXPECT_EQ(r.languages, (std::vector<std::string>{"Arabic", "Chinese", "English", "French",
                                                   "Russian", "Spanish", "Original"}));
  EXPECT_EQ(r.categories,
            (std::vector<std::string>{"Meetings & Events", "General Assembly",
                                      "Subsidiary organs of the General Assembly",
                                      "Special Committee on Decolonization (C-24)",
                                      "2026 Session"}));
  EXPECT_EQ(r.subjects, (std::vector<std::string>{"DECOLONIZATION",
                                                  "NON-SELF-GOVERNING TERRITORIES",
                                                  "SOVEREIGNTY"}));
  EXPECT_EQ(r.corporate_names,
            (std::vector<std::string>{"SPECIAL COMMITTEE ON DECOLONIZATION - C24"}));
  EXPECT_TRUE(r.speaker_affiliations.empty());
  EXPECT_TRUE(r.summary.starts_with("The Special Committee on the Situation with regard"));
  EXPECT_TRUE(r.summary.ends_with("or C-24."));
  EXPECT_EQ(r.summary.find("View more"), std::string::npos);
  EXPECT_TRUE(r.description.starts_with("Question of the Falkland Islands (Malvinas) The C-24"));
  EXPECT_EQ(r.description.find("View"), std::string::npos);
  ASSERT_EQ(r.related.size(), 2u);
  EXPECT_EQ(r.related[0].url, "https://www.un.org/dppa/decolonization/en/c24/about");
  EXPECT_EQ(r.related[0].title, "Special Committee on Decolonization website");
  EXPECT_EQ(r.related[0].symbol, "");
  EXPECT_EQ(r.related[1].url, "https://docs.un.org/A/AC.109/2026/L.2/Rev.1");
  EXPECT_EQ(r.related[1].title, "Organization of Work");
  EXPECT_EQ(r.related[1].symbol, "A/AC.109/2026/L.2/Rev.1");
  EXPECT_EQ(r.body, "General Assembly");
  EXPECT_EQ(r.meeting_symbol, "");
}

TEST(AssetPage, NotFoundPageIsARemovedAsset) {
  auto own = ParseAssetPage(Fixture("not-found.html"), Builtin("webtv-asset"));
  ASSERT_OK(own);
  EXPECT_TRUE(own->removed);
  EXPECT_EQ(own->recording.asset_id, "");

  auto shared = SharedWebtv("not-found-page.html");
  if (!shared) GTEST_SKIP() << "../shared/corpus/webtv absent; real soft-404 check skipped";
  auto page = ParseAssetPage(*shared, Builtin("webtv-asset"));
  ASSERT_OK(page);
  EXPECT_TRUE(page->removed);
}

TEST(AssetPage, ChangedMarkupIsDriftNotAnEmptyRecord) {
  auto page = ParseAssetPage(Fixture("asset-page-drifted.html"), Builtin("webtv-asset"));
  ASSERT_FALSE(page.ok());
  EXPECT_TRUE(IsMarkupDrift(page.status())) << page.status().ToString();
  EXPECT_NE(page.status().message().find("`title`"), std::string::npos);

  auto empty = ParseAssetPage("", Builtin("webtv-asset"));
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(IsMarkupDrift(empty.status()));
}

TEST(AssetPage, CanonicalUrlMustNameAnAsset) {
  auto page = ParseAssetPage(
      "<article class='media-asset--full'><div class='media-asset__title'>"
      "<h2 class='field__item'>T</h2></div><span data-a2a-url='https://webtv.un.org/en/'></span>"
      "</article>",
      Builtin("webtv-asset"));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Status::Code::kInvalidArgument);
}

TEST(AssetPage, WrongProfileKind) {
  auto page = ParseAssetPage(Fixture("asset-page-security-council.html"),
                             Builtin("webtv-schedule"));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Status::Code::kInvalidArgument);
}

TEST(AssetPage, GarbageGivesAStatus) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
  auto page = ParseAssetPage(junk, Builtin("webtv-asset"));
  EXPECT_FALSE(page.ok());
}

}  // namespace
}  // namespace timecite::indexer
