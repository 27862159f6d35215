// The in-memory twin of the store (MemoryFileSystem): the same database
// behaviour as on disk — every open mode, the writer lock, catch-up — with no
// file written anywhere on disk.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_util.h"
#include "store/store.h"
#include "test_db.h"

namespace timecite::store {
namespace {

using testing::MakeRecording;
using testing::MakeSegment;
using testing::TempDir;

StoreOptions InMemory(const std::shared_ptr<MemoryFileSystem>& memory) {
  StoreOptions options;
  options.memory = memory;
  return options;
}

TEST(MemoryStoreTest, HoldsADatabaseInEveryModeAndWritesNothingToDisk) {
  TempDir tmp;  // the path names a file in memory; nothing may appear here
  auto memory = MemoryFileSystem::Create();
  const auto options = InMemory(memory);
  const std::string a = "k1aaaaaaaa";
  {
    auto writer = Store::Open(tmp.db(), OpenMode::kReadWrite, options);
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->PutRecording(
        MakeRecording(a), {MakeSegment(a, SegmentKind::kSentence, 0, 5000)},
        true));
    ASSERT_OK((*writer)->Flush());
    auto stats = (*writer)->GetStats();
    ASSERT_OK(stats);
    EXPECT_GT(stats->total_bytes_on_disk, 0u);  // bytes of the memory files
  }
  EXPECT_FALSE(std::filesystem::exists(tmp.db()));

  // Reopened from the same memory: read-only, and read-write again.
  auto snapshot = Store::Open(tmp.db(), OpenMode::kReadOnly, options);
  ASSERT_OK(snapshot);
  auto seg = (*snapshot)->SegmentAt(a, SegmentKind::kSentence, 2500);
  ASSERT_OK(seg);
  ASSERT_TRUE(seg->has_value());
  EXPECT_EQ((*seg)->start_ms, 0);

  auto writer = Store::Open(tmp.db(), OpenMode::kReadWrite, options);
  ASSERT_OK(writer);
  // One writer at a time, as on disk.
  auto second = Store::Open(tmp.db(), OpenMode::kReadWrite, options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy)
      << second.status().message();

  // A secondary sees the writer's new data after catching up.
  auto reader = Store::Open(tmp.db(), OpenMode::kSecondary, options);
  ASSERT_OK(reader);
  const std::string b = "k1bbbbbbbb";
  ASSERT_OK((*writer)->PutRecording(MakeRecording(b), {}, true));
  EXPECT_TRUE((*reader)->GetRecording(b).status().IsNotFound());
  ASSERT_OK((*reader)->CatchUp());
  EXPECT_OK((*reader)->GetRecording(b));
  EXPECT_FALSE(std::filesystem::exists(tmp.db()));
}

TEST(MemoryStoreTest, EachMemoryIsItsOwnWorldAndDiskIsUntouched) {
  TempDir tmp;
  auto one = MemoryFileSystem::Create();
  auto two = MemoryFileSystem::Create();
  {
    auto writer = Store::Open(tmp.db(), OpenMode::kReadWrite, InMemory(one));
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->PutRecording(MakeRecording("k1aaaaaaaa"), {}, true));
  }
  // Another memory, and the disk, hold no database at that path.
  for (const StoreOptions& options : {InMemory(two), StoreOptions()}) {
    auto reader = Store::Open(tmp.db(), OpenMode::kReadOnly, options);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  }
  // A database on disk at the same path is a different one.
  {
    auto disk = Store::Open(tmp.db(), OpenMode::kReadWrite);
    ASSERT_OK(disk);
    EXPECT_TRUE((*disk)->GetRecording("k1aaaaaaaa").status().IsNotFound());
  }
  auto again = Store::Open(tmp.db(), OpenMode::kReadOnly, InMemory(one));
  ASSERT_OK(again);
  EXPECT_OK((*again)->GetRecording("k1aaaaaaaa"));
}

}  // namespace
}  // namespace timecite::store
