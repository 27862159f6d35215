#include "linker/citations/timecode.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <utility>

#include "common/byte_scan.h"
#include "common/utf8.h"

namespace timecite::linker {

const char16_t* FoldPhraseTable() {
  // Every code point of the Basic Multilingual Plane folds through one table
  // look (built once from FoldPhraseCharByRule: the rule is a chain of about
  // thirty comparisons, and every non-ASCII character of a footnote is
  // folded); the rule's results there are all in the BMP.
  static const std::vector<char16_t> kTable = [] {
    std::vector<char16_t> table(0x10000);
    for (char32_t c = 0; c < 0x10000; ++c)
      table[c] = static_cast<char16_t>(FoldPhraseCharByRule(c));
    return table;
  }();
  return kTable.data();
}

char32_t FoldPhraseChar(char32_t cp) {
  return cp < 0x10000 ? FoldPhraseTable()[cp] : FoldPhraseCharByRule(cp);
}

char32_t FoldPhraseCharByRule(char32_t cp) { return utf8::FoldForMatching(cp); }

namespace {

// The text as folded code points (see FoldPhraseChar) with the byte range of
// each; dropped code points (bidi marks, harakat) leave no trace.
struct Folded {
  std::u32string cps;
  // Byte offsets (32 bits: a text is at most kMaxDocumentBytes, 64 MiB).
  std::vector<std::uint32_t>
      begins;  // size cps.size() + 1 (the last: text.size())

  // The byte offset just past code point k of `text` (the text folded): its
  // sequence's length, as FoldInto read it (a stray byte is one byte).
  std::uint32_t End(std::string_view text, std::size_t k) const {
    char32_t cp;
    const std::size_t n = utf8::DecodeInline(text, begins[k], &cp);
    return begins[k] + static_cast<std::uint32_t>(n == 0 ? 1 : n);
  }
};

// Folds `text` into `*out`, reusing its buffers (their capacity stays).
// There are never more code points than bytes: the arrays are sized for the
// bytes, written by index, and cut to the code points at the end.
void FoldInto(std::string_view text, Folded* out) {
  Folded& f = *out;
  f.cps.resize(text.size());
  f.begins.resize(text.size() + 1);
  char32_t* const cps = f.cps.data();
  std::uint32_t* const begins = f.begins.data();
  const char16_t* const table = FoldPhraseTable();
  std::size_t i = 0, k = 0;  // bytes read, code points written
  char32_t cp = 0;
  while (i < text.size()) {
    if (const auto c = static_cast<unsigned char>(text[i]);
        c != 0 && c < 0x80) {
      // ASCII folds to itself in lower case (FoldPhraseChar drops only NUL):
      // the whole run, sixteen bytes at a time.
      const std::size_t n =
          bytes::WidenLowerAsciiRun(text, i, cps + k, begins + k);
      i += n;
      k += n;
      continue;
    }
    std::size_t n = utf8::DecodeInline(text, i, &cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    if (const char32_t folded =
            cp < 0x10000 ? char32_t{table[cp]} : FoldPhraseChar(cp)) {
      cps[k] = folded;
      begins[k++] = static_cast<std::uint32_t>(i);
    }
    i += n;
  }
  f.cps.resize(k);
  f.begins.resize(k + 1);
  f.begins[k] = static_cast<std::uint32_t>(text.size());
}

Folded Fold(std::string_view text) {
  Folded f;
  FoldInto(text, &f);
  return f;
}

// A cue table folded like the text (so that it may be written with hamzas
// and harakat as people write it), its cues also grouped by their last and
// their first code point: AnyCueBefore looks at the cues that end with the
// code point before a timecode, CueAfter at those that start with the one
// after it, a small group instead of the whole table.
class CueList {
 public:
  CueList(std::initializer_list<std::u32string_view> cues) {
    for (std::u32string_view cue : cues) {
      std::u32string folded;
      for (char32_t c : cue) {
        if (const char32_t f = FoldPhraseChar(c)) folded.push_back(f);
      }
      if (folded.empty()) continue;  // never matches
      const auto index = static_cast<std::uint16_t>(cues_.size());
      by_last_[folded.back() % kGroups].push_back(index);
      by_first_[folded.front() % kGroups].push_back(index);
      cues_.push_back(std::move(folded));
    }
  }
  const std::vector<std::u32string>& all() const { return cues_; }
  // Indices into all() of the cues that may end / start with `c` (a group
  // holds every cue whose code point falls in it), in table order.
  const std::vector<std::uint16_t>& EndingWith(char32_t c) const {
    return by_last_[c % kGroups];
  }
  const std::vector<std::uint16_t>& StartingWith(char32_t c) const {
    return by_first_[c % kGroups];
  }

 private:
  static constexpr std::size_t kGroups = 64;
  std::vector<std::u32string> cues_;
  std::array<std::vector<std::uint16_t>, kGroups> by_last_, by_first_;
};

CueList FoldCues(std::initializer_list<std::u32string_view> cues) {
  return CueList(cues);
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiLetter(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n'; }

// The cue tables, lower case; written as people write them and folded once
// (FoldPhraseChar) before use. Cues before a timecode match as suffixes of
// the text before it, so "ابتداء من الدقيقة" is also covered by "الدقيقة";
// longer forms are listed for the reader.
struct Cues {
  // A start: "(starting at 1:29:40)", "à partir de 1:02:07", "从5分45秒开始".
  CueList start_before = FoldCues({U"starting at",
                                   U"starting from",
                                   U"start at",
                                   U"starts at",
                                   U"beginning at",
                                   U"begins at",
                                   U"start time",
                                   U"start:",
                                   U"from",
                                   U"at",
                                   U"@",
                                   U"from minute",
                                   U"at minute",
                                   U"minute",
                                   U"timestamp",
                                   U"time stamp",
                                   U"timecode",
                                   U"time code",
                                   U"at the",
                                   U"from the",
                                   U"开始于",
                                   U"始于",
                                   U"起始于",
                                   U"从",
                                   U"自",
                                   U"在",
                                   U"从第",
                                   U"于",
                                   U"à partir de",
                                   U"a partir de",
                                   U"à partir du",
                                   U"à",
                                   U"dès",
                                   U"à compter de",
                                   U"à partir de la minute",
                                   U"à la minute",
                                   U"début à",
                                   U"début :",
                                   U"a partir del minuto",
                                   U"a partir del",
                                   U"desde el minuto",
                                   U"desde",
                                   U"en el minuto",
                                   U"minuto",
                                   U"min.",
                                   U"comienza en",
                                   U"inicio:",
                                   U"начиная с",
                                   U"начиная со",
                                   U"с отметки",
                                   U"с",
                                   U"со",
                                   U"на",
                                   U"с минуты",
                                   U"на отметке",
                                   U"отметка",
                                   U"время:",
                                   U"ابتداء من الدقيقة",
                                   U"ابتداءً من الدقيقة",
                                   U"ابتداء من",
                                   U"ابتداءً من",
                                   U"اعتبارا من",
                                   U"اعتبارًا من",
                                   U"بدءا من",
                                   U"بدءًا من",
                                   U"من الدقيقة",
                                   U"من",
                                   U"عند الدقيقة",
                                   U"عند",
                                   U"الدقيقة",
                                   U"في الدقيقة"});
  // Only open a range ("de 1:02:00 à 1:05:30", "del 1:02 al 1:05").
  CueList range_only_before =
      FoldCues({U"de", U"del", U"entre", U"between", U"между"});
  CueList start_after = FoldCues({U"开始", U"起", U"处开始", U"開始"});
  // A length: "YouTube video, 5:53", "durée 2:31:55", "مدة 2:31:55". Matched
  // after skipping the ',', ':' or '،' that may follow the cue.
  CueList length_before = FoldCues({U"video",
                                    U"length",
                                    U"duration",
                                    U"runtime",
                                    U"running time",
                                    U"时长",
                                    U"长度",
                                    U"片长",
                                    U"视频",
                                    U"vidéo",
                                    U"durée",
                                    U"longueur",
                                    U"vídeo",
                                    U"duración",
                                    U"видео",
                                    U"видеозапись",
                                    U"продолжительность",
                                    U"длительность",
                                    U"хронометраж",
                                    U"مدة",
                                    U"المدة",
                                    U"فيديو",
                                    U"مدته",
                                    U"طول"});
  // Between the two ends of a range.
  CueList range_separators =
      FoldCues({U"to", U"until", U"till", U"through", U"-", U"–", U"—", U"~",
                U"至", U"到", U"à", U"a", U"al", U"hasta", U"до", U"по", U"إلى",
                U"حتى", U"لغاية"});
  // After a clock: a time of day, not a position in a recording.
  CueList time_of_day_after = FoldCues({U"am",
                                        U"pm",
                                        U"a.m.",
                                        U"p.m.",
                                        U"h ",
                                        U"uhr",
                                        U"utc",
                                        U"gmt",
                                        U"est",
                                        U"edt",
                                        U"cet",
                                        U"cest",
                                        U"hrs",
                                        U"hours",
                                        U"o'clock",
                                        U"new york time",
                                        U"纽约时间",
                                        U"上午",
                                        U"下午",
                                        U"heures",
                                        U"horas",
                                        U"hora de nueva york",
                                        U"heure de new york",
                                        U"мск",
                                        U"по нью-йоркскому времени",
                                        U"صباحا",
                                        U"مساء",
                                        U"بتوقيت"});
};

const Cues& GetCues() {
  static const Cues cues;
  return cues;
}

struct Unit {
  std::u32string name;
  int scale_s;  // 3600, 60 or 1
};
// Longer names before their prefixes ("minutes" before "min" before "m").
const std::vector<Unit>& Units() {
  static const std::vector<Unit> units = [] {
    const std::pair<std::u32string_view, int> table[] = {
        {U"hours", 3600},  {U"hour", 3600},  {U"hrs", 3600},   {U"hr", 3600},
        {U"heures", 3600}, {U"heure", 3600}, {U"horas", 3600}, {U"hora", 3600},
        {U"h", 3600},      {U"小时", 3600},  {U"小時", 3600},  {U"時", 3600},
        {U"часов", 3600},  {U"часа", 3600},  {U"час", 3600},   {U"ч", 3600},
        {U"ساعات", 3600},  {U"ساعة", 3600},  {U"minutes", 60}, {U"minute", 60},
        {U"minutos", 60},  {U"minuto", 60},  {U"mins", 60},    {U"min", 60},
        {U"m", 60},        {U"分钟", 60},    {U"分鐘", 60},    {U"分", 60},
        {U"минуты", 60},   {U"минута", 60},  {U"минут", 60},   {U"мин", 60},
        {U"دقائق", 60},    {U"دقيقة", 60},   {U"seconds", 1},  {U"second", 1},
        {U"segundos", 1},  {U"segundo", 1},  {U"secondes", 1}, {U"seconde", 1},
        {U"secs", 1},      {U"sec", 1},      {U"seg", 1},      {U"s", 1},
        {U"秒钟", 1},      {U"秒", 1},       {U"секунды", 1},  {U"секунда", 1},
        {U"секунд", 1},    {U"сек", 1},      {U"с", 1},        {U"ثواني", 1},
        {U"ثوان", 1},      {U"ثانية", 1}};
    std::vector<Unit> out;
    for (const auto& [name, scale] : table)
      out.push_back(Unit{FoldCues({name}).all().front(), scale});
    return out;
  }();
  return units;
}

// Units() grouped by their first code point (indices in table order: the
// first unit that matches wins, as in the table), so that a number is
// followed by a look at a few units, not all.
constexpr std::size_t kUnitGroups = 64;
const std::vector<std::uint8_t>* GroupUnits() {
  static const auto groups = [] {
    std::array<std::vector<std::uint8_t>, kUnitGroups> g;
    const std::vector<Unit>& units = Units();
    for (std::size_t i = 0; i < units.size(); ++i)
      g[units[i].name.front() % kUnitGroups].push_back(
          static_cast<std::uint8_t>(i));
    return g;
  }();
  return groups.data();
}

bool IsCueLetter(char32_t c) {
  return IsAsciiLetter(c) || (c >= 0x00E0 && c <= 0x00FE) ||
         (c >= 0x0430 && c <= 0x044F) || (c >= 0x0600 && c <= 0x06FF);
}

// The unit of Units() that starts at cps[k] (a whole word when it ends with
// a letter), the first in table order, or nullptr.
const Unit* UnitAt(const std::u32string& cps, std::size_t k) {
  const std::vector<Unit>& units = Units();
  static const std::vector<std::uint8_t>* const kByFirst = GroupUnits();
  for (const std::uint8_t index : kByFirst[cps[k] % kUnitGroups]) {
    const Unit& u = units[index];
    if (u.name.front() != cps[k]) continue;  // another in the group
    if (!std::u32string_view(cps).substr(k).starts_with(u.name)) continue;
    const std::size_t after = k + u.name.size();
    if (IsCueLetter(u.name.back()) && after < cps.size() &&
        IsCueLetter(cps[after]))
      continue;
    return &u;
  }
  return nullptr;
}

bool IsOpening(char32_t c) {
  return IsSpace(c) || c == U'(' || c == U'[' || c == U'“' || c == U'"' ||
         c == U'«';
}

// Does cps[0, pos) end with `cue`, after skipping spaces and opening brackets
// (and, with `punctuation`, a ',', ':' or '،' that ends the cue), with a word
// boundary before a letter cue?
// Where a cue before `pos` must end: back over spaces and opening brackets
// (and, with `punctuation`, a ',', ':' or '،' that ends the cue).
std::size_t CueEnd(const std::u32string& cps, std::size_t pos,
                   bool punctuation) {
  std::size_t p = pos;
  while (p > 0 && IsOpening(cps[p - 1])) --p;
  if (punctuation && p > 0 &&
      (cps[p - 1] == U',' || cps[p - 1] == U':' || cps[p - 1] == U'،')) {
    --p;
    while (p > 0 && IsSpace(cps[p - 1])) --p;
  }
  return p;
}

// Does cps[0, p) end with `cue`, with a word boundary before a letter cue?
bool EndsWithCue(const std::u32string& cps, std::size_t p,
                 std::u32string_view cue) {
  if (p < cue.size() || cps[p - 1] != cue.back()) return false;
  if (std::u32string_view(cps).substr(p - cue.size(), cue.size()) != cue)
    return false;
  const std::size_t before = p - cue.size();
  if (before > 0 && IsCueLetter(cue.front()) && IsCueLetter(cps[before - 1]))
    return false;
  return true;
}

// Is there a cue of `cues` before `pos` (see CueEnd)?
bool AnyCueBefore(const std::u32string& cps, std::size_t pos,
                  const CueList& cues, bool punctuation = false) {
  const std::size_t p =
      CueEnd(cps, pos, punctuation);  // the same for every cue
  if (p == 0) return false;
  for (const std::uint16_t k : cues.EndingWith(cps[p - 1])) {
    if (EndsWithCue(cps, p, cues.all()[k])) return true;
  }
  return false;
}

// Length of the cue of `cues` that starts cps[pos..] after spaces, or 0.
std::size_t CueAfter(const std::u32string& cps, std::size_t pos,
                     const CueList& cues) {
  std::size_t p = pos;
  while (p < cps.size() && IsSpace(cps[p])) ++p;
  const std::u32string_view rest = std::u32string_view(cps).substr(p);
  if (rest.empty()) return 0;
  for (const std::uint16_t k : cues.StartingWith(rest.front())) {
    const std::u32string& cue = cues.all()[k];
    if (rest.starts_with(cue)) {
      const std::size_t end = p + cue.size();
      if (IsCueLetter(cue.back()) && end < cps.size() && IsCueLetter(cps[end]))
        continue;
      return end - pos;
    }
  }
  return 0;
}

struct Token {
  std::size_t begin = 0, end = 0;  // code point indices
  bool clock = false;
  std::int64_t ms = 0;
  std::string error;  // non-empty: impossible value
  int parts = 0;
};

std::size_t ReadDigits(const std::u32string& cps, std::size_t i,
                       std::int64_t* value) {
  std::size_t n = 0;
  *value = 0;
  while (i + n < cps.size() && IsDigit(cps[i + n]) && n < 9) {
    *value = *value * 10 + (cps[i + n] - U'0');
    ++n;
  }
  return n;
}

std::optional<Token> ReadClock(const std::u32string& cps, std::size_t i) {
  // At most three parts (value, digit count); no allocation: this runs at
  // every digit of the text.
  std::array<std::pair<std::int64_t, std::size_t>, 3> part_store{};
  std::size_t part_count = 0;
  std::size_t j = i;
  while (true) {
    std::int64_t v;
    const std::size_t n = ReadDigits(cps, j, &v);
    if (n == 0) return std::nullopt;
    part_store[part_count++] = {v, n};
    j += n;
    if (j + 1 < cps.size() && cps[j] == U':' && IsDigit(cps[j + 1]) &&
        part_count < 3) {
      ++j;
      continue;
    }
    break;
  }
  const std::span<const std::pair<std::int64_t, std::size_t>> parts(
      part_store.data(), part_count);
  if (parts.size() < 2) return std::nullopt;
  if (j < cps.size() && (IsDigit(cps[j]) || cps[j] == U':'))
    return std::nullopt;
  Token t;
  t.begin = i;
  t.end = j;
  t.clock = true;
  t.parts = static_cast<int>(parts.size());
  const std::size_t first_digits = parts[0].second;
  if (first_digits > 3) return std::nullopt;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].second != 2)
      t.error = "each part after the first needs two digits";
    if (parts[k].first >= 60) {
      t.error = k + 1 == parts.size() ? "seconds must be below 60"
                                      : "minutes must be below 60";
    }
  }
  if (parts.size() == 3) {
    t.ms =
        ((parts[0].first * 60 + parts[1].first) * 60 + parts[2].first) * 1000;
  } else {
    t.ms = (parts[0].first * 60 + parts[1].first) * 1000;
  }
  return t;
}

// "1h29m40s", "1 h 29 min 40 s", "5分45秒", "1小时2分".
std::optional<Token> ReadUnits(const std::u32string& cps, std::size_t i) {
  std::size_t j = i;
  int last_scale = 3600 * 24;
  std::int64_t total_s = 0;
  std::size_t end = i;
  int count = 0;
  std::string error;
  while (j < cps.size()) {
    std::int64_t v;
    const std::size_t n = ReadDigits(cps, j, &v);
    if (n == 0) break;
    std::size_t k = j + n;
    while (k < cps.size() && cps[k] == U' ') ++k;
    const Unit* unit = nullptr;
    // Units start with a letter or an ideograph: anything else ends the phrase
    // without trying the table.
    const bool may_be_unit =
        k < cps.size() && (IsCueLetter(cps[k]) || cps[k] >= 0x2E80);
    if (may_be_unit) unit = UnitAt(cps, k);
    if (unit == nullptr || unit->scale_s >= last_scale) break;
    if (unit->scale_s < 3600 && count > 0 && v >= 60) {
      error = unit->scale_s == 60 ? "minutes must be below 60"
                                  : "seconds must be below 60";
    }
    total_s += v * unit->scale_s;
    last_scale = unit->scale_s;
    ++count;
    end = k + unit->name.size();
    j = end;
    while (j < cps.size() && cps[j] == U' ') ++j;
  }
  if (count == 0) return std::nullopt;
  Token t;
  t.begin = i;
  t.end = end;
  t.ms = total_s * 1000;
  t.error = error;
  t.parts = count;
  return t;
}

std::optional<Token> ReadToken(const std::u32string& cps, std::size_t i) {
  if (auto c = ReadClock(cps, i)) return c;
  return ReadUnits(cps, i);
}

std::string Slice(std::string_view text, const Folded& f, std::size_t b,
                  std::size_t e) {
  if (e <= b) return std::string();
  return std::string(
      text.substr(f.begins[b], f.End(text, e - 1) - f.begins[b]));
}

}  // namespace

namespace {

// Reads the phrases of `text` (an island of a larger text that starts at byte
// `offset` of it) and appends them, with offsets in the larger text.
void FindInIsland(std::string_view text, std::size_t offset,
                  std::vector<TimePhrase>* found) {
  const Cues& cues = GetCues();
  // One buffer per thread, reused from island to island (three allocations
  // an island otherwise); one that grew large for a huge island is given
  // back at the end.
  thread_local Folded f;
  FoldInto(text, &f);
  const std::u32string& cps = f.cps;
  std::vector<TimePhrase> out;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (!IsDigit(cps[i]) ||
        (i > 0 && (IsDigit(cps[i - 1]) || cps[i - 1] == U':' ||
                   cps[i - 1] == U'.' || cps[i - 1] == U'/'))) {
      ++i;
      continue;
    }
    auto token = ReadToken(cps, i);
    if (!token) {
      while (i < cps.size() && IsDigit(cps[i])) ++i;
      continue;
    }
    TimePhrase phrase;
    phrase.begin = f.begins[token->begin];
    phrase.end = f.End(text, token->end - 1);
    phrase.written = Slice(text, f, token->begin, token->end);
    phrase.start_ms = token->ms;

    // "15 h 30": a unit phrase followed by a bare number is a time of day.
    const bool dangling_number =
        !token->clock && token->end < cps.size() && [&] {
          std::size_t k = token->end;
          while (k < cps.size() && IsSpace(cps[k])) ++k;
          return k < cps.size() && IsDigit(cps[k]);
        }();
    const bool time_of_day =
        dangling_number ||
        CueAfter(cps, token->end, cues.time_of_day_after) > 0;
    const bool start_cue = AnyCueBefore(cps, token->begin, cues.start_before) ||
                           CueAfter(cps, token->end, cues.start_after) > 0;
    const bool length_cue = AnyCueBefore(cps, token->begin, cues.length_before,
                                         /*punctuation=*/true);
    const bool range_cue =
        AnyCueBefore(cps, token->begin, cues.range_only_before);

    // A range: a second timecode after a separator.
    std::optional<Token> second;
    if (const std::size_t sep =
            CueAfter(cps, token->end, cues.range_separators)) {
      std::size_t k = token->end + sep;
      while (k < cps.size() && IsSpace(cps[k])) ++k;
      second = ReadToken(cps, k);
      if (second && second->clock != token->clock && token->clock)
        second.reset();
    }

    i = token->end;
    if (time_of_day && !second) continue;
    if (!token->error.empty()) {
      if (start_cue || length_cue || token->parts == 3 || second) {
        phrase.kind = TimePhrase::Kind::kMalformed;
        phrase.error = token->error + " in " + phrase.written;
        out.push_back(std::move(phrase));
      }
      continue;
    }
    if (length_cue && !start_cue) {
      phrase.kind = TimePhrase::Kind::kLength;
      out.push_back(std::move(phrase));
      continue;
    }
    if (!start_cue && !(range_cue && second)) continue;
    phrase.kind = TimePhrase::Kind::kStart;
    if (second) {
      if (!second->error.empty() || second->ms < token->ms) {
        phrase.kind = TimePhrase::Kind::kMalformed;
        phrase.error = second->error.empty()
                           ? "the range ends before it starts"
                           : second->error + " in the range's end";
      } else {
        phrase.end_ms = second->ms;
      }
      phrase.end = f.End(text, second->end - 1);
      phrase.written = Slice(text, f, token->begin, second->end);
      i = second->end;
    }
    out.push_back(std::move(phrase));
  }
  constexpr std::size_t kKeptCodePoints = 1 << 16;
  if (f.cps.capacity() > kKeptCodePoints) f = Folded();
  for (TimePhrase& p : out) {
    p.begin += offset;
    p.end += offset;
    found->push_back(std::move(p));
  }
}

// Bytes of a digit that starts at text[i]: ASCII, Arabic-Indic (U+0660..9),
// extended Arabic-Indic (U+06F0..9) or full-width (U+FF10..9); 0 otherwise.
std::size_t DigitAt(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  if (b(i) >= '0' && b(i) <= '9') return 1;
  if (i + 1 < text.size() &&
      ((b(i) == 0xD9 && b(i + 1) >= 0xA0 && b(i + 1) <= 0xA9) ||
       (b(i) == 0xDB && b(i + 1) >= 0xB0 && b(i + 1) <= 0xB9))) {
    return 2;
  }
  if (i + 2 < text.size() && b(i) == 0xEF && b(i + 1) == 0xBC &&
      b(i + 2) >= 0x90 && b(i + 2) <= 0x99) {
    return 3;
  }
  return 0;
}

// How far around its digits a phrase reaches, in bytes: the longest cue
// before ("à partir de la minute", "ابتداء من الدقيقة" and a bracket) or
// after ("по нью-йоркскому времени"), a unit phrase, a range separator.
constexpr std::size_t kIslandReach = 160;

// The next digit in text[from, to), or npos.
std::size_t NextDigit(std::string_view text, std::size_t from, std::size_t to) {
  // The bytes a digit can start with: '0'..'9', D9 and DB (Arabic-Indic),
  // EF (full-width), found sixteen bytes at a time; then DigitAt decides.
  for (std::size_t i = from; i < to; ++i) {
    i = bytes::FindFirstDigitOr<0xD9, 0xDB, 0xEF>(text, i, to);
    if (i == to) break;
    if (DigitAt(text, i)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

// Only the text around digits is folded and read: an *island* reaches
// kIslandReach bytes either side of a run of digits no further apart than
// twice that. Prose without digits costs one scan.
std::vector<TimePhrase> FindTimePhrases(std::string_view text) {
  std::vector<TimePhrase> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t first = NextDigit(text, at, text.size());
    if (first == std::string_view::npos) break;
    std::size_t last = first;
    while (true) {
      const std::size_t next = NextDigit(
          text, last + 1, std::min(text.size(), last + 2 * kIslandReach + 1));
      if (next == std::string_view::npos) break;
      last = next;
    }
    std::size_t begin = first > kIslandReach ? first - kIslandReach : 0;
    begin = std::max(begin, at);
    while (begin > at &&
           (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80)
      --begin;
    std::size_t end = std::min(text.size(), last + kIslandReach);
    while (end < text.size() &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      ++end;
    FindInIsland(text.substr(begin, end - begin), begin, &out);
    at = end;
  }
  return out;
}

Result<std::int64_t> ParseTimecode(std::string_view timecode) {
  const Folded f = Fold(timecode);
  std::size_t b = 0, e = f.cps.size();
  while (b < e && IsSpace(f.cps[b])) ++b;
  while (e > b && IsSpace(f.cps[e - 1])) --e;
  const std::u32string cps = f.cps.substr(b, e - b);
  if (cps.empty()) return Status::InvalidArgument("empty timecode");
  std::int64_t seconds;
  if (ReadDigits(cps, 0, &seconds) == cps.size()) return seconds * 1000;
  auto token = ReadToken(cps, 0);
  if (!token || token->end != cps.size()) {
    return Status::InvalidArgument(
        "not a timecode: '" + std::string(timecode) +
        "' (use h:mm:ss, m:ss, 1h29m40s or seconds)");
  }
  if (!token->error.empty()) {
    return Status::InvalidArgument(token->error + " in " +
                                   std::string(timecode));
  }
  return token->ms;
}

std::optional<UrlStart> StartInUrl(std::string_view query,
                                   std::string_view fragment) {
  // The first parameter of `params` ('&'-separated) named one of `names`.
  const auto find = [](std::string_view params,
                       std::initializer_list<std::string_view> names)
      -> std::optional<UrlStart> {
    std::size_t at = 0;
    while (at <= params.size()) {
      std::size_t end = params.find('&', at);
      if (end == std::string_view::npos) end = params.size();
      const std::string_view param = params.substr(at, end - at);
      const std::size_t eq = param.find('=');
      if (eq != std::string_view::npos) {
        const std::string_view name = param.substr(0, eq);
        for (std::string_view n : names) {
          if (name != n) continue;
          std::string value(param.substr(eq + 1));
          // "1%3A02%3A03": a colon percent-encoded.
          for (std::size_t k = value.find("%3"); k != std::string::npos;
               k = value.find("%3", k + 1)) {
            if (k + 2 < value.size() && (value[k + 2] == 'A' || value[k + 2] == 'a'))
              value.replace(k, 3, ":");
          }
          Result<std::int64_t> ms = ParseTimecode(value);
          if (ms.ok()) return UrlStart{*ms, std::string(param)};
        }
      }
      at = end + 1;
    }
    return std::nullopt;
  };
  if (auto in_query = find(query, {"t", "start", "kalturaSeekFrom"}))
    return in_query;
  return find(fragment, {"t"});
}

std::string FormatTimecode(std::int64_t ms) {
  const std::int64_t s = ms / 1000;
  char buf[32];
  if (s >= 3600) {
    std::snprintf(
        buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
        static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld",
                  static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  }
  return buf;
}

}  // namespace timecite::linker
