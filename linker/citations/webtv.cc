#include "linker/citations/webtv.h"

#include <array>
#include <vector>

namespace timecite::linker {
namespace {

constexpr std::array<std::string_view, 6> kLanguages = {"en", "fr", "es",
                                                        "ru", "ar", "zh"};

bool IsWebTvHost(std::string_view host) {
  return host == "webtv.un.org" || host == "media.un.org" ||
         host == "www.webtv.un.org";
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
  if (!IsWebTvHost(url.host)) return WebTvKind::kNotWebTv;
  return Classify(PathSegments(url.path), url.path);
}

std::optional<AssetRef> ParseAssetUrl(const Url& url) {
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
