// CurlFetcher against the replica: every fault class yields its error class,
// redirects are recorded hop by hop, TLS is verified.
#include <fstream>

#include "common/file.h"
#include "common/test_util.h"
#include "free_port.h"
#include "crawler/curl_fetcher.h"
#include "replica_env.h"

namespace timecite::crawler {
namespace {

using testing::ReplicaEnv;

constexpr char kUserAgent[] =
    "timecite-test/1.0 (+https://example.org/timecite)";
constexpr char kHost[] = "http://f.replica.test";

FetchRequest Req(std::string url) {
  FetchRequest r;
  r.url = std::move(url);
  return r;
}

replica::Fault MakeFault(const std::string& path) {
  replica::Fault f;
  f.url = std::string(kHost) + path;
  return f;
}

replica::World FaultWorld() {
  replica::World w;
  w.pages.push_back({std::string(kHost) + "/ok",
                     200,
                     "text/html; charset=UTF-8",
                     "<html><body>" + std::string(4000, 'u') + "</body></html>",
                     {}});
  w.pages.push_back({std::string(kHost) + "/etag",
                     200,
                     "text/plain",
                     "versioned",
                     {{"ETag", "\"v1\""},
                      {"Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"}}});
  std::vector<replica::Fault> f;
  auto add = [&](const std::string& path, auto&& set) {
    replica::Fault x = MakeFault(path);
    set(x);
    f.push_back(x);
  };
  add("/503", [](auto& x) { x.status = 503; });
  add("/slow", [](auto& x) {
    x.delay_ms = 1000;
    x.body = "late";
  });
  add("/slowbody", [](auto& x) {
    x.body = std::string(3000, 's');
    x.chunks = 3;
    x.chunk_delay_ms = 800;
  });
  add("/reset", [](auto& x) { x.reset = true; });
  add("/cut", [](auto& x) {
    x.body = std::string(10000, 'c');
    x.truncate_at = 1000;
  });
  add("/big", [](auto& x) { x.body_bytes = 3 << 20; });
  add("/bigchunked", [](auto& x) {
    x.body_bytes = 3 << 20;
    x.chunked = true;
  });
  add("/bomb", [](auto& x) {
    x.gzip_bomb_bytes = 8 << 20;
    x.content_type = "text/html";
  });
  add("/loop1", [](auto& x) { x.redirect = "/loop2"; });
  add("/loop2", [](auto& x) { x.redirect = "http://f.replica.test/loop1"; });
  add("/chain1", [](auto& x) {
    x.redirect = "/chain2";
    x.redirect_status = 301;
  });
  add("/chain2", [](auto& x) {
    x.redirect = "https://f.replica.test/ok";
    x.redirect_status = 308;
  });
  for (int i = 0; i < 12; ++i) {
    add("/hop" + std::to_string(i),
        [i](auto& x) { x.redirect = "/hop" + std::to_string(i + 1); });
  }
  add("/ftp", [](auto& x) { x.redirect = "ftp://f.replica.test/file"; });
  add("/gate", [](auto& x) {
    x.cookie = "session=abc";
    x.body = "inside the gate";
  });
  add("/bot", [](auto& x) { x.bot_challenge = true; });
  add("/soft", [](auto& x) { x.soft_404 = true; });
  add("/wrongtype", [](auto& x) {
    x.body = "%PDF-1.4 not html";
    x.content_type = "application/octet-stream";
  });
  add("/nohead", [](auto& x) {
    x.method = "HEAD";
    x.status = 405;
  });
  add("/nohead", [](auto& x) { x.body = "got by GET"; });
  add("/post303", [](auto& x) {
    x.redirect = "/ok";
    x.redirect_status = 303;
  });
  add("/post307", [](auto& x) {
    x.redirect = "/etag";
    x.redirect_status = 307;
  });
  // A "public" page redirecting to addresses a report must not reach. With
  // the replica's --connect-to entries (any host, port 80) curl would send
  // both to the replica: only the address policy stops them.
  add("/to-loopback", [](auto& x) { x.redirect = "http://127.0.0.2/secret"; });
  add("/to-localhost", [](auto& x) { x.redirect = "http://localhost/secret"; });
  w.faults = f;
  return w;
}

class FetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = ReplicaEnv::Start(FaultWorld());
    ASSERT_NE(env_, nullptr);
    // A closed port: nothing listens there, so connecting is refused.
    closed_port_ = timecite::testing::FreePort();
    ASSERT_GT(closed_port_, 0);
    fetcher_ = Make(env_->ca_file());
  }

  std::unique_ptr<CurlFetcher> Make(const std::string& ca_file,
                                    bool allow_private = false) {
    CurlFetcherOptions o;
    o.user_agent = kUserAgent;
    o.ca_file = ca_file;
    o.connect_to = env_->ConnectTo(
        {"closed.replica.test:80:127.0.0.1:" + std::to_string(closed_port_)});
    o.address_policy = AddressPolicy::Make(allow_private, o.connect_to, {});
    auto f = CurlFetcher::Create(o);
    EXPECT_OK(f);
    return f.ok() ? std::move(f).value() : nullptr;
  }

  FetchRecord Fetch(const std::string& path, FetchRequest req = {}) {
    req.url = path.starts_with("http") ? path : std::string(kHost) + path;
    return FetchNow(*fetcher_, req);
  }

  std::unique_ptr<ReplicaEnv> env_;
  std::unique_ptr<CurlFetcher> fetcher_;
  int closed_port_ = 0;
};

TEST_F(FetchTest, OkPageIsDecodedAndTheUserAgentIsHonest) {
  FetchRecord r = Fetch("/ok");
  EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(),
            std::string("<html><body></body></html>").size() + 4000);
  EXPECT_EQ(r.content_type, "text/html; charset=UTF-8");
  auto log = env_->replica().RequestsTo("f.replica.test", "/ok");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].Header("User-Agent"), kUserAgent);
  EXPECT_NE(log[0].Header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(FetchTest, FaultClasses) {
  struct Case {
    std::string path;
    ErrorClass error;
    int status;
  };
  const std::vector<Case> cases = {
      {"/503", ErrorClass::kHttpStatus, 503},
      {"/missing", ErrorClass::kHttpStatus, 404},
      {"/reset", ErrorClass::kConnect, 0},
      {"/cut", ErrorClass::kConnect, 200},
      {"http://closed.replica.test/x", ErrorClass::kConnect, 0},
      {"/big", ErrorClass::kTooLarge, 200},
      {"/bigchunked", ErrorClass::kTooLarge, 200},
      {"/bomb", ErrorClass::kTooLarge, 200},
      {"/loop1", ErrorClass::kRedirectLoop, 302},
      {"/hop0", ErrorClass::kRedirectLoop, 302},
      {"/ftp", ErrorClass::kBadUrl, 302},
      {"/bot", ErrorClass::kBotChallenge, 202},
      {"/soft", ErrorClass::kOk, 200},
      {"/wrongtype", ErrorClass::kOk, 200},
  };
  for (const Case& c : cases) {
    FetchRequest req;
    req.max_body_bytes = 1 << 20;
    FetchRecord r = Fetch(c.path, req);
    EXPECT_EQ(ErrorClassName(r.error), ErrorClassName(c.error))
        << c.path << ": " << r.error_message;
    EXPECT_EQ(r.status, c.status) << c.path;
  }
  EXPECT_EQ(ClassifyCurlCode(6),
            ErrorClass::kDns);  // CURLE_COULDNT_RESOLVE_HOST
  EXPECT_EQ(ClassifyCurlCode(28), ErrorClass::kTimeout);
  EXPECT_EQ(ClassifyCurlCode(60),
            ErrorClass::kTls);  // CURLE_PEER_FAILED_VERIFICATION
}

TEST_F(FetchTest, SlowAnswersTimeOut) {
  FetchRequest req;
  req.timeout_ms = 300;
  EXPECT_EQ(Fetch("/slow", req).error, ErrorClass::kTimeout);
  FetchRecord r = Fetch("/slowbody", req);
  EXPECT_EQ(r.error, ErrorClass::kTimeout);
  EXPECT_EQ(r.status, 200);
}

TEST_F(FetchTest, RedirectHopsAreRecordedAcrossSchemes) {
  FetchRecord r = Fetch("/chain1");
  EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
  ASSERT_EQ(r.redirects.size(), 2u);
  EXPECT_EQ(r.redirects[0].url, "http://f.replica.test/chain1");
  EXPECT_EQ(r.redirects[0].status, 301);
  EXPECT_EQ(r.redirects[0].location, "/chain2");
  EXPECT_EQ(r.redirects[1].status, 308);
  EXPECT_EQ(r.redirects[1].location, "https://f.replica.test/ok");
  EXPECT_EQ(r.final_url, "https://f.replica.test/ok");

  FetchRecord loop = Fetch("/loop1");
  // loop1 → loop2 → loop1 → loop2 → loop1, met a third time: refused.
  EXPECT_EQ(loop.redirects.size(), 4u);
  FetchRecord many = Fetch("/hop0");
  EXPECT_EQ(many.redirects.size(), 11u);  // 10 followed, the 11th refused
  FetchRequest few;
  few.max_redirects = 2;
  EXPECT_EQ(Fetch("/chain1", few).error, ErrorClass::kOk);
  few.max_redirects = 1;
  EXPECT_EQ(Fetch("/chain1", few).error, ErrorClass::kRedirectLoop);
}

TEST_F(FetchTest, CookiesLastOneChain) {
  FetchRecord r = Fetch("/gate");
  EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
  EXPECT_EQ(r.body, "inside the gate");
  ASSERT_EQ(r.redirects.size(), 1u);
  // A new fetch starts without the cookie again.
  FetchRecord again = Fetch("/gate");
  EXPECT_EQ(again.redirects.size(), 1u);
  auto log = env_->replica().RequestsTo("f.replica.test", "/gate");
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].Header("Cookie"), "");
  EXPECT_EQ(log[1].Header("Cookie"), "session=abc");
  EXPECT_EQ(log[2].Header("Cookie"), "");
}

TEST_F(FetchTest, HeadFallsBackToGet) {
  FetchRequest req;
  req.method = "HEAD";
  FetchRecord r = Fetch("/nohead", req);
  EXPECT_EQ(r.error, ErrorClass::kOk);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.body, "got by GET");
  auto log = env_->replica().RequestsTo("f.replica.test", "/nohead");
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].method, "HEAD");
  EXPECT_EQ(log[1].method, "GET");
  FetchRecord head = Fetch("/ok", req);
  EXPECT_EQ(head.method, "HEAD");
  EXPECT_TRUE(head.body.empty());
}

TEST_F(FetchTest, PostSendsBodyAndContentType) {
  FetchRequest req;
  req.method = "POST";
  req.body = R"({"1":{"service":"session"}})";
  req.content_type = "application/json";
  FetchRecord r = Fetch("/ok", req);
  EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.status, 200);
  auto log = env_->replica().RequestsTo("f.replica.test", "/ok");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].method, "POST");
  EXPECT_EQ(log[0].body, R"({"1":{"service":"session"}})");
  EXPECT_EQ(log[0].Header("Content-Type"), "application/json");
  EXPECT_EQ(log[0].Header("Expect"), "");
}

TEST_F(FetchTest, PostRedirectsAs303BecomeGetAnd307StaysPost) {
  FetchRequest req;
  req.method = "POST";
  req.body = "a=1";
  req.content_type = "application/x-www-form-urlencoded";
  FetchRecord see_other = Fetch("/post303", req);
  EXPECT_EQ(see_other.error, ErrorClass::kOk) << see_other.error_message;
  EXPECT_EQ(see_other.method, "GET");
  ASSERT_EQ(see_other.redirects.size(), 1u);
  EXPECT_EQ(see_other.redirects[0].status, 303);
  auto after = env_->replica().RequestsTo("f.replica.test", "/ok");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].method, "GET");
  EXPECT_EQ(after[0].body, "");
  EXPECT_EQ(after[0].Header("Content-Type"), "");

  FetchRecord temporary = Fetch("/post307", req);
  EXPECT_EQ(temporary.error, ErrorClass::kOk) << temporary.error_message;
  EXPECT_EQ(temporary.method, "POST");
  EXPECT_EQ(temporary.body, "versioned");
  auto repeated = env_->replica().RequestsTo("f.replica.test", "/etag");
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_EQ(repeated[0].method, "POST");
  EXPECT_EQ(repeated[0].body, "a=1");
  EXPECT_EQ(repeated[0].Header("Content-Type"),
            "application/x-www-form-urlencoded");
}

TEST_F(FetchTest, ConditionalRequestsGet304) {
  FetchRecord first = Fetch("/etag");
  EXPECT_EQ(first.etag, "\"v1\"");
  EXPECT_EQ(first.last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
  FetchRequest req;
  req.if_none_match = first.etag;
  FetchRecord again = Fetch("/etag", req);
  EXPECT_EQ(again.error, ErrorClass::kOk);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.not_modified);
  FetchRequest by_date;
  by_date.if_modified_since = first.last_modified;
  EXPECT_EQ(Fetch("/etag", by_date).status, 304);
  auto log = env_->replica().RequestsTo("f.replica.test", "/etag");
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[1].Header("If-None-Match"), "\"v1\"");
}

TEST_F(FetchTest, HttpsWorksWithTheTestCaAndFailsWithTlsWithout) {
  const std::string url = "https://f.replica.test/ok";
  FetchRecord ok = FetchNow(*fetcher_, Req(url));
  EXPECT_EQ(ok.error, ErrorClass::kOk) << ok.error_message;
  EXPECT_EQ(ok.status, 200);
  auto log = env_->replica().RequestsTo("f.replica.test", "/ok");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(log[0].tls);
  auto plain = Make("");
  ASSERT_NE(plain, nullptr);
  FetchRecord bad = FetchNow(*plain, Req(url));
  EXPECT_EQ(bad.error, ErrorClass::kTls) << bad.error_message;
  EXPECT_EQ(bad.status, 0);
}

TEST_F(FetchTest, CaBundleIsParsedOncePerProcessNotPerConnection) {
  // SetUp's fetcher parsed the system bundle plus the test CA; more fetchers
  // trusting the same file, each with new TLS connections, parse nothing.
  const int before = CaBundleParses();
  for (int i = 0; i < 3; ++i) {
    auto fetcher = Make(env_->ca_file());
    ASSERT_NE(fetcher, nullptr);
    for (const char* path : {"/ok", "/etag"}) {
      FetchRecord r =
          FetchNow(*fetcher, Req(std::string("https://f.replica.test") + path));
      EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
      EXPECT_EQ(r.status, 200);
    }
  }
  EXPECT_EQ(CaBundleParses(), before);
  // Other bytes in the file are another set of CAs: parsed once more.
  const std::string other = (env_->dir() / "other-ca.pem").string();
  {
    auto pem = ReadFile(env_->ca_file(), 1 << 20);
    ASSERT_OK(pem);
    std::ofstream(other) << *pem << "\n";
  }
  auto second = Make(other);
  ASSERT_NE(second, nullptr);
  FetchRecord r = FetchNow(*second, Req("https://f.replica.test/ok"));
  EXPECT_EQ(r.error, ErrorClass::kOk) << r.error_message;
  EXPECT_EQ(CaBundleParses(), before + 1);
  auto third = Make(other);
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(CaBundleParses(), before + 1);
}

TEST_F(FetchTest, ManyAtOnce) {
  for (Fetcher::Token t = 0; t < 20; ++t) {
    fetcher_->Start(t, Req(std::string(kHost) + (t % 2 ? "/ok" : "/soft")));
  }
  size_t done = 0;
  while (fetcher_->InFlight() > 0) {
    for (const auto& d : fetcher_->Wait(1000)) {
      EXPECT_EQ(d.record.error, ErrorClass::kOk);
      ++done;
    }
  }
  EXPECT_EQ(done, 20u);
}

TEST_F(FetchTest, RedirectToAPrivateAddressIsRefusedAtEveryHop) {
  for (const char* path : {"/to-loopback", "/to-localhost"}) {
    FetchRecord r = Fetch(path);
    EXPECT_EQ(ErrorClassName(r.error), "private-address") << path;
    EXPECT_EQ(r.status, 302) << path;  // the public hop answered
    ASSERT_EQ(r.redirects.size(), 1u) << path;
    EXPECT_TRUE(r.body.empty());
  }
  EXPECT_EQ(Fetch("/to-loopback").error_message,
            "127.0.0.2 is a loopback address (refused; --allow-private fetches it)");
  EXPECT_EQ(Fetch("/to-localhost").error_message,
            "localhost is a loopback address (refused; --allow-private fetches it)");
  // Cited directly, in numeric forms, the same, although --connect-to sends
  // every host's port 80 to 127.0.0.1: what a report writes is judged.
  for (const char* url : {"http://127.0.0.1/secret", "http://2130706433/secret",
                          "http://0x7f.1/secret", "http://[::1]/secret",
                          "http://10.0.0.1/secret",
                          "http://169.254.169.254/latest/meta-data/",
                          "http://metadata.google.internal/computeMetadata/v1/"}) {
    FetchRecord r = Fetch(url);
    EXPECT_EQ(ErrorClassName(r.error), "private-address") << url;
    EXPECT_EQ(r.status, 0) << url;
  }
  const auto secrets = [&] {
    size_t n = 0;
    for (const auto& q : env_->replica().Requests()) n += q.target == "/secret";
    return n;
  };
  EXPECT_EQ(secrets(), 0u);  // nothing was sent to any of them

  // --allow-private: the same redirects are followed to the replica (which
  // answers a numeric or localhost Host as its default host: 404).
  fetcher_ = Make(env_->ca_file(), /*allow_private=*/true);
  for (const char* path : {"/to-loopback", "/to-localhost"}) {
    FetchRecord r = Fetch(path);
    EXPECT_EQ(ErrorClassName(r.error), "http-status") << path << ": " << r.error_message;
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.redirects.size(), 1u) << path;
  }
  EXPECT_EQ(secrets(), 2u);
}

TEST_F(FetchTest, PublicNameResolvedToLoopbackIsRefusedAtConnect) {
  // curl is sent to the replica on 127.0.0.1 by --connect-to, but the policy
  // was not told: the address connected to is what is judged, not the name.
  CurlFetcherOptions o;
  o.user_agent = kUserAgent;
  o.ca_file = env_->ca_file();
  o.connect_to = env_->ConnectTo();
  auto f = CurlFetcher::Create(o);
  ASSERT_TRUE(f.ok());
  FetchRecord r = FetchNow(**f, Req(std::string(kHost) + "/ok"));
  EXPECT_EQ(ErrorClassName(r.error), "private-address");
  EXPECT_EQ(r.error_message,
            "127.0.0.1 is a loopback address (refused; --allow-private fetches it)");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(env_->replica().RequestsTo("f.replica.test", "/ok").empty());
}

TEST(CurlFetcherTest, RequiresAUserAgentAndAReadableCaFile) {
  EXPECT_FALSE(CurlFetcher::Create({}).ok());
  CurlFetcherOptions o;
  o.user_agent = "x";
  o.ca_file = "/nonexistent/ca.pem";
  EXPECT_FALSE(CurlFetcher::Create(o).ok());
  // A file that holds no PEM certificate is refused, not trusted as nothing.
  const std::string not_pem = ::testing::TempDir() + "/not-a-ca.pem";
  std::ofstream(not_pem) << "not a certificate\n";
  o.ca_file = not_pem;
  Result<std::unique_ptr<CurlFetcher>> refused = CurlFetcher::Create(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "--cacert " + not_pem + ": no PEM certificate in it");
  FetchRecord r = [] {
    CurlFetcherOptions ok;
    ok.user_agent = "x";
    auto f = CurlFetcher::Create(ok);
    return FetchNow(**f, Req("gopher://example.org/"));
  }();
  EXPECT_EQ(r.error, ErrorClass::kBadUrl);
}

}  // namespace
}  // namespace timecite::crawler
