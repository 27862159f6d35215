#include "linker/report/fix.h"

#include <algorithm>
#include <map>

#include "common/url.h"

namespace timecite::linker {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Maps byte offsets of Document::text back to the file's bytes: the BOM that
// DocumentFromBytes dropped, and one byte for every CRLF it made one LF.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view original) {
    bom_ = original.starts_with(kBom) ? kBom.size() : 0;
    std::size_t text_offset = 0;
    for (std::size_t i = bom_; i < original.size(); ++i, ++text_offset) {
      if (original[i] == '\r' && i + 1 < original.size() &&
          original[i + 1] == '\n') {
        collapsed_.push_back(
            text_offset);  // the LF at text_offset stands for "\r\n"
        ++i;
      }
    }
    text_size_ = text_offset;
  }
  std::size_t text_size() const { return text_size_; }
  // The file offset of text offset `t`.
  std::size_t ToOriginal(std::size_t t) const {
    const auto before =
        std::lower_bound(collapsed_.begin(), collapsed_.end(), t);
    return bom_ + t + static_cast<std::size_t>(before - collapsed_.begin());
  }

 private:
  std::size_t bom_ = 0;
  std::size_t text_size_ = 0;
  std::vector<std::size_t> collapsed_;  // text offsets of LFs that were CRLF
};

// True when `written` is `span` with some characters removed (the invisible
// ones FindUrls drops).
bool IsSubsequence(std::string_view written, std::string_view span) {
  std::size_t i = 0;
  for (char c : span) {
    if (i < written.size() && written[i] == c) ++i;
  }
  return i == written.size();
}

bool IsWritableUrl(std::string_view url) {
  if (url.empty()) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

}  // namespace

Result<std::string> FixDocument(
    std::string_view original, const Document& doc,
    const std::vector<Citation>& citations,
    const std::vector<UrlReplacement>& replacements) {
  if (doc.format != DocumentFormat::kText &&
      doc.format != DocumentFormat::kMarkdown) {
    return Status::Unsupported(
        doc.path +
        ": --fix rewrites text and Markdown only (this document's text "
        "is rebuilt from HTML, DOCX or PDF)");
  }
  const OffsetMap map(original);
  if (map.text_size() != doc.text.size()) {
    return Status::InvalidArgument(
        doc.path + ": the file is not the one that was checked");
  }
  // citation index -> new URL; ordered by index, re-sorted by offset below.
  std::map<std::size_t, const std::string*> chosen;
  for (const UrlReplacement& r : replacements) {
    if (r.citation >= citations.size()) {
      return Status::InvalidArgument(
          "fix: citation " + std::to_string(r.citation) + " out of range (" +
          std::to_string(citations.size()) + " citations)");
    }
    const Citation& c = citations[r.citation];
    if (!IsWritableUrl(r.url)) {
      return Status::InvalidArgument(
          c.source + ":" + std::to_string(c.line) + ": replacement URL \"" +
          r.url + "\" is empty or has white space or control characters");
    }
    auto [it, inserted] = chosen.emplace(r.citation, &r.url);
    if (!inserted && *it->second != r.url) {
      return Status::InvalidArgument(
          c.source + ":" + std::to_string(c.line) +
          ": two different replacements for one URL");
    }
  }

  struct Edit {
    std::size_t begin, end;  // in `original`
    const std::string* url;
  };
  std::vector<Edit> edits;
  edits.reserve(chosen.size());
  for (const auto& [index, url] : chosen) {
    const Citation& c = citations[index];
    if (c.url_begin >= c.url_end || c.url_end > doc.text.size()) {
      return Status::InvalidArgument(
          c.source + ":" + std::to_string(c.line) +
          ": citation has no URL span in this document");
    }
    const std::string_view in_text =
        std::string_view(doc.text).substr(c.url_begin, c.url_end - c.url_begin);
    const Edit e{map.ToOriginal(c.url_begin), map.ToOriginal(c.url_end), url};
    const std::string_view in_file = original.substr(e.begin, e.end - e.begin);
    if (in_file != in_text || !IsSubsequence(c.url_written, in_text)) {
      return Status::InvalidArgument(c.source + ":" + std::to_string(c.line) +
                                     ":" + std::to_string(c.column) +
                                     ": the URL \"" + c.url_written +
                                     "\" is not where it was found");
    }
    edits.push_back(e);
  }
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin < b.begin; });

  std::string out;
  out.reserve(original.size() + 64 * edits.size());
  std::size_t at = 0;
  for (const Edit& e : edits) {
    if (e.begin < at)
      return Status::InvalidArgument("fix: two citations share one URL span");
    out.append(original.substr(at, e.begin - at));
    out.append(*e.url);
    at = e.end;
  }
  out.append(original.substr(at));
  return out;
}

namespace {

// Rules whose suggestion is a corrected URL, most specific first.
constexpr const char* kUrlFixRules[] = {
    "asset-id-conflict", "asset-id-malformed", "asset-folder-mismatch",
    "legacy-url",        "tracking-parameter", "link-redirected",
    "link-broken",       "soft-404",           "asset-removed"};

}  // namespace

std::string SuggestedUrl(const CheckedCitation& c) {
  for (const char* rule : kUrlFixRules) {
    for (const auto& f : c.findings) {
      // An info finding (a settled conflict, a redirected player id) does
      // not rewrite a link that works.
      if (f.rule == rule && f.severity != Severity::kInfo &&
          !f.suggestion.empty() && ParseUrl(f.suggestion).ok()) {
        return f.suggestion;
      }
    }
  }
  return "";
}

}  // namespace timecite::linker
