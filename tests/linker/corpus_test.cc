// The real report ../shared/corpus/ge-009.zh.txt (ICANN "UN Update" GE-009,
// Chinese edition). Skips when ../shared is absent (a fresh clone).
#include <algorithm>

#include "linker/citations/citation.h"
#include "linker/checks/rules.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

class Ge009 : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto corpus = timecite::testing::SharedCorpus();
    if (corpus.empty()) GTEST_SKIP() << "../shared/corpus is absent; skipping the real report";
    auto doc = LoadDocument((corpus / "ge-009.zh.txt").string());
    ASSERT_OK(doc);
    checked_ = CheckCitations(ExtractCitations(*doc), CheckOptions{});
  }
  const CheckedCitation* Find(int footnote, const std::string& url) const {
    for (const auto& c : checked_) {
      if (c.citation.footnote == footnote && c.citation.url_written == url) return &c;
    }
    return nullptr;
  }
  std::vector<CheckedCitation> checked_;
};

TEST_F(Ge009, ExactListOfCitedUrls) {
  const std::vector<std::pair<int, std::string>> expected = {
      {2, "https://www.icann.org/resources/pages/government-engagement-publications-2020-03-02-en"},
      {3, "https://www.icann.org/en/system/files/files/draft-op-financial-plan-fy21-25-opplan-fy21-20dec19-en.pdf"},
      {4, "https://front.un-arm.org/wp-content/uploads/2020/09/oewg-informal-virtual-meetings-statement-by-finland-19-june-and-2-july-2020.pdf"},
      {5, "https://front.un-arm.org/wp-content/uploads/2020/11/iran-intervention-on-capacity-building-19-nov-2020.pdf"},
      {6, "https://front.un-arm.org/wp-content/uploads/2021/01/OEWG-Non-paper-rules-norms-and-principles-19-01-2021.pdf"},
      {7, "https://front.un-arm.org/wp-content/uploads/2021/02/Slovenia-19-February-2021-FINAL.pdf"},
      {8, "https://front.un-arm.org/wp-content/uploads/2021/02/Germany-Written-Contribution-OEWG-Zero-Draft-Report_clean.pdf"},
      {9, "https://front.un-arm.org/wp-content/uploads/2021/02/Netherlands-OEWG-informals-intervention-Feb-2021.pdf"},
      {10, "https://front.un-arm.org/wp-content/uploads/2021/02/UK-submission-to-OEWG-ICTs-zero-draft-002.pdf"},
      {11, "https://front.un-arm.org/wp-content/uploads/2021/02/Netherlands-OEWG-written-comments-to-zero-draft.pdf"},
      {12, "https://front.un-arm.org/wp-content/uploads/2021/03/GCSC-Submission-to-OEWG-First-Draft-Report-March-2021.pdf"},
      {13, "https://media.un.org/en/asset/k10/k10bxycc3u"},
      {14, "https://front.un-arm.org/wp-content/uploads/2021/03/Tech-Accord-OEWG-response-March-2021-FINAL.pdf"},
      {15, "https://media.un.org/en/asset/k13/k13uzdidth"},
      {16, "https://front.un-arm.org/wp-content/uploads/2021/03/Joint-CS-feedback-on-first-draft-1.pdf"},
      {17, "https://front.un-arm.org/wp-content/uploads/2021/03/Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf"},
      {18, "https://front.un-arm.org/wp-content/uploads/2021/03/GCSC-Statement-OEWG-Multistakeholder-Consultation-Final-Draft-Report-March-2021.pdf"},
      {19, "https://front.un-arm.org/wp-content/uploads/2021/03/Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf"},
      {20, "https://front.un-arm.org/wp-content/uploads/2021/03/Final-report-A-AC.290-2021-CRP.2.pdf"},
      {22, "https://media.un.org/en/asset/k1r/k1rf2exuhz"},
      {23, "https://twitter.com/State_Cyber/status/1398314450743091201?s=20"},
      {24, "https://front.un-arm.org/wp-content/uploads/2021/06/final-report-2019-2021-gge-1-advance-copy.pdf"},
      {25, "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement"},
      {26, "https://media.un.org/en/asset/k1v/k1vgo4a624"},
      {26, "https://media.un.org/en/asset/k1z/k1zsp4exqc"},
      {26, "https://media.un.org/en/asset/k12/k12bsxlcak"},
      {26, "https://media.un.org/en/asset/k1m/k1ma80pf1p"},
      {26, "https://media.un.org/en/asset/k1m/k1m0si6d6n"},
      {27, "https://www.unodc.org/unodc/en/cybercrime/cybercrime-adhoc-committee.html"},
      {28, "https://www.unodc.org/unodc/en/cybercrime/cybercrime-adhoc-committee.html"},
      {29, "https://media.un.org/en/asset/k18/k18lkzt0og"},
      {30, "https://undocs.org/a/res/75/282"},
      {31, "https://media.un.org/en/asset/k10/k10a2ngbsc"},
      {31, "https://media.un.org/en/asset/k14/k1443my9hu"},
      {32, "https://www.icann.org/resources/pages/government-engagement-publications-2020-03-02-en"},
      {0, "https://front.un-arm.org/wp-content/uploads/2021/03/Final-report-A-AC.290-2021-CRP.2.pdf"},
      {0, "https://front.un-arm.org/wp-content/uploads/2021/03/Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf"},
      {0, "https://media.un.org/en/asset/k1o/k1obxycc3u"},
      {0, "https://media.un.org/en/asset/k18/k1893g1q0h"},
      {0, "https://media.un.org/en/asset/k13/k13uzdidth"},
      {0, "https://media.un.org/en/asset/k1h/k1huoxyeo"},
      {0, "https://media.un.org/en/asset/k1d/k1d4e06j0x"},
      {0, "https://media.un.org/en/asset/k1m/k1mqlxrfv4"},
      {0, "https://media.un.org/en/asset/k1r/k1rf2exuhz"},
      {0, "https://media.un.org/en/asset/k1p/k1prn29un6"},
  };
  std::vector<std::pair<int, std::string>> actual;
  for (const auto& c : checked_) actual.emplace_back(c.citation.footnote, c.citation.url_written);
  EXPECT_EQ(actual, expected);
}

TEST_F(Ge009, FourStartTimesWithTheirRecordings) {
  std::vector<std::pair<std::string, std::int64_t>> starts;
  for (const auto& c : checked_) {
    if (c.citation.start_ms) starts.emplace_back(c.citation.asset->asset_id, *c.citation.start_ms);
  }
  const std::vector<std::pair<std::string, std::int64_t>> expected = {
      {"k10bxycc3u", 5380000},   // fn 13: （1:29:40开始）
      {"k13uzdidth", 2300000},   // fn 15: (38:20开始)
      {"k1rf2exuhz", 2123000},   // fn 22: （35:23 开始）
      {"k18lkzt0og", 12274000},  // fn 29: （开始于 3:24:34）
  };
  EXPECT_EQ(starts, expected);
}

TEST_F(Ge009, MeetingFactsOfTheRecordings) {
  const auto* fn13 = Find(13, "https://media.un.org/en/asset/k10/k10bxycc3u");
  ASSERT_NE(fn13, nullptr);
  EXPECT_EQ(fn13->citation.date, "2021-03-08");
  EXPECT_EQ(fn13->citation.meeting_number, 1);
  const auto* fn22 = Find(22, "https://media.un.org/en/asset/k1r/k1rf2exuhz");
  ASSERT_NE(fn22, nullptr);
  EXPECT_EQ(fn22->citation.date, "2021-03-12");
  EXPECT_EQ(fn22->citation.meeting_number, 9);
  const auto* appendix = Find(0, "https://media.un.org/en/asset/k1p/k1prn29un6");
  ASSERT_NE(appendix, nullptr);
  EXPECT_EQ(appendix->citation.date, "2021-03-12");
  EXPECT_EQ(appendix->citation.meeting_number, 11);
}

// Every defect of the report, and nothing else.
TEST_F(Ge009, Findings) {
  std::vector<std::tuple<int, std::string, std::string>> findings;
  for (const auto& c : checked_) {
    for (const auto& f : c.findings) {
      findings.emplace_back(c.citation.footnote, c.citation.url_written, f.rule);
    }
  }
  const std::vector<std::tuple<int, std::string, std::string>> expected = {
      // One meeting (OEWG, 1st meeting, 8 March 2021) cited as k10bxycc3u in
      // footnote 13 and as k1obxycc3u in the appendix: 0/o look-alikes.
      {13, "https://media.un.org/en/asset/k10/k10bxycc3u", "asset-id-conflict"},
      // A tracking parameter on the tweet.
      {23, "https://twitter.com/State_Cyber/status/1398314450743091201?s=20", "tracking-parameter"},
      // An ODS job-number link for A/69/723.
      {25, "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement",
       "legacy-url"},
      {0, "https://media.un.org/en/asset/k1o/k1obxycc3u", "asset-id-conflict"},
      // A 9-character asset id in the appendix (4th meeting).
      {0, "https://media.un.org/en/asset/k1h/k1huoxyeo", "asset-id-malformed"},
  };
  EXPECT_EQ(findings, expected);
  const auto* ods = Find(25, std::get<1>(expected[2]));
  ASSERT_NE(ods, nullptr);
  EXPECT_EQ(ods->findings[0].suggestion, "https://docs.un.org/A/69/723");
  const auto* tweet = Find(23, std::get<1>(expected[1]));
  ASSERT_NE(tweet, nullptr);
  EXPECT_EQ(tweet->findings[0].suggestion,
            "https://twitter.com/State_Cyber/status/1398314450743091201");
}

TEST_F(Ge009, Verdicts) {
  int broken = 0, warning = 0, unverified = 0;
  for (const auto& c : checked_) {
    broken += c.verdict == Verdict::kBroken;
    warning += c.verdict == Verdict::kWarning;
    unverified += c.verdict == Verdict::kUnverified;
  }
  EXPECT_EQ(broken, 1);
  EXPECT_EQ(warning, 4);
  EXPECT_EQ(unverified, 40);
}

}  // namespace
}  // namespace timecite::linker
