// Helpers shared by every suite: EXPECT_OK/ASSERT_OK for Status and Result,
// and paths to the source tree and the optional ../shared corpus.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/status.h"

namespace timecite::testing {

inline ::testing::AssertionResult IsOk(const Status& s) {
  if (s.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << s.ToString();
}
template <typename T>
::testing::AssertionResult IsOk(const Result<T>& r) {
  return IsOk(r.status());
}

// The project's source directory (for fixtures committed with the tests).
inline std::filesystem::path SourceDir() { return TIMECITE_SOURCE_DIR; }

// ../shared/corpus beside the checkout, or empty when absent (a fresh clone).
inline std::filesystem::path SharedCorpus() {
  auto p = SourceDir().parent_path() / "shared" / "corpus";
  return std::filesystem::exists(p) ? p : std::filesystem::path();
}

// A deterministic pseudo-random sequence (64-bit LCG) for randomized tests:
// the same numbers on every run, so a failing round can be replayed.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : x_(seed) {}
  unsigned operator()() {
    x_ = x_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(x_ >> 33);
  }

 private:
  std::uint64_t x_;
};

}  // namespace timecite::testing

#define EXPECT_OK(expr) EXPECT_TRUE(::timecite::testing::IsOk(expr))
#define ASSERT_OK(expr) ASSERT_TRUE(::timecite::testing::IsOk(expr))
