// Helpers for the indexer suites: fixture files and built-in profiles.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "indexer/profile.h"
#include "test_util.h"

namespace timecite::indexer::testing {

// The text of tests/indexer/fixtures/<name>; "" (and a test failure) if absent.
inline std::string Fixture(const std::string& name) {
  const auto path = ::timecite::testing::SourceDir() / "tests" / "indexer" / "fixtures" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text of ../shared/corpus/webtv/<name>, or nullopt when the corpus is absent.
inline std::optional<std::string> SharedWebtv(const std::string& name) {
  const auto corpus = ::timecite::testing::SharedCorpus();
  if (corpus.empty()) return std::nullopt;
  std::ifstream in(corpus / "webtv" / name, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "timecite-indexer-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path db() const { return path_ / "db"; }

 private:
  std::filesystem::path path_;
};

inline Profile Builtin(std::string_view name) {
  auto profile = BuiltinProfile(name);
  EXPECT_OK(profile);
  return profile.ok() ? std::move(profile).value() : Profile();
}

}  // namespace timecite::indexer::testing
