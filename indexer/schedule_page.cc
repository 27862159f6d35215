#include "indexer/schedule_page.h"

#include "indexer/fields.h"
#include "indexer/html.h"

namespace timecite::indexer {
namespace {

std::string FirstText(const Profile& profile, std::string_view field,
                      const pugi::xpath_node& context) {
  pugi::xpath_node node = profile.SelectFirst(field, context);
  return node ? NodeText(node) : std::string();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Result<ScheduleCard> ReadCard(const Profile& profile, const pugi::xpath_node& card,
                              std::size_t index) {
  ScheduleCard out;
  for (std::string_view field : {"asset_link", "title", "start"}) {
    if (profile.IsRequired(field) && FirstText(profile, field, card).empty()) {
      return profile.MarkupDrift(field, "card " + std::to_string(index + 1));
    }
  }
  out.asset_path = FirstText(profile, "asset_link", card);
  auto asset_id = AssetIdFromUrl(out.asset_path);
  if (!asset_id) {
    return Status::Unsupported("markup drift: card " + std::to_string(index + 1) +
                               ": asset link names no asset id: " + out.asset_path);
  }
  out.asset_id = *asset_id;
  out.title = FirstText(profile, "title", card);
  out.body = FirstText(profile, "body", card);
  out.description = FirstText(profile, "description", card);
  out.start_written = FirstText(profile, "start", card);
  auto start = ParseScheduleStartMs(out.start_written);
  if (!start) {
    return Status::Unsupported("markup drift: card " + std::to_string(index + 1) +
                               ": start time does not parse: " + out.start_written);
  }
  out.start_utc_ms = *start;
  out.duration_ms = ParseClockMs(FirstText(profile, "duration", card));
  out.live = EqualsIgnoreCase(FirstText(profile, "live", card), "live");
  if (auto id = EntryIdFromThumbnail(FirstText(profile, "thumbnail", card))) {
    out.player_id = *id;
  }
  return out;
}

}  // namespace

Result<std::vector<ScheduleCard>> ParseSchedulePage(std::string_view html,
                                                    const Profile& profile) {
  Status expected = profile.Expect(
      "schedule-page", {"card", "empty", "asset_link", "title", "start", "body", "duration",
                        "live", "description", "thumbnail"});
  if (!expected.ok()) return expected;
  auto document = ParseHtml(html);
  if (!document.ok()) return document.status();
  const pugi::xpath_node root(**document);

  const pugi::xpath_node_set cards = profile.Select("card", root);
  if (cards.empty() && !profile.SelectFirst("empty", root)) return profile.MarkupDrift("card");
  std::vector<ScheduleCard> out;
  out.reserve(cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    auto card = ReadCard(profile, cards[i], i);
    if (!card.ok()) return card.status();
    out.push_back(std::move(card).value());
  }
  return out;
}

}  // namespace timecite::indexer
