// `timecite serve` as a process: it prints "listening on http://HOST:PORT"
// once it accepts connections, answers, and exits 0 on SIGTERM and SIGINT;
// --allow-online turns the online check on (never exercised here against the
// network: tests/serve/online_test.cc checks online against the replica);
// bad flags are exit 3 and a missing database exit 1.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include "serve_env.h"

namespace timecite::serve {
namespace {

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;  // its standard output
};

Child Spawn(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  Child c;
  c.pid = ::fork();
  if (c.pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    std::vector<char*> argv;
    std::string bin = TIMECITE_BINARY;
    argv.push_back(bin.data());
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  c.out = ::fdopen(fds[0], "r");
  return c;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class ServeCliTest : public ::testing::TestWithParam<int> {};

TEST_P(ServeCliTest, ListensAnswersAndStopsOnTheSignal) {
  auto env = testing::ServeEnv::Start(testing::TestOptions());  // makes the database
  ASSERT_NE(env, nullptr);
  Child c = Spawn({"--db", (env->dir() / "db").string(), "serve", "--listen", "127.0.0.1:0"});
  ASSERT_GT(c.pid, 0);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof line, c.out), nullptr);
  std::cmatch m;
  ASSERT_TRUE(std::regex_match(line, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)\n")))
      << line;
  const int port = std::stoi(m[1]);
  EXPECT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/api/at/k1abcd1234/1:29:40");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("I thank you, Madam President."), std::string::npos);
  ::kill(c.pid, GetParam());
  EXPECT_EQ(Wait(c.pid), 0);
  std::fclose(c.out);
}

INSTANTIATE_TEST_SUITE_P(Signals, ServeCliTest, ::testing::Values(SIGTERM, SIGINT));

// The port of the "listening on" line of `c`, or 0.
int ListeningPort(const Child& c) {
  char line[256] = {};
  if (std::fgets(line, sizeof line, c.out) == nullptr) return 0;
  std::cmatch m;
  if (!std::regex_match(line, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)\n")))
    return 0;
  return std::stoi(m[1]);
}

TEST(ServeCli, AllowOnlineOffersTheOnlineCheckAndItsAbsenceRefusesIt) {
  auto env = testing::ServeEnv::Start(testing::TestOptions());
  ASSERT_NE(env, nullptr);
  const std::string db = (env->dir() / "db").string();
  for (const bool allow : {true, false}) {
    std::vector<std::string> args = {"--db", db, "serve", "--listen", "127.0.0.1:0"};
    if (allow) args.push_back("--allow-online");
    Child c = Spawn(args);
    ASSERT_GT(c.pid, 0);
    const int port = ListeningPort(c);
    ASSERT_GT(port, 0);
    httplib::Client client("127.0.0.1", port);
    auto form = client.Get("/check");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->body.find("name=\"online\"") != std::string::npos, allow);
    if (!allow) {
      auto refused = client.Post("/api/check?online=1", "See https://webtv.un.org/en/asset/k1a/k1abcd1234\n",
                                 "text/plain");
      ASSERT_TRUE(refused);
      EXPECT_EQ(refused->status, 403);
      EXPECT_NE(refused->body.find("online_not_allowed"), std::string::npos);
    }
    ::kill(c.pid, SIGTERM);
    EXPECT_EQ(Wait(c.pid), 0);
    std::fclose(c.out);
  }
  // A configuration that cannot be read is a usage error, as for `check`.
  Child config = Spawn({"--db", db, "serve", "--listen", "127.0.0.1:0", "--allow-online", "-c",
                        "/nonexistent/timecite.toml"});
  EXPECT_EQ(Wait(config.pid), 3);
  std::fclose(config.out);
}

TEST(ServeCli, BadListenIsUsageAndMissingDatabaseARuntimeError) {
  Child bad = Spawn({"serve", "--listen", "localhost"});
  EXPECT_EQ(Wait(bad.pid), 3);
  std::fclose(bad.out);
  Child port = Spawn({"serve", "--listen", "127.0.0.1:70000"});
  EXPECT_EQ(Wait(port.pid), 3);
  std::fclose(port.out);
  Child missing = Spawn({"--db", "/nonexistent/timecite-db", "serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(Wait(missing.pid), 1);
  std::fclose(missing.out);
}

}  // namespace
}  // namespace timecite::serve
