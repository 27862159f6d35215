#include "indexer/kaltura.h"

#include <nlohmann/json.hpp>

namespace timecite::indexer {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxKalturaBytes = 16u << 20;

std::string StringField(const Json& object, const char* key) {
  auto it = object.find(key);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// An integer field; nullopt when absent, null or not a number.
std::optional<int64_t> IntField(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_float()) {
    const double d = it->get<double>();
    if (d >= -9e15 && d <= 9e15) return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

bool IsException(const Json& value) {
  return value.is_object() && StringField(value, "objectType") == "KalturaAPIException";
}

KalturaAnswer ApiError(const Json& value) {
  KalturaAnswer answer;
  answer.kind = KalturaAnswer::Kind::kApiError;
  answer.error.code = StringField(value, "code");
  answer.error.message = StringField(value, "message");
  return answer;
}

}  // namespace

Result<KalturaAnswer> ParseKalturaMultirequest(std::string_view text) {
  if (text.size() > kMaxKalturaBytes) {
    return Status::InvalidArgument("Kaltura answer larger than 16 MiB");
  }
  const Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::InvalidArgument("Kaltura answer is not valid JSON");
  if (IsException(root)) return ApiError(root);
  if (!root.is_array() || root.size() < 2) {
    return Status::InvalidArgument(
        "Kaltura answer is not a two-element multirequest array");
  }
  for (const Json& element : root) {
    if (IsException(element)) return ApiError(element);
  }
  const Json& list = root[1];
  if (!list.is_object()) return Status::InvalidArgument("Kaltura list answer is not an object");
  auto objects = list.find("objects");
  if (objects == list.end() || !objects->is_array()) {
    return Status::InvalidArgument("Kaltura list answer has no `objects` array");
  }
  KalturaAnswer answer;
  if (objects->empty()) return answer;  // kNoEntry
  const Json& object = (*objects)[0];
  if (!object.is_object()) return Status::InvalidArgument("Kaltura entry is not an object");
  KalturaEntry& entry = answer.entry;
  entry.entry_id = StringField(object, "id");
  if (entry.entry_id.empty()) return Status::InvalidArgument("Kaltura entry has no `id`");
  entry.name = StringField(object, "name");
  if (auto ms = IntField(object, "msDuration"); ms && *ms >= 0) {
    entry.duration_ms = *ms;
  } else if (auto s = IntField(object, "duration"); s && *s >= 0 && *s < (int64_t{1} << 40)) {
    entry.duration_ms = *s * 1000;
  }
  if (auto created = IntField(object, "createdAt"); created && *created >= 0 &&
                                                     *created < (int64_t{1} << 40)) {
    entry.created_at_ms = *created * 1000;
  }
  auto status = IntField(object, "status");
  if (!status) {
    // Kaltura sometimes sends enum values as strings ("2").
    const std::string s = StringField(object, "status");
    if (s.size() == 1 && s[0] >= '0' && s[0] <= '9') status = s[0] - '0';
  }
  if (!status) return Status::InvalidArgument("Kaltura entry has no `status`");
  entry.status = static_cast<int>(*status);
  answer.kind = KalturaAnswer::Kind::kEntry;
  return answer;
}

std::string KalturaStatusName(int status) {
  switch (status) {
    case -2: return "error-importing";
    case -1: return "error-converting";
    case 0: return "import";
    case 1: return "preconvert";
    case 2: return "ready";
    case 3: return "deleted";
    case 4: return "pending";
    case 5: return "moderate";
    case 6: return "blocked";
    case 7: return "no-content";
    default: return "status " + std::to_string(status);
  }
}

}  // namespace timecite::indexer
