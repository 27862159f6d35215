#include "linker/timecode.h"

#include <algorithm>
#include <array>

#include "common/utf8.h"

namespace timecite::linker {
namespace {

// The text as folded code points (full-width → ASCII, Arabic-Indic digits →
// ASCII, simple lower case) with the byte offset of each.
struct Folded {
  std::u32string cps;
  std::vector<std::size_t> offsets;  // size cps.size() + 1
};

Folded Fold(std::string_view text) {
  Folded f;
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < text.size()) {
    std::size_t n = utf8::Decode(text, i, &cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    f.cps.push_back(utf8::FoldForSearch(cp));
    f.offsets.push_back(i);
    i += n;
  }
  f.offsets.push_back(text.size());
  return f;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiLetter(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n'; }

// Cues, lower case, as UTF-32.
constexpr std::u32string_view kStartBefore[] = {U"starting at", U"starting from", U"start at", U"starts at",
    U"beginning at", U"begins at", U"start time", U"start:", U"from", U"at", U"@",
    U"开始于", U"始于", U"起始于", U"从", U"自",
    U"à partir de", U"a partir de", U"à partir du", U"à", U"dès",
    U"a partir del minuto", U"a partir del", U"desde el minuto", U"desde", U"en el minuto",
    U"minuto",
    U"начиная с", U"начиная со", U"с отметки", U"с", U"на",
    U"ابتداء من الدقيقة", U"ابتداءً من الدقيقة", U"ابتداء من", U"ابتداءً من",
    U"بدءا من", U"بدءًا من", U"من الدقيقة", U"من"};
// Only start a range ("de 1:02:00 à 1:05:30", "del 1:02 al 1:05").
constexpr std::u32string_view kRangeOnlyBefore[] = {U"de", U"del", U"entre", U"between"};
constexpr std::u32string_view kStartAfter[] = {U"开始", U"起", U"处开始", U"開始"};
constexpr std::u32string_view kLengthBefore[] = {U"video,", U"video", U"length", U"length:", U"duration",
    U"duration:", U"runtime", U"时长", U"时长：", U"长度", U"片长", U"durée", U"durée :",
    U"duración", U"продолжительность", U"длительность", U"مدة", U"المدة"};
constexpr std::u32string_view kRangeSeparators[] = {U"to", U"until", U"till", U"through", U"-", U"–", U"—", U"~",
    U"至", U"到", U"à", U"a", U"al", U"hasta", U"до", U"по", U"إلى", U"حتى"};
constexpr std::u32string_view kTimeOfDayAfter[] = {U"am", U"pm", U"a.m.", U"p.m.", U"h ", U"uhr", U"utc", U"gmt",
    U"est", U"edt", U"cet", U"cest", U"hrs", U"hours", U"o'clock", U"new york time",
    U"纽约时间", U"上午", U"下午"};

struct Unit {
  std::u32string_view name;
  int scale_s;  // 3600, 60 or 1
};
constexpr Unit kUnits[] = {
    Unit{U"hours", 3600}, Unit{U"hour", 3600}, Unit{U"hrs", 3600}, Unit{U"hr", 3600},
    Unit{U"h", 3600}, Unit{U"小时", 3600}, Unit{U"小時", 3600}, Unit{U"時", 3600},
    Unit{U"часа", 3600}, Unit{U"час", 3600}, Unit{U"ч", 3600}, Unit{U"heures", 3600},
    Unit{U"heure", 3600}, Unit{U"horas", 3600}, Unit{U"hora", 3600}, Unit{U"ساعة", 3600},
    Unit{U"minutes", 60}, Unit{U"minute", 60}, Unit{U"minutos", 60}, Unit{U"minuto", 60},
    Unit{U"mins", 60}, Unit{U"min", 60}, Unit{U"m", 60}, Unit{U"分钟", 60}, Unit{U"分鐘", 60},
    Unit{U"分", 60}, Unit{U"минут", 60}, Unit{U"мин", 60}, Unit{U"دقيقة", 60},
    Unit{U"seconds", 1}, Unit{U"second", 1}, Unit{U"segundos", 1}, Unit{U"secondes", 1},
    Unit{U"secs", 1}, Unit{U"sec", 1}, Unit{U"s", 1}, Unit{U"秒", 1}, Unit{U"секунд", 1},
    Unit{U"сек", 1}, Unit{U"с", 1}, Unit{U"ثانية", 1}};

bool IsCueLetter(char32_t c) {
  return IsAsciiLetter(c) || (c >= 0x00E0 && c <= 0x00FE) || (c >= 0x0430 && c <= 0x044F) ||
         (c >= 0x0600 && c <= 0x06FF);
}

// Does cps[0, pos) end with `cue`, after skipping spaces and opening brackets,
// with a word boundary before a letter cue?
bool EndsWithCue(const std::u32string& cps, std::size_t pos, std::u32string_view cue) {
  std::size_t p = pos;
  while (p > 0 && (IsSpace(cps[p - 1]) || cps[p - 1] == U'(' || cps[p - 1] == U'[' ||
                   cps[p - 1] == U'“' || cps[p - 1] == U'"')) {
    --p;
  }
  if (p < cue.size()) return false;
  if (std::u32string_view(cps).substr(p - cue.size(), cue.size()) != cue) return false;
  const std::size_t before = p - cue.size();
  if (before > 0 && IsCueLetter(cue.front()) && IsCueLetter(cps[before - 1])) return false;
  return true;
}

template <std::size_t N>
bool AnyCueBefore(const std::u32string& cps, std::size_t pos,
                  const std::u32string_view (&cues)[N]) {
  for (auto cue : cues) {
    if (EndsWithCue(cps, pos, cue)) return true;
  }
  return false;
}

// Length of the cue of `cues` that starts cps[pos..] after spaces, or 0.
template <std::size_t N>
std::size_t CueAfter(const std::u32string& cps, std::size_t pos,
                     const std::u32string_view (&cues)[N]) {
  std::size_t p = pos;
  while (p < cps.size() && IsSpace(cps[p])) ++p;
  for (auto cue : cues) {
    if (std::u32string_view(cps).substr(p).starts_with(cue)) {
      const std::size_t end = p + cue.size();
      if (IsCueLetter(cue.back()) && end < cps.size() && IsCueLetter(cps[end])) continue;
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

std::size_t ReadDigits(const std::u32string& cps, std::size_t i, std::int64_t* value) {
  std::size_t n = 0;
  *value = 0;
  while (i + n < cps.size() && IsDigit(cps[i + n]) && n < 9) {
    *value = *value * 10 + (cps[i + n] - U'0');
    ++n;
  }
  return n;
}

std::optional<Token> ReadClock(const std::u32string& cps, std::size_t i) {
  std::vector<std::pair<std::int64_t, std::size_t>> parts;  // value, digit count
  std::size_t j = i;
  while (true) {
    std::int64_t v;
    const std::size_t n = ReadDigits(cps, j, &v);
    if (n == 0) return std::nullopt;
    parts.emplace_back(v, n);
    j += n;
    if (j + 1 < cps.size() && cps[j] == U':' && IsDigit(cps[j + 1]) && parts.size() < 3) {
      ++j;
      continue;
    }
    break;
  }
  if (parts.size() < 2) return std::nullopt;
  if (j < cps.size() && (IsDigit(cps[j]) || cps[j] == U':')) return std::nullopt;
  Token t;
  t.begin = i;
  t.end = j;
  t.clock = true;
  t.parts = static_cast<int>(parts.size());
  const std::size_t first_digits = parts[0].second;
  if (first_digits > 3) return std::nullopt;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].second != 2) t.error = "each part after the first needs two digits";
    if (parts[k].first >= 60) {
      t.error = k + 1 == parts.size() ? "seconds must be below 60" : "minutes must be below 60";
    }
  }
  if (parts.size() == 3) {
    t.ms = ((parts[0].first * 60 + parts[1].first) * 60 + parts[2].first) * 1000;
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
    for (const Unit& u : kUnits) {
      if (std::u32string_view(cps).substr(k).starts_with(u.name)) {
        const std::size_t after = k + u.name.size();
        if (IsCueLetter(u.name.back()) && after < cps.size() && IsCueLetter(cps[after])) continue;
        unit = &u;
        break;
      }
    }
    if (unit == nullptr || unit->scale_s >= last_scale) break;
    if (unit->scale_s < 3600 && count > 0 && v >= 60) {
      error = unit->scale_s == 60 ? "minutes must be below 60" : "seconds must be below 60";
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

std::string Slice(std::string_view text, const Folded& f, std::size_t b, std::size_t e) {
  return std::string(text.substr(f.offsets[b], f.offsets[e] - f.offsets[b]));
}

}  // namespace

std::vector<TimePhrase> FindTimePhrases(std::string_view text) {
  const Folded f = Fold(text);
  const std::u32string& cps = f.cps;
  std::vector<TimePhrase> out;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (!IsDigit(cps[i]) || (i > 0 && (IsDigit(cps[i - 1]) || cps[i - 1] == U':' ||
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
    phrase.begin = f.offsets[token->begin];
    phrase.end = f.offsets[token->end];
    phrase.written = Slice(text, f, token->begin, token->end);
    phrase.start_ms = token->ms;

    const bool time_of_day = CueAfter(cps, token->end, kTimeOfDayAfter) > 0;
    const bool start_cue = AnyCueBefore(cps, token->begin, kStartBefore) ||
                           CueAfter(cps, token->end, kStartAfter) > 0;
    const bool length_cue = AnyCueBefore(cps, token->begin, kLengthBefore);
    const bool range_cue = AnyCueBefore(cps, token->begin, kRangeOnlyBefore);

    // A range: a second timecode after a separator.
    std::optional<Token> second;
    if (const std::size_t sep = CueAfter(cps, token->end, kRangeSeparators)) {
      std::size_t k = token->end + sep;
      while (k < cps.size() && IsSpace(cps[k])) ++k;
      second = ReadToken(cps, k);
      if (second && second->clock != token->clock && token->clock) second.reset();
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
        phrase.error = second->error.empty() ? "the range ends before it starts"
                                             : second->error + " in the range's end";
      } else {
        phrase.end_ms = second->ms;
      }
      phrase.end = f.offsets[second->end];
      phrase.written = Slice(text, f, token->begin, second->end);
      i = second->end;
    }
    out.push_back(std::move(phrase));
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
    return Status::InvalidArgument("not a timecode: '" + std::string(timecode) +
                                   "' (use h:mm:ss, m:ss, 1h29m40s or seconds)");
  }
  if (!token->error.empty()) {
    return Status::InvalidArgument(token->error + " in " + std::string(timecode));
  }
  return token->ms;
}

std::string FormatTimecode(std::int64_t ms) {
  const std::int64_t s = ms / 1000;
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  }
  return buf;
}

}  // namespace timecite::linker
