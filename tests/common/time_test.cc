#include "common/time.h"

#include "test_util.h"

namespace timecite {
namespace {

TEST(UtcDate, Epoch) {
  EXPECT_EQ(UtcDate(0), "1970-01-01");
  EXPECT_EQ(UtcDate(86'399'999), "1970-01-01");
  EXPECT_EQ(UtcDate(86'400'000), "1970-01-02");
}

TEST(UtcDate, MiddayIsItsOwnDay) {
  EXPECT_EQ(UtcDate(1'782'388'800'000), "2026-06-25");  // 12:00Z
}

TEST(UtcDate, LeapDays) {
  EXPECT_EQ(UtcDate(1'709'164'800'000), "2024-02-29");  // 00:00:00.000Z
  EXPECT_EQ(UtcDate(1'709'251'199'999), "2024-02-29");  // 23:59:59.999Z
  EXPECT_EQ(UtcDate(1'709'251'200'000), "2024-03-01");
  EXPECT_EQ(UtcDate(951'782'400'000), "2000-02-29");         // divisible by 400
  EXPECT_EQ(UtcDate(-2'203'891'200'000 - 1), "1900-02-28");  // 1900 is not leap
  EXPECT_EQ(UtcDate(-2'203'891'200'000), "1900-03-01");
}

TEST(UtcDate, NegativeTimesRoundDownToTheirDay) {
  EXPECT_EQ(UtcDate(-1), "1969-12-31");
  EXPECT_EQ(UtcDate(-86'400'000), "1969-12-31");
  EXPECT_EQ(UtcDate(-86'400'001), "1969-12-30");
}

}  // namespace
TEST(ParseDay, CalendarDaysOnly) {
  EXPECT_EQ(ParseDay("2026-06-25"), std::optional<int64_t>(1782345600000));
  EXPECT_EQ(ParseDay("1970-01-01"), std::optional<int64_t>(0));
  EXPECT_EQ(ParseDay("2024-02-29"), std::optional<int64_t>(1709164800000));  // leap year
  for (const char* bad : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                          "2024-1-01", "2024/01/01", "2024-01-01T00:00:00Z", "", "20240101",
                          "２０２４-01-01", "2024-01-0x", " 2024-01-01"}) {
    EXPECT_FALSE(ParseDay(bad).has_value()) << bad;
  }
  // The inverse of UtcDate on days.
  EXPECT_EQ(UtcDate(*ParseDay("2000-02-29")), "2000-02-29");
}

}  // namespace timecite
