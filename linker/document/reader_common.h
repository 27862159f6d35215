// Shared by the document readers (HTML, DOCX, PDF): the rebuilt text they
// produce, links written into it, and format sniffing.
//
// A reader turns a file's bytes into a Document whose `text` is plain text the
// rest of the pipeline already reads (linker/citations/footnotes.h):
//   - body paragraphs are lines separated by a blank line;
//   - a footnote is a line "[^N]: text" (Markdown style), its further
//     paragraphs the lines that follow it without a blank line;
//   - a footnote reference in body text is written "[^N]" after its word;
//   - a hyperlink whose URL is not in its visible text is written
//     "text <URL>" (the link's URL beats the text).
// Each line of `text` carries an origin (Document::line_origins) such as
// "page 3, line 12", "footnote 13, paragraph 2" or "paragraph 7".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "linker/document/document.h"

namespace timecite::linker {

// Accumulates lines of rebuilt text with their origins.
class RebuiltText {
 public:
  // Appends one line. Newlines, carriage returns and other C0 controls inside
  // `line` become spaces; runs of spaces are kept as written. A line that is
  // blank after that is not added (use ParagraphBreak).
  void AddLine(std::string_view line, std::string origin);
  // Ends the current paragraph: at most one blank line, none at the start.
  void ParagraphBreak();
  bool empty() const { return lines_.empty(); }

  // Builds the Document. Errors: InvalidArgument naming the origin of the
  // first line with invalid UTF-8, or when the text exceeds kMaxDocumentBytes.
  Result<Document> Finish(std::string path, DocumentFormat format) &&;

 private:
  std::vector<std::string> lines_;    // "" is a blank line
  std::vector<std::string> origins_;  // one per line
};

// Appends a hyperlink to `out`: the visible text, and " <URL>" after it when
// `url` is an http(s) URL that the visible text does not already contain. A
// visible text that holds another URL has that URL replaced by `url` (the
// link target is what the citation points at). Non-http(s) targets (mailto:,
// internal anchors) leave the visible text alone.
void AppendLink(std::string_view visible, std::string_view url, std::string* out);

// Appends a footnote reference "[^N]" to `out`, glued to the word before it
// (with a space when that word is a URL, so the URL does not swallow it).
void AppendFootnoteRef(int number, std::string* out);

// Collapses runs of white space (ASCII space, tab, newline, no-break space
// U+00A0 is kept) to one space and trims both ends.
std::string CollapseSpaces(std::string_view text);

// The file name's extension in lower case, with its dot: "R.DOCX" -> ".docx";
// "" when there is none.
std::string LowerExtension(std::string_view path);

// Detects a document's format from its first bytes, with the file name as a
// hint: "PK\3\4" → kDocx; "%PDF-" in the first 1024 bytes → kPdf; "<html" or
// "<!doctype html" near the start (or an .htm/.html/.xhtml name on markup) →
// kHtml; otherwise kMarkdown for .md/.markdown names and kText for the rest.
DocumentFormat SniffFormat(std::string_view bytes, std::string_view path);

const char* DocumentFormatName(DocumentFormat format);

// When a file's name says PDF or DOCX and its content is another format (as
// SniffFormat read it): "named .pdf but not a PDF (no %PDF- header); read as
// text" (or markdown, html, docx); "" when the name and the content agree or
// the name promises no format.
std::string FormatMismatch(std::string_view path, DocumentFormat format);

}  // namespace timecite::linker
