// Questions asked of the index (what `timecite show`, `at` and `search`
// print): a recording with its segment counts, what is said at a moment with
// deep links there, and recordings or segments matching a search.
// Reads the store only; JSON shapes are documented in docs/indexer.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "indexer/profile.h"
#include "store/records.h"

namespace timecite::store {
class Store;
}

namespace timecite::indexer {

// The asset id named by `arg`: an asset id ("k1obxycc3u"), a Kaltura player id
// ("1_obxycc3u"), or a Web TV / Media / UN Transcripts asset URL.
// Errors: InvalidArgument saying what was expected.
Result<std::string> AssetIdFromArgument(std::string_view arg);

// "1:29:40" for 5380000 ms, "38:20" below an hour (milliseconds dropped).
std::string FormatClock(int64_t ms);

// ---- show ------------------------------------------------------------------
struct RecordingView {
  store::Recording recording;
  std::map<std::string, std::size_t> segment_counts;  // by kind name
};
// Errors: NotFound when the asset is not indexed ("recording k1abcd1234 is not
// indexed (run `timecite crawl --asset k1abcd1234` first)"); store errors.
Result<RecordingView> Show(const store::Store& db, std::string_view asset_id);
nlohmann::json ToJson(const RecordingView& view);

// ---- at --------------------------------------------------------------------
struct DeepLink {
  std::string name;  // the template's name in the profile's [links] table
  std::string url;
};
// Expands every template of `profile.links()` for `recording` at `ms`;
// `lang` fills {lang}, {start_s} the whole seconds (and {seconds}, its
// deprecated older name, the same). Links are in template-name order.
std::vector<DeepLink> DeepLinks(const Profile& profile, const store::Recording& recording,
                                int64_t ms, std::string_view lang);

struct Moment {
  store::Recording recording;
  int64_t ms = 0;
  bool beyond_end = false;  // ms at or after the end (duration known)
  std::optional<store::Segment> statement;
  std::optional<store::Segment> sentence;
  std::optional<store::Segment> caption;
  std::vector<DeepLink> links;  // empty when beyond_end
};
// Errors: NotFound when the asset is not indexed (the message Show gives);
// InvalidArgument for ms < 0.
Result<Moment> At(const store::Store& db, std::string_view asset_id, int64_t ms,
                  const Profile& links_profile, std::string_view lang = "en");
nlohmann::json ToJson(const Moment& moment);

// ---- search ----------------------------------------------------------------
// `text` with A-Z lower-cased, other bytes as they are: the case folding
// Search matches words with (serve's search index too).
std::string FoldAsciiCase(std::string_view text);
// The words of a query: split at spaces, tabs and newlines, each folded
// with FoldAsciiCase; empty words dropped.
std::vector<std::string> QueryWords(std::string_view text);

struct SearchQuery {
  std::string from_date;    // "YYYY-MM-DD", inclusive; "" = open
  std::string to_date;      // "YYYY-MM-DD", inclusive; "" = open
  std::string body;         // exact, as indexed ("Security Council")
  std::string affiliation;  // ISO 3166-1 alpha-3, "IRN"
  std::string words;        // every word must occur in a sentence (ASCII case-folded)
  std::size_t limit = 50;   // 0 = no limit
};
struct SearchHit {
  store::Recording recording;
  std::optional<store::Segment> segment;  // set when the query asks about speech
};
// With only dates/body: matching recordings by date. With an affiliation:
// that delegation's statements (or, with words, its sentences). With words:
// matching sentences and captions. Errors: InvalidArgument for a malformed
// date or an empty query; store errors.
Result<std::vector<SearchHit>> Search(const store::Store& db, const SearchQuery& query);
nlohmann::json ToJson(const std::vector<SearchHit>& hits);

nlohmann::json ToJson(const store::Recording& recording);
nlohmann::json ToJson(const store::Segment& segment);

}  // namespace timecite::indexer
