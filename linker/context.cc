#include "linker/context.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <set>

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
    cp = utf8::FoldForSearch(cp);
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


// libstdc++'s std::regex recurses once per repeated character and is slow,
// so it never sees the whole text: each search runs over a small window
// around an *anchor* that every match contains ("日", a four-digit year,
// "次", "meeting", ...). Cost is proportional to the anchors, not the text.
constexpr std::size_t kReach = 64;  // bytes either side of an anchor

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::vector<std::size_t> FindAll(const std::string& s, std::string_view needle) {
  std::vector<std::size_t> out;
  for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
    out.push_back(at);
  }
  return out;
}

// Start of every run of exactly four ASCII digits.
std::vector<std::size_t> FourDigitRuns(const std::string& s) {
  std::vector<std::size_t> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    if (j - i == 4) out.push_back(i);
    i = j;
  }
  return out;
}

template <typename Visit>
void ForEachAnchored(const std::string& s, const std::regex& re,
                     const std::vector<std::size_t>& anchors, Visit visit) {
  std::set<std::size_t> seen;
  for (const std::size_t a : anchors) {
    std::size_t b = a > kReach ? a - kReach : 0;
    while (b > 0 && (IsContinuation(s[b]) || IsAsciiDigit(s[b - 1]))) --b;
    std::size_t e = std::min(s.size(), a + kReach);
    while (e < s.size() && IsContinuation(s[e])) ++e;
    const auto wb = s.begin() + static_cast<std::ptrdiff_t>(b);
    const auto we = s.begin() + static_cast<std::ptrdiff_t>(e);
    for (std::sregex_iterator it(wb, we, re), stop; it != stop; ++it) {
      const std::size_t at = b + static_cast<std::size_t>(it->position(0));
      const std::size_t end = at + static_cast<std::size_t>(it->length(0));
      if (at <= a && a < end && seen.insert(at).second) visit(*it, at);
    }
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
  const std::vector<std::size_t> years = FourDigitRuns(s);
  const auto len = [](const std::smatch& m) { return static_cast<std::size_t>(m.length(0)); };
  ForEachAnchored(s, kZh, FindAll(s, "日"), [&](const std::smatch& m, std::size_t at) {
    const int y = m[2].matched ? std::stoi(m[2]) : 0;
    add(y, std::stoi(m[3]), std::stoi(m[4]), at, at + len(m));
  });
  ForEachAnchored(s, kDmy, years, [&](const std::smatch& m, std::size_t at) {
    if (m[2].length() > 24) return;
    if (const int month = MonthOf(m[2].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[1]), at, at + len(m));
    }
  });
  ForEachAnchored(s, kMdy, years, [&](const std::smatch& m, std::size_t at) {
    if (m[1].length() > 24) return;
    if (const int month = MonthOf(m[1].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[2]), at, at + len(m));
    }
  });
  ForEachAnchored(s, kIso, years, [&](const std::smatch& m, std::size_t at) {
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
  const std::pair<const std::regex*, std::string_view> kSearches[] = {
      {&kZh, "次"}, {&kEn, "meeting"}, {&kFr, "séance"}, {&kEs, "sesión"}, {&kRu, "заседани"}};
  for (const auto& [re, anchor] : kSearches) {
    ForEachAnchored(s, *re, FindAll(s, anchor), [&](const std::smatch& m, std::size_t at) {
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
