#include "common/symbol.h"

#include <algorithm>
#include <array>
#include <regex>

#include "common/utf8.h"

namespace timecite::symbol {
namespace {

// First components of symbols: principal organs, their secretariats and the
// treaty and disarmament bodies that appear in UN footnotes.
constexpr std::string_view kOrgans[] = {
    "A",     "S",     "E",    "ST",    "T",    "TD",  "DP",    "UNEP", "ECE",
    "ESCAP", "ECLAC", "ECA",  "ESCWA", "CCPR", "CRC", "CEDAW", "CERD", "CAT",
    "CRPD",  "CMW",   "CED",  "CD",    "CCW",  "BWC", "NPT",   "APLC", "SPLOS",
    "ISBA",  "UNW",   "ICCD", "FCCC",  "PBC",  "HRI", "IDB",   "SG"};

// Modifiers written in title case in canonical symbols.
constexpr std::array<std::string_view, 5> kTitleCaseModifiers = {
    "Rev", "Add", "Corr", "Amend", "Summary"};

bool IsAsciiAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char Upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string UpperString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Upper(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsOrgan(std::string_view word, bool any_case) {
  for (std::string_view organ : kOrgans) {
    if (any_case ? EqualsIgnoreCase(word, organ) : word == organ) return true;
  }
  return false;
}

std::optional<std::string_view> TitleCaseModifier(std::string_view head) {
  for (std::string_view m : kTitleCaseModifiers) {
    if (EqualsIgnoreCase(head, m)) return m;
  }
  return std::nullopt;
}

// One '/'-separated part in canonical case: "rev.1" -> "Rev.1", "rev1" ->
// "Rev.1", "crp.2" -> "CRP.2".
std::string CanonicalPart(std::string_view part) {
  std::size_t head_end = 0;
  while (head_end < part.size() && IsAsciiAlpha(part[head_end])) ++head_end;
  if (auto modifier = TitleCaseModifier(part.substr(0, head_end))) {
    std::string out(*modifier);
    std::string_view rest = part.substr(head_end);
    if (!rest.empty() && IsAsciiDigit(rest.front())) out += '.';
    out += UpperString(rest);
    return out;
  }
  return UpperString(part);
}

// Length of one component at text[pos]: segment (('.'|'-') segment)*, a
// segment being [A-Za-z0-9]+. 0 when there is none.
std::size_t ComponentLength(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
  if (i == pos) return 0;
  while (i + 1 < text.size() && (text[i] == '.' || text[i] == '-') &&
         IsAsciiAlnum(text[i + 1])) {
    ++i;
    while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
  }
  return i - pos;
}

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (IsAsciiDigit(c)) return true;
  }
  return false;
}

struct Scanned {
  std::string symbol;   // canonical
  std::size_t end = 0;  // one past the last byte consumed
};

// Reads a symbol that starts at text[pos]. `any_case` accepts a lower-case
// organ (URL paths); free text requires upper case.
std::optional<Scanned> ScanSymbol(std::string_view text, std::size_t pos,
                                  bool any_case) {
  std::size_t i = pos;
  while (i < text.size() && IsAsciiAlpha(text[i])) ++i;
  const std::string_view organ = text.substr(pos, i - pos);
  if (organ.empty() || !IsOrgan(organ, any_case)) return std::nullopt;

  std::vector<std::string_view> parts;
  while (i + 1 < text.size() && text[i] == '/') {
    const std::size_t n = ComponentLength(text, i + 1);
    if (n == 0) break;
    parts.push_back(text.substr(i + 1, n));
    i += 1 + n;
  }
  if (parts.empty()) return std::nullopt;
  bool digit = false;
  for (std::string_view p : parts) digit = digit || HasDigit(p);
  if (!digit) return std::nullopt;
  // A single short part after a one-letter organ ("A/2") is too weak a signal
  // unless it carries a nature prefix ("S/PV.9748").
  if (parts.size() == 1 && organ.size() == 1 &&
      parts[0].find('.') == std::string_view::npos) {
    return std::nullopt;
  }

  Scanned out;
  out.symbol = UpperString(organ);
  for (std::string_view p : parts) {
    out.symbol += '/';
    out.symbol += CanonicalPart(p);
  }
  // Security Council resolutions carry their year: "S/RES/2334 (2016)".
  if (EqualsIgnoreCase(organ, "S") && parts.size() == 2 &&
      EqualsIgnoreCase(parts[0], "RES")) {
    std::size_t j = i;
    if (j < text.size() && text[j] == ' ') ++j;
    if (j + 6 <= text.size() && text[j] == '(' && text[j + 5] == ')' &&
        IsAsciiDigit(text[j + 1]) && IsAsciiDigit(text[j + 2]) &&
        IsAsciiDigit(text[j + 3]) && IsAsciiDigit(text[j + 4])) {
      out.symbol.append(text.substr(j, 6));
      i = j + 6;
    }
  }
  if (i < text.size() && text[i] == '*') ++i;  // reissue mark
  out.end = i;
  return out;
}

// Bytes that, written just before a candidate, mean it is part of a word, a
// path, a number or a URL rather than a symbol on its own.
bool GluesBefore(char c) {
  if (IsAsciiAlnum(c)) return true;
  switch (c) {
    case '_':
    case '/':
    case '.':
    case '-':
    case ':':
    case '=':
    case '?':
    case '&':
    case '%':
    case '#':
    case '@':
    case '~':
    case '+':
    case '\\':
      return true;
    default:
      return false;
  }
}

// True when the whitespace-delimited ASCII token holding text[pos] is a URL.
bool InsideUrlToken(std::string_view text, std::size_t pos) {
  std::size_t start = pos;
  while (start > 0) {
    const char c = text[start - 1];
    if (IsSpace(c) || c == '<' || c == '>' || c == '"' || c == '\'' ||
        static_cast<unsigned char>(c) >= 0x80) {
      break;
    }
    --start;
  }
  const std::string_view token = text.substr(start, pos - start);
  return token.find("://") != std::string_view::npos ||
         token.starts_with("www.");
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

// Value of `key` (case-insensitive) in a query string "a=1&DS=A/RES/75/282".
std::optional<std::string> QueryValue(std::string_view query,
                                      std::string_view key) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos &&
        EqualsIgnoreCase(pair.substr(0, eq), key)) {
      return PercentDecode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

bool IsLanguageSegment(std::string_view s) {
  for (std::string_view lang : {"en", "fr", "es", "ru", "ar", "zh"}) {
    if (EqualsIgnoreCase(s, lang)) return true;
  }
  return false;
}

// "/en/A/RES/75/282" or "/a/res/75/282" -> the symbol.
std::optional<std::string> FromSymbolPath(std::string_view path) {
  std::string decoded = PercentDecode(path);
  std::string_view rest = decoded;
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const std::size_t slash = rest.find('/');
  if (slash != std::string_view::npos &&
      IsLanguageSegment(rest.substr(0, slash))) {
    rest.remove_prefix(slash + 1);
  }
  return Parse(rest);
}

// A file-name token that can be a symbol part: carries a digit, or is upper
// case ("RES", "AC.290"), or is a modifier ("Rev.1").
bool IsFileNamePart(std::string_view token) {
  if (token.empty()) return false;
  if (HasDigit(token)) return true;
  for (char c : token) {
    if (!(IsAsciiUpper(c) || c == '.')) return false;
  }
  return true;
}

// "Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf" ->
// A/AC.290/2021/CRP.3.
std::optional<std::string> FromFileName(std::string_view path) {
  std::string name = PercentDecode(path.substr(path.rfind('/') + 1));
  for (std::string_view ext : {".pdf", ".docx", ".doc", ".html", ".htm"}) {
    if (name.size() > ext.size() &&
        EqualsIgnoreCase(
            std::string_view(name).substr(name.size() - ext.size()), ext)) {
      name.resize(name.size() - ext.size());
      break;
    }
  }
  std::vector<std::string_view> tokens;
  std::string_view rest = name;
  while (true) {
    const std::size_t dash = rest.find_first_of("-_ ");
    tokens.push_back(rest.substr(0, dash));
    if (dash == std::string_view::npos) break;
    rest.remove_prefix(dash + 1);
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!IsOrgan(tokens[i], /*any_case=*/false)) continue;
    std::string candidate(tokens[i]);
    std::size_t j = i + 1;
    while (j < tokens.size() && IsFileNamePart(tokens[j])) {
      candidate += '/';
      candidate += tokens[j];
      ++j;
    }
    if (j - i < 3) continue;  // organ plus at least two parts
    if (auto symbol = Parse(candidate)) return symbol;
  }
  return std::nullopt;
}

int ToInt(const std::ssub_match& m) {
  int value = 0;
  for (char c : m.str()) {
    value = value * 10 + (c - '0');
    if (value > 1'000'000) return -1;
  }
  return value;
}

std::optional<int> SearchNumber(const std::string& text, const std::regex& re) {
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  const int n = ToInt(m[1]);
  if (n <= 0) return std::nullopt;
  return n;
}

const std::regex& Re(int which) {
  constexpr auto kFlags = std::regex::ECMAScript | std::regex::icase;
  static const std::regex kAll[] = {
      /*0 meeting*/ std::regex(
          R"((\d+)\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)", kFlags),
      /*1 plenary*/
      std::regex(R"((\d+)\s*(?:st|nd|rd|th)\s+plenary\s+meeting)", kFlags),
      /*2 session*/
      std::regex(R"((\d+)\s*(?:st|nd|rd|th)\s+(?:regular\s+)?session)", kFlags),
      /*3 emergency*/
      std::regex(R"((\d+)\s*(?:st|nd|rd|th)\s+emergency\s+special\s+session)",
                 kFlags),
      /*4 special*/
      std::regex(R"((\d+)\s*(?:st|nd|rd|th)\s+special\s+session)", kFlags),
      /*5 year session*/ std::regex(R"(\b((?:19|20)\d\d)\s+session)", kFlags),
      /*6 committee*/
      std::regex(R"(\b(first|second|third|fourth|fifth|sixth)\s+committee\b)",
                 kFlags),
      /*7 other bodies*/
      std::regex(
          R"(\b(council|committee|commission|conference|forum|subcommittee)\b)",
          kFlags),
  };
  return kAll[which];
}

bool Contains(const std::string& text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return Lower(a) == Lower(b); }) !=
         text.end();
}

std::optional<std::string> CommitteeRecord(const std::string& title) {
  std::smatch m;
  if (!std::regex_search(title, m, Re(6))) return std::nullopt;
  static constexpr std::array<std::string_view, 6> kOrdinals = {
      "first", "second", "third", "fourth", "fifth", "sixth"};
  int committee = 0;
  for (std::size_t k = 0; k < kOrdinals.size(); ++k) {
    if (EqualsIgnoreCase(m[1].str(), kOrdinals[k]))
      committee = static_cast<int>(k) + 1;
  }
  const auto meeting = SearchNumber(title, Re(0));
  const auto session = SearchNumber(title, Re(2));
  if (committee == 0 || !meeting || !session) return std::nullopt;
  // The First Committee has verbatim records; the others summary records.
  return "A/C." + std::to_string(committee) + "/" + std::to_string(*session) +
         (committee == 1 ? "/PV." : "/SR.") + std::to_string(*meeting);
}

// Human rights treaty bodies keep summary records <body>/C/SR.<meeting>
// ("2954th Meeting, 101st Session, Committee on the Rights of the Child (CRC)"
// -> CRC/C/SR.2954); the body is recognised by its acronym in parentheses.
std::optional<std::string> TreatyBodyRecord(const std::string& title) {
  static constexpr std::pair<std::string_view, std::string_view> kBodies[] = {
      {"(CRC)", "CRC/C"},   {"(CEDAW)", "CEDAW/C"}, {"(CED)", "CED/C"},
      {"(CERD)", "CERD/C"}, {"(CAT)", "CAT/C"},     {"(CCPR)", "CCPR/C"},
      {"(CRPD)", "CRPD/C"}, {"(CMW)", "CMW/C"},     {"(CESCR)", "E/C.12"}};
  for (const auto& [acronym, prefix] : kBodies) {
    if (title.find(acronym) == std::string::npos) continue;
    if (auto meeting = SearchNumber(title, Re(0))) {
      return std::string(prefix) + "/SR." + std::to_string(*meeting);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> GeneralAssemblyRecord(const std::string& title) {
  const auto meeting = SearchNumber(title, Re(1));
  if (!meeting) return std::nullopt;
  const bool assembly = Contains(title, "General Assembly");
  if (!assembly && std::regex_search(title, Re(7))) return std::nullopt;
  if (auto es = SearchNumber(title, Re(3))) {
    return "A/ES-" + std::to_string(*es) + "/PV." + std::to_string(*meeting);
  }
  if (auto special = SearchNumber(title, Re(4))) {
    return "A/S-" + std::to_string(*special) + "/PV." +
           std::to_string(*meeting);
  }
  const auto session = SearchNumber(title, Re(2));
  if (!session) return std::nullopt;
  return "A/" + std::to_string(*session) + "/PV." + std::to_string(*meeting);
}

}  // namespace

std::string Normalize(std::string_view symbol) {
  std::string_view trimmed = Trim(symbol);
  if (utf8::FindInvalid(trimmed) != std::string_view::npos)
    return std::string(trimmed);
  const std::string folded = utf8::FoldWidthString(trimmed);
  std::string_view s = Trim(folded);
  while (!s.empty() && (s.back() == '*' || IsSpace(s.back())))
    s.remove_suffix(1);

  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = s.find('/', start);
    std::string_view part = Trim(s.substr(start, slash - start));
    // "2334 (2016)" -> "2334(2016)"
    std::string joined;
    for (std::size_t i = 0; i < part.size(); ++i) {
      if (IsSpace(part[i]) && i + 1 < part.size() && part[i + 1] == '(')
        continue;
      joined += part[i];
    }
    if (!out.empty() || start > 0) out += '/';
    out += CanonicalPart(joined);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::optional<std::string> Parse(std::string_view text) {
  const std::string normalized = Normalize(text);
  auto scanned = ScanSymbol(normalized, 0, /*any_case=*/true);
  if (!scanned || scanned->end != normalized.size()) return std::nullopt;
  return scanned->symbol;
}

std::vector<SymbolMatch> FindInText(std::string_view utf8_text) {
  // Every symbol is an organ's letters, then '/' (ScanSymbol needs at least
  // one part): only the letters just before each '/' can start one, so the
  // text is searched for '/' (memchr) instead of trying every word.
  std::vector<SymbolMatch> out;
  std::size_t done = 0;  // the end of the last symbol found
  for (std::size_t slash = utf8_text.find('/'); slash != std::string_view::npos;
       slash = utf8_text.find('/', std::max(slash + 1, done))) {
    std::size_t i = slash;
    while (i > done && IsAsciiAlpha(utf8_text[i - 1])) --i;
    if (i == slash) continue;
    const bool starts_word = IsAsciiUpper(utf8_text[i]) &&
                             (i == 0 || !GluesBefore(utf8_text[i - 1]));
    if (!starts_word) continue;
    auto scanned = ScanSymbol(utf8_text, i, /*any_case=*/false);
    const bool ends_word =
        scanned &&
        (scanned->end == utf8_text.size() ||
         !(IsAsciiAlnum(utf8_text[scanned->end]) ||
           utf8_text[scanned->end] == '_' || utf8_text[scanned->end] == '/'));
    if (ends_word && !InsideUrlToken(utf8_text, i)) {
      out.push_back({std::move(scanned->symbol), i, scanned->end});
      done = scanned->end;
    }
  }
  return out;
}

std::optional<std::string> FromUrl(const Url& url) {
  const std::string& host = url.host;
  if (HostWithin(host, "undocs.org") || HostWithin(host, "docs.un.org")) {
    if (auto s = QueryValue(url.query, "FinalSymbol")) return Parse(*s);
    if (auto s = QueryValue(url.query, "symbol")) return Parse(*s);
    return FromSymbolPath(url.path);
  }
  if (HostWithin(host, "daccess-ods.un.org") ||
      HostWithin(host, "documents.un.org")) {
    if (auto s = QueryValue(url.query, "DS")) return Parse(*s);
    if (auto s = QueryValue(url.query, "symbol")) return Parse(*s);
    return std::nullopt;
  }
  if (HostWithin(host, "un-arm.org")) return FromFileName(url.path);
  return std::nullopt;
}

std::string DocsLink(std::string_view symbol) {
  return "https://docs.un.org/" + Normalize(symbol);
}

std::optional<std::string> MeetingRecordFromTitle(std::string_view title_view) {
  if (title_view.size() > 4096) return std::nullopt;  // no title is this long
  const std::string title(title_view);
  if (auto committee = CommitteeRecord(title)) return committee;
  if (Contains(title, "Security Council")) {
    if (Contains(title, "Arria") ||
        Contains(title, "Security Council Committee")) {
      return std::nullopt;
    }
    if (auto meeting = SearchNumber(title, Re(0)))
      return "S/PV." + std::to_string(*meeting);
    return std::nullopt;
  }
  if (auto treaty = TreatyBodyRecord(title)) return treaty;
  if (Contains(title, "Conference on Disarmament")) {
    if (auto meeting = SearchNumber(title, Re(1)))
      return "CD/PV." + std::to_string(*meeting);
    return std::nullopt;
  }
  if (Contains(title, "Human Rights Council")) {
    const auto meeting = SearchNumber(title, Re(0));
    if (!meeting) return std::nullopt;
    if (auto special = SearchNumber(title, Re(4))) {
      return "A/HRC/S-" + std::to_string(*special) + "/SR." +
             std::to_string(*meeting);
    }
    if (auto session = SearchNumber(title, Re(2))) {
      return "A/HRC/" + std::to_string(*session) + "/SR." +
             std::to_string(*meeting);
    }
    return std::nullopt;
  }
  if (Contains(title, "Economic and Social Council") ||
      Contains(title, "ECOSOC")) {
    const auto meeting = SearchNumber(title, Re(0));
    const auto year = SearchNumber(title, Re(5));
    if (!meeting || !year) return std::nullopt;
    return "E/" + std::to_string(*year) + "/SR." + std::to_string(*meeting);
  }
  return GeneralAssemblyRecord(title);
}

}  // namespace timecite::symbol
