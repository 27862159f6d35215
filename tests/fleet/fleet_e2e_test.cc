// The fleet end to end, for real: redis-server, the replica serving many
// hosts, three `timecite worker` processes and a coordinator (a Crawler on a
// FleetFetcher and the store's frontier, as `crawl --redis` runs it). Mid-run
// one worker is SIGKILLed and Redis is killed and started again (AOF). The
// store must equal a single-process crawl's of the same targets, every
// host's requests must be spaced by the interval across all workers (as the
// replica saw them), and no URL fetched more than twice.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "crawler/crawler.h"
#include "crawler/curl_fetcher.h"
#include "crawler/store_frontier.h"
#include "fleet/fleet_fetcher.h"
#include "fleet/protocol.h"
#include "redis_server.h"
#include "replica_env.h"
#include "store/store.h"
#include "test_util.h"

namespace timecite::fleet {
namespace {

using crawler::testing::ReplicaEnv;
using testing::RedisServer;
using testing::Spawn;

constexpr int kHosts = 8;
constexpr int kPages = 24;
constexpr int64_t kIntervalMs = 150;
const char kUserAgent[] = "timecite-fleet-test/1.0";

std::string HostName(int i) { return "h" + std::to_string(i) + ".fleet.test"; }

replica::World ManyHosts() {
  replica::World w;
  for (int i = 0; i < kHosts; ++i) w.synthetic.push_back({HostName(i), "/page/", kPages, 2048});
  w.robots[HostName(0)] = "User-agent: *\nDisallow: /page/3\n";
  return w;
}

std::vector<std::string> Targets() {
  std::vector<std::string> urls;
  for (int p = 0; p < kPages; ++p)
    for (int i = 0; i < kHosts; ++i)
      urls.push_back("http://" + HostName(i) + "/page/" + std::to_string(p));
  return urls;
}

crawler::CrawlOptions Options() {
  crawler::CrawlOptions o;
  o.user_agent = kUserAgent;
  o.default_host_policy = {2, kIntervalMs};
  o.max_concurrent = 16;
  o.retry.base_delay_ms = 100;
  o.progress_interval_ms = 50;
  o.jitter_seed = 1;
  return o;
}

std::map<std::string, store::FetchRecord> Fetches(const store::Store& st) {
  std::map<std::string, store::FetchRecord> out;
  EXPECT_OK(st.ScanFetches("", [&](const store::FetchRecord& r) {
    out[r.url] = r;
    return true;
  }));
  return out;
}

// The smallest gap between two requests to one host, as the replica saw them.
int64_t SmallestGap(const std::vector<replica::RecordedRequest>& requests) {
  std::map<std::string, std::vector<int64_t>> by_host;
  for (const auto& r : requests) by_host[r.host].push_back(r.t_ms);
  int64_t smallest = INT64_MAX;
  for (auto& [host, times] : by_host) {
    std::sort(times.begin(), times.end());
    for (size_t i = 1; i < times.size(); ++i) smallest = std::min(smallest, times[i] - times[i - 1]);
  }
  return smallest;
}

class FleetE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    TIMECITE_SKIP_WITHOUT_REDIS_SERVER();
    dir_ = std::filesystem::temp_directory_path() /
           ("timecite_fleet_e2e_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    for (pid_t pid : workers_) {
      if (pid > 0) {
        ::kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  pid_t StartWorker(const std::string& redis_url, const std::string& id,
                    const std::vector<std::string>& connect_to) {
    std::vector<std::string> argv = {TIMECITE_BINARY, "worker", "--redis", redis_url, "--id", id,
                                     "--jobs", "4", "--lease", "1500", "--per-host", "2",
                                     "--interval", std::to_string(kIntervalMs), "--user-agent",
                                     kUserAgent};
    for (const std::string& c : connect_to) {
      argv.push_back("--connect-to");
      argv.push_back(c);
    }
    const pid_t pid = Spawn(argv, dir_ / (id + ".log"));
    workers_.push_back(pid);
    return pid;
  }

  std::string Log(const std::string& id) {
    std::ifstream in(dir_ / (id + ".log"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::filesystem::path dir_;
  std::vector<pid_t> workers_;
};

TEST_F(FleetE2E, ThreeWorkersOneKilledRedisRestartedStoreAsSingleCrawl) {
  // 3 workers x 8 hosts x 2 kept-alive connections, and the single crawl's.
  auto env = ReplicaEnv::Start(ManyHosts(), /*https=*/false, /*threads=*/128);
  ASSERT_NE(env, nullptr);
  const std::vector<std::string> connect_to = env->ConnectTo();
  const std::vector<std::string> targets = Targets();

  // The single-process crawl of the same targets.
  auto single_db = store::Store::Open(dir_ / "single", store::OpenMode::kReadWrite);
  ASSERT_OK(single_db);
  {
    crawler::SystemClock clock;
    auto fetcher = env->Fetcher(clock, kUserAgent);
    ASSERT_NE(fetcher, nullptr);
    crawler::StoreFrontier frontier(**single_db);
    crawler::Crawler crawl(*fetcher, frontier, clock, Options());
    for (const std::string& u : targets) ASSERT_OK(crawl.Enqueue(u));
    auto p = crawl.Run();
    ASSERT_OK(p);
    ASSERT_EQ(p->done, static_cast<int64_t>(targets.size()));
  }
  const int64_t single_gap = SmallestGap(env->replica().Requests());
  env->replica().ClearRequests();

  // The fleet.
  RedisServer redis(dir_ / "redis");
  ASSERT_TRUE(redis.Start());
  for (const char* id : {"w1", "w2", "w3"}) ASSERT_GT(StartWorker(redis.url(), id, connect_to), 0);

  auto fleet_db = store::Store::Open(dir_ / "fleet", store::OpenMode::kReadWrite);
  ASSERT_OK(fleet_db);
  std::vector<std::string> notes;
  FleetFetcherOptions fleet_options;
  fleet_options.run_id = "e2e";
  fleet_options.log = [&](const std::string& l) { notes.push_back(l); };
  auto fetcher = FleetFetcher::Create(*ParseRedisUrl(redis.url()), fleet_options);
  ASSERT_OK(fetcher);
  crawler::SystemClock clock;
  crawler::StoreFrontier frontier(**fleet_db);
  crawler::Crawler crawl(**fetcher, frontier, clock, FleetCrawlOptions(Options()));
  for (const std::string& u : targets) ASSERT_OK(crawl.Enqueue(u));
  const int64_t total = static_cast<int64_t>(targets.size());
  bool killed = false, restarted = false;
  int64_t kill_ms = 0, restart_ms = 0;  // the replica's clock (t_ms)
  auto replica_now = [&] {
    auto all = env->replica().Requests();
    return all.empty() ? int64_t{0} : all.back().t_ms;
  };
  std::thread restart;
  auto p = crawl.Run([&](const crawler::CrawlProgress& now) {
    if (!killed && now.done >= total / 4) {
      killed = true;
      kill_ms = replica_now();
      ::kill(workers_[0], SIGKILL);
      waitpid(workers_[0], nullptr, 0);
      workers_[0] = -1;
    }
    if (!restarted && now.done >= total / 2) {
      restarted = true;
      restart_ms = replica_now();
      restart = std::thread([&] {
        redis.Kill();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_TRUE(redis.Start());
      });
    }
  });
  if (restart.joinable()) restart.join();
  ASSERT_OK(p);
  EXPECT_TRUE(killed);
  EXPECT_TRUE(restarted);

  // Every task done: all targets have an outcome, nothing left anywhere.
  EXPECT_EQ(p->done, total);
  EXPECT_EQ(p->ok, total - 1);  // h0's /page/3 is refused by its robots.txt
  EXPECT_EQ(p->by_class["robots-disallowed"], 1);
  EXPECT_EQ((*fetcher)->InFlight(), 0u);
  auto check = redis.Connect();
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->Command({"XLEN", TasksKey()})->AsInt(), 0);
  const bool noted_outage =
      std::any_of(notes.begin(), notes.end(),
                  [](const std::string& n) { return n.find("retrying") != std::string::npos; });
  EXPECT_TRUE(noted_outage) << "the coordinator never saw Redis go away";

  // The store equals the single-process crawl's (times aside).
  auto single = Fetches(**single_db), fleet = Fetches(**fleet_db);
  ASSERT_EQ(single.size(), static_cast<size_t>(total));
  ASSERT_EQ(fleet.size(), single.size());
  for (const auto& [url, a] : single) {
    ASSERT_TRUE(fleet.count(url)) << url;
    const store::FetchRecord& b = fleet.at(url);
    EXPECT_EQ(a.status, b.status) << url;
    EXPECT_EQ(a.final_url, b.final_url) << url;
    EXPECT_EQ(a.body_hash, b.body_hash) << url;
    EXPECT_EQ(a.content_type, b.content_type) << url;
    EXPECT_EQ(a.content_length, b.content_length) << url;
    EXPECT_EQ(a.error, b.error) << url;
    EXPECT_EQ(a.etag, b.etag) << url;
    EXPECT_EQ(a.last_modified, b.last_modified) << url;
  }

  // Politeness across the fleet, as the replica saw it: with the 5% the
  // crawler's own tests allow the replica's clock (crawl_cli_test: 380 ms of
  // 400), since a request is stamped when a replica thread gets to it. On a
  // machine loaded far beyond its cores (8 times its 2 cores while this was
  // written) the stamps of the single-process crawl in this same run fall
  // short too (60-127 ms of 150 measured): then the stamps say nothing about
  // politeness, and the gaps are printed, not asserted.
  const bool trusted = single_gap >= kIntervalMs * 95 / 100;
  if (!trusted)
    std::cerr << "fleet e2e: the replica's stamps are not trustworthy on this machine now "
                 "(the single crawl's smallest gap " << single_gap << " ms < "
              << kIntervalMs * 95 / 100 << "): spacing not asserted\n";
  const auto requests = env->replica().Requests();
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>> by_host;
  std::map<std::string, int> by_url;
  for (const auto& r : requests) {
    by_host[r.host].push_back({r.t_ms, r.target + " " + r.Header("User-Agent")});
    ++by_url[r.host + r.target];
  }
  EXPECT_EQ(by_host.size(), static_cast<size_t>(kHosts));
  int64_t smallest_gap = INT64_MAX;
  for (auto& [host, times] : by_host) {
    std::sort(times.begin(), times.end());
    for (size_t i = 1; i < times.size(); ++i) {
      const int64_t gap = times[i].first - times[i - 1].first;
      smallest_gap = std::min(smallest_gap, gap);
      if (!trusted) continue;
      // Two stamps, each late by up to the 5% above, and sent by different
      // processes: 10% (measured on this machine at load 3-4: smallest gaps
      // 140-146 ms for the fleet, 128-143 ms for the single crawl).
      EXPECT_GE(gap, kIntervalMs * 90 / 100) << host << ": " << times[i - 1].second << " at "
                                  << times[i - 1].first << " ms, then " << times[i].second
                                  << " at " << times[i].first << " ms (kill at " << kill_ms
                                  << ", redis down at " << restart_ms << ")";
    }
  }
  int twice = 0;
  for (const auto& [url, n] : by_url) {
    EXPECT_LE(n, 2) << url << " fetched " << n << " times";
    if (n == 2) ++twice;
  }
  // One robots.txt per host, shared by the fleet.
  for (int i = 0; i < kHosts; ++i) EXPECT_GE(by_url.count(HostName(i) + "/robots.txt"), 1u);

  // The surviving workers stop on SIGTERM and say what they did; the tasks
  // the killed one held were taken over.
  int64_t taken_over = 0;
  for (size_t i = 1; i < workers_.size(); ++i) {
    ::kill(workers_[i], SIGTERM);
    int status = 0;
    waitpid(workers_[i], &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    workers_[i] = -1;
    const std::string log = Log("w" + std::to_string(i + 1));
    const size_t at = log.find(" taken over");
    ASSERT_NE(at, std::string::npos) << log;
    const size_t start = log.rfind(", ", at);
    taken_over += std::stoll(log.substr(start + 2, at - start - 2));
  }
  EXPECT_GE(taken_over, 1) << "the killed worker's tasks were not taken over";
  std::cerr << "fleet e2e: " << requests.size() << " requests, " << twice
            << " URLs fetched twice, " << taken_over << " tasks taken over, smallest gap "
            << smallest_gap << " ms (the single crawl's: " << single_gap << " ms)\n";
}

}  // namespace
}  // namespace timecite::fleet

namespace timecite::fleet {
namespace {

// Runs the timecite executable with `args`; stdout and stderr to `out`.
int RunCli(const std::string& args, const std::filesystem::path& out) {
  const int status = std::system((std::string(TIMECITE_BINARY) + " " + args + " > " +
                                  out.string() + " 2>&1")
                                     .c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_F(FleetE2E, CliCrawlWithRedisAndStatus) {
  replica::World w;
  for (int i = 0; i < 2; ++i) w.synthetic.push_back({HostName(i), "/page/", 4, 1024});
  auto env = ReplicaEnv::Start(std::move(w), /*https=*/false, /*threads=*/32);
  ASSERT_NE(env, nullptr);
  RedisServer redis(dir_ / "redis");
  ASSERT_TRUE(redis.Start());
  std::string connect;
  for (const std::string& c : env->ConnectTo()) connect += " --connect-to " + c;

  // Nobody listening: exit 1 naming the URL, for the coordinator and the worker.
  const std::string nowhere = "redis://127.0.0.1:" + std::to_string(testing::FreePort());
  EXPECT_EQ(RunCli("--db " + (dir_ / "db0").string() + " crawl --redis " + nowhere +
                       " http://h0.fleet.test/page/0",
                   dir_ / "out0"),
            1);
  EXPECT_NE(Read(dir_ / "out0").find("timecite: error: redis " + nowhere + ": "),
            std::string::npos)
      << Read(dir_ / "out0");
  EXPECT_EQ(RunCli("worker --redis " + nowhere, dir_ / "out1"), 1);
  EXPECT_NE(Read(dir_ / "out1").find("redis " + nowhere), std::string::npos);

  ASSERT_GT(StartWorker(redis.url(), "w1", env->ConnectTo()), 0);
  std::string urls;
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 2; ++i) urls += " http://" + HostName(i) + "/page/" + std::to_string(p);
  ASSERT_EQ(RunCli("--db " + (dir_ / "db").string() + " crawl --redis " + redis.url() +
                       " --run-id cli-run" + connect + urls,
                   dir_ / "crawl"),
            0)
      << Read(dir_ / "crawl");
  EXPECT_NE(Read(dir_ / "crawl").find("crawl: 8 requests done: 8 ok, 0 failed"), std::string::npos)
      << Read(dir_ / "crawl");

  ASSERT_EQ(RunCli("fleet status --format json --redis " + redis.url(), dir_ / "status"), 0);
  auto status = nlohmann::json::parse(Read(dir_ / "status"), nullptr, false);
  ASSERT_FALSE(status.is_discarded()) << Read(dir_ / "status");
  ASSERT_EQ(status["workers"].size(), 1u);
  EXPECT_EQ(status["workers"][0]["id"], "w1");
  EXPECT_EQ(status["workers"][0]["fetched"], 8);
  ASSERT_EQ(status["runs"].size(), 1u);
  EXPECT_EQ(status["runs"][0]["id"], "cli-run");
  EXPECT_EQ(status["runs"][0]["alive"], false);
  EXPECT_EQ(status["runs"][0]["results"], 8);
  EXPECT_EQ(status["tasks"]["in_stream"], 0);
  ASSERT_EQ(status["hosts"].size(), 2u);
  EXPECT_EQ(status["hosts"][0]["requests"], 5);  // robots.txt and 4 pages
}

}  // namespace
}  // namespace timecite::fleet

namespace timecite::fleet {
namespace {

// `check --redis` and `recheck --redis`: the CLI hands the fleet's fetcher to
// the pipeline's CheckOnline and Recheck runs; every fetch of the run is a
// worker's result (the run's count in Redis), and the verdicts are the same
// as a local check's.
TEST_F(FleetE2E, CliCheckAndRecheckWithRedis) {
  replica::World w;
  for (int i = 0; i < 2; ++i) w.synthetic.push_back({HostName(i), "/page/", 2, 1024});
  auto env = ReplicaEnv::Start(std::move(w), /*https=*/false, /*threads=*/32);
  ASSERT_NE(env, nullptr);
  RedisServer redis(dir_ / "redis");
  ASSERT_TRUE(redis.Start());
  std::string connect;
  for (const std::string& c : env->ConnectTo()) connect += " --connect-to " + c;
  {
    std::ofstream report(dir_ / "report.md");
    report << "# Report\n\nAs said.[^1] And again.[^2]\n\n"
              "[^1]: http://h0.fleet.test/page/0\n"
              "[^2]: http://h1.fleet.test/page/1\n";
  }
  const std::string db = "--db " + (dir_ / "db").string();

  // The same report checked locally, for the verdicts to compare.
  const int local = RunCli("--db " + (dir_ / "local").string() + " check --format json" +
                               connect + " " + (dir_ / "report.md").string(),
                           dir_ / "local.json");
  ASSERT_EQ(local, 0) << Read(dir_ / "local.json");

  ASSERT_GT(StartWorker(redis.url(), "w1", env->ConnectTo()), 0);
  ASSERT_EQ(RunCli(db + " check --format json --redis " + redis.url() +
                       " --run-id check-run " + (dir_ / "report.md").string(),
                   dir_ / "check.json"),
            0)
      << Read(dir_ / "check.json");
  auto verdicts = [](const std::string& text) {
    std::vector<std::string> out;
    const size_t start = text.find('{');
    auto j = nlohmann::json::parse(start == std::string::npos ? "" : text.substr(start),
                                   nullptr, false);
    if (j.is_discarded()) return out;
    for (const auto& doc : j["documents"])
      for (const auto& c : doc["citations"]) out.push_back(c.dump());
    return out;
  };
  const auto local_verdicts = verdicts(Read(dir_ / "local.json"));
  ASSERT_EQ(local_verdicts.size(), 2u) << Read(dir_ / "local.json");
  for (const std::string& v : local_verdicts)
    EXPECT_NE(v.find("\"verdict\":\"ok\""), std::string::npos) << v;
  EXPECT_EQ(verdicts(Read(dir_ / "check.json")), local_verdicts);
  auto check = redis.Connect();
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->Command({"HGET", RunKey("check-run"), "results"})->AsInt(), 2);

  ASSERT_EQ(RunCli(db + " recheck --redis " + redis.url() + " --run-id recheck-run",
                   dir_ / "recheck"),
            0)
      << Read(dir_ / "recheck");
  EXPECT_EQ(check->Command({"HGET", RunKey("recheck-run"), "results"})->AsInt(), 2)
      << Read(dir_ / "recheck");
  // --run-id alone is a usage error.
  EXPECT_EQ(RunCli(db + " recheck --run-id x", dir_ / "usage"), 3) << Read(dir_ / "usage");
}

}  // namespace
}  // namespace timecite::fleet
