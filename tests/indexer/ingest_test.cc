// End to end without the network: the in-process replica serves its world
// file (tests/replica/world.json) as webtv.un.org, Kaltura and UN Transcripts
// on loopback; a cpp-httplib client with the real Host header plays the
// crawler. Checks what `timecite crawl --asset/--schedule` will store and what
// `at` and `search` then answer.
#include "indexer/ingest.h"

#include <httplib.h>

#include "common/url.h"
#include "indexer/catalog/query.h"
#include "indexer_test_util.h"
#include "store/store.h"
#include "tools/replica/replica.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::TempDir;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto world = replica::LoadWorld(::timecite::testing::SourceDir() /
                                    "tests/replica/world.json");
    ASSERT_OK(world);
    auto started = replica::Replica::Start(std::move(world).value(),
                                           replica::ReplicaOptions{});
    ASSERT_OK(started);
    replica_ = std::move(started).value();
    auto opened = store::Store::Open(tmp_.db(), store::OpenMode::kReadWrite);
    ASSERT_OK(opened);
    db_ = std::move(opened).value();
    writer_ = std::make_unique<IndexWriter>(db_.get());
  }

  // One HTTP exchange with the replica, addressed by the real URL's host.
  HttpAnswer Fetch(const HttpRequest& request) {
    auto url = ParseUrl(request.url);
    if (!url.ok()) return {0, "", "bad url"};
    httplib::Client client("127.0.0.1", replica_->http_port());
    client.set_follow_location(false);
    const httplib::Headers headers = {{"Host", url->host}};
    const std::string target =
        url->path + (url->query.empty() ? "" : "?" + url->query);
    auto res = request.method == "POST"
                   ? client.Post(target.c_str(), headers, request.body,
                                 request.content_type.c_str())
                   : client.Get(target.c_str(), headers);
    if (!res) return {0, "", httplib::to_string(res.error())};
    return {res->status, res->body, ""};
  }

  FetchFn fetch() {
    return [this](const HttpRequest& r) { return Fetch(r); };
  }

  Result<IngestResult> Ingest(std::string_view asset_id) {
    return IngestAsset(asset_id, fetch(), asset_profile_, *writer_,
                       IngestOptions{});
  }

  TempDir tmp_;
  std::unique_ptr<replica::Replica> replica_;
  std::unique_ptr<store::Store> db_;
  std::unique_ptr<IndexWriter> writer_;
  Profile asset_profile_ = Builtin("webtv-asset");
  Profile schedule_profile_ = Builtin("webtv-schedule");
};

TEST(IngestRequests, RealUrlsAndKalturaBody) {
  EXPECT_EQ(AssetPageRequest("k1abcd1234", "fr").url,
            "https://webtv.un.org/fr/asset/k1a/k1abcd1234");
  EXPECT_EQ(TranscriptRequest("k1abcd1234", "en").url,
            "https://transcripts.un.org/en/asset/k1a/k1abcd1234.json");
  EXPECT_EQ(ScheduleRequest("2024-10-14", "en").url,
            "https://webtv.un.org/en/schedule/2024-10-14");
  const HttpRequest k = KalturaRequest("1_abcd1234");
  EXPECT_EQ(k.method, "POST");
  EXPECT_EQ(k.url, "https://cdnapisec.kaltura.com/api_v3/service/multirequest");
  const auto body = nlohmann::json::parse(k.body);
  EXPECT_EQ(body["1"]["widgetId"], "_2503451");
  EXPECT_EQ(body["2"]["filter"]["redirectFromEntryId"], "1_abcd1234");
  EXPECT_EQ(body["2"]["ks"], "{1:result:ks}");
}

TEST_F(IngestTest, RecordingWithTranscriptAnswersAtAndSearch) {
  auto result = Ingest("k1abcd1234");
  ASSERT_OK(result);
  EXPECT_EQ(result->stats.status, "ready");
  EXPECT_EQ(result->stats.statements, 2u);
  EXPECT_EQ(result->stats.sentences, 3u);
  EXPECT_TRUE(result->notes.empty());

  auto rec = db_->GetRecording("k1abcd1234");
  ASSERT_OK(rec);
  EXPECT_EQ(
      rec->title,
      "The situation in the Middle East - Security Council, 9748th meeting");
  EXPECT_EQ(rec->duration_ms, 5380512);  // Kaltura's msDuration
  EXPECT_EQ(rec->meeting_symbol, "S/PV.9748");
  EXPECT_EQ(rec->date, "2024-10-14");
  EXPECT_EQ(rec->entry_id, "1_abcd1234");

  auto moment = At(*db_, "k1abcd1234", 5380200, asset_profile_);
  ASSERT_OK(moment);
  ASSERT_TRUE(moment->statement);
  EXPECT_EQ(moment->statement->speaker_name, "Mr. Reza Tehrani");
  EXPECT_EQ(moment->statement->affiliation, "IRN");
  EXPECT_EQ(moment->statement->end_ms, 5380512);
  ASSERT_TRUE(moment->sentence);
  EXPECT_EQ(moment->sentence->text, "I thank you, Madam President.");
  auto beyond = At(*db_, "k1abcd1234", 5400000, asset_profile_);
  ASSERT_OK(beyond);
  EXPECT_TRUE(beyond->beyond_end);

  SearchQuery q;
  q.words = "provisional agenda";
  auto hits = Search(*db_, q);
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].segment->start_ms, 15400);
  SearchQuery by_country;
  by_country.affiliation = "NGA";
  hits = Search(*db_, by_country);
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].segment->speaker_name, "Ms. Amina Okafor");
}

TEST_F(IngestTest, RedirectedPlayerIdWithoutTranscript) {
  auto result = Ingest("k1r3dr3ct0");
  ASSERT_OK(result);
  EXPECT_EQ(result->stats.status, "ready");
  EXPECT_EQ(result->stats.statements, 0u);
  EXPECT_EQ(result->notes, (std::vector<std::string>{"no transcript"}));
  auto rec = db_->GetRecording("k1r3dr3ct0");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->player_id, "1_r3dr3ct0");
  EXPECT_EQ(rec->entry_id, "1_c4n0n1c4");
  EXPECT_EQ(rec->duration_ms, 3502000);
  auto moment = At(*db_, "k1r3dr3ct0", 60000, asset_profile_);
  ASSERT_OK(moment);
  EXPECT_FALSE(moment->statement);
  ASSERT_FALSE(moment->links.empty());
  EXPECT_NE(moment->links[0].url.find("entry_id=1_c4n0n1c4&kalturaSeekFrom=60"),
            std::string::npos);
}

TEST_F(IngestTest, DeletedAndUnpublishedAreRemoved) {
  auto deleted = Ingest("k1de1eted0");
  ASSERT_OK(deleted);
  EXPECT_EQ(deleted->stats.status, "removed");
  auto unpublished = Ingest("k1unpub001");  // 200 with the not-found page
  ASSERT_OK(unpublished);
  EXPECT_EQ(unpublished->stats.status, "removed");
  auto unknown = Ingest("k1zzzzzzzz");  // 404
  ASSERT_OK(unknown);
  EXPECT_EQ(unknown->stats.status, "removed");
  EXPECT_EQ(db_->GetRecording("k1zzzzzzzz")->status, "removed");
}

TEST_F(IngestTest, KalturaExceptionIsNotedAndThePageKept) {
  auto result = Ingest("k1kexcep01");
  ASSERT_OK(result);
  EXPECT_EQ(result->stats.status, "ready");
  ASSERT_FALSE(result->notes.empty());
  EXPECT_EQ(result->notes[0].rfind("Kaltura error ENTRY_ID_NOT_FOUND", 0), 0u)
      << result->notes[0];
  auto rec = db_->GetRecording("k1kexcep01");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->entry_id, "");
  EXPECT_EQ(rec->title, "Recording whose Kaltura lookup fails");
}

TEST_F(IngestTest, ScheduleDayIndexesEveryCard) {
  auto day = IngestSchedule("2024-10-14", fetch(), schedule_profile_,
                            asset_profile_, *writer_, IngestOptions{});
  ASSERT_OK(day);
  ASSERT_EQ(day->cards.size(), 2u);
  EXPECT_TRUE(day->failures.empty());
  ASSERT_EQ(day->indexed.size(), 2u);
  EXPECT_EQ(day->cards[0].start_utc_ms,
            1728900000000);  // 2024-10-14T10:00:00 read as UTC
  EXPECT_TRUE(day->cards[1].live);
  auto rec = db_->GetRecording("k1r3dr3ct0");
  ASSERT_OK(rec);
  EXPECT_EQ(rec->start_utc_ms, 1728918000000);
  EXPECT_EQ(rec->status, "live");
  SearchQuery q;
  q.from_date = q.to_date = "2024-10-14";
  auto hits = Search(*db_, q);
  ASSERT_OK(hits);
  EXPECT_EQ(hits->size(), 1u);  // k1r3dr3ct0 is dated 2022-02-07 by its page

  auto empty_day = IngestSchedule("2030-01-01", fetch(), schedule_profile_,
                                  asset_profile_, *writer_, IngestOptions{});
  ASSERT_OK(empty_day);
  EXPECT_TRUE(empty_day->cards.empty());
  EXPECT_FALSE(IngestSchedule("14/10/2024", fetch(), schedule_profile_,
                              asset_profile_, *writer_, IngestOptions{})
                   .ok());
}

TEST_F(IngestTest, RequestsAfterPageAreThoseIngestAssetMakes) {
  for (const char* id :
       {"k1abcd1234", "k1r3dr3ct0", "k1unpub001", "k1zzzzzzzz"}) {
    std::vector<std::string> made;
    FetchFn recording = [&](const HttpRequest& r) {
      made.push_back(r.method + " " + r.url + " " + r.body);
      return Fetch(r);
    };
    ASSERT_OK(
        IngestAsset(id, recording, asset_profile_, *writer_, IngestOptions{}));
    const HttpAnswer page = Fetch(AssetPageRequest(id, "en"));
    std::vector<std::string> predicted = {made[0]};
    for (const HttpRequest& r :
         RequestsAfterPage(id, page, asset_profile_, IngestOptions{})) {
      predicted.push_back(r.method + " " + r.url + " " + r.body);
    }
    EXPECT_EQ(made, predicted) << id;
  }
  const HttpRequest page = AssetPageRequest("k1abcd1234", "en");
  EXPECT_EQ(RequestsAfterPage("k1abcd1234", Fetch(page), asset_profile_,
                              IngestOptions{})
                .size(),
            2u);
  auto removed = RequestsAfterPage("k1zzzzzzzz", HttpAnswer{404, "", ""},
                                   asset_profile_, IngestOptions{});
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(
                removed[0].body)["2"]["filter"]["redirectFromEntryId"],
            "1_zzzzzzzz");
  EXPECT_TRUE(RequestsAfterPage("k1abcd1234", HttpAnswer{503, "", ""},
                                asset_profile_, IngestOptions{})
                  .empty());
  EXPECT_TRUE(RequestsAfterPage("k1abcd1234", HttpAnswer{0, "", "timeout"},
                                asset_profile_, IngestOptions{})
                  .empty());
}

TEST_F(IngestTest, NoAnswerWritesNothing) {
  FetchFn down = [](const HttpRequest&) {
    return HttpAnswer{0, "", "connection refused"};
  };
  auto result = IngestAsset("k1abcd1234", down, asset_profile_, *writer_,
                            IngestOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), Status::Code::kNetwork);
  EXPECT_TRUE(db_->GetRecording("k1abcd1234").status().IsNotFound());

  // The transcript host fails after a good page: the old segments stay.
  ASSERT_OK(Ingest("k1abcd1234"));
  FetchFn flaky = [this](const HttpRequest& r) {
    if (r.url.find("transcripts.un.org") != std::string::npos)
      return HttpAnswer{503, "", ""};
    return Fetch(r);
  };
  auto again = IngestAsset("k1abcd1234", flaky, asset_profile_, *writer_,
                           IngestOptions{});
  ASSERT_FALSE(again.ok());
  auto segments = db_->SegmentsOf("k1abcd1234");
  ASSERT_OK(segments);
  EXPECT_EQ(segments->size(), 5u);
}

}  // namespace
}  // namespace timecite::indexer
