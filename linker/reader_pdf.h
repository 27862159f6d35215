// PDF reports → Document (linker/reader_common.h describes the rebuilt text).
//
// Text comes from poppler-cpp, word by word with positions and font sizes
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
// Link annotations: poppler-cpp 22.12 has no API for them, so their URIs are
// read from the file's uncompressed objects (/URI (…) strings); URIs inside
// compressed object streams are not seen, and then the text alone decides.
// Origins: "page 3, line 12" (lines counted from the top of the page).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "linker/document.h"

namespace timecite::linker {

// Largest PDF read, in bytes (256 MiB).
inline constexpr std::size_t kMaxPdfInputBytes = 256u << 20;

// Errors (InvalidArgument, message prefixed with `path`): not a PDF or a
// damaged one poppler cannot open; an encrypted PDF that needs a password;
// input over kMaxPdfInputBytes. A PDF with no text (scanned pages) gives an
// empty Document, not an error.
Result<Document> ReadPdf(std::string path, std::string_view bytes);

// The URIs of the link annotations found in the uncompressed objects of
// `bytes` (the values of /URI entries), in file order, without duplicates.
std::vector<std::string> PdfLinkUris(std::string_view bytes);

}  // namespace timecite::linker
