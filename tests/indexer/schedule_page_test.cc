#include "indexer/schedule_page.h"

#include "indexer_test_util.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::Fixture;
using testing::SharedWebtv;

TEST(SchedulePage, ReadsOwnFixtureCards) {
  auto cards = ParseSchedulePage(Fixture("schedule-day.html"), Builtin("webtv-schedule"));
  ASSERT_OK(cards);
  ASSERT_EQ(cards->size(), 3u);
  const ScheduleCard& a = (*cards)[0];
  EXPECT_EQ(a.asset_id, "k1q2w3e4r5");
  EXPECT_EQ(a.asset_path, "/en/asset/k1q/k1q2w3e4r5");
  EXPECT_EQ(a.player_id, "1_q2w3e4r5");
  EXPECT_EQ(a.title, "Security Council, 9748th meeting");
  EXPECT_EQ(a.body, "Security Council");
  EXPECT_EQ(a.description, "Threats to international peace and security");
  EXPECT_EQ(a.start_written, "2024-10-21T10:00:00-04:00");
  EXPECT_EQ(a.start_utc_ms, 1729504800000);
  EXPECT_EQ(a.duration_ms, 10931000);
  EXPECT_FALSE(a.live);

  const ScheduleCard& b = (*cards)[1];
  EXPECT_EQ(b.asset_id, "k1z9y8x7w6");
  EXPECT_EQ(b.body, "");
  EXPECT_EQ(b.description, "");
  EXPECT_EQ(b.player_id, "");
  EXPECT_EQ(b.start_utc_ms, 1729522800000);
  EXPECT_EQ(b.duration_ms, 2700000);

  const ScheduleCard& c = (*cards)[2];
  EXPECT_EQ(c.asset_id, "k1l1v2e3x4");
  EXPECT_TRUE(c.live);
  EXPECT_FALSE(c.duration_ms.has_value());
  EXPECT_EQ(c.start_utc_ms, 1729539000000);
  EXPECT_EQ(c.body, "General Assembly");
}

TEST(SchedulePage, ReadsTheSharedExcerpt) {
  auto html = SharedWebtv("schedule-excerpt.html");
  if (!html) GTEST_SKIP() << "../shared/corpus/webtv absent; real-markup check skipped";
  auto cards = ParseSchedulePage(*html, Builtin("webtv-schedule"));
  ASSERT_OK(cards);
  ASSERT_EQ(cards->size(), 3u);
  const ScheduleCard& ced = (*cards)[0];
  EXPECT_EQ(ced.asset_id, "k1iyessmbe");
  EXPECT_EQ(ced.player_id, "1_iyessmbe");
  EXPECT_EQ(ced.title, "576th Meeting, 31st Session, Committee on Enforced Disappearances (CED)");
  EXPECT_EQ(ced.body, "");  // the capture's empty h6
  EXPECT_EQ(ced.description, "Opening of session");
  EXPECT_EQ(ced.start_utc_ms, 1789372800000);  // 2026-09-14T08:00:00 read as UTC
  EXPECT_EQ(ced.duration_ms, (41 * 60 + 29) * 1000);
  EXPECT_FALSE(ced.live);

  const ScheduleCard& hrc = (*cards)[1];
  EXPECT_EQ(hrc.asset_id, "k10dmquj6y");
  EXPECT_EQ(hrc.body, "Human Rights Council");
  EXPECT_EQ(hrc.title, "9th Meeting - 63rd Session of Human Rights Council");
  EXPECT_EQ(hrc.duration_ms, (3 * 3600 + 18 * 60 + 33) * 1000);

  const ScheduleCard& crc = (*cards)[2];
  EXPECT_EQ(crc.asset_id, "k1azcfg1xb");
  EXPECT_TRUE(crc.live);
  EXPECT_FALSE(crc.duration_ms.has_value());
  EXPECT_EQ(crc.start_utc_ms, 1789390800000);
  EXPECT_EQ(crc.body, "Human Rights Treaty Bodies");
  EXPECT_EQ(crc.description, "Consideration of Slovenia");
}

TEST(SchedulePage, EmptyDayIsNotDrift) {
  auto cards = ParseSchedulePage(Fixture("schedule-empty.html"), Builtin("webtv-schedule"));
  ASSERT_OK(cards);
  EXPECT_TRUE(cards->empty());
}

TEST(SchedulePage, EmptyListIsAnEmptyDay) {
  auto cards = ParseSchedulePage("<div class='view-content'>\n</div>", Builtin("webtv-schedule"));
  ASSERT_OK(cards);
  EXPECT_TRUE(cards->empty());
  // A list whose children no longer look like cards is drift.
  auto renamed = ParseSchedulePage("<div class='view-content'><div class='card-v2'></div></div>",
                                   Builtin("webtv-schedule"));
  ASSERT_FALSE(renamed.ok());
  EXPECT_TRUE(IsMarkupDrift(renamed.status()));
}

TEST(SchedulePage, DescriptionIsTheLastColumnWhateverItsClasses) {
  auto cards = ParseSchedulePage(
      "<div class='un3-card-row-video'><div><div class='mediaun-timezone'>2024-10-21T10:00:00"
      "</div></div><div><h4><a href='/en/asset/k1q/k1q2w3e4r5'><div class='media-asset__title'>"
      "<div class='field__item'>T</div></div></a></h4></div><div class='col-12'> Note </div></div>",
      Builtin("webtv-schedule"));
  ASSERT_OK(cards);
  ASSERT_EQ(cards->size(), 1u);
  EXPECT_EQ((*cards)[0].description, "Note");
  EXPECT_EQ((*cards)[0].start_utc_ms, 1729504800000);
}

TEST(SchedulePage, PageWithoutCardsOrMarkerIsDrift) {
  auto cards = ParseSchedulePage("<html><body><div class='cards-v2'></div></body></html>",
                                 Builtin("webtv-schedule"));
  ASSERT_FALSE(cards.ok());
  EXPECT_TRUE(IsMarkupDrift(cards.status()));
}

TEST(SchedulePage, CardMissingItsStartIsDrift) {
  auto cards = ParseSchedulePage(
      "<div class='un3-card-row-video'><a href='/en/asset/k1q/k1q2w3e4r5'>"
      "<div class='media-asset__title'><div class='field__item'>T</div></div></a></div>",
      Builtin("webtv-schedule"));
  ASSERT_FALSE(cards.ok());
  EXPECT_TRUE(IsMarkupDrift(cards.status()));
  EXPECT_NE(cards.status().message().find("card 1"), std::string::npos);
  EXPECT_NE(cards.status().message().find("`start`"), std::string::npos);
}

TEST(SchedulePage, UnparsableStartIsDrift) {
  auto cards = ParseSchedulePage(
      "<div class='un3-card-row-video'><div class='mediaun-timezone'>soon</div>"
      "<a href='/en/asset/k1q/k1q2w3e4r5'>"
      "<div class='media-asset__title'><div class='field__item'>T</div></div></a></div>",
      Builtin("webtv-schedule"));
  ASSERT_FALSE(cards.ok());
  EXPECT_TRUE(IsMarkupDrift(cards.status()));
}

}  // namespace
}  // namespace timecite::indexer
