#include "serve/regional_groups.h"

#include <algorithm>
#include <array>
#include <utility>

namespace timecite::serve {
namespace {

using G = RegionalGroup;
// Sorted by code (checked by the test).
constexpr std::pair<std::string_view, RegionalGroup> kMembers[] = {
    {"AFG", G::kAsiaPacific},   {"AGO", G::kAfrican},
    {"ALB", G::kEasternEuropean}, {"AND", G::kWesternEuropeanAndOther},
    {"ARE", G::kAsiaPacific},   {"ARG", G::kLatinAmericanCaribbean},
    {"ARM", G::kEasternEuropean}, {"ATG", G::kLatinAmericanCaribbean},
    {"AUS", G::kWesternEuropeanAndOther}, {"AUT", G::kWesternEuropeanAndOther},
    {"AZE", G::kEasternEuropean}, {"BDI", G::kAfrican},
    {"BEL", G::kWesternEuropeanAndOther}, {"BEN", G::kAfrican},
    {"BFA", G::kAfrican},       {"BGD", G::kAsiaPacific},
    {"BGR", G::kEasternEuropean}, {"BHR", G::kAsiaPacific},
    {"BHS", G::kLatinAmericanCaribbean}, {"BIH", G::kEasternEuropean},
    {"BLR", G::kEasternEuropean}, {"BLZ", G::kLatinAmericanCaribbean},
    {"BOL", G::kLatinAmericanCaribbean}, {"BRA", G::kLatinAmericanCaribbean},
    {"BRB", G::kLatinAmericanCaribbean}, {"BRN", G::kAsiaPacific},
    {"BTN", G::kAsiaPacific},   {"BWA", G::kAfrican},
    {"CAF", G::kAfrican},       {"CAN", G::kWesternEuropeanAndOther},
    {"CHE", G::kWesternEuropeanAndOther}, {"CHL", G::kLatinAmericanCaribbean},
    {"CHN", G::kAsiaPacific},   {"CIV", G::kAfrican},
    {"CMR", G::kAfrican},       {"COD", G::kAfrican},
    {"COG", G::kAfrican},       {"COL", G::kLatinAmericanCaribbean},
    {"COM", G::kAfrican},       {"CPV", G::kAfrican},
    {"CRI", G::kLatinAmericanCaribbean}, {"CUB", G::kLatinAmericanCaribbean},
    {"CYP", G::kAsiaPacific},   {"CZE", G::kEasternEuropean},
    {"DEU", G::kWesternEuropeanAndOther}, {"DJI", G::kAfrican},
    {"DMA", G::kLatinAmericanCaribbean}, {"DNK", G::kWesternEuropeanAndOther},
    {"DOM", G::kLatinAmericanCaribbean}, {"DZA", G::kAfrican},
    {"ECU", G::kLatinAmericanCaribbean}, {"EGY", G::kAfrican},
    {"ERI", G::kAfrican},       {"ESP", G::kWesternEuropeanAndOther},
    {"EST", G::kEasternEuropean}, {"ETH", G::kAfrican},
    {"FIN", G::kWesternEuropeanAndOther}, {"FJI", G::kAsiaPacific},
    {"FRA", G::kWesternEuropeanAndOther}, {"FSM", G::kAsiaPacific},
    {"GAB", G::kAfrican},       {"GBR", G::kWesternEuropeanAndOther},
    {"GEO", G::kEasternEuropean}, {"GHA", G::kAfrican},
    {"GIN", G::kAfrican},       {"GMB", G::kAfrican},
    {"GNB", G::kAfrican},       {"GNQ", G::kAfrican},
    {"GRC", G::kWesternEuropeanAndOther}, {"GRD", G::kLatinAmericanCaribbean},
    {"GTM", G::kLatinAmericanCaribbean}, {"GUY", G::kLatinAmericanCaribbean},
    {"HND", G::kLatinAmericanCaribbean}, {"HRV", G::kEasternEuropean},
    {"HTI", G::kLatinAmericanCaribbean}, {"HUN", G::kEasternEuropean},
    {"IDN", G::kAsiaPacific},   {"IND", G::kAsiaPacific},
    {"IRL", G::kWesternEuropeanAndOther}, {"IRN", G::kAsiaPacific},
    {"IRQ", G::kAsiaPacific},   {"ISL", G::kWesternEuropeanAndOther},
    {"ISR", G::kWesternEuropeanAndOther}, {"ITA", G::kWesternEuropeanAndOther},
    {"JAM", G::kLatinAmericanCaribbean}, {"JOR", G::kAsiaPacific},
    {"JPN", G::kAsiaPacific},   {"KAZ", G::kAsiaPacific},
    {"KEN", G::kAfrican},       {"KGZ", G::kAsiaPacific},
    {"KHM", G::kAsiaPacific},   {"KIR", G::kAsiaPacific},
    {"KNA", G::kLatinAmericanCaribbean}, {"KOR", G::kAsiaPacific},
    {"KWT", G::kAsiaPacific},   {"LAO", G::kAsiaPacific},
    {"LBN", G::kAsiaPacific},   {"LBR", G::kAfrican},
    {"LBY", G::kAfrican},       {"LCA", G::kLatinAmericanCaribbean},
    {"LIE", G::kWesternEuropeanAndOther}, {"LKA", G::kAsiaPacific},
    {"LSO", G::kAfrican},       {"LTU", G::kEasternEuropean},
    {"LUX", G::kWesternEuropeanAndOther}, {"LVA", G::kEasternEuropean},
    {"MAR", G::kAfrican},       {"MCO", G::kWesternEuropeanAndOther},
    {"MDA", G::kEasternEuropean}, {"MDG", G::kAfrican},
    {"MDV", G::kAsiaPacific},   {"MEX", G::kLatinAmericanCaribbean},
    {"MHL", G::kAsiaPacific},   {"MKD", G::kEasternEuropean},
    {"MLI", G::kAfrican},       {"MLT", G::kWesternEuropeanAndOther},
    {"MMR", G::kAsiaPacific},   {"MNE", G::kEasternEuropean},
    {"MNG", G::kAsiaPacific},   {"MOZ", G::kAfrican},
    {"MRT", G::kAfrican},       {"MUS", G::kAfrican},
    {"MWI", G::kAfrican},       {"MYS", G::kAsiaPacific},
    {"NAM", G::kAfrican},       {"NER", G::kAfrican},
    {"NGA", G::kAfrican},       {"NIC", G::kLatinAmericanCaribbean},
    {"NLD", G::kWesternEuropeanAndOther}, {"NOR", G::kWesternEuropeanAndOther},
    {"NPL", G::kAsiaPacific},   {"NRU", G::kAsiaPacific},
    {"NZL", G::kWesternEuropeanAndOther}, {"OMN", G::kAsiaPacific},
    {"PAK", G::kAsiaPacific},   {"PAN", G::kLatinAmericanCaribbean},
    {"PER", G::kLatinAmericanCaribbean}, {"PHL", G::kAsiaPacific},
    {"PLW", G::kAsiaPacific},   {"PNG", G::kAsiaPacific},
    {"POL", G::kEasternEuropean}, {"PRK", G::kAsiaPacific},
    {"PRT", G::kWesternEuropeanAndOther}, {"PRY", G::kLatinAmericanCaribbean},
    {"QAT", G::kAsiaPacific},   {"ROU", G::kEasternEuropean},
    {"RUS", G::kEasternEuropean}, {"RWA", G::kAfrican},
    {"SAU", G::kAsiaPacific},   {"SDN", G::kAfrican},
    {"SEN", G::kAfrican},       {"SGP", G::kAsiaPacific},
    {"SLB", G::kAsiaPacific},   {"SLE", G::kAfrican},
    {"SLV", G::kLatinAmericanCaribbean}, {"SMR", G::kWesternEuropeanAndOther},
    {"SOM", G::kAfrican},       {"SRB", G::kEasternEuropean},
    {"SSD", G::kAfrican},       {"STP", G::kAfrican},
    {"SUR", G::kLatinAmericanCaribbean}, {"SVK", G::kEasternEuropean},
    {"SVN", G::kEasternEuropean}, {"SWE", G::kWesternEuropeanAndOther},
    {"SWZ", G::kAfrican},       {"SYC", G::kAfrican},
    {"SYR", G::kAsiaPacific},   {"TCD", G::kAfrican},
    {"TGO", G::kAfrican},       {"THA", G::kAsiaPacific},
    {"TJK", G::kAsiaPacific},   {"TKM", G::kAsiaPacific},
    {"TLS", G::kAsiaPacific},   {"TON", G::kAsiaPacific},
    {"TTO", G::kLatinAmericanCaribbean}, {"TUN", G::kAfrican},
    {"TUR", G::kWesternEuropeanAndOther}, {"TUV", G::kAsiaPacific},
    {"TZA", G::kAfrican},       {"UGA", G::kAfrican},
    {"UKR", G::kEasternEuropean}, {"URY", G::kLatinAmericanCaribbean},
    {"USA", G::kWesternEuropeanAndOther}, {"UZB", G::kAsiaPacific},
    {"VCT", G::kLatinAmericanCaribbean}, {"VEN", G::kLatinAmericanCaribbean},
    {"VNM", G::kAsiaPacific},   {"VUT", G::kAsiaPacific},
    {"WSM", G::kAsiaPacific},   {"YEM", G::kAsiaPacific},
    {"ZAF", G::kAfrican},       {"ZMB", G::kAfrican},
    {"ZWE", G::kAfrican},
};

}  // namespace

RegionalGroup RegionalGroupOf(std::string_view iso3) {
  const auto* it = std::lower_bound(
      std::begin(kMembers), std::end(kMembers), iso3,
      [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == std::end(kMembers) || it->first != iso3) return RegionalGroup::kNone;
  return it->second;
}

std::string_view RegionalGroupName(RegionalGroup group) {
  switch (group) {
    case RegionalGroup::kAfrican: return "African Group";
    case RegionalGroup::kAsiaPacific: return "Asia-Pacific Group";
    case RegionalGroup::kEasternEuropean: return "Eastern European Group";
    case RegionalGroup::kLatinAmericanCaribbean:
      return "Latin American and Caribbean Group";
    case RegionalGroup::kWesternEuropeanAndOther:
      return "Western European and Other Group";
    case RegionalGroup::kNone: break;
  }
  return "No regional group";
}

std::string_view RegionalGroupKey(RegionalGroup group) {
  switch (group) {
    case RegionalGroup::kAfrican: return "african";
    case RegionalGroup::kAsiaPacific: return "asia-pacific";
    case RegionalGroup::kEasternEuropean: return "eastern-european";
    case RegionalGroup::kLatinAmericanCaribbean: return "grulac";
    case RegionalGroup::kWesternEuropeanAndOther: return "weog";
    case RegionalGroup::kNone: break;
  }
  return "none";
}


}  // namespace timecite::serve
