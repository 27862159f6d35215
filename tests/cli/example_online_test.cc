// The project's example report (examples/un-update-example.md) checked online
// against the replica world built for it (examples/world.json), as the quick
// start does: every citation's verdict and findings, the archive suggestions,
// `check --fix`, `resolve`, and `recheck --since`.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"
#include "common/test_util.h"
#include "replica_env.h"
#include "tools/replica/world.h"

namespace {

using timecite::crawler::testing::ReplicaEnv;
namespace fs = std::filesystem;

using timecite::testing::CliRun;
CliRun Timecite(const std::string& args, const fs::path& dir) {
  return timecite::testing::RunTimecite(args, dir / "stderr.txt");
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ExampleOnline : public ::testing::Test {
 protected:
  void SetUp() override {
    auto world = timecite::replica::LoadWorld(timecite::testing::SourceDir() /
                                              "examples" / "world.json");
    ASSERT_OK(world);
    env_ = ReplicaEnv::Start(std::move(world).value());
    ASSERT_NE(env_, nullptr);
    // The report is copied so --fix writes beside the copy, not in the tree.
    report_ = env_->dir() / "un-update-example.md";
    fs::copy_file(
        timecite::testing::SourceDir() / "examples" / "un-update-example.md",
        report_, fs::copy_options::overwrite_existing);
    // No politeness delay against the loopback replica (the default is 500 ms).
    std::ofstream(env_->dir() / "fast.toml")
        << "[crawler]\ndefault_min_interval_ms = 0\ndefault_max_concurrent = "
           "4\n";
  }
  std::string Net() const {
    std::string s = " --db " + (env_->dir() / "db").string() + " --cacert " +
                    env_->ca_file() + " -c " +
                    (env_->dir() / "fast.toml").string();
    for (const std::string& c : env_->ConnectTo()) s += " --connect-to " + c;
    return s;
  }
  CliRun Run(const std::string& command, const std::string& args) {
    return Timecite(command + Net() + " " + args, env_->dir());
  }

  std::unique_ptr<ReplicaEnv> env_;
  fs::path report_;
};

struct Expected {
  int footnote;
  std::string url;
  std::string verdict;
  std::set<std::string> rules;
};

TEST_F(ExampleOnline, EveryCitationGetsItsVerdict) {
  CliRun r = Run("check", "--format json " + report_.string());
  ASSERT_EQ(r.exit_code, 2) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["mode"], "online");
  const std::vector<Expected> expected = {
      {8, "https://media.un.org/en/asset/k18/k18lkzt0og", "ok", {}},
      {9,
       "https://undocs.org/a/res/75/282",
       "ok",
       {}},  // undocs.org redirects by design
      {1,
       "https://media.un.org/en/asset/k10/k10bxycc3u",
       "broken",
       {"asset-id-conflict", "asset-not-found"}},
      {2,
       "https://media.un.org/en/asset/k13/k13uzdidth",
       "ok",
       {}},  // Germany at 38:20
      {3,
       "https://media.un.org/en/asset/k1x/k1rf2exuhz",
       "broken",
       {"asset-folder-mismatch", "timecode-malformed", "link-broken"}},
      {3,
       "https://twitter.com/UN_Disarmament/status/"
       "1370449231370330112?s=20&utm_source=newsletter",
       "warning",
       {"tracking-parameter"}},
      {4,
       "https://front.un-arm.org/wp-content/uploads/2021/03/"
       "Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf",
       "ok",
       {}},
      {5,
       "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/"
       "N1501402.pdf?OpenElement",
       "warning",
       {"legacy-url"}},
      {6,
       "https://webtv.un.org/en/asset/k1o/k1o7stmi6p",
       "ok",
       {"player-id-redirected"}},
      {7, "https://webtv.un.org/en/asset/k1h/k1hrmtg9f4", "ok", {}},
      {7,
       "https://webtv.un.org/watch/security-council-10001st-meeting/"
       "6243785431001",
       "broken",
       {"legacy-url", "soft-404"}},
      {10,
       "https://webtv.un.org/en/asset/k1p/k1p3xq7r2m",
       "warning",
       {"speaker-mismatch", "quote-not-found"}},
      {11,
       "https://webtv.un.org/en/asset/k1q/k1q5vz8s1n",
       "broken",
       {"timecode-beyond-end"}},
      {12,
       "https://webtv.un.org/en/asset/k1s/k1s4dm6e9c",
       "warning",
       {"date-mismatch"}},
      {13,
       "https://webtv.un.org/en/asset/k1r/k1r8w2n5ta",
       "broken",
       {"asset-removed"}},
      {14,
       "https://press.un.org/en/2021/sgsm20754.doc.htm",
       "broken",
       {"link-broken"}},
      {15,
       "https://www.un.org/disarmament/ict-security/",
       "warning",
       {"link-redirected"}},
      {16, "https://digitallibrary.un.org/record/3924425", "unverified", {}},
      {0,
       "https://media.un.org/en/asset/k1o/k1obxycc3u",
       "ok",
       {"asset-id-conflict"}},
      {0,
       "https://media.un.org/en/asset/k1h/k1huoxyeo",
       "broken",
       {"asset-id-malformed", "link-broken"}},
  };
  const auto& citations = j["documents"][0]["citations"];
  ASSERT_EQ(citations.size(), expected.size());
  std::map<std::string, nlohmann::json> finding;  // "fn:rule" -> finding
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& c = citations[i];
    EXPECT_EQ(c["footnote"], expected[i].footnote) << i;
    EXPECT_EQ(c["url"], expected[i].url) << i;
    EXPECT_EQ(c["verdict"], expected[i].verdict) << expected[i].url;
    std::set<std::string> rules;
    for (const auto& f : c["findings"]) {
      rules.insert(f["rule"].get<std::string>());
      finding[std::to_string(expected[i].footnote) + ":" +
              f["rule"].get<std::string>()] = f;
    }
    EXPECT_EQ(rules, expected[i].rules) << expected[i].url;
  }
  EXPECT_EQ(citations[17]["reason"],
            "a bot challenge answered instead of the page");
  // The values behind the verdicts.
  EXPECT_EQ(finding["10:speaker-mismatch"]["message"],
            "at 45:00 the speaker is Mr. Wang Lei (CHN), not FRA; FRA speaks "
            "at 1:20:00");
  EXPECT_EQ(finding["10:quote-not-found"]["suggestion"], "1:20:30");
  EXPECT_EQ(finding["11:timecode-beyond-end"]["message"],
            "3:10:00 is past the end of the recording (2:00:00)");
  EXPECT_EQ(finding["12:date-mismatch"]["message"],
            "the footnote dates it 2021-05-14; the recording is of 2021-05-11");
  EXPECT_EQ(finding["13:asset-removed"]["suggestion"],
            "https://web.archive.org/web/20210513120000/https://webtv.un.org/en/"
            "asset/k1r/k1r8w2n5ta");
  EXPECT_EQ(
      finding["14:link-broken"]["suggestion"],
      "https://web.archive.org/web/20210511080000/https://press.un.org/en/2021/"
      "sgsm20754.doc.htm");
  EXPECT_EQ(finding["15:link-redirected"]["suggestion"],
            "https://disarmament.unoda.org/ict-security/");
  EXPECT_EQ(finding["6:player-id-redirected"]["suggestion"],
            "https://webtv.un.org/en/asset/k17/k17dk2qx9w");
  // [^1] cites media.un.org: the suggestion keeps that host.
  EXPECT_EQ(finding["1:asset-id-conflict"]["suggestion"],
            "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(finding["0:asset-id-conflict"]["severity"], "info");
  EXPECT_FALSE(finding["0:asset-id-conflict"].contains("suggestion"));
  // Each request once per run: one Kaltura entry lookup per recording.
  std::set<std::string> bodies;
  size_t posts = 0;
  for (const auto& k : env_->replica().RequestsTo("cdnapisec.kaltura.com")) {
    if (k.method != "POST") continue;
    ++posts;
    bodies.insert(k.body);
  }
  EXPECT_EQ(posts, 11u);  // the 11 well-formed asset ids
  EXPECT_EQ(bodies.size(), 11u);
}

TEST_F(ExampleOnline, ProgressGivesTheFetchingAndIndexingLines) {
  // stderr is a file: no progress lines without --progress.
  CliRun plain = Run("check", "--format json " + report_.string());
  ASSERT_EQ(plain.exit_code, 2) << plain.err;
  EXPECT_EQ(plain.err.find("timecite: indexing:"), std::string::npos)
      << plain.err;
  EXPECT_EQ(plain.err.find("timecite: fetching:"), std::string::npos)
      << plain.err;

  CliRun r = Run("check", "--progress --format json " + report_.string());
  ASSERT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded());
  EXPECT_EQ(r.err.rfind("timecite: fetching: ", 0), 0u) << r.err;
  // One indexing line per recording (the 11 well-formed asset ids), each a
  // line of its own, in order, after the fetching lines.
  std::vector<std::string> indexing;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("timecite: indexing: ")) indexing.push_back(line);
  }
  ASSERT_EQ(indexing.size(), 11u) << r.err;
  for (size_t i = 0; i < indexing.size(); ++i) {
    EXPECT_TRUE(
        indexing[i].starts_with("timecite: indexing: " + std::to_string(i + 1) +
                                "/11 recordings, last k1"))
        << indexing[i];
  }
  EXPECT_GT(r.err.find("timecite: indexing: 1/11"),
            r.err.rfind("timecite: fetching: "));
  EXPECT_EQ(r.err.find('\033'), std::string::npos) << r.err;
}

TEST_F(ExampleOnline, FixWritesACorrectedCopyAndLeavesTheOriginal) {
  const std::string before = Slurp(report_);
  const fs::path fixed = env_->dir() / "fixed.md";
  CliRun r =
      Run("check", "--fix-output " + fixed.string() + " " + report_.string());
  ASSERT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(Slurp(report_), before);
  const std::string out = Slurp(fixed);
  for (const char* now : {
           // corrected
           "https://docs.un.org/A/69/723",
           "https://twitter.com/UN_Disarmament/status/1370449231370330112\n",
           "https://disarmament.unoda.org/ict-security/",
           "https://web.archive.org/web/20210511080000/https://press.un.org/en/"
           "2021/"
           "sgsm20754.doc.htm",
           // resolved to the moment: the corrected id of [^1] at 1:29:40, [^2]
           // at 38:20
           "https://transcripts.un.org/en/asset/k1o/k1obxycc3u?t=1:29:40",
           "https://transcripts.un.org/en/asset/k13/k13uzdidth?t=38:20",
       }) {
    EXPECT_NE(out.find(now), std::string::npos) << now << "\n" << out;
  }
  for (const char* gone : {"N1501402.pdf?OpenElement", "utm_source",
                           "k10bxycc3u", "www.un.org/disarmament"}) {
    EXPECT_EQ(out.find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(r.err.find("wrote " + fixed.string()), std::string::npos) << r.err;
  // An info finding does not rewrite a working link ([^6]'s redirected player
  // id).
  EXPECT_NE(out.find("https://webtv.un.org/en/asset/k1o/k1o7stmi6p"),
            std::string::npos);
  // The corrected copy is better: fewer broken citations when checked again.
  CliRun again = Run("check", "--format json " + fixed.string());
  auto j = nlohmann::json::parse(again.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << again.out << again.err;
  EXPECT_LT(j["summary"]["verdicts"]["broken"].get<int>(), 7) << again.out;
  // A bare --fix does not take the next word as its path.
  const fs::path second = env_->dir() / "second.md";
  fs::copy_file(report_, second);
  CliRun bare = Run("check", "--offline --fix " + second.string());
  EXPECT_EQ(bare.exit_code, 2) << bare.err;
  EXPECT_TRUE(fs::exists(env_->dir() / "second.fixed.md"));
}

TEST_F(ExampleOnline, ResolveGivesTheStatementAndDeepLinks) {
  CliRun r = Run("resolve",
                 "--format json \"3rd meeting, 9 March 2021 (from 38:20), "
                 "https://media.un.org/en/asset/k13/k13uzdidth\"");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["at_ms"], 2300000);
  EXPECT_EQ(j["statement"]["affiliation"], "DEU");
  EXPECT_EQ(j["sentence"]["text"],
            "Germany supports the compromise language on the public core of "
            "the Internet.");
  CliRun bare = Run("resolve",
                    "\"https://webtv.un.org/en/asset/k1q/k1q5vz8s1n 3:10:00\"");
  EXPECT_EQ(bare.exit_code, 2) << bare.err << bare.out;  // past the end
}

}  // namespace
