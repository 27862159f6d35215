#include "linker/rules.h"

#include <algorithm>

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<CheckedCitation> Check(const std::string& text) {
  auto doc = DocumentFromBytes("t.txt", text);
  EXPECT_TRUE(doc.ok());
  return CheckCitations(ExtractCitations(*doc), CheckOptions{});
}

std::vector<std::string> Rules(const CheckedCitation& c) {
  std::vector<std::string> out;
  for (const auto& f : c.findings) out.push_back(f.rule);
  return out;
}
using V = std::vector<std::string>;

TEST(Rules, AssetIdMalformed) {
  auto bad = Check("¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(Rules(bad[0]), V{"asset-id-malformed"});
  EXPECT_EQ(bad[0].verdict, Verdict::kBroken);
  auto upper = Check("¹ https://webtv.un.org/en/asset/k1O/K1OBXYCC3U\n");
  ASSERT_EQ(upper[0].findings.size(), 1u);
  EXPECT_EQ(upper[0].findings[0].suggestion, "https://webtv.un.org/en/asset/k1o/k1obxycc3u");
  auto good = Check("¹ https://media.un.org/en/asset/k1h/k1huoxyeo1\n");
  EXPECT_TRUE(good[0].findings.empty());
  EXPECT_EQ(good[0].verdict, Verdict::kUnverified);
  EXPECT_EQ(good[0].reason, "offline: the link was not fetched");
}

TEST(Rules, AssetFolderMismatch) {
  auto bad = Check("¹ https://webtv.un.org/fr/asset/k1x/k1obxycc3u\n");
  ASSERT_EQ(Rules(bad[0]), V{"asset-folder-mismatch"});
  EXPECT_EQ(bad[0].findings[0].suggestion, "https://webtv.un.org/fr/asset/k1o/k1obxycc3u");
  EXPECT_EQ(bad[0].verdict, Verdict::kBroken);
  EXPECT_TRUE(Check("¹ https://webtv.un.org/fr/asset/k1o/k1obxycc3u\n")[0].findings.empty());
}

TEST(Rules, AssetIdConflictByLookAlikes) {
  auto c = Check(
      "¹ https://media.un.org/en/asset/k10/k10bxycc3u\n"
      "² https://media.un.org/en/asset/k1o/k1obxycc3u\n"
      "³ https://media.un.org/en/asset/k1r/k1rf2exuhz\n");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(Rules(c[0]), V{"asset-id-conflict"});
  EXPECT_EQ(Rules(c[1]), V{"asset-id-conflict"});
  EXPECT_TRUE(c[2].findings.empty());
  EXPECT_NE(c[0].findings[0].message.find("0/o"), std::string::npos);
  EXPECT_EQ(c[0].verdict, Verdict::kWarning);
}

TEST(Rules, AssetIdConflictBySameMeeting) {
  auto c = Check(
      "¹ 第 6 次会议，特设委员会，2021 年 5 月 12 日 https://media.un.org/en/asset/k18/k18lkzt0og\n"
      "² 第6次会议，特设委员会，2021年5月12日 https://media.un.org/en/asset/k1m/k1m0si6d6n\n"
      "³ 第6次会议，安全理事会，2021年5月12日 https://media.un.org/en/asset/k1d/k1d4e06j0x\n"
      "⁴ 第7次会议，特设委员会，2021年5月12日 https://media.un.org/en/asset/k1p/k1prn29un6\n");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(Rules(c[0]), V{"asset-id-conflict"});
  EXPECT_EQ(Rules(c[1]), V{"asset-id-conflict"});
  EXPECT_TRUE(c[2].findings.empty()) << "another body";
  EXPECT_TRUE(c[3].findings.empty()) << "another meeting";
}

TEST(Rules, SameIdTwiceIsNoConflict) {
  auto c = Check(
      "¹ 第3次会议 2021年3月9日 https://media.un.org/en/asset/k13/k13uzdidth\n"
      "² 第3次会议 2021年3月9日 https://media.un.org/en/asset/k13/k13uzdidth\n");
  EXPECT_TRUE(c[0].findings.empty());
  EXPECT_TRUE(c[1].findings.empty());
}

TEST(Rules, TimecodeMalformed) {
  auto c = Check("¹ UN Web TV (starting at 1:75:00) https://webtv.un.org/en/asset/k1o/k1obxycc3u\n");
  EXPECT_EQ(Rules(c[0]), V{"timecode-malformed"});
  EXPECT_EQ(c[0].verdict, Verdict::kBroken);
  EXPECT_TRUE(
      Check("¹ (starting at 1:15:00) https://webtv.un.org/en/asset/k1o/k1obxycc3u\n")[0]
          .findings.empty());
}

TEST(Rules, LegacyOdsUrlWithSymbolFromText) {
  auto c = Check(
      "²⁵ 国际信息安全行为准则，A/69/723，<https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/"
      "02/PDF/N1501402.pdf?OpenElement>\n");
  ASSERT_EQ(Rules(c[0]), V{"legacy-url"});
  EXPECT_EQ(c[0].findings[0].suggestion, "https://docs.un.org/A/69/723");
  EXPECT_EQ(c[0].verdict, Verdict::kWarning);
}

TEST(Rules, LegacyWebTvUrl) {
  auto c = Check("¹ https://webtv.un.org/watch/first-committee-1st-meeting/5834597395001\n");
  EXPECT_EQ(Rules(c[0]), V{"legacy-url"});
  EXPECT_TRUE(Check("¹ https://docs.un.org/A/69/723\n")[0].findings.empty());
}

TEST(Rules, TrackingParameter) {
  auto c = Check("²³ https://twitter.com/State_Cyber/status/1398314450743091201?s=20\n");
  ASSERT_EQ(Rules(c[0]), V{"tracking-parameter"});
  EXPECT_EQ(c[0].findings[0].suggestion,
            "https://twitter.com/State_Cyber/status/1398314450743091201");
  auto utm = Check("¹ https://a.org/p?id=7&utm_source=x#top\n");
  ASSERT_EQ(Rules(utm[0]), V{"tracking-parameter"});
  EXPECT_EQ(utm[0].findings[0].suggestion, "https://a.org/p?id=7#top");
  // The same parameter name on another host is data.
  EXPECT_TRUE(Check("¹ https://a.org/search?s=20\n")[0].findings.empty());
  EXPECT_TRUE(Check("¹ https://documents-dds-ny.un.org/x.pdf?OpenElement A/69/723\n")[0]
                  .findings.size() == 1u);  // legacy-url only, never tracking
}

TEST(Rules, DocumentSymbolMismatch) {
  auto c = Check("¹ 决议 A/RES/75/283，<https://undocs.org/a/res/75/282>\n");
  ASSERT_EQ(Rules(c[0]), V{"document-symbol-mismatch"});
  EXPECT_EQ(c[0].findings[0].suggestion, "https://docs.un.org/A/RES/75/283");
  EXPECT_TRUE(Check("¹ 决议 A/RES/75/282，<https://undocs.org/a/res/75/282>\n")[0].findings.empty());
}

TEST(Rules, InvalidUrl) {
  auto c = Check("¹ https://[::1/x\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Rules(c[0]), V{"url-invalid"});
  EXPECT_EQ(c[0].verdict, Verdict::kBroken);
  EXPECT_TRUE(Check("¹ https://[::1]/x\n")[0].findings.empty());
}

TEST(Rules, EveryRuleHasIdSeverityAndSummary) {
  std::vector<std::string> ids;
  for (const auto& r : OfflineRules()) {
    EXPECT_FALSE(r->summary().empty());
    ids.emplace_back(r->id());
  }
  EXPECT_EQ(ids, (V{"url-invalid", "asset-id-malformed", "asset-folder-mismatch",
                    "asset-id-conflict", "timecode-malformed", "legacy-url",
                    "tracking-parameter", "document-symbol-mismatch"}));
}

TEST(Rules, LookAlike) {
  std::string pairs;
  EXPECT_TRUE(LookAlike("k10bxycc3u", "k1obxycc3u", &pairs));
  EXPECT_EQ(pairs, "0/o");
  pairs.clear();
  EXPECT_TRUE(LookAlike("k1lab", "k11ab", &pairs));
  EXPECT_FALSE(LookAlike("k1abc", "k1abd", &pairs));
  EXPECT_FALSE(LookAlike("k1abc", "k1abc", &pairs));
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

TEST(Rules, SeverityOverridesAcceptAndExclude) {
  auto doc = DocumentFromBytes("t.txt",
                               "¹ https://twitter.com/a/status/1?s=20\n"
                               "² https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  ASSERT_OK(doc);
  CheckOptions o;
  o.severity = {{"tracking-parameter", "error"}, {"asset-id-malformed", "off"}};
  auto c = CheckCitations(ExtractCitations(*doc), o);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].verdict, Verdict::kBroken);
  EXPECT_TRUE(c[1].findings.empty());
  EXPECT_EQ(c[1].verdict, Verdict::kUnverified);
  CheckOptions ex;
  ex.exclude = {"twitter\\.com"};
  ex.accept = {"k1huoxyeo$"};
  auto e = CheckCitations(ExtractCitations(*doc), ex);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].verdict, Verdict::kOk);
  EXPECT_EQ(e[0].reason, "accepted by the configuration");
  EXPECT_NE(std::find(KnownRuleIds().begin(), KnownRuleIds().end(), "timecode-beyond-end"),
            KnownRuleIds().end());
}

}  // namespace
}  // namespace timecite::linker
