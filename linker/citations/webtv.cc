#include "linker/citations/webtv.h"

#include <array>
#include <vector>

#include "linker/document/urls.h"

namespace timecite::linker {
namespace {

constexpr std::array<std::string_view, 6> kLanguages = {"en", "fr", "es",
                                                        "ru", "ar", "zh"};

bool IsWebTvHost(std::string_view host) {
  return host == "webtv.un.org" || host == "media.un.org" ||
         host == "www.webtv.un.org" || host == "transcripts.un.org";
}

// The Kaltura entry id a Kaltura player or embed link plays
// ("…/embedPlaykitJs/uiconf_id/50320602?iframeembed=true&entry_id=1_7mj4nna8"),
// "" when `url` is not one.
std::string KalturaEntryOf(const Url& url) {
  if (!HostWithin(url.host, "kaltura.com")) return "";
  std::string_view q = url.query;
  while (!q.empty()) {
    const std::size_t amp = q.find('&');
    const std::string_view param = q.substr(0, amp);
    if (param.starts_with("entry_id=")) {
      const std::string_view id = param.substr(9);
      return webtv::IsEntryId(id) ? std::string(id) : "";
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return "";
}

// The first kMaxSegments non-empty segments of a path (no allocation: this
// runs for every cited URL; Web TV paths have four).
constexpr std::size_t kMaxSegments = 8;
struct Segments {
  std::array<std::string_view, kMaxSegments> items;
  std::size_t count = 0;  // segments kept
  bool more = false;      // the path has more than kMaxSegments
  std::size_t size() const { return count; }
  std::string_view operator[](std::size_t i) const { return items[i]; }
  const std::string_view* begin() const { return items.data(); }
  const std::string_view* end() const { return items.data() + count; }
};

Segments PathSegments(std::string_view path) {
  Segments out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t j = path.find('/', i);
    if (out.count == kMaxSegments) {
      out.more = true;
      break;
    }
    out.items[out.count++] =
        path.substr(i, j == std::string_view::npos ? path.size() - i : j - i);
    if (j == std::string_view::npos) break;
    i = j;
  }
  return out;
}

bool IsLanguage(std::string_view s) {
  for (auto l : kLanguages) {
    if (s == l) return true;
  }
  return false;
}

WebTvKind Classify(const Segments& segs, std::string_view path) {
  std::size_t i = 0;
  if (i < segs.size() && IsLanguage(segs[i])) ++i;
  if (i < segs.size() && segs[i] == "asset") return WebTvKind::kAsset;
  // Every segment, also past the first kMaxSegments.
  for (std::size_t at = 0; at < path.size();) {
    std::size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(at, end - at);
    if (seg == "watch" || seg == "search" || seg == "meetings-events")
      return WebTvKind::kLegacy;
    at = end + 1;
  }
  return WebTvKind::kOther;
}

}  // namespace

bool IsWellFormedAssetId(std::string_view id, std::string* why) {
  *why = webtv::AssetIdProblem(id);
  return why->empty();
}

WebTvKind ClassifyWebTv(const Url& url) {
  if (!KalturaEntryOf(url).empty()) return WebTvKind::kAsset;
  if (!IsWebTvHost(url.host)) return WebTvKind::kNotWebTv;
  return Classify(PathSegments(url.path), url.path);
}

std::optional<AssetRef> ParseAssetUrl(const Url& url) {
  if (const std::string entry = KalturaEntryOf(url); !entry.empty()) {
    // The recording the player shows, on UN Web TV.
    AssetRef ref;
    ref.host = "webtv.un.org";
    ref.asset_id = webtv::AssetIdFromEntryId(entry);
    ref.folder = std::string(webtv::AssetFolder(ref.asset_id));
    ref.id_well_formed = true;
    ref.folder_matches = true;
    ref.player_id = entry;
    return ref;
  }
  if (!IsWebTvHost(url.host)) return std::nullopt;
  const auto segs = PathSegments(url.path);
  if (Classify(segs, url.path) != WebTvKind::kAsset) return std::nullopt;
  AssetRef ref;
  ref.host = url.host;
  std::size_t i = 0;
  if (IsLanguage(segs[0])) ref.lang = std::string(segs[i++]);
  ++i;  // "asset"
  if (segs.more) {
    ref.id_problem = "the path does not end in /asset/{folder}/{asset id}";
    return ref;
  }
  if (segs.size() - i == 2) {
    ref.folder = std::string(segs[i]);
    ref.asset_id = std::string(segs[i + 1]);
  } else if (segs.size() - i == 1) {
    ref.asset_id = std::string(segs[i]);
  } else {
    ref.id_problem = "the path does not end in /asset/{folder}/{asset id}";
    return ref;
  }
  ref.id_well_formed = IsWellFormedAssetId(ref.asset_id, &ref.id_problem);
  ref.folder_matches =
      ref.asset_id.size() >= 3 && ref.folder == ref.asset_id.substr(0, 3);
  if (ref.id_well_formed) ref.player_id = webtv::EntryIdFromAssetId(ref.asset_id);
  return ref;
}

std::size_t GluedAfterAssetId(std::string_view url_written) {
  constexpr std::size_t npos = std::string_view::npos;
  // The last path segment: after the last '/', with nothing that ends a path.
  const std::size_t slash = url_written.rfind('/');
  if (slash == npos) return npos;
  const std::string_view last = url_written.substr(slash + 1);
  if (last.size() <= webtv::kAssetIdSize ||
      last.find_first_of("?#") != npos ||
      !webtv::IsAssetId(last.substr(0, webtv::kAssetIdSize)))
    return npos;
  const char next = last[webtv::kAssetIdSize];
  if ((next >= '0' && next <= '9') || (next >= 'a' && next <= 'z')) return npos;
  // Only on a Web TV asset page URL.
  const std::size_t id_end = slash + 1 + webtv::kAssetIdSize;
  auto url = ParseUrl(WithDefaultScheme(url_written.substr(0, id_end)));
  if (!url.ok() || ClassifyWebTv(*url) != WebTvKind::kAsset) return npos;
  return id_end;
}

std::string AssetRef::CanonicalUrl() const {
  if (!id_well_formed) return "";
  return UrlOf(asset_id);
}

std::string AssetRef::UrlOf(std::string_view other_asset_id) const {
  return "https://" + host + "/" + (lang.empty() ? std::string("en") : lang) +
         "/asset/" + std::string(other_asset_id.substr(0, 3)) + "/" +
         std::string(other_asset_id);
}


}  // namespace timecite::linker
