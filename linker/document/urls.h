// Finds http(s) URLs in prose, as written, and links written without a
// scheme to a UN or "www." host.
//
// A URL starts at "http://" or "https://" (any case) and ends at whitespace; at
// '>' when it opened with '<'; at CJK punctuation and full-width forms
// ("，。；：）」》", U+3000..U+303F, U+FF00..U+FFEF); at quotation marks; at a
// superscript digit (a footnote reference glued to it); at an unbalanced ')'
// or ']'; at a comma glued before another "http(s)://" (CSV rows: it ends at
// its first comma after the scheme, "a.shtml,plenary,https://b" -> "a.shtml").
// Trailing ".,;:!?'" and the Arabic "، ؛ ؟ ۔" are trimmed unless the URL was
// in angle brackets; the reading with them kept is FoundUrl::alternative.
// A URL wrapped onto the next line is joined: in angle brackets when the
// next line's first word closes them ("<https://a/2022/11/\n1087042>"),
// otherwise when the URL ends in '/' and the next line begins with a path
// segment holding a digit ("https://a/2022/11/\n1087042"); the reading cut
// at the line end is then the alternative.
// A link written without a scheme is found too when its host is undocs.org,
// un.org or one of its subdomains, or starts with "www." ("undocs.org/A/75/
// 816", "www.un.org/disarmament/…", "media.un.org/en/asset/…"), followed by
// '/' and a path, not inside a word, an e-mail address or a path; it ends as
// a URL with a scheme does. FoundUrl::url is then as written.
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
  // False for a link written without a scheme ("undocs.org/A/75/816"): `url`
  // is as written, and is fetched over https.
  bool scheme_written = true;
  // The other reading of a URL whose end was a guess, "" when there is none:
  // the URL with the trailing punctuation the rule cut kept
  // ("https://a/act-now-2." for "https://a/act-now-2"), or the part before
  // the line break of a URL joined across lines. The online check keeps the
  // reading that answers (linker/checks/verify.h SettleUrlAlternatives).
  enum class Alternative { kNone, kTrailingPunctuation, kLineWrap };
  std::string alternative;
  Alternative alternative_kind = Alternative::kNone;
};

std::vector<FoundUrl> FindUrls(std::string_view text);

// A link as written, with "https://" in front when it has no scheme
// ("undocs.org/A/75/816" -> "https://undocs.org/A/75/816": a link written
// without one is fetched over https). Unchanged when it starts with a scheme
// ("http://", "HTTPS://", any "name://").
std::string WithDefaultScheme(std::string_view written);

}  // namespace timecite::linker
