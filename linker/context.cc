#include "linker/context.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

#include "common/utf8.h"

namespace timecite::linker {
namespace {

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && y != 0 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return y == 0 || (y >= 1945 && y <= 2100);
}

struct MonthName {
  std::string_view name;
  int month;
};
// Lower case; longer names before their prefixes.
constexpr std::array kMonths = {
    MonthName{"january", 1}, MonthName{"february", 2}, MonthName{"march", 3},
    MonthName{"april", 4}, MonthName{"may", 5}, MonthName{"june", 6}, MonthName{"july", 7},
    MonthName{"august", 8}, MonthName{"september", 9}, MonthName{"october", 10},
    MonthName{"november", 11}, MonthName{"december", 12},
    MonthName{"janvier", 1}, MonthName{"février", 2}, MonthName{"mars", 3},
    MonthName{"avril", 4}, MonthName{"mai", 5}, MonthName{"juin", 6},
    MonthName{"juillet", 7}, MonthName{"août", 8}, MonthName{"septembre", 9},
    MonthName{"octobre", 10}, MonthName{"novembre", 11}, MonthName{"décembre", 12},
    MonthName{"enero", 1}, MonthName{"febrero", 2}, MonthName{"marzo", 3},
    MonthName{"abril", 4}, MonthName{"mayo", 5}, MonthName{"junio", 6},
    MonthName{"julio", 7}, MonthName{"agosto", 8}, MonthName{"septiembre", 9},
    MonthName{"setiembre", 9}, MonthName{"octubre", 10}, MonthName{"noviembre", 11},
    MonthName{"diciembre", 12},
    MonthName{"января", 1}, MonthName{"февраля", 2}, MonthName{"марта", 3},
    MonthName{"апреля", 4}, MonthName{"мая", 5}, MonthName{"июня", 6},
    MonthName{"июля", 7}, MonthName{"августа", 8}, MonthName{"сентября", 9},
    MonthName{"октября", 10}, MonthName{"ноября", 11}, MonthName{"декабря", 12},
    MonthName{"jan", 1}, MonthName{"feb", 2}, MonthName{"mar", 3}, MonthName{"apr", 4},
    MonthName{"jun", 6}, MonthName{"jul", 7}, MonthName{"aug", 8}, MonthName{"sep", 9},
    MonthName{"sept", 9}, MonthName{"oct", 10}, MonthName{"nov", 11}, MonthName{"dec", 12}};

// ASCII/Latin-1/Cyrillic lower case and full-width folding, byte-length
// preserving where it matters: the regexes below run over a copy in which only
// ASCII letters change and full-width digits were not folded, so we search
// the folded copy but keep a map back to the original offsets.
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;  // origin[i]: offset in the original of folded byte i
};

Folded Fold(std::string_view s) {
  Folded f;
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < s.size()) {
    std::size_t n = utf8::Decode(s, i, &cp);
    if (n == 0) {
      n = 1;
      cp = 0xFFFD;
    }
    cp = utf8::FoldWidth(cp);
    if (cp >= 0x0660 && cp <= 0x0669) cp = U'0' + (cp - 0x0660);
    if (cp >= U'A' && cp <= U'Z') cp += 32;
    if (cp >= 0x0410 && cp <= 0x042F) cp += 32;
    if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) cp += 32;
    if (cp == 0x00A0 || cp == 0x202F) cp = U' ';
    const std::size_t before = f.text.size();
    utf8::Append(cp, &f.text);
    for (std::size_t k = before; k < f.text.size(); ++k) f.origin.push_back(i);
    i += n;
  }
  f.origin.push_back(s.size());
  return f;
}

int MonthOf(std::string_view name) {
  for (const MonthName& m : kMonths) {
    if (name == m.name) return m.month;
  }
  return 0;
}

int ChineseNumeral(std::string_view s) {
  // 一..九, 十, 百, 千, 零/〇; enough for meeting numbers below 10000.
  static constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
  int total = 0, digit = -1;
  std::size_t i = 0;
  while (i < s.size()) {
    bool matched = false;
    for (int d = 0; d < 10; ++d) {
      if (s.substr(i).starts_with(kDigits[d])) {
        digit = d;
        i += kDigits[d].size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (s.substr(i).starts_with("〇")) {
      digit = 0;
      i += 3;
      continue;
    }
    int scale = 0;
    if (s.substr(i).starts_with("十")) scale = 10;
    else if (s.substr(i).starts_with("百")) scale = 100;
    else if (s.substr(i).starts_with("千")) scale = 1000;
    if (scale == 0) return 0;
    total += (digit < 0 ? 1 : digit) * scale;
    digit = -1;
    i += 3;
  }
  if (digit > 0) total += digit;
  return total;
}


// libstdc++'s std::regex recurses once per repeated character, so it must
// never see a long input: the searches run over overlapping windows of
// kWindow bytes. Every mention is far shorter than kOverlap, so a mention
// that begins in a window's first kWindow - kOverlap bytes is whole in it.
constexpr std::size_t kWindow = 512;
constexpr std::size_t kOverlap = 128;

template <typename Visit>
void ForEachMatch(const std::string& s, const std::regex& re, Visit visit) {
  std::size_t start = 0;
  while (start < s.size()) {
    while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
    std::size_t end = std::min(s.size(), start + kWindow);
    while (end < s.size() && end > start && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
      --end;
    }
    const bool last = end == s.size();
    const std::size_t keep = last ? end : start + (kWindow - kOverlap);
    const auto b = s.begin() + static_cast<std::ptrdiff_t>(start);
    const auto e = s.begin() + static_cast<std::ptrdiff_t>(end);
    for (std::sregex_iterator it(b, e, re), stop; it != stop; ++it) {
      const std::size_t at = start + static_cast<std::size_t>(it->position(0));
      if (at >= keep) break;
      visit(*it, at);
    }
    if (last) break;
    start = keep;
  }
}

}  // namespace

std::string DateMention::Iso() const {
  char buf[16];
  if (year) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else {
    std::snprintf(buf, sizeof buf, "--%02d-%02d", month, day);
  }
  return buf;
}

std::vector<DateMention> FindDates(std::string_view text) {
  const Folded f = Fold(text);
  std::vector<DateMention> out;
  auto add = [&](int y, int m, int d, std::size_t b, std::size_t e) {
    if (!ValidDate(y, m, d)) return;
    DateMention date{y, m, d, f.origin[b], f.origin[e]};
    out.push_back(date);
  };
  // Chinese: optional year, month, day.
  static const std::regex kZh(R"(((\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})(?:\s*(?:-|–|至|到)\s*\d{1,2})?\s*日)");
  // Day Month Year (en, fr, es, ru), Month Day, Year (en), ISO.
  static const std::regex kDmy(
      R"((\d{1,2})(?:er|\.)?\s+(?:de\s+)?([^\s\d,.]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4}))");
  static const std::regex kMdy(R"(([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))");
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  const std::string& s = f.text;
  const auto len = [](const std::smatch& m) { return static_cast<std::size_t>(m.length(0)); };
  ForEachMatch(s, kZh, [&](const std::smatch& m, std::size_t at) {
    const int y = m[2].matched ? std::stoi(m[2]) : 0;
    add(y, std::stoi(m[3]), std::stoi(m[4]), at, at + len(m));
  });
  ForEachMatch(s, kDmy, [&](const std::smatch& m, std::size_t at) {
    if (m[2].length() > 24) return;
    if (const int month = MonthOf(m[2].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[1]), at, at + len(m));
    }
  });
  ForEachMatch(s, kMdy, [&](const std::smatch& m, std::size_t at) {
    if (m[1].length() > 24) return;
    if (const int month = MonthOf(m[1].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[2]), at, at + len(m));
    }
  });
  ForEachMatch(s, kIso, [&](const std::smatch& m, std::size_t at) {
    add(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), at, at + len(m));
  });
  std::sort(out.begin(), out.end(),
            [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
  return out;
}

std::vector<MeetingMention> FindMeetingNumbers(std::string_view text) {
  const Folded f = Fold(text);
  const std::string& s = f.text;
  std::vector<MeetingMention> out;
  static const std::regex kZh(
      R"(第\s*(\d{1,5}|(?:一|二|三|四|五|六|七|八|九|十|百|千|零|〇)+)\s*次\s*(?:全体)?会议)");
  static const std::regex kEn(R"((\d{1,5})\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)");
  static const std::regex kFr(R"((\d{1,5})\s*(?:re|er|e|ème|eme)\s+séance)");
  static const std::regex kEs(R"((\d{1,5})\s*(?:ª|a|°|º)\s+sesión)");
  static const std::regex kRu(R"((\d{1,5})\s*-?\s*(?:е|м|й)\s+(?:пленарное\s+)?заседани)");
  for (const std::regex* re : {&kZh, &kEn, &kFr, &kEs, &kRu}) {
    ForEachMatch(s, *re, [&](const std::smatch& m, std::size_t at) {
      const std::string n = m[1].str();
      const int number = std::isdigit(static_cast<unsigned char>(n[0])) ? std::stoi(n)
                                                                        : ChineseNumeral(n);
      if (number <= 0) return;
      out.push_back({number, f.origin[at], f.origin[at + static_cast<std::size_t>(m.length(0))]});
    });
  }
  std::sort(out.begin(), out.end(),
            [](const MeetingMention& a, const MeetingMention& b) { return a.begin < b.begin; });
  return out;
}

std::string FindBody(std::string_view text) {
  struct BodyName {
    std::string_view pattern;  // lower case
    std::string_view key;
  };
  static constexpr std::array kBodies = {
      BodyName{"open-ended working group", "OEWG"}, BodyName{"oewg", "OEWG"},
      BodyName{"开放式工作组", "OEWG"},
      BodyName{"group of governmental experts", "GGE"}, BodyName{"gge", "GGE"},
      BodyName{"政府专家组", "GGE"},
      BodyName{"ad hoc committee", "AHC"}, BodyName{"特设委员会", "AHC"}, BodyName{"ahc", "AHC"},
      BodyName{"security council", "SC"}, BodyName{"安全理事会", "SC"}, BodyName{"安理会", "SC"},
      BodyName{"human rights council", "HRC"}, BodyName{"人权理事会", "HRC"},
      BodyName{"economic and social council", "ECOSOC"}, BodyName{"ecosoc", "ECOSOC"},
      BodyName{"经济及社会理事会", "ECOSOC"},
      BodyName{"special committee on decolonization", "C-24"}, BodyName{"c-24", "C-24"},
      BodyName{"cedaw", "CEDAW"},
      BodyName{"first committee", "C.1"}, BodyName{"第一委员会", "C.1"},
      BodyName{"general assembly", "GA"}, BodyName{"联合国大会", "GA"}};
  const Folded f = Fold(text);
  std::size_t best = std::string::npos;
  std::string key;
  for (const BodyName& body : kBodies) {
    const std::size_t at = f.text.find(body.pattern);
    if (at < best) {
      best = at;
      key = body.key;
    }
  }
  return key;
}

}  // namespace timecite::linker
