#include "linker/document/urls.h"

#include <algorithm>
#include <array>

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
    const bool angle = h > 0 && text[h - 1] == '<';
    FoundUrl url;
    url.begin = h;
    url.angle_brackets = angle;
    int parens = 0, brackets = 0;
    std::size_t j = h;
    std::size_t last_kept_end = h;
    char32_t cp = 0;
    // url.url is [h, last_kept_end) without its invisible characters: runs
    // of kept bytes are appended when an invisible character interrupts
    // them, and at the end.
    std::size_t run = h;
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
        if (kEndsUrlAscii[c]) break;
        cp = c;
      } else {
        n = utf8::Decode(text, j, &cp);
        if (n == 0) break;
        if (utf8::IsInvisible(cp)) {
          url.url.append(text.substr(run, j - run));
          j += n;
          run = j;
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
    if (run < last_kept_end)
      url.url.append(text.substr(run, last_kept_end - run));
    url.end = last_kept_end;
    if (!angle) {
      while (url.url.size() > scheme_len &&
             std::string_view(".,;:!?'").find(url.url.back()) !=
                 std::string_view::npos) {
        url.url.pop_back();
        // Back up over any invisible characters before the trimmed byte too.
        --url.end;
        while (url.end > url.begin) {
          char32_t prev = 0;
          std::size_t k = url.end;
          do {
            --k;
          } while (k > url.begin &&
                   (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80);
          if (utf8::Decode(text, k, &prev) && utf8::IsInvisible(prev))
            url.end = k;
          else
            break;
        }
      }
    }
    if (url.url.size() > scheme_len) found.push_back(std::move(url));
    i = std::max(j, h + 1);
  }
  return found;
}

}  // namespace timecite::linker
