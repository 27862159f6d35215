// The one HTML5 front end: bytes -> gumbo's tree (Debian libgumbo, WHATWG
// tree construction, https://html.spec.whatwg.org/#tree-construction), with
// the limits every reader of HTML shares. Two walkers read the tree: the
// indexer's (to a pugixml DOM queried by XPath, indexer/html.h) and the
// report reader's (text with line origins, linker/document/reader_html.h).
//
// Malformed markup is read as a browser reads it; invalid UTF-8 becomes
// U+FFFD. Comments stay in the tree (walkers skip them). Byte caps are the
// caller's: a fetched page and an input report have their own.
//
// Thread safety: Parse is reentrant; an HtmlTree is immutable and may be read
// by several threads. Ownership: the tree owns gumbo's output and frees it.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string_view>

#include "common/status.h"

namespace timecite::html {

// Deepest element nesting accepted, in gumbo's tree. A real page nests a few
// dozen levels; gumbo frees its tree recursively (a frame per level) and the
// report reader walks it recursively (~4 KiB a level under AddressSanitizer,
// which overflowed an 8 MiB stack at ~1,900 levels).
inline constexpr int kMaxHtmlDepth = 512;

class HtmlTree {
 public:
  // Parses `bytes`. Errors: InvalidArgument "HTML nests elements deeper than
  // 512 levels" when the tags (estimated before parsing, so a hostile input
  // costs no tree) or the built tree (tables nest four levels per <table>)
  // nest deeper than kMaxHtmlDepth; IoError when gumbo fails (out of memory).
  static Result<HtmlTree> Parse(std::string_view bytes);

  // The document node; its descendants are elements, text, whitespace,
  // CDATA, comments and templates. Valid while this HtmlTree lives.
  const GumboNode& document() const { return *output_->document; }

 private:
  struct Deleter {
    void operator()(GumboOutput* output) const;
  };
  explicit HtmlTree(GumboOutput* output) : output_(output) {}
  std::unique_ptr<GumboOutput, Deleter> output_;
};

}  // namespace timecite::html
