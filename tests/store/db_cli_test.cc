// `timecite db ...` end to end: the real executable on a database written
// through the Store API; exit codes as DESIGN §4 (0 ok, 1 runtime error,
// 2 corruption found by verify, 3 usage).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/test_util.h"
#include "store/store.h"
#include "test_db.h"

namespace timecite::store {
namespace {

using testing::MakeRecording;
using testing::MakeSegment;
using testing::TempDir;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs timecite with `args` (as user "nobody" if drop_root and we are root).
CliRun Timecite(const TempDir& tmp, std::vector<std::string> args,
                bool drop_root = false) {
  const auto out = tmp.path() / "stdout", err = tmp.path() / "stderr";
  pid_t pid = ::fork();
  if (pid == 0) {
    int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(120);
    if (drop_root && ::geteuid() == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(121);
    }
    std::vector<char*> argv;
    std::string exe = TIMECITE_EXE;
    argv.push_back(exe.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

void Populate(const std::filesystem::path& db) {
  auto store = Store::Open(db, OpenMode::kReadWrite);
  ASSERT_OK(store);
  const std::string a = "k1obxycc3u";
  std::vector<Segment> segs;
  for (int i = 0; i < 300; ++i) {
    segs.push_back(MakeSegment(a, SegmentKind::kSentence, 5380000 + i * 1000,
                               5380000 + i * 1000 + 900, 0, "IRN"));
  }
  ASSERT_OK((*store)->PutRecording(MakeRecording(a), segs, true));
  ASSERT_OK((*store)->Flush());
}

TEST(DbCliTest, StatsGetDumpCheckpoint) {
  TempDir tmp;
  Populate(tmp.db());
  const std::string db = tmp.db().string();

  CliRun r = Timecite(tmp, {"--db", db, "db", "stats", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto stats = nlohmann::json::parse(r.out);
  EXPECT_EQ(stats["schema_version"], kSchemaVersion);
  EXPECT_EQ(stats["kinds"]["recordings"]["records"], 1);
  EXPECT_EQ(stats["kinds"]["segments"]["records"], 300);
  EXPECT_EQ(stats["kinds"]["idx_segments_by_affiliation"]["records"], 300);

  r = Timecite(tmp, {"--db", db, "db", "get", "segment", "k1obxycc3u",
                     "sentence", "5380000", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto seg = nlohmann::json::parse(r.out);
  EXPECT_EQ(seg["value"]["text"], "text at 5380000");
  EXPECT_EQ(seg["value"]["end_ms"], 5380900);

  r = Timecite(tmp, {"--db", db, "db", "dump", "recordings", "k1o"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
  EXPECT_EQ(nlohmann::json::parse(r.out)["value"]["meeting_symbol"],
            "S/PV.8762");
  r = Timecite(tmp, {"--db", db, "db", "dump", "recordings", "k2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");

  r = Timecite(tmp, {"--db", db, "db", "get", "recording", "k1zzzzzzzz"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no recordings record k1zzzzzzzz"), std::string::npos)
      << r.err;
  r = Timecite(tmp, {"--db", db, "db", "get", "speeches", "x"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("unknown kind 'speeches'"), std::string::npos) << r.err;

  const std::string copy = (tmp.path() / "copy").string();
  r = Timecite(tmp, {"--db", db, "db", "checkpoint", copy});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reopened = Store::Open(copy, OpenMode::kReadOnly);
  ASSERT_OK(reopened);
  EXPECT_EQ((*reopened)->SegmentsOf("k1obxycc3u")->size(), 300u);
}

TEST(DbCliTest, VerifyExitsTwoAndNamesTheDamagedFile) {
  TempDir tmp;
  Populate(tmp.db());
  const std::string db = tmp.db().string();
  CliRun r = Timecite(tmp, {"--db", db, "db", "verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok: "), std::string::npos);

  std::filesystem::path largest;
  uintmax_t size = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.db())) {
    if (e.path().extension() == ".sst" && e.file_size() > size) {
      largest = e.path();
      size = e.file_size();
    }
  }
  {
    std::fstream f(largest, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(64);
    f.write("\x13\x37\x13\x37", 4);
  }
  r = Timecite(tmp, {"--db", db, "db", "verify"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("corrupt: " + largest.string()), std::string::npos)
      << r.out;
  // Other commands fail with a clear error instead of printing bad data.
  r = Timecite(tmp, {"--db", db, "db", "dump", "segments"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Corruption"), std::string::npos) << r.err;
}

TEST(DbCliTest, ReadOnlyDirectoryIsExitOneWithAClearMessage) {
  TempDir tmp;
  Populate(tmp.db());
  namespace fs = std::filesystem;
  fs::permissions(tmp.db(), fs::perms::owner_write, fs::perm_options::remove);
  fs::permissions(tmp.path(), fs::perms::all, fs::perm_options::add);
  // Databases are created private (0700); the commands below run as another
  // user (drop_root), who may read it but not write it.
  fs::permissions(tmp.db(), fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::add);
  CliRun r = Timecite(tmp,
                      {"--db", tmp.db().string(), "db", "checkpoint",
                       (tmp.path() / "copy").string()},
                      /*drop_root=*/true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not writable"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(tmp.db().string()), std::string::npos) << r.err;
  // Reading still works, as does writing once the directory is writable.
  r = Timecite(tmp, {"--db", tmp.db().string(), "db", "stats"}, true);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema version"), std::string::npos) << r.out;
  r = Timecite(
      tmp, {"--db", tmp.db().string(), "db", "get", "recording", "k1obxycc3u"},
      /*drop_root=*/true);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::permissions(tmp.db(), fs::perms::owner_write, fs::perm_options::add);
  EXPECT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite));
}

}  // namespace
}  // namespace timecite::store
