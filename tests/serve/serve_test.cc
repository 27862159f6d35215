// The JSON API and the pages of timecite::serve::Server, talked to over HTTP
// on loopback (cpp-httplib's client): real values for every endpoint and
// every error, escaping, the CSP, the rate limit, the upload cap, catching
// up with a writer, and stopping.
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "search/search.h"
#include "serve/cite.h"
#include "serve/regional_groups.h"
#include "serve_env.h"

namespace timecite::serve {
namespace {

using Json = nlohmann::json;
using testing::ServeEnv;
using testing::TestOptions;

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = ServeEnv::Start(TestOptions());
    ASSERT_NE(env_, nullptr);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", env_->port());
    client_->set_read_timeout(30);
  }

  // GET `path`: status and body parsed as JSON (null when it is not JSON).
  std::pair<int, Json> GetJson(const std::string& path) {
    auto res = client_->Get(path.c_str());
    if (!res) {
      ADD_FAILURE() << "no answer to " << path;
      return {0, nullptr};
    }
    return {res->status, Json::parse(res->body, nullptr, false)};
  }

  void ExpectError(const std::string& path, int status, const std::string& code,
                   const std::string& parameter = "") {
    auto [s, j] = GetJson(path);
    EXPECT_EQ(s, status) << path;
    ASSERT_TRUE(j.is_object()) << path;
    EXPECT_EQ(j.value("error", ""), code) << path << " " << j.dump();
    EXPECT_FALSE(j.value("message", "").empty()) << path;
    if (!parameter.empty()) {
      EXPECT_EQ(j.value("parameter", ""), parameter) << path;
    }
  }

  std::unique_ptr<ServeEnv> env_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServeTest, SearchGroupsHitsByRecordingWithSnippetsLinksAndFacets) {
  auto [status, j] = GetJson("/api/search?q=cooperation&facets=1");
  ASSERT_EQ(status, 200) << j.dump();
  EXPECT_EQ(j["matching_recordings"], 2);
  EXPECT_EQ(j["matching_segments"], 2);
  EXPECT_EQ(j["offset"], 0);
  EXPECT_EQ(j["limit"], 10);
  ASSERT_EQ(j["recordings"].size(), 2u);
  // Relevance (BM25): the shorter sentence first.
  const Json& first = j["recordings"][0];
  EXPECT_EQ(first["asset_id"], "k1xyz98765");
  ASSERT_EQ(first["segments"].size(), 1u);
  EXPECT_EQ(first["segments"][0]["snippet"], "**Cooperation** on climate is urgent.");
  const Json& second = j["recordings"][1];
  EXPECT_EQ(second["asset_id"], "k1abcd1234");
  ASSERT_EQ(second["segments"].size(), 1u);
  const Json& hit = second["segments"][0];
  EXPECT_EQ(hit["text"], "Nigeria calls for regional cooperation on water.");
  EXPECT_EQ(hit["snippet"], "Nigeria calls for regional **cooperation** on water.");
  EXPECT_EQ(hit["speaker"], "Ms. Amina Okafor");
  EXPECT_EQ(hit["moment"], "/r/k1abcd1234/0:01:40");
  // The deep links `timecite search` gives: UN Transcripts at the second.
  EXPECT_EQ(hit["links"]["transcripts"],
            "https://transcripts.un.org/en/asset/k1a/k1abcd1234?t=1:40");
  EXPECT_EQ(j["facets"]["country"], Json::parse(R"({"NGA":1})"));
  EXPECT_EQ(j["facets"]["year"], Json::parse(R"({"2021":1,"2024":1})"));
  EXPECT_EQ(j["facets"]["body"],
            Json::parse(R"({"General Assembly":1,"Security Council":1})"));
  // Without facets=1, none.
  auto [s0, plain] = GetJson("/api/search?q=cooperation");
  ASSERT_EQ(s0, 200);
  EXPECT_FALSE(plain.contains("facets"));

  // Filters, sort and paging.
  auto [s2, by_body] = GetJson("/api/search?q=cooperation&body=general%20assembly");
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(by_body["recordings"].size(), 1u);
  EXPECT_EQ(by_body["recordings"][0]["asset_id"], "k1xyz98765");
  auto [s3, page2] = GetJson("/api/search?q=cooperation&sort=date&limit=1&offset=1");
  ASSERT_EQ(s3, 200);
  EXPECT_EQ(page2["matching_recordings"], 2);
  ASSERT_EQ(page2["recordings"].size(), 1u);
  EXPECT_EQ(page2["recordings"][0]["asset_id"], "k1xyz98765");  // 2024 first, then 2021
  auto [s4, dated] = GetJson("/api/search?q=cooperation&from=2024-01-01&to=2024-12-31");
  ASSERT_EQ(s4, 200);
  EXPECT_EQ(dated["matching_recordings"], 1);
  EXPECT_EQ(dated["recordings"][0]["asset_id"], "k1abcd1234");
  // A country by code in any case or by name, in the six languages.
  for (const char* country : {"IRN", "irn", "Iran", "iran%20(islamic%20republic%20of)",
                              "%D8%A5%D9%8A%D8%B1%D8%A7%D9%86"}) {
    auto [s5, by_country] = GetJson(std::string("/api/search?q=madam%20president&country=") +
                                    country);
    ASSERT_EQ(s5, 200) << country << " " << by_country.dump();
    ASSERT_EQ(by_country["matching_segments"], 1) << country;
    EXPECT_EQ(by_country["recordings"][0]["segments"][0]["speaker"], "Mr. Reza Tehrani");
  }
  auto [s6, none] = GetJson("/api/search?q=madam%20president&country=NGA");
  ASSERT_EQ(s6, 200);
  EXPECT_EQ(none["matching_segments"], 0);
  // Arabic text, found by an Arabic query in its own language.
  auto [s7, ar] = GetJson("/api/search?q=%D8%A7%D9%84%D8%B1%D8%A6%D9%8A%D8%B3%D8%A9&lang=ar");
  ASSERT_EQ(s7, 200);
  ASSERT_EQ(ar["matching_segments"], 1);
  EXPECT_EQ(ar["recordings"][0]["segments"][0]["start_ms"], 300000);
}

TEST_F(ServeTest, SearchErrorsNameTheParameter) {
  ExpectError("/api/search?q=x&qq=y", 400, "unknown_parameter", "qq");
  ExpectError("/api/search?q=x&from=2024-02-30", 400, "invalid_parameter", "from");
  ExpectError("/api/search?q=x&to=14/10/2024", 400, "invalid_parameter", "to");
  ExpectError("/api/search?q=x&from=2024-05-01&to=2024-04-01", 400,
              "invalid_parameter", "to");
  ExpectError("/api/search?q=x&limit=0", 400, "invalid_parameter", "limit");
  ExpectError("/api/search?q=x&limit=-1", 400, "invalid_parameter", "limit");
  ExpectError("/api/search?q=x&limit=101", 400, "invalid_parameter", "limit");
  ExpectError("/api/search?q=x&offset=abc", 400, "invalid_parameter", "offset");
  ExpectError("/api/search?q=x&country=ng", 400, "invalid_parameter", "country");
  ExpectError("/api/search?q=x&country=Atlantis", 400, "invalid_parameter", "country");
  ExpectError("/api/search?q=x&lang=de", 400, "invalid_parameter", "lang");
  ExpectError("/api/search?q=x&sort=oldest", 400, "invalid_parameter", "sort");
  ExpectError("/api/search?q=x&facets=yes", 400, "invalid_parameter", "facets");
  ExpectError("/api/search?q=x&q=y", 400, "invalid_parameter", "q");
  ExpectError("/api/search", 400, "invalid_parameter", "q");
  ExpectError("/api/search?q=%20", 400, "invalid_parameter", "q");
  // What the search library refuses: a query Xapian cannot parse, one with no word.
  auto [s, j] = GetJson("/api/search?q=thank%20OR%20OR%20you");
  EXPECT_EQ(s, 400);
  EXPECT_EQ(j["error"], "invalid_parameter");
  EXPECT_EQ(j["parameter"], "q");
  EXPECT_EQ(j["message"],
            "q: malformed query 'thank OR OR you': OR needs words on both sides (Xapian: "
            "Syntax: <expression> OR <expression>)");
  ExpectError("/api/search?q=!!!", 400, "invalid_parameter", "q");
}

TEST_F(ServeTest, MissingOrDamagedIndexSaysHowToRebuildIt) {
  const std::filesystem::path index = search::IndexPathFor(env_->dir() / "db");
  std::filesystem::remove_all(index);
  // The readers the server holds are reopened after a catch-up; a new one fails.
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  auto [s, j] = GetJson("/api/search?q=cooperation");
  // An open reader may still read the removed files; the next catch-up cannot.
  for (int i = 0; i < 20 && s == 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    std::tie(s, j) = GetJson("/api/search?q=cooperation");
  }
  EXPECT_EQ(s, 503);
  EXPECT_EQ(j["error"], "search_index_missing");
  EXPECT_EQ(j["message"], "no search index at " + index.string() +
                              "; build it with: timecite --db " +
                              (env_->dir() / "db").string() + " index rebuild");
  // The page says the same.
  auto page = client_->Get("/search?q=cooperation");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 503);
  EXPECT_NE(page->body.find("index rebuild"), std::string::npos);

  std::filesystem::create_directories(index);
  std::ofstream(index / "iamglass") << "not a Xapian database";
  auto [s2, j2] = GetJson("/api/search?q=cooperation");
  EXPECT_EQ(s2, 503);
  EXPECT_EQ(j2["error"], "search_index_damaged");
  EXPECT_NE(j2.value("message", "").find("; rebuild it with: timecite --db "), std::string::npos)
      << j2.dump();

  // Rebuilt, it answers again without a restart.
  std::filesystem::remove_all(index);
  ASSERT_OK(search::Rebuild(env_->writer(), index).status());
  auto [s3, j3] = GetJson("/api/search?q=cooperation");
  EXPECT_EQ(s3, 200);
  EXPECT_EQ(j3["matching_recordings"], 2);
}

TEST_F(ServeTest, RecordingWithStatementsAndRegionalGroups) {
  auto [status, j] = GetJson("/api/recordings/k1abcd1234");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(j["title"], "The situation in the Middle East - Security Council, 9748th meeting");
  EXPECT_EQ(j["duration"], "1:40:00");
  EXPECT_EQ(j["meeting_symbol"], "S/PV.9748");
  EXPECT_EQ(j["segments"]["statement"], 3);
  EXPECT_EQ(j["segments"]["sentence"], 4);
  ASSERT_EQ(j["statements"].size(), 3u);
  EXPECT_EQ(j["statements"][0]["speaker"], "Ms. Amina Okafor");
  EXPECT_EQ(j["statements"][0]["start_ms"], 100000);
  EXPECT_EQ(j["statements"][0]["end_ms"], 200000);
  EXPECT_EQ(j["statements"][0]["regional_group"], "african");
  EXPECT_EQ(j["statements"][1]["regional_group"], "weog");
  EXPECT_EQ(j["statements"][2]["regional_group"], "asia-pacific");
  ExpectError("/api/recordings/k1n0th3re0", 404, "not_found");
  ExpectError("/api/recordings/not-an-id", 400, "invalid_parameter", "asset_id");
  ExpectError("/api/recordings/k1abcd1234?x=1", 400, "unknown_parameter", "x");
}

TEST_F(ServeTest, AtAMomentInEveryTimeForm) {
  for (const char* t : {"1:29:40", "89:40", "5380", "1h29m40s"}) {
    auto [status, j] = GetJson(std::string("/api/at/k1abcd1234/") + t);
    ASSERT_EQ(status, 200) << t;
    EXPECT_EQ(j["at_ms"], 5380000) << t;
    EXPECT_EQ(j["sentence"]["text"], "I thank you, Madam President.") << t;
    EXPECT_EQ(j["statement"]["affiliation"], "IRN") << t;
    EXPECT_EQ(j["links"]["transcripts"],
              "https://transcripts.un.org/en/asset/k1a/k1abcd1234?t=1:29:40");
    EXPECT_EQ(j["links"]["kaltura_player"].get<std::string>().find("kalturaSeekFrom=5380") !=
                  std::string::npos,
              true);
  }
  auto [fr_status, fr] = GetJson("/api/at/k1abcd1234/1:40?lang=fr");
  ASSERT_EQ(fr_status, 200);
  EXPECT_EQ(fr["links"]["webtv_page"], "https://webtv.un.org/fr/asset/k1a/k1abcd1234");
  ExpectError("/api/at/k1abcd1234/2:00:00", 404, "beyond_end", "time");
  ExpectError("/api/at/k1abcd1234/-5", 400, "invalid_parameter", "time");
  ExpectError("/api/at/k1abcd1234/1:75:00", 400, "invalid_parameter", "time");
  ExpectError("/api/at/k1abcd1234/soon", 400, "invalid_parameter", "time");
  ExpectError("/api/at/k1abcd1234/1:00?lang=de", 400, "invalid_parameter", "lang");
  ExpectError("/api/at/k1n0th3re0/1:00", 404, "not_found");
}

// What /api/cite writes, timecite's own extractor reads back as the same
// recording, second and day, in each of the six languages.
TEST_F(ServeTest, CitationsInSixLanguagesReadBackByTheExtractor) {
  const std::map<std::string, std::string> expected = {
      {"en", "UN Web TV, 14 October 2024 (starting at 1:29:40), "
             "https://webtv.un.org/en/asset/k1a/k1abcd1234"},
      {"fr", "UN Web TV, 14 octobre 2024 (à partir de 1:29:40), "
             "https://webtv.un.org/fr/asset/k1a/k1abcd1234"},
      {"es", "UN Web TV, 14 de octubre de 2024 (a partir del minuto 1:29:40), "
             "https://webtv.un.org/es/asset/k1a/k1abcd1234"},
      {"ru", "UN Web TV, 14 октября 2024 года (начиная с 1:29:40), "
             "https://webtv.un.org/ru/asset/k1a/k1abcd1234"},
      {"ar", "تلفزيون الأمم المتحدة على الإنترنت، 14 تشرين الأول/أكتوبر 2024 "
             "(ابتداء من الدقيقة 1:29:40)، https://webtv.un.org/ar/asset/k1a/k1abcd1234"},
      {"zh", "联合国网络电视，2024 年 10 月 14 日（1:29:40开始），"
             "https://webtv.un.org/zh/asset/k1a/k1abcd1234"},
  };
  for (const auto& [lang, footnote] : expected) {
    auto [status, j] = GetJson("/api/cite/k1abcd1234/1:29:40?lang=" + lang);
    ASSERT_EQ(status, 200) << lang;
    EXPECT_EQ(j["footnote"], footnote) << lang;
    EXPECT_EQ(j["at_ms"], 5380000);
    // Read back as a footnote of a report.
    const std::string report = "Text.[^1]\n\n[^1]: " + footnote.substr(0) + "\n";
    auto doc = linker::DocumentFromBytes("report.md", report);
    ASSERT_OK(doc);
    const auto citations = linker::ExtractCitations(*doc);
    ASSERT_EQ(citations.size(), 1u) << lang;
    const linker::Citation& c = citations[0];
    ASSERT_TRUE(c.asset.has_value()) << lang;
    EXPECT_EQ(c.asset->asset_id, "k1abcd1234") << lang;
    ASSERT_TRUE(c.start_ms.has_value()) << lang << ": " << footnote;
    EXPECT_EQ(*c.start_ms, 5380000) << lang;
    EXPECT_EQ(c.date, "2024-10-14") << lang;
  }
  auto plain = client_->Get("/api/cite/k1abcd1234/1:29:40?style=footnote&lang=zh");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(plain->body, expected.at("zh"));
  auto [csl_status, csl] = GetJson("/api/cite/k1abcd1234/5380?style=csl-json");
  ASSERT_EQ(csl_status, 200);
  ASSERT_TRUE(csl.is_array());
  EXPECT_EQ(csl[0]["type"], "broadcast");
  EXPECT_EQ(csl[0]["issued"]["date-parts"], Json::parse("[[2024,10,14]]"));
  EXPECT_EQ(csl[0]["number"], "S/PV.9748");
  EXPECT_NE(csl[0]["URL"].get<std::string>().find("kalturaSeekFrom=5380"), std::string::npos);
  ExpectError("/api/cite/k1abcd1234/1:00?lang=de", 400, "invalid_parameter", "lang");
  ExpectError("/api/cite/k1abcd1234/1:00?style=apa", 400, "invalid_parameter", "style");
  ExpectError("/api/cite/k1abcd1234/1:40:00", 404, "beyond_end", "time");
  ExpectError("/api/cite/k1abcd1234/1:00?format=x", 400, "unknown_parameter", "format");
}

const char* kReport =
    "The Council met.[^1] The Assembly too.[^2]\n\n"
    "[^1]: UN Web TV, 14 October 2024 (starting at 1:29:40), "
    "https://webtv.un.org/en/asset/k1a/k1abcd1234?utm_source=newsletter\n"
    "[^2]: UN Web TV, 8 March 2021, https://webtv.un.org/en/asset/k1x/k1xyz9876\n";

TEST_F(ServeTest, CheckAnswersAsCheckDoesInEveryFormat) {
  httplib::Headers name = {{"X-Filename", "report.md"}};
  auto res = client_->Post("/api/check", name, kReport, "text/markdown");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json j = Json::parse(res->body);
  EXPECT_EQ(j["mode"], "offline");
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["documents"][0]["path"], "report.md");
  const Json& citations = j["documents"][0]["citations"];
  ASSERT_EQ(citations.size(), 2u);
  EXPECT_EQ(citations[0]["verdict"], "warning") << citations[0].dump();
  EXPECT_EQ(citations[1]["verdict"], "broken") << citations[1].dump();
  EXPECT_EQ(j["summary"]["verdicts"]["broken"], 1);

  auto sarif = client_->Post("/api/check?format=sarif", name, kReport, "text/markdown");
  ASSERT_TRUE(sarif);
  EXPECT_EQ(sarif->status, 200);
  EXPECT_EQ(Json::parse(sarif->body)["version"], "2.1.0");
  auto junit = client_->Post("/api/check?format=junit", name, kReport, "text/markdown");
  ASSERT_TRUE(junit);
  EXPECT_NE(junit->body.find("<testsuite"), std::string::npos);
  auto md = client_->Post("/api/check?format=markdown", name, kReport, "text/markdown");
  ASSERT_TRUE(md);
  EXPECT_NE(md->body.find("broken"), std::string::npos);
  // The fixed copy: the tracking parameter dropped, the rest byte-exact.
  auto fixed = client_->Post("/api/check?fix=1", name, kReport, "text/markdown");
  ASSERT_TRUE(fixed);
  ASSERT_EQ(fixed->status, 200) << fixed->body;
  std::string want = kReport;
  want.erase(want.find("?utm_source=newsletter"), std::string("?utm_source=newsletter").size());
  EXPECT_EQ(fixed->body, want);

  // Multipart, the file name from its field.
  httplib::MultipartFormDataItems items = {{"file", kReport, "draft.md", "text/markdown"}};
  auto multi = client_->Post("/api/check", items);
  ASSERT_TRUE(multi);
  ASSERT_EQ(multi->status, 200);
  EXPECT_EQ(Json::parse(multi->body)["documents"][0]["path"], "draft.md");
}

TEST_F(ServeTest, CheckErrors) {
  auto post = [&](const std::string& path, const std::string& body) {
    auto res = client_->Post(path.c_str(), body, "application/octet-stream");
    EXPECT_TRUE(res);
    return res ? std::make_pair(res->status, Json::parse(res->body, nullptr, false))
               : std::make_pair(0, Json());
  };
  auto [s1, empty] = post("/api/check", "");
  EXPECT_EQ(s1, 400);
  EXPECT_EQ(empty["error"], "empty_upload");
  auto [s2, binary] = post("/api/check", std::string("text\0with a NUL", 15));
  EXPECT_EQ(s2, 422);
  EXPECT_EQ(binary["error"], "unreadable_document");
  auto [s3, format] = post("/api/check?format=pdf", kReport);
  EXPECT_EQ(s3, 400);
  EXPECT_EQ(format["parameter"], "format");
  auto [s4, unknown] = post("/api/check?deep=1", kReport);
  EXPECT_EQ(s4, 400);
  EXPECT_EQ(unknown["error"], "unknown_parameter");
  EXPECT_EQ(unknown["parameter"], "deep");
  // Online checks need --allow-online (tests/serve/online_test.cc checks them with it).
  auto [s4b, online] = post("/api/check?online=1", kReport);
  EXPECT_EQ(s4b, 403);
  EXPECT_EQ(online["error"], "online_not_allowed");
  auto [s5, nofile] = post("/api/check?fix=yes", kReport);
  EXPECT_EQ(s5, 400);
  EXPECT_EQ(nofile["parameter"], "fix");
  httplib::MultipartFormDataItems items = {{"other", kReport, "a.md", "text/markdown"}};
  auto multi = client_->Post("/api/check", items);
  ASSERT_TRUE(multi);
  EXPECT_EQ(multi->status, 400);
  EXPECT_EQ(Json::parse(multi->body)["error"], "missing_file");
}

TEST_F(ServeTest, UnknownPathsAreNotFoundAndNoPathNamesAFile) {
  ExpectError("/api/nothing", 404, "not_found");
  for (const char* path : {"/nothing", "/static/../../../../etc/passwd",
                           "/static/%2e%2e/%2e%2e/etc/passwd", "/r/..%2F..%2Fetc%2Fpasswd",
                           "/check/../../etc/passwd"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
  auto page = client_->Get("/nothing");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 404);
  EXPECT_NE(page->body.find("<html lang=\"en\">"), std::string::npos);
}

TEST_F(ServeTest, PagesEscapeEverythingAndHaveNoInlineScript) {
  auto res = client_->Get("/r/k1abcd1234");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; must stay text &amp; be escaped."),
            std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  // Every <script> has a src: no inline script for the CSP to refuse.
  const std::regex script("<script(?![^>]*\\ssrc=)");
  EXPECT_FALSE(std::regex_search(html, script));
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").find("script-src 'self'") !=
                std::string::npos,
            true);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  // The Arabic sentence is laid out by its own direction.
  EXPECT_NE(html.find("<span dir=\"auto\" lang=\"ar\">نشكر الرئيسة"), std::string::npos);
  // Timeline: one block per statement, linked to its moment, coloured by group.
  EXPECT_NE(html.find("<a href=\"/r/k1abcd1234/0:01:40\"><rect class=\"g-african\""),
            std::string::npos);
  EXPECT_NE(html.find("<rect class=\"g-weog\""), std::string::npos);
  EXPECT_NE(html.find("<rect class=\"g-asia-pacific\""), std::string::npos);
  // The meeting record, linked.
  EXPECT_NE(html.find("href=\"https://docs.un.org/S%2FPV.9748\""), std::string::npos);
  // Each timestamp opens UN Transcripts at that second.
  EXPECT_NE(html.find("href=\"https://transcripts.un.org/en/asset/k1a/k1abcd1234?t=1:29:40\""),
            std::string::npos);

  // A file name with markup, uploaded on /check.
  httplib::MultipartFormDataItems items = {
      {"file", kReport, "<img src=x onerror=alert(2)>.md", "text/markdown"}};
  auto check = client_->Post("/check", items);
  ASSERT_TRUE(check);
  ASSERT_EQ(check->status, 200);
  EXPECT_EQ(check->body.find("<img src=x"), std::string::npos);
  EXPECT_NE(check->body.find("&lt;img src=x onerror=alert(2)&gt;.md"), std::string::npos);
  // A file name is only ever its last component.
  httplib::MultipartFormDataItems traversal = {
      {"file", kReport, "../../etc/<b>passwd.md", "text/markdown"}};
  auto named = client_->Post("/api/check", traversal);
  ASSERT_TRUE(named);
  EXPECT_EQ(Json::parse(named->body)["documents"][0]["path"], "<b>passwd.md");
  EXPECT_FALSE(std::regex_search(check->body, script));

  // A query with markup on the search page.
  auto search = client_->Get("/search?q=%3Cimg%20src%3Dx%3E");
  ASSERT_TRUE(search);
  EXPECT_EQ(search->body.find("<img src=x>"), std::string::npos);
  EXPECT_NE(search->body.find("&lt;img src=x&gt;"), std::string::npos);
}

TEST_F(ServeTest, MomentPageHighlightsTheSentence) {
  auto res = client_->Get("/r/k1abcd1234/1:29:42");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<li id=\"moment\" class=\"hl\" aria-current=\"true\">"
                           "<a class=\"ts\" href=\"https://transcripts.un.org/en/asset/"
                           "k1a/k1abcd1234?t=1:29:40\""),
            std::string::npos);
  const std::size_t hl = res->body.find("id=\"moment\"");
  EXPECT_NE(res->body.find("I thank you, Madam President.", hl), std::string::npos);
  auto beyond = client_->Get("/r/k1abcd1234/3:00:00");
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 404);
  EXPECT_NE(beyond->body.find("past the end"), std::string::npos);
}

TEST_F(ServeTest, CheckPageMarksCitationsAndOffersDownloads) {
  httplib::MultipartFormDataItems items = {{"file", kReport, "report.md", "text/markdown"}};
  auto res = client_->Post("/check", items);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<mark class=\"v-broken\" title=\"broken\"><a href=\"#c2\">"
                           "https://webtv.un.org/en/asset/k1x/k1xyz9876</a></mark>"),
            std::string::npos)
      << res->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(res->body, m, std::regex("href=\"(/check/[0-9a-f]{32})\\.json\"")));
  const std::string base = m[1];
  auto json = client_->Get((base + ".json").c_str());
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_EQ(Json::parse(json->body)["summary"]["verdicts"]["broken"], 1);
  EXPECT_EQ(json->get_header_value("Content-Disposition"),
            "attachment; filename=\"report.md.json\"");
  auto sarif = client_->Get((base + ".sarif").c_str());
  ASSERT_TRUE(sarif);
  EXPECT_EQ(Json::parse(sarif->body)["version"], "2.1.0");
  auto fixed = client_->Get((base + ".fixed").c_str());
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->status, 200);
  EXPECT_EQ(fixed->body.find("utm_source"), std::string::npos);
  auto gone = client_->Get("/check/0123456789abcdef0123456789abcdef.json");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
}

TEST_F(ServeTest, OpenApiAndStaticFiles) {
  auto [status, api] = GetJson("/openapi.json");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(api["openapi"], "3.0.3");
  for (const char* path : {"/api/search", "/api/recordings/{asset_id}", "/api/at/{asset_id}/{time}",
                           "/api/cite/{asset_id}/{time}", "/api/check"}) {
    EXPECT_TRUE(api["paths"].contains(path)) << path;
  }
  auto ping = client_->Get("/static/ping.txt");
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->body.size(), 1024u);
  auto js = client_->Get("/static/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js->body.find("clipboard"), std::string::npos);
}

TEST_F(ServeTest, SeesWhatTheWriterAddsWithoutRestart) {
  auto [before, j] = GetJson("/api/recordings/k1n3wrec00");
  EXPECT_EQ(before, 404);
  store::Recording r;
  r.asset_id = "k1n3wrec00";
  r.title = "Added while serving";
  r.date = "2026-12-07";
  r.duration_ms = 60000;
  ASSERT_OK(env_->AddRecording(
      r, {testing::Seg(r.asset_id, store::SegmentKind::kSentence, 0, 5000, "", "",
                       "A sentence written while the server runs.")}));
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = GetJson("/api/recordings/k1n3wrec00").first;
  }
  EXPECT_EQ(status, 200);
  // The search index (reopened after the catch-up) has it too.
  auto [s, found] = GetJson("/api/search?q=while%20the%20server");
  EXPECT_EQ(s, 200);
  ASSERT_EQ(found["recordings"].size(), 1u) << found.dump();
  EXPECT_EQ(found["recordings"][0]["asset_id"], "k1n3wrec00");
  EXPECT_EQ(found["recordings"][0]["segments"][0]["snippet"],
            "A sentence written **while** **the** **server** runs.");
}

TEST(ServeLimits, RateLimitPerClient) {
  ServeOptions o = TestOptions();
  o.rate_per_second = 0.5;
  o.rate_burst = 3;
  auto env = ServeEnv::Start(o);
  ASSERT_NE(env, nullptr);
  httplib::Client c("127.0.0.1", env->port());
  for (int i = 0; i < 3; ++i) {
    auto res = c.Get("/static/ping.txt");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << i;
  }
  auto limited = c.Get("/api/search?q=x");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(Json::parse(limited->body)["error"], "rate_limited");
  const int wait = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 2);
}

TEST(ServeLimits, UploadOverTheCapIs413) {
  ServeOptions o = TestOptions();
  o.max_upload_bytes = 1024;
  auto env = ServeEnv::Start(o);
  ASSERT_NE(env, nullptr);
  httplib::Client c("127.0.0.1", env->port());
  auto ok = c.Post("/api/check", std::string(1000, 'a'), "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto big = c.Post("/api/check", std::string(2048, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(Json::parse(big->body, nullptr, false).value("error", ""), "too_large");
}

TEST(ServeLimits, BadOptionsAndMissingDatabase) {
  ServeOptions o = TestOptions();
  o.db = std::filesystem::temp_directory_path() / "timecite-serve-no-such-db";
  auto missing = Server::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("timecite-serve-no-such-db"), std::string::npos);
  o.max_upload_bytes = (256u << 20) + 1;
  EXPECT_EQ(Server::Create(o).status().code(), Status::Code::kInvalidArgument);
}

TEST(ServeLimits, StopEndsServing) {
  auto env = ServeEnv::Start(TestOptions());
  ASSERT_NE(env, nullptr);
  const int port = env->port();
  httplib::Client c("127.0.0.1", port);
  ASSERT_TRUE(c.Get("/static/ping.txt"));
  env->server().Stop();
  httplib::Client after("127.0.0.1", port);
  after.set_connection_timeout(1);
  EXPECT_FALSE(after.Get("/static/ping.txt"));
}

TEST(RegionalGroups, MemberStatesAndOthers) {
  EXPECT_EQ(RegionalGroupOf("NGA"), RegionalGroup::kAfrican);
  EXPECT_EQ(RegionalGroupOf("KIR"), RegionalGroup::kAsiaPacific);
  EXPECT_EQ(RegionalGroupOf("UKR"), RegionalGroup::kEasternEuropean);
  EXPECT_EQ(RegionalGroupOf("BRA"), RegionalGroup::kLatinAmericanCaribbean);
  EXPECT_EQ(RegionalGroupOf("USA"), RegionalGroup::kWesternEuropeanAndOther);
  EXPECT_EQ(RegionalGroupOf("TUR"), RegionalGroup::kWesternEuropeanAndOther);
  EXPECT_EQ(RegionalGroupOf("PSE"), RegionalGroup::kNone);  // an observer
  EXPECT_EQ(RegionalGroupOf(""), RegionalGroup::kNone);
  EXPECT_EQ(RegionalGroupName(RegionalGroup::kLatinAmericanCaribbean),
            "Latin American and Caribbean Group");
}

TEST(Cite, FirstOfTheMonthInFrenchAndBadInput) {
  store::Recording r;
  r.asset_id = "k1abcd1234";
  r.date = "2021-06-01";
  auto fr = FootnoteCitation(r, 45000, "fr");
  ASSERT_OK(fr);
  EXPECT_EQ(*fr, "UN Web TV, 1er juin 2021 (à partir de 0:45), "
                 "https://webtv.un.org/fr/asset/k1a/k1abcd1234");
  EXPECT_FALSE(FootnoteCitation(r, 0, "de").ok());
  r.date = "";
  EXPECT_EQ(FootnoteCitation(r, 0, "en").status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace timecite::serve
