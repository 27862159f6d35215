#include "common/webtv_id.h"

namespace timecite::webtv {
namespace {

bool IsIdChar(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

bool AllIdChars(std::string_view s) {
  for (char c : s) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsAssetId(std::string_view id) {
  return id.size() == kAssetIdSize && id[0] == 'k' && IsDigit(id[1]) &&
         AllIdChars(id.substr(2));
}

std::string AssetIdProblem(std::string_view id) {
  if (id.size() < 2 || id[0] != 'k' || !IsDigit(id[1]))
    return "an asset id starts with \"k\" and a digit (k1...)";
  for (char c : id) {
    if (!IsIdChar(c)) {
      return std::string("an asset id has only 0-9 and a-z, not '") + c + "'";
    }
  }
  if (id.size() != kAssetIdSize) {
    return "an asset id has 10 characters (\"k1\" + 8), this one has " +
           std::to_string(id.size());
  }
  return "";
}

bool IsEntryId(std::string_view id) {
  return id.size() == kAssetIdSize && IsDigit(id[0]) && id[1] == '_' &&
         AllIdChars(id.substr(2));
}

std::string EntryIdFromAssetId(std::string_view asset_id) {
  std::string entry_id(asset_id.substr(1, 1));
  entry_id += '_';
  entry_id += asset_id.substr(2);
  return entry_id;
}

std::string AssetIdFromEntryId(std::string_view entry_id) {
  if (!IsEntryId(entry_id)) return "";
  std::string asset_id = "k";
  asset_id += entry_id.substr(0, 1);
  asset_id += entry_id.substr(2);
  return asset_id;
}

std::string_view AssetFolder(std::string_view asset_id) {
  return asset_id.size() < 3 ? std::string_view() : asset_id.substr(0, 3);
}

}  // namespace timecite::webtv
