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

// Decodes, folds width (see FoldWidth) and drops invisible characters.
// REQUIRES: valid UTF-8.
std::string FoldWidthString(std::string_view text);

}  // namespace timecite::utf8
