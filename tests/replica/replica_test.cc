// The replica answers as the real hosts do, and injects faults per URL.
// Talks to it with cpp-httplib's client and an explicit Host header.
#include "tools/replica/replica.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "common/test_util.h"

namespace timecite::replica {
namespace {

using nlohmann::json;

class ReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto world = LoadWorld(timecite::testing::SourceDir() / "tests/replica/world.json");
    ASSERT_OK(world);
    World w = std::move(world).value();
    Fault f503;
    f503.url = "https://faults.replica.test/busy";
    f503.status = 503;
    f503.retry_after = "2";
    f503.times = 1;
    Fault reset;
    reset.url = "http://faults.replica.test/reset";
    reset.reset = true;
    Fault cut;
    cut.url = "http://faults.replica.test/cut";
    cut.body = std::string(1000, 'a');
    cut.truncate_at = 100;
    Fault date;
    date.url = "http://faults.replica.test/date";
    date.status = 429;
    date.retry_after_date_in_s = 2;
    Fault gate;
    gate.url = "http://faults.replica.test/gate";
    gate.cookie = "session=1";
    gate.body = "inside";
    w.faults = {f503, reset, cut, date, gate};
    w.pages.push_back({"http://faults.replica.test/busy", 200, "text/plain", "fine", {}});
    auto replica = Replica::Start(std::move(w), ReplicaOptions{});
    ASSERT_OK(replica);
    replica_ = std::move(replica).value();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", replica_->http_port());
  }

  httplib::Result Get(const std::string& host, const std::string& target,
                      httplib::Headers extra = {}) {
    extra.emplace("Host", host);
    return client_->Get(target.c_str(), extra);
  }

  std::unique_ptr<Replica> replica_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ReplicaTest, AssetPageCarriesTheDrupalFields) {
  auto res = Get("webtv.un.org", "/en/asset/k1a/k1abcd1234");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& b = res->body;
  EXPECT_NE(b.find("media-asset__title\">\n        <h2 class=\"field__item\">The situation in the "
                   "Middle East - Security Council, 9748th meeting</h2>"),
            std::string::npos);
  EXPECT_NE(b.find(">Video Length</div>\n        <div class=\"field__item\">01:29:40</div>"),
            std::string::npos);
  EXPECT_NE(b.find("<time datetime=\"2024-10-14T12:00:00Z\">"), std::string::npos);
  EXPECT_NE(b.find("data-a2a-url=\"https://webtv.un.org/en/asset/k1a/k1abcd1234\""),
            std::string::npos);
  EXPECT_NE(b.find("const kentryID = '1_abcd1234';"), std::string::npos);
  EXPECT_NE(b.find("partnerId: 2503451"), std::string::npos);
  EXPECT_NE(b.find("/thumbnail/entry_id/1_abcd1234/"), std::string::npos);
  EXPECT_NE(b.find("<a href=\"https://docs.un.org/S/PV.9748\" target=\"_blank\">"),
            std::string::npos);
  EXPECT_NE(b.find("Meetings &amp; Events</a> / <a"), std::string::npos);
}

TEST_F(ReplicaTest, MediaHostServesTheSameAssetsAndMissingOnesAre404) {
  auto res = Get("media.un.org", "/fr/asset/k1a/k1abcd1234");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("data-a2a-url=\"https://webtv.un.org/fr/asset/k1a/k1abcd1234\""),
            std::string::npos);
  auto wrong_folder = Get("webtv.un.org", "/en/asset/k1b/k1abcd1234");
  ASSERT_TRUE(wrong_folder);
  EXPECT_EQ(wrong_folder->status, 404);
  auto soft = Get("webtv.un.org", "/en/asset/k1u/k1unpub001");
  ASSERT_TRUE(soft);
  EXPECT_EQ(soft->status, 200);
  EXPECT_NE(soft->body.find("The requested page could not be found."), std::string::npos);
}

TEST_F(ReplicaTest, SchedulePageListsCards) {
  auto res = Get("webtv.un.org", "/en/schedule/2024-10-14");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("mediaun-timezone\" data-nid=\"140001\">2024-10-14T10:00:00-04:00<"),
            std::string::npos);
  EXPECT_NE(res->body.find("<span class=\"badge badge-dark\">01:29:40</span>"), std::string::npos);
  EXPECT_NE(res->body.find("text-uppercase\">Live</span>"), std::string::npos);
  EXPECT_NE(res->body.find("<h6 class=\"text-primary\">Security Council</h6>"),
            std::string::npos);
}

json Kaltura(httplib::Client& c, const std::string& id, const std::string& widget = "_2503451") {
  json req = {{"1", {{"service", "session"}, {"action", "startWidgetSession"}, {"widgetId", widget}}},
              {"2", {{"service", "baseEntry"}, {"action", "list"}, {"ks", "{1:result:ks}"},
                     {"filter", {{"redirectFromEntryId", id}}}}},
              {"apiVersion", "3.3.0"}, {"format", 1}, {"partnerId", 2503451}};
  auto res = c.Post("/api_v3/service/multirequest", {{"Host", "cdnapisec.kaltura.com"}},
                    req.dump(), "application/json");
  if (!res || res->status != 200) return json();
  return json::parse(res->body);
}

TEST_F(ReplicaTest, KalturaResolvesRedirectsAndReportsExceptions) {
  json a = Kaltura(*client_, "1_r3dr3ct0");
  ASSERT_TRUE(a.is_array());
  EXPECT_EQ(a[0]["objectType"], "KalturaStartWidgetSessionResponse");
  EXPECT_EQ(a[1]["objects"][0]["id"], "1_c4n0n1c4");
  EXPECT_EQ(a[1]["objects"][0]["msDuration"], 3502000);
  EXPECT_EQ(a[1]["objects"][0]["duration"], 3502);
  EXPECT_EQ(a[1]["objects"][0]["status"], 2);
  EXPECT_EQ(Kaltura(*client_, "1_de1eted0")[1]["objects"][0]["status"], 3);
  EXPECT_EQ(Kaltura(*client_, "1_zzzzzzzz")[1]["totalCount"], 0);
  json e = Kaltura(*client_, "1_kexcep01");
  EXPECT_EQ(e[1]["objectType"], "KalturaAPIException");
  EXPECT_EQ(e[1]["code"], "ENTRY_ID_NOT_FOUND");
  EXPECT_EQ(Kaltura(*client_, "1_abcd1234", "_1")[0]["objectType"], "KalturaAPIException");
}

TEST_F(ReplicaTest, TranscriptJsonHasStatementsAndSentences) {
  auto res = Get("transcripts.un.org", "/en/asset/k1a/k1abcd1234.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json t = json::parse(res->body);
  EXPECT_EQ(t["video"]["kaltura_id"], "1_abcd1234");
  EXPECT_EQ(t["video"]["pv_symbol"], "S/PV.9748");
  EXPECT_EQ(t["transcript"]["data"][1]["speaker"]["affiliation"], "IRN");
  EXPECT_DOUBLE_EQ(t["transcript"]["data"][1]["paragraphs"][0]["sentences"][0]["start"], 5380.0);
  auto none = Get("transcripts.un.org", "/en/asset/k1r/k1r3dr3ct0.json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST_F(ReplicaTest, DocumentHostsAndWayback) {
  auto undocs = Get("undocs.org", "/en/s/pv.9748");
  ASSERT_TRUE(undocs);
  EXPECT_EQ(undocs->status, 301);
  EXPECT_EQ(undocs->get_header_value("Location"), "http://docs.un.org/en/s/pv.9748");
  auto doc = Get("docs.un.org", "/en/s/pv.9748");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 200);
  EXPECT_EQ(doc->get_header_value("Content-Type"), "application/pdf");
  EXPECT_TRUE(doc->body.starts_with("%PDF-1.4"));
  EXPECT_NE(doc->body.find("(S/PV.9748) Tj"), std::string::npos);
  auto arm = Get("front.un-arm.org", "/wp-content/uploads/2021/03/A-AC.290-2021-CRP.2.pdf");
  ASSERT_TRUE(arm);
  EXPECT_EQ(arm->status, 200);
  auto wb = Get("web.archive.org", "/web/2/https://webtv.un.org/en/asset/k1abcd1234");
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->status, 302);
  EXPECT_EQ(wb->get_header_value("Location"),
            "https://web.archive.org/web/20241015093000/https://webtv.un.org/en/asset/k1abcd1234");
  auto avail = Get("archive.org", "/wayback/available?url=https://webtv.un.org/en/asset/k1abcd1234");
  ASSERT_TRUE(avail);
  EXPECT_EQ(json::parse(avail->body)["archived_snapshots"]["closest"]["timestamp"],
            "20241015093000");
  auto bot = Get("digitallibrary.un.org", "/record/3924425");
  ASSERT_TRUE(bot);
  EXPECT_EQ(bot->status, 202);
  EXPECT_EQ(bot->get_header_value("x-amzn-waf-action"), "challenge");
}

TEST_F(ReplicaTest, RobotsPerHost) {
  auto res = Get("webtv.un.org", "/robots.txt");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "User-agent: *\nDisallow: /en/search\nAllow: /en/asset/\n");
  auto none = Get("media.un.org", "/robots.txt");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST_F(ReplicaTest, FaultsApplyAsConfigured) {
  auto busy = Get("faults.replica.test", "/busy");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->get_header_value("Retry-After"), "2");
  auto again = Get("faults.replica.test", "/busy");  // times: 1
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->body, "fine");

  auto date = Get("faults.replica.test", "/date");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->status, 429);
  EXPECT_TRUE(date->get_header_value("Retry-After").ends_with(" GMT"));

  EXPECT_FALSE(Get("faults.replica.test", "/reset"));
  auto cut = Get("faults.replica.test", "/cut");
  EXPECT_TRUE(!cut || cut->body.size() < 1000);

  auto gate = Get("faults.replica.test", "/gate");
  ASSERT_TRUE(gate);
  EXPECT_EQ(gate->status, 302);
  EXPECT_EQ(gate->get_header_value("Set-Cookie"), "session=1; Path=/");
  auto inside = Get("faults.replica.test", "/gate", {{"Cookie", "session=1"}});
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->body, "inside");
}

TEST_F(ReplicaTest, RecordsEveryRequestWithHeaders) {
  replica_->ClearRequests();
  ASSERT_TRUE(Get("webtv.un.org", "/en/asset/k1a/k1abcd1234", {{"User-Agent", "probe/1"}}));
  ASSERT_TRUE(Get("docs.un.org", "/S/PV.9748"));
  auto log = replica_->Requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].host, "webtv.un.org");
  EXPECT_EQ(log[0].target, "/en/asset/k1a/k1abcd1234");
  EXPECT_EQ(log[0].Header("user-agent"), "probe/1");
  EXPECT_LE(log[0].t_ms, log[1].t_ms);
  EXPECT_EQ(replica_->RequestsTo("docs.un.org").size(), 1u);
  auto dump = Get("webtv.un.org", "/__requests");
  ASSERT_TRUE(dump);
  EXPECT_EQ(json::parse(dump->body).size(), 2u);
}

TEST(WorldTest, DerivesPlayerIdsAndRejectsBadFiles) {
  EXPECT_EQ(PlayerIdOf("k1obxycc3u"), "1_obxycc3u");
  EXPECT_EQ(PlayerIdOf("k1short"), "");
  auto w = ParseWorld(R"({"recordings":[{"asset_id":"k1obxycc3u","entry_id":"1_other000"}]})");
  ASSERT_OK(w);
  EXPECT_EQ(w->recordings[0].player_id, "1_obxycc3u");
  EXPECT_EQ(w->FindEntry("1_obxycc3u"), &w->recordings[0]);
  EXPECT_FALSE(ParseWorld("[1,2]").ok());
  EXPECT_FALSE(ParseWorld(R"({"recordings":[{"duration_ms":"long"}]})").ok());
}

}  // namespace
}  // namespace timecite::replica
