// Bad input as a hostile user gives it to the real `timecite` binary: each
// case is one clear line naming the file and a documented exit code, never an
// abort, a hang or a lost report.
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.h"

namespace {

namespace fs = std::filesystem;

using Outcome = timecite::testing::CliRun;
Outcome Timecite(const std::string& args) {
  return timecite::testing::RunTimecite(args);
}

// A report with one broken citation (asset-id-malformed).
constexpr const char* kBroken =
    "\u00b9 https://media.un.org/en/asset/k1h/k1huoxyeo\n";

// "U+FFFD" as UTF-8: what the JSON output puts for a byte that is not UTF-8.
constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Counts the lines of `text` that contain `what`.
int LinesWith(const std::string& text, const std::string& what) {
  int n = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (text.substr(begin, end - begin).find(what) != std::string::npos) ++n;
    begin = end + 1;
  }
  return n;
}

class RobustCli : public timecite::testing::ScratchDirTest {};

// A file name that is not UTF-8 (Latin-1 "é") is printed as U+FFFD in every
// JSON-based format instead of aborting in nlohmann::json::dump.
TEST_F(RobustCli, FileNameNotUtf8InJsonSarifJunit) {
  const std::string f = Write("caf\xE9.txt", kBroken);
  Outcome json = Timecite("check --offline --no-db --format json '" + f + "'");
  EXPECT_EQ(json.exit_code, 2) << json.out;
  auto j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json.out;
  EXPECT_EQ(j["documents"][0]["path"],
            (dir_ / (std::string("caf") + kReplacement + ".txt")).string());
  EXPECT_EQ(j["documents"][0]["citations"][0]["verdict"], "broken");

  Outcome sarif =
      Timecite("check --offline --no-db --format sarif '" + f + "'");
  EXPECT_EQ(sarif.exit_code, 2) << sarif.out;
  j = nlohmann::json::parse(sarif.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << sarif.out;
  EXPECT_EQ(j["runs"][0]["results"][0]["ruleId"], "asset-id-malformed");

  Outcome junit =
      Timecite("check --offline --no-db --format junit '" + f + "'");
  EXPECT_EQ(junit.exit_code, 2) << junit.out;
  EXPECT_EQ(LinesWith(junit.out, "<failure"), 1) << junit.out;
  EXPECT_EQ(
      LinesWith(junit.out, std::string("<testsuite name=\"") + dir_.string() +
                               "/caf" + kReplacement + ".txt\""),
      1)
      << junit.out;
  EXPECT_EQ(junit.out.find("\xE9"), std::string::npos);

  // Written to a file: the whole report, parsed back.
  const fs::path out = dir_ / "report.json";
  Outcome to_file = Timecite("check --offline --no-db --format json -o " +
                             out.string() + " '" + f + "'");
  EXPECT_EQ(to_file.exit_code, 2) << to_file.out;
  std::ifstream in(out);
  j = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["documents"].size(), 1u);
}

// A stray exception inside a subcommand (here std::filesystem's, for a
// TMPDIR that does not exist) is one "timecite: error:" line and exit 1.
TEST_F(RobustCli, StrayExceptionIsOneLineAndExit1) {
  const std::string f = Write("r.txt", "no citation here\n");
  EXPECT_EQ(Timecite("check --no-db " + f).exit_code, 0);  // fine as such
  const std::string cmd = "TMPDIR=" + (dir_ / "missing").string() + " " +
                          TIMECITE_BINARY + " check --no-db " + f + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  ASSERT_TRUE(WIFEXITED(status)) << out;  // not killed by SIGABRT
  EXPECT_EQ(WEXITSTATUS(status), 1) << out;
  EXPECT_EQ(LinesWith(out, "timecite: error: "), 1) << out;
  EXPECT_NE(out.find("temp_directory_path"), std::string::npos) << out;
  EXPECT_EQ(out.find("terminate"), std::string::npos) << out;
}

}  // namespace
