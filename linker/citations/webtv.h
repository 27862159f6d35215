// UN Web TV recording URLs (DESIGN.md §1; yt-dlp `unitednations.py`,
// UN Transcripts `docs/webtv-kaltura.md`):
//   https://webtv.un.org/{lang}/asset/{folder}/{asset_id}
//   https://media.un.org/{lang}/asset/{folder}/{asset_id}   (2021–2023)
//   https://transcripts.un.org/{lang}/asset/{folder}/{asset_id}  (UN
//     Transcripts: the same recording with its transcript)
//   a Kaltura player or embed link with "entry_id=1_…" in its query
//     (cdnapisec.kaltura.com/p/2503451/embedPlaykitJs/…?…&entry_id=1_7mj4nna8):
//     the recording it plays, whose AssetRef is on webtv.un.org
// `lang` is one of en fr es ru ar zh; the asset id grammar (Kaltura
// 1_obxycc3u ↔ asset k1obxycc3u) is common/webtv_id.h, shared with the
// crawler and the indexer; `folder` is the id's first 3 characters.
// Legacy links (before 2021) — webtv.un.org/watch/{slug}/{13 digits},
// /search/..., /meetings-events/.../watch/... — carry Brightcove ids with no
// known mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/url.h"
#include "common/webtv_id.h"

namespace timecite::linker {

struct AssetRef {
  std::string host;       // "webtv.un.org", "media.un.org", "transcripts.un.org"
  std::string lang;       // "en", ... or "" when the path has none
  std::string folder;     // as written
  std::string asset_id;   // as written
  bool id_well_formed = false;  // "k1" + 8 of [0-9a-z]
  std::string id_problem;       // why not, when !id_well_formed
  bool folder_matches = false;  // folder == asset_id.substr(0, 3)
  // "1_" + asset_id.substr(2) when the id is well formed, else "".
  std::string player_id;
  // The URL with the folder corrected (only when the id is well formed).
  std::string CanonicalUrl() const;
  // The page of recording `asset_id` on this reference's host and language
  // ("en" when it has none): https://{host}/{lang}/asset/{folder}/{asset_id}.
  // Suggestions keep the host cited (media.un.org stays media.un.org).
  std::string UrlOf(std::string_view other_asset_id) const;
};

enum class WebTvKind {
  kNotWebTv,  // another host
  kAsset,     // an asset page (see AssetRef)
  kLegacy,    // a pre-2021 link: /watch/, /search/, /meetings-events/
  kOther,     // a Web TV page that is not a recording (schedule, home)
};

WebTvKind ClassifyWebTv(const Url& url);

// Parses an asset page URL; nullopt when `url` is not one (see ClassifyWebTv).
std::optional<AssetRef> ParseAssetUrl(const Url& url);

// Where a UN Web TV asset URL as written ends when text is glued after its
// well-formed id ("https://webtv.un.org/en/asset/k1a/k1abcd1234Statement",
// "…/k1frdg2urlВыступление"): the byte length up to the end of the id, to
// which nothing but the glued text is cut. npos when `url_written` is not
// such a URL: another host or path, an id that is not 10 id characters
// followed by a character that cannot be in an id ([0-9a-z]), or a query,
// fragment or '/' after the glued text (the id grammar: common/webtv_id.h).
std::size_t GluedAfterAssetId(std::string_view url_written);

// webtv::IsAssetId; otherwise sets *why (webtv::AssetIdProblem).
bool IsWellFormedAssetId(std::string_view id, std::string* why);

}  // namespace timecite::linker
