#include "serve/search_index.h"

#include <algorithm>

#include "indexer/catalog/query.h"
#include "store/store.h"

namespace timecite::serve {
namespace {

// The spans of every word in `text`, or nullopt when one word is missing.
std::optional<std::vector<Highlight>> Match(
    std::string_view text, const std::vector<std::string>& words) {
  const std::string lower = indexer::FoldAsciiCase(text);
  std::vector<Highlight> spans;
  for (const std::string& w : words) {
    std::size_t at = lower.find(w);
    if (at == std::string::npos) return std::nullopt;
    for (; at != std::string::npos; at = lower.find(w, at + w.size()))
      spans.push_back({at, at + w.size()});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Highlight& a, const Highlight& b) {
              return a.begin < b.begin;
            });
  std::vector<Highlight> merged;
  for (const Highlight& h : spans) {
    if (!merged.empty() && h.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, h.end);
    } else {
      merged.push_back(h);
    }
  }
  return merged;
}

class StoreScanIndex final : public SearchIndex {
 public:
  explicit StoreScanIndex(const store::Store& db) : db_(db) {}

  Result<SearchResults> Search(const SearchRequest& q) const override {
    if (q.words.empty() && q.country.empty() && q.body.empty() &&
        q.from_date.empty() && q.to_date.empty()) {
      return Status::InvalidArgument(
          "search needs words (q), a country, a body or a date");
    }
    const std::vector<std::string> words = indexer::QueryWords(q.words);
    const bool about_speech = !words.empty() || !q.country.empty();
    std::vector<RecordingHits> matched;
    Status st = Status::Ok();
    Status scan = db_.ScanRecordings([&](const store::Recording& r) {
      if (!q.body.empty() && r.body != q.body) return true;
      if (!q.from_date.empty() && r.date < q.from_date) return true;
      if (!q.to_date.empty() && r.date > q.to_date) return true;
      RecordingHits rh{r, {}};
      if (about_speech) {
        auto segments = db_.SegmentsOf(r.asset_id);
        if (!segments.ok()) {
          st = segments.status();
          return false;
        }
        for (const store::Segment& seg : *segments) {
          if (!q.country.empty() && seg.affiliation != q.country) continue;
          if (!q.language.empty() && seg.language != q.language) continue;
          if (words.empty()) {
            if (seg.kind != store::SegmentKind::kStatement) continue;
            rh.hits.push_back({seg, {}});
            continue;
          }
          if (seg.kind != store::SegmentKind::kSentence) continue;
          if (auto spans = Match(seg.text, words))
            rh.hits.push_back({seg, std::move(*spans)});
        }
        if (rh.hits.empty()) return true;
        std::stable_sort(rh.hits.begin(), rh.hits.end(),
                         [](const SearchHit& a, const SearchHit& b) {
                           return a.segment.start_ms < b.segment.start_ms;
                         });
      }
      matched.push_back(std::move(rh));
      return true;
    });
    if (!scan.ok()) return scan;
    if (!st.ok()) return st;

    SearchResults out;
    std::map<std::string, std::map<std::string, std::size_t>> counts;
    for (const RecordingHits& rh : matched) {
      out.total_hits += rh.hits.size();
      const std::size_t n = about_speech ? rh.hits.size() : 1;
      counts["body"][rh.recording.body.empty() ? "(none)" : rh.recording.body] += n;
      counts["year"][rh.recording.date.substr(0, 4)] += n;
      if (about_speech) {
        for (const SearchHit& h : rh.hits) {
          if (!h.segment.affiliation.empty())
            ++counts["country"][h.segment.affiliation];
        }
      }
    }
    for (auto& [facet, values] : counts) {
      auto& list = out.facets[facet];
      for (auto& [value, count] : values) list.push_back({value, count});
      std::stable_sort(list.begin(), list.end(),
                       [](const FacetCount& a, const FacetCount& b) {
                         return a.count > b.count;
                       });
    }
    auto by_date = [](const RecordingHits& a, const RecordingHits& b) {
      return a.recording.date < b.recording.date;
    };
    switch (q.sort) {
      case SearchSort::kRelevance:
        std::stable_sort(matched.begin(), matched.end(),
                         [](const RecordingHits& a, const RecordingHits& b) {
                           return a.hits.size() > b.hits.size();
                         });
        break;
      case SearchSort::kDateNewest:
        std::stable_sort(matched.rbegin(), matched.rend(), by_date);
        break;
      case SearchSort::kDateOldest:
        std::stable_sort(matched.begin(), matched.end(), by_date);
        break;
    }
    out.total_recordings = matched.size();
    for (std::size_t i = q.offset; i < matched.size() && i < q.offset + q.limit;
         ++i) {
      out.recordings.push_back(std::move(matched[i]));
    }
    return out;
  }

  Status Refresh() override { return Status::Ok(); }

 private:
  const store::Store& db_;
};

}  // namespace

std::unique_ptr<SearchIndex> NewStoreScanIndex(const store::Store& db) {
  return std::make_unique<StoreScanIndex>(db);
}

}  // namespace timecite::serve
