#include "linker/checks/wayback.h"

#include <nlohmann/json.hpp>

#include "common/url.h"

namespace timecite::linker {
namespace {

using nlohmann::json;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status Shape(const std::string& what) {
  return Status::InvalidArgument("Wayback availability answer: " + what);
}

// The status may come as the string "200" (the real API) or a number.
Result<bool> StatusIs200(const json& closest) {
  auto it = closest.find("status");
  if (it == closest.end()) return false;
  if (it->is_string()) return it->get<std::string>() == "200";
  if (it->is_number_integer()) return it->get<long long>() == 200;
  return Shape("\"status\" is neither a string nor an integer");
}

}  // namespace

std::optional<std::string> WaybackTimestampFromDate(std::string_view iso_date) {
  if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-')
    return std::nullopt;
  const std::string digits = std::string(iso_date.substr(0, 4)) +
                             std::string(iso_date.substr(5, 2)) +
                             std::string(iso_date.substr(8, 2));
  if (!AllDigits(digits)) return std::nullopt;
  return digits;
}

Result<std::string> WaybackRequestUrl(std::string_view dead_url,
                                      std::string_view timestamp,
                                      std::string_view endpoint) {
  if (dead_url.empty())
    return Status::InvalidArgument("Wayback lookup: empty URL");
  if (!timestamp.empty() && (timestamp.size() > 14 || !AllDigits(timestamp))) {
    return Status::InvalidArgument("Wayback lookup: timestamp \"" +
                                   std::string(timestamp) +
                                   "\" is not 1-14 digits (YYYYMMDDhhmmss)");
  }
  std::string out(endpoint);
  out += "?url=";
  out += PercentEncode(dead_url);
  if (!timestamp.empty()) {
    out += "&timestamp=";
    out += timestamp;
  }
  return out;
}

Result<std::optional<WaybackSnapshot>> ParseWaybackAvailable(
    std::string_view body) {
  if (body.size() > kMaxWaybackAnswerBytes) {
    return Shape("larger than " + std::to_string(kMaxWaybackAnswerBytes) +
                 " bytes");
  }
  const json j = json::parse(body.begin(), body.end(), nullptr,
                             /*allow_exceptions=*/false);
  if (j.is_discarded()) return Shape("not JSON");
  if (!j.is_object()) return Shape("not a JSON object");
  auto snapshots = j.find("archived_snapshots");
  if (snapshots == j.end()) return Shape("no \"archived_snapshots\"");
  if (!snapshots->is_object())
    return Shape("\"archived_snapshots\" is not an object");
  auto closest = snapshots->find("closest");
  if (closest == snapshots->end()) return std::optional<WaybackSnapshot>();
  if (!closest->is_object()) return Shape("\"closest\" is not an object");

  auto available = closest->find("available");
  if (available != closest->end() && !available->is_boolean()) {
    return Shape("\"available\" is not a boolean");
  }
  auto ok_status = StatusIs200(*closest);
  if (!ok_status.ok()) return ok_status.status();
  auto url = closest->find("url");
  if (url == closest->end() || !url->is_string())
    return Shape("\"url\" missing or not a string");
  auto timestamp = closest->find("timestamp");
  if (timestamp != closest->end() && !timestamp->is_string()) {
    return Shape("\"timestamp\" is not a string");
  }
  if (available == closest->end() || !available->get<bool>() || !*ok_status) {
    return std::optional<WaybackSnapshot>();
  }

  WaybackSnapshot s;
  s.url = url->get<std::string>();
  auto parsed = ParseUrl(s.url);
  if (!parsed.ok() ||
      !(parsed->host == "web.archive.org" || parsed->host == "archive.org")) {
    return Shape("snapshot URL \"" + s.url + "\" is not on web.archive.org");
  }
  // The API names its snapshots http://web.archive.org/web/...; the
  // suggestion a report prints is https, on web.archive.org, the same path.
  const std::size_t path = s.url.find('/', s.url.find("://") + 3);
  s.url = "https://web.archive.org" +
          (path == std::string::npos ? std::string("/") : s.url.substr(path));
  if (timestamp != closest->end()) s.timestamp = timestamp->get<std::string>();
  if (s.timestamp.size() > 14 || !AllDigits(s.timestamp)) {
    return Shape("\"timestamp\" \"" + s.timestamp + "\" is not YYYYMMDDhhmmss");
  }
  return std::optional<WaybackSnapshot>(std::move(s));
}

}  // namespace timecite::linker
