// `timecite crawl` killed with SIGKILL and run again finishes the work,
// fetching nothing twice but what was in flight and losing no completed fetch.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "common/test_util.h"
#include "replica_env.h"
#include "spawn_process.h"
#include "store/store.h"

extern char** environ;

namespace timecite {
namespace {

using crawler::testing::ReplicaEnv;

constexpr int kPages = 40;

// Starts `timecite` with `args`, its stdout and stderr going to `out`.
pid_t Spawn(const std::vector<std::string>& args, const std::filesystem::path& out) {
  std::vector<std::string> all = {TIMECITE_BIN};
  all.insert(all.end(), args.begin(), args.end());
  return testing::SpawnProcess(std::move(all), out);
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, int> PageHits(replica::Replica& r) {
  std::map<std::string, int> hits;
  for (const auto& req : r.RequestsTo("resume.replica.test", "/p/")) ++hits[req.target];
  return hits;
}

TEST(CrawlResumeTest, SigkillThenRerunFinishesWithoutRefetching) {
  replica::World world;
  world.synthetic.push_back({"resume.replica.test", "/p/", kPages, 1000});
  auto env = ReplicaEnv::Start(world, /*https=*/false);
  ASSERT_NE(env, nullptr);
  const auto db = env->dir() / "db";
  const auto list = env->dir() / "urls.txt";
  {
    std::ofstream out(list);
    out << "# pages of the replica\n";
    for (int i = 0; i < kPages; ++i) out << "http://resume.replica.test/p/" << i << "\n";
  }
  const std::vector<std::string> args = {
      "--db", db.string(), "crawl", "--from", list.string(), "--connect-to",
      ":80:127.0.0.1:" + std::to_string(env->replica().http_port()), "--per-host", "1",
      "--interval", "40"};

  pid_t first = Spawn(args, env->dir() / "first.out");
  ASSERT_GT(first, 0);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (PageHits(env->replica()).size() < kPages / 3 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(first, SIGKILL), 0);
  EXPECT_EQ(WaitExit(first), -SIGKILL);
  const std::map<std::string, int> before = PageHits(env->replica());
  ASSERT_GE(before.size(), static_cast<size_t>(kPages / 3));
  ASSERT_LT(before.size(), static_cast<size_t>(kPages)) << Slurp(env->dir() / "first.out");

  pid_t second = Spawn(args, env->dir() / "second.out");
  ASSERT_GT(second, 0);
  EXPECT_EQ(WaitExit(second), 0) << Slurp(env->dir() / "second.out");

  const std::map<std::string, int> after = PageHits(env->replica());
  EXPECT_EQ(after.size(), static_cast<size_t>(kPages));  // every page fetched
  int twice = 0;
  for (const auto& [target, n] : after) {
    EXPECT_LE(n, 2) << target;
    if (n == 2) {
      ++twice;
      EXPECT_EQ(before.count(target), 1u) << target << " was fetched twice in the second run";
    }
  }
  // One fetch in flight per host (--per-host 1): at most one page twice.
  EXPECT_LE(twice, 1);

  auto store = store::Store::Open(db, store::OpenMode::kReadOnly);
  ASSERT_OK(store);
  for (int i = 0; i < kPages; ++i) {
    const std::string url = "http://resume.replica.test/p/" + std::to_string(i);
    auto fetch = (*store)->GetFetch(url);
    ASSERT_OK(fetch);
    EXPECT_EQ(fetch->status, 200) << url;
    EXPECT_EQ(fetch->error, ErrorClass::kOk) << url;
    EXPECT_OK((*store)->GetBody(fetch->body_hash));
  }
  auto left = (*store)->DueFrontier(INT64_MAX);
  ASSERT_OK(left);
  EXPECT_TRUE(left->empty());
  // The second run says what it did and what it skipped.
  const std::string summary = Slurp(env->dir() / "second.out");
  EXPECT_NE(summary.find("0 failed"), std::string::npos) << summary;

  // A third run has nothing left to fetch.
  pid_t third = Spawn(args, env->dir() / "third.out");
  EXPECT_EQ(WaitExit(third), 0);
  EXPECT_EQ(PageHits(env->replica()), after);
  EXPECT_NE(Slurp(env->dir() / "third.out").find(std::to_string(kPages) + " already fetched"),
            std::string::npos)
      << Slurp(env->dir() / "third.out");
}

}  // namespace
}  // namespace timecite
