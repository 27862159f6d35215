// The hand-written date and meeting-number scanners of linker/citations/context.cc
// against the std::regex patterns they replaced (kept here as the reference
// and run on the same anchors), on texts built at random from the words those
// patterns read, and on edge cases of each scanner.
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "linker/citations/context.h"
#include "linker/citations/timecode.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

// The month names the random texts use, folded (lower case, plain alef).
int RefMonth(const std::string& word) {
  static const std::map<std::string, int> kMonths = {
      {"march", 3},        {"mar", 3},           {"mars", 3},
      {"marzo", 3},        {"марта", 3},         {"مارس", 3},
      {"اذار", 3},         {"يناير", 1},         {"كانون الثاني", 1},
      {"تشرين الاول", 10}, {"تشرين الثاني", 11}, {"كانون الاول", 12},
      {"january", 1},      {"enero", 1},         {"sept", 9}};
  const auto it = kMonths.find(word);
  return it == kMonths.end() ? 0 : it->second;
}

int RefMonthOfPhrase(std::string phrase) {
  while (true) {
    const std::size_t slash = phrase.find('/');
    std::string part = phrase.substr(0, slash);
    std::string collapsed;
    for (char c : part) {
      const bool space = c == ' ' || c == '\t' || c == '\n';
      if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
      collapsed.push_back(space ? ' ' : c);
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    if (const int m = RefMonth(collapsed)) return m;
    if (slash == std::string::npos) return 0;
    phrase = phrase.substr(slash + 1);
  }
}

bool ValidRef(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && y != 0 &&
      !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return false;
  return y == 0 || (y >= 1945 && y <= 2100);
}

using Found =
    std::set<std::tuple<std::size_t, std::size_t, std::string>>;  // begin, end,
                                                                  // value

// Every match of `re` in `s` that contains one of `anchors`.
template <typename Visit>
void ForEachMatch(const std::string& s, const std::regex& re,
                  const std::vector<std::size_t>& anchors, Visit visit) {
  for (std::sregex_iterator it(s.begin(), s.end(), re), stop; it != stop;
       ++it) {
    const auto at = static_cast<std::size_t>(it->position(0));
    const auto end = at + static_cast<std::size_t>(it->length(0));
    for (std::size_t a : anchors) {
      if (at <= a && a < end) {
        visit(*it, at, end);
        break;
      }
    }
  }
}

std::vector<std::size_t> All(const std::string& s, std::string_view needle) {
  std::vector<std::size_t> out;
  for (std::size_t at = s.find(needle); at != std::string::npos;
       at = s.find(needle, at + 1)) {
    out.push_back(at);
  }
  return out;
}

std::string Iso(int y, int m, int d) {
  return DateMention{y, m, d, 0, 0}.Iso();
}

// The regex patterns context.cc used before the scanners, on folded text.
Found RefDates(const std::string& s) {
  static const std::regex kZh(
      R"(((\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})(?:\s*(?:-|–|至|到)\s*\d{1,2})?\s*日)");
  static const std::regex kDmy(
      R"((\d{1,2})(?:er|\.)?\s+(?:de\s+)?([^\s\d,.]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\d))");
  static const std::regex kMdy(R"(([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d))");
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  static const std::regex kAr(
      R"((\d{1,2})\s+([^\s\d,./]+(?:\s[^\s\d,./]+)?(?:\s*/\s*[^\s\d,./]+(?:\s[^\s\d,./]+)?)?)\s+(\d{4})(?!\d))");
  Found out;
  const auto add = [&](int y, int m, int d, std::size_t b, std::size_t e) {
    if (ValidRef(y, m, d)) out.emplace(b, e, Iso(y, m, d));
  };
  // Four-digit years not inside a longer run.
  std::vector<std::size_t> years;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const auto digit = [&](std::size_t k) {
      return k < s.size() && s[k] >= '0' && s[k] <= '9';
    };
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) &&
        !digit(i + 4) && (i == 0 || !digit(i - 1))) {
      years.push_back(i);
    }
  }
  ForEachMatch(s, kZh, All(s, "日"),
               [&](const std::smatch& m, std::size_t b, std::size_t e) {
                 add(m[2].matched ? std::stoi(m[2]) : 0, std::stoi(m[3]),
                     std::stoi(m[4]), b, e);
               });
  std::vector<std::size_t> year_ends;  // the year must end the match
  for (auto y : years) year_ends.push_back(y + 3);
  ForEachMatch(s, kDmy, year_ends,
               [&](const std::smatch& m, std::size_t b, std::size_t e) {
                 if (m[2].length() <= 24)
                   add(std::stoi(m[3]), RefMonth(m[2]), std::stoi(m[1]), b, e);
               });
  ForEachMatch(s, kMdy, year_ends,
               [&](const std::smatch& m, std::size_t b, std::size_t e) {
                 if (m[1].length() <= 24)
                   add(std::stoi(m[3]), RefMonth(m[1]), std::stoi(m[2]), b, e);
               });
  ForEachMatch(s, kIso, years,
               [&](const std::smatch& m, std::size_t b, std::size_t e) {
                 add(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), b, e);
               });
  ForEachMatch(s, kAr, year_ends,
               [&](const std::smatch& m, std::size_t b, std::size_t e) {
                 const std::string phrase = m[2];
                 // context.cc ran this pattern only where the word before the
                 // year is in Arabic script.
                 const std::string before = s.substr(0, e - 4);
                 std::size_t we = before.find_last_not_of(" \t\n");
                 std::size_t wb = before.find_last_of(" \t\n", we);
                 wb = wb == std::string::npos ? 0 : wb + 1;
                 const auto word_lead = static_cast<unsigned char>(before[wb]);
                 if (word_lead < 0xD8 || word_lead > 0xDB) return;
                 const auto lead = static_cast<unsigned char>(phrase[0]);
                 if (lead < 0xD8 || lead > 0xDB ||
                     phrase.find_first_of(" \t\n/") == std::string::npos)
                   return;
                 add(std::stoi(m[3]), RefMonthOfPhrase(phrase), std::stoi(m[1]),
                     b, e);
               });
  return out;
}

Found RefMeetings(const std::string& s) {
  static const std::regex kZh(
      R"(第\s*(\d{1,5}|(?:一|二|三|四|五|六|七|八|九|十|百|千|零|〇)+)\s*次\s*(?:全体)?会议)");
  static const std::regex kEn(
      R"((\d{1,5})\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)");
  static const std::regex kFr(
      R"((\d{1,5})\s*(?:ʳᵉ|ᵉ|re|er|e|ème|eme)\s+séance)");
  static const std::regex kEs(R"((\d{1,5})\s*\.?\s*(?:ª|a|°|º)\.?\s+sesión)");
  static const std::regex kRu(
      R"((\d{1,5})\s*-?\s*(?:го|ое|ом|е|м|й)\s+(?:пленарн\S*\s+)?заседани)");
  static const std::regex kAr(R"(الجلسة\s+(?:العامة\s+)?(?:رقم\s+)?(\d{1,5}))");
  Found out;
  const std::pair<const std::regex*, std::string_view> searches[] = {
      {&kZh, "次"},     {&kEn, "meeting"},  {&kFr, "séance"},
      {&kEs, "sesión"}, {&kRu, "заседани"}, {&kAr, "الجلسة"}};
  for (const auto& [re, anchor] : searches) {
    ForEachMatch(s, *re, All(s, std::string(anchor)),
                 [&](const std::smatch& m, std::size_t b, std::size_t e) {
                   const std::string n = m[1];
                   if (n[0] < '0' || n[0] > '9') {
                     out.emplace(b, e,
                                 n);  // Chinese numerals: compared as written
                   } else if (std::stoi(n) > 0) {
                     out.emplace(b, e, std::to_string(std::stoi(n)));
                   }
                 });
  }
  return out;
}

Found NewDates(const std::string& s) {
  Found out;
  for (const DateMention& d : FindDates(s))
    out.emplace(d.begin, d.end, d.Iso());
  return out;
}

Found NewMeetings(const std::string& s) {
  Found out;
  for (const MeetingMention& m : FindMeetingNumbers(s)) {
    const std::string written = s.substr(m.begin, m.end - m.begin);
    const bool chinese_numeral =
        written.starts_with("第") && m.number > 0 &&
        written.find(std::to_string(m.number)) == std::string::npos;
    if (chinese_numeral) {
      // The numerals between "第" and "次", as the reference gives them.
      const auto space = [](char c) {
        return c == ' ' || c == '\n' || c == '\t';
      };
      std::size_t b = 3;
      while (space(written[b])) ++b;
      std::size_t e = written.find("次");
      while (space(written[e - 1])) --e;
      out.emplace(m.begin, m.end, written.substr(b, e - b));
    } else {
      out.emplace(m.begin, m.end, std::to_string(m.number));
    }
  }
  return out;
}

std::string Show(const Found& f) {
  std::string out;
  for (const auto& [b, e, v] : f)
    out += "[" + std::to_string(b) + "," + std::to_string(e) + ") " + v + "; ";
  return out;
}

// Words the patterns read, already folded (lower case, plain alef), so that
// offsets in the folded text are offsets in the text.
constexpr std::string_view kWords[] = {
    "8",         "12",         "31",         "123",
    "1er",       "8.",         "2021",       "1999",
    "12021",     "2021-03-08", "2021-13-08", "march",
    "mar.",      "mars",       "marzo",      "марта",
    "sept.",     "january",    "enero",      "de",
    "del",       "x",          "apples",     ",",
    ".",         "/",          "مارس",       "اذار",
    "اذار/مارس", "كانون",      "الثاني",     "الثاني/يناير",
    "يناير",     "تشرين",      "الاول",      "فلان",
    "年",        "月",         "日",         "至",
    "-",         "–",          "第",         "次",
    "会议",      "全体",       "十",         "一",
    "二",        "meeting",    "meetings",   "plenary",
    "th",        "st",         "9th",        "21st",
    "séance",    "e",          "ème",        "re",
    "ᵉ",         "9e",         "sesión",     "ª",
    "9.ª",       "a.",         "заседание",  "заседании",
    "-е",        "го",         "9-го",       "пленарного",
    "الجلسة",    "العامة",     "رقم",        "9",
    "2",         "123456"};
constexpr std::string_view kGaps[] = {" ", " ", " ", "", "", "  ", "\n", "\t"};

// Fewer words, so that texts hold whole forms more often.
constexpr std::string_view kDateWords[] = {
    "8",          "12",    "123",  "1er",       "8.",    "2021",   "12021",
    "2021-03-08", "march", "mar.", "mars",      "de",    "del",    ",",
    "/",          "مارس",  "اذار", "اذار/مارس", "كانون", "الثاني", "تشرين",
    "الاول",      "年",    "月",   "日",        "至",    "-"};
constexpr std::string_view kMeetingWords[] = {
    "9",   "123456",  "第",      "次",         "会议",   "全体",   "十",
    "一",  "meeting", "plenary", "th",         "9th",    "séance", "e",
    "ème", "ᵉ",       "sesión",  "ª",          ".",      "9.ª",    "заседание",
    "-е",  "-",       "го",      "пленарного", "الجلسة", "العامة", "رقم"};

template <std::size_t N>
std::string RandomText(std::mt19937& rng, const std::string_view (&words)[N],
                       int most = 10) {
  std::string text;
  const int n = 2 + static_cast<int>(rng() % static_cast<unsigned>(most - 1));
  for (int k = 0; k < n; ++k) {
    text += words[rng() % N];
    text += kGaps[rng() % std::size(kGaps)];
  }
  return text;
}

// A meeting form, each word maybe replaced or dropped, with random gaps.
std::string MeetingText(std::mt19937& rng) {
  static const std::vector<std::vector<std::string_view>> kForms = {
      {"9", "th", "plenary", "meeting"},
      {"123456", "th", "meeting"},
      {"9th", "meeting"},
      {"第", "9", "次", "全体", "会议"},
      {"第", "十", "一", "次", "会议"},
      {"9", "e", "séance"},
      {"9", "ème", "séance"},
      {"9", "ᵉ", "séance"},
      {"9", ".", "ª", ".", "sesión"},
      {"9.ª", "sesión"},
      {"9", "-е", "пленарного", "заседание"},
      {"9", "-", "го", "заседание"},
      {"الجلسة", "العامة", "رقم", "9"},
      {"الجلسة", "123456"}};
  const auto& form = kForms[rng() % kForms.size()];
  std::string text;
  if (rng() % 3 == 0)
    text += std::string(kMeetingWords[rng() % std::size(kMeetingWords)]) + " ";
  for (std::string_view word : form) {
    const unsigned roll = rng() % 10;
    if (roll == 0) continue;
    text += roll < 3 ? kMeetingWords[rng() % std::size(kMeetingWords)] : word;
    text += kGaps[rng() % std::size(kGaps)];
  }
  return text;
}

TEST(ContextScanners, MatchTheRegexPatternsTheyReplaced) {
  std::mt19937 rng(20261201);
  int compared = 0, with_dates = 0, with_meetings = 0;
  for (int round = 0; round < 6000 && !HasFailure(); ++round) {
    const std::string text = round % 3 == 0   ? RandomText(rng, kWords)
                             : round % 3 == 1 ? RandomText(rng, kDateWords)
                                              : MeetingText(rng);
    const Found ref_dates = RefDates(text), new_dates = NewDates(text);
    const Found ref_meetings = RefMeetings(text),
                new_meetings = NewMeetings(text);
    EXPECT_EQ(Show(new_dates), Show(ref_dates)) << "text: '" << text << "'";
    EXPECT_EQ(Show(new_meetings), Show(ref_meetings))
        << "text: '" << text << "'";
    ++compared;
    with_dates += !ref_dates.empty();
    with_meetings += !ref_meetings.empty();
  }
  // The texts exercise the patterns (not only non-matches).
  EXPECT_EQ(compared, 6000);
  EXPECT_GT(with_dates, 300);
  EXPECT_GT(with_meetings, 300);
}

TEST(ContextScanners, EdgeCases) {
  const auto dates = [](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& d : FindDates(text)) out.push_back(d.Iso());
    return out;
  };
  using S = std::vector<std::string>;
  // Chinese: three digits before "月" leave two for the month; the year needs
  // four digits right before "年"; a range's end of three digits is no range.
  EXPECT_EQ(dates("123月8日"), S{});
  EXPECT_EQ(dates("12021年3月8日"), S{"2021-03-08"});
  EXPECT_EQ(dates("3月8至123日"), S{});
  EXPECT_EQ(dates("3月 8 – 9 日"), S{"--03-08"});
  EXPECT_EQ(dates("月8日"), S{});
  EXPECT_EQ(dates("3月"), S{});
  // Day Month Year at the very start and the very end of the text.
  EXPECT_EQ(dates("8 mars 2021"), S{"2021-03-08"});
  EXPECT_EQ(dates("mars 2021"), S{});
  EXPECT_EQ(dates(" 2021"), S{});
  EXPECT_EQ(dates("de 2021"), S{});
  EXPECT_EQ(dates("8 de de 2021"), S{});
  EXPECT_EQ(dates("8th March 2021"), S{});
  EXPECT_EQ(dates("123 March 2021"), S{"2021-03-23"});
  // Month Day, Year: the day has one or two digits.
  EXPECT_EQ(dates("March 123, 2021"), S{});
  EXPECT_EQ(dates("8, 2021"), S{});
  EXPECT_EQ(dates("Sept. 8, 2021"), S{"2021-09-08"});
  // ISO at the end of the text, cut short.
  EXPECT_EQ(dates("2021-03-0"), S{});
  EXPECT_EQ(dates("2021-03-08"), S{"2021-03-08"});
  // Arabic: at most one '/', one space between the two words of a month.
  EXPECT_EQ(dates("8 آذار/مارس/يناير 2021"), S{});
  EXPECT_EQ(dates("8 كانون  الثاني 2021"), S{});
  EXPECT_EQ(dates("8 كانون الثاني 2021"), S{"2021-01-08"});
  EXPECT_EQ(dates("8 آذار / مارس 2021"), S{"2021-03-08"});
  // "عام" before the year (the regex read it into the month and missed it).
  EXPECT_EQ(dates("8 آذار/مارس عام 2021"), S{"2021-03-08"});
  EXPECT_EQ(dates("8 مارس عام 2021"), S{"2021-03-08"});
  EXPECT_EQ(dates("عام 2021"), S{});
  // Folding drops NUL (the ASCII fast path too); other ASCII is lower-cased.
  EXPECT_EQ(dates(std::string_view("8 MA\0rs 2021", 12)), S{"2021-03-08"});
  const auto phrases =
      FindTimePhrases(std::string_view("Starting AT 1:2\09:40", 20));
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(phrases[0].start_ms, 5'380'000);

  const auto meetings = [](std::string_view text) {
    std::vector<int> out;
    for (const auto& m : FindMeetingNumbers(text)) out.push_back(m.number);
    return out;
  };
  using I = std::vector<int>;
  EXPECT_EQ(meetings("meeting"), I{});
  EXPECT_EQ(meetings("th meeting"), I{});
  EXPECT_EQ(meetings("123456th meeting"), I{23456});
  EXPECT_EQ(meetings("9 th plenary meeting"), I{9});
  EXPECT_EQ(meetings("9thplenary meeting"), I{});
  EXPECT_EQ(meetings("第次会议"), I{});
  EXPECT_EQ(meetings("第123456次会议"), I{});
  EXPECT_EQ(meetings("第 12 次 全体会议"), I{12});
  EXPECT_EQ(meetings("9. sesión"), I{});
  EXPECT_EQ(meetings("9 . ª. sesión"), I{9});
  EXPECT_EQ(meetings("9 . ª . sesión"), I{});
  EXPECT_EQ(meetings("9 - го пленарного заседания"), I{9});
  EXPECT_EQ(meetings("пленарного заседания"), I{});
  EXPECT_EQ(meetings("الجلسة"), I{});
  EXPECT_EQ(meetings("الجلسة 1234567"), I{12345});
  EXPECT_EQ(meetings("الجلسة العامةرقم 9"), I{});
  EXPECT_EQ(meetings("0th meeting"), I{});
}

}  // namespace
}  // namespace timecite::linker
