// `timecite search` and `timecite index rebuild|status` as a user runs them:
// a database written through the Store, the index rebuilt, then searches with
// each flag, the JSON shape with deep links, and the exit codes.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "common/test_util.h"
#include "search/search.h"
#include "store/store.h"

namespace {

using timecite::testing::CliRun;
namespace store = timecite::store;

store::Segment Sentence(const std::string& id, int64_t start_ms, const std::string& lang,
                        const std::string& text, const std::string& country,
                        const std::string& speaker) {
  store::Segment s;
  s.asset_id = id;
  s.kind = store::SegmentKind::kSentence;
  s.start_ms = start_ms;
  s.end_ms = start_ms + 5000;
  s.language = lang;
  s.text = text;
  s.affiliation = country;
  s.speaker_name = speaker;
  s.source = "transcript";
  return s;
}

class SearchCli : public timecite::testing::ScratchDirTest {
 protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    auto db = store::Store::Open(dir_ / "db", store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    store::Recording a;
    a.asset_id = "k1abcd1234";
    a.player_id = a.entry_id = "1_abcd1234";
    a.title = "Security Council, 9748th meeting";
    a.body = "Security Council";
    a.date = "2024-10-14";
    a.status = "ready";
    store::Recording b = a;
    b.asset_id = "k1efgh5678";
    b.player_id = b.entry_id = "1_efgh5678";
    b.title = "General Assembly, 20th plenary meeting";
    b.body = "General Assembly";
    b.date = "2023-09-20";
    ASSERT_OK((*db)->PutRecording(
        a, {Sentence(a.asset_id, 15400, "en", "The provisional agenda is adopted.", "NGA",
                     "Ms. Amina Okafor"),
            Sentence(a.asset_id, 5380000, "en", "I thank you, Madam President.", "IRN",
                     "Mr. Reza Tehrani")}));
    ASSERT_OK((*db)->PutRecording(
        b, {Sentence(b.asset_id, 60000, "fr", "Les élections au Sahel doivent être libres.",
                     "NGA", "M. Ibrahim"),
            Sentence(b.asset_id, 90000, "en", "We thank the Secretary-General.", "FRA",
                     "Mr. Dupont")}));
  }
  CliRun Run(const std::string& args) {
    return timecite::testing::RunTimecite("--db " + (dir_ / "db").string() + " " + args,
                                          dir_ / "stderr.txt");
  }
  void Rebuild() {
    CliRun r = Run("index rebuild");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out, "indexed 2 recording(s), 4 segment(s) into " +
                         (dir_ / "db" / "search").string() + "\n");
  }
  nlohmann::json Json(const std::string& args) {
    CliRun r = Run(args + " --format json");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
};

TEST_F(SearchCli, WordsFiltersJsonAndDeepLinks) {
  Rebuild();
  // Moved from crawl_cli_test (the scan search): same recording, start, speaker.
  nlohmann::json j = Json("search provisional agenda");
  ASSERT_EQ(j["recordings"].size(), 1u) << j;
  EXPECT_EQ(j["recordings"][0]["asset_id"], "k1abcd1234");
  EXPECT_EQ(j["recordings"][0]["segments"][0]["start_ms"], 15400);
  EXPECT_EQ(j["recordings"][0]["segments"][0]["speaker"], "Ms. Amina Okafor");
  EXPECT_EQ(j["recordings"][0]["segments"][0]["snippet"],
            "The **provisional** **agenda** is adopted.");
  // The deep links `timecite at` gives, at the segment's start.
  EXPECT_EQ(j["recordings"][0]["segments"][0]["links"]["transcripts"],
            "https://transcripts.un.org/en/asset/k1a/k1abcd1234?t=0:15");
  EXPECT_EQ(j["recordings"][0]["segments"][0]["links"]["webtv_page"],
            "https://webtv.un.org/en/asset/k1a/k1abcd1234");
  EXPECT_NE(j["recordings"][0]["segments"][0]["links"]["kaltura_player"]
                .get<std::string>()
                .find("entry_id=1_abcd1234&kalturaSeekFrom=15"),
            std::string::npos);
  // --affiliation (alias of --country): the IRN statement.
  j = Json("search thank --affiliation IRN");
  ASSERT_EQ(j["recordings"].size(), 1u) << j;
  EXPECT_EQ(j["recordings"][0]["segments"][0]["speaker"], "Mr. Reza Tehrani");
  // Country by name, any case; then by code in lower case.
  j = Json("search thank --country france");
  ASSERT_EQ(j["recordings"].size(), 1u) << j;
  EXPECT_EQ(j["recordings"][0]["asset_id"], "k1efgh5678");
  EXPECT_EQ(Json("search elections --country nga")["recordings"][0]["asset_id"], "k1efgh5678");
  // Body, dates, language, sort, limit and offset.
  EXPECT_EQ(Json("search thank --body 'general assembly'")["recordings"].size(), 1u);
  EXPECT_EQ(Json("search thank --from 2024-01-01")["recordings"][0]["asset_id"], "k1abcd1234");
  EXPECT_EQ(Json("search thank --to 2023-12-31")["recordings"][0]["asset_id"], "k1efgh5678");
  EXPECT_EQ(Json("search thank --date 2023-09-20")["recordings"].size(), 1u);
  EXPECT_EQ(Json("search elections --lang en")["recordings"].size(), 0u);
  EXPECT_EQ(Json("search elections --lang fr")["recordings"].size(), 1u);
  j = Json("search thank --sort date");
  ASSERT_EQ(j["recordings"].size(), 2u);
  EXPECT_EQ(j["recordings"][0]["date"], "2024-10-14");
  j = Json("search thank --sort date --limit 1 --offset 1");
  ASSERT_EQ(j["recordings"].size(), 1u);
  EXPECT_EQ(j["recordings"][0]["date"], "2023-09-20");
  EXPECT_EQ(j["matching_recordings"], 2);
  j = Json("search thank --facets");
  EXPECT_EQ(j["facets"]["country"], (nlohmann::json{{"FRA", 1}, {"IRN", 1}}));
  EXPECT_EQ(j["facets"]["year"], (nlohmann::json{{"2023", 1}, {"2024", 1}}));
}

TEST_F(SearchCli, TextOutput) {
  Rebuild();
  CliRun r = Run("search 'sahel elections'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "2023-09-20  k1efgh5678  General Assembly  General Assembly, 20th plenary meeting\n"
            "  1:00  sentence  NGA  M. Ibrahim: Les *élections* au *Sahel* doivent être libres.\n"
            "    https://transcripts.un.org/en/asset/k1e/k1efgh5678?t=1:00\n"
            "1 recording(s), 1 segment(s)\n");
  r = Run("search referendum");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "no match\n");
}

TEST_F(SearchCli, ExitCodesAndMessages) {
  Rebuild();
  struct Case {
    std::string args;
    int code;
    std::string err;
  };
  for (const Case& c : {
           Case{"search", 3, "timecite: error: empty query: give the words to search for"},
           Case{"search '  '", 3, "timecite: error: empty query"},
           Case{"search thank --from 2021-02-30", 3,
                "timecite: error: --from 2021-02-30 is not a calendar day (YYYY-MM-DD)\n"},
           Case{"search thank --from 2024-01-02 --to 2024-01-01", 3,
                "timecite: error: --to 2024-01-01 is before --from 2024-01-02\n"},
           Case{"search thank --date 2021-02-30", 3,
                "timecite: error: --date 2021-02-30: 2021-02-30 is not a calendar day"},
           Case{"search thank --country Atlantis", 3,
                "timecite: error: --country Atlantis: not an ISO 3166-1 alpha-3 code or a "
                "country name\n"},
           Case{"search '!!!'", 3, "timecite: error: query '!!!' has no word to search for\n"},
           Case{"search 'thank OR OR you'", 3,
                "timecite: error: malformed query 'thank OR OR you': OR needs words on both "
                "sides (Xapian: Syntax: <expression> OR <expression>)\n"},
           Case{"search thank --sort size", 3, "--sort: size not in {relevance,date}"},
       }) {
    CliRun r = Run(c.args);
    EXPECT_EQ(r.exit_code, c.code) << c.args << "\n" << r.out << r.err;
    EXPECT_EQ(r.err.rfind(c.err, 0) == 0 || r.err.find(c.err) != std::string::npos, true)
        << c.args << ": " << r.err;
  }
}

TEST_F(SearchCli, MissingOrDamagedIndexSaysTheRebuildCommand) {
  CliRun r = Run("search thank");
  EXPECT_EQ(r.exit_code, 1);
  const std::string db = (dir_ / "db").string();
  EXPECT_EQ(r.err, "timecite: error: no search index at " + db +
                       "/search; rebuild it with: timecite --db " + db + " index rebuild\n");
  std::filesystem::create_directories(dir_ / "db" / "search");
  std::ofstream(dir_ / "db" / "search" / "iamglass") << "garbage";
  r = Run("search thank");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("rebuild it with: timecite --db " + db + " index rebuild"),
            std::string::npos)
      << r.err;
  Rebuild();  // replaces the damaged one
  EXPECT_EQ(Run("search thank").exit_code, 0);
}

TEST_F(SearchCli, IndexStatusSaysHowFarBehind) {
  Rebuild();
  nlohmann::json st = Json("index status");
  EXPECT_EQ(st["in_step"], true);
  EXPECT_EQ(st["recordings_in_store"], 2);
  EXPECT_EQ(st["documents"], 4);
  {
    auto db = store::Store::Open(dir_ / "db", store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    ASSERT_OK((*db)->DeleteRecording("k1efgh5678"));
  }
  st = Json("index status");
  EXPECT_EQ(st["in_step"], false);
  EXPECT_EQ(st["extra"], nlohmann::json::array({"k1efgh5678"}));
  CliRun r = Run("index status");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("no longer in the store (1): k1efgh5678\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("behind the store: run `timecite index rebuild`"), std::string::npos);
}

}  // namespace
