#include "crawler/robots.h"

#include <gtest/gtest.h>

namespace timecite::crawler {
namespace {

TEST(RobotsTest, LongestMatchWinsAndAllowWinsTies) {
  RobotsRules r = RobotsRules::Parse(
      "User-agent: *\nDisallow: /en/\nAllow: /en/asset/\nDisallow: /en/asset/private\n"
      "Allow: /tie\nDisallow: /tie\n",
      "timecite");
  EXPECT_FALSE(r.Allowed("/en/search"));
  EXPECT_TRUE(r.Allowed("/en/asset/k1a/k1abcd1234"));
  EXPECT_FALSE(r.Allowed("/en/asset/private/x"));
  EXPECT_TRUE(r.Allowed("/fr/asset/k1a/k1abcd1234"));
  EXPECT_TRUE(r.Allowed("/tie"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
}

TEST(RobotsTest, OurGroupReplacesTheStarGroupAndGroupsCombine) {
  const char* text =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: TimeCite\nDisallow: /a\n\n"
      "User-agent: other\nUser-agent: timecite\nDisallow: /b\n";
  RobotsRules r = RobotsRules::Parse(text, "timecite");
  EXPECT_TRUE(r.Allowed("/c"));
  EXPECT_FALSE(r.Allowed("/a/1"));
  EXPECT_FALSE(r.Allowed("/b/1"));
  RobotsRules other = RobotsRules::Parse(text, "somebot");
  EXPECT_FALSE(other.Allowed("/c"));
}

TEST(RobotsTest, WildcardsCommentsAndEmptyDisallow) {
  RobotsRules r = RobotsRules::Parse(
      "# comment\nuser-agent: * # all\ndisallow: /*.pdf$\ndisallow: /search*q=\n", "timecite");
  EXPECT_FALSE(r.Allowed("/docs/a.pdf"));
  EXPECT_TRUE(r.Allowed("/docs/a.pdf?x=1"));
  EXPECT_FALSE(r.Allowed("/search?a=1&q=2"));
  EXPECT_TRUE(r.Allowed("/search?a=1"));
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "timecite").Allowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("", "timecite").Allowed("/x"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/x"));
  EXPECT_TRUE(RobotsRules::DisallowAll().Allowed("/robots.txt"));
}

TEST(RobotsTest, ProductToken) {
  EXPECT_EQ(ProductToken("timecite/0.1.0 (+https://example.org/timecite)"), "timecite");
  EXPECT_EQ(ProductToken("  Googlebot-News"), "Googlebot-News");
  EXPECT_TRUE(RobotsPatternMatches("/a*b$", "/axxb"));
  EXPECT_FALSE(RobotsPatternMatches("/a*b$", "/axxbc"));
}

}  // namespace
}  // namespace timecite::crawler
