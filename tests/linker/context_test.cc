#include "linker/citations/context.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<std::string> Dates(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& d : FindDates(text)) out.push_back(d.Iso());
  return out;
}
std::vector<int> Meetings(std::string_view text) {
  std::vector<int> out;
  for (const auto& m : FindMeetingNumbers(text)) out.push_back(m.number);
  return out;
}
using S = std::vector<std::string>;
using I = std::vector<int>;

TEST(Dates, ChineseWithAndWithoutSpaces) {
  EXPECT_EQ(Dates("2021年3月8日"), S{"2021-03-08"});
  EXPECT_EQ(Dates("2021 年 3 月 12 日"), S{"2021-03-12"});
  EXPECT_EQ(Dates("6 月 1 日，第 1 次会议"), S{"--06-01"});
  EXPECT_EQ(Dates("2021年3月8-12日"), S{"2021-03-08"});
  EXPECT_EQ(Dates("（2021年3月8日至12日），2021年3月9日"), (S{"2021-03-08", "2021-03-09"}));
}

TEST(Dates, EuropeanLanguages) {
  EXPECT_EQ(Dates("UN Web TV, 8 March 2021"), S{"2021-03-08"});
  EXPECT_EQ(Dates("March 8, 2021"), S{"2021-03-08"});
  EXPECT_EQ(Dates("8 mars 2021"), S{"2021-03-08"});
  EXPECT_EQ(Dates("1er mars 2021"), S{"2021-03-01"});
  EXPECT_EQ(Dates("8 de marzo de 2021"), S{"2021-03-08"});
  EXPECT_EQ(Dates("8 марта 2021 г."), S{"2021-03-08"});
  EXPECT_EQ(Dates("2021-03-08"), S{"2021-03-08"});
}

TEST(Dates, ImpossibleDatesAndNonDatesSkipped) {
  EXPECT_TRUE(Dates("31 February 2021").empty());
  EXPECT_TRUE(Dates("2021年13月8日").empty());
  EXPECT_TRUE(Dates("8 apples 2021").empty());
}

TEST(Meetings, ChineseArabicAndChineseNumerals) {
  EXPECT_EQ(Meetings("第1次会议"), I{1});
  EXPECT_EQ(Meetings("第 9 次会议"), I{9});
  EXPECT_EQ(Meetings("第一次会议"), I{1});
  EXPECT_EQ(Meetings("第六次会议"), I{6});
  EXPECT_EQ(Meetings("第十一次会议"), I{11});
  EXPECT_EQ(Meetings("第二十一次全体会议"), I{21});
  EXPECT_TRUE(Meetings("第三次实质性会议").empty());
}

TEST(Meetings, OtherLanguages) {
  EXPECT_EQ(Meetings("1st meeting"), I{1});
  EXPECT_EQ(Meetings("Security Council, 9748th meeting"), I{9748});
  EXPECT_EQ(Meetings("21st plenary meeting, 79th session"), I{21});
  EXPECT_EQ(Meetings("(8th meeting) Permanent Forum"), I{8});
  EXPECT_EQ(Meetings("5e séance"), I{5});
  EXPECT_EQ(Meetings("3ª sesión"), I{3});
  EXPECT_EQ(Meetings("6-е заседание"), I{6});
  EXPECT_TRUE(Meetings("79th session").empty());
}

TEST(Bodies, Keys) {
  EXPECT_EQ(FindBody("国际安全背景下信息和电信领域发展的开放式工作组"), "OEWG");
  EXPECT_EQ(FindBody("负责制定关于网络犯罪的全面国际公约的特设委员会"), "AHC");
  EXPECT_EQ(FindBody("Security Council, 9748th meeting"), "SC");
  EXPECT_EQ(FindBody("a meeting"), "");
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

// Stray bytes fold to U+FFFD (three bytes for one): the folded text grows
// past the input without writing out of bounds (found by fuzz_timecode),
// and offsets still point into the original.
TEST(Context, StrayBytesBeforeADate) {
  std::string text(40, '\xFF');
  text += " on 8 March 2021, meeting";
  const auto dates = FindDates(text);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].Iso(), "2021-03-08");
  EXPECT_EQ(text.substr(dates[0].begin, dates[0].end - dates[0].begin),
            "8 March 2021");
}

}  // namespace
}  // namespace timecite::linker
