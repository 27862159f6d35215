// UN Web TV asset page -> RecordingInfo, read with a site profile of kind
// "asset-page" (configs/profiles/webtv-asset.toml). Markup as captured in
// ../shared/corpus/webtv/asset-page-c24.html; DESIGN.md §1.
#pragma once

#include <string_view>

#include "common/status.h"
#include "indexer/profile.h"
#include "indexer/recording.h"

namespace timecite::indexer {

struct AssetPage {
  // True for the not-found page ("The requested page could not be found."):
  // the asset was removed or never published; `recording` is then empty.
  bool removed = false;
  RecordingInfo recording;
};

// Parses one asset page. The canonical URL must name a valid asset id.
// Errors: InvalidArgument for a page ParseHtml refuses, a profile of another
// kind or lacking fields, a canonical URL without a valid asset id;
// markup drift (IsMarkupDrift) when a required field selects nothing.
Result<AssetPage> ParseAssetPage(std::string_view html, const Profile& profile);

}  // namespace timecite::indexer
