// libFuzzer target: HTML reports through the HTML reader (gumbo) and
// citation extraction. Every origin the report would print must exist.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linker/citations/citation.h"
#include "linker/document/reader_html.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = timecite::linker::ReadHtml("fuzz.html", bytes);
  if (!doc.ok()) return 0;
  if (doc->line_origins.size() != doc->line_count()) __builtin_trap();
  for (const auto& c : timecite::linker::ExtractCitations(*doc)) {
    if (c.line < 1 || static_cast<std::size_t>(c.line) > doc->line_count()) __builtin_trap();
  }
  return 0;
}
