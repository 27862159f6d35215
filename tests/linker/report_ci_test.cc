#include "linker/report/report_ci.h"

#include <pugixml.hpp>
#include <sstream>

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<DocumentReport> Reports() {
  auto doc =
      DocumentFromBytes("r.txt",
                        "¹ https://media.un.org/en/asset/k1x/k1rf2exuhz\n"
                        "² https://twitter.com/a/status/1?s=20\n"
                        "³ https://undocs.org/A/69/723\n");
  EXPECT_TRUE(doc.ok());
  return {{"r.txt", CheckCitations(ExtractCitations(*doc), CheckOptions{})}};
}

TEST(Sarif, ResultsWithLocationsRulesAndFixes) {
  const nlohmann::json s = ReportToSarif(Reports());
  EXPECT_EQ(s["version"], "2.1.0");
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "timecite");
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  ASSERT_EQ(run["results"].size(), 2u);
  const auto& folder = run["results"][0];
  EXPECT_EQ(folder["ruleId"], "asset-folder-mismatch");
  EXPECT_EQ(folder["level"], "error");
  const auto& region = folder["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(
      folder["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "r.txt");
  EXPECT_EQ(region["startLine"], 1);
  EXPECT_EQ(region["startColumn"], 3);
  EXPECT_EQ(region["endColumn"], 3 + 44);
  EXPECT_EQ(folder["fixes"][0]["artifactChanges"][0]["replacements"][0]
                  ["insertedContent"]["text"],
            "https://media.un.org/en/asset/k1r/k1rf2exuhz");
  EXPECT_EQ(run["results"][1]["ruleId"], "tracking-parameter");
  EXPECT_EQ(run["results"][1]["level"], "warning");
  EXPECT_EQ(run["results"][1]["locations"][0]["physicalLocation"]["region"]
               ["startLine"],
            2);
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "asset-folder-mismatch");
  EXPECT_EQ(run["results"][1]["ruleIndex"], 1);
  EXPECT_FALSE(rules[0]["shortDescription"]["text"].get<std::string>().empty());
}

TEST(JUnit, FailuresSkipsAndCounts) {
  std::ostringstream out;
  WriteJUnit(out, Reports(), /*fail_on_warning=*/false);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(out.str().c_str()));
  auto suite = doc.child("testsuites").child("testsuite");
  EXPECT_STREQ(suite.attribute("name").value(), "r.txt");
  EXPECT_EQ(suite.attribute("tests").as_int(), 3);
  EXPECT_EQ(suite.attribute("failures").as_int(), 1);
  EXPECT_EQ(suite.attribute("skipped").as_int(), 1);
  auto first = suite.child("testcase");
  EXPECT_STREQ(first.child("failure").attribute("type").value(),
               "asset-folder-mismatch");
  auto second = first.next_sibling("testcase");
  EXPECT_NE(std::string(second.child("system-out").text().get())
                .find("tracking-parameter"),
            std::string::npos);
  std::ostringstream strict;
  WriteJUnit(strict, Reports(), /*fail_on_warning=*/true);
  pugi::xml_document doc2;
  ASSERT_TRUE(doc2.load_string(strict.str().c_str()));
  EXPECT_EQ(doc2.child("testsuites").attribute("failures").as_int(), 2);
}

TEST(Markdown, TableOfFindings) {
  std::ostringstream out;
  WriteMarkdown(out, Reports());
  const std::string md = out.str();
  EXPECT_NE(
      md.find(
          "## timecite: 3 citations, 1 broken, 1 with warnings, 1 unverified"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("| fn 1 | 1 | https://media.un.org/en/asset/k1x/k1rf2exuhz "
                    "| broken | "
                    "`asset-folder-mismatch`"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("undocs.org"), std::string::npos);  // no finding, no row
}

TEST(Markdown, PipesAreEscaped) {
  CheckedCitation c;
  c.citation.footnote = 2;
  c.citation.line = 7;
  c.citation.url_written = "https://a.org/x";
  c.verdict = Verdict::kWarning;
  c.findings.push_back(
      {"tracking-parameter", Severity::kWarning, "a|b", "https://a.org/y"});
  std::ostringstream out;
  WriteMarkdown(out, {{"p.txt", {c}}});
  EXPECT_NE(out.str().find("| fn 2 | 7 | https://a.org/x | warning | "
                           "`tracking-parameter` a\\|b | "
                           "https://a.org/y |"),
            std::string::npos)
      << out.str();
}

TEST(Markdown, UnverifiedOnlineCitationsAreListedWithWhy) {
  CheckedCitation online, offline;
  online.citation.footnote = 16;
  online.citation.line = 74;
  online.citation.url_written = "https://digitallibrary.un.org/record/3924425";
  online.verdict = Verdict::kUnverified;
  online.reason = "a bot challenge answered instead of the page";
  offline = online;
  offline.citation.footnote = 17;
  offline.reason = "offline: the link was not fetched";
  std::ostringstream out;
  WriteMarkdown(out, {{"p.md", {online, offline}}});
  EXPECT_NE(
      out.str().find(
          "| fn 16 | 74 | https://digitallibrary.un.org/record/3924425 | "
          "unverified | a bot challenge answered instead of the page |  |"),
      std::string::npos)
      << out.str();
  EXPECT_EQ(out.str().find("fn 17"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace timecite::linker
