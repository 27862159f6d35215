#include "linker/report/report.h"

#include <sstream>

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<DocumentReport> Reports() {
  auto doc = DocumentFromBytes(
      "r.txt",
      "¹ 联合国网络电视，2021年3月8日（1:29:40开始）https://media.un.org/en/asset/k1o/k1obxycc3u\n"
      "² https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  EXPECT_TRUE(doc.ok());
  return {{"r.txt", CheckCitations(ExtractCitations(*doc), CheckOptions{})}};
}

TEST(Report, JsonShape) {
  const nlohmann::json j = ReportToJson(Reports(), "offline");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["mode"], "offline");
  ASSERT_EQ(j["documents"].size(), 1u);
  const auto& cits = j["documents"][0]["citations"];
  ASSERT_EQ(cits.size(), 2u);
  EXPECT_EQ(cits[0]["footnote"], 1);
  EXPECT_EQ(cits[0]["timecode"]["start_ms"], 5380000);
  EXPECT_EQ(cits[0]["asset"]["player_id"], "1_obxycc3u");
  EXPECT_EQ(cits[0]["verdict"], "unverified");
  EXPECT_EQ(cits[0]["date"], "2021-03-08");
  EXPECT_EQ(cits[1]["verdict"], "broken");
  EXPECT_EQ(cits[1]["findings"][0]["rule"], "asset-id-malformed");
  EXPECT_EQ(cits[1]["findings"][0]["severity"], "error");
  EXPECT_EQ(j["summary"]["citations"], 2);
  EXPECT_EQ(j["summary"]["verdicts"]["broken"], 1);
  EXPECT_EQ(j["summary"]["verdicts"]["unverified"], 1);
  EXPECT_EQ(j["summary"]["verdicts"]["ok"], 0);
  EXPECT_EQ(j["summary"]["findings"]["asset-id-malformed"], 1);
}

TEST(Report, TextGroupsByFootnoteWithoutColourByDefault) {
  std::ostringstream out;
  WriteText(out, Reports(), TextOptions{});
  const std::string s = out.str();
  EXPECT_NE(s.find("footnote 1\n"), std::string::npos);
  EXPECT_NE(s.find("starts at 1:29:40 (5380000 ms)"), std::string::npos);
  EXPECT_NE(s.find("error [asset-id-malformed]"), std::string::npos);
  EXPECT_NE(s.find("Summary: 2 citations in 1 document, 0 ok, 0 warnings, 1 broken, 1 unverified"),
            std::string::npos);
  EXPECT_EQ(s.find('\033'), std::string::npos);
}

TEST(Report, ColourOnRequest) {
  std::ostringstream out;
  WriteText(out, Reports(), TextOptions{.color = true, .quiet = false});
  EXPECT_NE(out.str().find("\033[31m"), std::string::npos);
}

TEST(Report, SummaryHasErrors) {
  EXPECT_TRUE(Summarize(Reports()).HasErrors());
  EXPECT_FALSE(Summarize({}).HasErrors());
}

}  // namespace
}  // namespace timecite::linker
