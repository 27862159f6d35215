// A real redis-server for tests: on a free loopback port, its files (the AOF)
// in the test's scratch directory, appendonly with fsync at every write (so
// a SIGKILL loses nothing acknowledged) and no RDB snapshots. Kill() and
// Start() again on the same port and directory model a crash and restart.
#pragma once

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "fleet/redis.h"
#include "free_port.h"
#include "spawn_process.h"

namespace timecite::fleet::testing {

// Whether a redis-server executable is on the PATH (Debian: redis-server;
// scripts/install-deps.sh installs it, so CI always has it).
inline bool RedisServerInstalled() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && ::access((dir + "/redis-server").c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// In a test that needs a real Redis: skips it, saying why, when redis-server
// is not installed (the only reason these tests skip).
#define TIMECITE_SKIP_WITHOUT_REDIS_SERVER()                                         \
  do {                                                                                \
    if (!::timecite::fleet::testing::RedisServerInstalled())                          \
      GTEST_SKIP() << "redis-server is not installed (Debian package redis-server; " \
                      "scripts/install-deps.sh installs it)";                        \
  } while (0)

using timecite::testing::FreePort;

// Starts `argv`, its output appended to `log`. Returns the pid, or -1.
inline pid_t Spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  return timecite::testing::SpawnProcess(argv, log, /*append=*/true);
}

class RedisServer {
 public:
  explicit RedisServer(std::filesystem::path dir) : dir_(std::move(dir)), port_(FreePort()) {
    std::filesystem::create_directories(dir_);
  }
  ~RedisServer() { Kill(); }

  // Starts it (again) and waits until it answers PING (at most 10 s).
  bool Start() {
    pid_ = Spawn({"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                  "--dir", dir_.string(), "--appendonly", "yes", "--appendfsync", "always",
                  "--save", "", "--daemonize", "no", "--protected-mode", "no"},
                 dir_ / "redis.log");
    if (pid_ < 0) return false;
    auto endpoint = ParseRedisUrl(url());
    for (int i = 0; i < 200; ++i) {
      if (auto r = Redis::Connect(*endpoint, 1000); r.ok()) {
        // Loading the AOF answers -LOADING; wait until it is done.
        if ((*r)->Command({"PING"}).ok()) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // SIGKILL (a crash: no shutdown, nothing flushed that was not already).
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

  std::unique_ptr<Redis> Connect() const {
    auto r = Redis::Connect(*ParseRedisUrl(url()));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }

 private:
  std::filesystem::path dir_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace timecite::fleet::testing
