// The online rules (linker/checks/verify.h) over a store filled by the test: fetch
// records, histories, bodies, recordings and segments as the crawler and the
// indexer would have written them.
#include "linker/checks/verify.h"
#include "linker/checks/not_found_probe.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "common/test_util.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"

namespace timecite::linker {
namespace {

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kNow = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

class TempDb {
 public:
  TempDb() {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("timecite-verify-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(n++));
    std::filesystem::remove_all(dir_);
    auto db = store::Store::Open(dir_, store::OpenMode::kReadWrite);
    EXPECT_OK(db);
    db_ = std::move(db).value();
  }
  ~TempDb() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  store::Store& db() { return *db_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> db_;
};

class VerifyTest : public ::testing::Test {
 protected:
  // Stores a fetch of `url` at `at_ms` (latest and history).
  void Fetch(const std::string& url, int status,
             ErrorClass error = ErrorClass::kOk, int64_t at_ms = kNow,
             const std::string& body = "",
             const std::string& content_type = "text/html; charset=UTF-8",
             const std::vector<store::RedirectHop>& hops = {},
             const std::string& final_url = "") {
    store::FetchRecord r;
    r.url = url;
    r.status = status;
    r.error = error;
    r.final_url = final_url.empty() ? url : final_url;
    r.redirects = hops;
    r.content_type = content_type;
    r.fetched_at_ms = at_ms;
    r.attempts = 1;
    if (!body.empty()) {
      r.body_hash = "sha256:" + std::to_string(std::hash<std::string>{}(body));
      ASSERT_OK(tmp_.db().PutBody(r.body_hash, body));
    }
    ASSERT_OK(tmp_.db().PutFetch(r));
    ASSERT_OK(tmp_.db().AppendFetchLog(url, at_ms, r));
  }

  void Recording(const std::string& asset_id, int64_t duration_ms,
                 const std::string& date, const std::string& status = "ready",
                 const std::string& entry_id = "",
                 const std::vector<store::Segment>& segments = {},
                 const std::string& removed_because = "") {
    store::Recording rec;
    rec.asset_id = asset_id;
    rec.player_id = "1_" + asset_id.substr(2);
    rec.entry_id = entry_id.empty() ? rec.player_id : entry_id;
    rec.title = "A meeting";
    rec.date = date;
    rec.duration_ms = duration_ms;
    rec.status = status;
    if (!removed_because.empty())
      rec.extra["removed_because"] = removed_because;
    ASSERT_OK(tmp_.db().PutRecording(rec, segments));
  }

  static store::Segment Statement(const std::string& asset, int64_t start,
                                  int64_t end, const std::string& iso3,
                                  uint32_t seq) {
    store::Segment s;
    s.asset_id = asset;
    s.kind = store::SegmentKind::kStatement;
    s.start_ms = start;
    s.end_ms = end;
    s.seq = seq;
    s.affiliation = iso3;
    s.speaker_name = "Speaker " + iso3;
    s.language = "en";
    return s;
  }
  static store::Segment Sentence(const std::string& asset, int64_t start,
                                 int64_t end, const std::string& text,
                                 uint32_t seq, const std::string& lang = "en") {
    store::Segment s;
    s.asset_id = asset;
    s.kind = store::SegmentKind::kSentence;
    s.start_ms = start;
    s.end_ms = end;
    s.seq = seq;
    s.text = text;
    s.language = lang;
    return s;
  }

  std::vector<CheckedCitation> Check(const std::string& markdown) {
    auto doc = DocumentFromBytes("report.md", markdown);
    EXPECT_OK(doc);
    CheckOptions check;
    check.offline = false;
    Status verified = Status::Ok();
    check.online = [&](std::vector<CheckedCitation>& all) {
      verified = VerifyCitations(all, tmp_.db(), options_);
    };
    auto out = CheckCitations(ExtractCitations(*doc), check);
    EXPECT_OK(verified);
    return out;
  }

  static const Finding* Find(const CheckedCitation& c,
                             const std::string& rule) {
    for (const Finding& f : c.findings) {
      if (f.rule == rule) return &f;
    }
    return nullptr;
  }

  TempDb tmp_;
  VerifyOptions options_ = [] {
    VerifyOptions o;
    o.now_ms = kNow;
    return o;
  }();
};

TEST_F(VerifyTest, AnOkLinkIsOkAndAnUnfetchedOneUnverified) {
  Fetch("https://example.org/a", 200);
  auto out =
      Check("See https://example.org/a and https://example.org/b here.\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].verdict, Verdict::kOk);
  EXPECT_TRUE(out[0].findings.empty());
  EXPECT_EQ(out[1].verdict, Verdict::kUnverified);
  EXPECT_EQ(out[1].reason, "not fetched");
}

TEST_F(VerifyTest, NotFoundIsBrokenWithTheArchiveCopy) {
  Fetch("https://example.org/gone", 404, ErrorClass::kHttpStatus);
  options_.archive_url = [](const std::string& url) {
    return url == "https://example.org/gone"
               ? "https://web.archive.org/web/20210308000000/https://"
                 "example.org/gone"
               : "";
  };
  auto out = Check("See https://example.org/gone\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].verdict, Verdict::kBroken);
  const Finding* f = Find(out[0], "link-broken");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->message, "the link is dead: HTTP 404; an archived copy exists");
  EXPECT_EQ(
      f->suggestion,
      "https://web.archive.org/web/20210308000000/https://example.org/gone");
}

TEST_F(VerifyTest, PermanentRedirectSuggestsTheNewUrlTemporaryDoesNot) {
  Fetch("https://example.org/old", 200, ErrorClass::kOk, kNow, "", "text/html",
        {{301, "https://example.org/new"}}, "https://example.org/new");
  Fetch("https://example.org/tmp", 200, ErrorClass::kOk, kNow, "", "text/html",
        {{302, "https://example.org/elsewhere"}},
        "https://example.org/elsewhere");
  auto out = Check("A https://example.org/old B https://example.org/tmp\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].verdict, Verdict::kWarning);
  const Finding* f = Find(out[0], "link-redirected");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->suggestion, "https://example.org/new");
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
  EXPECT_TRUE(out[1].findings.empty());
}

TEST_F(VerifyTest, SoftNotFoundPagesAndRedirectsToTheHomePage) {
  Fetch("https://example.org/doc", 200, ErrorClass::kOk, kNow,
        "<html><head><title>Page not found | "
        "Example</title></head><body>x</body></html>");
  Fetch("https://example.org/deep/page", 200, ErrorClass::kOk, kNow,
        "<html><title>Home</title></html>", "text/html",
        {{301, "https://example.org/"}}, "https://example.org/");
  Fetch("https://example.org/fine", 200, ErrorClass::kOk, kNow,
        "<html><title>Annual report</title><h1>Results</h1></html>");
  // A 302 to the home page is one too (the eval set's deep links sent home).
  Fetch("https://example.org/fr/sections/issues-depth/x", 200, ErrorClass::kOk, kNow,
        "<html><title>Home</title></html>", "text/html",
        {{302, "https://example.org/fr/"}}, "https://example.org/fr/");
  // A 302 elsewhere is no finding.
  Fetch("https://example.org/a/b", 200, ErrorClass::kOk, kNow, "<html></html>", "text/html",
        {{302, "https://example.org/c/d"}}, "https://example.org/c/d");
  auto out = Check(
      "A https://example.org/doc B https://example.org/deep/page C "
      "https://example.org/fine D https://example.org/fr/sections/issues-depth/x "
      "E https://example.org/a/b\n");
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[3].verdict, Verdict::kBroken);
  ASSERT_NE(Find(out[3], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[3], "soft-404")->message,
            "redirected to the site's home page https://example.org/fr/");
  EXPECT_EQ(out[4].verdict, Verdict::kOk);
  EXPECT_TRUE(out[4].findings.empty());
  // Only the title says "not found": a warning, never broken (issue 20).
  EXPECT_EQ(out[0].verdict, Verdict::kWarning);
  ASSERT_NE(Find(out[0], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[0], "soft-404")->severity, Severity::kWarning);
  EXPECT_EQ(Find(out[0], "soft-404")->message,
            "HTTP 200 and the page's title or heading reads like a not-found "
            "page; only the title says so (check the page)");
  ASSERT_NE(Find(out[1], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[1], "soft-404")->message,
            "redirected to the site's home page https://example.org/");
  EXPECT_EQ(out[2].verdict, Verdict::kOk);
}

// The eval set's not-found-title trap (tests/eval, #13 of every report): real
// pages whose titles use the words as ordinary language are not broken; UN
// Web TV's own not-found page, served with 200, is.
TEST_F(VerifyTest, ATitleAloneIsNotASoft404ButTheKnownNotFoundPageIs) {
  Fetch("https://news.example/en/1087021", 200, ErrorClass::kOk, kNow,
        "<html><head><title>Security Council resolution 404 (1977) on "
        "Benin</title></head><h1>Resolution 404</h1></html>");
  Fetch("https://news.example/fr/1087022", 200, ErrorClass::kOk, kNow,
        "<html><title>Paix : page non trouvée dans les accords</title></html>");
  Fetch("https://news.example/zh/1087023", 200, ErrorClass::kOk, kNow,
        "<html><title>找不到的和平</title></html>");
  Fetch("https://news.example/gone", 200, ErrorClass::kOk, kNow,
        "<html><title>UN Web TV</title><p>The requested page could not be "
        "found.</p></html>");
  auto out = Check(
      "A https://news.example/en/1087021 B https://news.example/fr/1087022 C "
      "https://news.example/zh/1087023 D https://news.example/gone\n");
  ASSERT_EQ(out.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(out[i].verdict, Verdict::kWarning) << i;
    ASSERT_NE(Find(out[i], "soft-404"), nullptr) << i;
    EXPECT_EQ(Find(out[i], "soft-404")->severity, Severity::kWarning) << i;
  }
  EXPECT_EQ(out[3].verdict, Verdict::kBroken);
  ASSERT_NE(Find(out[3], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[3], "soft-404")->severity, Severity::kError);
  EXPECT_EQ(Find(out[3], "soft-404")->message,
            "HTTP 200 but the page says it does not exist");
  EXPECT_EQ(NotFoundPageEvidence("<title>Resolution 404 (1977)</title>"),
            NotFoundEvidence::kTitleOnly);
  EXPECT_EQ(NotFoundPageEvidence("<p>The requested page could not be found.</p>"),
            NotFoundEvidence::kKnownPage);
  EXPECT_EQ(NotFoundPageEvidence("<title>Annual report</title>"),
            NotFoundEvidence::kNone);
}

// Soft 404 by a host probe (linker/checks/not_found_probe.h): the page is
// compared with what its host answers for a page that cannot exist.
TEST(NotFoundProbe, OneProbeUrlPerHostAndDirectoryPattern) {
  const std::string seg(kProbeSegment);
  EXPECT_EQ(NotFoundProbeUrl("https://news.un.org/fr/story/2023/12/1087007"),
            "https://news.un.org/fr/story/0000/00/" + seg);
  EXPECT_EQ(NotFoundProbeUrl("https://news.un.org/fr/story/2021/07/1087014?x=1#a"),
            "https://news.un.org/fr/story/0000/00/" + seg);
  EXPECT_EQ(NotFoundProbeUrl("https://www.un.org/fr/sections/issues-depth/topic-1/"),
            "https://www.un.org/fr/sections/issues-depth/" + seg + "/");
  EXPECT_EQ(NotFoundProbeUrl("http://www.un.org:8080/en/press/2019/sc13800.doc.htm"),
            "http://www.un.org:8080/en/press/0000/" + seg + ".htm");
  EXPECT_EQ(NotFoundProbeUrl("https://example.org/"), "https://example.org/" + seg);
  EXPECT_EQ(NotFoundProbeUrl("https://example.org/watch/ga-12-x/6243700012"),
            "https://example.org/watch/ga-00-x/" + seg);
  EXPECT_EQ(NotFoundProbeUrl("mailto:a@b.org"), "");
  EXPECT_EQ(NotFoundProbeUrl("not a url"), "");
}

TEST_F(VerifyTest, TheHostsNotFoundAnswerDecidesASoft404) {
  const std::string seg(kProbeSegment);
  // news.example answers 404 for a page that does not exist: a 200 page
  // titled "page non trouvée" is a real page.
  Fetch("https://news.example/fr/2023/1087022", 200, ErrorClass::kOk, kNow,
        "<html><title>Paix : page non trouvée dans les accords</title></html>");
  Fetch("https://news.example/fr/0000/" + seg, 404, ErrorClass::kHttpStatus, kNow,
        "<html><title>Page not found</title></html>");
  // soft.example answers 200 with its not-found page, echoing the path:
  // the cited page is that page.
  const std::string soft_page =
      "<html><head><title>Not found</title></head><body><p>Sorry, %s is not "
      "here. Try the search box or the site map of Soft Example.</p></body></html>";
  auto soft = [&](const std::string& path) {
    std::string b = soft_page;
    b.replace(b.find("%s"), 2, path);
    return b;
  };
  Fetch("https://soft.example/docs/a1", 200, ErrorClass::kOk, kNow, soft("/docs/a1"));
  Fetch("https://soft.example/docs/" + seg, 200, ErrorClass::kOk, kNow,
        soft("/docs/" + seg));
  // ...and a page of the same host titled "404" that is another page.
  Fetch("https://soft.example/res/404", 200, ErrorClass::kOk, kNow,
        "<html><title>Resolution 404 (1977)</title><body><p>The Security "
        "Council, recalling its resolutions on Benin, condemns the act of "
        "armed aggression.</p></body></html>");
  Fetch("https://soft.example/res/" + seg, 200, ErrorClass::kOk, kNow,
        soft("/res/" + seg));
  // home.example sends every missing page home; far.example answers 404.
  Fetch("https://home.example/a/deep", 200, ErrorClass::kOk, kNow,
        "<html><title>Home</title></html>", "text/html",
        {{302, "https://home.example/"}}, "https://home.example/");
  Fetch("https://home.example/a/" + seg, 200, ErrorClass::kOk, kNow,
        "<html><title>Home</title></html>", "text/html",
        {{302, "https://home.example/"}}, "https://home.example/");
  Fetch("https://far.example/a/deep", 200, ErrorClass::kOk, kNow,
        "<html><title>Home</title></html>", "text/html",
        {{301, "https://far.example/en/"}}, "https://far.example/en/");
  Fetch("https://far.example/a/" + seg, 404, ErrorClass::kHttpStatus, kNow);
  // A probe that got no answer (a timeout) decides nothing: title-only.
  Fetch("https://slow.example/x/404-report", 200, ErrorClass::kOk, kNow,
        "<html><title>404 report</title></html>");
  Fetch("https://slow.example/x/" + seg, 0, ErrorClass::kTimeout, kNow);

  auto out = Check(
      "A https://news.example/fr/2023/1087022 B https://soft.example/docs/a1 "
      "C https://soft.example/res/404 D https://home.example/a/deep "
      "E https://far.example/a/deep F https://slow.example/x/404-report\n");
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0].verdict, Verdict::kOk);
  EXPECT_TRUE(out[0].findings.empty());
  EXPECT_EQ(out[1].verdict, Verdict::kBroken);
  ASSERT_NE(Find(out[1], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[1], "soft-404")->message,
            "HTTP 200 but the page is what the host answers for a page that "
            "does not exist (https://soft.example/docs/" + seg + ")");
  EXPECT_EQ(out[2].verdict, Verdict::kOk);
  EXPECT_TRUE(out[2].findings.empty());
  EXPECT_EQ(out[3].verdict, Verdict::kBroken);
  ASSERT_NE(Find(out[3], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[3], "soft-404")->message,
            "redirected to the site's home page https://home.example/, as is a "
            "page that does not exist");
  EXPECT_EQ(out[4].verdict, Verdict::kWarning);
  ASSERT_NE(Find(out[4], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[4], "soft-404")->severity, Severity::kWarning);
  EXPECT_EQ(Find(out[4], "soft-404")->message,
            "redirected to the site's home page https://far.example/en/; the "
            "host answers HTTP 404 for a page that does not exist, so it may "
            "have been sent there on purpose (check the page)");
  EXPECT_EQ(out[5].verdict, Verdict::kWarning);
  ASSERT_NE(Find(out[5], "soft-404"), nullptr);
  EXPECT_EQ(Find(out[5], "soft-404")->severity, Severity::kWarning);

  // The plan names one probe per pattern, only for the suspect answers.
  std::vector<Citation> cites;
  for (const auto& c : out) cites.push_back(c.citation);
  Fetch("https://news.example/fr/2024/1087023", 200, ErrorClass::kOk, kNow,
        "<html><title>Nothing suspect</title></html>");
  auto doc = DocumentFromBytes(
      "r.md", "https://news.example/fr/2024/1087023 https://news.example/fr/2023/1087022\n");
  ASSERT_OK(doc);
  for (Citation& c : ExtractCitations(*doc)) cites.push_back(c);
  auto plan = PlanNotFoundProbes(cites, tmp_.db(), options_);
  ASSERT_OK(plan);
  EXPECT_EQ(*plan, (std::vector<std::string>{
                       "https://news.example/fr/0000/" + seg,
                       "https://soft.example/docs/" + seg,
                       "https://soft.example/res/" + seg,
                       "https://home.example/a/" + seg,
                       "https://far.example/a/" + seg,
                       "https://slow.example/x/" + seg}));
}

TEST_F(VerifyTest, CouldNotTellIsUnverifiedWithItsReason) {
  Fetch("https://a.example/x", 0, ErrorClass::kTimeout);
  Fetch("https://b.example/x", 429, ErrorClass::kHttpStatus);
  Fetch("https://c.example/x", 0, ErrorClass::kTls);
  Fetch("https://d.example/x", 202, ErrorClass::kBotChallenge);
  Fetch("https://e.example/x", 503, ErrorClass::kHttpStatus);
  Fetch("https://f.example/x", 0, ErrorClass::kDns);
  auto out = Check(
      "https://a.example/x https://b.example/x https://c.example/x "
      "https://d.example/x "
      "https://e.example/x https://f.example/x\n");
  ASSERT_EQ(out.size(), 6u);
  for (const auto& c : out)
    EXPECT_EQ(c.verdict, Verdict::kUnverified) << c.citation.url_written;
  EXPECT_EQ(out[0].reason, "no answer: timeout");
  ASSERT_NE(Find(out[0], "link-unreachable"), nullptr);
  EXPECT_EQ(out[1].reason, "rate limited (HTTP 429)");
  ASSERT_NE(Find(out[1], "link-rate-limited"), nullptr);
  EXPECT_EQ(out[2].reason, "TLS failed");
  ASSERT_NE(Find(out[2], "tls-error"), nullptr);
  EXPECT_EQ(out[3].reason, "a bot challenge answered instead of the page");
  EXPECT_EQ(out[4].reason, "server error HTTP 503");
  EXPECT_EQ(out[5].reason, "DNS lookup failed");
}

TEST_F(VerifyTest, DowngradeTooLargeAndPrivateAddress) {
  Fetch("https://a.example/x", 200, ErrorClass::kOk, kNow, "<html>page</html>",
        "text/html; charset=UTF-8",
        {{302, "http://a.example/x"}}, "http://a.example/x");
  Fetch("https://b.example/big.pdf", 200, ErrorClass::kTooLarge);
  Fetch("https://c.example/x", 302, ErrorClass::kPrivateAddress, kNow, "", "",
        {{302, "http://127.0.0.2/"}}, "http://127.0.0.2/");
  auto out = Check("https://a.example/x https://b.example/big.pdf https://c.example/x\n");
  ASSERT_EQ(out.size(), 3u);
  const Finding* downgrade = Find(out[0], "redirect-downgrade");
  ASSERT_NE(downgrade, nullptr);
  EXPECT_EQ(downgrade->message,
            "redirected from https to http: https://a.example/x -> http://a.example/x");
  EXPECT_EQ(out[0].verdict, Verdict::kWarning);
  ASSERT_NE(Find(out[1], "body-over-cap"), nullptr);
  EXPECT_EQ(Find(out[1], "body-over-cap")->severity, Severity::kInfo);
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
  ASSERT_NE(Find(out[2], "private-address"), nullptr);
  EXPECT_EQ(out[2].verdict, Verdict::kUnverified);
  EXPECT_EQ(out[2].reason, "a private or local address (not fetched)");
}

TEST_F(VerifyTest, ADnsFailureThatPersistsIsBroken) {
  for (int day : {0, 2, 4})
    Fetch("https://gone.example/x", 0, ErrorClass::kDns, kNow - (4 - day) * kDay);
  auto out = Check("https://gone.example/x\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].verdict, Verdict::kBroken);
  ASSERT_NE(Find(out[0], "link-broken"), nullptr);
  EXPECT_EQ(
      Find(out[0], "link-broken")->message,
      "the link is dead: the host name does not resolve (3 failed checks since "
      "2025-11-27)");
}

TEST_F(VerifyTest, WithHistoryA404IsBrokenOnlyAfterNChecksDApart) {
  options_.use_history = true;
  // Two failed checks a day apart (the second with a retry an hour later).
  Fetch("https://example.org/p", 404, ErrorClass::kHttpStatus, kNow - kDay);
  Fetch("https://example.org/p", 404, ErrorClass::kHttpStatus, kNow - 5 * 60'000);
  Fetch("https://example.org/p", 404, ErrorClass::kHttpStatus, kNow);
  auto out = Check("https://example.org/p\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].verdict, Verdict::kUnverified);
  EXPECT_EQ(out[0].reason,
            "HTTP 404: 2 failed checks since 2025-11-30; broken after 3 over "
            "at least 3 days");
  // A third check three days after the first: broken.
  Fetch("https://example.org/p", 404, ErrorClass::kHttpStatus, kNow + 2 * kDay);
  out = Check("https://example.org/p\n");
  EXPECT_EQ(out[0].verdict, Verdict::kBroken);
}

TEST(SummarizeHistory, RetriesAreOneCheckAndASuccessResets) {
  VerifyOptions o;
  auto rec = [](int64_t at, int status, ErrorClass ec) {
    store::FetchRecord r;
    r.fetched_at_ms = at;
    r.status = status;
    r.error = ec;
    return r;
  };
  std::vector<store::FetchRecord> log = {
      rec(0, 404, ErrorClass::kHttpStatus),
      rec(kDay, 200, ErrorClass::kOk),  // recovered
      rec(2 * kDay, 404, ErrorClass::kHttpStatus),
      rec(2 * kDay + 60'000, 404, ErrorClass::kHttpStatus),
      rec(4 * kDay, 0, ErrorClass::kTimeout),
      rec(5 * kDay, 410, ErrorClass::kHttpStatus)};
  LinkHistory h = SummarizeHistory(log, o);
  EXPECT_EQ(h.failed_checks, 3);
  EXPECT_EQ(h.first_failure_ms, 2 * kDay);
  EXPECT_EQ(h.last_failure_ms, 5 * kDay);
  EXPECT_TRUE(h.persistent);
  log.pop_back();
  h = SummarizeHistory(log, o);
  EXPECT_EQ(h.failed_checks, 2);
  EXPECT_FALSE(h.persistent);
}

TEST_F(VerifyTest, ACitedPdfThatAnswersHtml) {
  Fetch("https://example.org/report.pdf", 200, ErrorClass::kOk, kNow,
        "<html><title>Report</title></html>");
  Fetch("https://example.org/ok.pdf", 200, ErrorClass::kOk, kNow, "", "application/pdf");
  auto out =
      Check("https://example.org/report.pdf https://example.org/ok.pdf\n");
  ASSERT_EQ(out.size(), 2u);
  ASSERT_NE(Find(out[0], "content-type-mismatch"), nullptr);
  EXPECT_EQ(out[0].verdict, Verdict::kWarning);
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
}

TEST_F(VerifyTest, ASymbolLinkThatLeadsToAnotherDocument) {
  Fetch("https://undocs.org/A/75/1", 200, ErrorClass::kOk, kNow, "", "application/pdf",
        {{302, "x"}}, "https://docs.un.org/en/A/75/2");
  auto out = Check("[^1]\n\n[^1]: See A/75/1, https://undocs.org/A/75/1\n");
  ASSERT_EQ(out.size(), 1u);
  // The URL names A/75/1 itself, so nothing is said offline; online the
  // final URL is checked only when the cited one names no symbol.
  EXPECT_EQ(Find(out[0], "document-symbol-mismatch"), nullptr);

  Fetch("https://bit.example/xyz", 200, ErrorClass::kOk, kNow, "", "application/pdf",
        {{302, "x"}}, "https://docs.un.org/en/A/75/2");
  out = Check("[^1]\n\n[^1]: See A/75/1, https://bit.example/xyz\n");
  ASSERT_EQ(out.size(), 1u);
  const Finding* f = Find(out[0], "document-symbol-mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->message,
            "the footnote names A/75/1 but the link leads to A/75/2");
}

constexpr char kAsset[] = "https://webtv.un.org/en/asset/k1o/k1obxycc3u";

TEST_F(VerifyTest, RemovedAndUnknownRecordings) {
  Fetch("https://webtv.un.org/en/asset/k1a/k1aaaaaaaa", 404, ErrorClass::kHttpStatus);
  Fetch("https://webtv.un.org/en/asset/k1b/k1bbbbbbbb", 404, ErrorClass::kHttpStatus);
  Recording("k1aaaaaaaa", 0, "", "removed", "", {}, "kaltura-deleted");
  Recording("k1bbbbbbbb", 0, "", "removed", "", {}, "kaltura-no-entry");
  auto out = Check(
      "https://webtv.un.org/en/asset/k1a/k1aaaaaaaa "
      "https://webtv.un.org/en/asset/k1b/"
      "k1bbbbbbbb\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].verdict, Verdict::kBroken);
  ASSERT_EQ(out[0].findings.size(), 1u);  // not link-broken as well
  EXPECT_EQ(out[0].findings[0].rule, "asset-removed");
  EXPECT_EQ(out[0].findings[0].message,
            "recording k1aaaaaaaa was removed from UN Web TV (Kaltura entry "
            "deleted)");
  ASSERT_EQ(out[1].findings.size(), 1u);
  EXPECT_EQ(out[1].findings[0].rule, "asset-not-found");
  EXPECT_EQ(
      out[1].findings[0].message,
      "UN Web TV has no recording k1bbbbbbbb (Kaltura knows no such entry)");
}

TEST_F(VerifyTest, PlayerIdRedirectTimecodeAndDate) {
  Fetch(kAsset, 200);
  Recording("k1obxycc3u", 3'600'000, "2021-03-08", "ready", "1_zzzzzzzz");
  auto out = Check(
      "[^1] [^2] [^3]\n\n"
      "[^1]: Meeting of 8 March 2021, starting at 1:29:40, " +
      std::string(kAsset) +
      "\n"
      "[^2]: Meeting of 9 March 2021, at 30:00, " +
      std::string(kAsset) +
      "\n"
      "[^3]: Meeting of 12 March 2021, at 30:00, " +
      std::string(kAsset) + "\n");
  ASSERT_EQ(out.size(), 3u);
  const Finding* redirect = Find(out[0], "player-id-redirected");
  ASSERT_NE(redirect, nullptr);
  EXPECT_EQ(redirect->severity, Severity::kInfo);
  EXPECT_EQ(redirect->suggestion,
            "https://webtv.un.org/en/asset/k1z/k1zzzzzzzz");
  const Finding* beyond = Find(out[0], "timecode-beyond-end");
  ASSERT_NE(beyond, nullptr);
  EXPECT_EQ(beyond->message,
            "1:29:40 is past the end of the recording (1:00:00)");
  EXPECT_EQ(out[0].verdict, Verdict::kBroken);
  EXPECT_EQ(Find(out[1], "date-mismatch"), nullptr);  // one day: time zones
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
  const Finding* date = Find(out[2], "date-mismatch");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->message,
            "the footnote dates it 2021-03-12; the recording is of 2021-03-08");
}

constexpr char kMiniCountries[] = R"({"3166-1": [
  {"alpha_2": "FR", "alpha_3": "FRA", "name": "France"},
  {"alpha_2": "CN", "alpha_3": "CHN", "name": "China"},
  {"alpha_2": "BR", "alpha_3": "BRA", "name": "Brazil"},
  {"alpha_2": "MX", "alpha_3": "MEX", "name": "Mexico"},
  {"alpha_2": "UA", "alpha_3": "UKR", "name": "Ukraine"}]})";

TEST_F(VerifyTest, SpeakerMismatchWithOneStatementOfTolerance) {
  auto countries = CountryTable::FromBytes(kMiniCountries, {}, "");
  ASSERT_OK(countries);
  options_.countries = &*countries;
  const std::string a = "k1obxycc3u";
  Fetch(kAsset, 200);
  Recording(a, 7'200'000, "2021-03-08", "ready", "",
            {Statement(a, 0, 600'000, "CHN", 0),
             Statement(a, 600'000, 1'200'000, "BRA", 1),
             Statement(a, 1'200'000, 1'800'000, "MEX", 2),
             Statement(a, 1'800'000, 2'400'000, "FRA", 3),
             Statement(a, 2'400'000, 7'200'000, "CHN", 4)});
  auto out = Check(
      "France said so.[^1] France again.[^2] On Ukraine.[^3]\n\n"
      "[^1]: Statement by France, at 5:00, " +
      std::string(kAsset) +
      "\n"
      "[^2]: Statement by France, at 25:00, " +
      std::string(kAsset) +
      "\n"
      "[^3]: Statement on Ukraine by China, at 1:00:00, " +
      std::string(kAsset) + "\n");
  ASSERT_EQ(out.size(), 3u);
  const Finding* f = Find(out[0], "speaker-mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(
      f->message,
      "at 5:00 the speaker is Speaker CHN (CHN), not FRA; FRA speaks at 30:00");
  EXPECT_EQ(f->suggestion, "30:00");
  EXPECT_EQ(Find(out[1], "speaker-mismatch"),
            nullptr);  // MEX, next is FRA: tolerated
  EXPECT_EQ(Find(out[2], "speaker-mismatch"),
            nullptr);  // Ukraine does not speak: a topic
}

TEST_F(VerifyTest, QuotationsAreLookedForAroundTheTimecode) {
  const std::string a = "k1obxycc3u";
  Fetch(kAsset, 200);
  Recording(a, 7'200'000, "2021-03-08", "ready", "",
            {Sentence(a, 600'000, 610'000,
                      "We cannot accept this draft resolution today.", 0),
             Sentence(a, 4'000'000, 4'010'000,
                      "The Council must act on humanitarian access.", 1),
             Sentence(a, 4'500'000, 4'510'000, "我们不能接受今天的决议草案。",
                      2, "zh")});
  auto out = Check(
      "She said “we cannot accept this draft resolution” then.[^1] "
      "He said “the council must act on humanitarian access” then.[^2] "
      "They said “nobody expected this outcome at all” then.[^3] "
      "他说「我们不能接受今天的决议草案」。[^4]\n\n"
      "[^1]: At 10:05, " +
      std::string(kAsset) +
      "\n"
      "[^2]: At 10:05, " +
      std::string(kAsset) +
      "\n"
      "[^3]: At 10:05, " +
      std::string(kAsset) +
      "\n"
      "[^4]: At 1:15:00, " +
      std::string(kAsset) + "\n");
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(Find(out[0], "quote-not-found"), nullptr);
  const Finding* elsewhere = Find(out[1], "quote-not-found");
  ASSERT_NE(elsewhere, nullptr);
  EXPECT_EQ(elsewhere->suggestion, "1:06:40");
  const Finding* nowhere = Find(out[2], "quote-not-found");
  ASSERT_NE(nowhere, nullptr);
  EXPECT_EQ(nowhere->message,
            "the quotation \"nobody expected this outcome at all\" is not in "
            "the transcript of "
            "k1obxycc3u");
  EXPECT_EQ(Find(out[3], "quote-not-found"), nullptr);
}

TEST(Quotations, FoundAndMatchedApproximately) {
  EXPECT_EQ(FindQuotations(
                "He said “we will not” and «nous ne pouvons pas accepter» and "
                "\"ok\"."),
            (std::vector<std::string>{"we will not",
                                      "nous ne pouvons pas accepter"}));
  EXPECT_EQ(FindQuotations("「我们不能接受」和「好」"),
            (std::vector<std::string>{"我们不能接受"}));
  EXPECT_DOUBLE_EQ(
      QuoteCoverage("We cannot accept it", "we CANNOT accept, it!"), 1.0);
  EXPECT_DOUBLE_EQ(QuoteCoverage("we cannot accept it", "we can accept it"),
                   1.0 / 3.0);
  EXPECT_DOUBLE_EQ(QuoteCoverage("", "anything"), 0.0);
}

TEST(NotFoundPages, TitleHeadingOrTheWebTvText) {
  EXPECT_TRUE(LooksLikeNotFoundPage("<title>404 - Not Found</title>"));
  EXPECT_TRUE(LooksLikeNotFoundPage("<html><h1 class=x>Page introuvable</h1>"));
  EXPECT_TRUE(
      LooksLikeNotFoundPage("<p>The requested page could not be found.</p>"));
  EXPECT_TRUE(LooksLikeNotFoundPage("<title>Страница не найдена</title>"));
  EXPECT_FALSE(
      LooksLikeNotFoundPage("<title>Security Council, 8762nd meeting</title>"));
  EXPECT_FALSE(LooksLikeNotFoundPage(""));
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

// A URL broken across lines at a hyphen (a PDF without a link annotation):
// the fetch decides which reading the author wrote.
class AlternativesTest : public VerifyTest {
 protected:
  std::vector<Citation> Extract(const std::string& text,
                                const std::vector<std::string>& prefixes) {
    auto doc = DocumentFromBytes("report.txt", text);
    EXPECT_OK(doc);
    for (const std::string& p : prefixes)
      doc->url_hyphen_breaks.push_back({"", p});
    return ExtractCitations(*doc);
  }
};

TEST_F(AlternativesTest, TheReadingThatAnswersIsKept) {
  const std::string text =
      "¹ Report, https://un.example/open-ended/OEWGreport.pdf\n"
      "² Other, https://un.example/a/bc.pdf\n"
      "³ Third, https://un.example/x/yz.pdf\n";
  auto cits =
      Extract(text, {"https://un.example/open-ended/OEWG",
                     "https://un.example/a/b", "https://un.example/x/y"});
  ASSERT_EQ(cits.size(), 3u);
  EXPECT_EQ(cits[0].url_alternative,
            "https://un.example/open-ended/OEWG-report.pdf");
  EXPECT_EQ(cits[1].url_alternative, "https://un.example/a/b-c.pdf");

  // The readings as read are planned; the other ones only once the read one
  // failed for certain.
  const FetchPlan plan = PlanFetches(cits, options_);
  EXPECT_EQ(plan.urls, (std::vector<std::string>{
                           "https://un.example/open-ended/OEWGreport.pdf",
                           "https://un.example/a/bc.pdf",
                           "https://un.example/x/yz.pdf"}));

  // 1: as read 404, with the hyphen 200 -> taken. 2: as read 200 -> kept.
  // 3: as read 404, the other never fetched -> kept (and broken).
  Fetch("https://un.example/open-ended/OEWGreport.pdf", 404, ErrorClass::kHttpStatus);
  Fetch("https://un.example/open-ended/OEWG-report.pdf", 200, ErrorClass::kOk, kNow, "",
        "application/pdf");
  Fetch("https://un.example/a/bc.pdf", 200, ErrorClass::kOk, kNow, "", "application/pdf");
  Fetch("https://un.example/a/b-c.pdf", 404, ErrorClass::kHttpStatus);
  Fetch("https://un.example/x/yz.pdf", 404, ErrorClass::kHttpStatus);
  auto others = PlanAlternativeFetches(cits, tmp_.db(), options_);
  ASSERT_OK(others);
  EXPECT_EQ(*others, (std::vector<std::string>{
                         "https://un.example/open-ended/OEWG-report.pdf",
                         "https://un.example/x/y-z.pdf"}));
  auto settled = SettleUrlAlternatives(cits, tmp_.db(), options_);
  ASSERT_OK(settled);
  EXPECT_EQ(*settled, 1);
  EXPECT_EQ(cits[0].url_written,
            "https://un.example/open-ended/OEWG-report.pdf");
  EXPECT_EQ(cits[0].url_canonical,
            "https://un.example/open-ended/OEWG-report.pdf");
  EXPECT_EQ(cits[0].url_alternative,
            "https://un.example/open-ended/OEWGreport.pdf");
  EXPECT_TRUE(cits[0].url_alternative_taken);
  EXPECT_EQ(cits[0].footnote, 1);  // the rest of the citation is kept
  EXPECT_EQ(cits[1].url_written, "https://un.example/a/bc.pdf");
  EXPECT_FALSE(cits[1].url_alternative_taken);
  EXPECT_EQ(cits[2].url_written, "https://un.example/x/yz.pdf");

  CheckOptions check;
  check.offline = false;
  check.online = [&](std::vector<CheckedCitation>& all) {
    EXPECT_OK(VerifyCitations(all, tmp_.db(), options_));
  };
  auto out = CheckCitations(cits, check);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].verdict, Verdict::kOk);
  const Finding* f = Find(out[0], "url-wrapped-at-hyphen");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kInfo);
  EXPECT_NE(f->message.find("OEWG-report.pdf, which answers"),
            std::string::npos)
      << f->message;
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
  EXPECT_EQ(out[2].verdict, Verdict::kBroken);
  EXPECT_NE(Find(out[2], "link-broken"), nullptr);
}

// The eval set's punctuation-belongs and wrapped-url traps: the reading the
// rule made fails for certain, the other answers and is kept; a cut
// punctuation that is not the URL's costs nothing when the URL answers.
TEST_F(AlternativesTest, GuessedEndsAndJoinsAreSettledOnline) {
  const std::string text =
      "1. Naciones Unidas, https://www.un.example/es/act-now-2.\n"
      "2. UN News, https://news.un.example/en/story/2022/11/\n"
      "1087042\n"
      "3. UN News, https://news.un.example/en/story/2023/12/1087007.\n"
      "4. Dead, https://news.un.example/en/story/2023/12/404.\n";
  auto cits = Extract(text, {});
  ASSERT_EQ(cits.size(), 4u);
  Fetch("https://www.un.example/es/act-now-2", 404, ErrorClass::kHttpStatus);
  Fetch("https://www.un.example/es/act-now-2.", 200);
  Fetch("https://news.un.example/en/story/2022/11/1087042", 404, ErrorClass::kHttpStatus);
  Fetch("https://news.un.example/en/story/2022/11/", 200);
  Fetch("https://news.un.example/en/story/2023/12/1087007", 200);
  Fetch("https://news.un.example/en/story/2023/12/404", 404, ErrorClass::kHttpStatus);
  auto others = PlanAlternativeFetches(cits, tmp_.db(), options_);
  ASSERT_OK(others);
  EXPECT_EQ(*others, (std::vector<std::string>{
                         "https://www.un.example/es/act-now-2.",
                         "https://news.un.example/en/story/2022/11/",
                         "https://news.un.example/en/story/2023/12/404."}));
  Fetch("https://news.un.example/en/story/2023/12/404.", 404, ErrorClass::kHttpStatus);
  auto settled = SettleUrlAlternatives(cits, tmp_.db(), options_);
  ASSERT_OK(settled);
  EXPECT_EQ(*settled, 2);
  EXPECT_EQ(cits[0].url_written, "https://www.un.example/es/act-now-2.");
  EXPECT_EQ(cits[1].url_written, "https://news.un.example/en/story/2022/11/");

  CheckOptions check;
  check.offline = false;
  check.online = [&](std::vector<CheckedCitation>& all) {
    EXPECT_OK(VerifyCitations(all, tmp_.db(), options_));
  };
  auto out = CheckCitations(cits, check);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].verdict, Verdict::kOk);
  const Finding* f = Find(out[0], "url-reading");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->message,
            "the final punctuation is the URL's: read as "
            "https://www.un.example/es/act-now-2., which answers "
            "(https://www.un.example/es/act-now-2 does not)");
  EXPECT_EQ(out[1].verdict, Verdict::kOk);
  ASSERT_NE(Find(out[1], "url-reading"), nullptr);
  EXPECT_EQ(Find(out[1], "url-reading")->message,
            "the URL ends at the line break: read as "
            "https://news.un.example/en/story/2022/11/, which answers (joined "
            "with the next line, https://news.un.example/en/story/2022/11/1087042 "
            "does not)");
  EXPECT_EQ(out[2].verdict, Verdict::kOk);
  EXPECT_EQ(Find(out[2], "url-reading"), nullptr);  // the usual cut: no word
  EXPECT_EQ(out[3].verdict, Verdict::kBroken);
  EXPECT_EQ(out[3].citation.url_written, "https://news.un.example/en/story/2023/12/404");
  EXPECT_EQ(Find(out[0], "url-wrapped-at-hyphen"), nullptr);
}

}  // namespace
}  // namespace timecite::linker
