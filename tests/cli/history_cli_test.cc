// `timecite history URL` end to end: a database written through the Store
// API, then the real executable.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.h"
#include "store/store.h"
#include "test_util.h"

namespace timecite {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr const char* kLatin1 = "https://www.un.org/latin1";

using Outcome = timecite::testing::CliRun;
Outcome Timecite(const std::string& args) {
  return timecite::testing::RunTimecite(args);
}

store::FetchRecord Check(const std::string& url, int64_t at, int status,
                         ErrorClass error) {
  store::FetchRecord r;
  r.url = url;
  r.final_url = url;
  r.status = status;
  r.error = error;
  r.fetched_at_ms = at;
  r.attempts = 1;
  return r;
}

class HistoryCli : public timecite::testing::ScratchDirTest {
 protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    auto db = store::Store::Open(dir_ / "db", store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    const std::string gone = "https://www.un.org/gone";
    const std::string moved = "https://www.un.org/moved";
    const std::vector<store::FetchRecord> checks = {
        Check(gone, kT0, 200, ErrorClass::kOk),
        Check(gone, kT0 + 1 * kDay, 404, ErrorClass::kHttpStatus),
        Check(gone, kT0 + 2 * kDay, 0, ErrorClass::kTimeout),
        Check(gone, kT0 + 3 * kDay, 404, ErrorClass::kHttpStatus),
        Check(gone, kT0 + 4 * kDay, 410, ErrorClass::kHttpStatus),
    };
    for (const auto& r : checks)
      ASSERT_OK((*db)->AppendFetchLog(r.url, r.fetched_at_ms, r));
    store::FetchRecord m = Check(moved, kT0 + kDay, 200, ErrorClass::kOk);
    m.redirects = {{301, "https://www.un.org/new"}};
    m.final_url = "https://www.un.org/new";
    ASSERT_OK((*db)->AppendFetchLog(m.url, m.fetched_at_ms, m));
    // A hostile server's redirect to a Latin-1 URL: bytes that are not UTF-8.
    store::FetchRecord latin = Check(kLatin1, kT0, 200, ErrorClass::kOk);
    latin.redirects = {{302, "https://www.un.org/caf\xE9"}};
    latin.final_url = "https://www.un.org/caf\xE9";
    ASSERT_OK((*db)->AppendFetchLog(latin.url, latin.fetched_at_ms, latin));
    db->reset();  // close: the CLI opens it read-only
  }
  std::string Db() const { return "--db " + (dir_ / "db").string(); }
};

TEST_F(HistoryCli, TextShowsEachCheckAndTheVerdict) {
  Outcome r = Timecite("history " + Db() + " https://WWW.UN.ORG/gone");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(
      r.out,
      "https://www.un.org/gone\n"
      "  state       broken (4 failed checks since 2026-01-02T00:00:00Z, last "
      "2026-01-05T00:00:00Z)\n"
      "  policy      broken after 3 failed checks over at least 3 days\n"
      "  checks      5\n"
      "  2026-01-01T00:00:00Z  200  ok\n"
      "  2026-01-02T00:00:00Z  404  not-found (http-status)\n"
      "  2026-01-03T00:00:00Z  ---  unreachable (timeout)\n"
      "  2026-01-04T00:00:00Z  404  not-found (http-status)\n"
      "  2026-01-05T00:00:00Z  410  gone (http-status)\n");
}

TEST_F(HistoryCli, JsonWithRedirectsAndConfiguredThresholds) {
  Outcome r =
      Timecite("history " + Db() + " --format json https://www.un.org/moved");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["url"], "https://www.un.org/moved");
  EXPECT_EQ(j["state"]["verdict"], "ok");
  EXPECT_EQ(j["state"]["moved_to"], "https://www.un.org/new");
  ASSERT_EQ(j["checks"].size(), 1u);
  EXPECT_EQ(j["checks"][0]["time"], "2026-01-02T00:00:00Z");
  EXPECT_EQ(j["checks"][0]["redirects"][0]["status"], 301);
  EXPECT_EQ(j["checks"][0]["redirects"][0]["location"],
            "https://www.un.org/new");
  EXPECT_EQ(j["checks"][0]["final_url"], "https://www.un.org/new");

  // [history] failures = 5: the gone page is only unverified.
  const fs::path config = dir_ / "timecite.toml";
  FILE* f = fopen(config.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("[history]\nfailures = 5\nmin_days = 1\n", f);
  fclose(f);
  r = Timecite("history " + Db() + " --format json --config " +
               config.string() + " https://www.un.org/gone");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["policy"]["failures"], 5);
  EXPECT_EQ(j["state"]["verdict"], "unverified");
  EXPECT_EQ(j["state"]["failed_checks"], 4);  // the timeout counts
  EXPECT_EQ(j["state"]["first_failure"], "2026-01-02T00:00:00Z");
  EXPECT_EQ(j["state"]["last_class"], "gone");
  EXPECT_EQ(j["checks"][2]["class"], "unreachable");
}

// Stored text that is not UTF-8 is printed as U+FFFD in JSON, not an abort
// (nlohmann::json::dump's type_error 316).
TEST_F(HistoryCli, JsonWithInvalidUtf8StoredRedirect) {
  Outcome r = Timecite("history " + Db() + " --format json " + kLatin1);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["checks"][0]["redirects"][0]["status"], 302);
  EXPECT_EQ(j["checks"][0]["redirects"][0]["location"],
            "https://www.un.org/caf\xEF\xBF\xBD");
  EXPECT_EQ(j["checks"][0]["final_url"], "https://www.un.org/caf\xEF\xBF\xBD");
  // The text format prints the bytes as stored.
  r = Timecite("history " + Db() + " " + kLatin1);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("302 -> https://www.un.org/caf\xE9\n"),
            std::string::npos)
      << r.out;
}

TEST_F(HistoryCli, UnknownUrlBadUrlAndBadConfig) {
  Outcome r = Timecite("history " + Db() + " https://www.un.org/never");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("no check of https://www.un.org/never is recorded"),
            std::string::npos)
      << r.out;
  r = Timecite("history " + Db() + " not-a-url");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  r = Timecite("history " + Db() + " --config " +
               (dir_ / "missing.toml").string() + " https://www.un.org/gone");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  r = Timecite("history --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("at least D days apart with no"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace timecite
