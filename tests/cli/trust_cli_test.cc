// Issue 20, network and run safety, end to end against the replica:
// addresses a report must not reach (private-address, --allow-private), a
// Retry-After longer than the cap, check --deadline.
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.h"
#include "common/test_util.h"
#include "replica_env.h"
#include "tools/replica/world.h"

namespace {

using timecite::crawler::testing::ReplicaEnv;
using timecite::testing::CliRun;
namespace fs = std::filesystem;

timecite::replica::Fault At(const std::string& url) {
  timecite::replica::Fault f;
  f.url = url;
  return f;
}

timecite::replica::World TrustWorld() {
  timecite::replica::World w;
  w.pages.push_back({"https://www.un.org/ok", 200, "text/html; charset=UTF-8",
                     "<html><head><title>UN</title></head><body>fine</body></html>",
                     {}});
  auto to_private = At("https://www.un.org/to-private");
  to_private.redirect = "http://127.0.0.2/secret";
  w.faults.push_back(to_private);
  auto busy = At("https://www.un.org/busy");
  busy.status = 429;
  busy.retry_after = "3600";
  w.faults.push_back(busy);
  auto slow = At("https://www.un.org/slow");
  slow.delay_ms = 4000;
  slow.body = "late";
  w.faults.push_back(slow);
  return w;
}

class TrustCli : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = ReplicaEnv::Start(TrustWorld());
    ASSERT_NE(env_, nullptr);
  }
  // `toml`: the [crawler] table's lines.
  CliRun Check(const std::string& args, const std::string& toml = "") {
    std::ofstream(env_->dir() / "t.toml")
        << "[crawler]\ndefault_min_interval_ms = 0\n" << toml;
    std::string s = "check --db " + (env_->dir() / "db").string() + " --cacert " +
                    env_->ca_file() + " -c " + (env_->dir() / "t.toml").string();
    for (const std::string& c : env_->ConnectTo()) s += " --connect-to " + c;
    return timecite::testing::RunTimecite(s + " --format json " + args,
                                          env_->dir() / "stderr.txt");
  }
  std::string Report(const std::vector<std::string>& urls) {
    std::string text = "# Report\n\n";
    for (size_t i = 0; i < urls.size(); ++i)
      text += "Point " + std::to_string(i + 1) + ".[^" + std::to_string(i + 1) + "]\n\n";
    for (size_t i = 0; i < urls.size(); ++i)
      text += "[^" + std::to_string(i + 1) + "]: See " + urls[i] + "\n";
    const fs::path p = env_->dir() / "report.md";
    std::ofstream(p) << text;
    return p.string();
  }
  // url as written → citation JSON.
  static std::map<std::string, nlohmann::json> ByUrl(const std::string& out) {
    std::map<std::string, nlohmann::json> m;
    auto j = nlohmann::json::parse(out, nullptr, false);
    if (j.is_discarded()) return m;
    for (const auto& c : j["documents"][0]["citations"]) m[c["url"]] = c;
    return m;
  }
  static bool HasRule(const nlohmann::json& c, const std::string& rule) {
    for (const auto& f : c["findings"])
      if (f["rule"] == rule) return true;
    return false;
  }
  size_t SecretRequests() const {
    size_t n = 0;
    for (const auto& q : env_->replica().Requests()) n += q.target.starts_with("/secret") ||
                                                           q.target.starts_with("/latest");
    return n;
  }
  std::unique_ptr<ReplicaEnv> env_;
};

TEST_F(TrustCli, PrivateAddressesAreUnverifiedAndAllowedOnlyOnRequest) {
  const std::vector<std::string> urls = {
      "http://127.0.0.1/secret", "http://2130706433/secret", "http://0x7f.1/secret",
      "http://[::1]/secret", "http://localhost/secret", "http://10.0.0.1/secret",
      "http://169.254.169.254/latest/meta-data/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "https://www.un.org/to-private", "https://www.un.org/ok"};
  const std::string report = Report(urls);
  CliRun r = Check(report);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto by_url = ByUrl(r.out);
  ASSERT_EQ(by_url.size(), urls.size()) << r.out;
  for (size_t i = 0; i + 1 < urls.size(); ++i) {
    const nlohmann::json& c = by_url[urls[i]];
    EXPECT_EQ(c["verdict"], "unverified") << urls[i] << ": " << c.dump();
    EXPECT_TRUE(HasRule(c, "private-address")) << urls[i] << ": " << c.dump();
  }
  EXPECT_EQ(by_url["https://www.un.org/ok"]["verdict"], "ok");
  EXPECT_EQ(SecretRequests(), 0u);  // the redirect's target was never asked
  // The redirect was followed as far as the public hop.
  EXPECT_EQ(env_->replica().RequestsTo("www.un.org", "/to-private").size(), 1u);

  // [crawler] allow_private = true: every one is fetched (--connect-to sends
  // port 80 of any host to the replica, which answers numeric and localhost
  // hosts as its default host: 404).
  r = Check(report, "allow_private = true\n");
  by_url = ByUrl(r.out);
  ASSERT_EQ(by_url.size(), urls.size()) << r.err << r.out;
  for (size_t i = 0; i + 1 < urls.size(); ++i) {
    EXPECT_FALSE(HasRule(by_url[urls[i]], "private-address")) << urls[i];
    EXPECT_EQ(by_url[urls[i]]["verdict"], "broken") << urls[i];
  }
  EXPECT_GE(SecretRequests(), 6u);
}

TEST_F(TrustCli, AllowPrivateFlagFollowsTheRedirect) {
  const std::string report = Report({"https://www.un.org/to-private"});
  CliRun r = Check(report);
  EXPECT_EQ(ByUrl(r.out)["https://www.un.org/to-private"]["verdict"], "unverified");
  EXPECT_EQ(SecretRequests(), 0u);
  r = Check("--allow-private " + report);
  EXPECT_EQ(r.exit_code, 2) << r.err << r.out;
  EXPECT_EQ(ByUrl(r.out)["https://www.un.org/to-private"]["verdict"], "broken");
  EXPECT_EQ(SecretRequests(), 1u);
}

TEST_F(TrustCli, RetryAfterOverTheCapIsUnverifiedAtOnceAndSaysItWaits) {
  const std::string report = Report({"https://www.un.org/busy", "https://www.un.org/ok"});
  const auto t0 = std::chrono::steady_clock::now();
  // One request at a time: /ok waits behind /busy's Retry-After, at most 2 s.
  CliRun r = Check(report, "default_max_concurrent = 1\nmax_retry_after_s = 2\n");
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - t0)
                           .count();
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto by_url = ByUrl(r.out);
  const nlohmann::json& busy = by_url["https://www.un.org/busy"];
  EXPECT_EQ(busy["verdict"], "unverified") << busy.dump();
  EXPECT_TRUE(HasRule(busy, "link-rate-limited")) << busy.dump();
  EXPECT_EQ(by_url["https://www.un.org/ok"]["verdict"], "ok");
  EXPECT_EQ(env_->replica().RequestsTo("www.un.org", "/busy").size(), 1u);  // not retried
  EXPECT_LT(seconds, 60);  // not the hour asked for (a loaded CI machine)
  // stderr is a file here, not a terminal: the wait is still said.
  EXPECT_NE(r.err.find("timecite: waiting: www.un.org asks to wait "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" s (Retry-After)\n"), std::string::npos) << r.err;
}

TEST_F(TrustCli, DeadlineLeavesWhatIsNotDoneUnverifiedWithTheReason) {
  const std::string report = Report({"https://www.un.org/ok", "https://www.un.org/slow"});
  // The slow page answers 4 s after it is asked: with a deadline of 2 s its
  // reason shows it was cut, not waited for.
  CliRun r = Check("--deadline 2s " + report);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto by_url = ByUrl(r.out);
  EXPECT_EQ(by_url["https://www.un.org/ok"]["verdict"], "ok");
  const nlohmann::json& slow = by_url["https://www.un.org/slow"];
  EXPECT_EQ(slow["verdict"], "unverified") << slow.dump();
  EXPECT_EQ(slow["reason"], "not checked before the --deadline (2 s)") << slow.dump();
  EXPECT_NE(r.err.find("timecite: the --deadline passed: 1 link(s) or recording(s) not "
                       "checked (unverified)"),
            std::string::npos)
      << r.err;

  // A DURATION that is not one is a usage error, before any fetch.
  const size_t before = env_->replica().Requests().size();
  r = Check("--deadline soon " + report);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("'soon' is not a duration"), std::string::npos) << r.err;
  EXPECT_EQ(env_->replica().Requests().size(), before);
}

// The shipped systemd unit's database is the one `check` uses by default
// (the unit's source: CMake writes the installed binary's path into it).
TEST_F(TrustCli, SystemdUnitUsesTheDatabaseCheckUses) {
  std::ifstream unit(timecite::testing::SourceDir() / "configs" / "systemd" /
                     "timecite-recheck.service.in");
  ASSERT_TRUE(unit.is_open());
  std::string line, db;
  while (std::getline(unit, line)) {
    if (!line.starts_with("ExecStart=")) continue;
    const size_t at = line.find("--db ");
    ASSERT_NE(at, std::string::npos) << line;
    db = line.substr(at + 5, line.find(' ', at + 5) - at - 5);
    EXPECT_NE(line.find(" recheck "), std::string::npos) << line;
  }
  ASSERT_TRUE(db.starts_with("%h/")) << db;
  const fs::path home = env_->dir() / "home";
  fs::create_directories(home);
  const std::string report = Report({"https://www.un.org/ok"});
  // check with HOME set and XDG_DATA_HOME unset, as systemd starts the unit.
  const std::string cmd = "env -u XDG_DATA_HOME -u TIMECITE_DB HOME=" + home.string() +
                          " NO_COLOR=1 " + TIMECITE_BINARY + " check --offline " + report +
                          " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const fs::path unit_db = home / db.substr(3);
  ASSERT_TRUE(fs::exists(unit_db / "CURRENT")) << unit_db;
  CliRun r = timecite::testing::RunTimecite("--db " + unit_db.string() + " db dump citations",
                                            env_->dir() / "stderr.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(report), std::string::npos) << r.out;
}

TEST_F(TrustCli, RecheckOfNothingFailsUnlessAllowedAndForgetAndSkipMissing) {
  const std::string db = (env_->dir() / "db").string();
  const auto run = [&](const std::string& args) {
    return timecite::testing::RunTimecite("--db " + db + " " + args, env_->dir() / "stderr.txt");
  };
  // No database at all.
  CliRun r = run("recheck");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no timecite database at " + db + ": nothing to recheck"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("recheck --allow-empty").exit_code, 0);
  // A report checked, then forgotten: the database holds no citation.
  const std::string report = Report({"https://www.un.org/ok", "https://www.un.org/busy"});
  ASSERT_EQ(run("check --offline " + report).exit_code, 0);
  r = run("db forget " + report);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "forgot 2 citation(s) of " + report + "\n");
  r = run("db forget " + report);  // nothing left to forget
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no stored citation of " + report), std::string::npos) << r.err;
  r = run("recheck");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no stored citation to recheck in " + db), std::string::npos) << r.err;
  // Checked again, then the report is deleted: --skip-missing skips it.
  ASSERT_EQ(run("check --offline " + report).exit_code, 0);
  fs::remove(report);
  r = run("recheck --skip-missing");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("(1 report(s) gone from disk skipped)"), std::string::npos) << r.err;
  EXPECT_TRUE(env_->replica().Requests().empty());  // nothing was fetched
  EXPECT_EQ(run("recheck --skip-missing --allow-empty").exit_code, 0);
}

}  // namespace
