// UN Web TV schedule page (webtv.un.org/{lang}/schedule/YYYY-MM-DD) -> cards,
// read with a site profile of kind "schedule-page"
// (configs/profiles/webtv-schedule.toml). Markup as captured in
// ../shared/corpus/webtv/schedule-excerpt.html; DESIGN.md §1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/profile.h"

namespace timecite::indexer {

struct ScheduleCard {
  std::string asset_id;     // "k1iyessmbe"
  std::string asset_path;   // href as written, "/en/asset/k1i/k1iyessmbe"
  std::string player_id;    // from the thumbnail; "" when none
  std::string title;
  std::string body;         // "Human Rights Council"; may be empty
  std::string description;  // the short text beside the card; may be empty
  std::string start_written;  // "2026-09-14T08:00:00-04:00"
  int64_t start_utc_ms = 0;   // first 19 characters read as UTC, as the site does
  std::optional<int64_t> duration_ms;  // badge HH:MM:SS; nullopt when live/unknown
  bool live = false;                   // "Live" badge
};

// The cards in page order. A page with no card is an empty schedule only when
// the profile's `empty` marker is present.
// Errors: InvalidArgument for a page ParseHtml refuses or a wrong profile;
// markup drift (IsMarkupDrift) when a card lacks a required field, its asset
// link or start time does not parse, or the page has neither cards nor the
// empty marker.
Result<std::vector<ScheduleCard>> ParseSchedulePage(std::string_view html,
                                                    const Profile& profile);

}  // namespace timecite::indexer
