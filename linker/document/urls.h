// Finds http(s) URLs in prose, as written.
//
// A URL starts at "http://" or "https://" (any case) and ends at whitespace; at
// '>' when it opened with '<'; at CJK punctuation and full-width forms
// ("，。；：）」》", U+3000..U+303F, U+FF00..U+FFEF); at quotation marks; at a
// superscript digit (a footnote reference glued to it); at an unbalanced ')'
// or ']'. Trailing ".,;:!?'" are trimmed unless the URL was in angle brackets.
// The query and fragment are otherwise kept byte-exact. Zero-width characters
// and soft hyphens inside a URL are removed from the extracted form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace timecite::linker {

struct FoundUrl {
  std::string url;          // as written, minus invisible characters
  std::size_t begin = 0;    // byte offset of 'h' in the searched text
  std::size_t end = 0;      // one past the last byte taken
  bool angle_brackets = false;
};

std::vector<FoundUrl> FindUrls(std::string_view text);

}  // namespace timecite::linker
