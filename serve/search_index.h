// timecite::serve::SearchIndex — what the search page and /api/search ask:
// hits grouped by recording, with highlighted snippets and facets.
//
// A small interface of serve/'s own, so the server does not depend on how
// the index is kept. StoreScanIndex answers by scanning the store (every
// recording's sentences; fine for a few thousand recordings); the Xapian
// index of the search component (issue 15) is meant to take its place
// behind the same interface.
//
// Thread safety: Search may be called from several threads at once; Refresh
// may run concurrently with Search (implementations lock what they must).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "store/records.h"

namespace timecite::store {
class Store;
}

namespace timecite::serve {

enum class SearchSort { kRelevance, kDateNewest, kDateOldest };

struct SearchRequest {
  std::string words;        // every word must occur (case-folded); may be ""
  std::string country;      // speaker affiliation, ISO 3166-1 alpha-3; "" any
  std::string body;         // exact body ("Security Council"); "" any
  std::string language;     // segment language ("en"); "" any
  std::string from_date;    // "YYYY-MM-DD", inclusive; "" open (validated)
  std::string to_date;      // "YYYY-MM-DD", inclusive; "" open (validated)
  SearchSort sort = SearchSort::kRelevance;
  std::size_t limit = 20;   // recordings per page, 1..100
  std::size_t offset = 0;   // recordings skipped
};

// A byte span [begin, end) of SearchHit::text that matched a query word.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// One matching sentence (or, without words, one statement of the country).
struct SearchHit {
  store::Segment segment;
  std::vector<Highlight> highlights;  // in order, not overlapping
};

struct RecordingHits {
  store::Recording recording;
  std::vector<SearchHit> hits;  // by start time
};

struct FacetCount {
  std::string value;  // "IRN", "Security Council", "2024"
  std::size_t count = 0;  // matching hits (recordings, without words)
};

struct SearchResults {
  std::size_t total_recordings = 0;  // matching, before paging
  std::size_t total_hits = 0;
  std::vector<RecordingHits> recordings;  // the page asked for
  // "country", "body", "year": counts over every match, largest first.
  std::map<std::string, std::vector<FacetCount>> facets;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;
  // Errors: InvalidArgument for a request with nothing to search by (no
  // words, country, body or date); store or index errors.
  virtual Result<SearchResults> Search(const SearchRequest& request) const = 0;
  // Sees what was indexed since it was opened or last refreshed.
  virtual Status Refresh() = 0;
};

// Answers from the store itself (which the caller keeps up to date; Refresh
// is a no-op). `db` must outlive the index.
std::unique_ptr<SearchIndex> NewStoreScanIndex(const store::Store& db);

}  // namespace timecite::serve
