// Runs the real `timecite` binary as a user would.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

using Outcome = timecite::testing::CliRun;
Outcome Timecite(const std::string& args) {
  return timecite::testing::RunTimecite(args);
}

class CheckCli : public timecite::testing::ScratchDirTest {
 protected:
  std::string Db() const { return "--db " + (dir_ / "db").string(); }
};

TEST_F(CheckCli, ExampleReportFindsEveryDefectAndExits2) {
  const std::string example =
      (timecite::testing::SourceDir() / "examples" / "un-update-example.md")
          .string();
  Outcome r = Timecite("check --offline " + Db() + " " + example);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  for (const char* rule :
       {"asset-id-conflict", "asset-folder-mismatch", "timecode-malformed",
        "tracking-parameter", "legacy-url", "asset-id-malformed"}) {
    EXPECT_NE(r.out.find(std::string("[") + rule + "]"), std::string::npos)
        << rule;
  }
  EXPECT_NE(r.out.find("Summary: 20 citations in 1 document, 0 ok, 5 warnings, "
                       "2 broken, 13 unverified"),
            std::string::npos)
      << r.out;
  // The citations were stored: the database directory exists and is not empty.
  EXPECT_TRUE(fs::exists(dir_ / "db"));
}

TEST_F(CheckCli, CleanReportExits0AndJsonParses) {
  const std::string f =
      Write("ok.txt",
            "¹ UN Web TV, 8 March 2021 (starting at 1:29:40), "
            "https://webtv.un.org/en/asset/k1o/k1obxycc3u\n");
  Outcome r = Timecite("check --offline --no-db --format json " + f);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["documents"][0]["citations"][0]["timecode"]["start_ms"], 5380000);
  EXPECT_EQ(j["documents"][0]["citations"][0]["verdict"], "unverified");
  EXPECT_EQ(j["mode"], "offline");
}

TEST_F(CheckCli, WarningsFailOnlyWithFailOnWarning) {
  const std::string f =
      Write("w.txt", "¹ https://twitter.com/a/status/1?s=20\n");
  EXPECT_EQ(Timecite("check --offline --no-db " + f).exit_code, 0);
  EXPECT_EQ(
      Timecite("check --offline --no-db --fail-on warning " + f).exit_code, 2);
}

TEST_F(CheckCli, StandardInput) {
  Outcome r = Timecite(
      "check --offline --no-db - < " +
      Write("in.txt", "¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("asset-id-malformed"), std::string::npos);
}

TEST_F(CheckCli, InvalidUtf8IsAClearErrorExit1) {
  Outcome r = Timecite("check --offline --no-db " +
                       Write("bad.txt", "fine\nbad \xff here\n"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("bad.txt:2:5: invalid UTF-8"), std::string::npos)
      << r.out;
}

TEST_F(CheckCli, MissingFileExit1) {
  Outcome r =
      Timecite("check --offline --no-db " + (dir_ / "nope.txt").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("nope.txt"), std::string::npos);
}

// Many reports on several threads: the report lists them in the order given,
// each with its own citations, and an unreadable one is an error (exit 1)
// that does not lose the others.
TEST_F(CheckCli, JobsKeepTheOrderGivenAndLoseNothing) {
  std::string files;
  for (int i = 1; i <= 6; ++i) {
    files += " " + Write("r" + std::to_string(i) + ".txt",
                         "\u00b9 UN Web TV (starting at " + std::to_string(i) +
                             ":00), https://webtv.un.org/en/asset/k1o/"
                             "k1obxycc3u\n");
    if (i == 3) files += " " + (dir_ / "missing.txt").string();
  }
  Outcome r =
      Timecite("check --offline --no-db --jobs 3 --format json" + files);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const std::size_t json_at = r.out.find('{');
  ASSERT_NE(json_at, std::string::npos) << r.out;
  auto j = nlohmann::json::parse(r.out.substr(json_at), nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["documents"].size(), 6u);
  for (int i = 1; i <= 6; ++i) {
    const auto& doc = j["documents"][static_cast<std::size_t>(i - 1)];
    EXPECT_NE(
        doc["path"].get<std::string>().find("r" + std::to_string(i) + ".txt"),
        std::string::npos);
    EXPECT_EQ(doc["citations"][0]["timecode"]["start_ms"], i * 60000);
  }
  EXPECT_NE(r.out.find("missing.txt"), std::string::npos);
  EXPECT_EQ(Timecite("check --offline --jobs -1 x.txt").exit_code, 3);
}

TEST_F(CheckCli, UsageErrorsExit3) {
  EXPECT_EQ(Timecite("check --offline").exit_code, 3);
  EXPECT_EQ(Timecite("check --offline --format xml x.txt").exit_code, 3);
  EXPECT_EQ(Timecite("frobnicate").exit_code, 3);
  EXPECT_EQ(Timecite("").exit_code, 3);
}

TEST_F(CheckCli, HelpExplainsAndExits0) {
  Outcome r = Timecite("check --offline --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  EXPECT_NE(r.out.find("--format"), std::string::npos);
}

TEST_F(CheckCli, UnwritableDatabaseIsExit1) {
  const std::string f = Write("ok.txt", "¹ https://undocs.org/A/69/723\n");
  Write("db", "a file where the database directory should be");
  Outcome r = Timecite("check --offline " + Db() + " " + f);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find((dir_ / "db").string()), std::string::npos) << r.out;
}

}  // namespace

namespace {

TEST_F(CheckCli, SarifJunitMarkdownFormats) {
  const std::string f =
      Write("r.txt", "¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  Outcome sarif = Timecite("check --offline --no-db --format sarif " + f);
  EXPECT_EQ(sarif.exit_code, 2);
  auto j = nlohmann::json::parse(sarif.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << sarif.out;
  EXPECT_EQ(j["runs"][0]["results"][0]["ruleId"], "asset-id-malformed");
  Outcome junit = Timecite("check --offline --no-db --format junit " + f);
  EXPECT_NE(junit.out.find("<failure"), std::string::npos) << junit.out;
  Outcome md = Timecite("check --offline --no-db --format markdown " + f);
  EXPECT_NE(md.out.find("`asset-id-malformed`"), std::string::npos) << md.out;
}

}  // namespace

namespace {

TEST_F(CheckCli, ConfigChangesSeverityExcludesAndAccepts) {
  const std::string report =
      Write("r.txt",
            "¹ https://twitter.com/a/status/1?s=20\n"
            "² https://media.un.org/en/asset/k1h/k1huoxyeo\n"
            "³ https://documents-dds-ny.un.org/doc/N1501402.pdf?OpenElement\n");
  const std::string config =
      Write("t.toml",
            "[rules]\n\"tracking-parameter\" = \"error\"\n"
            "\"legacy-url\" = \"off\"\n"
            "[check]\nexclude = ['k1huoxyeo']\n");
  Outcome r = Timecite("check --offline --no-db --format json --config " +
                       config + " " + report);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  const auto& cits = j["documents"][0]["citations"];
  ASSERT_EQ(cits.size(), 2u);  // the malformed one is excluded
  EXPECT_EQ(cits[0]["verdict"], "broken");
  EXPECT_EQ(cits[0]["findings"][0]["severity"], "error");
  EXPECT_EQ(cits[1]["findings"].size(), 0u);  // legacy-url off
  const std::string accept =
      Write("a.toml", "[check]\naccept = ['twitter\\.com']\n");
  Outcome a = Timecite("check --offline --no-db --format json --config " +
                       accept + " " + report);
  auto ja = nlohmann::json::parse(a.out, nullptr, false);
  ASSERT_FALSE(ja.is_discarded()) << a.out;
  EXPECT_EQ(ja["documents"][0]["citations"][0]["verdict"], "ok");
}

TEST_F(CheckCli, BadConfigIsExit3WithTheKey) {
  const std::string report = Write("r.txt", "¹ https://undocs.org/A/69/723\n");
  Outcome unknown = Timecite("check --offline --no-db --config " +
                             Write("u.toml", "[chek]\n") + " " + report);
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.out.find("unknown key 'chek'"), std::string::npos)
      << unknown.out;
  Outcome rule = Timecite(
      "check --offline --no-db --config " +
      Write("r.toml", "[rules]\n\"no-such-rule\" = \"off\"\n") + " " + report);
  EXPECT_EQ(rule.exit_code, 3);
  EXPECT_NE(rule.out.find("unknown rule 'rules.no-such-rule'"),
            std::string::npos)
      << rule.out;
  EXPECT_EQ(
      Timecite("check --offline --no-db --config /nonexistent.toml " + report)
          .exit_code,
      3);
}

}  // namespace
