// PDF reports → Document (linker/document/reader_common.h describes the rebuilt text).
//
// Text comes from poppler-cpp 22.12, word by word with positions and font sizes
// (poppler::page::text_list); words are grouped into lines by position, one
// line of text per line on the page. What is rebuilt:
//   - footnotes: a line whose first word is a number set smaller than the
//     body text (a superscript marker), or a number starting a line set in a
//     smaller size, opens footnote N ("[^N]: …"); the lines after it on the
//     page, set small or in the footnote's size, continue it; small numbers
//     poppler gives out of reading order go back on the line they touch;
//   - footnote references: a small number glued after a word in body text
//     becomes "[^N]";
//   - paragraphs: a vertical gap larger than the line height, or a change
//     between body and footnote text, is a paragraph break;
//   - URLs wrapped across lines: when a line that reaches the right margin
//     ends inside a URL and the next line starts with URL characters, the two
//     are joined. A line-final '-' is kept if a link annotation holds the
//     joined form with it, else dropped. Without a '-', the lines are joined
//     when the URL ends with a separator ("/", ".", "=", …), the next word
//     holds one or a digit, or a link annotation holds the joined form.
// Link annotations come from poppler-glib (linker/document/pdf_links.h), which reads
// compressed object streams too (Word's "Save as PDF"). Besides deciding
// wrapped URLs, each link's URI is written into the text it covers, as the
// other readers write hyperlinks (linker/document/reader_common.h AppendLink): a URL
// written under the link is replaced by the URI when they differ; link text
// without a URL ("UN Web TV") gets " <URI>" after its last word. A link
// wrapped over several lines is written once, on its last line with text.
// Origins: "page 3, line 12" (lines counted from the top of the page).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "linker/document/document.h"

namespace timecite::linker {

// Largest PDF read, in bytes (256 MiB).
inline constexpr std::size_t kMaxPdfInputBytes = 256u << 20;

// Errors (InvalidArgument, message prefixed with `path`): not a PDF or a
// damaged one poppler cannot open; an encrypted PDF that needs a password;
// input over kMaxPdfInputBytes. A PDF with no text (scanned pages) gives an
// empty Document, not an error.
Result<Document> ReadPdf(std::string path, std::string_view bytes);

}  // namespace timecite::linker
