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

// Standard input, a FIFO and a character device are read up to the 256 MiB
// cap; past it, or when standard input cannot be read, a clear error, exit 1.
TEST_F(RobustCli, PipesDevicesAndStandardInputAreCapped) {
  Outcome zero = Timecite("check --offline --no-db /dev/zero");
  EXPECT_EQ(zero.exit_code, 1) << zero.out;
  EXPECT_NE(zero.out.find("timecite: error: /dev/zero: larger than 256 MiB"),
            std::string::npos)
      << zero.out;

  Outcome stdin_zero = Timecite("check --offline --no-db - < /dev/zero");
  EXPECT_EQ(stdin_zero.exit_code, 1) << stdin_zero.out;
  EXPECT_NE(stdin_zero.out.find("standard input: larger than 256 MiB"),
            std::string::npos)
      << stdin_zero.out;

  // Standard input is a directory: an error, not an empty report.
  Outcome stdin_dir = Timecite("check --offline --no-db - < " + dir_.string());
  EXPECT_EQ(stdin_dir.exit_code, 1) << stdin_dir.out;
  EXPECT_NE(stdin_dir.out.find("standard input: is a directory"),
            std::string::npos)
      << stdin_dir.out;
  EXPECT_NE(stdin_dir.out.find("Summary: 0 citations in 0 documents"),
            std::string::npos)
      << stdin_dir.out;

  // Standard input given twice would be read by two threads at once.
  Outcome twice = Timecite("check --offline --no-db - - < /dev/null");
  EXPECT_EQ(twice.exit_code, 3) << twice.out;
  EXPECT_EQ(twice.out,
            "timecite: error: standard input ('-') can be given only once\n");

  // A FIFO with a writer is read as a file is.
  const fs::path fifo = dir_ / "fifo.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Outcome from_fifo =
      Timecite("check --offline --no-db " + fifo.string() + " 2>&1 & printf '" +
               kBroken + "' > " + fifo.string() + "; wait $!");
  EXPECT_EQ(from_fifo.exit_code, 2) << from_fifo.out;
  EXPECT_NE(from_fifo.out.find("asset-id-malformed"), std::string::npos)
      << from_fifo.out;
}

// --fix whose copy cannot be written (its path is a directory) leaves no
// temporary file behind.
TEST_F(RobustCli, FixThatCannotBeWrittenLeavesNothing) {
  const std::string report = Write("r.txt", kBroken);
  fs::create_directory(dir_ / "out");
  Outcome r = Timecite("check --offline --no-db --fix-output " +
                       (dir_ / "out").string() + " " + report);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("timecite: error: cannot write " +
                       (dir_ / "out").string() + ": Is a directory"),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "out.tmp"));
}

// A --config that is a directory or a device is a usage error (exit 3) that
// names it, not the defaults read from nothing or memory filled from
// /dev/zero.
TEST_F(RobustCli, ConfigThatIsADirectoryOrADevice) {
  const std::string report = Write("r.txt", kBroken);
  Outcome dir = Timecite("check --offline --no-db --config " + dir_.string() +
                         " " + report);
  EXPECT_EQ(dir.exit_code, 3) << dir.out;
  EXPECT_EQ(dir.out, "timecite: error: " + dir_.string() +
                         ": is a directory, not a configuration file\n");
  Outcome zero =
      Timecite("check --offline --no-db --config /dev/zero " + report);
  EXPECT_EQ(zero.exit_code, 3) << zero.out;
  EXPECT_EQ(zero.out,
            "timecite: error: /dev/zero: larger than 1 MiB; not a "
            "configuration file\n");
  Outcome history =
      Timecite("history --config " + dir_.string() + " https://www.un.org/x");
  EXPECT_EQ(history.exit_code, 3) << history.out;
}

// A directory given as a report is an error that names it; the other report
// of the run is still checked and reported.
TEST_F(RobustCli, DirectoryAsReport) {
  const std::string good = Write("good.txt", kBroken);
  fs::create_directory(dir_ / "folder.md");
  Outcome r = Timecite("check --offline --no-db " +
                       (dir_ / "folder.md").string() + " " + good);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("timecite: error: " + (dir_ / "folder.md").string() +
                       ": is a directory"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("asset-id-malformed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in 1 document"), std::string::npos) << r.out;
}

// A stored ZIP archive holding a.txt ("hi"): a ZIP that is not a DOCX.
const unsigned char kZipNotDocx[] = {
    0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x87,
    0x1b, 0x87, 0x5d, 0xac, 0x2a, 0x93, 0xd8, 0x02, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x61, 0x2e, 0x74,
    0x78, 0x74, 0x68, 0x69, 0x50, 0x4b, 0x01, 0x02, 0x14, 0x03, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x87, 0x1b, 0x87, 0x5d, 0xac, 0x2a,
    0x93, 0xd8, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x05,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x61, 0x2e, 0x74, 0x78, 0x74,
    0x50, 0x4b, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
    0x00, 0x33, 0x00, 0x00, 0x00, 0x25, 0x00, 0x00, 0x00, 0x00, 0x00};

// UTF-16 with a byte-order mark, as Windows Notepad saves "Unicode".
std::string Utf16(const std::u16string& text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : text) {
    const char low = static_cast<char>(u & 0xFF);
    const char high = static_cast<char>(u >> 8);
    out += little_endian ? std::string{low, high} : std::string{high, low};
  }
  return out;
}

// Mis-named, empty and damaged files in one run: each a one-line error
// naming it (exit 1, unreadable input), or read by its content when it can
// be; the good reports are still checked and reported.
TEST_F(RobustCli, MisnamedEmptyAndDamagedFiles) {
  const std::u16string report =
      u"\u00b9 https://media.un.org/en/asset/k1h/k1huoxyeo\n";
  const std::vector<std::string> bad = {
      Write("empty.docx", ""),
      Write("zip.docx", std::string(reinterpret_cast<const char*>(kZipNotDocx),
                                    sizeof kZipNotDocx)),
      Write("truncated.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages"),
      Write("empty.pdf", ""),
      Write("odd.txt", Utf16(report, true) + "x"),
  };
  const std::vector<std::string> good = {
      Write("text.pdf", kBroken),  // a text file named .pdf: read as text
      Write("utf16le.txt", Utf16(report, true)),
      Write("utf16be.md", Utf16(report, false)),
  };
  std::string args;
  for (const auto& f : bad) args += " " + f;
  for (const auto& f : good) args += " " + f;
  Outcome r = Timecite("check --offline --no-db --format json" + args);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  for (const auto& f : bad) {
    EXPECT_EQ(LinesWith(r.out, "timecite: error: " + f + ": "), 1) << f << "\n"
                                                                   << r.out;
  }
  EXPECT_EQ(LinesWith(r.out, "timecite: error: "), static_cast<int>(bad.size()))
      << r.out;
  const std::size_t json_at = r.out.find("\n{");
  ASSERT_NE(json_at, std::string::npos) << r.out;
  auto j = nlohmann::json::parse(r.out.substr(json_at), nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["documents"].size(), good.size());
  for (std::size_t i = 0; i < good.size(); ++i) {
    EXPECT_EQ(j["documents"][i]["path"], good[i]);
    ASSERT_EQ(j["documents"][i]["citations"].size(), 1u) << good[i];
    EXPECT_EQ(j["documents"][i]["citations"][0]["verdict"], "broken")
        << good[i];
  }
}

}  // namespace
