// Online checks from the server (`timecite serve --allow-online`): refused
// without the flag; with it, POST /api/check?online=1 and the /check page's
// "online" box check a report against the replica (tests/replica/world.json,
// on loopback through --connect-to as the CLI's tests reach it) through
// pipeline::CheckOnline, and what was fetched shows in the store and the
// search index.
#include <httplib.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "replica_env.h"
#include "serve_env.h"
#include "tools/replica/world.h"

namespace timecite::serve {
namespace {

using Json = nlohmann::json;
using testing::ServeEnv;
using testing::TestOptions;

// Footnote 1 cites k1abcd1234 (Security Council, 14 October 2024, 1:29:40
// long) within the recording; footnote 2 cites it past its end.
const char* kReport =
    "# Draft\n\nThe Council met.[^1] Iran spoke later.[^2]\n\n"
    "[^1]: UN Web TV, 14 October 2024 (starting at 1:20:00), "
    "https://webtv.un.org/en/asset/k1a/k1abcd1234\n"
    "[^2]: UN Web TV, 14 October 2024 (starting at 2:10:00), "
    "https://webtv.un.org/en/asset/k1a/k1abcd1234\n";

std::set<std::string> Rules(const Json& citation) {
  std::set<std::string> rules;
  for (const Json& f : citation["findings"]) rules.insert(f.value("rule", ""));
  return rules;
}

// The /check form as a browser sends it with the "online" box ticked.
httplib::Result PostOnlineForm(httplib::Client& c) {
  httplib::MultipartFormDataItems items = {{"file", kReport, "draft.md", "text/markdown"},
                                           {"online", "1", "", ""}};
  return c.Post("/check", items);
}

TEST(ServeOnline, RefusedWithoutAllowOnline) {
  auto env = ServeEnv::Start(TestOptions());
  ASSERT_NE(env, nullptr);
  httplib::Client c("127.0.0.1", env->port());
  const httplib::Headers name = {{"X-Filename", "draft.md"}};
  auto res = c.Post("/api/check?online=1", name, kReport, "text/markdown");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  const Json j = Json::parse(res->body, nullptr, false);
  EXPECT_EQ(j.value("error", ""), "online_not_allowed");
  EXPECT_EQ(j.value("parameter", ""), "online");
  EXPECT_NE(j.value("message", "").find("--allow-online"), std::string::npos);
  auto bad = c.Post("/api/check?online=yes", name, kReport, "text/markdown");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Json::parse(bad->body, nullptr, false).value("parameter", ""), "online");
  // Offline still answers, and says so.
  auto offline = c.Post("/api/check", name, kReport, "text/markdown");
  ASSERT_TRUE(offline);
  ASSERT_EQ(offline->status, 200);
  const Json off = Json::parse(offline->body);
  EXPECT_EQ(off["mode"], "offline");
  for (const Json& citation : off["documents"][0]["citations"])
    EXPECT_EQ(citation["verdict"], "unverified") << citation.dump();
  // The page offers no online box, and refuses a form that asks anyway.
  auto form = c.Get("/check");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->body.find("name=\"online\""), std::string::npos);
  auto page = PostOnlineForm(c);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  EXPECT_NE(page->body.find("checks offline only"), std::string::npos);
}

TEST(ServeOnline, ChecksAgainstTheReplicaWithRealVerdicts) {
  auto world = replica::LoadWorld(::timecite::testing::SourceDir() / "tests/replica/world.json");
  ASSERT_OK(world);
  auto replica = crawler::testing::ReplicaEnv::Start(std::move(world).value());
  ASSERT_NE(replica, nullptr);
  ServeOptions o = TestOptions();
  o.allow_online = true;
  o.network.connect_to = replica->ConnectTo();
  o.network.ca_file = replica->ca_file();
  o.online.fetch.crawl.user_agent = "timecite-test/1.0";
  o.online.fetch.crawl.default_host_policy = {2, 0};  // no politeness delay on loopback
  auto env = ServeEnv::Start(o, /*archive=*/false);
  ASSERT_NE(env, nullptr);
  env->CloseWriter();  // the crawl that filled it ended: the lock is free
  httplib::Client c("127.0.0.1", env->port());
  c.set_read_timeout(120);
  auto before = c.Get("/api/recordings/k1abcd1234");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 404);

  const httplib::Headers name = {{"X-Filename", "draft.md"}};
  auto res = c.Post("/api/check?online=1", name, kReport, "text/markdown");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json j = Json::parse(res->body);
  EXPECT_EQ(j["mode"], "online");
  const Json& citations = j["documents"][0]["citations"];
  ASSERT_EQ(citations.size(), 2u);
  EXPECT_EQ(citations[0]["verdict"], "ok") << citations[0].dump();
  EXPECT_EQ(citations[1]["verdict"], "broken") << citations[1].dump();
  EXPECT_TRUE(Rules(citations[1]).count("timecode-beyond-end")) << citations[1].dump();

  // What the check fetched is in the store and the search index now.
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto rec = c.Get("/api/recordings/k1abcd1234");
    status = rec ? rec->status : 0;
  }
  EXPECT_EQ(status, 200);
  auto found = c.Get("/api/search?q=madam%20president");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(Json::parse(found->body)["recordings"][0]["asset_id"], "k1abcd1234");

  // The page: the box is offered, and the document comes back marked.
  auto form = c.Get("/check");
  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find("name=\"online\""), std::string::npos);
  auto page = PostOnlineForm(c);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("(checked online)"), std::string::npos);
  EXPECT_NE(page->body.find("<mark class=\"v-ok\""), std::string::npos);
  EXPECT_NE(page->body.find("<mark class=\"v-broken\""), std::string::npos);
}

}  // namespace
}  // namespace timecite::serve
