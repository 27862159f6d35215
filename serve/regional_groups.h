// The five regional groups of the UN General Assembly, by member state
// (ISO 3166-1 alpha-3), as the Department for General Assembly and
// Conference Management lists them (https://www.un.org/dgacm/en/content/
// regional-groups; Kiribati in Asia-Pacific since 2010, the United States
// with WEOG for elections). The recording page colours each statement of
// its timeline by its speaker's group.
//
// Thread safety: pure functions over a constant table.
#pragma once

#include <string_view>

namespace timecite::serve {

enum class RegionalGroup {
  kAfrican,
  kAsiaPacific,
  kEasternEuropean,
  kLatinAmericanCaribbean,  // GRULAC
  kWesternEuropeanAndOther, // WEOG
  kNone,  // not a member state (observers, the Secretariat, "" affiliation)
};

RegionalGroup RegionalGroupOf(std::string_view iso3);
// "African Group", "Asia-Pacific Group", ..., "No regional group".
std::string_view RegionalGroupName(RegionalGroup group);
// A short stable key for CSS classes and JSON: "african", "asia-pacific",
// "eastern-european", "grulac", "weog", "none".
std::string_view RegionalGroupKey(RegionalGroup group);

}  // namespace timecite::serve
