// libFuzzer target: DOCX bytes through the DOCX reader (libzip + pugixml)
// and citation extraction, with small unpacking limits so that a zip bomb
// found by the fuzzer is refused quickly instead of exhausting memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linker/citations/citation.h"
#include "linker/document/reader_docx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  timecite::linker::DocxLimits limits;
  limits.max_entries = 1000;
  limits.max_entry_bytes = 8u << 20;
  limits.max_total_bytes = 16u << 20;
  auto doc = timecite::linker::ReadDocx("fuzz.docx", bytes, limits);
  if (!doc.ok()) return 0;
  if (doc->line_origins.size() != doc->line_count()) __builtin_trap();
  for (const auto& c : timecite::linker::ExtractCitations(*doc)) {
    if (c.line < 1 || static_cast<std::size_t>(c.line) > doc->line_count()) __builtin_trap();
  }
  return 0;
}
