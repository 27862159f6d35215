#include "indexer/fields.h"

#include <chrono>
#include <utility>

namespace timecite::indexer {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at text[pos].
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<int64_t> CivilToUnixMs(int y, int mo, int d, int h, int mi, int s) {
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const auto days = sys_days{ymd}.time_since_epoch().count();
  return ((static_cast<int64_t>(days) * 24 + h) * 60 + mi) * 60000 + int64_t{s} * 1000;
}

// The 19-character "YYYY-MM-DDTHH:MM:SS" prefix as UTC.
std::optional<int64_t> ParsePrefix19(std::string_view t) {
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  auto y = Digits(t, 0, 4), mo = Digits(t, 5, 2), d = Digits(t, 8, 2);
  auto h = Digits(t, 11, 2), mi = Digits(t, 14, 2), s = Digits(t, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  return CivilToUnixMs(*y, *mo, *d, *h, *mi, *s);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::optional<int64_t> ParseClockMs(std::string_view text) {
  text = Trim(text);
  int64_t parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t i = 0;
  while (true) {
    if (count == 3) return std::nullopt;
    std::size_t start = i;
    int64_t value = 0;
    while (i < text.size() && IsDigit(text[i]) && i - start < 6) {
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    parts[count++] = value;
    if (i == text.size()) break;
    if (text[i] != ':') return std::nullopt;
    ++i;
  }
  if (count < 2) return std::nullopt;
  const int64_t h = count == 3 ? parts[0] : 0;
  const int64_t m = parts[count - 2];
  const int64_t s = parts[count - 1];
  if (m > 59 || s > 59 || (count == 3 && m > 59)) return std::nullopt;
  return ((h * 60 + m) * 60 + s) * 1000;
}

std::optional<int64_t> ParseIsoTimeMs(std::string_view text) {
  text = Trim(text);
  auto base = ParsePrefix19(text);
  if (!base) return std::nullopt;
  std::string_view rest = text.substr(19);
  int64_t ms = 0;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int scale = 100;
    std::size_t n = 0;
    while (n < rest.size() && IsDigit(rest[n])) {
      ms += (rest[n] - '0') * scale;
      scale /= 10;
      ++n;
    }
    if (n == 0) return std::nullopt;
    rest.remove_prefix(n);
  }
  int64_t offset_ms = 0;
  if (rest == "Z" || rest.empty()) {
    // UTC
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    auto oh = Digits(rest, 1, 2), om = Digits(rest, 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset_ms = (int64_t{*oh} * 60 + *om) * 60000 * (rest[0] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  return *base + ms - offset_ms;
}

std::optional<int64_t> ParseScheduleStartMs(std::string_view text) {
  return ParsePrefix19(Trim(text));
}

std::optional<std::string> AssetIdFromUrl(std::string_view url) {
  const std::size_t at = url.find("/asset/");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(at + 7);
  const std::size_t end = rest.find_first_of("?#");
  rest = rest.substr(0, end);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view folder = rest.substr(0, slash);
  const std::string_view id = rest.substr(slash + 1);
  if (!IsAssetId(id) || folder != id.substr(0, 3)) return std::nullopt;
  return std::string(id);
}

std::optional<std::string> EntryIdFromThumbnail(std::string_view src) {
  constexpr std::string_view kMarker = "/entry_id/";
  const std::size_t at = src.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view id = src.substr(at + kMarker.size(), 10);
  if (!IsEntryId(id)) return std::nullopt;
  const std::size_t after = at + kMarker.size() + 10;
  if (after < src.size() && src[after] != '/' && src[after] != '?') return std::nullopt;
  return std::string(id);
}

std::optional<std::string> EntryIdFromPlayerScript(std::string_view script) {
  std::size_t pos = 0;
  while ((pos = script.find("kentryID", pos)) != std::string_view::npos) {
    pos += 8;
    std::size_t i = pos;
    while (i < script.size() && (script[i] == ' ' || script[i] == '\t')) ++i;
    if (i >= script.size() || (script[i] != '=' && script[i] != ':')) continue;
    ++i;
    while (i < script.size() && (script[i] == ' ' || script[i] == '\t')) ++i;
    if (i >= script.size() || (script[i] != '\'' && script[i] != '"')) continue;
    const char quote = script[i];
    const std::string_view id = script.substr(i + 1, 10);
    if (IsEntryId(id) && i + 11 < script.size() && script[i + 11] == quote) {
      return std::string(id);
    }
  }
  return std::nullopt;
}

std::string LanguageCode(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kCodes[] = {
      {"Arabic", "ar"},  {"Chinese", "zh"}, {"English", "en"},
      {"French", "fr"},  {"Russian", "ru"}, {"Spanish", "es"},
      {"Original", "original"}};
  for (const auto& [n, code] : kCodes) {
    if (n == name) return std::string(code);
  }
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace timecite::indexer
