#include "indexer/asset_page.h"

#include <utility>

#include "common/symbol.h"
#include "common/url.h"
#include "indexer/fields.h"
#include "indexer/html.h"

namespace timecite::indexer {
namespace {

// Reads fields of one page through a profile, noting the first required field
// that selected nothing.
class FieldReader {
 public:
  FieldReader(const Profile& profile, pugi::xpath_node context)
      : profile_(profile), context_(context) {}

  std::vector<std::string> Texts(std::string_view field) {
    std::vector<std::string> out;
    for (const pugi::xpath_node& node : profile_.Select(field, context_)) {
      std::string text = NodeText(node);
      if (!text.empty()) out.push_back(std::move(text));
    }
    Check(field, !out.empty());
    return out;
  }

  std::string Text(std::string_view field) {
    std::string text;
    if (pugi::xpath_node node = profile_.SelectFirst(field, context_)) text = NodeText(node);
    Check(field, !text.empty());
    return text;
  }

  pugi::xpath_node_set Nodes(std::string_view field) {
    pugi::xpath_node_set nodes = profile_.Select(field, context_);
    Check(field, !nodes.empty());
    return nodes;
  }

  const Status& status() const { return status_; }

 private:
  void Check(std::string_view field, bool found) {
    if (!found && status_.ok() && profile_.IsRequired(field)) {
      status_ = profile_.MarkupDrift(field);
    }
  }

  const Profile& profile_;
  pugi::xpath_node context_;
  Status status_;
};

std::vector<RelatedLink> RelatedLinks(const pugi::xpath_node_set& anchors) {
  std::vector<RelatedLink> out;
  for (const pugi::xpath_node& node : anchors) {
    RelatedLink link;
    link.url = CollapseWhitespace(node.node().attribute("href").value());
    link.title = NodeText(node.node());
    if (link.url.empty()) continue;
    if (auto url = ParseUrl(link.url); url.ok()) {
      link.symbol = symbol::FromUrl(*url).value_or("");
    }
    out.push_back(std::move(link));
  }
  return out;
}

void ChoosePlayerId(FieldReader& reader, RecordingInfo* info) {
  for (const std::string& script : reader.Texts("player_script")) {
    if (auto id = EntryIdFromPlayerScript(script)) {
      info->player_id = *id;
      info->player_id_source = "script";
      return;
    }
  }
  for (const std::string& src : reader.Texts("thumbnail")) {
    if (auto id = EntryIdFromThumbnail(src)) {
      info->player_id = *id;
      info->player_id_source = "thumbnail";
      return;
    }
  }
  info->player_id = webtv::EntryIdFromAssetId(info->asset_id);
  info->player_id_source = "asset-id";
}

std::string BodyOf(const std::vector<std::string>& categories) {
  if (categories.empty()) return "";
  if (categories.size() >= 2 && categories[0] == "Meetings & Events") return categories[1];
  return categories[0];
}

}  // namespace

Result<AssetPage> ParseAssetPage(std::string_view html, const Profile& profile) {
  Status expected = profile.Expect(
      "asset-page", {"not_found", "title", "canonical_url", "production_date", "video_length",
                     "languages", "categories", "subjects", "corporate_names",
                     "speaker_affiliations", "summary", "description", "related_links",
                     "player_script", "thumbnail"});
  if (!expected.ok()) return expected;
  auto document = ParseHtml(html);
  if (!document.ok()) return document.status();
  const pugi::xpath_node root(**document);

  AssetPage page;
  if (profile.SelectFirst("not_found", root)) {
    page.removed = true;
    return page;
  }
  FieldReader reader(profile, root);
  RecordingInfo& info = page.recording;
  info.title = reader.Text("title");
  info.canonical_url = reader.Text("canonical_url");
  info.production_time = reader.Text("production_date");
  if (auto ms = ParseIsoTimeMs(info.production_time)) {
    info.production_utc_ms = *ms;
    info.date = UtcDate(*ms);
  }
  info.duration_ms = ParseClockMs(reader.Text("video_length"));
  info.languages = reader.Texts("languages");
  info.categories = reader.Texts("categories");
  info.subjects = reader.Texts("subjects");
  info.corporate_names = reader.Texts("corporate_names");
  info.speaker_affiliations = reader.Texts("speaker_affiliations");
  info.summary = reader.Text("summary");
  info.description = reader.Text("description");
  info.related = RelatedLinks(reader.Nodes("related_links"));
  if (!reader.status().ok()) return reader.status();

  auto asset_id = AssetIdFromUrl(info.canonical_url);
  if (!asset_id) {
    return Status::InvalidArgument("asset page: canonical URL names no valid asset id: " +
                                   info.canonical_url);
  }
  info.asset_id = *asset_id;
  ChoosePlayerId(reader, &info);
  if (!reader.status().ok()) return reader.status();
  info.body = BodyOf(info.categories);
  info.meeting_symbol = symbol::MeetingRecordFromTitle(info.title).value_or("");
  return page;
}

}  // namespace timecite::indexer
