#include "common/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "test_util.h"

namespace timecite {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kMiB = 1 << 20;

class ReadFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("timecite-file-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  fs::path dir_;
};

TEST_F(ReadFileTest, ReadsEveryByteAsItIs) {
  // NUL, invalid UTF-8, CR LF: bytes, not text.
  const std::string bytes("a\0b\xFF\xC3\r\n", 7);
  auto read = ReadFile(Write("x.bin", bytes), kMiB);
  ASSERT_OK(read);
  EXPECT_EQ(*read, bytes);
  auto empty = ReadFile(Write("empty.txt", ""), kMiB);
  ASSERT_OK(empty);
  EXPECT_EQ(*empty, "");
}

TEST_F(ReadFileTest, ExactlyTheCapIsReadOneMoreByteIsRefused) {
  const std::string at_cap(kMiB, 'x');
  auto fits = ReadFile(Write("fits.txt", at_cap), kMiB);
  ASSERT_OK(fits);
  EXPECT_EQ(fits->size(), kMiB);
  const fs::path big = Write("big.txt", at_cap + "y");
  auto over = ReadFile(big, kMiB);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(over.status().message(), big.string() + ": larger than 1 MiB");
}

TEST_F(ReadFileTest, MissingFileAndDirectoryNameThePath) {
  const fs::path missing = dir_ / "missing.txt";
  auto none = ReadFile(missing, kMiB);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(none.status().message(),
            missing.string() + ": No such file or directory");
  auto dir = ReadFile(dir_, kMiB);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), Status::Code::kIoError);
  EXPECT_EQ(dir.status().message(), dir_.string() + ": is a directory");
}

TEST_F(ReadFileTest, UnreadableFileIsAnIoError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads a mode-000 file";
  const fs::path p = Write("secret.txt", "x");
  fs::permissions(p, fs::perms::none);
  auto read = ReadFile(p, kMiB);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Status::Code::kIoError);
  EXPECT_EQ(read.status().message(), p.string() + ": Permission denied");
}

TEST_F(ReadFileTest, DeviceWithoutEndStopsAtTheCap) {
  // /dev/zero never ends and has no size: read up to the cap, then refused.
  auto zero = ReadFile("/dev/zero", kMiB);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(zero.status().message(),
            "/dev/zero: larger than 1 MiB (a pipe or device is read up to "
            "that)");
  auto null = ReadFile("/dev/null", kMiB);
  ASSERT_OK(null);
  EXPECT_EQ(*null, "");
}

// Writes `bytes` into a pipe from another thread (a pipe holds 64 KiB) and
// returns ReadAll of its read end.
Result<std::string> ThroughPipe(const std::string& bytes,
                                std::uint64_t max_bytes) {
  int fds[2];
  if (::pipe(fds) != 0) return Status::IoError("pipe");
  std::thread writer([&] {
    std::size_t at = 0;
    while (at < bytes.size()) {
      const ssize_t n = ::write(fds[1], bytes.data() + at, bytes.size() - at);
      if (n <= 0) break;  // EPIPE once the reader gave up
      at += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  Result<std::string> read = ReadAll(fds[0], "standard input", max_bytes);
  ::close(fds[0]);  // a writer still blocked gets EPIPE
  writer.join();
  return read;
}

TEST(ReadAll, PipeIsReadToItsEndOrRefusedPastTheCap) {
  ::signal(SIGPIPE, SIG_IGN);
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line " + std::to_string(i) + "\n";
  ASSERT_LT(text.size(), kMiB);
  ASSERT_GT(text.size(), 1u << 16);  // more than one pipe buffer
  auto whole = ThroughPipe(text, kMiB);
  ASSERT_OK(whole);
  EXPECT_EQ(*whole, text);

  auto over = ThroughPipe(std::string(kMiB + 1, 'x'), kMiB);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(),
            "standard input: larger than 1 MiB (a pipe or device is read up "
            "to that)");
}

TEST(ReadAll, DirectoryDescriptorIsAnError) {
  const int fd = ::open("/", O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  auto read = ReadAll(fd, "standard input", kMiB);
  ::close(fd);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(), "standard input: is a directory");
}

}  // namespace
}  // namespace timecite
