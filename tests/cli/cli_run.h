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

#include "scratch_dir.h"

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

}  // namespace timecite::testing
