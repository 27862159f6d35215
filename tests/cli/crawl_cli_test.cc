// `timecite crawl --asset/--schedule/--from-citations` run as a user would,
// against the in-process replica (tests/replica/world.json: a Security
// Council meeting with transcript, a player id Kaltura redirects to another
// entry and without transcript, a deleted and an unpublished recording), then
// `at`, `search` and `show` answer from what was indexed.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.h"
#include "common/test_util.h"
#include "replica_env.h"
#include "store/store.h"
#include "tools/replica/world.h"

namespace {

using timecite::crawler::testing::ReplicaEnv;
namespace fs = std::filesystem;

using timecite::testing::CliRun;
CliRun Timecite(const std::string& args, const std::filesystem::path& dir) {
  return timecite::testing::RunTimecite(args, dir / "stderr.txt");
}

class CrawlCli : public ::testing::Test {
 protected:
  void SetUp() override {
    auto world = timecite::replica::LoadWorld(::timecite::testing::SourceDir() /
                                              "tests/replica/world.json");
    ASSERT_OK(world);
    env_ = ReplicaEnv::Start(std::move(world).value());
    ASSERT_NE(env_, nullptr);
  }
  std::string Db() const { return "--db " + (env_->dir() / "db").string(); }
  std::string Net() const {
    std::string s =
        " --cacert " + env_->ca_file() + " --interval 0 --retry-base 50";
    for (const std::string& c : env_->ConnectTo()) s += " --connect-to " + c;
    return s;
  }
  CliRun Crawl(const std::string& args) {
    return Timecite("crawl " + Db() + Net() + " " + args, env_->dir());
  }
  CliRun Query(const std::string& args) {
    return Timecite(args + " " + Db(), env_->dir());
  }

  std::unique_ptr<ReplicaEnv> env_;
};

TEST_F(CrawlCli, AssetsAndAScheduleDayThenAtAndSearch) {
  CliRun crawl = Crawl(
      "--asset https://webtv.un.org/en/asset/k1a/k1abcd1234 --asset k1de1eted0 "
      "--asset 1_unpub001 --schedule 2024-10-14 --format json");
  ASSERT_EQ(crawl.exit_code, 0) << crawl.out << crawl.err;
  auto summary = nlohmann::json::parse(crawl.out, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << crawl.out;
  // The two transcripts that do not exist (404) are not failed requests:
  // they are counted apart.
  EXPECT_EQ(summary["crawl"]["failed"], 0);
  EXPECT_EQ(summary["crawl"]["no_transcript"], 2);
  EXPECT_FALSE(summary["crawl"]["by_class"].contains("http-status"))
      << summary["crawl"];
  EXPECT_EQ(summary["schedules"][0]["assets"],
            nlohmann::json::array({"k1abcd1234", "k1r3dr3ct0"}));
  ASSERT_EQ(summary["assets"].size(), 4u);
  EXPECT_EQ(summary["assets"][0]["asset_id"], "k1abcd1234");
  EXPECT_EQ(summary["assets"][0]["status"], "ready");
  EXPECT_EQ(summary["assets"][0]["statements"], 2);
  EXPECT_EQ(summary["assets"][0]["sentences"], 3);
  EXPECT_EQ(summary["assets"][1]["status"], "removed");  // Kaltura: deleted
  EXPECT_EQ(summary["assets"][2]["asset_id"], "k1unpub001");
  EXPECT_EQ(summary["assets"][2]["status"], "removed");  // the not-found page
  EXPECT_EQ(summary["assets"][3]["asset_id"], "k1r3dr3ct0");
  EXPECT_EQ(summary["assets"][3]["notes"],
            nlohmann::json::array({"no transcript"}));

  CliRun at = Query("at k1abcd1234 1:29:40 --format json");
  ASSERT_EQ(at.exit_code, 0) << at.out << at.err;
  auto moment = nlohmann::json::parse(at.out, nullptr, false);
  ASSERT_FALSE(moment.is_discarded()) << at.out;
  EXPECT_EQ(moment["at_ms"], 5380000);
  EXPECT_EQ(moment["duration_ms"], 5380512);
  EXPECT_EQ(moment["statement"]["speaker"], "Mr. Reza Tehrani");
  EXPECT_EQ(moment["statement"]["affiliation"], "IRN");
  EXPECT_EQ(moment["statement"]["start_ms"], 5380000);
  EXPECT_EQ(moment["sentence"]["text"], "I thank you, Madam President.");
  EXPECT_EQ(moment["sentence"]["end_ms"], 5380400);

  CliRun early = Query("at https://webtv.un.org/en/asset/k1a/k1abcd1234 0:16");
  ASSERT_EQ(early.exit_code, 0) << early.out << early.err;
  EXPECT_NE(early.out.find(
                "Ms. Amina Okafor (NGA): The provisional agenda is adopted."),
            std::string::npos)
      << early.out;

  // The crawl kept the full-text index in step (search::StoreFollower).
  CliRun search = Query("search provisional agenda --format json");
  ASSERT_EQ(search.exit_code, 0) << search.out << search.err;
  auto found = nlohmann::json::parse(search.out, nullptr, false);
  ASSERT_TRUE(found.is_object()) << search.out;
  const auto& hits = found["recordings"];
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["asset_id"], "k1abcd1234");
  EXPECT_EQ(hits[0]["segments"][0]["start_ms"], 15400);
  EXPECT_EQ(hits[0]["segments"][0]["speaker"], "Ms. Amina Okafor");

  CliRun by_country = Query("search thank --affiliation IRN --format json");
  ASSERT_EQ(by_country.exit_code, 0) << by_country.out << by_country.err;
  auto irn = nlohmann::json::parse(by_country.out, nullptr, false);
  ASSERT_TRUE(irn.is_object()) << by_country.out;
  ASSERT_GE(irn["recordings"].size(), 1u);
  EXPECT_EQ(irn["recordings"][0]["segments"][0]["speaker"], "Mr. Reza Tehrani");
  CliRun status = Query("index status --format json");
  ASSERT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_EQ(nlohmann::json::parse(status.out, nullptr, false)["in_step"], true) << status.out;

  CliRun show = Query("show k1r3dr3ct0 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.out << show.err;
  auto rec = nlohmann::json::parse(show.out, nullptr, false);
  EXPECT_EQ(rec["player_id"], "1_r3dr3ct0");
  EXPECT_EQ(rec["entry_id"], "1_c4n0n1c4");  // Kaltura's redirect
  EXPECT_EQ(rec["duration_ms"], 3502000);
}

TEST_F(CrawlCli, FromCitationsIndexesCitedRecordingsAndFetchesTheRest) {
  {
    auto db = timecite::store::Store::Open(
        env_->dir() / "db", timecite::store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    timecite::store::CitationRecord a;
    a.source = "/reports/r.md";
    a.footnote = 1;
    a.url_written = "https://webtv.un.org/en/asset/k1r/k1r3dr3ct0";
    a.url_canonical = a.url_written;
    timecite::store::CitationRecord b = a;
    b.footnote = 2;
    b.url_written = b.url_canonical = "https://docs.un.org/S/PV.9748";
    ASSERT_OK((*db)->ReplaceCitations("/reports/r.md", {a, b}));
  }
  CliRun crawl = Crawl("--from-citations");
  ASSERT_EQ(crawl.exit_code, 0) << crawl.out << crawl.err;
  // The recording without a transcript (404) is no failed request.
  EXPECT_NE(crawl.out.find(" ok, 0 failed, no transcript: 1;"),
            std::string::npos)
      << crawl.out;
  EXPECT_NE(crawl.out.find(
                "k1r3dr3ct0  ready, 0 statements, 0 sentences; no transcript"),
            std::string::npos)
      << crawl.out;
  EXPECT_EQ(env_->replica().RequestsTo("docs.un.org", "/S/PV.9748").size(), 1u);
  CliRun show = Query("show k1r3dr3ct0 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.out << show.err;
  EXPECT_EQ(nlohmann::json::parse(show.out, nullptr, false)["entry_id"],
            "1_c4n0n1c4");
}

TEST_F(CrawlCli, BadTargetsAreUsageErrors) {
  for (const char* args :
       {"--schedule 2024-13-01", "--schedule 14/10/2024",
        "--schedule 2024-01-01..2025-06-01",
        "--schedule 2024-02-01..2024-01-01", "--asset not-an-asset",
        "--asset k1abcd1234 --format xml"}) {
    CliRun r = Crawl(args);
    EXPECT_EQ(r.exit_code, 3) << args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("timecite: error:"), std::string::npos)
        << args << r.err;
  }
  EXPECT_TRUE(env_->replica().Requests().empty());
}

TEST_F(CrawlCli, QuietPrintsTheSummariesAndFailuresOnly) {
  CliRun loud = Crawl("--asset k1abcd1234 --schedule 2024-10-14");
  ASSERT_EQ(loud.exit_code, 0) << loud.out << loud.err;
  EXPECT_NE(loud.out.find("schedule 2024-10-14: 2 recordings"),
            std::string::npos)
      << loud.out;
  EXPECT_NE(loud.out.find("  k1abcd1234  ready"), std::string::npos)
      << loud.out;
  CliRun quiet = Crawl("-q --asset k1abcd1234 --schedule 2024-10-14");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out << quiet.err;
  EXPECT_EQ(quiet.out.find("schedule 2024-10-14"), std::string::npos)
      << quiet.out;
  EXPECT_EQ(quiet.out.find("k1abcd1234"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("crawl: "), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("index: 2 recordings: 2 indexed"), std::string::npos)
      << quiet.out;
  EXPECT_EQ(quiet.err, "");
}

TEST_F(CrawlCli, BadCaFileOrConnectToMakesNoRequest) {
  CliRun r = Timecite("crawl " + Db() + " --asset k1abcd1234 --cacert " +
                          (env_->dir() / "missing.pem").string(),
                      env_->dir());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
  r = Timecite("crawl " + Db() + " --asset k1abcd1234 --cacert " +
                   env_->ca_file() + " --connect-to 127.0.0.1",
               env_->dir());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(env_->replica().Requests().empty());
}

TEST_F(CrawlCli, ConfigSetsTheCrawlerAndFlagsWin) {
  const fs::path config = env_->dir() / "crawl.toml";
  std::ofstream(config) << "[crawler]\nuser_agent = \"ux-config-agent/1\"\n"
                           "default_min_interval_ms = 0\n";
  CliRun r = Crawl("--asset k1abcd1234 --config " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto pages =
      env_->replica().RequestsTo("webtv.un.org", "/en/asset/k1a/k1abcd1234");
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(pages.back().Header("User-Agent"), "ux-config-agent/1");
  env_->replica().ClearRequests();
  r = Crawl("--asset k1abcd1234 --recheck --user-agent flag-agent/2 -c " +
            config.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  pages =
      env_->replica().RequestsTo("webtv.un.org", "/en/asset/k1a/k1abcd1234");
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(pages.back().Header("User-Agent"), "flag-agent/2");
}

TEST_F(CrawlCli, ProgressLinesOffATerminalOnlyWithProgress) {
  // stderr is a file here: no progress lines unless --progress.
  CliRun plain = Crawl("--asset k1abcd1234 --schedule 2024-10-14");
  ASSERT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  EXPECT_EQ(plain.err, "");

  CliRun r = Crawl("--progress --asset k1abcd1234 --schedule 2024-10-14");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // The indexing phase, one line per recording, each a line of its own (no
  // terminal escapes in a log).
  // The lines check and recheck print too (cli/terminal.h).
  EXPECT_NE(r.err.find("\ntimecite: indexing: 1/2 recordings, last k1abcd1234\n"
                       "timecite: indexing: 2/2 recordings, last k1r3dr3ct0\n"),
            std::string::npos)
      << r.err;
  // The crawl phase before it.
  EXPECT_EQ(r.err.rfind("timecite: crawling: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(" done, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/s\n"), std::string::npos) << r.err;
  EXPECT_LT(r.err.find("timecite: crawling: "), r.err.find("indexing: 1/2"));
  EXPECT_EQ(r.err.find('\033'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
  // The summary still goes to stdout alone.
  EXPECT_EQ(r.out.find("index: 1/2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("index: 2 recordings: 2 indexed"), std::string::npos)
      << r.out;

  // With --format json too (stdout stays JSON); -q wins over --progress.
  CliRun json = Crawl("--progress --asset k1abcd1234 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
  EXPECT_NE(json.err.find("timecite: indexing: 1/1 recordings, last k1abcd1234\n"),
            std::string::npos)
      << json.err;
  EXPECT_FALSE(nlohmann::json::parse(json.out, nullptr, false).is_discarded())
      << json.out;
  CliRun quiet = Crawl("-q --progress --asset k1abcd1234");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out << quiet.err;
  EXPECT_EQ(quiet.err, "");
}

TEST_F(CrawlCli, ConfigPolitenessPacesAHostAndTheIntervalFlagWins) {
  // The schedule page lists two recordings: their pages are asked for
  // together once the schedule page is in, two at once being allowed.
  const fs::path config = env_->dir() / "polite.toml";
  std::ofstream(config) << "[crawler]\ndefault_max_concurrent = 2\n"
                           "default_min_interval_ms = 400\n";
  std::string net = " --cacert " + env_->ca_file() + " --retry-base 50";
  for (const std::string& c : env_->ConnectTo()) net += " --connect-to " + c;
  auto page_gap_ms = [&]() -> int64_t {
    auto pages = env_->replica().RequestsTo("webtv.un.org", "/en/asset/");
    if (pages.size() != 2) return -1;
    return pages[1].t_ms - pages[0].t_ms;
  };
  CliRun paced = Timecite(
      "crawl " + Db() + net + " --schedule 2024-10-14 -c " + config.string(),
      env_->dir());
  ASSERT_EQ(paced.exit_code, 0) << paced.out << paced.err;
  EXPECT_GE(page_gap_ms(), 400);  // [crawler] default_min_interval_ms

  env_->replica().ClearRequests();
  CliRun fast =
      Timecite("crawl " + Db() + net +
                   " --schedule 2024-10-14 --interval 0 -c " + config.string(),
               env_->dir());
  ASSERT_EQ(fast.exit_code, 0) << fast.out << fast.err;
  const int64_t gap = page_gap_ms();
  EXPECT_GE(gap, 0);
  EXPECT_LT(gap, 400);  // --interval 0 wins over the file (they go together)
}

TEST_F(CrawlCli, EmptyScheduleDaysAreFine) {
  // The replica's schedule has no cards for these days: a page with no cards.
  CliRun r = Crawl("--schedule 2030-01-01..2030-01-02");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("schedule 2030-01-01: 0 recordings"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("schedule 2030-01-02: 0 recordings"), std::string::npos)
      << r.out;
}

}  // namespace
