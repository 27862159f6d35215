// HTML reports → Document (linker/document/reader_common.h describes the rebuilt text).
//
// Parsed with gumbo (WHATWG tree construction, so malformed markup is read as
// a browser would). What is read:
//   - body text, one paragraph per block element (p, div, li, h1..h6, td, ...);
//     <br> starts a new line of the same paragraph; script, style, noscript,
//     template and head are skipped;
//   - footnotes: an element with role="doc-endnote" or role="doc-footnote",
//     an <li> whose id starts with "fn" (Pandoc, markdown-it), Wikipedia's
//     "cite_note-…" and Word's "ftn1"/"_ftn1" containers. The number is the
//     id's last digits, else the <li>'s position in its list. Back-links
//     (role="doc-backlink", href="#fnref…", "#_ftnref…", "#cite_ref…") and the
//     note's own leading marker are dropped. Footnotes are written after the
//     body, in document order;
//   - footnote references: <sup> holding digits ("13", "[13]") or a link to
//     "#…" with role="doc-noteref", written "[^13]";
//   - links: <a href="http…"> is written "text <href>" unless the text holds
//     the URL already (the href is the URL, the link text its context).
// Origins: "paragraph 7, HTML line 42" and "footnote 13, paragraph 2, HTML
// line 90" (the HTML line of the first text of that line).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "linker/document/document.h"

namespace timecite::linker {

// Largest HTML input read, in bytes (32 MiB).
inline constexpr std::size_t kMaxHtmlInputBytes = 32u << 20;
// Errors: InvalidArgument for invalid UTF-8 (with line and column), for input
// over kMaxHtmlInputBytes, or nesting deeper than html::kMaxHtmlDepth
// (common/html_tree.h); IoError when the parser fails.
Result<Document> ReadHtml(std::string path, std::string_view bytes);

}  // namespace timecite::linker
