#include "linker/checks/wayback.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

TEST(Wayback, TimestampFromCitedDate) {
  EXPECT_EQ(WaybackTimestampFromDate("2021-03-08"), "20210308");
  EXPECT_EQ(WaybackTimestampFromDate("--06-01"), std::nullopt);
  EXPECT_EQ(WaybackTimestampFromDate("2021-3-8"), std::nullopt);
  EXPECT_EQ(WaybackTimestampFromDate("20a1-03-08"), std::nullopt);
  EXPECT_EQ(WaybackTimestampFromDate(""), std::nullopt);
}

TEST(Wayback, RequestUrlEncodesTheDeadUrl) {
  auto u = WaybackRequestUrl(
      "https://www.un.org/press/en/2021/sc14459.doc.htm?a=1&b=2");
  ASSERT_OK(u);
  EXPECT_EQ(*u,
            "https://archive.org/wayback/available?url="
            "https%3A%2F%2Fwww.un.org%2Fpress%2Fen%2F2021%2Fsc14459.doc.htm%"
            "3Fa%3D1%26b%3D2");
}

TEST(Wayback, RequestUrlWithCitedDateAndOtherEndpoint) {
  auto u = WaybackRequestUrl("http://x.test/a b", "20210308",
                             "http://127.0.0.1:8080/avail");
  ASSERT_OK(u);
  EXPECT_EQ(*u,
            "http://127.0.0.1:8080/"
            "avail?url=http%3A%2F%2Fx.test%2Fa%20b&timestamp=20210308");
}

TEST(Wayback, RequestUrlRejectsBadInput) {
  EXPECT_FALSE(WaybackRequestUrl("").ok());
  auto bad = WaybackRequestUrl("https://x.test/", "2021-03-08");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not 1-14 digits"), std::string::npos);
  EXPECT_FALSE(WaybackRequestUrl("https://x.test/", "202103081200001").ok());
}

TEST(Wayback, ParsesTheRealApiAnswer) {
  auto s = ParseWaybackAvailable(
      R"({"url": "example.com", "archived_snapshots": {"closest": {"status": "200",
          "available": true, "url": "http://web.archive.org/web/20130919044612/http://example.com/",
          "timestamp": "20130919044612"}}})");
  ASSERT_OK(s);
  ASSERT_TRUE(s->has_value());
  // The API answers http://; the suggestion is https, the path unchanged.
  EXPECT_EQ((*s)->url,
            "https://web.archive.org/web/20130919044612/http://example.com/");
  EXPECT_EQ((*s)->timestamp, "20130919044612");
}

TEST(Wayback, SnapshotsOnArchiveOrgOrWithAPortBecomeHttpsWebArchiveOrg) {
  for (const char* given :
       {"http://archive.org/web/20210308000000/https://un.org/a?b=1#c",
        "https://web.archive.org:443/web/20210308000000/https://un.org/a?b=1#c",
        "HTTP://WEB.ARCHIVE.ORG/web/20210308000000/https://un.org/a?b=1#c"}) {
    auto s = ParseWaybackAvailable(
        std::string(R"({"archived_snapshots": {"closest": {"status": "200",
            "available": true, "timestamp": "20210308000000", "url": ")") +
        given + "\"}}}");
    ASSERT_OK(s);
    ASSERT_TRUE(s->has_value()) << given;
    EXPECT_EQ((*s)->url,
              "https://web.archive.org/web/20210308000000/https://un.org/a?b=1#c")
        << given;
  }
}

TEST(Wayback, NumericStatusIsAccepted) {
  auto s = ParseWaybackAvailable(
      R"({"archived_snapshots": {"closest": {"status": 200, "available": true,
          "url": "https://web.archive.org/web/2021/https://x.test/", "timestamp": "2021"}}})");
  ASSERT_OK(s);
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->timestamp, "2021");
}

TEST(Wayback, NoSnapshotIsNullopt) {
  for (
      const char* body : {
          R"({"url": "x.test", "archived_snapshots": {}})",
          R"({"archived_snapshots": {"closest": {"available": false, "status": "200",
               "url": "http://web.archive.org/web/1/x", "timestamp": "1"}}})",
          R"({"archived_snapshots": {"closest": {"available": true, "status": "404",
               "url": "http://web.archive.org/web/1/x", "timestamp": "1"}}})",
          R"({"archived_snapshots": {"closest": {"available": true, "status": "302",
               "url": "http://web.archive.org/web/1/x", "timestamp": "1"}}})",
      }) {
    auto s = ParseWaybackAvailable(body);
    ASSERT_OK(s) << body;
    EXPECT_FALSE(s->has_value()) << body;
  }
}

TEST(Wayback, HostileOrMalformedAnswersAreErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not JSON"},
      {"<html>rate limited</html>", "not JSON"},
      {"[1,2]", "not a JSON object"},
      {"{}", "no \"archived_snapshots\""},
      {R"({"archived_snapshots": []})",
       "\"archived_snapshots\" is not an object"},
      {R"({"archived_snapshots": {"closest": "x"}})",
       "\"closest\" is not an object"},
      {R"({"archived_snapshots": {"closest": {"available": "true", "status": "200",
          "url": "http://web.archive.org/web/1/x"}}})",
       "\"available\" is not a boolean"},
      {R"({"archived_snapshots": {"closest": {"available": true, "status": [200],
          "url": "http://web.archive.org/web/1/x"}}})",
       "\"status\" is neither"},
      {R"({"archived_snapshots": {"closest": {"available": true, "status": "200"}}})",
       "\"url\" missing"},
      {R"({"archived_snapshots": {"closest": {"available": true, "status": "200",
          "url": "https://evil.test/web/1/x", "timestamp": "1"}}})",
       "is not on web.archive.org"},
      {R"j({"archived_snapshots": {"closest": {"available": true, "status": "200",
          "url": "javascript:alert(1)", "timestamp": "1"}}})j",
       "is not on web.archive.org"},
      {R"({"archived_snapshots": {"closest": {"available": true, "status": "200",
          "url": "http://web.archive.org/web/1/x", "timestamp": "1x"}}})",
       "is not YYYYMMDDhhmmss"},
  };
  for (const auto& [body, why] : cases) {
    auto s = ParseWaybackAvailable(body);
    ASSERT_FALSE(s.ok()) << body;
    EXPECT_NE(s.status().message().find(why), std::string::npos)
        << s.status().message();
  }
  EXPECT_FALSE(
      ParseWaybackAvailable(std::string(kMaxWaybackAnswerBytes + 1, ' ')).ok());
}

}  // namespace
}  // namespace timecite::linker
