// Opening a database: modes, the single-writer lock, the schema gate and
// migration, and failures of the file system (read-only directory, full disk,
// corrupted files) that must give a clear error, never wrong data.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>

#include "common/test_util.h"
#include "raw_db.h"
#include "store/keys.h"
#include "store/store.h"
#include "test_db.h"

namespace timecite::store {
namespace {

using testing::MakeRecording;
using testing::MakeSegment;
using testing::RawDb;
using testing::TempDir;

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// A forked child has none of RocksDB's background threads, so closing a
// database there could wait forever for a job: children leak their stores
// and leave with _exit.
void Leak(Result<std::unique_ptr<Store>>& store) {
  if (store.ok()) (void)store.value().release();
}

// Runs `body` in a child process (as user "nobody" when we are root, so file
// permissions apply) and returns its exit status; 0 means success.
int RunInChild(const std::function<int()>& body, bool drop_root) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (drop_root && ::geteuid() == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(90);
    }
    ::_exit(body());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST(OpenTest, ReadOnlyAndSecondaryNeedAnExistingDatabase) {
  TempDir tmp;
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kSecondary}) {
    auto s = Store::Open(tmp.db(), mode);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.status().IsNotFound());
    EXPECT_TRUE(Has(s.status().message(), tmp.db().string()));
  }
  EXPECT_FALSE(std::filesystem::exists(tmp.db()));
}

TEST(OpenTest, SecondWriterGetsAClearErrorNamingThePath) {
  TempDir tmp;
  auto first = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_OK(first);
  auto second = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  EXPECT_TRUE(Has(second.status().message(), tmp.db().string()));
  EXPECT_TRUE(Has(second.status().message(), "already open for writing"));
  EXPECT_FALSE(Has(second.status().message(), "LOCK"));
}

TEST(OpenTest, WriterInAnotherProcessHoldsTheLock) {
  TempDir tmp;
  { ASSERT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite)); }
  int to_child[2], from_child[2];
  ASSERT_EQ(::pipe(to_child), 0);
  ASSERT_EQ(::pipe(from_child), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    auto s = Store::Open(tmp.db(), OpenMode::kReadWrite);
    char c = s.ok() ? 'y' : 'n';
    if (::write(from_child[1], &c, 1) != 1) ::_exit(2);
    if (::read(to_child[0], &c, 1) != 1) ::_exit(3);
    ::_exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(from_child[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  auto second = Store::Open(tmp.db(), OpenMode::kReadWrite);
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  EXPECT_TRUE(Has(second.status().message(), tmp.db().string()));
  // Readers are welcome while the writer runs.
  EXPECT_OK(Store::Open(tmp.db(), OpenMode::kReadOnly));
  EXPECT_OK(Store::Open(tmp.db(), OpenMode::kSecondary));
  ASSERT_EQ(::write(to_child[1], "x", 1), 1);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]})
    ::close(fd);
  EXPECT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite));
}

TEST(OpenTest, NewDatabaseIsPrivateToTheUserAndCreatedWhole) {
  TempDir tmp;
  {
    auto s = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(s);
  }
  struct stat st {};
  ASSERT_EQ(::stat(tmp.db().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // Stamped before it got its name: a reader finds the schema version.
  EXPECT_OK(Store::Open(tmp.db(), OpenMode::kReadOnly));
  // No build directory left beside it.
  for (const auto& e : std::filesystem::directory_iterator(tmp.path()))
    EXPECT_EQ(e.path().filename(), "db");
  // A build directory left by a killed process (a pid that is not running)
  // is removed by the next creator.
  const auto stale = tmp.path() / ".other.creating-999999999";
  std::filesystem::create_directories(stale / "x");
  ASSERT_OK(Store::Open(tmp.path() / "other", OpenMode::kReadWrite));
  EXPECT_FALSE(std::filesystem::exists(stale));
  // An empty directory made by the user is taken over (and made private).
  std::filesystem::create_directories(tmp.path() / "empty");
  ASSERT_OK(Store::Open(tmp.path() / "empty", OpenMode::kReadWrite));
  ASSERT_EQ(::stat((tmp.path() / "empty").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(OpenTest, SecondWriterWaitsForTheLock) {
  TempDir tmp;
  { ASSERT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite)); }
  int from_child[2];
  ASSERT_EQ(::pipe(from_child), 0);
  pid_t pid = ::fork();
  if (pid == 0) {  // holds the lock 800 ms, then exits (the lock goes with it)
    auto s = Store::Open(tmp.db(), OpenMode::kReadWrite);
    char c = s.ok() ? 'y' : 'n';
    Leak(s);
    if (::write(from_child[1], &c, 1) != 1) ::_exit(2);
    ::usleep(800'000);
    ::_exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(from_child[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  // Not long enough: Busy, saying how long it waited.
  auto t0 = std::chrono::steady_clock::now();
  auto busy = Store::Open(tmp.db(), OpenMode::kReadWrite, {.lock_wait_ms = 200});
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), Status::Code::kBusy);
  EXPECT_TRUE(Has(busy.status().message(), "(waited 200 ms)")) << busy.status().message();
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));
  // Long enough: opens once the other writer is gone.
  auto waited = Store::Open(tmp.db(), OpenMode::kReadWrite, {.lock_wait_ms = 10'000});
  EXPECT_OK(waited);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ::close(from_child[0]);
  ::close(from_child[1]);
}

TEST(OpenTest, SecondarySeesNewDataAfterCatchUp) {
  TempDir tmp;
  auto writer = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_OK(writer);
  ASSERT_OK((*writer)->PutRecording(MakeRecording("k1aaaaaaaa"), {}, true));
  auto reader = Store::Open(tmp.db(), OpenMode::kSecondary);
  ASSERT_OK(reader);
  auto snapshot = Store::Open(tmp.db(), OpenMode::kReadOnly);
  ASSERT_OK(snapshot);
  EXPECT_OK((*reader)->GetRecording("k1aaaaaaaa"));

  const std::string b = "k1bbbbbbbb";
  ASSERT_OK((*writer)->PutRecording(
      MakeRecording(b), {MakeSegment(b, SegmentKind::kSentence, 0, 5000)},
      true));
  EXPECT_TRUE((*reader)->GetRecording(b).status().IsNotFound());
  ASSERT_OK((*reader)->CatchUp());
  EXPECT_OK((*reader)->GetRecording(b));
  auto seg = (*reader)->SegmentAt(b, SegmentKind::kSentence, 2500);
  ASSERT_OK(seg);
  EXPECT_TRUE(seg->has_value());
  // Also after the writer flushed memtables to SST files.
  ASSERT_OK((*writer)->Flush());
  ASSERT_OK((*writer)->PutRecording(MakeRecording("k1cccccccc"), {}, true));
  ASSERT_OK((*reader)->CatchUp());
  EXPECT_OK((*reader)->GetRecording("k1cccccccc"));

  // The read-only snapshot is fixed, and says so when asked to catch up.
  EXPECT_TRUE((*snapshot)->GetRecording(b).status().IsNotFound());
  EXPECT_EQ((*snapshot)->CatchUp().code(), Status::Code::kUnsupported);
  // Readers cannot write.
  EXPECT_EQ((*reader)->PutRecording(MakeRecording("k1dddddddd"), {}).code(),
            Status::Code::kInvalidArgument);
}

TEST(OpenTest, NewerSchemaIsRefusedNamingBothVersions) {
  TempDir tmp;
  { ASSERT_OK(Store::Open(tmp.db(), OpenMode::kReadWrite)); }
  {
    std::vector<std::string> cfs;
    for (Kind k : AllKinds()) cfs.emplace_back(KindName(k));
    cfs.push_back("idx_from_the_future");
    RawDb raw(tmp.db(), cfs);
    ASSERT_TRUE(raw.status().ok()) << raw.status().ToString();
    std::string v;
    keys::AppendU32(v, kSchemaVersion + 1);
    ASSERT_TRUE(raw.Put("meta", "schema_version", v).ok());
  }
  for (OpenMode mode : {OpenMode::kReadWrite, OpenMode::kReadOnly}) {
    auto s = Store::Open(tmp.db(), mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
    const std::string m = s.status().message();
    EXPECT_TRUE(Has(m, "schema version " + std::to_string(kSchemaVersion + 1)));
    EXPECT_TRUE(Has(
        m, "schema version " + std::to_string(kSchemaVersion) + " at most"));
    EXPECT_TRUE(Has(m, tmp.db().string())) << m;
  }
}

// The layout of schema version 1: segment keys asset + start + kind + seq,
// no idx_* column families.
std::string V1SegmentKey(const std::string& asset, int64_t start,
                         SegmentKind kind, uint32_t seq) {
  std::string k = asset;
  k.push_back('\0');
  keys::AppendU64(k, static_cast<uint64_t>(start));
  k.push_back(static_cast<char>(kind));
  keys::AppendU32(k, seq);
  return k;
}

void WriteV1Database(const std::filesystem::path& dir) {
  RawDb raw(dir,
            {"meta", "fetches", "bodies", "fetch_log", "frontier", "recordings",
             "segments", "documents", "symbols", "citations"});
  ASSERT_TRUE(raw.status().ok()) << raw.status().ToString();
  std::string v;
  keys::AppendU32(v, 1);
  ASSERT_TRUE(raw.Put("meta", "schema_version", v).ok());
  const std::string a = "k1obxycc3u";
  Recording rec = MakeRecording(a, "2021-03-08", "Security Council");
  ASSERT_TRUE(raw.Put("recordings", a, EncodeRecording(rec)).ok());
  std::vector<Segment> segs = {
      MakeSegment(a, SegmentKind::kStatement, 0, 600000, 0, "IRN"),
      MakeSegment(a, SegmentKind::kSentence, 0, 4000),
      MakeSegment(a, SegmentKind::kSentence, 4000, 9000),
      MakeSegment(a, SegmentKind::kStatement, 600000, 900000, 0, "FRA"),
  };
  for (const auto& s : segs) {
    ASSERT_TRUE(raw.Put("segments", V1SegmentKey(a, s.start_ms, s.kind, s.seq),
                        EncodeSegment(s))
                    .ok());
  }
  CitationRecord c;
  c.source = "/r.md";
  c.footnote = 1;
  c.verdict = "ok";
  ASSERT_TRUE(
      raw.Put("citations", keys::CitationKey("/r.md", 1, 0), EncodeCitation(c))
          .ok());
}

TEST(OpenTest, MigratesAVersion1DatabaseInPlace) {
  TempDir tmp;
  WriteV1Database(tmp.db());
  // Readers may not migrate: they say how to.
  auto ro = Store::Open(tmp.db(), OpenMode::kReadOnly);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), Status::Code::kUnsupported);
  EXPECT_TRUE(Has(ro.status().message(), "schema version 1"));
  EXPECT_TRUE(Has(ro.status().message(), "read-write"));

  {
    auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(store);
    auto stats = (*store)->GetStats();
    ASSERT_OK(stats);
    EXPECT_EQ(stats->schema_version, kSchemaVersion);
  }
  auto store = Store::Open(tmp.db(), OpenMode::kReadOnly);
  ASSERT_OK(store);
  const std::string a = "k1obxycc3u";
  auto segs = (*store)->SegmentsOf(a);
  ASSERT_OK(segs);
  ASSERT_EQ(segs->size(), 4u);
  EXPECT_EQ((*segs)[0].kind, SegmentKind::kStatement);  // kind-first now
  EXPECT_EQ((*segs)[1].kind, SegmentKind::kStatement);
  EXPECT_EQ((*segs)[1].affiliation, "FRA");
  auto at = (*store)->SegmentsAt(a, 5000);
  ASSERT_OK(at);
  ASSERT_EQ(at->size(), 2u);
  EXPECT_EQ((*at)[0].affiliation, "IRN");
  EXPECT_EQ((*at)[1].start_ms, 4000);
  EXPECT_EQ((*store)->RecordingsByDate("2021-03-08", "2021-03-08")->size(), 1u);
  EXPECT_EQ((*store)->RecordingsByBody("Security Council")->size(), 1u);
  EXPECT_EQ((*store)->SegmentsByAffiliation("FRA")->size(), 1u);
  EXPECT_EQ((*store)->CitationsOf("/r.md")->size(), 1u);
  auto stats = (*store)->GetStats();
  ASSERT_OK(stats);
  for (const auto& k : stats->kinds) {
    if (k.kind == Kind::kSegments) {
      EXPECT_EQ(k.records, 4u);
    }
  }
}

// A database written by timecite 0.1.0 (schema 2): the example report checked
// against the replica, then `crawl` of two names that do not resolve and of a
// closed port. Unpacked from tests/store/data/schema2-db.tar.gz.
TEST(OpenTest, MigratesASchema2DatabaseOfRelease010) {
  TempDir tmp;
  const std::string unpack = "tar -xzf '" TIMECITE_STORE_TEST_DATA "/schema2-db.tar.gz' -C '" +
                             tmp.path().string() + "'";
  ASSERT_EQ(std::system(unpack.c_str()), 0) << unpack;
  const std::filesystem::path db = tmp.path() / "fixture-v2";

  auto ro = Store::Open(db, OpenMode::kReadOnly);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), Status::Code::kUnsupported);
  EXPECT_TRUE(Has(ro.status().message(), "schema version 2")) << ro.status().message();
  {
    auto store = Store::Open(db, OpenMode::kReadWrite);
    ASSERT_OK(store);
    EXPECT_EQ((*store)->GetStats()->schema_version, 3u);
  }
  auto opened = Store::Open(db, OpenMode::kReadOnly);
  ASSERT_OK(opened);
  Store& store = **opened;

  struct Want {
    const char* url;
    ErrorClass error;
    int status;
    const char* method;
    const char* error_message;
  };
  const Want wants[] = {
      {"https://webtv.un.org/en/asset/k1o/k1obxycc3u", ErrorClass::kOk, 200, "GET", ""},
      {"https://media.un.org/en/asset/k10/k10bxycc3u", ErrorClass::kHttpStatus, 404, "GET",
       "HTTP 404"},
      {"https://digitallibrary.un.org/record/3924425", ErrorClass::kBotChallenge, 202, "GET",
       "bot challenge (x-amzn-waf-action)"},
      {"https://nonexistent.invalid/a", ErrorClass::kDns, 0, "GET",
       "site unreachable (robots.txt: Couldn't resolve host name)"},
      {"http://127.0.0.1:1/private", ErrorClass::kConnect, 0, "GET",
       "site unreachable (robots.txt: Couldn't connect to server)"},
      {"https://cdnapisec.kaltura.com/api_v3/service/multirequest#post-1094ea4b7b8e23c1",
       ErrorClass::kOk, 200, "POST", ""},
  };
  for (const Want& w : wants) {
    auto f = store.GetFetch(w.url);
    ASSERT_OK(f);
    EXPECT_EQ(f->error, w.error) << w.url << ": " << ErrorClassName(f->error);
    EXPECT_EQ(f->status, w.status) << w.url;
    EXPECT_EQ(f->method, w.method) << w.url;
    EXPECT_EQ(f->error_message, w.error_message) << w.url;
    EXPECT_GT(f->started_ms, 1796661130000) << w.url;  // 2026-12-07, when it was written
    EXPECT_TRUE(f->extra.empty()) << w.url << ": " << f->extra.dump();
    auto log = store.FetchHistory(w.url);
    ASSERT_OK(log);
    ASSERT_EQ(log->size(), 1u) << w.url;
    EXPECT_EQ((*log)[0].error, w.error) << w.url;
    EXPECT_EQ((*log)[0].error_message, w.error_message) << w.url;
  }

  // Every record of both kinds reads back, by class.
  std::map<ErrorClass, int> by_class;
  ASSERT_OK(store.ScanFetches("", [&](const FetchRecord& f) {
    ++by_class[f.error];
    return true;
  }));
  EXPECT_EQ(by_class[ErrorClass::kOk], 40);
  EXPECT_EQ(by_class[ErrorClass::kHttpStatus], 10);
  EXPECT_EQ(by_class[ErrorClass::kBotChallenge], 1);
  EXPECT_EQ(by_class[ErrorClass::kDns], 2);
  EXPECT_EQ(by_class[ErrorClass::kConnect], 1);
  EXPECT_EQ(by_class.size(), 5u);
  // What else 0.1.0 wrote is still there.
  auto rec = store.GetRecording("k1obxycc3u");
  ASSERT_OK(rec);
  EXPECT_FALSE(rec->title.empty());
}

TEST(OpenTest, ReadOnlyDirectoryGivesAClearErrorAndDataSurvives) {
  TempDir tmp;
  {
    auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(store);
    ASSERT_OK((*store)->PutRecording(MakeRecording("k1aaaaaaaa"), {}, true));
  }
  namespace fs = std::filesystem;
  // A database is created 0700 (private to its user); this one is opened to
  // everyone's reading (0555), as a shared read-only copy would be, so the
  // child (as "nobody" when we are root) meets a directory it cannot write.
  fs::permissions(tmp.db(), fs::perms::owner_read | fs::perms::owner_exec |
                                fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::replace);
  int rc = RunInChild(
      [&] {
        auto rw = Store::Open(tmp.db(), OpenMode::kReadWrite);
        Leak(rw);
        if (rw.ok()) return 1;
        if (rw.status().code() != Status::Code::kIoError) return 2;
        if (!Has(rw.status().message(), tmp.db().string())) return 3;
        if (!Has(rw.status().message(), "not writable")) return 4;
        auto ro = Store::Open(tmp.db(), OpenMode::kReadOnly);
        if (!ro.ok()) return 5;
        bool found = (*ro)->GetRecording("k1aaaaaaaa").ok();
        Leak(ro);
        return found ? 0 : 6;
      },
      /*drop_root=*/true);
  EXPECT_EQ(rc, 0);
  fs::permissions(tmp.db(), fs::perms::owner_write, fs::perm_options::add);
  auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_OK(store);
  EXPECT_OK((*store)->GetRecording("k1aaaaaaaa"));
}

TEST(OpenTest, FullDiskGivesAClearErrorAndTheDatabaseStillOpens) {
  TempDir tmp;
  {
    auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(store);
    ASSERT_OK((*store)->PutBody("sha256:before", "kept", true));
  }
  // The child may not grow any file past 2 MiB: the WAL hits the limit the
  // way it would hit a full disk.
  int rc = RunInChild(
      [&] {
        ::signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = {2 << 20, 2 << 20};
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return 1;
        auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
        if (!store.ok()) return 2;
        Store& db = **store;
        Leak(store);
        std::string body(512 << 10, 'x');
        for (int i = 0; i < 64; ++i) {
          body[0] = static_cast<char>('a' + i % 26);
          Status s = db.PutBody("sha256:" + std::to_string(i), body, true);
          if (!s.ok()) {
            if (s.code() != Status::Code::kIoError) return 3;
            if (!Has(s.message(), tmp.db().string())) return 4;
            return 0;
          }
        }
        return 5;  // never failed
      },
      /*drop_root=*/false);
  EXPECT_EQ(rc, 0);
  auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_OK(store);
  auto body = (*store)->GetBody("sha256:before");
  ASSERT_OK(body);
  EXPECT_EQ(*body, "kept");
  EXPECT_OK((*store)->PutBody("sha256:after", "room again", true));
}

// The largest SST file of `dir`.
std::filesystem::path LargestSst(const std::filesystem::path& dir) {
  std::filesystem::path best;
  uintmax_t best_size = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sst" && e.file_size() > best_size) {
      best = e.path();
      best_size = e.file_size();
    }
  }
  return best;
}

void WriteRecordingAndFlush(const std::filesystem::path& db,
                            const std::string& a) {
  auto store = Store::Open(db, OpenMode::kReadWrite);
  ASSERT_OK(store);
  std::vector<Segment> segs;
  for (int i = 0; i < 200; ++i) {
    segs.push_back(
        MakeSegment(a, SegmentKind::kSentence, i * 1000, i * 1000 + 900));
  }
  ASSERT_OK((*store)->PutRecording(MakeRecording(a), segs, true));
  ASSERT_OK((*store)->Flush());
  auto problems = Store::Verify(db);
  ASSERT_OK(problems);
  EXPECT_TRUE(problems->empty());
}

TEST(OpenTest, CorruptedSegmentFileIsNamedByVerifyAndReadsFail) {
  TempDir tmp;
  const std::string a = "k1aaaaaaaa";
  WriteRecordingAndFlush(tmp.db(), a);
  std::filesystem::path sst = LargestSst(tmp.db());  // the segments
  ASSERT_FALSE(sst.empty());
  {
    std::fstream f(sst, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.write("\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
  }
  auto problems = Store::Verify(tmp.db());
  ASSERT_OK(problems);
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0].file, sst.string());
  EXPECT_TRUE(Has((*problems)[0].message, "checksum"))
      << (*problems)[0].message;

  auto store = Store::Open(tmp.db(), OpenMode::kReadOnly);
  ASSERT_OK(store);
  EXPECT_OK((*store)->GetRecording(a));  // another file, intact
  // Reads of the damaged data fail loudly; nothing returns a wrong record.
  auto segs = (*store)->SegmentsOf(a);
  ASSERT_FALSE(segs.ok());
  EXPECT_EQ(segs.status().code(), Status::Code::kCorruption);
  EXPECT_TRUE(Has(segs.status().message(), tmp.db().string()));
  auto at = (*store)->SegmentAt(a, SegmentKind::kSentence, 5000);
  ASSERT_FALSE(at.ok());
  EXPECT_EQ(at.status().code(), Status::Code::kCorruption);
}

// A flush killed midway leaves a partial SST the MANIFEST never listed:
// RocksDB never reads it and deletes it at the next open, so Verify (which
// `db verify` and the crash tests trust) does not call it damage.
TEST(OpenTest, OrphanSstOfAKilledFlushIsNotAProblem) {
  TempDir tmp;
  WriteRecordingAndFlush(tmp.db(), "k1aaaaaaaa");
  const auto orphan = tmp.db() / "999999.sst";
  {
    std::ofstream f(orphan, std::ios::binary);
    f << "half a table, cut off by SIGKILL";
  }
  auto problems = Store::Verify(tmp.db());
  ASSERT_OK(problems);
  EXPECT_TRUE(problems->empty())
      << (problems->empty() ? "" : (*problems)[0].file);
  auto store = Store::Open(tmp.db(), OpenMode::kReadWrite);
  ASSERT_OK(store);
  EXPECT_OK((*store)->GetRecording("k1aaaaaaaa"));
}

TEST(OpenTest, CorruptedDatabaseFailsToOpenWithAClearError) {
  TempDir tmp;
  WriteRecordingAndFlush(tmp.db(), "k1aaaaaaaa");
  int damaged = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.db())) {
    if (e.path().extension() != ".sst") continue;
    std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(2);
    f.write("\xde\xad\xbe\xef", 4);
    ++damaged;
  }
  auto problems = Store::Verify(tmp.db());
  ASSERT_OK(problems);
  EXPECT_EQ(static_cast<int>(problems->size()), damaged);
  for (OpenMode mode : {OpenMode::kReadWrite, OpenMode::kReadOnly}) {
    auto store = Store::Open(tmp.db(), mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
    EXPECT_TRUE(Has(store.status().message(), tmp.db().string()));
  }
}

}  // namespace
}  // namespace timecite::store
