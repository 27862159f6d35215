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
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_run.h"
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
using timecite::testing::CliRun;
using timecite::testing::RunTimecite;

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

// Asserts that every two requests to one host, as the replica stamped their
// arrival, are at least the interval apart — exactly: the interval counts
// from the end of the host's previous fetch (crawler.h HostPolicy), which the
// replica answered after stamping it. Returns the smallest gap.
int64_t ExpectSpacedByTheInterval(const std::vector<replica::RecordedRequest>& requests,
                                  const std::string& who) {
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>> by_host;
  for (const auto& r : requests)
    by_host[r.host].push_back({r.t_ms, r.target + " " + r.Header("User-Agent")});
  int64_t smallest = INT64_MAX;
  for (auto& [host, times] : by_host) {
    std::sort(times.begin(), times.end());
    for (size_t i = 1; i < times.size(); ++i) {
      const int64_t gap = times[i].first - times[i - 1].first;
      smallest = std::min(smallest, gap);
      EXPECT_GE(gap, kIntervalMs) << who << ", " << host << ": " << times[i - 1].second
                                  << " at " << times[i - 1].first << " ms, then "
                                  << times[i].second << " at " << times[i].first << " ms";
    }
  }
  return smallest;
}

class FleetE2E : public timecite::testing::ScratchDirTest {
 protected:
  void SetUp() override {
    TIMECITE_SKIP_WITHOUT_REDIS_SERVER();
    ScratchDirTest::SetUp();
  }
  void TearDown() override {
    for (size_t i = 0; i < workers_.size(); ++i) StopWorker(i, SIGKILL);
    ScratchDirTest::TearDown();
  }

  // The replica serving `world` over HTTP (env_), a redis-server (redis_),
  // and the CLI's --connect-to flags reaching the replica (connect_).
  void StartReplicaAndRedis(replica::World world, int threads) {
    env_ = ReplicaEnv::Start(std::move(world), /*https=*/false, threads);
    ASSERT_NE(env_, nullptr);
    for (const std::string& c : env_->ConnectTo()) connect_ += " --connect-to " + c;
    redis_ = std::make_unique<RedisServer>(dir_ / "redis");
    ASSERT_TRUE(redis_->Start());
  }

  pid_t StartWorker(const std::string& id) {
    std::vector<std::string> argv = {TIMECITE_BINARY, "worker", "--redis", redis_->url(), "--id", id,
                                     "--jobs", "4", "--lease", "1500", "--per-host", "2",
                                     "--interval", std::to_string(kIntervalMs), "--user-agent",
                                     kUserAgent};
    for (const std::string& c : env_->ConnectTo()) {
      argv.push_back("--connect-to");
      argv.push_back(c);
    }
    const pid_t pid = Spawn(argv, dir_ / (id + ".log"));
    workers_.push_back(pid);
    return pid;
  }

  // Sends `signal` to worker `i` (if still running) and reaps it; its wait
  // status, or -1.
  int StopWorker(size_t i, int signal) {
    if (workers_[i] <= 0) return -1;
    ::kill(workers_[i], signal);
    int status = 0;
    waitpid(workers_[i], &status, 0);
    workers_[i] = -1;
    return status;
  }

  std::string Log(const std::string& id) {
    std::ifstream in(dir_ / (id + ".log"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::unique_ptr<ReplicaEnv> env_;
  std::unique_ptr<RedisServer> redis_;
  std::string connect_;
  std::vector<pid_t> workers_;
};

TEST_F(FleetE2E, ThreeWorkersOneKilledRedisRestartedStoreAsSingleCrawl) {
  // 3 workers x 8 hosts x 2 kept-alive connections, and the single crawl's.
  StartReplicaAndRedis(ManyHosts(), /*threads=*/128);
  ASSERT_FALSE(HasFatalFailure());
  const std::vector<std::string> targets = Targets();

  // The single-process crawl of the same targets, as polite as the fleet.
  auto single_db = store::Store::Open(dir_ / "single", store::OpenMode::kReadWrite);
  ASSERT_OK(single_db);
  {
    crawler::SystemClock clock;
    auto fetcher = env_->Fetcher(clock, kUserAgent);
    ASSERT_NE(fetcher, nullptr);
    crawler::StoreFrontier frontier(**single_db);
    crawler::Crawler crawl(*fetcher, frontier, clock, Options());
    for (const std::string& u : targets) ASSERT_OK(crawl.Enqueue(u));
    auto p = crawl.Run();
    ASSERT_OK(p);
    ASSERT_EQ(p->done, static_cast<int64_t>(targets.size()));
  }
  const int64_t single_gap = ExpectSpacedByTheInterval(env_->replica().Requests(), "single crawl");
  env_->replica().ClearRequests();

  // The fleet.
  for (const char* id : {"w1", "w2", "w3"}) ASSERT_GT(StartWorker(id), 0);
  auto fleet_db = store::Store::Open(dir_ / "fleet", store::OpenMode::kReadWrite);
  ASSERT_OK(fleet_db);
  std::vector<std::string> notes;
  FleetFetcherOptions fleet_options;
  fleet_options.run_id = "e2e";
  fleet_options.log = [&](const std::string& l) { notes.push_back(l); };
  auto fetcher = FleetFetcher::Create(*ParseRedisUrl(redis_->url()), fleet_options);
  ASSERT_OK(fetcher);
  crawler::SystemClock clock;
  crawler::StoreFrontier frontier(**fleet_db);
  crawler::Crawler crawl(**fetcher, frontier, clock, FleetCrawlOptions(Options()));
  for (const std::string& u : targets) ASSERT_OK(crawl.Enqueue(u));
  const int64_t total = static_cast<int64_t>(targets.size());
  bool killed = false, restarted = false;
  std::thread restart;
  auto p = crawl.Run([&](const crawler::CrawlProgress& now) {
    if (!killed && now.done >= total / 4) {
      killed = true;
      StopWorker(0, SIGKILL);
    }
    if (!restarted && now.done >= total / 2) {
      restarted = true;
      restart = std::thread([&] {
        redis_->Kill();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_TRUE(redis_->Start());
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
  auto check = redis_->Connect();
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

  // Politeness across the fleet, as the replica saw it, exactly (a worker
  // killed and Redis restarted included).
  const auto requests = env_->replica().Requests();
  const int64_t fleet_gap = ExpectSpacedByTheInterval(requests, "fleet");
  std::set<std::string> hosts;
  std::map<std::string, int> by_url;
  for (const auto& r : requests) {
    hosts.insert(r.host);
    ++by_url[r.host + r.target];
  }
  EXPECT_EQ(hosts.size(), static_cast<size_t>(kHosts));
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
    const int status = StopWorker(i, SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const std::string log = Log("w" + std::to_string(i + 1));
    const size_t at = log.find(" taken over");
    ASSERT_NE(at, std::string::npos) << log;
    const size_t start = log.rfind(", ", at);
    taken_over += std::stoll(log.substr(start + 2, at - start - 2));
  }
  EXPECT_GE(taken_over, 1) << "the killed worker's tasks were not taken over";
  std::cerr << "fleet e2e: " << requests.size() << " requests, " << twice
            << " URLs fetched twice, " << taken_over << " tasks taken over, smallest gap "
            << fleet_gap << " ms (the single crawl's: " << single_gap << " ms; interval "
            << kIntervalMs << " ms)\n";
}

// A small world for the CLI tests: 2 hosts x `pages` pages.
replica::World TwoHosts(int pages) {
  replica::World w;
  for (int i = 0; i < 2; ++i) w.synthetic.push_back({HostName(i), "/page/", pages, 1024});
  return w;
}

TEST_F(FleetE2E, CliCrawlWithRedisAndStatus) {
  StartReplicaAndRedis(TwoHosts(4), /*threads=*/32);
  ASSERT_FALSE(HasFatalFailure());

  // Nobody listening: exit 1 naming the URL, for the coordinator and the worker.
  const std::string nowhere = "redis://127.0.0.1:" + std::to_string(testing::FreePort());
  CliRun crawl0 = RunTimecite("--db " + (dir_ / "db0").string() + " crawl --redis " + nowhere +
                              " http://h0.fleet.test/page/0");
  EXPECT_EQ(crawl0.exit_code, 1);
  EXPECT_NE(crawl0.out.find("timecite: error: redis " + nowhere + ": "), std::string::npos)
      << crawl0.out;
  CliRun worker0 = RunTimecite("worker --redis " + nowhere);
  EXPECT_EQ(worker0.exit_code, 1);
  EXPECT_NE(worker0.out.find("redis " + nowhere), std::string::npos) << worker0.out;

  ASSERT_GT(StartWorker("w1"), 0);
  std::string urls;
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 2; ++i) urls += " http://" + HostName(i) + "/page/" + std::to_string(p);
  CliRun crawl = RunTimecite("--db " + (dir_ / "db").string() + " crawl --redis " + redis_->url() +
                             " --run-id cli-run" + connect_ + urls);
  ASSERT_EQ(crawl.exit_code, 0) << crawl.out;
  EXPECT_NE(crawl.out.find("crawl: 8 requests done: 8 ok, 0 failed"), std::string::npos)
      << crawl.out;

  CliRun status_run = RunTimecite("fleet status --format json --redis " + redis_->url());
  ASSERT_EQ(status_run.exit_code, 0) << status_run.out;
  auto status = nlohmann::json::parse(status_run.out, nullptr, false);
  ASSERT_FALSE(status.is_discarded()) << status_run.out;
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
  ExpectSpacedByTheInterval(env_->replica().Requests(), "crawl --redis");
}

// `check --redis` and `recheck --redis`: the CLI hands the fleet's fetcher to
// the pipeline's CheckOnline and Recheck runs; every fetch of the run is a
// worker's result (the run's count in Redis), and the verdicts are the same
// as a local check's.
TEST_F(FleetE2E, CliCheckAndRecheckWithRedis) {
  StartReplicaAndRedis(TwoHosts(2), /*threads=*/32);
  ASSERT_FALSE(HasFatalFailure());
  const std::string report = Write("report.md",
                                   "# Report\n\nAs said.[^1] And again.[^2]\n\n"
                                   "[^1]: http://h0.fleet.test/page/0\n"
                                   "[^2]: http://h1.fleet.test/page/1\n");
  const std::string db = "--db " + (dir_ / "db").string();

  // The same report checked locally, for the verdicts to compare.
  CliRun local = RunTimecite("--db " + (dir_ / "local").string() + " check --format json" +
                             connect_ + " " + report);
  ASSERT_EQ(local.exit_code, 0) << local.out;

  ASSERT_GT(StartWorker("w1"), 0);
  CliRun checked = RunTimecite(db + " check --format json --redis " + redis_->url() +
                               " --run-id check-run " + report);
  ASSERT_EQ(checked.exit_code, 0) << checked.out;
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
  const auto local_verdicts = verdicts(local.out);
  ASSERT_EQ(local_verdicts.size(), 2u) << local.out;
  for (const std::string& v : local_verdicts)
    EXPECT_NE(v.find("\"verdict\":\"ok\""), std::string::npos) << v;
  EXPECT_EQ(verdicts(checked.out), local_verdicts);
  auto check = redis_->Connect();
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->Command({"HGET", RunKey("check-run"), "results"})->AsInt(), 2);

  CliRun rechecked = RunTimecite(db + " recheck --redis " + redis_->url() + " --run-id recheck-run");
  ASSERT_EQ(rechecked.exit_code, 0) << rechecked.out;
  EXPECT_EQ(check->Command({"HGET", RunKey("recheck-run"), "results"})->AsInt(), 2)
      << rechecked.out;
  // --run-id alone is a usage error.
  CliRun usage = RunTimecite(db + " recheck --run-id x");
  EXPECT_EQ(usage.exit_code, 3) << usage.out;
}

}  // namespace
}  // namespace timecite::fleet
