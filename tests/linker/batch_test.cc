#include "linker/citations/batch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace timecite::linker {
namespace {

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("timecite-batch-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  std::filesystem::path dir_;
};

// A report citing `n` recordings, footnote k at k minutes.
std::string Report(int n) {
  std::string body = "The meeting.", notes;
  for (int k = 1; k <= n; ++k) {
    body += "[" + std::to_string(k) + "]";
    notes += "[" + std::to_string(k) + "] Security Council, 9" +
             std::to_string(100 + k) + "th meeting (starting at " +
             std::to_string(k) +
             ":00), https://webtv.un.org/en/asset/k1a/k1abcdefg" +
             std::to_string(k % 10) + "\n";
  }
  return body + "\n\n" + notes;
}

TEST_F(BatchTest, ParallelGivesTheSerialResultsInOrder) {
  std::vector<std::string> paths;
  for (int i = 1; i <= 12; ++i)
    paths.push_back(Write("r" + std::to_string(i) + ".txt", Report(i)));
  paths.insert(paths.begin() + 3, (dir_ / "missing.txt").string());
  paths.insert(paths.begin() + 7, Write("bad.txt", "ok\n\xFF\xFE bad\n"));

  const auto serial = LoadAndExtract(paths, 1, /*keep_documents=*/false);
  const auto parallel = LoadAndExtract(paths, 4, /*keep_documents=*/true);
  ASSERT_EQ(serial.size(), paths.size());
  ASSERT_EQ(parallel.size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(parallel[i].path, paths[i]);
    EXPECT_EQ(parallel[i].status.ok(), serial[i].status.ok()) << paths[i];
    ASSERT_EQ(parallel[i].citations.size(), serial[i].citations.size());
    for (std::size_t k = 0; k < serial[i].citations.size(); ++k) {
      EXPECT_EQ(parallel[i].citations[k].url_written,
                serial[i].citations[k].url_written);
      EXPECT_EQ(parallel[i].citations[k].start_ms,
                serial[i].citations[k].start_ms);
    }
  }
  // Errors stay with their file and do not stop the others.
  EXPECT_FALSE(parallel[3].status.ok());
  EXPECT_NE(parallel[3].status.message().find("missing.txt"),
            std::string::npos);
  EXPECT_FALSE(parallel[7].status.ok());
  EXPECT_NE(parallel[7].status.message().find("invalid UTF-8"),
            std::string::npos);
  // Real values: the 12th report (last path) cites 12 recordings, the last
  // at 12:00, with its meeting number; documents are kept when asked.
  const ExtractedFile& last = parallel.back();
  ASSERT_TRUE(last.status.ok());
  ASSERT_EQ(last.citations.size(), 12u);
  EXPECT_EQ(last.citations[11].footnote, 12);
  EXPECT_EQ(last.citations[11].start_ms, 12 * 60 * 1000);
  EXPECT_EQ(last.citations[11].meeting_number, 9112);
  EXPECT_EQ(last.citations[11].url_written,
            "https://webtv.un.org/en/asset/k1a/k1abcdefg2");
  EXPECT_FALSE(last.document.text.empty());
  EXPECT_TRUE(serial.back().document.text.empty());
}

}  // namespace
}  // namespace timecite::linker
