// Word (DOCX, Office Open XML, ECMA-376 Part 1) reports → Document
// (linker/document/reader_common.h describes the rebuilt text).
//
// The archive is opened with libzip and its parts parsed with pugixml:
//   - word/document.xml: every paragraph (w:p) of the body, tables and
//     content controls included, in order; deleted text (w:del) skipped;
//   - word/footnotes.xml and word/endnotes.xml: each note's paragraphs,
//     separators (w:type="separator"…, w:id -1 and 0) skipped;
//   - hyperlinks: w:hyperlink r:id through word/_rels/<part>.rels
//     (TargetMode="External"), w:fldSimple and complex fields (w:fldChar +
//     w:instrText) whose instruction is HYPERLINK "url";
//   - footnote references in the body (w:footnoteReference,
//     w:endnoteReference), written "[^N]".
// Footnotes are numbered as Word shows them: in the order of their first
// reference in the body (unreferenced ones after, by id). Endnotes follow the
// footnotes' numbers (1..F for footnotes, F+1.. for endnotes) so that each
// note has one number; their origin names them "endnote K".
// Origins: "paragraph 7" (the 7th non-empty body paragraph),
// "footnote 13, paragraph 2", "endnote 2, paragraph 1".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "linker/document/document.h"

namespace timecite::linker {

// Bounds on what a DOCX may make timecite unpack (a zip bomb is refused).
struct DocxLimits {
  std::int64_t max_entries = 10'000;              // entries in the archive
  std::uint64_t max_entry_bytes = 256ull << 20;   // uncompressed, per part read
  std::uint64_t max_total_bytes = 256ull << 20;   // uncompressed, all entries
};

// Errors (all InvalidArgument, message prefixed with `path`): not a ZIP
// archive or a truncated one; no word/document.xml (not a Word document);
// more entries or more uncompressed bytes than `limits` allow ("zip bomb");
// a damaged entry (CRC or inflate error); malformed XML (naming the part and
// the byte offset); invalid UTF-8 in the text.
Result<Document> ReadDocx(std::string path, std::string_view bytes,
                          const DocxLimits& limits = DocxLimits());

}  // namespace timecite::linker
