// Runs the `timecite` executable under test (TIMECITE_BINARY) through the
// shell, as a user would, with NO_COLOR set.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace timecite::testing {

struct CliRun {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;     // stdout (and stderr, when no err_file is given)
  std::string err;     // stderr, when err_file is given
};

// `args` are shell words (quote as needed). With `err_file`, stderr goes
// there and is read back into `err`; without, it is merged into `out`.
inline CliRun RunTimecite(const std::string& args,
                          const std::filesystem::path& err_file = {}) {
  const std::string redirect =
      err_file.empty() ? " 2>&1" : " 2>" + err_file.string();
  const std::string cmd =
      std::string("NO_COLOR=1 ") + TIMECITE_BINARY + " " + args + redirect;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!err_file.empty()) {
    std::ifstream in(err_file);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
  }
  return r;
}

// A CLI test with a scratch directory of its own, named after the suite and
// the test (removed before and after): dir_, Write(name, bytes) -> path.
class ScratchDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("timecite_" + std::string(info->test_suite_name()) + "_" +
            std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::filesystem::path dir_;
};

}  // namespace timecite::testing
