// The generated archive of the search benchmark (bench/search/search_bench.cc,
// docs/search.md), shared with bench/serve/serve_bench.cc so both measure on
// the same kind of archive: R recordings and S segments spread evenly over
// them and over the six languages (each recording in one language, dates
// 2015..2024, bodies and speaker countries drawn from short lists). A
// language's sentences draw their words from a Zipf distribution (s = 1) over
// a 30,000-word vocabulary whose most frequent ranks are real words of that
// language (function words, then the vocabulary of UN meetings) and whose
// long tail is made of syllables of its script; sentence lengths are normal
// around 22 words (sd 9; Chinese: 14 words of one or two characters, written
// without spaces). Deterministic for a seed.
//
// Not a library of the product: bench/ only. Thread safety: none needed.
#pragma once

#include <cstddef>
#include <cmath>
#include <cstdint>
#include <algorithm>
#include <string>
#include <vector>

#include "common/status.h"

namespace timecite::store {
class Store;
}

namespace timecite::bench {

// xorshift64: the benchmarks' deterministic random numbers.
class Rng {
 public:
  explicit Rng(uint64_t seed) : x_(seed) {}
  uint64_t Next() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  double Normal(double mean, double sd) {
    const double u1 = std::max(Uniform(), 1e-12), u2 = Uniform();
    return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t x_;
};

struct ArchiveOptions {
  std::size_t recordings = 700;
  std::size_t segments = 2000000;  // in all
  uint64_t seed = 20261207;
  // false: generate only (the facts of an archive an earlier run wrote with
  // the same options), nothing is written.
  bool write = true;
};

// What a benchmark needs to ask questions of the archive it wrote.
struct ArchiveFacts {
  std::size_t recordings = 0;
  std::size_t segments = 0;  // written
  struct Language {
    std::string code;                // "en", ...
    std::vector<std::string> words;  // its real words, most frequent first
    bool spaces = true;              // false: Chinese, words written together
    // Up to 2,000 generated sentences of the language (phrases are drawn from them).
    std::vector<std::string> sample_sentences;
  };
  std::vector<Language> languages;  // the six, in order; recording r is in languages[r % 6]
  // Recording r: its asset id and its length (segments every 6 s).
  std::vector<std::string> asset_ids;
  std::vector<int64_t> durations_ms;
};

// The speaker countries and bodies the archive draws from.
const std::vector<std::string>& ArchiveCountries();
const std::vector<std::string>& ArchiveBodies();

// Writes the archive into `db` (recording by recording; no compaction).
// Errors: the store's.
Result<ArchiveFacts> WriteArchive(store::Store& db, const ArchiveOptions& options);

// `s` split on spaces, empty pieces dropped.
std::vector<std::string> SplitWords(const std::string& s);

}  // namespace timecite::bench
