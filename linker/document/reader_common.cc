#include "linker/document/reader_common.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/utf8.h"
#include "linker/document/urls.h"

namespace timecite::linker {

void RebuiltText::AddLine(std::string_view line, std::string origin) {
  std::string clean;
  clean.reserve(line.size());
  for (char ch : line) {
    const auto u = static_cast<unsigned char>(ch);
    clean.push_back(u < 0x20 || u == 0x7F ? ' ' : ch);
  }
  const std::size_t last = clean.find_last_not_of(' ');
  if (last == std::string::npos) return;
  clean.erase(last + 1);
  lines_.push_back(std::move(clean));
  origins_.push_back(std::move(origin));
}

void RebuiltText::ParagraphBreak() {
  if (lines_.empty() || lines_.back().empty()) return;
  lines_.emplace_back();
  origins_.emplace_back();
}

Result<Document> RebuiltText::Finish(std::string path, DocumentFormat format) && {
  while (!lines_.empty() && lines_.back().empty()) {
    lines_.pop_back();
    origins_.pop_back();
  }
  Document doc;
  doc.path = std::move(path);
  doc.format = format;
  std::size_t size = 0;
  for (const std::string& l : lines_) size += l.size() + 1;
  if (size > kMaxDocumentBytes) {
    return Status::InvalidArgument(doc.path + ": text larger than " +
                                   std::to_string(kMaxDocumentBytes >> 20) + " MiB");
  }
  doc.text.reserve(size);
  doc.line_starts.reserve(lines_.size());
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (const std::size_t bad = utf8::FindInvalid(lines_[i]); bad != std::string::npos) {
      return Status::InvalidArgument(doc.path + ": " + origins_[i] +
                                     ": invalid UTF-8 in the document's text");
    }
    doc.line_starts.push_back(doc.text.size());
    doc.text += lines_[i];
    doc.text.push_back('\n');
  }
  if (doc.line_starts.empty()) doc.line_starts.push_back(0);
  doc.line_origins = std::move(origins_);
  if (doc.line_origins.size() < doc.line_starts.size()) doc.line_origins.resize(doc.line_starts.size());
  return doc;
}

namespace {

bool StartsWithHttp(std::string_view url) {
  auto lower = [](std::string_view s, std::size_t n) {
    std::string out(s.substr(0, n));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  return lower(url, 7) == "http://" || lower(url, 8) == "https://";
}

// The URL with characters that would end it in prose percent-encoded.
std::string Escape(std::string_view url) {
  std::string out;
  for (char ch : url) {
    switch (ch) {
      case ' ': out += "%20"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      case '"': out += "%22"; break;
      case '\t': case '\n': case '\r': break;
      default: out.push_back(ch);
    }
  }
  return out;
}

}  // namespace

void AppendLink(std::string_view visible, std::string_view url, std::string* out) {
  std::string target = CollapseSpaces(url);
  if (!StartsWithHttp(target)) {
    out->append(visible);
    return;
  }
  target = Escape(target);
  const std::vector<FoundUrl> found = FindUrls(visible);
  for (const FoundUrl& f : found) {
    if (f.url == target) {
      out->append(visible);
      return;
    }
  }
  if (!found.empty()) {
    // The visible URL differs from the target: the target is what is cited.
    const FoundUrl& f = found.front();
    out->append(visible.substr(0, f.begin));
    out->append(target);
    out->append(visible.substr(f.end));
    return;
  }
  const std::size_t before = out->size();
  out->append(visible);
  if (out->size() > before && out->back() != ' ') out->push_back(' ');
  out->append("<").append(target).append(">");
}

void AppendFootnoteRef(int number, std::string* out) {
  const std::size_t space = out->find_last_of(" \t");
  const std::string_view last_word =
      std::string_view(*out).substr(space == std::string::npos ? 0 : space + 1);
  if (last_word.find("://") != std::string_view::npos) out->push_back(' ');
  out->append("[^").append(std::to_string(number)).append("]");
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

std::string LowerExtension(std::string_view path) {
  std::string ext = std::filesystem::path(std::string(path)).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

DocumentFormat SniffFormat(std::string_view bytes, std::string_view path) {
  const std::string ext = LowerExtension(path);
  if (bytes.starts_with("PK\x03\x04")) return DocumentFormat::kDocx;
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return DocumentFormat::kPdf;
  std::string head(bytes.substr(0, 1024));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t start = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (start < head.size() && std::isspace(static_cast<unsigned char>(head[start]))) ++start;
  const std::string_view h = std::string_view(head).substr(start);
  const bool text_name = ext == ".md" || ext == ".markdown" || ext == ".txt";
  if (h.starts_with("<!doctype html") || h.starts_with("<html") ||
      (!text_name && h.starts_with("<") && h.find("<html") != std::string_view::npos)) {
    return DocumentFormat::kHtml;
  }
  if ((ext == ".html" || ext == ".htm" || ext == ".xhtml") && h.starts_with("<")) {
    return DocumentFormat::kHtml;
  }
  if (ext == ".md" || ext == ".markdown") return DocumentFormat::kMarkdown;
  return DocumentFormat::kText;
}

std::string FormatMismatch(std::string_view path, DocumentFormat format) {
  const std::string ext = LowerExtension(path);
  std::string what;
  if (ext == ".pdf" && format != DocumentFormat::kPdf) {
    what = "named .pdf but not a PDF (no %PDF- header)";
  } else if (ext == ".docx" && format != DocumentFormat::kDocx) {
    what = "named .docx but not a DOCX (not a ZIP archive)";
  } else {
    return "";
  }
  return what + "; read as " + DocumentFormatName(format);
}

const char* DocumentFormatName(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kText: return "text";
    case DocumentFormat::kMarkdown: return "markdown";
    case DocumentFormat::kHtml: return "html";
    case DocumentFormat::kDocx: return "docx";
    case DocumentFormat::kPdf: return "pdf";
  }
  return "text";
}

}  // namespace timecite::linker
