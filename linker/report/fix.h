// `check --fix`: a corrected copy of a text or Markdown document, with the
// URLs of some citations replaced (a corrected URL, the canonical link, a deep
// link to the moment, an archive copy). Only the bytes of each URL as written
// change — the BOM, line endings (CRLF kept), fenced code blocks, comments and
// everything else stay byte-exact. The original file is never written: the
// caller writes the result elsewhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "linker/checks/rules.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"

namespace timecite::linker {

// Replace the URL of citations[citation] with `url`.
struct UrlReplacement {
  std::size_t citation = 0;  // index into the citations given to FixDocument
  std::string url;           // the new URL, as it is to be written
};

// Returns `original` (the file's bytes, as given to DocumentFromBytes for
// `doc`) with each replacement's URL span (Citation::url_begin/url_end, byte
// offsets in doc.text mapped back through the BOM and CRLF normalisation)
// replaced. Replacements may come in any order; two for the same citation
// must agree. A replacement equal to the URL as written changes nothing.
// Errors: Unsupported for formats whose text is rebuilt (HTML, DOCX, PDF);
// InvalidArgument for a citation index out of range, an empty URL or one with
// white space or control characters, two different URLs for one citation, or
// when `original` is not the text `doc` was built from (the span does not
// hold the citation's URL as written).
Result<std::string> FixDocument(
    std::string_view original, const Document& doc,
    const std::vector<Citation>& citations,
    const std::vector<UrlReplacement>& replacements);

// The corrected URL a checked citation's findings suggest, or "" when none
// does: the suggestion of the most specific of the rules whose suggestion is
// a URL (asset-id-conflict, asset-id-malformed, asset-folder-mismatch,
// legacy-url, tracking-parameter, link-redirected, link-broken, soft-404,
// asset-removed), from a finding that is not info and that parses as a URL.
// pipeline::FixReport (`check --fix`) and the server's fixed download apply it.
std::string SuggestedUrl(const CheckedCitation& c);

}  // namespace timecite::linker
