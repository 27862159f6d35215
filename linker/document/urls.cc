#include "linker/document/urls.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "common/byte_scan.h"
#include "common/utf8.h"

namespace timecite::linker {
namespace {

bool StartsWithNoCase(std::string_view s, std::size_t i,
                      std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[k]) return false;
  }
  return true;
}

constexpr bool EndsUrl(char32_t cp) {
  if (cp <= 0x20 || cp == 0x7F) return true;
  switch (cp) {
    case '"':
    case '<':
    case '>':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '`':
    case 0x00A0:
    case 0x00AB:
    case 0x00BB:  // nbsp, « »
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:  // ‘ ’ “ ”
    case 0x2026:
    case 0x2013:
    case 0x2014:  // … – —
    case 0x00B9:
    case 0x00B2:
    case 0x00B3:
    case 0x2070:  // superscripts
      return true;
    default:
      break;
  }
  if (cp >= 0x2074 && cp <= 0x2079) return true;  // superscript 4-9
  if (cp >= 0x3000 && cp <= 0x303F) return true;  // CJK symbols and punctuation
  if (cp >= 0xFF00 && cp <= 0xFFEF) return true;  // full-width forms
  if (cp >= 0x2028 && cp <= 0x202F) return true;  // separators
  return false;
}

// EndsUrl for each ASCII byte.
constexpr auto kEndsUrlAscii = [] {
  std::array<bool, 128> table{};
  for (char32_t c = 0; c < 128; ++c) table[c] = EndsUrl(c);
  return table;
}();

// Punctuation that ends a sentence or clause after a URL: cut from its end
// unless the URL was in angle brackets (the reading with it kept is
// FoundUrl::alternative). ASCII ".,;:!?'" and the Arabic comma, semicolon,
// question mark and full stop (U+060C, U+061B, U+061F, U+06D4).
bool IsTrailingPunctuation(char32_t cp) {
  switch (cp) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '\'':
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x06D4:
      return true;
    default:
      return false;
  }
}

// `text` without its invisible characters (utf8::IsInvisible).
std::string Visible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t run = 0, k = 0;
  while (k < text.size()) {
    if (static_cast<unsigned char>(text[k]) < 0x80) {
      ++k;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = utf8::Decode(text, k, &cp);
    if (n == 0) break;
    if (utf8::IsInvisible(cp)) {
      out.append(text.substr(run, k - run));
      run = k + n;
    }
    k += n;
  }
  out.append(text.substr(run));
  return out;
}

// Where "http://" or "https://" (any case) glued after a comma starts in
// [from, to) of `text`: the comma's offset, or npos.
std::size_t GluedSchemeComma(std::string_view text, std::size_t from,
                             std::size_t to) {
  for (std::size_t k = text.find(',', from); k != std::string_view::npos && k < to;
       k = text.find(',', k + 1)) {
    if (StartsWithNoCase(text, k + 1, "https://") ||
        StartsWithNoCase(text, k + 1, "http://"))
      return k;
  }
  return std::string_view::npos;
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The end of the next line's first word when it continues a URL wrapped at
// `nl` (a '\n' right after the URL's last byte), or npos. In angle brackets
// the word must close them ("…/2022/11/\n1087042>"); otherwise the URL must
// end in '/' and the word be a path segment: ASCII letters, digits and
// "-._~%/?=&#+", starting with a letter or digit and holding a digit
// ("1087042"): prose on the next line is not read into the URL.
std::size_t WrappedContinuation(std::string_view text, std::size_t nl, bool angle) {
  if (nl == 0 || nl >= text.size() || text[nl] != '\n') return std::string_view::npos;
  if (!angle && text[nl - 1] != '/') return std::string_view::npos;
  const std::size_t from = nl + 1;
  if (from >= text.size() || !IsAsciiAlnum(text[from])) return std::string_view::npos;
  std::size_t k = from;
  bool digit = false;
  while (k < text.size()) {
    const char c = text[k];
    if (IsAsciiAlnum(c) ||
        std::string_view("-._~%/?=&#+").find(c) != std::string_view::npos) {
      digit |= c >= '0' && c <= '9';
      ++k;
      continue;
    }
    break;
  }
  if (angle) {
    return k < text.size() && text[k] == '>' ? k : std::string_view::npos;
  }
  if (!digit) return std::string_view::npos;
  // Trailing punctuation stays outside, as on one line.
  std::size_t end = k;
  while (end > from && IsTrailingPunctuation(static_cast<unsigned char>(text[end - 1])))
    --end;
  const bool word_ends =
      k == text.size() || static_cast<unsigned char>(text[k]) <= 0x20 ||
      IsTrailingPunctuation(static_cast<unsigned char>(text[k])) ||
      static_cast<unsigned char>(text[k]) >= 0x80;
  return word_ends && end > from ? k : std::string_view::npos;
}

// Reads the URL starting at `h` (its scheme, or its host when written
// without one: then `scheme_len` is the host's length, the least it keeps).
// Sets *scan_end to where the scan stopped (the next search starts there).
FoundUrl ReadUrl(std::string_view text, std::size_t h, std::size_t scheme_len,
                 std::size_t* scan_end) {
  const bool angle = h > 0 && text[h - 1] == '<';
  FoundUrl url;
  url.begin = h;
  url.angle_brackets = angle;
  int parens = 0, brackets = 0;
  std::size_t j = h;
  std::size_t last_kept_end = h;
  std::size_t wrapped_at = std::string_view::npos;  // the '\n' joined over
  char32_t cp = 0;
  while (j < text.size()) {
    // Printable ASCII other than the bytes that end a URL or count as
    // brackets is kept as it is: stepped over sixteen bytes at a time.
    if (const std::size_t plain =
            bytes::FindFirstNotPlain<'"', '<', '>', '{', '}', '|', '\\', '^',
                                     '`', '(', ')', '[', ']'>(text, j);
        plain != j) {
      j = plain;
      last_kept_end = j;
      if (j == text.size()) break;
    }
    const auto c = static_cast<unsigned char>(text[j]);
    std::size_t n = 1;
    if (c < 0x80) {  // ASCII: a table, no decoding
      if (kEndsUrlAscii[c]) {
        // A URL wrapped onto the next line goes on there (once).
        if (c == '\n' && wrapped_at == std::string_view::npos &&
            last_kept_end == j &&
            WrappedContinuation(text, j, angle) != std::string_view::npos) {
          wrapped_at = j;
          ++j;
          continue;
        }
        break;
      }
      cp = c;
    } else {
      n = utf8::Decode(text, j, &cp);
      if (n == 0) break;
      if (utf8::IsInvisible(cp)) {
        j += n;
        continue;
      }
      if (EndsUrl(cp)) break;
    }
    if (cp == '(') ++parens;
    if (cp == '[') ++brackets;
    if (cp == ')' && --parens < 0) break;
    if (cp == ']' && --brackets < 0) break;
    j += n;
    last_kept_end = j;
  }
  // A comma glued between two URLs ("a/803,https://b", or a CSV row
  // "a.shtml,plenary,https://b") ends the first at its first comma after
  // the scheme; the next URL is found from there.
  if (const std::size_t glued =
          GluedSchemeComma(text, h + scheme_len, last_kept_end);
      glued != std::string_view::npos) {
    last_kept_end = text.find(',', h + scheme_len);
    j = last_kept_end;
    if (wrapped_at != std::string_view::npos && wrapped_at >= last_kept_end)
      wrapped_at = std::string_view::npos;
  }
  url.url = Visible(text.substr(h, last_kept_end - h));
  url.end = last_kept_end;
  if (!angle) {
    const std::size_t full_end = url.end;
    while (url.url.size() > scheme_len) {
      // The last code point of the URL.
      std::size_t k = url.url.size() - 1;
      while (k > 0 && (static_cast<unsigned char>(url.url[k]) & 0xC0) == 0x80) --k;
      char32_t last = 0;
      if (utf8::Decode(url.url, k, &last) == 0 || !IsTrailingPunctuation(last)) break;
      const std::size_t n = url.url.size() - k;
      url.url.resize(k);
      url.end -= n;
      // Back up over any invisible characters before the trimmed one too.
      while (url.end > url.begin) {
        char32_t prev = 0;
        std::size_t b = url.end;
        do {
          --b;
        } while (b > url.begin &&
                 (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80);
        if (utf8::Decode(text, b, &prev) && utf8::IsInvisible(prev))
          url.end = b;
        else
          break;
      }
    }
    if (url.end != full_end && wrapped_at == std::string_view::npos &&
        url.url.size() > scheme_len) {
      url.alternative = Visible(text.substr(h, full_end - h));
      url.alternative_kind = FoundUrl::Alternative::kTrailingPunctuation;
    }
  }
  if (wrapped_at != std::string_view::npos && wrapped_at < url.end) {
    // Read joined (the '\n' is not part of it); the reading cut at the
    // line end is the alternative.
    const std::size_t cut = url.url.find('\n');
    if (cut != std::string::npos) {
      url.alternative = url.url.substr(0, cut);
      url.url.erase(cut, 1);
      url.alternative_kind = FoundUrl::Alternative::kLineWrap;
    }
  }
  *scan_end = j;
  return url;
}

bool IsHostChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// A host that a link written without a scheme is read with (issue 20: UN
// footnotes write "undocs.org/A/75/816", "www.un.org/disarmament/…",
// "media.un.org/en/asset/…"): undocs.org, un.org and its subdomains, and any
// host starting with "www." with a dot after it.
bool IsSchemelessHost(std::string_view host) {
  if (host.starts_with("www.")) {
    const std::size_t dot = host.find('.', 4);
    return dot != std::string_view::npos && dot > 4 && dot + 1 < host.size();
  }
  return host == "undocs.org" || host == "un.org" || host.ends_with(".un.org");
}

// Links written without a scheme (IsSchemelessHost, followed by '/' and a
// path), added to `found` in text order; a candidate inside a URL already
// found is skipped. Found from their "www." and ".org/" (rare in prose), in
// one pass: a host is at most kMaxHostBytes, so each candidate costs at most
// that much whatever the text ("www.www.www…" included).
void AddSchemeless(std::string_view text, std::vector<FoundUrl>* found) {
  constexpr std::size_t kMaxHostBytes = 253;  // RFC 1035's longest name
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t www = text.find("www."), org = text.find(".org/");
  std::vector<FoundUrl> added;
  std::size_t k = 0;          // the next URL of `found` that could overlap
  std::size_t next_free = 0;  // past the last candidate looked at or URL added
  while (www != npos || org != npos) {
    std::size_t at;
    if (org == npos || (www != npos && www < org)) {
      at = www;
      www = text.find("www.", www + 1);
    } else {
      at = org;
      org = text.find(".org/", org + 1);
    }
    // The host's first byte: back over host characters, at most a host's
    // length.
    const std::size_t limit = at > kMaxHostBytes ? at - kMaxHostBytes : 0;
    std::size_t b = at;
    while (b > limit && IsHostChar(text[b - 1])) --b;
    if (b == limit && b > 0 && IsHostChar(text[b - 1])) continue;  // too long
    if (b < next_free) continue;
    next_free = b + 1;
    while (k < found->size() && (*found)[k].end <= b) ++k;
    if (k < found->size() && (*found)[k].begin <= b) continue;  // inside one
    // Not inside a word, an e-mail address, a path or a URL ("x.un.org/",
    // "a@un.org/", "//www.", "/undocs.org/").
    if (b > 0) {
      const char before = text[b - 1];
      if (IsAsciiAlnum(before) || before == '/' || before == '@' ||
          before == '.' || before == '-' || before == ':' || before == '_' ||
          before == '%' || before == '=' || before == '&' || before == '?' ||
          before == '#')
        continue;
    }
    std::size_t e = b;
    while (e < text.size() && e - b <= kMaxHostBytes && IsHostChar(text[e])) ++e;
    if (e >= text.size() || text[e] != '/' || e + 1 >= text.size()) continue;
    std::string host(text.substr(b, e - b));
    for (char& c : host) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (!IsSchemelessHost(host)) continue;
    std::size_t scan_end = 0;
    FoundUrl url = ReadUrl(text, b, e - b + 1, &scan_end);
    if (url.url.size() <= e - b + 1) continue;  // the host and '/' alone
    url.scheme_written = false;
    next_free = std::max(next_free, url.end);
    added.push_back(std::move(url));
  }
  if (added.empty()) return;
  std::vector<FoundUrl> merged;
  merged.reserve(found->size() + added.size());
  std::merge(std::make_move_iterator(found->begin()), std::make_move_iterator(found->end()),
             std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()),
             std::back_inserter(merged),
             [](const FoundUrl& x, const FoundUrl& y) { return x.begin < y.begin; });
  *found = std::move(merged);
}

}  // namespace

std::vector<FoundUrl> FindUrls(std::string_view text) {
  std::vector<FoundUrl> found;
  std::size_t i = 0;
  // Candidates are found from their "://" (memchr-fast, and rare in prose)
  // rather than from every 'h' of the text.
  std::size_t colon = 0;
  while (i < text.size()) {
    colon = text.find("://", std::max(colon, i + 4));
    if (colon == std::string_view::npos) break;
    std::size_t h = 0, scheme_len = 0;
    if (colon >= i + 5 && StartsWithNoCase(text, colon - 5, "https://")) {
      h = colon - 5;
      scheme_len = 8;
    } else if (StartsWithNoCase(text, colon - 4, "http://")) {
      h = colon - 4;
      scheme_len = 7;
    } else {
      ++colon;
      continue;
    }
    // Not inside a word ("xhttp://") and something after the scheme.
    const bool word_before =
        h > 0 && (std::isalnum(static_cast<unsigned char>(text[h - 1])) ||
                  text[h - 1] == '/');
    if (word_before) {
      i = h + 1;
      ++colon;
      continue;
    }
    std::size_t j = 0;
    FoundUrl url = ReadUrl(text, h, scheme_len, &j);
    if (url.url.size() > scheme_len) found.push_back(std::move(url));
    i = std::max(j, h + 1);
  }
  AddSchemeless(text, &found);
  return found;
}

std::string WithDefaultScheme(std::string_view written) {
  // A scheme: a letter, then letters, digits, "+-.", then "://".
  std::size_t k = 0;
  while (k < written.size() &&
         ((written[k] >= 'a' && written[k] <= 'z') ||
          (written[k] >= 'A' && written[k] <= 'Z') ||
          (k > 0 && ((written[k] >= '0' && written[k] <= '9') ||
                     written[k] == '+' || written[k] == '-' || written[k] == '.'))))
    ++k;
  if (k > 0 && written.substr(k).starts_with("://")) return std::string(written);
  return "https://" + std::string(written);
}

}  // namespace timecite::linker
