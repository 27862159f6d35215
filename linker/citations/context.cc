#include "linker/citations/context.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <unordered_map>

#include "common/byte_scan.h"
#include "common/utf8.h"
#include "linker/citations/timecode.h"

namespace timecite::linker {
namespace {

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && y != 0 &&
      !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return false;
  return y == 0 || (y >= 1945 && y <= 2100);
}

struct MonthName {
  std::string_view name;
  int month;
};
// Lower case; longer names before their prefixes.
constexpr std::array kMonths = {
    MonthName{"january", 1}, MonthName{"february", 2}, MonthName{"march", 3},
    MonthName{"april", 4}, MonthName{"may", 5}, MonthName{"june", 6},
    MonthName{"july", 7}, MonthName{"august", 8}, MonthName{"september", 9},
    MonthName{"october", 10}, MonthName{"november", 11},
    MonthName{"december", 12}, MonthName{"janvier", 1}, MonthName{"février", 2},
    MonthName{"mars", 3}, MonthName{"avril", 4}, MonthName{"mai", 5},
    MonthName{"juin", 6}, MonthName{"juillet", 7}, MonthName{"août", 8},
    MonthName{"septembre", 9}, MonthName{"octobre", 10},
    MonthName{"novembre", 11}, MonthName{"décembre", 12}, MonthName{"enero", 1},
    MonthName{"febrero", 2}, MonthName{"marzo", 3}, MonthName{"abril", 4},
    MonthName{"mayo", 5}, MonthName{"junio", 6}, MonthName{"julio", 7},
    MonthName{"agosto", 8}, MonthName{"septiembre", 9},
    MonthName{"setiembre", 9}, MonthName{"octubre", 10},
    MonthName{"noviembre", 11}, MonthName{"diciembre", 12},
    MonthName{"января", 1}, MonthName{"февраля", 2}, MonthName{"марта", 3},
    MonthName{"апреля", 4}, MonthName{"мая", 5}, MonthName{"июня", 6},
    MonthName{"июля", 7}, MonthName{"августа", 8}, MonthName{"сентября", 9},
    MonthName{"октября", 10}, MonthName{"ноября", 11}, MonthName{"декабря", 12},
    MonthName{"jan", 1}, MonthName{"feb", 2}, MonthName{"mar", 3},
    MonthName{"apr", 4}, MonthName{"jun", 6}, MonthName{"jul", 7},
    MonthName{"aug", 8}, MonthName{"sep", 9}, MonthName{"sept", 9},
    MonthName{"oct", 10}, MonthName{"nov", 11}, MonthName{"dec", 12},
    // Arabic: the names used in Egypt and by the UN, the Levantine (Syriac)
    // names, and the Maghreb's. UN Arabic documents write both: "8 آذار/مارس
    // 2021".
    MonthName{"يناير", 1}, MonthName{"فبراير", 2}, MonthName{"مارس", 3},
    MonthName{"أبريل", 4}, MonthName{"إبريل", 4}, MonthName{"مايو", 5},
    MonthName{"يونيو", 6}, MonthName{"يونيه", 6}, MonthName{"يوليو", 7},
    MonthName{"يوليه", 7}, MonthName{"أغسطس", 8}, MonthName{"سبتمبر", 9},
    MonthName{"أكتوبر", 10}, MonthName{"نوفمبر", 11}, MonthName{"ديسمبر", 12},
    MonthName{"كانون الثاني", 1}, MonthName{"شباط", 2}, MonthName{"آذار", 3},
    MonthName{"نيسان", 4}, MonthName{"أيار", 5}, MonthName{"حزيران", 6},
    MonthName{"تموز", 7}, MonthName{"آب", 8}, MonthName{"أيلول", 9},
    MonthName{"تشرين الأول", 10}, MonthName{"تشرين الثاني", 11},
    MonthName{"كانون الأول", 12}, MonthName{"جانفي", 1}, MonthName{"فيفري", 2},
    MonthName{"أفريل", 4}, MonthName{"ماي", 5}, MonthName{"جوان", 6},
    MonthName{"جويلية", 7}, MonthName{"أوت", 8}};

// The text folded for search (linker/citations/timecode.h FoldPhraseChar: lower case,
// ASCII digits for full-width and Arabic-Indic ones, no harakat or bidi
// marks), with a map from folded offsets back to original ones.
struct Folded {
  std::string text;
  // Where folded and original offsets stop advancing together (a code point
  // dropped, or folded to a different length): from folded offset
  // jumps[k].first on, original = jumps[k].second + (folded - first). Most
  // text (ASCII, Cyrillic, Arabic letters) folds byte for byte, so this is a
  // few entries, not one per byte.
  std::vector<std::pair<std::size_t, std::size_t>> jumps;

  // Original offset of folded offset `i`, a code point boundary (or the end).
  std::size_t Origin(std::size_t i) const {
    auto it = std::upper_bound(
        jumps.begin(), jumps.end(), i,
        [](std::size_t v, const auto& jump) { return v < jump.first; });
    --it;  // jumps[0] is {0, 0}
    return it->second + (i - it->first);
  }
};

// Folds `s` into `*into`, reusing its buffers (their capacity stays).
void FoldInto(std::string_view s, Folded* into) {
  Folded& f = *into;
  f.text.resize(s.size());  // folding never lengthens (see below)
  f.jumps.clear();
  f.jumps.emplace_back(0, 0);
  const char16_t* const table = FoldPhraseTable();
  char* out = f.text.data();
  std::size_t o = 0;  // bytes written
  std::size_t i = 0;
  char32_t cp = 0;
  const auto jump = [&](std::size_t original) {
    if (f.jumps.back().first == o) {
      f.jumps.back().second = original;
    } else {
      f.jumps.emplace_back(o, original);
    }
  };
  while (i < s.size()) {
    if (const auto c = static_cast<unsigned char>(s[i]); c != 0 && c < 0x80) {
      // ASCII folds to itself in lower case (FoldPhraseChar drops only NUL):
      // the whole run, sixteen bytes at a time (with room for the rest of
      // `s`, as LowerAsciiRun requires).
      if (const std::size_t need = o + (s.size() - i); need > f.text.size()) {
        f.text.resize(need);
        out = f.text.data();
      }
      const std::size_t n = bytes::LowerAsciiRun(s, i, out + o);
      o += n;
      i += n;
      continue;
    }
    std::size_t n = utf8::DecodeInline(s, i, &cp);
    if (n == 0) {
      // A stray byte becomes U+FFFD: 3 bytes for 1, the only thing that
      // lengthens. From here on, room for 3 bytes per byte left.
      n = 1;
      cp = 0xFFFD;
      if (const std::size_t need = o + 3 * (s.size() - i);
          need > f.text.size()) {
        f.text.resize(need);
        out = f.text.data();
      }
    }
    cp = cp < 0x10000 ? char32_t{table[cp]} : FoldPhraseChar(cp);
    if (cp == 0) {
      i += n;
      jump(i);
      continue;
    }
    char buf[4];
    const std::size_t len = utf8::Encode(cp, buf);
    // A valid code point folds to no more bytes than it had (tested on every
    // code point), and room was made for U+FFFD above; this guard only keeps
    // a future table entry from writing past the end.
    if (o + len > f.text.size()) {
      f.text.resize(o + len + 3 * (s.size() - i));
      out = f.text.data();
    }
    for (std::size_t k = 0; k < len; ++k) out[o + k] = buf[k];
    o += len;
    i += n;
    if (len != n) jump(i);
  }
  f.text.resize(o);
}

Folded Fold(std::string_view s) {
  Folded f;
  FoldInto(s, &f);
  return f;
}

// `s` folded as the text is (for tables written as people write them).
std::string FoldString(std::string_view s) { return Fold(s).text; }

int MonthOf(std::string_view name) {
  // The folded names, each kept once (the first listed wins, in kMonths'
  // order), hashed: this runs for the word before every year.
  struct Table {
    std::vector<std::string> names;  // owns what `months` views
    std::unordered_map<std::string_view, int> months;
  };
  static const Table kTable = [] {
    Table t;
    t.names.reserve(std::size(kMonths));
    for (const MonthName& m : kMonths) {
      t.names.push_back(FoldString(m.name));
      t.months.emplace(t.names.back(), m.month);  // keeps the first
    }
    return t;
  }();
  const auto it = kTable.months.find(name);
  return it == kTable.months.end() ? 0 : it->second;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
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
      if ((c == ' ' || c == '\t' || c == '\n') && !collapsed.empty() &&
          collapsed.back() == ' ')
        continue;
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
  static constexpr std::array<std::string_view, 10> kDigits = {
      "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
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
    if (s.substr(i).starts_with("十"))
      scale = 10;
    else if (s.substr(i).starts_with("百"))
      scale = 100;
    else if (s.substr(i).starts_with("千"))
      scale = 1000;
    if (scale == 0) return 0;
    total += (digit < 0 ? 1 : digit) * scale;
    digit = -1;
    i += 3;
  }
  if (digit > 0) total += digit;
  return total;
}

// Hand-written scanners (no std::regex: it was most of the extraction time).
// Each reads one form around an *anchor* every match contains ("月", a
// four-digit year, "meeting", ...), so the cost is proportional to the
// anchors, not the text. `\s` in the comments below is any of " \t\n\v\f\r".

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWs(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// The offsets of `needle` in `s`, in order, found as the loop asks for them
// (no list is built: this runs several times for every citation).
class FindAll {
 public:
  FindAll(std::string_view s, std::string_view needle)
      : s_(s), needle_(needle) {}
  class Iterator {
   public:
    Iterator(const FindAll* all, std::size_t at) : all_(all), at_(at) {}
    std::size_t operator*() const { return at_; }
    Iterator& operator++() {
      at_ = all_->s_.find(all_->needle_, at_ + 1);
      return *this;
    }
    bool operator!=(const Iterator& o) const { return at_ != o.at_; }

   private:
    const FindAll* all_;
    std::size_t at_;
  };
  Iterator begin() const { return Iterator(this, s_.find(needle_)); }
  Iterator end() const { return Iterator(this, std::string_view::npos); }

 private:
  std::string_view s_, needle_;
};

// The start of every run of exactly four ASCII digits, in order, found as
// the loop asks for them.
class FourDigitRuns {
 public:
  explicit FourDigitRuns(std::string_view s) : s_(s) {}
  class Iterator {
   public:
    Iterator(std::string_view s, std::size_t from) : s_(s) { Next(from); }
    std::size_t operator*() const { return at_; }
    Iterator& operator++() {
      Next(at_ + 4);
      return *this;
    }
    bool operator!=(const Iterator& o) const { return at_ != o.at_; }

   private:
    void Next(std::size_t i) {
      while (i < s_.size()) {
        i = bytes::FindFirstDigitOr<>(s_, i, s_.size());
        if (i == s_.size()) break;
        std::size_t j = i;
        while (j < s_.size() && IsAsciiDigit(s_[j])) ++j;
        if (j - i == 4) {
          at_ = i;
          return;
        }
        i = j;
      }
      at_ = std::string_view::npos;
    }
    std::string_view s_;
    std::size_t at_ = std::string_view::npos;
  };
  Iterator begin() const { return Iterator(s_, 0); }
  Iterator end() const { return Iterator(s_, s_.size()); }

 private:
  std::string_view s_;
};

// White space before `p` / from `p`: the position past it.
std::size_t BackSpaces(std::string_view s, std::size_t p) {
  while (p > 0 && IsWs(s[p - 1])) --p;
  return p;
}
std::size_t SkipSpaces(std::string_view s, std::size_t p) {
  while (p < s.size() && IsWs(s[p])) ++p;
  return p;
}
// Start of the digits that end at `p`, at most `max` of them (p if none).
std::size_t BackDigits(std::string_view s, std::size_t p, std::size_t max) {
  std::size_t b = p;
  while (b > 0 && p - b < max && IsAsciiDigit(s[b - 1])) --b;
  return b;
}
// End of the run of ASCII digits from `p`.
std::size_t SkipDigits(std::string_view s, std::size_t p) {
  while (p < s.size() && IsAsciiDigit(s[p])) ++p;
  return p;
}
// Start of the word (run of non-space bytes) that ends at `p`.
std::size_t WordStart(std::string_view s, std::size_t p) {
  while (p > 0 && !IsWs(s[p - 1])) --p;
  return p;
}
bool EndsWithAt(std::string_view s, std::size_t p, std::string_view w) {
  return p >= w.size() && s.substr(p - w.size(), w.size()) == w;
}
bool StartsWithAt(std::string_view s, std::size_t p, std::string_view w) {
  return p <= s.size() && s.substr(p).starts_with(w);
}
// Value of the ASCII digits s[b, e) (at most 9 of them).
int Number(std::string_view s, std::size_t b, std::size_t e) {
  int v = 0;
  for (std::size_t i = b; i < e; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

struct Span {
  std::size_t begin = 0, end = 0;
};

// Chinese:
// `(\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}(\s*(-|–|至|到)\s*\d{1,2})?\s*日`
// around the "月" at `at`: "2021年3月8日", "3 月 8 日", "2021年3月8日至12日"
// (the range's first day). Returns false when there is none.
bool ChineseDateAt(std::string_view s, std::size_t at, int* y, int* m, int* d,
                   Span* span) {
  const std::size_t month_end = BackSpaces(s, at);
  const std::size_t month_begin = BackDigits(s, month_end, 2);
  if (month_begin == month_end) return false;
  std::size_t begin = month_begin;
  *y = 0;
  const std::size_t year_mark = BackSpaces(s, month_begin);
  if (EndsWithAt(s, year_mark, "年")) {
    const std::size_t year_end = BackSpaces(s, year_mark - 3);
    if (year_end >= 4 && BackDigits(s, year_end, 4) == year_end - 4) {
      *y = Number(s, year_end - 4, year_end);
      begin = year_end - 4;
    }
  }
  // The day: one or two digits, then a range's end or "日".
  const std::size_t day_begin = SkipSpaces(s, at + 3);
  const std::size_t day_end = SkipDigits(s, day_begin);
  if (day_end == day_begin || day_end - day_begin > 2) return false;
  std::size_t end = std::string_view::npos;
  std::size_t k = SkipSpaces(s, day_end);
  std::size_t sep = 0;
  if (StartsWithAt(s, k, "-"))
    sep = 1;
  else if (StartsWithAt(s, k, "–") || StartsWithAt(s, k, "至") ||
           StartsWithAt(s, k, "到"))
    sep = 3;
  if (sep) {
    const std::size_t to_begin = SkipSpaces(s, k + sep);
    const std::size_t to_end = SkipDigits(s, to_begin);
    if (to_end > to_begin && to_end - to_begin <= 2) {
      const std::size_t mark = SkipSpaces(s, to_end);
      if (StartsWithAt(s, mark, "日")) end = mark + 3;
    }
  }
  if (end == std::string_view::npos) {
    if (!StartsWithAt(s, k, "日")) return false;
    end = k + 3;
  }
  *m = Number(s, month_begin, month_end);
  *d = Number(s, day_begin, day_end);
  *span = {begin, end};
  return true;
}

// A day number that ends at `p` (before white space), optionally with "er"
// or "." after it ("1er", "8."): the start of its digits (at most two), or
// npos.
std::size_t DayBefore(std::string_view s, std::size_t p, bool suffixes) {
  std::size_t digits_end = p;
  if (suffixes && EndsWithAt(s, p, "er") && p >= 3 && IsAsciiDigit(s[p - 3]))
    digits_end = p - 2;
  else if (suffixes && EndsWithAt(s, p, ".") && p >= 2 &&
           IsAsciiDigit(s[p - 2]))
    digits_end = p - 1;
  const std::size_t b = BackDigits(s, digits_end, 2);
  return b == digits_end ? std::string_view::npos : b;
}

// Day Month Year, read back from the year at `year` (white space before it):
// `\d{1,2}(er|\.)?\s+(de\s+)?MONTH\.?,?\s+(de\s+|del\s+)?\d{4}` where MONTH is
// a word without digits, ',' or '.': "8 March 2021", "1er mars 2021", "8 de
// marzo de 2021", "8 марта 2021", "8 مارس 2021". Sets the month's word and the
// day's start.
bool DayMonthYear(std::string_view s, std::size_t year,
                  std::string_view* month_word, std::size_t* day_begin) {
  std::size_t e = BackSpaces(s, year);
  std::size_t wb = WordStart(s, e);
  const std::string_view w1 = s.substr(wb, e - wb);
  if ((w1 == "de" || w1 == "del") && wb > 0) {  // "… de 2021": a connector
    e = BackSpaces(s, wb);
    if (e == wb) return false;
    wb = WordStart(s, e);
  }
  // The month word, then maybe '.' and ','.
  std::size_t me = e;
  if (me > wb && s[me - 1] == ',') --me;
  if (me > wb && s[me - 1] == '.') --me;
  if (me == wb) return false;
  for (std::size_t i = wb; i < me; ++i) {
    if (IsAsciiDigit(s[i]) || s[i] == ',' || s[i] == '.') return false;
  }
  *month_word = s.substr(wb, me - wb);
  std::size_t p = BackSpaces(s, wb);
  if (p == wb) return false;
  const std::size_t w2 = WordStart(s, p);
  if (s.substr(w2, p - w2) == "de" && w2 > 0) {  // "8 de marzo"
    p = BackSpaces(s, w2);
    if (p == w2) return false;
  }
  *day_begin = DayBefore(s, p, /*suffixes=*/true);
  return *day_begin != std::string_view::npos;
}

// Month Day, Year (English), read back from the year at `year`:
// `[a-z]+\.?\s+\d{1,2},?\s+\d{4}`: "March 8, 2021", "Sept. 8 2021".
bool MonthDayYear(std::string_view s, std::size_t year,
                  std::string_view* month_word, std::size_t* day_begin,
                  std::size_t* month_begin) {
  std::size_t e = BackSpaces(s, year);
  if (e > 0 && s[e - 1] == ',') --e;
  const std::size_t db = BackDigits(s, e, 3);
  if (db == e || e - db > 2 || db == 0 || !IsWs(s[db - 1])) return false;
  std::size_t me = BackSpaces(s, db);
  if (me > 0 && s[me - 1] == '.') --me;
  std::size_t mb = me;
  while (mb > 0 && s[mb - 1] >= 'a' && s[mb - 1] <= 'z') --mb;
  if (mb == me) return false;
  *month_word = s.substr(mb, me - mb);
  *day_begin = db;
  *month_begin = mb;
  return true;
}

// A word of an Arabic month phrase: no white space, digits, ',', '.' or '/'.
bool IsPhraseWord(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (IsWs(c) || IsAsciiDigit(c) || c == ',' || c == '.' || c == '/')
      return false;
  }
  return true;
}

// One or two words with one white-space character between them.
bool IsOneOrTwoWords(std::string_view part) {
  std::size_t gap = 0;
  while (gap < part.size() && !IsWs(part[gap])) ++gap;
  if (gap == part.size()) return IsPhraseWord(part);
  return IsPhraseWord(part.substr(0, gap)) &&
         IsPhraseWord(part.substr(gap + 1));
}

// Arabic, read back from the year at `year`: a day, then a month of two words
// or two names joined by '/', maybe "عام", then the year:
// "8 آذار/مارس 2021", "8 كانون الثاني/يناير 2021", "8 تشرين الأول 2021",
// "8 آذار / مارس عام 2021", "8 مارس عام 2021". One-word months without
// "عام" ("8 مارس 2021") are DayMonthYear's.
// Sets the phrase and the day's start.
bool ArabicDate(std::string_view s, std::size_t year, std::string_view* phrase,
                std::size_t* day_begin) {
  static const std::string kYearWord = FoldString("عام");
  std::size_t e = BackSpaces(s, year);
  bool year_word = false;
  if (const std::size_t wb = WordStart(s, e);
      s.substr(wb, e - wb) == kYearWord && wb > 0) {
    e = BackSpaces(s, wb);
    if (e == wb) return false;
    year_word = true;
  }
  // Back word by word (a few at most) to one that ends with a digit: the day.
  std::size_t p = e;
  for (int words = 0;; ++words) {
    if (words > 6 || p == 0) return false;
    const std::size_t wb = WordStart(s, p);
    if (words > 0 && IsAsciiDigit(s[p - 1])) {
      *day_begin = BackDigits(s, p, 2);
      break;
    }
    p = BackSpaces(s, wb);
    if (p == wb) return false;
  }
  const std::size_t b = SkipSpaces(s, p);
  const std::string_view ph = s.substr(b, e - b);
  const auto lead = static_cast<unsigned char>(ph.front());
  if (lead < 0xD8 || lead > 0xDB) return false;  // not Arabic script
  const std::size_t slash = ph.find('/');
  if (slash == std::string_view::npos) {
    // One word is DayMonthYear's, unless "عام" follows it ("8 مارس عام
    // 2021"); two words: "تشرين الأول".
    if ((IsPhraseWord(ph) && !year_word) || !IsOneOrTwoWords(ph)) return false;
  } else {
    std::string_view left = ph.substr(0, slash), right = ph.substr(slash + 1);
    while (!left.empty() && IsWs(left.back())) left.remove_suffix(1);
    while (!right.empty() && IsWs(right.front())) right.remove_prefix(1);
    if (!IsOneOrTwoWords(left) || !IsOneOrTwoWords(right)) return false;
  }
  *phrase = ph;
  return true;
}

// Meeting numbers, each read around its anchor (the position of the anchor
// word in `s`). Each returns the number's digits (or Chinese numerals) and
// the match, or false.
struct NumberMatch {
  std::string_view number;
  Span span;
};

// Up to five digits that end at `p`: their start, or npos.
std::size_t BackNumber(std::string_view s, std::size_t p) {
  const std::size_t b = BackDigits(s, p, 5);
  return b == p ? std::string_view::npos : b;
}

// `\d{1,5}\s*SUFFIX` ending at `p` for one of `suffixes`: the digits' start or
// npos.
std::size_t NumberWithSuffix(std::string_view s, std::size_t p,
                             std::initializer_list<std::string_view> suffixes,
                             bool dot_or_dash = false, char mark = '.') {
  for (std::string_view suffix : suffixes) {
    if (!EndsWithAt(s, p, suffix)) continue;
    std::size_t q = BackSpaces(s, p - suffix.size());
    if (dot_or_dash && q > 0 && s[q - 1] == mark) q = BackSpaces(s, q - 1);
    if (const std::size_t b = BackNumber(s, q); b != std::string_view::npos)
      return b;
  }
  return std::string_view::npos;
}

// `第\s*(\d{1,5}|[一二三四五六七八九十百千零〇]+)\s*次\s*(全体)?会议` from the
// "第" at `at`.
bool ChineseMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  std::size_t i = SkipSpaces(s, at + 3);
  const std::size_t nb = i;
  if (i < s.size() && IsAsciiDigit(s[i])) {
    i = SkipDigits(s, i);
    if (i - nb > 5) return false;
  } else {
    static constexpr std::string_view kNumerals[] = {
        "一", "二", "三", "四", "五", "六", "七",
        "八", "九", "十", "百", "千", "零", "〇"};
    while (true) {
      bool more = false;
      for (std::string_view n : kNumerals) {
        if (StartsWithAt(s, i, n)) {
          i += n.size();
          more = true;
          break;
        }
      }
      if (!more) break;
    }
    if (i == nb) return false;
  }
  const std::size_t ne = i;
  i = SkipSpaces(s, i);
  if (!StartsWithAt(s, i, "次")) return false;
  i = SkipSpaces(s, i + 3);
  if (StartsWithAt(s, i, "全体会议"))
    i += 12;
  else if (StartsWithAt(s, i, "会议"))
    i += 6;
  else
    return false;
  *m = {s.substr(nb, ne - nb), {at, i}};
  return true;
}

// `\d{1,5}\s*(st|nd|rd|th)\s+(plenary\s+)?meeting`, back from "meeting" at
// `at`.
bool EnglishMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  std::size_t p = BackSpaces(s, at);
  if (p == at) return false;
  if (EndsWithAt(s, p, "plenary") && p > 7 && IsWs(s[p - 8]))
    p = BackSpaces(s, p - 7);
  const std::size_t b = NumberWithSuffix(s, p, {"st", "nd", "rd", "th"});
  if (b == std::string_view::npos) return false;
  *m = {s.substr(b, SkipDigits(s, b) - b), {b, at + 7}};
  return true;
}

// `\d{1,5}\s*(ʳᵉ|ᵉ|re|er|e|ème|eme)\s+séance`, back from "séance" at `at`.
bool FrenchMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  const std::size_t p = BackSpaces(s, at);
  if (p == at) return false;
  const std::size_t b =
      NumberWithSuffix(s, p, {"ʳᵉ", "ᵉ", "re", "er", "e", "ème", "eme"});
  if (b == std::string_view::npos) return false;
  *m = {s.substr(b, SkipDigits(s, b) - b),
        {b, at + std::string_view("séance").size()}};
  return true;
}

// `\d{1,5}\s*\.?\s*(ª|a|°|º)\.?\s+sesión`, back from "sesión" at `at`.
bool SpanishMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  std::size_t p = BackSpaces(s, at);
  if (p == at) return false;
  if (p > 0 && s[p - 1] == '.') --p;
  const std::size_t b =
      NumberWithSuffix(s, p, {"ª", "a", "°", "º"}, /*dot_or_dash=*/true, '.');
  if (b == std::string_view::npos) return false;
  *m = {s.substr(b, SkipDigits(s, b) - b),
        {b, at + std::string_view("sesión").size()}};
  return true;
}

// `\d{1,5}\s*-?\s*(го|ое|ом|е|м|й)\s+(пленарн\S*\s+)?заседани`, back from
// "заседани" at `at`.
bool RussianMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  static constexpr std::string_view kPlenary = "пленарн";
  std::size_t p = BackSpaces(s, at);
  if (p == at) return false;
  if (const std::size_t wb = WordStart(s, p);
      wb > 0 && s.substr(wb).starts_with(kPlenary)) {
    p = BackSpaces(s, wb);
    if (p == wb) return false;
  }
  const std::size_t b = NumberWithSuffix(
      s, p, {"го", "ое", "ом", "е", "м", "й"}, /*dot_or_dash=*/true, '-');
  if (b == std::string_view::npos) return false;
  *m = {s.substr(b, SkipDigits(s, b) - b),
        {b, at + std::string_view("заседани").size()}};
  return true;
}

// `الجلسة\s+(العامة\s+)?(رقم\s+)?\d{1,5}` from "الجلسة" at `at`: "الجلسة 9",
// "الجلسة العامة 21", "الجلسة رقم 9".
bool ArabicMeetingAt(std::string_view s, std::size_t at, NumberMatch* m) {
  static constexpr std::string_view kSession = "الجلسة", kPlenary = "العامة",
                                    kNumber = "رقم";
  std::size_t i = at + kSession.size();
  const auto word = [&](std::string_view w) {
    if (!StartsWithAt(s, i, w)) return;
    const std::size_t after = SkipSpaces(s, i + w.size());
    if (after > i + w.size()) i = after;
  };
  const std::size_t spaced = SkipSpaces(s, i);
  if (spaced == i) return false;
  i = spaced;
  word(kPlenary);
  word(kNumber);
  const std::size_t e = std::min(SkipDigits(s, i), i + 5);
  if (e == i) return false;
  *m = {s.substr(i, e - i), {at, e}};
  return true;
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
      {"الأولى", 1},  {"الحادية", 1}, {"الثانية", 2}, {"الثالثة", 3},
      {"الرابعة", 4}, {"الخامسة", 5}, {"السادسة", 6}, {"السابعة", 7},
      {"الثامنة", 8}, {"التاسعة", 9}, {"العاشرة", 10}};
  static constexpr Word kTens[] = {
      {"العشرون", 20},  {"العشرين", 20},  {"الثلاثون", 30}, {"الثلاثين", 30},
      {"الأربعون", 40}, {"الأربعين", 40}, {"الخمسون", 50},  {"الخمسين", 50},
      {"الستون", 60},   {"الستين", 60},   {"السبعون", 70},  {"السبعين", 70},
      {"الثمانون", 80}, {"الثمانين", 80}, {"التسعون", 90},  {"التسعين", 90}};
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
  const auto word_at =
      [&](const Table& table,
          std::size_t at) -> const std::pair<std::string, int>* {
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
      } else if (s.substr(i).starts_with(
                     "\xD9\x88")) {  // "و" + tens: "الثالثة والعشرون"
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
  // Written by hand: snprintf was a tenth of reading a footnote's context.
  // Valid dates only (ValidDate): year 1..9999, month 1..12, day 1..31.
  std::string out;
  const auto two = [&out](int v) {
    out.push_back(static_cast<char>('0' + v / 10 % 10));
    out.push_back(static_cast<char>('0' + v % 10));
  };
  if (year) {
    two(year / 100);
    two(year % 100);
    out.push_back('-');
  } else {
    out = "--";
  }
  two(month);
  out.push_back('-');
  two(day);
  return out;
}

namespace {

std::vector<DateMention> DatesIn(const Folded& f) {
  std::vector<DateMention> out;
  auto add = [&](int y, int m, int d, std::size_t b, std::size_t e) {
    if (!ValidDate(y, m, d)) return;
    DateMention date{y, m, d, f.Origin(b), f.Origin(e)};
    out.push_back(date);
  };
  const std::string_view s = f.text;
  for (const std::size_t at : FindAll(s, "月")) {
    int y = 0, m = 0, d = 0;
    Span span;
    if (ChineseDateAt(s, at, &y, &m, &d, &span))
      add(y, m, d, span.begin, span.end);
  }
  // The other forms end with the year after white space (ISO starts with
  // it). The word before the year tells which can match: a day number
  // ("March 8, 2021"), a month or "de"/"del" ("8 mars 2021", "8 de marzo de
  // 2021"), a word in Arabic script ("8 آذار/مارس 2021", "8 مارس 2021").
  constexpr std::size_t kMaxMonthBytes = 24;
  for (const std::size_t a : FourDigitRuns(s)) {
    const int year = Number(s, a, a + 4);
    if (a + 10 <= s.size() && s[a + 4] == '-' && IsAsciiDigit(s[a + 5]) &&
        IsAsciiDigit(s[a + 6]) && s[a + 7] == '-' && IsAsciiDigit(s[a + 8]) &&
        IsAsciiDigit(s[a + 9])) {
      add(year, Number(s, a + 5, a + 7), Number(s, a + 8, a + 10), a, a + 10);
    }
    if (a == 0 || !IsWs(s[a - 1])) continue;
    const std::size_t word_end = BackSpaces(s, a);
    std::string_view word =
        s.substr(WordStart(s, word_end), word_end - WordStart(s, word_end));
    while (!word.empty() && (word.back() == ',' || word.back() == '.'))
      word.remove_suffix(1);
    if (word.empty()) continue;
    const auto lead = static_cast<unsigned char>(word.front());
    std::string_view month_word;
    std::size_t day = 0, begin = 0;
    if (IsAsciiDigit(word.back())) {
      if (MonthDayYear(s, a, &month_word, &day, &begin) &&
          month_word.size() <= kMaxMonthBytes) {
        if (const int month = MonthOf(month_word)) {
          add(year, month, Number(s, day, SkipDigits(s, day)), begin, a + 4);
        }
      }
      continue;
    }
    const bool arabic = lead >= 0xD8 && lead <= 0xDB;
    if (arabic || word == "de" || word == "del" || MonthOf(word) != 0) {
      if (DayMonthYear(s, a, &month_word, &day) &&
          month_word.size() <= kMaxMonthBytes) {
        if (const int month = MonthOf(month_word)) {
          add(year, month, Number(s, day, SkipDigits(s, day)), day, a + 4);
        }
      }
    }
    if (arabic && ArabicDate(s, a, &month_word, &day)) {
      if (const int month = MonthOfPhrase(month_word)) {
        add(year, month, Number(s, day, SkipDigits(s, day)), day, a + 4);
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const DateMention& a, const DateMention& b) {
              return a.begin < b.begin;
            });
  return out;
}

std::vector<MeetingMention> MeetingsIn(const Folded& f) {
  const std::string& s = f.text;
  std::vector<MeetingMention> out;
  const auto add = [&](const NumberMatch& m) {
    const int number = IsAsciiDigit(m.number.front())
                           ? Number(m.number, 0, m.number.size())
                           : ChineseNumeral(m.number);
    if (number > 0)
      out.push_back({number, f.Origin(m.span.begin), f.Origin(m.span.end)});
  };
  // Each form with the anchor word it is read around.
  struct Form {
    std::string_view anchor;
    bool (*read)(std::string_view, std::size_t, NumberMatch*);
  };
  static constexpr Form kForms[] = {
      {"第", ChineseMeetingAt},       {"meeting", EnglishMeetingAt},
      {"séance", FrenchMeetingAt},    {"sesión", SpanishMeetingAt},
      {"заседани", RussianMeetingAt}, {"الجلسة", ArabicMeetingAt}};
  for (const Form& form : kForms) {
    for (const std::size_t at : FindAll(s, form.anchor)) {
      NumberMatch m;
      if (form.read(s, at, &m)) add(m);
    }
  }
  for (const std::size_t at : FindAll(s, "الجلسة")) {
    std::size_t len = 0;
    if (const int number =
            ArabicMeetingOrdinal(std::string_view(s).substr(at), &len)) {
      out.push_back({number, f.Origin(at), f.Origin(at + len)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const MeetingMention& a, const MeetingMention& b) {
              return a.begin < b.begin;
            });
  return out;
}

std::string BodyIn(const Folded& f) {
  struct BodyName {
    std::string_view pattern;  // lower case; folded (FoldPhraseChar) before use
    std::string_view key;
  };
  static constexpr BodyName kBodies[] = {
      BodyName{"open-ended working group", "OEWG"},
      BodyName{"oewg", "OEWG"},
      BodyName{"开放式工作组", "OEWG"},
      BodyName{"groupe de travail à composition non limitée", "OEWG"},
      BodyName{"grupo de trabajo de composición abierta", "OEWG"},
      BodyName{"рабочая группа открытого состава", "OEWG"},
      BodyName{"рабочей группы открытого состава", "OEWG"},
      BodyName{"الفريق العامل المفتوح العضوية", "OEWG"},
      BodyName{"group of governmental experts", "GGE"},
      BodyName{"gge", "GGE"},
      BodyName{"政府专家组", "GGE"},
      BodyName{"groupe d'experts gouvernementaux", "GGE"},
      BodyName{"grupo de expertos gubernamentales", "GGE"},
      BodyName{"группа правительственных экспертов", "GGE"},
      BodyName{"группы правительственных экспертов", "GGE"},
      BodyName{"فريق الخبراء الحكوميين", "GGE"},
      BodyName{"ad hoc committee", "AHC"},
      BodyName{"特设委员会", "AHC"},
      BodyName{"ahc", "AHC"},
      BodyName{"comité spécial", "AHC"},
      BodyName{"comité especial", "AHC"},
      BodyName{"специальный комитет", "AHC"},
      BodyName{"специального комитета", "AHC"},
      BodyName{"اللجنة المخصصة", "AHC"},
      BodyName{"security council", "SC"},
      BodyName{"安全理事会", "SC"},
      BodyName{"安理会", "SC"},
      BodyName{"conseil de sécurité", "SC"},
      BodyName{"consejo de seguridad", "SC"},
      BodyName{"совет безопасности", "SC"},
      BodyName{"совета безопасности", "SC"},
      BodyName{"مجلس الأمن", "SC"},
      BodyName{"human rights council", "HRC"},
      BodyName{"人权理事会", "HRC"},
      BodyName{"conseil des droits de l'homme", "HRC"},
      BodyName{"consejo de derechos humanos", "HRC"},
      BodyName{"совет по правам человека", "HRC"},
      BodyName{"совета по правам человека", "HRC"},
      BodyName{"مجلس حقوق الإنسان", "HRC"},
      BodyName{"economic and social council", "ECOSOC"},
      BodyName{"ecosoc", "ECOSOC"},
      BodyName{"经济及社会理事会", "ECOSOC"},
      BodyName{"conseil économique et social", "ECOSOC"},
      BodyName{"consejo económico y social", "ECOSOC"},
      BodyName{"экономический и социальный совет", "ECOSOC"},
      BodyName{"экономического и социального совета", "ECOSOC"},
      BodyName{"المجلس الاقتصادي والاجتماعي", "ECOSOC"},
      BodyName{"special committee on decolonization", "C-24"},
      BodyName{"c-24", "C-24"},
      BodyName{"cedaw", "CEDAW"},
      BodyName{"first committee", "C.1"},
      BodyName{"第一委员会", "C.1"},
      BodyName{"première commission", "C.1"},
      BodyName{"primera comisión", "C.1"},
      BodyName{"первый комитет", "C.1"},
      BodyName{"первого комитета", "C.1"},
      BodyName{"اللجنة الأولى", "C.1"},
      BodyName{"general assembly", "GA"},
      BodyName{"联合国大会", "GA"},
      BodyName{"assemblée générale", "GA"},
      BodyName{"asamblea general", "GA"},
      BodyName{"генеральная ассамблея", "GA"},
      BodyName{"генеральной ассамблеи", "GA"},
      BodyName{"الجمعية العامة", "GA"}};
  struct Table {
    std::vector<std::pair<std::string, std::string_view>> names;  // folded
    std::array<std::vector<std::size_t>, 256>
        by_first_byte;  // indices, in order
  };
  static const Table kTable = [] {
    Table t;
    for (const BodyName& b : kBodies) {
      t.names.emplace_back(FoldString(b.pattern), b.key);
      const auto first =
          static_cast<unsigned char>(t.names.back().first.front());
      t.by_first_byte[first].push_back(t.names.size() - 1);
    }
    return t;
  }();
  // The first position where a name starts; there, the first name listed.
  const std::string_view s = f.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (const std::size_t k :
         kTable.by_first_byte[static_cast<unsigned char>(s[i])]) {
      if (s.substr(i).starts_with(kTable.names[k].first)) {
        return std::string(kTable.names[k].second);
      }
    }
  }
  return std::string();
}

}  // namespace

std::vector<DateMention> FindDates(std::string_view text) {
  return DatesIn(Fold(text));
}

std::vector<MeetingMention> FindMeetingNumbers(std::string_view text) {
  return MeetingsIn(Fold(text));
}

std::string FindBody(std::string_view text) { return BodyIn(Fold(text)); }

ContextMentions FindContext(std::string_view text) {
  // One buffer per thread, reused: this runs for every citation.
  thread_local Folded f;
  FoldInto(text, &f);
  ContextMentions mentions{DatesIn(f), MeetingsIn(f), BodyIn(f)};
  constexpr std::size_t kKeptBytes = 1 << 18;
  if (f.text.capacity() > kKeptBytes) f = Folded();
  return mentions;
}

}  // namespace timecite::linker
