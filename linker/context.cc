#include "linker/context.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <set>

#include "common/utf8.h"
#include "linker/timecode.h"

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
    MonthName{"sept", 9}, MonthName{"oct", 10}, MonthName{"nov", 11}, MonthName{"dec", 12},
    // Arabic: the names used in Egypt and by the UN, the Levantine (Syriac)
    // names, and the Maghreb's. UN Arabic documents write both: "8 آذار/مارس 2021".
    MonthName{"يناير", 1}, MonthName{"فبراير", 2}, MonthName{"مارس", 3},
    MonthName{"أبريل", 4}, MonthName{"إبريل", 4}, MonthName{"مايو", 5},
    MonthName{"يونيو", 6}, MonthName{"يونيه", 6}, MonthName{"يوليو", 7},
    MonthName{"يوليه", 7}, MonthName{"أغسطس", 8}, MonthName{"سبتمبر", 9},
    MonthName{"أكتوبر", 10}, MonthName{"نوفمبر", 11}, MonthName{"ديسمبر", 12},
    MonthName{"كانون الثاني", 1}, MonthName{"شباط", 2}, MonthName{"آذار", 3},
    MonthName{"نيسان", 4}, MonthName{"أيار", 5}, MonthName{"حزيران", 6},
    MonthName{"تموز", 7}, MonthName{"آب", 8}, MonthName{"أيلول", 9},
    MonthName{"تشرين الأول", 10}, MonthName{"تشرين الثاني", 11},
    MonthName{"كانون الأول", 12},
    MonthName{"جانفي", 1}, MonthName{"فيفري", 2}, MonthName{"أفريل", 4},
    MonthName{"ماي", 5}, MonthName{"جوان", 6}, MonthName{"جويلية", 7}, MonthName{"أوت", 8}};

// The text folded for search (linker/timecode.h FoldPhraseChar: lower case,
// ASCII digits for full-width and Arabic-Indic ones, no harakat or bidi
// marks), with a map from each folded byte back to the original offset.
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
    cp = FoldPhraseChar(cp);
    if (cp == 0) {
      i += n;
      continue;
    }
    const std::size_t before = f.text.size();
    utf8::Append(cp, &f.text);
    for (std::size_t k = before; k < f.text.size(); ++k) f.origin.push_back(i);
    i += n;
  }
  f.origin.push_back(s.size());
  return f;
}

// `s` folded as the text is (for tables written as people write them).
std::string FoldString(std::string_view s) { return Fold(s).text; }

int MonthOf(std::string_view name) {
  static const std::vector<std::pair<std::string, int>> kFolded = [] {
    std::vector<std::pair<std::string, int>> out;
    for (const MonthName& m : kMonths) out.emplace_back(FoldString(m.name), m.month);
    return out;
  }();
  for (const auto& [month_name, month] : kFolded) {
    if (name == month_name) return month;
  }
  return 0;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// "آذار/مارس", "كانون الثاني/يناير", "مارس": the month of the first part
// that names one, or 0.
int MonthOfPhrase(std::string_view phrase) {
  while (!phrase.empty()) {
    const std::size_t slash = phrase.find('/');
    std::string part(TrimSpaces(phrase.substr(0, slash)));
    // Collapse inner runs of spaces ("كانون  الثاني").
    std::string collapsed;
    for (char c : part) {
      if ((c == ' ' || c == '\t' || c == '\n') && !collapsed.empty() && collapsed.back() == ' ') continue;
      collapsed.push_back(c == '\t' || c == '\n' ? ' ' : c);
    }
    if (const int m = MonthOf(collapsed)) return m;
    if (slash == std::string_view::npos) break;
    phrase.remove_prefix(slash + 1);
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

// Runs `re` over [anchor - before, anchor + after] (widened to whole code
// points and digit runs) for each anchor; visits each match that contains its
// anchor, once.
template <typename Visit>
void ForEachAnchored(const std::string& s, const std::regex& re,
                     const std::vector<std::size_t>& anchors, Visit visit,
                     std::size_t before = kReach, std::size_t after = kReach) {
  std::set<std::size_t> seen;
  for (const std::size_t a : anchors) {
    std::size_t b = a > before ? a - before : 0;
    while (b > 0 && (IsContinuation(s[b]) || IsAsciiDigit(s[b - 1]))) --b;
    std::size_t e = std::min(s.size(), a + after);
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

// "الجلسة التاسعة" (9), "الجلسة العامة الحادية عشرة" (11),
// "الجلسة الثالثة والعشرون" (23): a feminine ordinal after "الجلسة" (folded,
// at the start of `s`). Returns the number and its byte length, or 0.
int ArabicMeetingOrdinal(std::string_view s, std::size_t* length) {
  struct Word {
    std::string_view text;
    int value;
  };
  static constexpr Word kUnits[] = {
      {"الأولى", 1}, {"الحادية", 1}, {"الثانية", 2}, {"الثالثة", 3}, {"الرابعة", 4},
      {"الخامسة", 5}, {"السادسة", 6}, {"السابعة", 7}, {"الثامنة", 8}, {"التاسعة", 9},
      {"العاشرة", 10}};
  static constexpr Word kTens[] = {
      {"العشرون", 20}, {"العشرين", 20}, {"الثلاثون", 30}, {"الثلاثين", 30},
      {"الأربعون", 40}, {"الأربعين", 40}, {"الخمسون", 50}, {"الخمسين", 50},
      {"الستون", 60}, {"الستين", 60}, {"السبعون", 70}, {"السبعين", 70},
      {"الثمانون", 80}, {"الثمانين", 80}, {"التسعون", 90}, {"التسعين", 90}};
  using Table = std::vector<std::pair<std::string, int>>;
  const auto fold_table = [](const auto& words) {
    Table out;
    for (const Word& w : words) out.emplace_back(FoldString(w.text), w.value);
    return out;
  };
  static const Table units = fold_table(kUnits);
  static const Table tens = fold_table(kTens);
  static const std::string session = FoldString("الجلسة");
  static const std::string plenary = FoldString("العامة");
  static const std::string teen = FoldString("عشرة");
  static const std::string teen_m = FoldString("عشر");

  std::size_t i = session.size();
  const auto skip_spaces = [&] {
    const std::size_t from = i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    return i > from;
  };
  // The word of `table` at s[i..] followed by a word boundary (not a letter
  // of the Arabic block).
  const auto word_at = [&](const Table& table, std::size_t at) -> const std::pair<std::string, int>* {
    for (const auto& entry : table) {
      if (!s.substr(at).starts_with(entry.first)) continue;
      const std::size_t end = at + entry.first.size();
      const bool letter_follows =
          end < s.size() && (static_cast<unsigned char>(s[end]) & 0xFC) == 0xD8;
      if (!letter_follows) return &entry;
    }
    return nullptr;
  };
  if (!skip_spaces()) return 0;
  if (s.substr(i).starts_with(plenary)) {
    i += plenary.size();
    if (!skip_spaces()) return 0;
  }
  int number = 0;
  if (const auto* unit = word_at(units, i)) {
    number = unit->second;
    i += unit->first.size();
    std::size_t end = i;  // the ordinal's end so far
    if (skip_spaces() && number < 10) {
      if (s.substr(i).starts_with(teen)) {  // "الحادية عشرة"
        number += 10;
        end = i + teen.size();
      } else if (s.substr(i).starts_with(teen_m)) {
        number += 10;
        end = i + teen_m.size();
      } else if (s.substr(i).starts_with("\xD9\x88")) {  // "و" + tens: "الثالثة والعشرون"
        if (const auto* ten = word_at(tens, i + 2)) {
          number += ten->second;
          end = i + 2 + ten->first.size();
        }
      }
    }
    i = end;
  } else if (const auto* ten = word_at(tens, i)) {
    number = ten->second;
    i += ten->first.size();
  }
  if (number == 0) return 0;
  *length = i;
  return number;
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
  // Arabic: day, a month of one or two words, maybe two names joined by '/'
  // ("8 آذار/مارس 2021", "8 كانون الثاني/يناير 2021"), maybe "عام", year.
  static const std::regex kAr(
      R"((\d{1,2})\s+([^\s\d,./]+(?:\s[^\s\d,./]+)?(?:\s*/\s*[^\s\d,./]+(?:\s[^\s\d,./]+)?)?)\s+(?:عام\s+)?(\d{4}))");
  const std::string& s = f.text;
  const std::vector<std::size_t> years = FourDigitRuns(s);
  // kDmy, kMdy and kAr end with the year after white space; kIso starts with
  // the year and a '-'. Other anchors cannot be in their matches, and their
  // windows need not reach past the year (regex search time is per window
  // byte, so this is most of FindDates' time).
  // The word before the year tells which of them can match: a day number
  // (kMdy: "March 8, 2021"), a month or "de"/"del" (kDmy: "8 mars 2021",
  // "8 de marzo de 2021"), a word in Arabic script (kAr: "8 آذار/مارس 2021").
  std::vector<std::size_t> mdy_years, dmy_years, ar_years, iso_years;
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  for (const std::size_t a : years) {
    if (a + 4 < s.size() && s[a + 4] == '-') iso_years.push_back(a);
    if (a == 0 || !is_space(s[a - 1])) continue;
    std::size_t word_end = a;
    while (word_end > 0 && is_space(s[word_end - 1])) --word_end;
    std::size_t word_begin = word_end;
    while (word_begin > 0 && !is_space(s[word_begin - 1])) --word_begin;
    std::string_view word = std::string_view(s).substr(word_begin, word_end - word_begin);
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
    if (word.empty()) continue;
    const auto lead = static_cast<unsigned char>(word.front());
    if (IsAsciiDigit(word.back())) {
      mdy_years.push_back(a);
    } else if (lead >= 0xD8 && lead <= 0xDB) {
      ar_years.push_back(a);
      dmy_years.push_back(a);  // "8 مارس 2021"
    } else if (word == "de" || word == "del" || MonthOf(word) != 0) {
      dmy_years.push_back(a);
    }
  }
  constexpr std::size_t kYear = 4;
  const auto len = [](const std::smatch& m) { return static_cast<std::size_t>(m.length(0)); };
  ForEachAnchored(s, kZh, FindAll(s, "日"), [&](const std::smatch& m, std::size_t at) {
    const int y = m[2].matched ? std::stoi(m[2]) : 0;
    add(y, std::stoi(m[3]), std::stoi(m[4]), at, at + len(m));
  });
  ForEachAnchored(s, kDmy, dmy_years, [&](const std::smatch& m, std::size_t at) {
    if (m[2].length() > 24) return;
    if (const int month = MonthOf(m[2].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[1]), at, at + len(m));
    }
  }, kReach, kYear);
  ForEachAnchored(s, kMdy, mdy_years, [&](const std::smatch& m, std::size_t at) {
    if (m[1].length() > 24) return;
    if (const int month = MonthOf(m[1].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[2]), at, at + len(m));
    }
  }, kReach, kYear);
  ForEachAnchored(s, kIso, iso_years, [&](const std::smatch& m, std::size_t at) {
    add(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), at, at + len(m));
  }, 0, 10);
  ForEachAnchored(s, kAr, ar_years, [&](const std::smatch& m, std::size_t at) {
    const auto lead = static_cast<unsigned char>(m[2].str()[0]);
    if (lead < 0xD8 || lead > 0xDB) return;  // not Arabic script: kDmy's job
    if (m[2].str().find_first_of(" \t\n/") == std::string::npos) return;  // one word: kDmy's
    if (const int month = MonthOfPhrase(m[2].str())) {
      add(std::stoi(m[3]), month, std::stoi(m[1]), at, at + len(m));
    }
  }, kReach, kYear);
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
  static const std::regex kFr(R"((\d{1,5})\s*(?:ʳᵉ|ᵉ|re|er|e|ème|eme)\s+séance)");
  static const std::regex kEs(R"((\d{1,5})\s*\.?\s*(?:ª|a|°|º)\.?\s+sesión)");
  static const std::regex kRu(
      R"((\d{1,5})\s*-?\s*(?:го|ое|ом|е|м|й)\s+(?:пленарн\S*\s+)?заседани)");
  // "الجلسة 9", "الجلسة العامة 21", "الجلسة رقم 9"; ordinal words below.
  static const std::regex kAr(R"(الجلسة\s+(?:العامة\s+)?(?:رقم\s+)?(\d{1,5}))");
  // Each search with its anchor and how far its matches reach around it: the
  // anchor ends the match ("9th meeting"), starts it ("الجلسة 9") or is
  // inside it ("第9次会议").
  struct Search {
    const std::regex* re;
    std::string_view anchor;
    std::size_t before, after;
  };
  const Search kSearches[] = {
      {&kZh, "次", kReach, kReach},
      {&kEn, "meeting", kReach, 7},
      {&kFr, "séance", kReach, 7},
      {&kEs, "sesión", kReach, 7},
      {&kRu, "заседани", kReach, 16},
      {&kAr, "الجلسة", 0, kReach}};
  for (const Search& search : kSearches) {
    ForEachAnchored(s, *search.re, FindAll(s, search.anchor), [&](const std::smatch& m, std::size_t at) {
      const std::string n = m[1].str();
      const int number = std::isdigit(static_cast<unsigned char>(n[0])) ? std::stoi(n)
                                                                        : ChineseNumeral(n);
      if (number <= 0) return;
      out.push_back({number, f.origin[at], f.origin[at + static_cast<std::size_t>(m.length(0))]});
    }, search.before, search.after);
  }
  for (const std::size_t at : FindAll(s, "الجلسة")) {
    std::size_t len = 0;
    if (const int number = ArabicMeetingOrdinal(std::string_view(s).substr(at), &len)) {
      out.push_back({number, f.origin[at], f.origin[at + len]});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const MeetingMention& a, const MeetingMention& b) { return a.begin < b.begin; });
  return out;
}

std::string FindBody(std::string_view text) {
  struct BodyName {
    std::string_view pattern;  // lower case; folded (FoldPhraseChar) before use
    std::string_view key;
  };
  static constexpr BodyName kBodies[] = {
      BodyName{"open-ended working group", "OEWG"}, BodyName{"oewg", "OEWG"},
      BodyName{"开放式工作组", "OEWG"},
      BodyName{"groupe de travail à composition non limitée", "OEWG"},
      BodyName{"grupo de trabajo de composición abierta", "OEWG"},
      BodyName{"рабочая группа открытого состава", "OEWG"},
      BodyName{"рабочей группы открытого состава", "OEWG"},
      BodyName{"الفريق العامل المفتوح العضوية", "OEWG"},
      BodyName{"group of governmental experts", "GGE"}, BodyName{"gge", "GGE"},
      BodyName{"政府专家组", "GGE"}, BodyName{"groupe d'experts gouvernementaux", "GGE"},
      BodyName{"grupo de expertos gubernamentales", "GGE"},
      BodyName{"группа правительственных экспертов", "GGE"},
      BodyName{"группы правительственных экспертов", "GGE"},
      BodyName{"فريق الخبراء الحكوميين", "GGE"},
      BodyName{"ad hoc committee", "AHC"}, BodyName{"特设委员会", "AHC"}, BodyName{"ahc", "AHC"},
      BodyName{"comité spécial", "AHC"}, BodyName{"comité especial", "AHC"},
      BodyName{"специальный комитет", "AHC"}, BodyName{"специального комитета", "AHC"},
      BodyName{"اللجنة المخصصة", "AHC"},
      BodyName{"security council", "SC"}, BodyName{"安全理事会", "SC"}, BodyName{"安理会", "SC"},
      BodyName{"conseil de sécurité", "SC"}, BodyName{"consejo de seguridad", "SC"},
      BodyName{"совет безопасности", "SC"}, BodyName{"совета безопасности", "SC"},
      BodyName{"مجلس الأمن", "SC"},
      BodyName{"human rights council", "HRC"}, BodyName{"人权理事会", "HRC"},
      BodyName{"conseil des droits de l'homme", "HRC"},
      BodyName{"consejo de derechos humanos", "HRC"},
      BodyName{"совет по правам человека", "HRC"}, BodyName{"совета по правам человека", "HRC"},
      BodyName{"مجلس حقوق الإنسان", "HRC"},
      BodyName{"economic and social council", "ECOSOC"}, BodyName{"ecosoc", "ECOSOC"},
      BodyName{"经济及社会理事会", "ECOSOC"}, BodyName{"conseil économique et social", "ECOSOC"},
      BodyName{"consejo económico y social", "ECOSOC"},
      BodyName{"экономический и социальный совет", "ECOSOC"},
      BodyName{"экономического и социального совета", "ECOSOC"},
      BodyName{"المجلس الاقتصادي والاجتماعي", "ECOSOC"},
      BodyName{"special committee on decolonization", "C-24"}, BodyName{"c-24", "C-24"},
      BodyName{"cedaw", "CEDAW"},
      BodyName{"first committee", "C.1"}, BodyName{"第一委员会", "C.1"},
      BodyName{"première commission", "C.1"}, BodyName{"primera comisión", "C.1"},
      BodyName{"первый комитет", "C.1"}, BodyName{"первого комитета", "C.1"},
      BodyName{"اللجنة الأولى", "C.1"},
      BodyName{"general assembly", "GA"}, BodyName{"联合国大会", "GA"},
      BodyName{"assemblée générale", "GA"}, BodyName{"asamblea general", "GA"},
      BodyName{"генеральная ассамблея", "GA"}, BodyName{"генеральной ассамблеи", "GA"},
      BodyName{"الجمعية العامة", "GA"}};
  static const std::vector<std::pair<std::string, std::string_view>> kFolded = [] {
    std::vector<std::pair<std::string, std::string_view>> out;
    for (const BodyName& b : kBodies) out.emplace_back(FoldString(b.pattern), b.key);
    return out;
  }();
  const Folded f = Fold(text);
  std::size_t best = std::string::npos;
  std::string key;
  for (const auto& [pattern, body_key] : kFolded) {
    const std::size_t at = f.text.find(pattern);
    if (at < best) {
      best = at;
      key = body_key;
    }
  }
  return key;
}

}  // namespace timecite::linker
