#include "indexer/catalog/query.h"

#include "common/config.h"
#include "indexer/index_writer.h"
#include "indexer_test_util.h"
#include "store/store.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::Fixture;
using testing::TempDir;

constexpr std::string_view kTranscript = R"json({"video": {"id": "k1q/k1q2w3e4r5"},
  "transcript": {"language": "en", "data": [
    {"start": 12.0, "speaker": {"name": "Mr. Smith", "affiliation": "MLT", "function": "President"},
     "paragraphs": [{"sentences": [{"text": "I call the meeting to order.", "start": 12.0, "end": 15.4}]}]},
    {"start": 5380.5, "speaker": {"name": "Mr. Takht Ravanchi", "affiliation": "IRN", "function": "Representative"},
     "paragraphs": [{"sentences": [{"text": "Thank you, Madam President.", "start": 5380.5, "end": 5383.0},
                                   {"text": "We reject this draft resolution.", "start": 5384.0, "end": 5390.0}]}]}]}})json";

SearchQuery Q(std::string from, std::string to, std::string body, std::string affiliation,
              std::string words, std::size_t limit = 50) {
  SearchQuery q;
  q.from_date = std::move(from);
  q.to_date = std::move(to);
  q.body = std::move(body);
  q.affiliation = std::move(affiliation);
  q.words = std::move(words);
  q.limit = limit;
  return q;
}

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(tmp_.db(), store::OpenMode::kReadWrite);
    ASSERT_OK(opened);
    db_ = std::move(opened).value();
    IndexWriter writer(db_.get());

    RecordingSources council;
    council.asset_id = "k1q2w3e4r5";
    auto page = ParseAssetPage(Fixture("asset-page-security-council.html"), Builtin("webtv-asset"));
    ASSERT_OK(page);
    council.page = std::move(page).value();
    KalturaAnswer kaltura;
    kaltura.kind = KalturaAnswer::Kind::kEntry;
    kaltura.entry = {"1_zk3kwu7h", "SC", 10931500, 1729519200000, 2};
    council.kaltura = kaltura;
    auto transcript = ParseTranscript(kTranscript);
    ASSERT_OK(transcript);
    council.transcript = std::move(transcript).value();
    ASSERT_OK(writer.Index(council));

    RecordingSources assembly;
    assembly.asset_id = "k1l1v2e3x4";
    ScheduleCard card;
    card.title = "General Assembly: 30th plenary meeting, 79th session";
    card.body = "General Assembly";
    card.start_utc_ms = 1729625400000;  // 2024-10-22T19:30:00Z
    card.duration_ms = 3600000;
    assembly.card = card;
    assembly.captions = {{SegmentKind::kCaption, 60000, 64000, "", "", "", "en",
                          "The draft resolution is adopted."}};
    ASSERT_OK(writer.Index(assembly));
  }

  TempDir tmp_;
  std::unique_ptr<store::Store> db_;
};

TEST(QueryArgs, AssetIdFromArgument) {
  EXPECT_EQ(AssetIdFromArgument("k1obxycc3u").value(), "k1obxycc3u");
  EXPECT_EQ(AssetIdFromArgument("1_obxycc3u").value(), "k1obxycc3u");
  EXPECT_EQ(AssetIdFromArgument("https://media.un.org/en/asset/k1o/k1obxycc3u").value(),
            "k1obxycc3u");
  EXPECT_EQ(AssetIdFromArgument("https://transcripts.un.org/en/asset/k1o/k1obxycc3u.json").value(),
            "k1obxycc3u");
  EXPECT_EQ(AssetIdFromArgument("k1o/k1obxycc3u").value(), "k1obxycc3u");
  EXPECT_FALSE(AssetIdFromArgument("https://webtv.un.org/watch/x/1234567890123").ok());
  EXPECT_FALSE(AssetIdFromArgument("").ok());
  EXPECT_EQ(FormatClock(5380000), "1:29:40");
  EXPECT_EQ(FormatClock(2300999), "38:20");
}

TEST_F(QueryTest, ShowCountsSegments) {
  auto view = Show(*db_, "k1q2w3e4r5");
  ASSERT_OK(view);
  EXPECT_EQ(view->recording.title,
            "Threats to international peace and security - Security Council, 9748th meeting");
  EXPECT_EQ(view->segment_counts["statement"], 2u);
  EXPECT_EQ(view->segment_counts["sentence"], 3u);
  const nlohmann::json j = ToJson(*view);
  EXPECT_EQ(j["duration"], "3:02:11");
  EXPECT_EQ(j["meeting_symbol"], "S/PV.9748");
  EXPECT_EQ(j["segments"]["sentence"], 3);
  EXPECT_EQ(j["related"][0]["symbol"], "S/PV.9748");
  EXPECT_TRUE(Show(*db_, "k1zzzzzzzz").status().IsNotFound());
}

TEST_F(QueryTest, AtFindsStatementSentenceAndDeepLinks) {
  auto m = At(*db_, "k1q2w3e4r5", 5385000, Builtin("webtv-asset"));
  ASSERT_OK(m);
  EXPECT_FALSE(m->beyond_end);
  ASSERT_TRUE(m->statement);
  EXPECT_EQ(m->statement->speaker_name, "Mr. Takht Ravanchi");
  EXPECT_EQ(m->statement->affiliation, "IRN");
  ASSERT_TRUE(m->sentence);
  EXPECT_EQ(m->sentence->text, "We reject this draft resolution.");
  EXPECT_FALSE(m->caption);
  ASSERT_EQ(m->links.size(), 3u);
  EXPECT_EQ(m->links[0].name, "kaltura_player");
  EXPECT_EQ(m->links[0].url,
            "https://cdnapisec.kaltura.com/p/2503451/embedPlaykitJs/uiconf_id/49754663"
            "?iframeembed=true&entry_id=1_zk3kwu7h&kalturaSeekFrom=5385");
  EXPECT_EQ(m->links[1].url, "https://transcripts.un.org/en/asset/k1q/k1q2w3e4r5?t=1:29:45");
  EXPECT_EQ(m->links[2].url, "https://webtv.un.org/en/asset/k1q/k1q2w3e4r5");
  const nlohmann::json j = ToJson(*m);
  EXPECT_EQ(j["at"], "1:29:45");
  EXPECT_EQ(j["sentence"]["start"], "1:29:44");
  EXPECT_EQ(j["statement"]["function"], "Representative");

  // Between sentences: the statement still covers the moment.
  auto gap = At(*db_, "k1q2w3e4r5", 5383500, Builtin("webtv-asset"));
  ASSERT_OK(gap);
  EXPECT_TRUE(gap->statement);
  EXPECT_FALSE(gap->sentence);
}

// One set of deep-link templates and placeholders: the shipped profile and
// the example timecite.toml name the same templates with {start_s}; a user's
// profile still written with the old {seconds} gets the same links.
TEST_F(QueryTest, DeepLinksUseStartSAndTheExampleConfigMatchesTheProfile) {
  const Profile& builtin = Builtin("webtv-asset");
  auto config = LoadConfig(::timecite::testing::SourceDir() / "configs" / "timecite.toml");
  ASSERT_OK(config);
  ASSERT_EQ(config->deep_links.size(), builtin.links().size());
  for (const auto& [name, tmpl] : builtin.links()) {
    EXPECT_EQ(tmpl.find("{seconds}"), std::string::npos) << name;
    EXPECT_EQ(config->deep_links.at(name), tmpl) << name;
  }
  auto old = Profile::Parse(
      "name = \"mine\"\nkind = \"asset-page\"\n"
      "[fields.title]\nxpath = \"//h1\"\n[links]\n"
      "k = \"https://x.test/{asset_id}?s={seconds}&t={start_s}\"\n",
      "mine.toml");
  ASSERT_OK(old);
  auto m = At(*db_, "k1q2w3e4r5", 5385000, *old);
  ASSERT_OK(m);
  ASSERT_EQ(m->links.size(), 1u);
  EXPECT_EQ(m->links[0].url, "https://x.test/k1q2w3e4r5?s=5385&t=5385");
}

TEST_F(QueryTest, AtBeyondTheEndSaysSo) {
  auto m = At(*db_, "k1q2w3e4r5", 11000000, Builtin("webtv-asset"));
  ASSERT_OK(m);
  EXPECT_TRUE(m->beyond_end);
  EXPECT_FALSE(m->statement);
  EXPECT_TRUE(m->links.empty());
  EXPECT_EQ(ToJson(*m)["duration"], "3:02:11");
  EXPECT_FALSE(At(*db_, "k1q2w3e4r5", -1, Builtin("webtv-asset")).ok());
}

TEST_F(QueryTest, SearchByDateBodyAffiliationAndWords) {
  auto by_date = Search(*db_, Q("2024-10-21", "2024-10-21", "", "", ""));
  ASSERT_OK(by_date);
  ASSERT_EQ(by_date->size(), 1u);
  EXPECT_EQ((*by_date)[0].recording.asset_id, "k1q2w3e4r5");

  auto range = Search(*db_, Q("2024-10-01", "", "", "", ""));
  ASSERT_OK(range);
  EXPECT_EQ(range->size(), 2u);

  auto by_body = Search(*db_, Q("", "", "General Assembly", "", ""));
  ASSERT_OK(by_body);
  ASSERT_EQ(by_body->size(), 1u);
  EXPECT_EQ((*by_body)[0].recording.asset_id, "k1l1v2e3x4");

  auto iran = Search(*db_, Q("", "", "", "IRN", ""));
  ASSERT_OK(iran);
  ASSERT_EQ(iran->size(), 1u);  // its statement
  EXPECT_EQ((*iran)[0].segment->kind, store::SegmentKind::kStatement);
  EXPECT_EQ((*iran)[0].segment->start_ms, 5380500);

  auto words = Search(*db_, Q("", "", "", "", "DRAFT resolution"));
  ASSERT_OK(words);
  ASSERT_EQ(words->size(), 2u);  // a sentence and a caption
  EXPECT_EQ((*words)[0].recording.asset_id, "k1l1v2e3x4");
  EXPECT_EQ((*words)[0].segment->kind, store::SegmentKind::kCaption);
  EXPECT_EQ((*words)[1].segment->text, "We reject this draft resolution.");

  auto both = Search(*db_, Q("", "", "", "IRN", "draft"));
  ASSERT_OK(both);
  EXPECT_EQ(both->size(), 1u);

  auto limited = Search(*db_, Q("", "", "", "", "draft", 1));
  ASSERT_OK(limited);
  EXPECT_EQ(limited->size(), 1u);

  auto none = Search(*db_, Q("", "", "Trusteeship Council", "", "draft"));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());

  EXPECT_FALSE(Search(*db_, SearchQuery()).ok());
  EXPECT_FALSE(Search(*db_, Q("21 Oct 2024", "", "", "", "")).ok());
  const nlohmann::json j = ToJson(*iran);
  EXPECT_EQ(j[0]["segment"]["speaker"], "Mr. Takht Ravanchi");
}

}  // namespace
}  // namespace timecite::indexer
