// Crash safety: a child process writes batches through the Store and reports
// each acknowledged one on a pipe; the parent SIGKILLs it at a random moment,
// reopens the database and checks that every acknowledged batch is whole and
// that no batch anywhere is partial. The same database takes every crash.
//
// 20 trials by default; set TIMECITE_CRASH_TRIALS (e.g. 500) for a long run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <iostream>
#include <random>
#include <thread>

#include "common/test_util.h"
#include "crash_batch.h"
#include "test_db.h"

namespace timecite::store {
namespace {

using testing::CrashAsset;
using testing::CrashText;
using testing::kCrashSegments;
using testing::TempDir;

int Trials() {
  const char* env = std::getenv("TIMECITE_CRASH_TRIALS");
  int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : 20;
}

// Starts the child writer; returns its pid and the read end of its ack pipe.
std::pair<pid_t, int> StartChild(const std::filesystem::path& db, int trial,
                                 int max_batches) {
  int fds[2];
  if (::pipe(fds) != 0) return {-1, -1};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::string trial_s = std::to_string(trial), fd_s = std::to_string(fds[1]),
                max_s = std::to_string(max_batches);
    ::execl(TIMECITE_CRASH_CHILD, TIMECITE_CRASH_CHILD, db.c_str(),
            trial_s.c_str(), fd_s.c_str(), max_s.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reads one 4-byte ack; false at end of stream.
bool ReadAck(int fd, uint32_t* ack) {
  size_t got = 0;
  auto* p = reinterpret_cast<char*>(ack);
  while (got < sizeof *ack) {
    ssize_t n = ::read(fd, p + got, sizeof *ack - got);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return true;
}

// Whole: the recording and all segments with the expected text. Absent: none
// of it. Anything else is a partial batch.
enum class BatchState { kWhole, kAbsent, kPartial };

BatchState InspectCitations(const Store& store, int trial, int i) {
  auto cs = store.CitationsOf(testing::CrashSource(trial, i));
  if (!cs.ok()) {
    ADD_FAILURE() << "read failed: " << cs.status().ToString();
    return BatchState::kPartial;
  }
  if (cs->empty()) return BatchState::kAbsent;
  if (static_cast<int>(cs->size()) != testing::kCrashCitations) {
    return BatchState::kPartial;
  }
  for (int j = 0; j < testing::kCrashCitations; ++j) {
    if ((*cs)[j].footnote != j ||
        (*cs)[j].url_written != CrashText(trial, i, j)) {
      return BatchState::kPartial;
    }
  }
  return BatchState::kWhole;
}

BatchState Inspect(const Store& store, int trial, int i) {
  if (testing::IsCitationBatch(i)) return InspectCitations(store, trial, i);
  const std::string a = CrashAsset(trial, i);
  auto rec = store.GetRecording(a);
  auto segs = store.SegmentsOf(a);
  if (!segs.ok() || (!rec.ok() && !rec.status().IsNotFound())) {
    ADD_FAILURE() << "read failed: " << rec.status().ToString() << " "
                  << segs.status().ToString();
    return BatchState::kPartial;
  }
  if (!rec.ok() && segs->empty()) return BatchState::kAbsent;
  if (!rec.ok() || static_cast<int>(segs->size()) != kCrashSegments) {
    return BatchState::kPartial;
  }
  std::map<int64_t, std::string> texts;
  for (const auto& s : *segs) texts[s.start_ms] = s.text;
  for (int j = 0; j < kCrashSegments; ++j) {
    if (texts[j * 1000] != CrashText(trial, i, j)) return BatchState::kPartial;
  }
  auto at = store.SegmentAt(a, SegmentKind::kStatement, 2500);
  if (!at.ok() || !at->has_value() || (*at)->start_ms != 2000) {
    return BatchState::kPartial;
  }
  return BatchState::kWhole;
}

// After a trial: the whole database holds exactly the trial's whole batches,
// every index entry resolves. Then they are deleted, so each trial starts
// from an empty database (and the long run does not slow down).
void CheckWholeDatabaseAndClear(Store& store, int trial, int whole) {
  int recordings = 0, citation_sets = 0;
  for (int i = 0; i < whole; ++i) {
    ++(testing::IsCitationBatch(i) ? citation_sets : recordings);
  }
  int seen = 0;
  ASSERT_OK(store.ScanRecordings([&](const Recording&) {
    ++seen;
    return true;
  }));
  EXPECT_EQ(seen, recordings);
  auto by_aff = store.SegmentsByAffiliation("CRA");
  ASSERT_OK(by_aff);
  EXPECT_EQ(static_cast<int>(by_aff->size()), recordings * kCrashSegments);
  auto by_body = store.RecordingsByBody("Crash Council");
  ASSERT_OK(by_body);
  EXPECT_EQ(static_cast<int>(by_body->size()), recordings);
  int citations = 0;
  ASSERT_OK(store.ScanCitations([&](const CitationRecord&) {
    ++citations;
    return true;
  }));
  EXPECT_EQ(citations, citation_sets * testing::kCrashCitations);

  for (int i = 0; i < whole; ++i) {
    if (testing::IsCitationBatch(i)) {
      ASSERT_OK(store.ReplaceCitations(testing::CrashSource(trial, i), {}));
    } else {
      ASSERT_OK(store.DeleteRecording(CrashAsset(trial, i)));
    }
  }
  if (trial % 25 == 24) {
    ASSERT_OK(store.Compact());
  }
}

// A database killed in its first moments (while RocksDB creates it, before or
// after the schema version is written) is absent or whole: never a directory
// `db verify` and readers refuse. (Before the atomic creation, a kill between
// RocksDB's create and the schema stamp left a database readers refused.)
TEST(CrashTest, DatabaseKilledWhileBeingCreatedIsAbsentOrWhole) {
  std::mt19937 rng(20261207);
  // How long this machine takes from exec to a created database (the first
  // ack follows the first batch): the kills land anywhere in that span.
  int64_t span_us = 0;
  {
    TempDir tmp;
    const auto t0 = std::chrono::steady_clock::now();
    auto [pid, fd] = StartChild(tmp.db(), 0, 1);
    ASSERT_GT(pid, 0);
    uint32_t ack = 0;
    ASSERT_TRUE(ReadAck(fd, &ack));
    span_us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ::close(fd);
  }
  int absent = 0, whole = 0;
  for (int trial = 0; trial < 20; ++trial) {
    TempDir tmp;
    auto [pid, fd] = StartChild(tmp.db(), trial, 1);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(
        std::uniform_int_distribution<int64_t>(0, span_us)(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fd);
    if (!std::filesystem::exists(tmp.db())) {
      ++absent;
    } else {
      ++whole;
      auto problems = Store::Verify(tmp.db());
      ASSERT_OK(problems);
      for (const auto& p : *problems) {
        ADD_FAILURE() << "trial " << trial << ": " << p.file << ": "
                      << p.message;
      }
      auto reader = Store::Open(tmp.db(), OpenMode::kReadOnly);
      ASSERT_OK(reader) << "trial " << trial;
    }
    // The next writer opens or creates it either way.
    ASSERT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite)) << "trial " << trial;
  }
  std::cout << "killed while creating (within " << span_us / 1000
            << " ms of exec): " << absent << " absent, " << whole << " whole\n";
}

TEST(CrashTest, AcknowledgedBatchesSurviveSigkillAndNoneIsPartial) {
  TempDir tmp;
  const int trials = Trials();
  std::mt19937 rng(20210308);
  int total_acked = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const int max_batches = 64;
    auto [pid, fd] = StartChild(tmp.db(), trial, max_batches);
    ASSERT_GT(pid, 0);
    // Kill after a random number of acks, then a random extra moment, so the
    // kill lands before, during and after writes.
    const int kill_after = std::uniform_int_distribution<int>(0, 24)(rng);
    const int extra_us = std::uniform_int_distribution<int>(0, 3000)(rng);
    int acked = 0;
    uint32_t ack = 0;
    while (acked < kill_after && ReadAck(fd, &ack)) {
      ASSERT_EQ(ack, static_cast<uint32_t>(acked));
      ++acked;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(extra_us));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "child exited by itself with " << WEXITSTATUS(status);
    while (ReadAck(fd, &ack)) {  // acks already in the pipe count too
      ASSERT_EQ(ack, static_cast<uint32_t>(acked));
      ++acked;
    }
    ::close(fd);
    total_acked += acked;

    auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(store);
    for (int i = 0; i < acked; ++i) {
      ASSERT_EQ(Inspect(**store, trial, i), BatchState::kWhole)
          << "acknowledged batch " << CrashAsset(trial, i) << " lost";
    }
    BatchState next = Inspect(**store, trial, acked);
    ASSERT_NE(next, BatchState::kPartial)
        << "batch " << CrashAsset(trial, acked) << " is partial";
    ASSERT_EQ(Inspect(**store, trial, acked + 1), BatchState::kAbsent);
    const int whole = acked + (next == BatchState::kWhole ? 1 : 0);
    CheckWholeDatabaseAndClear(**store, trial, whole);
    if (HasFatalFailure()) return;
  }
  RecordProperty("trials", trials);
  RecordProperty("acknowledged_batches", total_acked);
}

}  // namespace
}  // namespace timecite::store
