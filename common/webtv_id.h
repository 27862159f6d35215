// The UN Web TV identifiers, one grammar for the whole program (the crawler's
// arguments, the indexer's pages and the linker's citations all ask here).
//
// Source: UN Web TV asset URLs https://webtv.un.org/{lang}/asset/{folder}/{id}
// and the Kaltura player the pages embed (docs/webtv.md):
//   - an asset id is "k", the Kaltura partition digit, and 8 of [0-9a-z]:
//     "k1obxycc3u" (10 bytes);
//   - its folder is its first three characters: "k1o";
//   - its Kaltura entry id (player id) is the partition digit, "_" and the
//     same 8: "1_obxycc3u".
// Every UN Web TV recording seen so far is in partition 1, but Kaltura entry
// ids of other partitions ("0_...") exist and the player scripts may carry
// them; every component accepts the same ids, so `crawl` and `check` agree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace timecite::webtv {

inline constexpr std::size_t kAssetIdSize = 10;  // "k" + digit + 8

// True for "k" + a digit + 8 of [0-9a-z].
bool IsAssetId(std::string_view id);

// Why `id` is not an asset id, in words for a report ("an asset id starts with
// \"k\" and a digit (k1...)", "an asset id has only 0-9 and a-z, not 'X'", "an
// asset id has 10 characters (\"k1\" + 8), this one has N"); "" when it is one.
std::string AssetIdProblem(std::string_view id);

// True for a Kaltura entry id: a digit, "_", 8 of [0-9a-z].
bool IsEntryId(std::string_view id);

// "k1obxycc3u" -> "1_obxycc3u" (the partition digit kept). REQUIRES:
// IsAssetId(asset_id).
std::string EntryIdFromAssetId(std::string_view asset_id);

// "1_obxycc3u" -> "k1obxycc3u"; "" when `entry_id` is not IsEntryId.
std::string AssetIdFromEntryId(std::string_view entry_id);

// The folder of an asset URL: the id's first three characters ("k1o"); ""
// for an id shorter than that.
std::string_view AssetFolder(std::string_view asset_id);

}  // namespace timecite::webtv
