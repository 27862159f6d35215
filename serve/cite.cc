#include "serve/cite.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "linker/citations/timecode.h"

namespace timecite::serve {
namespace {

// Month names as the UN's reports write them in a date, by language
// (Russian in the genitive, Arabic with the Levantine and the Egyptian name).
constexpr std::array<std::string_view, 12> kMonthsEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kMonthsFr = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 12> kMonthsEs = {
    "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
    "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
constexpr std::array<std::string_view, 12> kMonthsRu = {
    "января", "февраля", "марта",    "апреля",  "мая",    "июня",
    "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
constexpr std::array<std::string_view, 12> kMonthsAr = {
    "كانون الثاني/يناير", "شباط/فبراير",        "آذار/مارس",
    "نيسان/أبريل",        "أيار/مايو",          "حزيران/يونيه",
    "تموز/يوليه",         "آب/أغسطس",           "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"};

struct Ymd {
  int year = 0, month = 0, day = 0;
};

std::optional<Ymd> ParseYmd(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  Ymd out;
  auto num = [&](std::size_t at, std::size_t n, int* v) {
    auto [p, ec] = std::from_chars(d.data() + at, d.data() + at + n, *v);
    return ec == std::errc() && p == d.data() + at + n;
  };
  if (!num(0, 4, &out.year) || !num(5, 2, &out.month) || !num(8, 2, &out.day))
    return std::nullopt;
  if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > 31)
    return std::nullopt;
  return out;
}

std::string Str(int v) { return std::to_string(v); }

}  // namespace

bool IsCiteLanguage(std::string_view lang) {
  return std::find(std::begin(kCiteLanguages), std::end(kCiteLanguages),
                   lang) != std::end(kCiteLanguages);
}

std::string WebTvPageUrl(std::string_view asset_id, std::string_view lang) {
  return "https://webtv.un.org/" + std::string(lang) + "/asset/" +
         std::string(asset_id.substr(0, 3)) + "/" + std::string(asset_id);
}

Result<std::string> FootnoteCitation(const store::Recording& recording,
                                     int64_t ms, std::string_view lang) {
  if (!IsCiteLanguage(lang)) {
    return Status::InvalidArgument(
        "lang must be one of en, fr, es, ru, ar, zh, got: " +
        std::string(lang));
  }
  const auto date = ParseYmd(recording.date);
  if (!date) {
    return Status::InvalidArgument("recording " + recording.asset_id +
                                   " has no date to cite");
  }
  const std::string t = linker::FormatTimecode(ms);
  const std::string url = WebTvPageUrl(recording.asset_id, lang);
  const std::string day = Str(date->day), year = Str(date->year);
  const std::size_t m = static_cast<std::size_t>(date->month - 1);
  if (lang == "en") {
    return "UN Web TV, " + day + " " + std::string(kMonthsEn[m]) + " " + year +
           " (starting at " + t + "), " + url;
  }
  if (lang == "fr") {
    return "UN Web TV, " + (date->day == 1 ? std::string("1er") : day) + " " +
           std::string(kMonthsFr[m]) + " " + year + " (à partir de " + t +
           "), " + url;
  }
  if (lang == "es") {
    return "UN Web TV, " + day + " de " + std::string(kMonthsEs[m]) + " de " +
           year + " (a partir del minuto " + t + "), " + url;
  }
  if (lang == "ru") {
    return "UN Web TV, " + day + " " + std::string(kMonthsRu[m]) + " " + year +
           " года (начиная с " + t + "), " + url;
  }
  if (lang == "ar") {
    return "تلفزيون الأمم المتحدة على الإنترنت، " + day + " " +
           std::string(kMonthsAr[m]) + " " + year + " (ابتداء من الدقيقة " + t +
           ")، " + url;
  }
  // zh
  return "联合国网络电视，" + year + " 年 " + Str(date->month) + " 月 " + day +
         " 日（" + t + "开始），" + url;
}

nlohmann::json CslJson(const store::Recording& recording, int64_t ms,
                       std::string_view deep_link) {
  nlohmann::json item = {
      {"id", recording.asset_id + "@" + std::to_string(ms / 1000)},
      {"type", "broadcast"},
      {"title", recording.title},
      {"container-title", "UN Web TV"},
      {"publisher", "United Nations"},
      {"URL", std::string(deep_link)},
      {"note", "starting at " + linker::FormatTimecode(ms)},
      {"dimensions", linker::FormatTimecode(recording.duration_ms)}};
  if (const auto d = ParseYmd(recording.date)) {
    item["issued"] = {{"date-parts", {{d->year, d->month, d->day}}}};
  }
  if (!recording.meeting_symbol.empty()) {
    item["number"] = recording.meeting_symbol;
  }
  return item;
}

}  // namespace timecite::serve
