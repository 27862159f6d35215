// libFuzzer target: PDF bytes through the PDF reader (poppler-cpp, line
// grouping, footnote and wrapped-URL rebuilding) and citation extraction.
// Also the link annotations on their own (poppler-glib).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linker/citations/citation.h"
#include "linker/document/pdf_links.h"
#include "linker/document/reader_pdf.h"

// poppler looks up substitutes for non-embedded fonts through fontconfig,
// which keeps (and never frees) a pattern per lookup: not timecite's leak.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)timecite::linker::PdfLinkAnnotations(bytes);
  auto doc = timecite::linker::ReadPdf("fuzz.pdf", bytes);
  if (!doc.ok()) return 0;
  if (doc->line_origins.size() != doc->line_count()) __builtin_trap();
  for (const auto& c : timecite::linker::ExtractCitations(*doc)) {
    if (c.line < 1 || static_cast<std::size_t>(c.line) > doc->line_count())
      __builtin_trap();
  }
  return 0;
}
