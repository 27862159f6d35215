// What a person meets at the terminal (issue 19): an unknown subcommand
// named with the closest one, global options on either side of the
// subcommand, --version naming the commit, `at` on a recording that is not
// indexed saying how to index it, a misnamed .pdf said to be text, counts in
// the singular. The real binary, its exact output.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

#include "cli_run.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

using Outcome = timecite::testing::CliRun;
using timecite::testing::RunTimecite;

class TerminalCli : public timecite::testing::ScratchDirTest {
 protected:
  std::string Db() const { return (dir_ / "db").string(); }
};

TEST_F(TerminalCli, UnknownSubcommandIsNamedWithTheClosestOne) {
  const std::string report = Write("x.md", "¹ https://undocs.org/A/70/1\n");
  Outcome r = RunTimecite("chek " + report);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out,
            "timecite: error: 'chek' is not a timecite subcommand; did you "
            "mean 'check'?\n");
  // A transposition is one edit; the value of --db is not the subcommand.
  r = RunTimecite("--db " + Db() + " rehcek");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out,
            "timecite: error: 'rehcek' is not a timecite subcommand; did you "
            "mean 'recheck'?\n");
  // Nothing near: no guess.
  r = RunTimecite("frobnicate");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out,
            "timecite: error: 'frobnicate' is not a timecite subcommand; run "
            "'timecite --help' for the list\n");
  // No word at all is still CLI11's own message.
  r = RunTimecite("");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("A subcommand is required"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(Db()));
}

TEST_F(TerminalCli, GlobalOptionsWorkBeforeOrAfterTheSubcommand) {
  const std::string report =
      Write("r.txt", "¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  const fs::path before = dir_ / "before", after = dir_ / "after";
  Outcome b = RunTimecite("--db " + before.string() + " -q check --offline " + report);
  Outcome a = RunTimecite("check --offline " + report + " -q --db " + after.string());
  EXPECT_EQ(b.exit_code, 2) << b.out;
  EXPECT_EQ(a.exit_code, 2) << a.out;
  EXPECT_EQ(a.out, b.out);
  // Both stored their citations in the database named.
  EXPECT_TRUE(fs::is_directory(before));
  EXPECT_TRUE(fs::is_directory(after));
  // --no-db (check's own) after the file, -q before the subcommand.
  Outcome n = RunTimecite("-q check --offline " + report + " --no-db");
  EXPECT_EQ(n.exit_code, 2) << n.out;
  EXPECT_EQ(n.out, b.out);
}

TEST_F(TerminalCli, VersionNamesTheReleaseAndTheCommit) {
  Outcome r = RunTimecite("--version");
  EXPECT_EQ(r.exit_code, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(
      r.out, m, std::regex(R"(timecite (\d+\.\d+\.\d+) \(commit ([0-9a-f]{12}|unknown)\)\n)")))
      << r.out;
  EXPECT_EQ(m[1], TIMECITE_PROJECT_VERSION);
  // Built from a git checkout: the commit CMake configured from, which is
  // HEAD (CMake configures again when HEAD moves).
  FILE* git = popen(("git -C " + timecite::testing::SourceDir().string() +
                     " rev-parse --short=12 HEAD 2>/dev/null")
                        .c_str(),
                    "r");
  ASSERT_NE(git, nullptr);
  char head[64] = {};
  const bool got = fgets(head, sizeof head, git) != nullptr;
  const int status = pclose(git);
  if (got && status == 0) {
    EXPECT_EQ(m[2].str() + "\n", head);
  }
}

TEST_F(TerminalCli, AtOnARecordingNotIndexedSaysHowToIndexIt) {
  // A database with citations but no recordings.
  const std::string report = Write("r.txt", "¹ https://undocs.org/A/70/1\n");
  ASSERT_EQ(RunTimecite("--db " + Db() + " check --offline " + report).exit_code, 0);
  const std::string expected =
      "timecite: error: recording k1abcd1234 is not indexed (run `timecite "
      "crawl --asset k1abcd1234` first)\n";
  Outcome at = RunTimecite("--db " + Db() + " at k1abcd1234 1:29:40");
  EXPECT_EQ(at.exit_code, 1) << at.out;
  EXPECT_EQ(at.out, expected);
  Outcome show = RunTimecite("--db " + Db() + " show k1abcd1234");
  EXPECT_EQ(show.exit_code, 1) << show.out;
  EXPECT_EQ(show.out, expected);
}

TEST_F(TerminalCli, AFileNamedPdfThatIsTextIsSaidToBeTextAndRead) {
  const std::string pdf =
      Write("notes.pdf", "¹ https://media.un.org/en/asset/k1h/k1huoxyeo\n");
  const fs::path err = dir_ / "err";
  Outcome r = RunTimecite("check --offline --no-db " + pdf, err);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err, "timecite: note: " + pdf +
                       ": named .pdf but not a PDF (no %PDF- header); read as "
                       "text\n");
  EXPECT_NE(r.out.find(pdf + ": 1 citation\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error [asset-id-malformed]"), std::string::npos) << r.out;
  // -q: only the summary and errors, no note.
  r = RunTimecite("-q check --offline --no-db " + pdf, err);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "");
  // A real PDF, a real text and a Markdown file say nothing.
  const std::string md = Write("notes.md", "[^1]: https://undocs.org/A/70/1\n");
  r = RunTimecite("check --offline --no-db " + md, err);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(TerminalCli, CountsAreInTheSingularForOne) {
  const std::string one = Write("one.txt", "¹ https://undocs.org/A/70/1\n");
  Outcome r = RunTimecite("check --offline --no-db " + one);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(one + ": 1 citation\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Summary: 1 citation in 1 document, 0 ok, 0 warnings, 0 "
                       "broken, 1 unverified\n"),
            std::string::npos)
      << r.out;
  r = RunTimecite("check --offline --no-db --format markdown " + one);
  EXPECT_NE(r.out.find("## timecite: 1 citation, 0 broken"), std::string::npos) << r.out;
}

}  // namespace
