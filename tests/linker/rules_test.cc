#include "linker/checks/rules.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

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
                    "asset-id-conflict", "timecode-malformed", "url-wrapped-at-hyphen",
                    "url-reading", "legacy-url", "tracking-parameter", "document-symbol-mismatch"}));
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

// asset-id-conflict groups citations by key instead of comparing every pair:
// the findings must be those of the pairwise scan it replaced (the oracle
// below), and 20,000 citations of one recording must be fine.
namespace timecite::linker {
namespace {

Citation RecordingCitation(int footnote, const std::string& id, int meeting,
                           const std::string& date, const std::string& body) {
  Citation c;
  c.footnote = footnote;
  c.seq = 1;
  c.line = footnote;
  c.column = 3;
  c.kind = CitationKind::kRecording;
  c.url_written = "https://webtv.un.org/en/asset/" + id.substr(0, 3) + "/" + id;
  AssetRef a;
  a.host = "webtv.un.org";
  a.lang = "en";
  a.folder = id.substr(0, 3);
  a.asset_id = id;
  a.id_well_formed = true;
  a.folder_matches = true;
  a.player_id = "1_" + id.substr(2);
  c.asset = a;
  c.meeting_number = meeting;
  c.date = date;
  c.body = body;
  return c;
}

// The pairwise scan asset-id-conflict used to make: (citation, message,
// suggestion) for every finding, in order.
using Found = std::vector<std::tuple<std::size_t, std::string, std::string>>;
Found PairwiseOracle(const std::vector<Citation>& all) {
  auto where = [](const Citation& c) {
    return c.footnote ? "footnote " + std::to_string(c.footnote) + " (line " +
                            std::to_string(c.line) + ")"
                      : "line " + std::to_string(c.line);
  };
  auto same_meeting = [](const Citation& a, const Citation& b) {
    if (a.meeting_number == 0 || a.meeting_number != b.meeting_number) return false;
    if (a.date.size() != 10 || a.date != b.date) return false;
    return a.body.empty() || b.body.empty() || a.body == b.body;
  };
  std::vector<std::vector<std::pair<std::string, std::string>>> per(all.size());
  std::set<std::pair<std::size_t, std::string>> reported;
  auto report = [&](std::size_t i, const Citation& other, const std::string& why) {
    if (!reported.insert({i, other.asset->asset_id}).second) return;
    per[i].emplace_back("asset id '" + all[i].asset->asset_id + "' here, '" +
                            other.asset->asset_id + "' at " + where(other) +
                            " for the same meeting: " + why,
                        "use one id for both; the online check tells which exists (" +
                            other.url_written + ")");
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const Citation& a = all[i];
      const Citation& b = all[j];
      if (a.asset->asset_id == b.asset->asset_id) continue;
      std::string pairs, why;
      if (LookAlike(a.asset->asset_id, b.asset->asset_id, &pairs)) {
        why = "they differ only by look-alike characters (" + pairs + ")";
      } else if (same_meeting(a, b)) {
        why = "both describe meeting " + std::to_string(a.meeting_number) + " of " + a.date +
              (a.body.empty() ? std::string() : " (" + a.body + ")");
      } else {
        continue;
      }
      report(i, b, why);
      report(j, a, why);
    }
  }
  Found out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (auto& [m, s] : per[i]) out.emplace_back(i, m, s);
  }
  return out;
}

Found ConflictFindings(const std::vector<CheckedCitation>& checked) {
  Found out;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    for (const auto& f : checked[i].findings) {
      if (f.rule == "asset-id-conflict") out.emplace_back(i, f.message, f.suggestion);
    }
  }
  return out;
}

TEST(Rules, AssetIdConflictFindingsAreThoseOfThePairwiseScan) {
  // Ids: look-alike families (0/o, 1/l/i, 5/s, 2/z, 8/b) and strangers.
  const std::vector<std::string> ids = {"k1obxycc3u", "k10bxycc3u", "k1obxycc3v", "k1obxycc5u",
                                        "k1abcd1234", "k1abcdl234", "k1abcdi234", "k1abcdl23a",
                                        "k18lkzt0og", "k1b1kzt0og", "k1m0si6d6n", "k1d4e06j0x"};
  const std::vector<int> meetings = {0, 3, 3, 4, 6};
  const std::vector<std::string> dates = {"", "2021-03-09", "2021-03-10", "--06-01", "2021-03"};
  const std::vector<std::string> bodies = {"", "", "Security Council", "General Assembly"};
  std::mt19937 rng(20261201);
  auto pick = [&rng](const auto& v) { return v[rng() % v.size()]; };
  std::size_t total_findings = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Citation> cites;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      cites.push_back(RecordingCitation(1 + static_cast<int>(rng() % 12), pick(ids),
                                        pick(meetings), pick(dates), pick(bodies)));
    }
    const Found expected = PairwiseOracle(cites);
    const Found got = ConflictFindings(CheckCitations(cites, CheckOptions{}));
    ASSERT_EQ(got, expected) << "round " << round;
    total_findings += got.size();
  }
  // The cases are not trivially empty.
  EXPECT_GT(total_findings, 1000u);
}

TEST(Rules, AssetIdConflictOnTwentyThousandCitationsOfOneRecording) {
  // 19,985 citations of one meeting with one id, 10 with a look-alike id, 5
  // with another id and no body: every citation conflicts with the two other
  // ids, once each.
  std::vector<Citation> cites;
  for (int i = 0; i < 20'000; ++i) {
    const std::string id = i % 2000 == 7    ? "k10bxycc3u"  // 10 of them
                           : i % 4000 == 11 ? "k1m0si6d6n"  // 5 of them
                                            : "k1obxycc3u";
    const std::string body = id == "k1m0si6d6n" ? "" : "Security Council";
    cites.push_back(RecordingCitation(1 + i, id, 9748, "2024-10-14", body));
  }
  const auto checked = CheckCitations(cites, CheckOptions{});
  ASSERT_EQ(checked.size(), 20'000u);
  std::map<std::string, std::size_t> findings_by_id;
  std::size_t total = 0;
  for (const auto& c : checked) {
    for (const auto& f : c.findings) {
      if (f.rule != "asset-id-conflict") continue;
      ++total;
      ++findings_by_id[c.citation.asset->asset_id];
    }
  }
  EXPECT_EQ(total, 40'000u);
  EXPECT_EQ(findings_by_id["k1obxycc3u"], 2u * 19'985u);
  EXPECT_EQ(findings_by_id["k10bxycc3u"], 2u * 10u);
  EXPECT_EQ(findings_by_id["k1m0si6d6n"], 2u * 5u);
  // The first citation names the first look-alike (footnote 8) and the first
  // citation of the other id (footnote 12), in that order.
  ASSERT_EQ(checked[0].findings.size(), 2u);
  EXPECT_NE(checked[0].findings[0].message.find("'k10bxycc3u' at footnote 8 (line 8)"),
            std::string::npos)
      << checked[0].findings[0].message;
  EXPECT_NE(checked[0].findings[0].message.find("look-alike characters (o/0)"),
            std::string::npos)
      << checked[0].findings[0].message;
  EXPECT_NE(checked[0].findings[1].message.find(
                "'k1m0si6d6n' at footnote 12 (line 12) for the same meeting: both describe "
                "meeting 9748 of 2024-10-14 (Security Council)"),
            std::string::npos)
      << checked[0].findings[1].message;
}

}  // namespace
}  // namespace timecite::linker
