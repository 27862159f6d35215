// What a new user ran into: bad dates and times, missing targets, unreadable
// CA files, malformed --connect-to entries and -q are usage errors or quiet
// as documented (exit codes and messages of the real binary).
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "cli_run.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

using Outcome = timecite::testing::CliRun;

class UsageCli : public timecite::testing::ScratchDirTest {
 protected:
  // stdout and stderr merged.
  Outcome Timecite(const std::string& args) {
    return timecite::testing::RunTimecite(args + " --db " +
                                          (dir_ / "db").string());
  }
};

TEST_F(UsageCli, CrawlWithoutATargetSaysWhichTargetsExist) {
  Outcome r = Timecite("crawl");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out,
            "timecite: error: nothing to crawl: give URLs, --from FILE, "
            "--asset ID, --schedule DAY[..DAY] or --from-citations\n");
  // Options alone are no target either.
  r = Timecite("crawl --recheck --format json");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("nothing to crawl"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(UsageCli, CrawlFromAFileWithoutUrlsIsAUsageErrorNamingTheFile) {
  const std::string empty = Write("empty.txt", "");
  const std::string comments =
      Write("comments.txt", "# to do later\n\n   \t\n  # https://x.test/\r\n");
  for (const std::string& file : {empty, comments}) {
    Outcome r = Timecite("crawl --from " + file);
    EXPECT_EQ(r.exit_code, 3) << file << "\n" << r.out;
    EXPECT_EQ(r.out, "timecite: error: --from " + file +
                         ": no URLs in it (empty, or only comments and blank "
                         "lines)\n");
    // Another target does not make an empty list right.
    r = Timecite("crawl --asset k1abcd1234 --from " + file);
    EXPECT_EQ(r.exit_code, 3) << file << "\n" << r.out;
    EXPECT_NE(r.out.find("no URLs in it"), std::string::npos) << r.out;
  }
  const std::string missing = (dir_ / "missing.txt").string();
  Outcome r = Timecite("crawl --from " + missing);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out, "timecite: error: --from " + missing +
                       ": cannot read: No such file or directory\n");
  r = Timecite("crawl --from " + dir_.string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out, "timecite: error: --from " + dir_.string() +
                       ": is a directory, not a list of URLs\n");
  EXPECT_FALSE(fs::exists(dir_ / "db"));  // nothing was started
}

TEST_F(UsageCli, ImpossibleDatesAreUsageErrorsNamingTheValue) {
  struct Case {
    const char* args;
    const char* message;
  };
  for (const Case& c : {
           Case{"search --date 2021-02-30",
                "timecite: error: --date 2021-02-30: 2021-02-30 is not a "
                "calendar day"},
           Case{"search --date 2021-3-8", "2021-3-8 is not a calendar day"},
           Case{"search --date 2021-03-01..2021-13-01",
                "2021-13-01 is not a calendar day"},
           Case{"search --date 2021-03-31..2021-03-01",
                "--date 2021-03-31..2021-03-01 ends before it starts"},
           Case{"search --date ..", "--date .. has no day"},
           Case{"recheck --since 2021-02-30",
                "--since 2021-02-30 is not a date or time"},
           Case{"recheck --since 2021-02-29T10:00:00Z",
                "--since 2021-02-29T10:00:00Z is not a date or time"},
           Case{"recheck --since yesterday",
                "--since yesterday is not a date or time"},
           Case{"crawl --schedule 2024-02-30",
                "--schedule 2024-02-30 is not a calendar day"},
           Case{"crawl --schedule 2024-02-01..2024-01-01",
                "--schedule range ends before it starts: "
                "2024-02-01..2024-01-01"},
       }) {
    Outcome r = Timecite(c.args);
    EXPECT_EQ(r.exit_code, 3) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.args << "\n"
                                                        << r.out;
  }
  // Nothing was opened or created for them.
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(UsageCli, RecheckSinceInTheFutureIsAUsageError) {
  for (const char* when :
       {"2999-01-01", "2999-01-01T00:00:00Z", "32503680000000"}) {
    Outcome r = Timecite(std::string("recheck --since ") + when);
    EXPECT_EQ(r.exit_code, 3) << when << "\n" << r.out;
    EXPECT_EQ(r.out, std::string("timecite: error: --since ") + when +
                         " is in the future: nothing can have changed since "
                         "then\n");
  }
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(UsageCli, UnreadableCaFileIsAUsageErrorBeforeAnyWork) {
  const std::string report = Write("r.txt", "¹ https://undocs.org/A/69/723\n");
  const std::string missing = (dir_ / "no-such-ca.pem").string();
  for (const std::string& cmd :
       {std::string("crawl --asset k1abcd1234"), "check " + report,
        std::string("recheck"),
        std::string(
            "resolve 'https://webtv.un.org/en/asset/k1a/k1abcd1234 1:00'")}) {
    Outcome r = Timecite(cmd + " --cacert " + missing);
    EXPECT_EQ(r.exit_code, 3) << cmd << "\n" << r.out;
    EXPECT_NE(r.out.find("--cacert: cannot read " + missing), std::string::npos)
        << cmd << "\n"
        << r.out;
  }
  Outcome dir = Timecite("crawl --asset k1abcd1234 --cacert " + dir_.string());
  EXPECT_EQ(dir.exit_code, 3) << dir.out;
  EXPECT_NE(dir.out.find("is a directory, not a PEM file"), std::string::npos)
      << dir.out;
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

TEST_F(UsageCli, MalformedConnectToIsAUsageError) {
  struct Case {
    const char* entry;
    const char* problem;
  };
  for (const Case& c : {
           Case{"example.org:443", "has 2 fields, not 4"},
           Case{"a:1:b:2:c", "has 5 fields, not 4"},
           Case{"::127.0.0.1:99999", "port '99999' is not a number"},
           Case{"webtv.un.org:https:127.0.0.1:8443", "port 'https'"},
           Case{"[::1:443:127.0.0.1:8443", "has a '[' without ']'"},
       }) {
    Outcome r = Timecite(std::string("crawl --asset k1abcd1234 --connect-to ") +
                         "'" + c.entry + "'");
    EXPECT_EQ(r.exit_code, 3) << c.entry << "\n" << r.out;
    EXPECT_NE(r.out.find(std::string("'") + c.entry +
                         "' is not HOST:PORT:TO-HOST:TO-PORT: " + c.problem),
              std::string::npos)
        << c.entry << "\n"
        << r.out;
  }
  // Well-formed entries pass (an offline check never connects).
  const std::string report = Write("r.txt", "¹ https://undocs.org/A/69/723\n");
  for (const char* entry : {"::127.0.0.1:8443", "webtv.un.org:443:[::1]:8443",
                            "[2001:db8::1]:80::8080"}) {
    Outcome r = Timecite(std::string("check --offline --no-db --connect-to ") +
                         entry + " " + report);
    EXPECT_EQ(r.exit_code, 0) << entry << "\n" << r.out;
  }
}

TEST_F(UsageCli, QuietPrintsOnlyBrokenCitationsAndTheSummary) {
  const std::string report =
      Write("r.txt",
            "¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n"
            "² https://undocs.org/A/69/723?utm_source=newsletter\n"
            "³ https://undocs.org/A/70/1\n");
  Outcome loud = Timecite("check --offline --no-db " + report);
  EXPECT_EQ(loud.exit_code, 2) << loud.out;
  EXPECT_NE(loud.out.find("utm_source=newsletter"), std::string::npos);
  EXPECT_NE(loud.out.find("A/70/1"), std::string::npos);
  for (const std::string& args : {"-q check --offline --no-db " + report,
                                  "check --offline --no-db -q " + report}) {
    Outcome q = Timecite(args);
    EXPECT_EQ(q.exit_code, 2) << q.out;
    // The broken citation and its error, then the summary.
    EXPECT_NE(q.out.find("k1huoxyeo"), std::string::npos) << q.out;
    EXPECT_NE(q.out.find("error [asset-id-malformed]"), std::string::npos)
        << q.out;
    EXPECT_NE(q.out.find("Summary: 3 citations in 1 document, 0 ok, 1 "
                         "warning, 1 broken, 1 unverified"),
              std::string::npos)
        << q.out;
    // Not the warning, not the unverified citation.
    EXPECT_EQ(q.out.find("utm_source=newsletter"), std::string::npos) << q.out;
    EXPECT_EQ(q.out.find("[tracking-parameter]"), std::string::npos) << q.out;
    EXPECT_EQ(q.out.find("A/70/1"), std::string::npos) << q.out;
  }
}

TEST_F(UsageCli, HelpDocumentsQuiet) {
  Outcome r = timecite::testing::RunTimecite("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("-q,--quiet"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no progress lines, notes or warnings"),
            std::string::npos)
      << r.out;
}

TEST_F(UsageCli, EverySubcommandsHelpEndsWithItsExitCodes) {
  struct Case {
    const char* subcommand;
    std::set<int> codes;  // the exit codes it uses (README, docs)
  };
  const Case cases[] = {
      {"check", {0, 1, 2, 3}},     {"db", {0, 1, 2, 3}},
      {"db stats", {0, 1, 3}},     {"db get", {0, 1, 3}},
      {"db dump", {0, 1, 3}},      {"db checkpoint", {0, 1, 3}},
      {"db verify", {0, 1, 2, 3}}, {"db forget", {0, 1, 3}},
      {"crawl", {0, 1, 3}},
      {"show", {0, 1, 3}},         {"at", {0, 1, 2, 3}},
      {"search", {0, 1, 3}},       {"history", {0, 1, 3}},
      {"recheck", {0, 1, 2, 3}},   {"resolve", {0, 1, 2, 3}},
      {"index", {0, 1, 3}},        {"index rebuild", {0, 1, 3}},
      {"index status", {0, 1, 3}},
      {"worker", {0, 1, 3}},       {"fleet", {0, 1, 3}},
      {"fleet status", {0, 1, 3}},
  };
  for (const Case& c : cases) {
    Outcome r =
        timecite::testing::RunTimecite(std::string(c.subcommand) + " --help");
    EXPECT_EQ(r.exit_code, 0) << c.subcommand << "\n" << r.out;
    const size_t at = r.out.rfind("Exit codes: ");
    ASSERT_NE(at, std::string::npos) << c.subcommand << "\n" << r.out;
    // At the end: after every option, nothing but the codes' paragraph.
    const std::string tail = r.out.substr(at);
    EXPECT_EQ(tail.find("\n  -"), std::string::npos) << c.subcommand << tail;
    EXPECT_EQ(tail.find("\n\n"), std::string::npos) << c.subcommand << tail;
    EXPECT_TRUE(tail.ends_with(".\n")) << c.subcommand << tail;
    for (int code = 0; code <= 3; ++code) {
      // "N word": the code and what it means.
      const std::regex named("(^|[ \n(])" + std::to_string(code) + " [a-z\"]");
      EXPECT_EQ(std::regex_search(tail, named), c.codes.count(code) > 0)
          << c.subcommand << ": exit code " << code << " in\n"
          << tail;
    }
  }
}

TEST_F(UsageCli, CrawlReadsTheConfiguration) {
  const std::string bad = Write("bad.toml", "[crawler]\nconcurency = 3\n");
  Outcome r = Timecite("crawl --asset k1abcd1234 --config " + bad);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("crawler.concurency"), std::string::npos) << r.out;
  Outcome missing =
      Timecite("crawl --asset k1abcd1234 -c " + (dir_ / "none.toml").string());
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
  EXPECT_NE(missing.out.find("none.toml"), std::string::npos) << missing.out;
  EXPECT_FALSE(fs::exists(dir_ / "db"));
}

}  // namespace

namespace timecite::testing {
namespace {

// `crawl` (indexer/catalog AssetIdFromArgument) and `check` (the linker's
// asset-id-malformed) read asset ids with one grammar (common/webtv_id.h):
// an id crawl refuses is one check calls malformed, and the other way round.
class AssetIdAgreementTest : public ScratchDirTest {};

TEST_F(AssetIdAgreementTest, CrawlAndCheckAgreeOnEveryAssetId) {
  const std::string db = (dir_ / "db").string();
  for (const std::string id :
       {"k1obxycc3u", "k2obxycc3u", "k0abcdefgh", "k1obxycc3", "k1obxycc3uu",
        "k1OBXYCC3U", "k1obx_cc3u"}) {
    const std::string folder = id.substr(0, 3);
    const auto report = Write(
        id + ".md", "Statement.[^1]\n\n[^1]: UN Web TV, 8 March 2021, "
                    "https://webtv.un.org/en/asset/" + folder + "/" + id + "\n");
    const CliRun check = RunTimecite("check --offline --no-db --format json '" +
                                     report + "'");
    ASSERT_NE(check.exit_code, -1) << id;
    const bool check_malformed =
        check.out.find("asset-id-malformed") != std::string::npos;
    // --interval 0 and a scratch db: crawl stops at the id before any fetch
    // when it refuses it; an id it accepts is fetched (and fails: no network
    // in tests), which is exit 1, not the usage error 3.
    const CliRun crawl = RunTimecite("--db '" + db + "' crawl --asset " + id +
                                     " --retries 0 --timeout 1000 "
                                     "--connect-to ::127.0.0.1:1");
    ASSERT_NE(crawl.exit_code, -1) << id;
    const bool crawl_refused = crawl.exit_code == 3;
    EXPECT_EQ(check_malformed, crawl_refused)
        << id << "\ncheck: " << check.out << "\ncrawl: " << crawl.out;
  }
}

}  // namespace
}  // namespace timecite::testing
