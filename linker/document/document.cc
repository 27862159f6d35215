#include "linker/document/document.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "common/file.h"
#include "common/utf8.h"
#include "linker/document/reader_common.h"
#include "linker/document/reader_docx.h"
#include "linker/document/reader_html.h"
#include "linker/document/reader_pdf.h"

namespace timecite::linker {

std::string_view Document::Line(std::size_t n) const {
  const std::size_t begin = line_starts[n - 1];
  std::size_t end = n < line_starts.size() ? line_starts[n] : text.size();
  if (end > begin && text[end - 1] == '\n') --end;
  return std::string_view(text).substr(begin, end - begin);
}

void Document::Locate(std::size_t offset, int* line, int* column) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const std::size_t index =
      static_cast<std::size_t>(it - line_starts.begin()) - 1;
  *line = static_cast<int>(index + 1);
  const std::string_view prefix = std::string_view(text).substr(
      line_starts[index], offset - line_starts[index]);
  *column = static_cast<int>(utf8::CodePointCount(prefix) + 1);
}

namespace {

// Replaces [begin, end) with spaces, keeping newlines (locations stay right).
void Blank(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    if (text[i] != '\n') text[i] = ' ';
  }
}

// Markdown: HTML comments and fenced code blocks are not prose; their URLs are
// not citations (as lychee's default).
void BlankMarkdownVerbatim(std::string& text) {
  for (std::size_t at = text.find("<!--"); at != std::string::npos;
       at = text.find("<!--", at)) {
    const std::size_t close = text.find("-->", at + 4);
    const std::size_t end =
        close == std::string::npos ? text.size() : close + 3;
    Blank(text, at, end);
    at = end;
  }
  std::size_t line = 0;
  std::size_t fence_start = std::string::npos;
  std::string fence;
  while (line < text.size()) {
    std::size_t eol = text.find('\n', line);
    if (eol == std::string::npos) eol = text.size();
    const std::string_view l = std::string_view(text).substr(line, eol - line);
    const std::size_t indent = l.find_first_not_of(' ');
    const std::string_view body = indent == std::string_view::npos || indent > 3
                                      ? std::string_view()
                                      : l.substr(indent);
    if (fence_start == std::string::npos) {
      if (body.starts_with("```") || body.starts_with("~~~")) {
        fence = std::string(body.substr(0, 3));
        fence_start = line;
      }
    } else if (body.starts_with(fence)) {
      Blank(text, fence_start, eol);
      fence_start = std::string::npos;
    }
    line = eol + 1;
  }
  if (fence_start != std::string::npos) Blank(text, fence_start, text.size());
}

}  // namespace

Result<Document> DocumentFromBytes(std::string path, std::string bytes) {
  if (bytes.size() > kMaxDocumentBytes) {
    return Status::InvalidArgument(path + ": larger than " +
                                   std::to_string(kMaxDocumentBytes >> 20) +
                                   " MiB");
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  Document doc;
  doc.path = std::move(path);
  if (bytes.find('\r') == std::string::npos) {
    doc.text = std::move(bytes);  // the common case: nothing to convert
  } else {
    doc.text.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (bytes[i] == '\r') {
        doc.text.push_back('\n');
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      } else {
        doc.text.push_back(bytes[i]);
      }
    }
  }
  doc.line_starts.push_back(0);
  for (std::size_t i = doc.text.find('\n');
       i != std::string::npos && i + 1 < doc.text.size();
       i = doc.text.find('\n', i + 1)) {
    doc.line_starts.push_back(i + 1);
  }
  if (const std::size_t nul = doc.text.find('\0'); nul != std::string::npos) {
    int line, column;
    doc.Locate(nul, &line, &column);
    return Status::InvalidArgument(
        doc.path + ":" + std::to_string(line) +
        ": contains a NUL byte; not a text document");
  }
  if (const std::size_t bad = utf8::FindInvalid(doc.text);
      bad != std::string::npos) {
    int line, column;
    doc.Locate(bad, &line, &column);
    return Status::InvalidArgument(doc.path + ":" + std::to_string(line) + ":" +
                                   std::to_string(column) +
                                   ": invalid UTF-8 (save the file as UTF-8)");
  }
  const std::string ext = std::filesystem::path(doc.path).extension().string();
  if (ext == ".md" || ext == ".markdown" || ext == ".MD") {
    doc.format = DocumentFormat::kMarkdown;
    BlankMarkdownVerbatim(doc.text);
  }
  return doc;
}

namespace {

// UTF-16 text with its byte-order mark (Windows Notepad's "Unicode") as
// UTF-8 without a BOM; nullopt when `bytes` does not start with one. Errors:
// InvalidArgument for an odd length or an unpaired surrogate.
Result<std::optional<std::string>> Utf16ToUtf8(const std::string& path,
                                               std::string_view bytes) {
  const bool le = bytes.starts_with("\xFF\xFE");
  const bool be = bytes.starts_with("\xFE\xFF");
  if (!le && !be) return std::optional<std::string>();
  if (bytes.size() >= 4 && le && bytes[2] == '\0' && bytes[3] == '\0') {
    return Status::InvalidArgument(
        path + ": UTF-32 text is not supported (save the file as UTF-8)");
  }
  if (bytes.size() % 2 != 0) {
    return Status::InvalidArgument(
        path + ": UTF-16 text with an odd number of bytes (truncated?)");
  }
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return le ? static_cast<char32_t>(a | (b << 8))
              : static_cast<char32_t>((a << 8) | b);
  };
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 2; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size() &&
        unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      return Status::InvalidArgument(
          path + ": invalid UTF-16 (an unpaired surrogate at byte " +
          std::to_string(i) + ")");
    }
    utf8::Append(cp, &out);
  }
  return std::optional<std::string>(std::move(out));
}

}  // namespace

Result<Document> ReadDocument(std::string path, std::string bytes) {
  auto utf16 = Utf16ToUtf8(path, bytes);
  if (!utf16.ok()) return utf16.status();
  if (utf16->has_value()) bytes = std::move(**utf16);
  if (bytes.empty()) {
    // An empty text is a text without citations, but an empty DOCX or PDF is
    // a failed download or save.
    const std::string ext = LowerExtension(path);
    if (ext == ".docx" || ext == ".pdf") {
      return Status::InvalidArgument(path + ": empty file, not a " +
                                     (ext == ".pdf" ? "PDF" : "DOCX") +
                                     " document");
    }
  }
  switch (SniffFormat(bytes, path)) {
    case DocumentFormat::kDocx:
      return ReadDocx(std::move(path), bytes);
    case DocumentFormat::kPdf:
      return ReadPdf(std::move(path), bytes);
    case DocumentFormat::kHtml:
      return ReadHtml(std::move(path), bytes);
    case DocumentFormat::kText:
    case DocumentFormat::kMarkdown:
      break;
  }
  return DocumentFromBytes(std::move(path), std::move(bytes));
}

Result<Document> LoadDocument(const std::string& path) {
  if (path == "-") {
    auto bytes = ReadAll(STDIN_FILENO, "standard input", kMaxInputBytes);
    if (!bytes.ok()) return bytes.status();
    return ReadDocument(path, std::move(bytes).value());
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
  auto bytes = ReadAll(fd, path, kMaxInputBytes);
  ::close(fd);
  if (!bytes.ok()) return bytes.status();
  return ReadDocument(path, std::move(bytes).value());
}

}  // namespace timecite::linker
