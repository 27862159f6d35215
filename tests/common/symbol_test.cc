#include "common/symbol.h"

#include <fstream>
#include <sstream>

#include "test_util.h"

namespace timecite::symbol {
namespace {

std::string UrlSymbol(std::string_view written) {
  auto url = ParseUrl(written);
  if (!url.ok()) return "<bad url>";
  return FromUrl(*url).value_or("<none>");
}

std::vector<std::string> Symbols(std::string_view text) {
  std::vector<std::string> out;
  for (const SymbolMatch& m : FindInText(text)) out.push_back(m.symbol);
  return out;
}

TEST(SymbolNormalize, UpperCasesOrgansAndCanonicalisesModifiers) {
  EXPECT_EQ(Normalize("a/res/75/282"), "A/RES/75/282");
  EXPECT_EQ(Normalize("A/RES/75/282"), "A/RES/75/282");
  EXPECT_EQ(Normalize("a/hrc/32/l.20/rev.1"), "A/HRC/32/L.20/Rev.1");
  EXPECT_EQ(Normalize("E/2021/10/ADD.2"), "E/2021/10/Add.2");
  EXPECT_EQ(Normalize("a/69/723/corr.1"), "A/69/723/Corr.1");
  EXPECT_EQ(Normalize("a/ac.290/2021/crp.2"), "A/AC.290/2021/CRP.2");
  EXPECT_EQ(Normalize("s/pv.9748"), "S/PV.9748");
  EXPECT_EQ(Normalize("A/C.2/80/sr.23"), "A/C.2/80/SR.23");
  EXPECT_EQ(Normalize("A/70/L.1/Rev1"), "A/70/L.1/Rev.1");
}

TEST(SymbolNormalize, StripsReissueMarkSpacesAndFullWidth) {
  EXPECT_EQ(Normalize("  A/AC.290/2021/CRP.3* "), "A/AC.290/2021/CRP.3");
  EXPECT_EQ(Normalize("S/RES/2334 (2016)"), "S/RES/2334(2016)");
  EXPECT_EQ(Normalize("A\xEF\xBC\x8FRES\xEF\xBC\x8F" "75\xEF\xBC\x8F" "282"), "A/RES/75/282");
  EXPECT_EQ(Normalize(""), "");
  // Invalid UTF-8 is returned, trimmed, not mangled.
  EXPECT_EQ(Normalize(" A/\xFF "), "A/\xFF");
}

TEST(SymbolParse, AcceptsSymbolsRejectsLookalikes) {
  EXPECT_EQ(Parse("a/res/75/282").value_or(""), "A/RES/75/282");
  EXPECT_EQ(Parse("S/PV.9748").value_or(""), "S/PV.9748");
  EXPECT_EQ(Parse("CD/2211").value_or(""), "CD/2211");
  EXPECT_EQ(Parse("S/RES/2334 (2016)").value_or(""), "S/RES/2334(2016)");
  EXPECT_EQ(Parse("A/ES-11/L.1").value_or(""), "A/ES-11/L.1");
  EXPECT_FALSE(Parse("2021/03/08"));
  EXPECT_FALSE(Parse("1/2"));
  EXPECT_FALSE(Parse("and/or"));
  EXPECT_FALSE(Parse("A/B"));
  EXPECT_FALSE(Parse("A/2"));
  EXPECT_FALSE(Parse("A/RES/75/282 and more"));
  EXPECT_FALSE(Parse("X/RES/75/282"));
  EXPECT_FALSE(Parse(""));
}

TEST(SymbolFindInText, FindsEveryShapeWithOffsets) {
  const std::string text =
      "See A/RES/75/282, A/69/723 and S/PV.9748; draft A/HRC/32/L.20, record "
      "A/C.1/80/PV.26 and E/2021/10/Add.2.";
  EXPECT_EQ(Symbols(text),
            (std::vector<std::string>{"A/RES/75/282", "A/69/723", "S/PV.9748", "A/HRC/32/L.20",
                                      "A/C.1/80/PV.26", "E/2021/10/Add.2"}));
  const auto matches = FindInText(text);
  ASSERT_EQ(matches.size(), 6u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin), "A/RES/75/282");
  // The sentence's final period is not part of the last symbol.
  EXPECT_EQ(text.substr(matches[5].begin, matches[5].end - matches[5].begin),
            "E/2021/10/Add.2");
}

TEST(SymbolFindInText, ReissueMarkInsideChineseText) {
  const std::string text =
      "会议室文件，2021年3月10日，A/AC.290/2021/CRP.3*，<https://front.un-arm.org/x.pdf>。";
  const auto matches = FindInText(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].symbol, "A/AC.290/2021/CRP.3");
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin),
            "A/AC.290/2021/CRP.3*");
}

TEST(SymbolFindInText, NoFalsePositives) {
  EXPECT_TRUE(Symbols("Meeting of 2021/03/08, 1/2 of members, and/or A/B testing").empty());
  EXPECT_TRUE(Symbols("https://undocs.org/A/RES/75/282 and www.un.org/S/PV.9748").empty());
  EXPECT_TRUE(Symbols("path/A/RES/75/282 x=A/69/723 DATA/69/723").empty());
  EXPECT_TRUE(Symbols("Option A/2 was chosen").empty());
  EXPECT_TRUE(Symbols("").empty());
  EXPECT_TRUE(Symbols("\xFF\xFE A").empty());
}

TEST(SymbolFindInText, SecurityCouncilResolutionYear) {
  const std::string text = "resolution S/RES/2334 (2016) of the Council";
  const auto matches = FindInText(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].symbol, "S/RES/2334(2016)");
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin),
            "S/RES/2334 (2016)");
}

TEST(SymbolFromUrl, SymbolHosts) {
  EXPECT_EQ(UrlSymbol("https://undocs.org/a/res/75/282"), "A/RES/75/282");
  EXPECT_EQ(UrlSymbol("https://undocs.org/en/A/RES/75/282"), "A/RES/75/282");
  EXPECT_EQ(UrlSymbol("https://docs.un.org/A/HRC/32/L.20"), "A/HRC/32/L.20");
  EXPECT_EQ(UrlSymbol("https://docs.un.org/fr/a/ac.290/2021/crp.2"), "A/AC.290/2021/CRP.2");
  EXPECT_EQ(UrlSymbol("https://undocs.org/Home/Mobile?FinalSymbol=A%2F69%2F723&Language=E"),
            "A/69/723");
  EXPECT_EQ(UrlSymbol("https://daccess-ods.un.org/access.nsf/Get?Open&DS=S/PV.9748&Lang=E"),
            "S/PV.9748");
  EXPECT_EQ(UrlSymbol("https://undocs.org/"), "<none>");
  EXPECT_EQ(UrlSymbol("https://docs.un.org/en/record/123"), "<none>");
}

TEST(SymbolFromUrl, FileNamesOnUnArm) {
  EXPECT_EQ(UrlSymbol("https://front.un-arm.org/wp-content/uploads/2021/03/"
                      "Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf"),
            "A/AC.290/2021/CRP.3");
  EXPECT_EQ(UrlSymbol("https://front.un-arm.org/wp-content/uploads/2021/03/"
                      "Final-report-A-AC.290-2021-CRP.2.pdf"),
            "A/AC.290/2021/CRP.2");
  EXPECT_EQ(UrlSymbol("https://front.un-arm.org/wp-content/uploads/2021/02/"
                      "Netherlands-OEWG-informals-intervention-Feb-2021.pdf"),
            "<none>");
}

TEST(SymbolFromUrl, OpaqueOdsJobNumbersHaveNoSymbol) {
  EXPECT_EQ(UrlSymbol("https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/"
                      "N1501402.pdf?OpenElement"),
            "<none>");
  EXPECT_EQ(UrlSymbol("https://webtv.un.org/en/asset/k1o/k1obxycc3u"), "<none>");
}

TEST(SymbolDocsLink, UsesCanonicalSymbol) {
  EXPECT_EQ(DocsLink("a/res/75/282"), "https://docs.un.org/A/RES/75/282");
  EXPECT_EQ(DocsLink("A/AC.290/2021/CRP.3*"), "https://docs.un.org/A/AC.290/2021/CRP.3");
}

TEST(SymbolMeetingRecord, LiteralTitles) {
  auto rec = [](std::string_view t) { return MeetingRecordFromTitle(t).value_or("<none>"); };
  EXPECT_EQ(rec("Security Council, 9748th meeting"), "S/PV.9748");
  EXPECT_EQ(rec("The situation in the Middle East - Security Council, 10105th meeting"),
            "S/PV.10105");
  EXPECT_EQ(rec("General Assembly: 72nd plenary meeting, 80th session"), "A/80/PV.72");
  EXPECT_EQ(rec("21st plenary meeting, 79th session"), "A/79/PV.21");
  EXPECT_EQ(rec("General Assembly: 11th emergency special session, 5th plenary meeting"),
            "A/ES-11/PV.5");
  EXPECT_EQ(rec("First Committee, 26th plenary meeting - General Assembly, 80th session"),
            "A/C.1/80/PV.26");
  EXPECT_EQ(rec("Second Committee, 23rd plenary meeting - General Assembly, 80th session"),
            "A/C.2/80/SR.23");
  EXPECT_EQ(rec("Sixth Committee, 39th plenary meeting - General Assembly, 80th session"),
            "A/C.6/80/SR.39");
  EXPECT_EQ(rec("Human Rights Council, 52nd regular session, 3rd meeting"), "A/HRC/52/SR.3");
  EXPECT_EQ(rec("Economic and Social Council, 2024 session, 12th plenary meeting"),
            "E/2024/SR.12");
  EXPECT_EQ(rec("Conference on Disarmament: 1500th plenary meeting"), "CD/PV.1500");
  EXPECT_EQ(rec("9th Meeting - 63rd Session of Human Rights Council"), "A/HRC/63/SR.9");
  EXPECT_EQ(rec("2954th Meeting, 101st Session, Committee on the Rights of the Child (CRC)"),
            "CRC/C/SR.2954");
  EXPECT_EQ(rec("576th Meeting, 31st Session, Committee on Enforced Disappearances (CED)"),
            "CED/C/SR.576");
  EXPECT_EQ(rec("1851st Meeting, 81st session Committee on the Elimination of Discrimination "
                "Against Women (CEDAW)"),
            "CEDAW/C/SR.1851");
  EXPECT_EQ(rec("Committee on the Rights of the Child (CRC) - press briefing"), "<none>");
  EXPECT_EQ(rec("Conflict and Hunger - United Nations Security Council Arria-Formula meeting"),
            "<none>");
  EXPECT_EQ(rec("Trusteeship Council: 1720th meeting, 75th session"), "<none>");
  EXPECT_EQ(rec("GO16 - World Food Forum Closing Ceremony"), "<none>");
  EXPECT_EQ(rec(""), "<none>");
  EXPECT_EQ(rec("Security Council, 99999999999999999999th meeting"), "<none>");
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

TEST(SymbolMeetingRecord, SharedCatalogueSample) {
  const auto corpus = testing::SharedCorpus();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus absent; catalogue check skipped";
  std::ifstream in(corpus / "webtv" / "catalogue-sample.tsv");
  ASSERT_TRUE(in) << "cannot open catalogue-sample.tsv";
  std::string line;
  std::getline(in, line);  // header
  const auto header = SplitTabs(line);
  ASSERT_GE(header.size(), 7u);
  ASSERT_EQ(header[1], "title");
  ASSERT_EQ(header[6], "meeting_record");
  int rows = 0;
  int with_record = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto fields = SplitTabs(line);
    ASSERT_GE(fields.size(), 7u) << line;
    const std::string expected = fields[6];
    EXPECT_EQ(MeetingRecordFromTitle(fields[1]).value_or(""), expected) << fields[1];
    ++rows;
    if (!expected.empty()) ++with_record;
  }
  EXPECT_EQ(rows, 27);
  EXPECT_GE(with_record, 10);
}

}  // namespace
}  // namespace timecite::symbol
