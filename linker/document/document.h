// A source document loaded into memory: the bytes as read, validated UTF-8,
// with a line table for locations. Readers for other formats (DOCX, PDF, HTML:
// linker/reader_*.h) produce the same shape from rebuilt text.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace timecite::linker {

enum class DocumentFormat { kText, kMarkdown, kHtml, kDocx, kPdf };

struct Document {
  std::string path;  // as given by the user ("-" for standard input)
  DocumentFormat format = DocumentFormat::kText;
  // Valid UTF-8; CRLF and CR normalised to LF; no BOM. In Markdown, HTML
  // comments and fenced code blocks are replaced by spaces (newlines kept),
  // so their URLs are not citations and locations stay exact.
  std::string text;
  // Byte offset of the first byte of each line in `text`; line N (1-based)
  // starts at line_starts[N-1].
  std::vector<std::size_t> line_starts;
  // For formats whose text is rebuilt by a reader (DOCX, PDF, HTML): where
  // each line of `text` came from, e.g. "page 3, line 12" or
  // "footnote 13, paragraph 2"; index = line - 1. Empty for text and
  // Markdown, whose lines and columns are the file's own.
  std::vector<std::string> line_origins;
  // URLs a reader joined across a line break at a hyphen it dropped, with no
  // link annotation to say whether the hyphen belongs to the URL (PDF:
  // "…/OEWG-" + "report.pdf" is read "…/OEWGreport.pdf"). Each entry: the
  // origin of the line the URL starts on (as line_origins) and the URL up to
  // where the hyphen was. Extraction turns them into
  // Citation::url_alternative; the online check keeps the form that answers.
  struct HyphenBreak {
    std::string origin;
    std::string url_prefix;
  };
  std::vector<HyphenBreak> url_hyphen_breaks;

  std::size_t line_count() const { return line_starts.size(); }
  // Line N (1-based) without its terminating '\n'. REQUIRES: 1 <= n <= count.
  std::string_view Line(std::size_t n) const;
  // 1-based line and 1-based column (in code points) of byte `offset`.
  void Locate(std::size_t offset, int* line, int* column) const;
};

// Maximum size read from one document, in bytes (64 MiB).
inline constexpr std::size_t kMaxDocumentBytes = 64u << 20;

// Builds a Document from bytes already in memory. Errors: InvalidArgument for
// invalid UTF-8 (naming line and column of the first bad byte), for NUL bytes
// (a binary file), or for input over kMaxDocumentBytes.
Result<Document> DocumentFromBytes(std::string path, std::string bytes);

// Largest input file read for any format, in bytes (256 MiB: a DOCX or PDF
// carries images; their text is still held to kMaxDocumentBytes).
inline constexpr std::size_t kMaxInputBytes = 256u << 20;

// Builds a Document from a file's bytes in any supported format. UTF-16 with a
// byte-order mark is first converted to UTF-8. The format is sniffed from the
// content with the file name as a hint (reader_common.h SniffFormat): DOCX
// (linker/document/reader_docx.h), PDF (reader_pdf.h), HTML (reader_html.h), else text
// or Markdown (DocumentFromBytes). Errors: InvalidArgument for UTF-16 of odd
// length or with an unpaired surrogate, UTF-32, an empty file named .docx or
// .pdf; those of the reader chosen.
Result<Document> ReadDocument(std::string path, std::string bytes);

// Reads a file ("-" reads standard input) and builds its Document with
// ReadDocument. A pipe, a FIFO or a device is read in chunks up to
// kMaxInputBytes. Errors: IoError when the file or standard input cannot be
// read (a directory included; "standard input: ..." for "-"),
// InvalidArgument for input over kMaxInputBytes, plus those of ReadDocument.
Result<Document> LoadDocument(const std::string& path);

}  // namespace timecite::linker
