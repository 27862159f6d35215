// UTF-8 helpers used by every reader. Input is bytes (std::string_view); code
// points are char32_t. The rules are those of RFC 3629 (no overlongs, no
// surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace timecite::utf8 {

// Decodes the code point that starts at `text[pos]`. On success stores it in
// `*cp`, returns its length in bytes (1..4). On an invalid or truncated
// sequence returns 0 and leaves `*cp` untouched.
std::size_t Decode(std::string_view text, std::size_t pos, char32_t* cp);

// Decode with the sequences of most non-Latin text (two bytes: Cyrillic,
// Arabic, accented Latin; three bytes outside E0/ED: CJK, punctuation) read
// inline, for loops that decode every character; the others go to Decode.
// Same contract as Decode.
inline std::size_t DecodeInline(std::string_view text, std::size_t pos,
                                char32_t* cp) {
  if (pos + 2 < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[pos]);
    const auto b1 = static_cast<unsigned char>(text[pos + 1]);
    if (b0 >= 0xC2 && b0 <= 0xDF && (b1 & 0xC0) == 0x80) {
      *cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
      return 2;
    }
    const auto b2 = static_cast<unsigned char>(text[pos + 2]);
    if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && (b1 & 0xC0) == 0x80 &&
        (b2 & 0xC0) == 0x80) {
      *cp = (static_cast<char32_t>(b0 & 0x0F) << 12) |
            (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
      return 3;
    }
  }
  return Decode(text, pos, cp);
}

// Writes the UTF-8 encoding of `cp` to out[0..3] and returns its length in
// bytes (1..4). REQUIRES: cp is a scalar value; `out` has room for 4 bytes.
inline std::size_t Encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Appends the UTF-8 encoding of `cp` to `out`. REQUIRES: cp is a scalar value.
void Append(char32_t cp, std::string* out);

// Byte offset of the first invalid sequence, or std::string_view::npos when
// `text` is valid UTF-8.
std::size_t FindInvalid(std::string_view text);

// Number of code points in a valid UTF-8 string (1-based columns are this + 1).
std::size_t CodePointCount(std::string_view text);

// True for code points that a URL never contains but editors' tools insert:
// zero-width space/joiners, word joiner, soft hyphen, BOM.
bool IsInvisible(char32_t cp);

// Folds full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic space to
// ' '; other code points are returned unchanged.
char32_t FoldWidth(char32_t cp);

// Folds a code point for matching phrases written by people: FoldWidth,
// Arabic-Indic and extended Arabic-Indic digits to ASCII, simple lower case
// (ASCII, Latin-1, Cyrillic), ratio and small colons to ':', no-break and
// thin spaces to ' '. Other code points are returned unchanged.
char32_t FoldForSearch(char32_t cp);

// How people's text is compared (the time-phrase grammar, the country table
// and the search index): FoldForSearch, then hamza/madda alef forms to bare
// alef, alef maksura to yeh, the Arabic comma to ','. Returns 0 for code
// points that are dropped: invisible characters, bidi marks, Arabic harakat
// and tatweel. (linker::FoldPhraseChar answers from a table built from it.)
char32_t FoldForMatching(char32_t cp);

// Accents off: a precomposed Latin letter of Latin-1 or Latin Extended-A
// (U+00C0..U+017F) to its base letter in the same case ("é" -> "e", "Ł" ->
// "L"; ligatures and letters without a base, such as "ß", "æ", "þ", kept),
// "ё"/"Ё" to "е"/"Е"; returns 0 for combining diacritical marks
// (U+0300..U+036F). Other code points are returned unchanged.
char32_t FoldAccent(char32_t cp);

// The text as the search index reads it (search/, docs/search.md): every code
// point through FoldForMatching and FoldAccent, dropped ones left out (so
// Latin-1 and Cyrillic capitals come lower case), ASCII kept as written (so
// the query operators AND, OR, NOT keep their case; the index lower-cases
// terms itself). An invalid byte becomes U+FFFD.
std::string FoldForIndex(std::string_view text);

// Decodes, folds width (see FoldWidth) and drops invisible characters.
// REQUIRES: valid UTF-8.
std::string FoldWidthString(std::string_view text);

}  // namespace timecite::utf8
