#include "search/result_json.h"

#include "indexer/catalog/query.h"

namespace timecite::search {

nlohmann::json ResultToJson(const SearchResult& result, const indexer::Profile& profile,
                            const std::string& lang) {
  nlohmann::json recordings = nlohmann::json::array();
  for (const RecordingHit& r : result.recordings) {
    nlohmann::json rec = indexer::ToJson(r.recording);
    nlohmann::json segments = nlohmann::json::array();
    for (const SegmentHit& h : r.segments) {
      nlohmann::json s = indexer::ToJson(h.segment);
      s["snippet"] = h.snippet;
      s["weight"] = h.weight;
      nlohmann::json links = nlohmann::json::object();
      for (const indexer::DeepLink& l :
           indexer::DeepLinks(profile, r.recording, h.segment.start_ms, lang))
        links[l.name] = l.url;
      s["links"] = std::move(links);
      segments.push_back(std::move(s));
    }
    rec["segments"] = std::move(segments);
    recordings.push_back(std::move(rec));
  }
  nlohmann::json j = {{"matching_segments", result.matching_segments},
                      {"matching_recordings", result.matching_recordings},
                      {"recordings", std::move(recordings)}};
  if (!result.by_country.empty() || !result.by_body.empty() || !result.by_year.empty()) {
    j["facets"] = {{"country", result.by_country},
                   {"body", result.by_body},
                   {"year", result.by_year}};
  }
  return j;
}

}  // namespace timecite::search
